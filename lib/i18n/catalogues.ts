// Each locale's whole catalogue, for code that knows the locale already: pages (getT), API errors
// (lib/http/errors.ts), exports, and the command-line tools, which have no request (cliLocale).
import type { Locale } from "./locales";
import { en } from "./messages/en";
import { zhCN, type Messages } from "./messages/zh-CN";
import { createT, type Translate } from "./translate";

const CATALOGUES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** `t` for a locale known without a request. */
export function translatorFor(locale: Locale): Translate {
  return createT(locale, messagesFor(locale));
}

import "server-only";
import { getLocale } from "./get-locale";
import type { Locale } from "./locales";
import { en } from "./messages/en";
import { zhCN, type Messages } from "./messages/zh-CN";
import { createT, type Translate } from "./translate";

const CATALOGUES: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

/** For server components, route handlers and actions: `const t = await getT(); t("nav.search")`. */
export async function getT(): Promise<Translate> {
  const locale = await getLocale();
  return createT(locale, messagesFor(locale));
}

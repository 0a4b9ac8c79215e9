// The translate function shared by the server helper (getT) and the client hook (useT).
import type { Locale } from "./locales";
import type { MessageKey, Messages } from "./messages/zh-CN";

export type MessageVars = Record<string, string | number>;

export interface Translate {
  (key: MessageKey, vars?: MessageVars): string;
  readonly locale: Locale;
}

// Only the English catalogue writes plural forms: Chinese counts need none.
const ENGLISH_PLURAL = new Intl.PluralRules("en");

/**
 * Fills {name} placeholders, and plural forms {name|one|other}: "{count|# error|# errors}" reads "1 error" or
 * "3 errors" (# stands for the value; a value that is not a number takes the other form). Values are plain
 * text; React escapes them when rendered.
 */
export function interpolate(template: string, vars: MessageVars = {}): string {
  return template.replace(/\{(\w+)(?:\|([^{}|]*)\|([^{}|]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!Object.hasOwn(vars, name)) return whole;
    const value = String(vars[name]);
    if (one === undefined || other === undefined) return value;
    return (ENGLISH_PLURAL.select(Number(vars[name])) === "one" ? one : other).replaceAll("#", value);
  });
}

export function createT(locale: Locale, messages: Messages): Translate {
  return Object.assign((key: MessageKey, vars?: MessageVars) => interpolate(messages[key], vars), { locale });
}

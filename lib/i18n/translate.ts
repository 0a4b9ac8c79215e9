// The translate function shared by the server helper (getT) and the client hook (useT).
import type { Locale } from "./locales";
import type { MessageKey, Messages } from "./messages/zh-CN";

export type MessageVars = Record<string, string | number>;

export interface Translate {
  (key: MessageKey, vars?: MessageVars): string;
  readonly locale: Locale;
}

/** Fills {name} placeholders. Values are plain text; React escapes them when rendered. */
export function interpolate(template: string, vars: MessageVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

export function createT(locale: Locale, messages: Messages): Translate {
  return Object.assign((key: MessageKey, vars?: MessageVars) => interpolate(messages[key], vars), { locale });
}

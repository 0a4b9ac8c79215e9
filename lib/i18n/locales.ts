// Which locales exist and how the choice is stored. Safe to import from client and server code.
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
/** Each language named in itself, for the switch (so not translated). */
export const LOCALE_NAMES: Record<Locale, string> = { "zh-CN": "中文", en: "English" };
export const DEFAULT_LOCALE: Locale = "zh-CN";
/** The cookie set by POST /locale and read by getLocale(). */
export const LOCALE_COOKIE = "locale";

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/**
 * The reader's locale: the `locale` cookie's when it names one, else the signed-in user's stored choice
 * (`User.locale`, when the caller has it), else the default. Pages (getLocale) and API errors take this order.
 */
export function localeFromCookie(value: string | undefined, stored: Locale | null = null): Locale {
  return isLocale(value) ? value : (stored ?? DEFAULT_LOCALE);
}

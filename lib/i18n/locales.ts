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

/** The locale a `locale` cookie value names, else the default. */
export function localeFromCookie(value: string | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

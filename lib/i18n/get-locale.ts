import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { LOCALE_COOKIE, localeFromCookie, type Locale } from "./locales";

/** The visitor's locale for this request: the `locale` cookie if valid, else Simplified Chinese. */
export const getLocale = cache(async (): Promise<Locale> => {
  return localeFromCookie((await cookies()).get(LOCALE_COOKIE)?.value);
});

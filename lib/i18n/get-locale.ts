import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getActorLocale } from "../auth/session";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./locales";

/**
 * The visitor's locale for this request: the `locale` cookie if valid, else the signed-in user's stored
 * choice (a new browser, cleared cookies), else Simplified Chinese.
 */
export const getLocale = cache(async (): Promise<Locale> => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return (await getActorLocale()) ?? DEFAULT_LOCALE;
});

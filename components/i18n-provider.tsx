"use client";

import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages/zh-CN";
import { createT, type Translate } from "@/lib/i18n/translate";

const I18nContext = createContext<Translate | null>(null);

// For browser code outside React (the fetch client's fallback message): the translate function of
// the page's provider. Set while rendering in the browser only; on the server requests share modules.
let pageT: Translate | null = null;

export function activeT(): Translate | null {
  return pageT;
}

/** Set once in the root layout with the request's locale and only that locale's messages. */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const t = useMemo(() => createT(locale, messages), [locale, messages]);
  if (typeof window !== "undefined") pageT = t;
  return <I18nContext.Provider value={t}>{children}</I18nContext.Provider>;
}

/** For client components: `const t = useT(); t("auth.signIn")`. */
export function useT(): Translate {
  const t = useContext(I18nContext);
  if (!t) throw new Error("useT() must be used inside <I18nProvider> (set in app/layout.tsx)");
  return t;
}

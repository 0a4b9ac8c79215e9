"use client";

import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages/zh-CN";
import { createT, type Translate } from "@/lib/i18n/translate";

const I18nContext = createContext<Translate | null>(null);

/** Set once in the root layout with the request's locale and only that locale's messages. */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const t = useMemo(() => createT(locale, messages), [locale, messages]);
  return <I18nContext.Provider value={t}>{children}</I18nContext.Provider>;
}

/** For client components: `const t = useT(); t("auth.signIn")`. */
export function useT(): Translate {
  const t = useContext(I18nContext);
  if (!t) throw new Error("useT() must be used inside <I18nProvider> (set in app/layout.tsx)");
  return t;
}

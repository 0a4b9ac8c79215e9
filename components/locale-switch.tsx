"use client";

import { usePathname } from "next/navigation";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { useT } from "./i18n-provider";

/**
 * A plain form POST to /locale, so it works before hydration too. `next` brings the user back to
 * this page; the query string is added at submit time (reading it while rendering would need
 * useSearchParams and a Suspense boundary around the whole header).
 */
export function LocaleSwitch() {
  const t = useT();
  const pathname = usePathname();
  const target = t.locale === "en" ? "zh-CN" : "en";
  return (
    <form
      action="/locale"
      method="post"
      onSubmit={(e) => {
        const next = e.currentTarget.elements.namedItem("next");
        if (next instanceof HTMLInputElement) next.value = `${window.location.pathname}${window.location.search}`;
      }}
    >
      <input type="hidden" name="locale" value={target} />
      <input type="hidden" name="next" value={pathname} />
      <button
        type="submit"
        data-testid="locale-switch"
        className="rounded px-2 py-1 text-slate-800 underline underline-offset-2 hover:bg-slate-100"
      >
        <span className="sr-only">{t("locale.switchPrefix")}</span>
        <span lang={target}>{LOCALE_NAMES[target]}</span>
      </button>
    </form>
  );
}

"use client";

import Link from "next/link";
import { useT } from "@/components/i18n-provider";

/**
 * The error boundary for pages. Shows only a generic sentence and the digest (which matches the
 * server log line), never the message or stack: those can carry internal details.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <section data-testid="error" role="alert" aria-labelledby="error-title" className="mx-auto max-w-xl py-8">
      <title>{`${t("error.title")} · ${t("app.name")}`}</title>
      <h1 id="error-title" className="text-2xl font-bold">{t("error.title")}</h1>
      <p className="mt-3 text-slate-700">{t("error.body")}</p>
      {digest && (
        <p className="mt-3 text-slate-700">
          {t("error.requestId")}
          {t("punct.colon")}
          <code data-testid="error-digest" className="rounded bg-slate-100 px-1 py-0.5">{digest}</code>
        </p>
      )}
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="button" onClick={() => retry()} className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
          {t("error.retry")}
        </button>
        <Link href="/" className="rounded-md px-4 py-2 text-blue-700 underline underline-offset-2 hover:text-blue-900">
          {t("backHome")}
        </Link>
      </div>
    </section>
  );
}

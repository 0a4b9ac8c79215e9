"use client";
// 常见问法 of one unit, shown to the owner of its policy in the reader: the wordings search uses for it,
// where each came from, a remove button per wording and a form to add one. The server checks the scope.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";
import { useT } from "@/components/i18n-provider";
import { ActionForm } from "@/components/questions/action-form";
import { withNodes } from "@/components/rich-text";

export interface UnitPhrasingView {
  id: string;
  text: string;
  source: "RESOLUTION" | "CLICK" | "DEFLECTION" | "OWNER";
  users: number;
  /** used by search now (a click-only wording waits for more people) */
  active: boolean;
}

export function UnitPhrasings({ policyId, label, rows, maxChars }: { policyId: string; label: string; rows: UnitPhrasingView[]; maxChars: number }) {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const testLabel = encodeURIComponent(label);
  const remove = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await api(`/api/phrasings/${id}/remove`, { body: {} });
      router.refresh();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(null);
    }
  };
  return (
    <details className="mt-3 rounded-md border border-slate-300 p-3 text-sm" data-testid={`phrasings-${testLabel}`}>
      <summary className="cursor-pointer font-medium text-blue-700">{t("phrasings.summary", { count: rows.length })}</summary>
      <p className="mt-2 text-slate-600">{t("phrasings.hint")}</p>
      {rows.length === 0 ? (
        <p className="mt-2 text-slate-600">{t("phrasings.empty")}</p>
      ) : (
        <ul className="mt-2 space-y-2" aria-label={t("phrasings.listLabel", { label })}>
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2" data-testid="phrasing">
              <bdi className="break-all">{r.text}</bdi>
              <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{t(`phrasings.source.${r.source}`)}</span>
              {r.users > 0 && <span className="text-xs text-slate-600">{t("phrasings.people", { count: r.users })}</span>}
              {!r.active && <span className="text-xs text-amber-800">{t("phrasings.pending")}</span>}
              <button
                type="button"
                onClick={() => void remove(r.id)}
                disabled={busy !== null}
                aria-label={t("phrasings.removeLabel", { text: r.text })}
                className="ml-auto rounded border border-red-600 px-2 py-1 text-red-700 disabled:opacity-60"
              >
                {busy === r.id ? t("phrasings.removing") : t("phrasings.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-2 rounded border border-red-400 bg-red-50 p-2 text-red-900">
          {error.message}
        </p>
      )}
      <div className="mt-3">
        <ActionForm
          action="/api/phrasings"
          testId={`add-phrasing-${testLabel}`}
          submitLabel={t("phrasings.submit")}
          build={(f) => ({ policyId, label, text: String(f.get("text") ?? "") })}
        >
          <label className="flex flex-col">
            <span>{withNodes(t("phrasings.addLabel", { max: maxChars }), { label: label ? <bdi>{label}</bdi> : t("phrasings.add") })}</span>
            <input name="text" required maxLength={maxChars} placeholder={t("phrasings.addPlaceholder")} className="rounded border border-slate-400 px-2 py-1" />
          </label>
        </ActionForm>
      </div>
    </details>
  );
}

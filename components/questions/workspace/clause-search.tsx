"use client";

import { useState } from "react";
import { useT } from "@/components/i18n-provider";
import { Snippet } from "@/components/search/snippet";
import type { Segment } from "@/lib/search/highlight";
import { api, type ApiError } from "@/components/api-client";
import { useCitations } from "./citation-context";
import type { CitableHit as Hit } from "@/lib/questions/search-clauses-for-question";


interface Preview {
  id: string;
  policyTitle: string;
  label: string;
  heading: string;
  text: string;
  isCurrent: boolean;
}

export const CLAUSE_SEARCH_INPUT_ID = "clause-search-q";

/** Search every current policy clause with the portal's engine; preview one; cite it with one click. */
export function ClauseSearch({ questionId }: { questionId: string }) {
  const t = useT();
  const { cite, chosen, options } = useCitations();
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [degraded, setDegraded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | "loading" | null>(null);

  async function openPreview(id: string) {
    setPreview("loading");
    try {
      setPreview(await api<Preview>(`/api/sections/${encodeURIComponent(id)}`));
    } catch (err) {
      setPreview(null);
      setError((err as ApiError).message);
    }
  }

  const suggested = options.filter((o) => !hits?.some((h) => h.sectionId === o.sectionId));
  return (
    <section aria-labelledby="clause-search-h" className="rounded-md border border-slate-300 bg-white p-3 text-sm" data-testid="clause-search"
      onKeyDown={(e) => { if (e.key === "Escape" && preview) { e.preventDefault(); setPreview(null); } }}>
      <h2 id="clause-search-h" className="font-semibold">{t("search.title")}</h2>
      <form role="search" className="mt-2 flex gap-2" onSubmit={async (e) => {
        e.preventDefault();
        const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
        if (!q) return;
        setBusy(true);
        setError(null);
        try {
          const r = await api<{ degraded: boolean; hits: Hit[] }>(`/api/questions/${questionId}/clauses?q=${encodeURIComponent(q)}`);
          setHits(r.hits);
          setDegraded(r.degraded);
        } catch (err) {
          const e2 = err as ApiError;
          setError(e2.fields?.q ?? e2.message);
        } finally {
          setBusy(false);
        }
      }}>
        <label htmlFor={CLAUSE_SEARCH_INPUT_ID} className="sr-only">{t("search.label")}</label>
        <input id={CLAUSE_SEARCH_INPUT_ID} name="q" type="search" maxLength={200} placeholder={t("search.placeholder")} className="min-w-0 flex-1 rounded-md border border-slate-400 px-2 py-1" />
        <button type="submit" disabled={busy} className="rounded-md bg-slate-800 px-3 py-1 font-medium text-white disabled:opacity-60">{t("search.submit")}</button>
      </form>
      <div aria-live="polite" className="mt-1">
        {busy && <p>{t("search.searching")}</p>}
        {error && <p role="alert" className="text-red-800">{error}</p>}
        {degraded && <p className="text-amber-900">{t("search.degraded")}</p>}
        {hits && hits.length === 0 && <p>{t("search.noHits")}</p>}
      </div>
      {hits && hits.length > 0 && (
        <ul className="mt-2 space-y-2" data-testid="clause-hits">
          {hits.map((h) => (
            <HitRow key={h.sectionId} sectionId={h.sectionId} label={`${h.policyTitle} ${h.label}`} heading={h.heading} snippet={h.snippet} cited={chosen.has(h.sectionId)}
              onPreview={() => openPreview(h.sectionId)} onCite={() => cite({ sectionId: h.sectionId, label: `${h.policyTitle} ${h.label}` })} t={t} />
          ))}
        </ul>
      )}
      {suggested.length > 0 && (
        <>
          <h3 className="mt-3 font-medium">{t("search.suggested")}</h3>
          <ul className="mt-1 space-y-1">
            {suggested.map((o) => (
              <HitRow key={o.sectionId} sectionId={o.sectionId} label={o.label} cited={chosen.has(o.sectionId)} onPreview={() => openPreview(o.sectionId)} onCite={() => cite(o)} t={t} />
            ))}
          </ul>
        </>
      )}
      {preview && (
        <div role="region" aria-label={t("search.preview")} className="mt-3 rounded border border-blue-300 bg-blue-50 p-2" data-testid="clause-preview">
          {preview === "loading" ? <p>{t("search.previewLoading")}</p> : (
            <>
              <p className="font-medium">{preview.policyTitle} {preview.label} {preview.heading}</p>
              <p className="mt-1 max-h-60 overflow-y-auto whitespace-pre-wrap">{preview.text}</p>
              {!preview.isCurrent && <p className="mt-1 text-amber-900">{t("search.superseded")}</p>}
              <div className="mt-2 flex gap-2">
                {preview.isCurrent && (
                  <button type="button" className="rounded border border-blue-700 px-2 py-0.5 text-blue-800" onClick={() => cite({ sectionId: preview.id, label: `${preview.policyTitle} ${preview.label}` })}>
                    {chosen.has(preview.id) ? t("search.cited") : t("search.cite")}
                  </button>
                )}
                <button type="button" autoFocus className="rounded border border-slate-500 px-2 py-0.5" onClick={() => setPreview(null)}>{t("search.closePreview")}</button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function HitRow({ sectionId, label, heading, snippet, cited, onPreview, onCite, t }: { sectionId: string; label: string; heading?: string; snippet?: Segment[]; cited: boolean; onPreview: () => void; onCite: () => void; t: ReturnType<typeof useT> }) {
  return (
    <li className="rounded border border-slate-200 p-2" data-testid="clause-hit" data-section-id={sectionId}>
      <p className="font-medium">{label}{heading ? ` ${heading}` : ""}</p>
      {snippet && <Snippet segments={snippet} />}
      <div className="mt-1 flex gap-2">
        <button type="button" className="rounded border border-slate-500 px-2 py-0.5" onClick={onPreview}>{t("search.preview")}</button>
        <button type="button" aria-pressed={cited} className="rounded border border-blue-700 px-2 py-0.5 text-blue-800 aria-pressed:bg-blue-700 aria-pressed:text-white" onClick={onCite}>{cited ? t("search.cited") : t("search.cite")}</button>
      </div>
    </li>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n-provider";
import { Snippet } from "../search/snippet";
import { api, type ApiError } from "@/components/api-client";
import { FilingForm, type FilingDefaults } from "./filing-form";
import type { CitableHit as SuggestHit } from "@/lib/questions/search-clauses-for-question";

interface Preview {
  sectionId: string;
  text: string;
  openedAt: number;
  /** set when the index still pointed at a superseded version's text */
  superseded: { version: number; currentVersion: number | null; policyId: string; label: string } | null;
}

interface SectionAnswer {
  text: string;
  policyId: string;
  label: string;
  version: number;
  isCurrent: boolean;
  currentVersion: number | null;
}

/** Search first: suggestions while typing; filing only after they were shown (or none were found). */
export function AskFlow({ defaults, initialQuery }: { defaults: FilingDefaults; initialQuery: string }) {
  const router = useRouter();
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [question, setQuestion] = useState(initialQuery);
  const [hits, setHits] = useState<SuggestHit[] | null>(null);
  const [degraded, setDegraded] = useState(false);
  const [related, setRelated] = useState(false);
  const t = useT();
  const [loading, setLoading] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [solved, setSolved] = useState(false);
  const [filing, setFiling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    api<{ id: string }>("/api/ask/sessions", { body: {} }).then((s) => setSessionId(s.id), () => setError(t("ask.sessionFailed")));
  }, []);

  useEffect(() => {
    if (!sessionId) return;
    clearTimeout(timer.current);
    const q = question.trim();
    if (q.length < 2) return;
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const r = await api<{ hits: SuggestHit[]; degraded: boolean; state: "answered" | "related" | "none" }>(`/api/ask/suggest?q=${encodeURIComponent(q.slice(0, 200))}&session=${sessionId}`);
        setHits(r.hits);
        setRelated(r.state === "related");
        setDegraded(r.degraded);
      } catch (e) {
        setError((e as ApiError).message);
      } finally {
        setLoading(false);
      }
    }, 400);
    return () => clearTimeout(timer.current);
  }, [question, sessionId]);

  const closePreview = async () => {
    if (!preview || !sessionId) return setPreview(null);
    const durationMs = Date.now() - preview.openedAt;
    setPreview(null);
    await api(`/api/ask/sessions/${sessionId}/view`, { body: { sectionId: preview.sectionId, durationMs } }).catch(() => undefined);
  };

  const openPreview = async (hit: SuggestHit) => {
    if (preview) await closePreview();
    if (preview?.sectionId === hit.sectionId) return;
    const s = await api<SectionAnswer>(`/api/sections/${hit.sectionId}`);
    const superseded = s.isCurrent ? null : { version: s.version, currentVersion: s.currentVersion, policyId: s.policyId, label: s.label };
    setPreview({ sectionId: hit.sectionId, text: s.text, openedAt: Date.now(), superseded });
    if (sessionId) await api(`/api/ask/sessions/${sessionId}/view`, { body: { sectionId: hit.sectionId, durationMs: 0 } }).catch(() => undefined);
  };

  const confirm = async (hit: SuggestHit) => {
    if (!sessionId) return;
    await closePreview();
    await api(`/api/ask/sessions/${sessionId}/deflect`, { body: { sectionId: hit.sectionId } });
    setSolved(true);
  };

  if (solved) {
    return (
      <div role="status" data-testid="deflected" className="rounded-md border border-green-500 bg-green-50 p-4">
        <p className="font-medium">{t("ask.deflected")}</p>
        <p className="mt-2 text-sm">{t("ask.deflectedThanks")}<Link className="text-blue-700 underline" href="/search">{t("ask.keepSearching")}</Link></p>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <div>
        <label htmlFor="question" className="block font-medium">{t("ask.question")}</label>
        <p id="question-hint" className="text-sm text-slate-600">{t("ask.questionHint")}</p>
        <textarea
          id="question"
          aria-describedby="question-hint"
          value={question}
          maxLength={5000}
          rows={4}
          className="mt-1 w-full rounded-md border border-slate-400 p-3"
          onChange={(e) => setQuestion(e.target.value)}
        />
      </div>
      {error && <p role="alert" className="text-red-800">{error}</p>}
      <section aria-labelledby="suggestions" aria-busy={loading}>
        <h2 id="suggestions" className="text-lg font-semibold">{t("ask.suggestions")}</h2>
        {degraded && <p role="status" className="mt-2 text-sm text-amber-900">{t("ask.degraded")}</p>}
        {hits === null ? (
          <p className="mt-2 text-sm text-slate-600">{t("ask.suggestionsIdle")}</p>
        ) : hits.length === 0 ? (
          <p data-testid="no-suggestions" className="mt-2">{t("ask.noSuggestions")}</p>
        ) : (
          <>
          {related && <p role="note" data-testid="suggestions-related" className="mt-2 text-sm text-slate-700"><span className="font-medium">{t("search.related.title")}</span>{t("punct.colon")}{t("search.related.hint")}</p>}
          <ol className="mt-2 space-y-3" data-testid="suggestions">
            {hits.map((h) => (
              <li key={h.sectionId} className="rounded-md border border-slate-300 p-3">
                <p className="text-xs text-slate-600">{h.policyTitle} · {h.line}</p>
                <p className="font-medium">{h.heading}</p>
                <Snippet segments={h.snippet} className="mt-1 text-sm text-slate-700" />
                {preview?.sectionId === h.sectionId && (
                  <div data-testid="preview" className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm">
                    {preview.superseded && (
                      <p role="note" data-testid="preview-superseded" className="mb-2 rounded border border-amber-500 bg-amber-50 p-2 font-medium text-amber-900">
                        {t("ask.superseded", { version: preview.superseded.version, current: preview.superseded.currentVersion ?? "?" })}{" "}
                        <Link className="text-blue-700 underline" href={`/policies/${preview.superseded.policyId}#${encodeURIComponent(preview.superseded.label)}`}>{t("ask.viewCurrent")}</Link>
                      </p>
                    )}
                    {preview.text}
                  </div>
                )}
                <div className="mt-2 flex flex-wrap gap-2">
                  <button type="button" data-testid="preview-toggle" className="rounded border border-slate-400 px-2 py-1 text-sm" aria-expanded={preview?.sectionId === h.sectionId} onClick={() => void (preview?.sectionId === h.sectionId ? closePreview() : openPreview(h))}>
                    {preview?.sectionId === h.sectionId ? t("ask.hideClause") : t("ask.viewClause")}
                  </button>
                  <Link className="rounded border border-slate-400 px-2 py-1 text-sm" href={`/policies/${h.policyId}#${encodeURIComponent(h.label)}`} target="_blank">{t("ask.openPolicy")}</Link>
                  <button type="button" data-testid="solved" className="rounded bg-green-700 px-2 py-1 text-sm text-white" onClick={() => void confirm(h)}>{t("ask.solved")}</button>
                </div>
              </li>
            ))}
          </ol>
          </>
        )}
      </section>
      {hits !== null && !filing && (
        <button type="button" data-testid="need-human" className="rounded-md border border-blue-700 px-4 py-2 text-blue-800" onClick={() => void closePreview().then(() => setFiling(true))}>
          {t("ask.needHuman")}
        </button>
      )}
      {filing && sessionId && (
        <FilingForm
          defaults={{ ...defaults, lineId: hits?.[0] ? defaults.lines.find((l) => l.name === hits[0]!.line)?.id ?? defaults.lineId : defaults.lineId }}
          body={question}
          askSessionId={sessionId}
          onFiled={(id) => router.push(`/questions/${id}`)}
        />
      )}
    </div>
  );
}

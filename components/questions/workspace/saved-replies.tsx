"use client";

import { useCallback, useEffect, useState } from "react";
import { useT } from "@/components/i18n-provider";
import { fillPlaceholders, placeholderNames, type PlaceholderValues } from "@/lib/saved-replies/placeholders";
import { api, type ApiError } from "@/components/api-client";

interface SavedReply {
  id: string;
  scope: "mine" | "line";
  lineName: string | null;
  title: string;
  body: string;
  editable: boolean;
}

const input = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1";

/**
 * 常用答复: pick one and insert it (placeholders filled) into the composer's text; save the current
 * text as a new one (mine, or the 条线's when the viewer keeps that line's replies); delete one.
 */
export function SavedReplies({ lineId, values, canManageLine, currentText, onInsert }: {
  lineId: string;
  values: PlaceholderValues;
  canManageLine: boolean;
  currentText: () => string;
  onInsert: (text: string) => void;
}) {
  const t = useT();
  const [replies, setReplies] = useState<SavedReply[]>([]);
  const [selected, setSelected] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setReplies((await api<{ replies: SavedReply[] }>(`/api/saved-replies?line=${encodeURIComponent(lineId)}`)).replies);
    } catch (err) {
      setError(err as ApiError);
    }
  }, [lineId]);
  useEffect(() => { void load(); }, [load]);

  const chosen = replies.find((r) => r.id === selected);
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm" data-testid="saved-replies">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="saved-reply-pick" className="block font-medium">{t("saved.title")}</label>
          <select id="saved-reply-pick" className={input} value={selected} onChange={(e) => setSelected(e.target.value)}>
            <option value="">{replies.length === 0 ? t("saved.none") : "—"}</option>
            {replies.map((r) => <option key={r.id} value={r.id}>{r.scope === "mine" ? t("saved.mine") : t("saved.line", { line: r.lineName ?? "" })} · {r.title}</option>)}
          </select>
        </div>
        <button type="button" disabled={!chosen} className="rounded-md border border-slate-600 px-3 py-1 disabled:opacity-50" data-testid="saved-reply-insert"
          onClick={() => chosen && onInsert(fillPlaceholders(chosen.body, values))}>{t("saved.insert")}</button>
        {chosen?.editable && (
          <button type="button" className="rounded-md border border-red-700 px-3 py-1 text-red-800" onClick={async () => {
            setError(null);
            try {
              await api(`/api/saved-replies/${chosen.id}`, { method: "DELETE", body: {} });
              setSelected("");
              await load();
            } catch (err) {
              setError(err as ApiError);
            }
          }}>{t("saved.delete")}</button>
        )}
      </div>
      <details className="mt-2" onToggle={(e) => { if ((e.target as HTMLDetailsElement).open) setDraft(currentText()); }}>
        <summary className="cursor-pointer text-blue-800">{t("saved.manage")}</summary>
        {draft !== null && (
          <form className="mt-2 space-y-2" data-testid="saved-reply-form" onSubmit={async (e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            setError(null);
            setStatus(null);
            const scope = String(f.get("scope") ?? "mine");
            try {
              await api("/api/saved-replies", { body: { scope, ...(scope === "line" ? { lineId } : {}), title: String(f.get("title") ?? ""), body: String(f.get("body") ?? "") } });
              setStatus(t("saved.saved"));
              await load();
            } catch (err) {
              setError(err as ApiError);
            }
          }}>
            <label htmlFor="saved-title" className="block font-medium">{t("saved.newTitle")}</label>
            <input id="saved-title" name="title" maxLength={60} className={input} />
            <label htmlFor="saved-body" className="block font-medium">{t("saved.newBody", { placeholders: placeholderNames(t.locale).map((p) => `{${p}}`).join(" ") })}</label>
            <textarea id="saved-body" name="body" rows={3} defaultValue={draft} className={input} />
            {canManageLine && (
              <fieldset>
                <legend className="font-medium">{t("saved.scope")}</legend>
                <label className="mr-4"><input type="radio" name="scope" value="mine" defaultChecked /> {t("saved.scopeMine")}</label>
                <label><input type="radio" name="scope" value="line" /> {t("saved.scopeLine")}</label>
              </fieldset>
            )}
            <button type="submit" className="rounded-md bg-slate-800 px-3 py-1 font-medium text-white">{t("saved.save")}</button>
          </form>
        )}
      </details>
      <div aria-live="polite">
        {status && <p className="mt-1 text-green-800">{status}</p>}
        {error && (
          <div role="alert" className="mt-1 text-red-800">
            <p>{error.message}</p>
            {error.fields && <ul className="list-disc pl-5">{Object.entries(error.fields).map(([k, v]) => <li key={k}>{v}</li>)}</ul>}
          </div>
        )}
      </div>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";
import { useT } from "@/components/i18n-provider";

interface PreviewDay {
  date: string;
  isWorkday: boolean;
  name: string;
  before: { working: boolean; source: string | null; name: string | null };
  keptOverride: boolean;
}

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
const SOURCES = ["statutory", "official", "override"] as const;
const isSource = (s: string): s is (typeof SOURCES)[number] => (SOURCES as readonly string[]).includes(s);

/** Paste the State Council notice's dates (or upload .ics / .csv), preview, then save. */
export function OfficialCalendarForm({ defaultYear }: { defaultYear: number }) {
  const t = useT();
  const router = useRouter();
  const [year, setYear] = useState(String(defaultYear));
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<PreviewDay[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(apply: boolean) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const res = await api<{ days: PreviewDay[]; applied: boolean }>("/api/admin/calendar-official", { body: { year: Number(year), text, apply } });
      setPreview(res.days);
      if (res.applied) {
        setSaved(t("admin.official.saved", { year, count: res.days.length }));
        router.refresh();
      }
    } catch (err) {
      setError(err as ApiError);
      setPreview(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form data-testid="official-calendar-form" className="space-y-3" onSubmit={(e) => { e.preventDefault(); void send(false); }}>
      <label className="block font-medium" htmlFor="oc-year">{t("admin.official.year")}</label>
      <input id="oc-year" name="year" inputMode="numeric" value={year} onChange={(e) => { setYear(e.target.value); setPreview(null); }} className={`${input} max-w-32`} />
      <label className="block font-medium" htmlFor="oc-text">{t("admin.official.text")}</label>
      <textarea id="oc-text" name="text" rows={8} value={text} onChange={(e) => { setText(e.target.value); setPreview(null); }} className={`${input} font-mono text-sm`}
        placeholder={t("admin.official.example")} />
      <label className="block text-sm" htmlFor="oc-file">{t("admin.official.file")}</label>
      <input id="oc-file" type="file" accept=".ics,.csv,.txt,text/calendar,text/csv" className="text-sm"
        onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setText(await f.text()); setPreview(null); } }} />
      {error && (
        <div role="alert" data-testid="official-calendar-error" className="rounded-md border border-red-400 bg-red-50 p-2 text-sm text-red-900">
          <p>{error.message}</p>
          {error.fields && <ul className="list-disc pl-5">{Object.values(error.fields).map((v) => <li key={v}>{v}</li>)}</ul>}
        </div>
      )}
      {saved && <p role="status" className="text-green-800">{saved}</p>}
      <button type="submit" disabled={busy} className="rounded-md border border-slate-500 px-4 py-2 font-medium disabled:opacity-60">{t("admin.official.preview")}</button>
      {preview && (
        <div className="overflow-x-auto">
          <table data-testid="official-calendar-preview" className="mt-2 w-full text-sm">
            <caption className="text-left font-medium">{t("admin.official.caption", { count: preview.length, year })}</caption>
            <thead><tr className="text-left"><th className="p-1">{t("admin.official.date")}</th><th className="p-1">{t("admin.official.weekday")}</th><th className="p-1">{t("admin.official.arrangement")}</th><th className="p-1">{t("admin.official.name")}</th><th className="p-1">{t("admin.official.before")}</th></tr></thead>
            <tbody>
              {preview.map((d) => (
                <tr key={d.date} className="border-t border-slate-200">
                  <td className="p-1 tabular-nums">{d.date}</td>
                  <td className="p-1">{t(`admin.weekday.${new Date(`${d.date}T00:00:00Z`).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)}</td>
                  <td className="p-1">{t(d.isWorkday ? "admin.official.working" : "admin.official.off")}</td>
                  <td className="p-1"><bdi>{d.name}</bdi></td>
                  <td className="p-1">{t(d.before.working ? "admin.official.working" : "admin.official.off")}{d.before.source ? t("admin.official.source", { source: isSource(d.before.source) ? t(`admin.official.source.${d.before.source}`) : d.before.source }) : ""}{d.keptOverride ? t("admin.official.keptOverride") : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={busy} onClick={() => void send(true)} className="mt-3 rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">{t("admin.official.confirm")}</button>
        </div>
      )}
    </form>
  );
}

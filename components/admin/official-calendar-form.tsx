"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, type ApiError } from "@/components/api-client";

interface PreviewDay {
  date: string;
  isWorkday: boolean;
  name: string;
  before: { working: boolean; source: string | null; name: string | null };
  keptOverride: boolean;
}

const input = "mt-1 w-full rounded-md border border-slate-400 px-3 py-2";
const WEEKDAY = ["日", "一", "二", "三", "四", "五", "六"];
const SOURCE: Record<string, string> = { statutory: "法定推算（暂定）", official: "官方安排", override: "单日调整" };

/** Paste the State Council notice's dates (or upload .ics / .csv), preview, then save. */
export function OfficialCalendarForm({ defaultYear }: { defaultYear: number }) {
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
        setSaved(`已保存 ${year} 年的官方安排（${res.days.length} 天）。`);
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
      <label className="block font-medium" htmlFor="oc-year">年份</label>
      <input id="oc-year" name="year" inputMode="numeric" value={year} onChange={(e) => { setYear(e.target.value); setPreview(null); }} className={`${input} max-w-32`} />
      <label className="block font-medium" htmlFor="oc-text">放假与调休安排（每行一项：日期 名称 休/班；可写区间 2027-02-05~2027-02-12）</label>
      <textarea id="oc-text" name="text" rows={8} value={text} onChange={(e) => { setText(e.target.value); setPreview(null); }} className={`${input} font-mono text-sm`}
        placeholder={"2027-01-01 元旦 休\n2027-02-05~2027-02-12 春节 休\n2027-02-20 春节 班"} />
      <label className="block text-sm" htmlFor="oc-file">或上传 .ics / .csv 文件</label>
      <input id="oc-file" type="file" accept=".ics,.csv,.txt,text/calendar,text/csv" className="text-sm"
        onChange={async (e) => { const f = e.target.files?.[0]; if (f) { setText(await f.text()); setPreview(null); } }} />
      {error && (
        <div role="alert" data-testid="official-calendar-error" className="rounded-md border border-red-400 bg-red-50 p-2 text-sm text-red-900">
          <p>{error.message}</p>
          {error.fields && <ul className="list-disc pl-5">{Object.values(error.fields).flatMap((v) => v.split("；")).map((v) => <li key={v}>{v}</li>)}</ul>}
        </div>
      )}
      {saved && <p role="status" className="text-green-800">{saved}</p>}
      <button type="submit" disabled={busy} className="rounded-md border border-slate-500 px-4 py-2 font-medium disabled:opacity-60">预览</button>
      {preview && (
        <div className="overflow-x-auto">
          <table data-testid="official-calendar-preview" className="mt-2 w-full text-sm">
            <caption className="text-left font-medium">预览：{preview.length} 天（保存后替换 {year} 年以前录入的官方安排）</caption>
            <thead><tr className="text-left"><th className="p-1">日期</th><th className="p-1">星期</th><th className="p-1">安排</th><th className="p-1">名称</th><th className="p-1">目前</th></tr></thead>
            <tbody>
              {preview.map((d) => (
                <tr key={d.date} className="border-t border-slate-200">
                  <td className="p-1 tabular-nums">{d.date}</td>
                  <td className="p-1">周{WEEKDAY[new Date(`${d.date}T00:00:00Z`).getUTCDay()]}</td>
                  <td className="p-1">{d.isWorkday ? "上班" : "休息"}</td>
                  <td className="p-1"><bdi>{d.name}</bdi></td>
                  <td className="p-1">{d.before.working ? "上班" : "休息"}{d.before.source ? `（${SOURCE[d.before.source] ?? d.before.source}）` : ""}{d.keptOverride ? "，单日调整保留" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={busy} onClick={() => void send(true)} className="mt-3 rounded-md bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60">确认保存</button>
        </div>
      )}
    </form>
  );
}

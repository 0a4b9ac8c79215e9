// Headline figures. A value that cannot be computed (no data in range) shows "—", never 0 %.
import type { Translate } from "@/lib/i18n/translate";

export function KpiGrid({ children }: { children: React.ReactNode }) {
  return <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">{children}</dl>;
}

// min-w-0 and break-words: on a phone a grid cell is ~160 px, and a long figure ("1,234 / 5,678")
// must wrap inside it instead of pushing the page sideways.
export function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="min-w-0 break-words rounded-md border border-slate-300 bg-white p-3" data-testid={testId}>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums sm:text-2xl">{value}</dd>
      {hint && <dd className="mt-1 text-xs text-slate-600">{hint}</dd>}
    </div>
  );
}

/** 0.8734 → "87.3%"; null → "—". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || Number.isNaN(x) ? "—" : `${(x * 100).toFixed(digits)}%`;
}

/** Minutes as "3.5 小时" / "42 分钟" (in the reader's language); null → "—". */
export function duration(t: Translate, minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return "—";
  if (minutes >= 24 * 60) return t("insights.duration.days", { n: (minutes / 1440).toFixed(1) });
  if (minutes >= 60) return t("insights.duration.hours", { n: (minutes / 60).toFixed(1) });
  return t("insights.duration.minutes", { n: Math.round(minutes) });
}

export function num(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined || Number.isNaN(x) ? "—" : x.toLocaleString("zh-CN", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// Headline figures. A value that cannot be computed (no data in range) shows "—", never 0 %.
export function KpiGrid({ children }: { children: React.ReactNode }) {
  return <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">{children}</dl>;
}

export function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-300 bg-white p-3" data-testid={testId}>
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="mt-1 text-xs text-slate-600">{hint}</dd>}
    </div>
  );
}

/** 0.8734 → "87.3%"; null → "—". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || Number.isNaN(x) ? "—" : `${(x * 100).toFixed(digits)}%`;
}

/** Minutes as "3.5 小时" / "42 分钟"; null → "—". */
export function duration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return "—";
  if (minutes >= 24 * 60) return `${(minutes / 1440).toFixed(1)} 天`;
  if (minutes >= 60) return `${(minutes / 60).toFixed(1)} 小时`;
  return `${Math.round(minutes)} 分钟`;
}

export function num(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined || Number.isNaN(x) ? "—" : x.toLocaleString("zh-CN", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

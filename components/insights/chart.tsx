"use client";
// Recharts wrappers (client only). Always rendered inside <ChartFigure>, which carries the title and
// the same numbers as a table for screen readers and for people who would rather read.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface Series {
  key: string;
  label: string;
  /** a colour that keeps ≥ 3:1 contrast on white */
  color?: string;
}

const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#b91c1c", "#6d28d9", "#0f766e"];

function formatter(kind: "count" | "percent" | "minutes") {
  return (v: unknown) => {
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isFinite(n)) return "—";
    if (kind === "percent") return `${(n * 100).toFixed(0)}%`;
    if (kind === "minutes") return n >= 60 ? `${(n / 60).toFixed(1)}h` : `${Math.round(n)}m`;
    return n.toLocaleString("zh-CN");
  };
}

export function TrendChart({ data, xKey, series, kind = "count" }: { data: Record<string, unknown>[]; xKey: string; series: Series[]; kind?: "count" | "percent" | "minutes" }) {
  const fmt = formatter(kind);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey={xKey} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={fmt} tick={{ fontSize: 12 }} width={48} domain={kind === "percent" ? [0, 1] : undefined} />
        <Tooltip formatter={fmt} />
        <Legend />
        {series.map((s, i) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color ?? PALETTE[i % PALETTE.length]} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * Width of the category axis: wide enough for the longest label at 12 px (a CJK character is about
 * 12 px, a Latin one about 7), at most 200 px; longer labels are shortened with "…" (the full text is
 * in the tooltip and the data table).
 */
const AXIS_MAX = 200;
const labelWidth = (label: string) => [...label].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 12.5 : 7), 0);
function categoryAxisWidth(labels: string[]): number {
  return Math.min(AXIS_MAX, Math.max(64, Math.ceil(Math.max(0, ...labels.map(labelWidth))) + 12));
}
function shorten(label: string): string {
  let out = "";
  for (const ch of label) {
    if (labelWidth(`${out}${ch}…`) > AXIS_MAX - 12) return `${out}…`;
    out += ch;
  }
  return out;
}

export function BarsChart({ data, xKey, series, kind = "count", stacked = false }: { data: Record<string, unknown>[]; xKey: string; series: Series[]; kind?: "count" | "percent" | "minutes"; stacked?: boolean }) {
  const fmt = formatter(kind);
  const axisWidth = categoryAxisWidth(data.map((d) => String(d[xKey] ?? "")));
  return (
    <ResponsiveContainer width="100%" height={Math.max(220, data.length * 28 + 60)}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis type="number" tickFormatter={fmt} tick={{ fontSize: 12 }} domain={kind === "percent" ? [0, 1] : undefined} />
        <YAxis type="category" dataKey={xKey} tick={{ fontSize: 12 }} width={axisWidth} tickFormatter={(v: unknown) => shorten(String(v))} />
        <Tooltip formatter={fmt} />
        <Legend />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? PALETTE[i % PALETTE.length]} stackId={stacked ? "a" : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

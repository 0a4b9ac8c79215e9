"use client";
// Recharts wrappers (client only). Always rendered inside <ChartFigure>, which carries the title and
// the same numbers as a table for screen readers and for people who would rather read. The drawing is
// aria-hidden there, so Recharts' keyboard layer (a tab stop on the <svg>) is off: a focus stop inside
// hidden content announces nothing (axe "aria-hidden-focus"); keyboard users read the table instead.
import { useEffect, useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from "recharts";

export interface Series {
  key: string;
  label: string;
  /** a colour that keeps ≥ 3:1 contrast on white */
  color?: string;
}

const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#b91c1c", "#6d28d9", "#0f766e"];
const TICK = { fontSize: 12, fill: "#334155" };

function formatter(kind: "count" | "percent" | "minutes") {
  return (v: unknown) => {
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isFinite(n)) return "—";
    if (kind === "percent") return `${(n * 100).toFixed(0)}%`;
    if (kind === "minutes") return n >= 60 ? `${(n / 60).toFixed(1)}h` : `${Math.round(n)}m`;
    return n.toLocaleString("zh-CN");
  };
}

/** "2026-11-07" → "11-07": the year is in the range form, and a short tick fits between its neighbours. */
function shortDay(v: unknown): string {
  const s = String(v ?? "");
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s.slice(5) : s;
}

// The right margin holds half of the last time tick ("11-07" or "2026-11" at 12 px is ≤ 48 px wide),
// which Recharts centres on the chart's right edge: with less room its end is cut off.
export function TrendChart({ data, xKey, series, kind = "count" }: { data: Record<string, unknown>[]; xKey: string; series: Series[]; kind?: "count" | "percent" | "minutes" }) {
  const fmt = formatter(kind);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 28, bottom: 8, left: 4 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey={xKey} tick={TICK} tickFormatter={shortDay} interval="preserveStartEnd" minTickGap={12} />
        <YAxis tickFormatter={fmt} tick={TICK} width={52} allowDecimals={kind !== "count"} domain={kind === "percent" ? [0, 1] : undefined} />
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
 * 12 px, a Latin one at most about 9), at most 200 px and at most 40 % of the chart (on a phone the bars
 * keep room); a longer label is shortened with "…", its full text in a tooltip (<title>), the chart's
 * tooltip and the data table.
 */
const AXIS_MAX = 200;
const AXIS_MIN = 64;
const PAD = 12;
const charWidth = (ch: string) => (/[\u2e80-\uffff]/.test(ch) ? 12.5 : /[A-Z@%&MWmw]/.test(ch) ? 9.5 : 7.5);
const labelWidth = (label: string) => [...label].reduce((w, ch) => w + charWidth(ch), 0);

function axisLimit(chartWidth: number): number {
  return chartWidth > 0 ? Math.max(AXIS_MIN, Math.min(AXIS_MAX, Math.floor(chartWidth * 0.4))) : AXIS_MAX;
}

function categoryAxisWidth(labels: string[], limit: number): number {
  return Math.min(limit, Math.max(AXIS_MIN, Math.ceil(Math.max(0, ...labels.map(labelWidth))) + PAD));
}

function shorten(label: string, room: number): string {
  if (labelWidth(label) <= room) return label;
  let out = "";
  for (const ch of label) {
    if (labelWidth(`${out}${ch}…`) > room) return `${out}…`;
    out += ch;
  }
  return out;
}

function CategoryTick({ x, y, payload, room }: Pick<YAxisTickContentProps, "x" | "y" | "payload"> & { room: number }) {
  const full = String(payload?.value ?? "");
  const shown = shorten(full, room);
  return (
    <text x={Number(x) - 4} y={Number(y)} dy={4} textAnchor="end" fontSize={TICK.fontSize} fill={TICK.fill}>
      {shown !== full && <title>{full}</title>}
      {shown}
    </text>
  );
}

/** The width of the element `ref` is attached to, kept current as the window (or a panel) resizes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => setWidth(entries[0]?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function BarsChart({ data, xKey, series, kind = "count", stacked = false }: { data: Record<string, unknown>[]; xKey: string; series: Series[]; kind?: "count" | "percent" | "minutes"; stacked?: boolean }) {
  const fmt = formatter(kind);
  const [box, chartWidth] = useWidth();
  const axisWidth = categoryAxisWidth(data.map((d) => String(d[xKey] ?? "")), axisLimit(chartWidth));
  const room = axisWidth - PAD;
  return (
    <div ref={box}>
      <ResponsiveContainer width="100%" height={Math.max(220, data.length * 28 + 60)}>
        <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ top: 8, right: 20, bottom: 8, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis type="number" tickFormatter={fmt} tick={TICK} allowDecimals={kind !== "count"} domain={kind === "percent" ? [0, 1] : undefined} />
          <YAxis type="category" dataKey={xKey} width={axisWidth} interval={0} tick={(props: YAxisTickContentProps) => <CategoryTick x={props.x} y={props.y} payload={props.payload} room={room} />} />
          <Tooltip formatter={fmt} />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? PALETTE[i % PALETTE.length]} stackId={stacked ? "a" : undefined} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

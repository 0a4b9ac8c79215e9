// Printing helpers shared by the benchmarks and drills.
export type Row = (string | number)[];

const wide = (s: string) => s.match(/[\u3000-\u9fff\uff01-\uff60]/g)?.length ?? 0;

/** A plain-text table; CJK characters count as two columns. The first `leftAligned` columns left-aligned, the rest right. */
export function table(header: Row, rows: Row[], leftAligned = 1): string {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length + wide(r[i]!))));
  return all.map((r) => r.map((c, i) => (i < leftAligned ? c.padEnd(widths[i]! - wide(c)) : c.padStart(widths[i]!))).join("  ").trimEnd()).join("\n");
}

export const f3 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(3));
export const ms = (x: number) => (Number.isNaN(x) ? "n/a" : x < 10 ? x.toFixed(2) : x.toFixed(1));
export const seconds = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
export const verdict = (pass: boolean) => (pass ? "PASS" : "MISS");

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function tail(output: string[], lines = 30): string {
  return output.join("").split("\n").slice(-lines).join("\n");
}

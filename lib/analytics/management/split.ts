import "server-only";
// The pieces every management query shares: the department mapping and 条线 filter in SQL, Asia/Shanghai
// buckets, the four splits (total, over time, by 条线, by department) that GROUPING SETS rows become,
// and the rollup periods (days and whole ISO weeks) that tile a range.
import { Prisma } from "../../db/generated/client";
import { NO_DEPARTMENT, NONE, type Option, type Slice, type SliceInfo } from "./slice";
import { addDays, type DateRange, type Grain } from "../shared/range";

/** CTE `dm(dept, grp)`: department → group; joining it is the department scope. */
export function deptMapCte(slice: Slice): Prisma.Sql {
  return Prisma.sql`dm AS (SELECT * FROM unnest(${slice.deptIds}::uuid[], ${slice.groupKeys}::text[]) AS m(dept, grp))`;
}

/** The join of a department column to the mapping (people without a department map to NO_DEPARTMENT). */
export function deptJoin(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`JOIN dm ON dm.dept = COALESCE(${column}, ${NO_DEPARTMENT}::uuid)`;
}

/** `AND <column> = lineId` when a 条线 is chosen. */
export function lineFilter(slice: Slice, column: Prisma.Sql): Prisma.Sql {
  return slice.lineId ? Prisma.sql`AND ${column} = ${slice.lineId}::uuid` : Prisma.empty;
}

/** The bucket (first day, YYYY-MM-DD) of a date column (a Shanghai day); weeks start on Monday. */
export function bucketOfDay(column: Prisma.Sql, grain: Grain): Prisma.Sql {
  return Prisma.sql`to_char(date_trunc(${grain}, ${column}::timestamp), 'YYYY-MM-DD')`;
}

/**
 * Which split a GROUPING SETS ((), (bucket), (line), (grp)) row belongs to, and its key. The columns
 * must be text and never null (a missing 条线 is 'none').
 */
export const DIM_COLUMNS = Prisma.sql`
  CASE WHEN GROUPING(bucket) = 0 THEN 'time' WHEN GROUPING(line) = 0 THEN 'line' WHEN GROUPING(grp) = 0 THEN 'dept' ELSE 'total' END AS dim,
  COALESCE(CASE WHEN GROUPING(bucket) = 0 THEN bucket END, CASE WHEN GROUPING(line) = 0 THEN line END, CASE WHEN GROUPING(grp) = 0 THEN grp END, '') AS key`;

export interface DimRow {
  dim: "total" | "time" | "line" | "dept";
  key: string;
}

export interface Split<T> {
  total: T;
  overTime: (T & { bucket: string })[];
  byLine: (T & { key: string; label: string })[];
  byDepartment: (T & { key: string; label: string })[];
}

/** The first day of every bucket of the range, in order (so a quiet period shows as a gap, not nothing). */
export function bucketsOf(range: DateRange): string[] {
  const first = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    if (range.grain === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    if (range.grain === "month") d.setUTCDate(1);
    return d;
  };
  const out: string[] = [];
  for (const d = first(range.from); d.toISOString().slice(0, 10) <= range.to; ) {
    out.push(d.toISOString().slice(0, 10));
    if (range.grain === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (range.grain === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/**
 * Turns GROUPING SETS rows into the four splits: every bucket of the range, every 条线 and every
 * department group in display order (zero rows filled with `empty`), plus rows for keys not listed.
 */
export function splitRows<R extends DimRow, T>(rows: R[], info: Pick<SliceInfo, "slice" | "groups" | "lines">, empty: T, pick: (r: R) => T): Split<T> {
  const get = (dim: DimRow["dim"]) => new Map(rows.filter((r) => r.dim === dim).map((r) => [r.key, pick(r)]));
  const time = get("time");
  const line = get("line");
  const dept = get("dept");
  const labelled = (m: Map<string, T>, options: Option[], keepEmpty: (o: Option) => boolean) => {
    const out = options.filter((o) => m.has(o.id) || keepEmpty(o)).map((o) => ({ ...(m.get(o.id) ?? empty), key: o.id, label: o.name }));
    for (const [key, v] of m) if (!options.some((o) => o.id === key)) out.push({ ...v, key, label: key });
    return out;
  };
  const lines = info.slice.lineId ? info.lines.filter((l) => l.id === info.slice.lineId) : info.lines;
  return {
    total: rows.find((r) => r.dim === "total") ? pick(rows.find((r) => r.dim === "total")!) : empty,
    overTime: bucketsOf(info.slice.range).map((bucket) => ({ ...(time.get(bucket) ?? empty), bucket })),
    byLine: labelled(line, lines, (o) => o.id !== NONE),
    byDepartment: labelled(dept, info.groups, (o) => o.id !== NONE),
  };
}

export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function mapSplit<A, B>(s: Split<A>, f: (a: A) => B): Split<B> {
  return {
    total: f(s.total),
    overTime: s.overTime.map((r) => ({ ...f(r), bucket: r.bucket })),
    byLine: s.byLine.map((r) => ({ ...f(r), key: r.key, label: r.label })),
    byDepartment: s.byDepartment.map((r) => ({ ...f(r), key: r.key, label: r.label })),
  };
}

/**
 * The rollup periods that tile the range, each with the chart bucket it belongs to: whole ISO weeks
 * inside a bucket come from weekly rows, the rest from daily rows (day grain: daily rows only).
 */
export function piecesOf(range: DateRange): { day: string; span: 1 | 7; bucket: string }[] {
  const out: { day: string; span: 1 | 7; bucket: string }[] = [];
  const buckets = bucketsOf(range);
  buckets.forEach((bucket, i) => {
    const first = bucket < range.from ? range.from : bucket;
    const next = buckets[i + 1];
    const last = next && addDays(next, -1) < range.to ? addDays(next, -1) : range.to;
    for (let d = first; d <= last; ) {
      const isMonday = new Date(`${d}T00:00:00Z`).getUTCDay() === 1;
      if (range.grain !== "day" && isMonday && addDays(d, 6) <= last) {
        out.push({ day: d, span: 7, bucket });
        d = addDays(d, 7);
      } else {
        out.push({ day: d, span: 1, bucket });
        d = addDays(d, 1);
      }
    }
  });
  return out;
}


import "server-only";
// Attainment of time limits (时限达标率) per escalation level: level 0 from the MgmtStat sums, levels ≥ 1
// from MgmtQuestionFact (a few per thousand questions are escalated). Definitions: docs/metrics.md.
import type { DbTx } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { SliceInfo } from "./slice";
import { bucketOfDay, deptJoin, deptMapCte, DIM_COLUMNS, lineFilter, mapSplit, ratio, splitRows, type DimRow, type Split } from "./split";
import type { StatSums } from "./stats";

export interface AttainmentCell {
  decided: number;
  met: number;
  missed: number;
  rate: number | null;
}

export interface AttainmentStage {
  /** "first" | "resolve" | "L1" | "L2" … */
  key: string;
  level: number;
  label: string;
}

export type AttainmentByStage = Record<string, AttainmentCell>;

export function cell(decided: number, met: number): AttainmentCell {
  return { decided, met, missed: decided - met, rate: ratio(met, decided) };
}

/** Decided and met outcomes of escalation levels ≥ 1, per level, in the four splits. */
async function queryLevels(db: DbTx, info: SliceInfo): Promise<{ levels: number[]; split: Split<Record<number, AttainmentCell>> }> {
  const { slice } = info;
  const rows = await db.$queryRaw<(DimRow & { level: number; decided: number; met: number })[]>`
    WITH ${deptMapCte(slice)}
    SELECT ${DIM_COLUMNS}, level, COALESCE(sum(n), 0)::int AS decided, COALESCE(sum(met), 0)::int AS met
    FROM (
      SELECT f.level, f.n, f.met, ${bucketOfDay(Prisma.sql`f.day`, slice.range.grain)} AS bucket, f."lineId"::text AS line, dm.grp
      FROM "MgmtQuestionFact" f ${deptJoin(Prisma.sql`f."departmentId"`)}
      WHERE f.kind = 'level' AND f.day >= ${slice.range.from}::date AND f.day <= ${slice.range.to}::date ${lineFilter(slice, Prisma.sql`f."lineId"`)}
    ) x
    GROUP BY GROUPING SETS ((level), (level, bucket), (level, line), (level, grp))`;
  const levels = [...new Set(rows.map((r) => r.level))].sort((a, b) => a - b);
  const acc = new Map<string, DimRow & { v: Record<number, AttainmentCell> }>();
  for (const r of rows) {
    const id = `${r.dim}\u0000${r.key}`;
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { dim: r.dim, key: r.key, v: {} }));
    a.v[r.level] = cell(r.decided, r.met);
  }
  return { levels, split: splitRows([...acc.values()], info, {}, (r) => r.v) };
}

export async function queryAttainment(
  db: DbTx,
  info: SliceInfo,
  stats: Promise<Split<StatSums>>,
): Promise<{ stages: AttainmentStage[] } & Split<AttainmentByStage>> {
  const [levels, level0] = await Promise.all([queryLevels(db, info), stats]);
  const stages: AttainmentStage[] = [
    { key: "first", level: 0, label: "首次响应（第 0 级）" },
    { key: "resolve", level: 0, label: "办结（第 0 级）" },
    ...levels.levels.map((level) => ({ key: `L${level}`, level, label: `第 ${level} 级升级时限` })),
  ];
  const withLevels = (s: StatSums, byLevel: Record<number, AttainmentCell> | undefined): AttainmentByStage => {
    const out: AttainmentByStage = { first: cell(s.frDecided, s.frMet), resolve: cell(s.rsDecided, s.rsMet) };
    for (const l of levels.levels) out[`L${l}`] = byLevel?.[l] ?? cell(0, 0);
    return out;
  };
  const find = <R extends { key: string }>(rows: R[], key: string) => rows.find((r) => r.key === key);
  const l = levels.split;
  const merged = mapSplit(level0, (s) => withLevels(s, undefined));
  merged.total = withLevels(level0.total, l.total);
  level0.overTime.forEach((s, i) => Object.assign(merged.overTime[i]!, withLevels(s, l.overTime.find((r) => r.bucket === s.bucket))));
  level0.byLine.forEach((s, i) => Object.assign(merged.byLine[i]!, withLevels(s, find(l.byLine, s.key))));
  level0.byDepartment.forEach((s, i) => Object.assign(merged.byDepartment[i]!, withLevels(s, find(l.byDepartment, s.key))));
  return { stages, ...merged };
}

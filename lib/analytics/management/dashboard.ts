import "server-only";
// The management dashboard (管理看板): deflection and self-service, the "answer already existed" rate,
// attainment of time limits per escalation level, and volumes — each in total, by 条线, by department
// (the direct children of the scope root) and over time. Who sees what: a MANAGER their department
// subtree, an ADMIN everything, anyone else nothing (ForbiddenError); a department filter outside the
// manager's subtree is forbidden too.
//
// Departments: demand (deflection, self-service, volumes, answer-already-existed) belongs to the ASKER's
// department; attainment to the department of the owner who held the question when the outcome was
// decided (see lib/analytics/management-attainment.ts). Every figure is defined in docs/metrics.md.
//
// Cost: after two small look-ups (scope; departments and 条线), three queries run side by side: the
// rollup sums (MgmtStat, daily and weekly rows tiling the range, one GROUPING SETS pass), escalation
// levels from the per-question facts, and the open backlog at the range end from the questions. The
// rollup lags the raw rows by at most the worker's INSIGHTS_REFRESH_MS; `refreshedAt` says when.
import type { Ctx } from "../../kernel/context";
import { queryAttainment, type AttainmentByStage, type AttainmentStage } from "./attainment";
import { deflectionFrom, type DeflectionCounts } from "./deflection";
import { existedFrom, type ExistedCounts } from "./existed-rate";
import { managementRollupMark } from "./rollup";
import { NONE, resolveSlice, type Option } from "./slice";
import { mapSplit, type Split } from "./split";
import { queryStats } from "./stats";
import { queryBacklog, volumesFrom, type VolumeCounts } from "./volumes";
import type { DateRange } from "../shared/range";

export interface ManagementDashboard {
  range: Pick<DateRange, "from" | "to" | "grain">;
  filters: { lineId: string | null; departmentId: string | null };
  /** the department the by-department split is below; parentId: where "up one level" goes (null: none in scope) */
  root: { id: string | null; name: string; parentId: string | null };
  lines: Option[];
  departmentOptions: (Option & { depth: number })[];
  deflection: Split<DeflectionCounts>;
  existed: Split<ExistedCounts>;
  attainment: { stages: AttainmentStage[] } & Split<AttainmentByStage>;
  volumes: Split<VolumeCounts> & { backlogAtStart: number };
  /** when the rollup was last refreshed (ISO), null if never */
  refreshedAt: string | null;
}

export async function getManagementDashboard(
  ctx: Ctx,
  input: { range: DateRange; lineId?: string | null; departmentId?: string | null },
): Promise<ManagementDashboard> {
  const { range, ...filters } = input;
  const info = await resolveSlice(ctx, range, filters);
  const stats = queryStats(ctx.db, info);
  const [sums, backlog, attainment, mark] = await Promise.all([stats, queryBacklog(ctx.db, info), queryAttainment(ctx.db, info, stats), managementRollupMark(ctx.db)]);
  return {
    range: { from: range.from, to: range.to, grain: range.grain },
    filters: { lineId: info.slice.lineId, departmentId: filters.departmentId ?? null },
    root: info.root,
    lines: info.lines.filter((l) => l.id !== NONE),
    departmentOptions: info.departmentOptions,
    deflection: mapSplit(sums, deflectionFrom),
    existed: mapSplit(sums, existedFrom),
    attainment,
    volumes: volumesFrom(sums, backlog),
    refreshedAt: mark?.toISOString() ?? null,
  };
}

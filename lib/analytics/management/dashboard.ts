import "server-only";
// The management dashboard (管理看板): self-service, the "answer already existed" rate, attainment per
// escalation level and volumes, each in total, by 条线, by department group and over time. Who sees
// what: a MANAGER their department subtree, an ADMIN everything, anyone else nothing. Definitions:
// docs/metrics.md ("Management dashboard"). Cost: after the scope look-ups, three queries side by side
// (the MgmtStat sums, escalation levels from MgmtQuestionFact, the backlog from the questions).
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
  root: { id: string | null; name: string; parentId: string | null; whole?: "company" | "managed" };
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

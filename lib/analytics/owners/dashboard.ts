import "server-only";
// /insights/owners: the scorecard and the 优质服务标兵 ranking. Who sees what: a first-contact owner
// (without MANAGER/ADMIN) only their own card, never the ranking; a manager the owners of their
// department subtree; an admin everyone; anyone else is refused. Definitions: docs/metrics.md.
import { z } from "zod";
import { denyAccess } from "../../auth/deny-access";
import { hasRole } from "../../auth/roles";
import type { DbTx } from "../../db/client";
import { ForbiddenError, NotFoundError, m, fieldKey } from "../../errors";
import { departmentWithSubtree } from "../../kernel/org-chart";
import type { Ctx } from "../../kernel/context";
import { parseInput } from "../../validation";
import { compositeScore, rankByDepartment, type DepartmentRanking } from "./ranking";
import { ownerFactsMark } from "./facts-rollup";
import { emptyMetrics, queryOwnerScorecards, queryOwnerTrend, type OwnerFilter, type OwnerMetrics, type OwnerTrendPoint } from "./scorecard";
import type { DateRange } from "../shared/range";
import { departmentScopeOf, inDepartmentScope } from "../shared/scope";

export interface ScorecardInput {
  range: DateRange;
  userId?: string | null;
  departmentId?: string | null;
}

export interface ScoredOwner extends OwnerMetrics {
  score: number | null;
}

export interface ScorecardDashboard {
  view: "self" | "manager" | "admin";
  range: DateRange;
  /** departments the viewer may filter by (empty for an owner's own view) */
  departments: { id: string; name: string }[];
  departmentId: string | null;
  owners: ScoredOwner[];
  total: OwnerMetrics;
  rankings: DepartmentRanking[];
  /** the owner whose card and trend are shown in detail */
  selected: { owner: ScoredOwner; trend: OwnerTrendPoint[] } | null;
  /** what the time-limit and resolution figures are current to (the facts rollup), ISO; null before its first run */
  refreshedAt: string | null;
}

const ids = z.object({
  userId: z.string().uuid(fieldKey("errors.field.personIdInvalid")).nullish(),
  departmentId: z.string().uuid(fieldKey("errors.field.departmentIdInvalid")).nullish(),
});

export async function getScorecardDashboard(ctx: Ctx, input: ScorecardInput): Promise<ScorecardDashboard> {
  const { actor, db, now } = ctx;
  const isLeader = hasRole(actor, "MANAGER", "ADMIN");
  if (!isLeader && !hasRole(actor, "FIRST_CONTACT_OWNER")) throw new ForbiddenError(m("errors.needOwnerManagerOrAdmin"));
  const { userId, departmentId } = parseInput(ids, { userId: input.userId, departmentId: input.departmentId });
  const window = { range: input.range, now };

  if (!isLeader) {
    if ((userId && userId !== actor.id) || departmentId) throw await denyAccess(ctx, "scorecard.view", (userId ?? departmentId)!, new ForbiddenError(m("errors.ownersSeeOwnScorecard")));
    const [{ owners }, trend, me, mark] = await Promise.all([
      queryOwnerScorecards(db, window, { kind: "users", userIds: [actor.id] }),
      queryOwnerTrend(db, window, actor.id, input.range.grain),
      personOf(db, actor.id),
      ownerFactsMark(db),
    ]);
    const owner = scored(owners[0] ?? blankMetrics(me));
    return {
      view: "self",
      range: input.range,
      departments: [],
      departmentId: null,
      owners: [owner],
      total: owner,
      rankings: [],
      selected: { owner, trend },
      refreshedAt: mark?.toISOString() ?? null,
    };
  }

  const scope = await departmentScopeOf(db, actor);
  if (departmentId && !inDepartmentScope(scope, departmentId)) throw await denyAccess(ctx, "scorecard.view", departmentId, new ForbiddenError(m("errors.managedDepartmentsOnly")));
  const person = userId ? await personOf(db, userId) : null;
  if (person && !(scope.all || inDepartmentScope(scope, person.departmentId) || (person.id === actor.id && hasRole(actor, "FIRST_CONTACT_OWNER")))) {
    throw await denyAccess(ctx, "scorecard.view", person.id, new ForbiddenError(m("errors.managedOwnersOnly")));
  }
  const filter: OwnerFilter = departmentId
    ? { kind: "departments", departmentIds: await departmentWithSubtree(db, departmentId) }
    : scope.all
      ? { kind: "all" }
      : { kind: "departments", departmentIds: scope.departmentIds };

  const [{ owners, total }, trend, departments, mark] = await Promise.all([
    queryOwnerScorecards(db, window, filter),
    person ? queryOwnerTrend(db, window, person.id, input.range.grain) : Promise.resolve([]),
    db.department.findMany({ where: scope.all ? {} : { id: { in: scope.departmentIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ownerFactsMark(db),
  ]);
  // The selected person may sit outside the filtered departments (a manager looking at themselves).
  const selectedMetrics = person
    ? (owners.find((o) => o.userId === person.id) ?? (await queryOwnerScorecards(db, window, { kind: "users", userIds: [person.id] })).owners[0] ?? blankMetrics(person))
    : null;
  const scoredOwners = owners.map(scored);
  return {
    view: hasRole(actor, "ADMIN") ? "admin" : "manager",
    range: input.range,
    departments,
    departmentId: departmentId ?? null,
    owners: scoredOwners,
    total,
    rankings: rankByDepartment(owners),
    selected: selectedMetrics ? { owner: scored(selectedMetrics), trend } : null,
    refreshedAt: mark?.toISOString() ?? null,
  };
}

function scored(m: OwnerMetrics): ScoredOwner {
  return { ...m, score: compositeScore(m) };
}

async function personOf(db: DbTx, userId: string) {
  const u = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, departmentId: true, department: { select: { name: true } } } });
  if (!u) throw new NotFoundError(m("errors.noSuchPerson"));
  return u;
}

function blankMetrics(u: { id: string; name: string; departmentId: string | null; department: { name: string } | null }): OwnerMetrics {
  return emptyMetrics({ userId: u.id, name: u.name, departmentId: u.departmentId, departmentName: u.department?.name ?? null });
}

import type { DbTx } from "../db/client";
import { OPEN_STATUSES } from "../kernel/question-status";

export interface Candidate {
  userId: string;
  openCount: number;
  onDuty: boolean;
  assignedAt: Date;
}

/**
 * Why a person became the 首问责任人, stored on the ROUTED event (data.reason) and shown as
 * "为什么是我 / 为什么是他":
 * - only-in-matrix: the one first-contact owner of the 条线 in the responsibility matrix
 * - roster: on duty (值班表) when the question came in, and the least loaded of those on duty
 * - least-loaded: the fewest open questions among the 条线's owners in the matrix
 * - longest-assigned: tied on open questions; the longest-standing assignment wins
 * - fallback-manager / fallback-admin: nobody in the matrix; the policy department's manager / an admin
 * - named: the asker named this person (someone they had already asked)
 */
export type RoutingReason = "only-in-matrix" | "roster" | "least-loaded" | "longest-assigned" | "fallback-manager" | "fallback-admin" | "named";

export interface RoutingChoice {
  userId: string;
  reason: RoutingReason;
  /** open questions the chosen person held when chosen (for "least-loaded": fewer than anyone else) */
  openCount?: number;
  /** how many people were considered */
  pool?: number;
}

/**
 * The routing rule (pure): people on duty first when anyone of the 条线 is on duty, then the fewest
 * open questions, then the longest-standing assignment (a stable, explainable tie-break).
 */
export function chooseOwner(candidates: Candidate[]): string | null {
  return chooseOwnerWithReason(candidates)?.userId ?? null;
}

/** The same rule, saying which step decided. */
export function chooseOwnerWithReason(candidates: Candidate[]): RoutingChoice | null {
  if (candidates.length === 0) return null;
  const onDuty = candidates.filter((c) => c.onDuty);
  const pool = onDuty.length > 0 ? onDuty : candidates;
  const sorted = [...pool].sort((a, b) => a.openCount - b.openCount || a.assignedAt.getTime() - b.assignedAt.getTime() || a.userId.localeCompare(b.userId));
  const chosen = sorted[0]!;
  const base = { userId: chosen.userId, openCount: chosen.openCount, pool: pool.length };
  if (candidates.length === 1) return { ...base, reason: "only-in-matrix" };
  if (onDuty.length > 0) return { ...base, reason: "roster" };
  const tied = sorted[1] !== undefined && sorted[1].openCount === chosen.openCount;
  return { ...base, reason: tied ? "longest-assigned" : "least-loaded" };
}

export async function routingCandidates(db: DbTx, lineId: string, now: Date, excludeUserIds: string[] = []): Promise<Candidate[]> {
  const assignments = await db.responsibilityAssignment.findMany({
    where: { lineId, active: true, user: { disabledAt: null, roles: { has: "FIRST_CONTACT_OWNER" } }, userId: { notIn: excludeUserIds } },
    select: { userId: true, createdAt: true },
  });
  if (assignments.length === 0) return [];
  const ids = assignments.map((a) => a.userId);
  const [open, duty] = await Promise.all([
    db.question.groupBy({ by: ["ownerId"], where: { ownerId: { in: ids }, status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
    db.dutyRoster.findMany({ where: { lineId, userId: { in: ids }, startsAt: { lte: now }, endsAt: { gt: now } }, select: { userId: true } }),
  ]);
  const openBy = new Map(open.map((o) => [o.ownerId, o._count._all]));
  const onDuty = new Set(duty.map((d) => d.userId));
  return assignments.map((a) => ({ userId: a.userId, openCount: openBy.get(a.userId) ?? 0, onDuty: onDuty.has(a.userId), assignedAt: a.createdAt }));
}

/** When a 条线 has no first-contact owner, the manager of its policy-owner department takes it. */
export async function fallbackOwnerWithReason(db: DbTx, lineId: string): Promise<RoutingChoice | null> {
  const line = await db.businessLine.findUnique({ where: { id: lineId }, select: { policyOwnerDepartment: { select: { managerId: true } } } });
  if (line?.policyOwnerDepartment?.managerId) return { userId: line.policyOwnerDepartment.managerId, reason: "fallback-manager" };
  const admin = await db.user.findFirst({ where: { roles: { has: "ADMIN" }, disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
  return admin ? { userId: admin.id, reason: "fallback-admin" } : null;
}

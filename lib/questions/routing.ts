import type { DbTx } from "../db/client";

export interface Candidate {
  userId: string;
  openCount: number;
  onDuty: boolean;
  assignedAt: Date;
}

/**
 * The routing rule (pure): people on duty first when anyone of the 条线 is on duty, then the fewest
 * open questions, then the longest-standing assignment (a stable, explainable tie-break).
 */
export function chooseOwner(candidates: Candidate[]): string | null {
  if (candidates.length === 0) return null;
  const onDuty = candidates.filter((c) => c.onDuty);
  const pool = onDuty.length > 0 ? onDuty : candidates;
  return [...pool].sort((a, b) => a.openCount - b.openCount || a.assignedAt.getTime() - b.assignedAt.getTime() || a.userId.localeCompare(b.userId))[0]!.userId;
}

export async function routingCandidates(db: DbTx, lineId: string, now: Date, excludeUserIds: string[] = []): Promise<Candidate[]> {
  const assignments = await db.responsibilityAssignment.findMany({
    where: { lineId, active: true, user: { disabledAt: null, roles: { has: "FIRST_CONTACT_OWNER" } }, userId: { notIn: excludeUserIds } },
    select: { userId: true, createdAt: true },
  });
  if (assignments.length === 0) return [];
  const ids = assignments.map((a) => a.userId);
  const [open, duty] = await Promise.all([
    db.question.groupBy({ by: ["ownerId"], where: { ownerId: { in: ids }, status: { in: ["OPEN", "IN_PROGRESS", "WAITING_ASKER"] } }, _count: { _all: true } }),
    db.dutyRoster.findMany({ where: { lineId, userId: { in: ids }, startsAt: { lte: now }, endsAt: { gt: now } }, select: { userId: true } }),
  ]);
  const openBy = new Map(open.map((o) => [o.ownerId, o._count._all]));
  const onDuty = new Set(duty.map((d) => d.userId));
  return assignments.map((a) => ({ userId: a.userId, openCount: openBy.get(a.userId) ?? 0, onDuty: onDuty.has(a.userId), assignedAt: a.createdAt }));
}

/** When a 条线 has no first-contact owner, the manager of its policy-owner department takes it. */
export async function fallbackOwner(db: DbTx, lineId: string): Promise<string | null> {
  const line = await db.businessLine.findUnique({ where: { id: lineId }, select: { policyOwnerDepartment: { select: { managerId: true } } } });
  if (line?.policyOwnerDepartment?.managerId) return line.policyOwnerDepartment.managerId;
  const admin = await db.user.findFirst({ where: { roles: { has: "ADMIN" }, disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
  return admin?.id ?? null;
}

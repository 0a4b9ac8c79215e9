// The facts of one manager's 每日通报, for their department subtree and a period (the previous working
// day and the days off after it, lib/notify/digest/enqueue-digests.ts). Questions count by the
// department of their current owner (who must act); complaints by the person complained about;
// ignored policies by the asker's department (whose people skipped the answer they were shown).
// Question text and complaint reasons are left out: IM group bots post into shared chats.
import type { DbTx } from "../../db/client";
import { departmentSubtree } from "../../kernel/org-chart";

import { DIGEST_LIST_LIMIT, type DigestData } from "./render-digest";
import { OPEN_STATUSES } from "../../kernel/question-status";


/** The period a digest reports on: [start, end) in instants, `date` its first local day, `through` its last. */
export interface DigestPeriod {
  date: string;
  through?: string;
  start: Date;
  end: Date;
}

export async function collectDigest(db: DbTx, manager: { id: string; name: string }, day: DigestPeriod, now: Date): Promise<DigestData> {
  const subtree = await departmentSubtree(db, manager.id);
  const inSubtree = { departmentId: { in: subtree } };
  // The manager counts as part of the subtree even when their own account has no department.
  const ownedHere = [{ owner: inSubtree }, { ownerId: manager.id }];
  const overdueWhere = { status: { in: [...OPEN_STATUSES] }, pausedAt: null, resolutionDueAt: { lt: now }, OR: ownedHere };
  const escalatedWhere = {
    status: { in: [...OPEN_STATUSES] },
    escalations: { some: {} },
    OR: [...ownedHere, { escalations: { some: { OR: [{ toUserId: manager.id }, { toUser: inSubtree }, { fromUser: inSubtree }] } } }],
  };
  // Escalations that happened in the period, in the subtree's questions or to its people, whatever became of the question.
  const escalationWhere = {
    createdAt: { gte: day.start, lt: day.end },
    OR: [{ toUserId: manager.id }, { toUser: inSubtree }, { fromUser: inSubtree }, { question: { OR: ownedHere } }],
  };
  // A complaint is invisible to the person it is about until it is decided: a manager who is themselves
  // complained about (an owner in their own subtree) does not find it in their digest before then.
  const aboutRecipient = { OR: [{ againstUserId: manager.id }, { againstUserId: null, question: { ownerId: manager.id } }] };
  const complaintWhere = {
    createdAt: { gte: day.start, lt: day.end },
    OR: [{ againstUser: inSubtree }, { againstUserId: null, question: { owner: inSubtree } }],
    NOT: { AND: [aboutRecipient, { status: { notIn: ["UPHELD" as const, "REJECTED" as const] } }] },
  };

  const [departments, overdue, overdueCount, escalated, escalatedCount, escalations, escalationCount, complaints, complaintCount, ignored] = await Promise.all([
    db.department.findMany({ where: { managerId: manager.id }, orderBy: { name: "asc" }, select: { name: true } }),
    db.question.findMany({
      where: overdueWhere,
      orderBy: { resolutionDueAt: "asc" },
      take: DIGEST_LIST_LIMIT,
      select: { id: true, number: true, resolutionDueAt: true, line: { select: { name: true } }, owner: { select: { name: true } } },
    }),
    db.question.count({ where: overdueWhere }),
    db.question.findMany({
      where: escalatedWhere,
      orderBy: { number: "asc" },
      take: DIGEST_LIST_LIMIT,
      select: { id: true, number: true, line: { select: { name: true } }, escalations: { orderBy: { level: "desc" }, take: 1, select: { level: true, toUser: { select: { name: true } } } } },
    }),
    db.question.count({ where: escalatedWhere }),
    db.escalation.findMany({
      where: escalationWhere,
      orderBy: { createdAt: "asc" },
      take: DIGEST_LIST_LIMIT,
      select: { createdAt: true, level: true, question: { select: { id: true, number: true } }, toUser: { select: { name: true } } },
    }),
    db.escalation.count({ where: escalationWhere }),
    db.complaint.findMany({
      where: complaintWhere,
      orderBy: { createdAt: "asc" },
      take: DIGEST_LIST_LIMIT,
      select: { createdAt: true, question: { select: { id: true, number: true } }, againstUser: { select: { name: true } } },
    }),
    db.complaint.count({ where: complaintWhere }),
    subtree.length === 0
      ? Promise.resolve([] as { policyId: string; title: string; count: number }[])
      : db.$queryRaw<{ policyId: string; title: string; count: number }[]>`
          SELECT c."policyId", p.title, COUNT(DISTINCT q.id)::int AS count
          FROM "Question" q
          JOIN "User" a ON a.id = q."askerId"
          JOIN "Citation" c ON c."questionId" = q.id AND c."forResolution"
          JOIN "Policy" p ON p.id = c."policyId"
          WHERE q."answerExposure" = 'IGNORED'
            AND q."resolvedAt" >= ${day.start}::timestamptz AND q."resolvedAt" < ${day.end}::timestamptz
            AND a."departmentId" = ANY(${subtree}::uuid[])
          GROUP BY c."policyId", p.title
          ORDER BY count DESC, p.title
          LIMIT 5`,
  ]);

  return {
    date: day.date,
    ...(day.through && day.through !== day.date ? { through: day.through } : {}),
    managerName: manager.name,
    departments: departments.map((d) => d.name),
    overdue: overdue.map((q) => ({ questionId: q.id, number: q.number, line: q.line.name, owner: q.owner?.name ?? null, dueAt: q.resolutionDueAt!.toISOString() })),
    escalated: escalated.map((q) => ({ questionId: q.id, number: q.number, line: q.line.name, level: q.escalations[0]?.level ?? 1, to: q.escalations[0]?.toUser.name ?? null })),
    escalations: escalations.map((e) => ({ questionId: e.question.id, number: e.question.number, level: e.level, to: e.toUser.name, at: e.createdAt.toISOString() })),
    complaints: complaints.map((c) => ({ questionId: c.question.id, number: c.question.number, against: c.againstUser?.name ?? null, at: c.createdAt.toISOString() })),
    ignoredPolicies: ignored.map((r) => ({ policyId: r.policyId, title: r.title, count: Number(r.count) })),
    totals: { overdue: overdueCount, escalated: escalatedCount, complaints: complaintCount, escalations: escalationCount },
  };
}

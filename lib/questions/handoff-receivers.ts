import "server-only";
// Who may receive a question handed on by name. Accepting a handoff makes the receiver the 首问责任人,
// who sees the asker's contact details; so only people who can own questions qualify: first-contact
// owners, the managers above anyone in this question's owner chain, and the people an admin listed.
// The receiver picker and the verbs use this one rule.
import { z } from "zod";
import type { Actor } from "../auth/roles";
import type { DbTx } from "../db/client";
import { log } from "../log";
import { m, zhText } from "../errors";

/** AppSetting key of the admin-set list `{ userIds: string[] }` of extra receivers. */
export const HANDOFF_RECEIVERS_SETTING = "handoff.receivers";

export const RECEIVER_REFUSED = zhText(m("errors.receiverRefused"));

const listedSetting = z.object({ userIds: z.array(z.string().uuid()) });

/** The admin-set list; a malformed value counts as empty rather than widening the rule. */
export async function listedReceiverIds(db: DbTx): Promise<string[]> {
  const row = await db.appSetting.findUnique({ where: { key: HANDOFF_RECEIVERS_SETTING } });
  const parsed = listedSetting.safeParse(row?.value);
  return parsed.success ? parsed.data.userIds : [];
}

/** Managers of every department above the current and past owners of the question (nearest and up). */
export async function chainManagerIds(db: DbTx, questionId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ managerId: string }[]>`
    WITH RECURSIVE up AS (
      SELECT d.id, d."parentId", d."managerId", 0 AS depth
      FROM "Department" d JOIN "User" u ON u."departmentId" = d.id
      WHERE u.id IN (
        SELECT "userId" FROM "QuestionOwnership" WHERE "questionId" = ${questionId}::uuid
        UNION SELECT "ownerId" FROM "Question" WHERE id = ${questionId}::uuid AND "ownerId" IS NOT NULL
      )
      UNION ALL
      SELECT d.id, d."parentId", d."managerId", up.depth + 1 FROM "Department" d JOIN up ON d.id = up."parentId"
      WHERE up.depth < 50
    ) SELECT DISTINCT "managerId"::text AS "managerId" FROM up WHERE "managerId" IS NOT NULL`;
  return rows.map((r) => r.managerId);
}

/** The Prisma filter for active users who may receive this question. */
async function eligibleWhere(db: DbTx, questionId: string) {
  const [managers, listed] = await Promise.all([chainManagerIds(db, questionId), listedReceiverIds(db)]);
  return {
    disabledAt: null,
    OR: [{ roles: { has: "FIRST_CONTACT_OWNER" as const } }, { id: { in: [...new Set([...managers, ...listed])] } }],
  };
}

export async function isEligibleReceiver(db: DbTx, questionId: string, userId: string): Promise<boolean> {
  return (await db.user.count({ where: { id: userId, ...(await eligibleWhere(db, questionId)) } })) === 1;
}

/** The receiver picker: everyone eligible except the giver, by name. */
export async function listHandoffReceivers(db: DbTx, questionId: string, giverId: string) {
  const where = await eligibleWhere(db, questionId);
  return db.user.findMany({ where: { ...where, id: { not: giverId } }, orderBy: { name: "asc" }, select: { id: true, name: true, title: true } });
}

/**
 * A refused receiver is written down like any refused access (`<action>.denied`), with the person
 * tried. Written through `ctx.db`, outside the transaction that rolls back with the refusal.
 */
export async function auditRefusedReceiver(ctx: { actor: Actor; db: DbTx; now: Date }, action: string, questionId: string, receiverId: string): Promise<void> {
  const fields = { action: `${action}.denied`, actorId: ctx.actor.id, target: questionId };
  log.warn("handoff receiver refused", { ...fields, receiverId });
  await ctx.db.auditLog
    .create({ data: { ...fields, data: { receiverId, reason: "receiver-not-eligible" }, createdAt: ctx.now } })
    .catch((err: unknown) => log.error("handoff receiver refusal not audited", { ...fields, err: String(err) }));
}

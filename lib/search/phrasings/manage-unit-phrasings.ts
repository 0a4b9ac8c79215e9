import "server-only";
// The policy owner's hand on 常见问法: add a wording to a unit, remove one (learned or added). Only the
// owner of the policy's 条线 (or the department owning the policy) and admins; every change is an
// AuditLog row. The policy's Meilisearch entry is marked stale in the same transaction, so the next sync
// (started by the route, or the worker's) re-sends its units with their wordings.
import { z } from "zod";
import { inPolicyScope, policyScopeOf } from "../../analytics/shared/scope";
import { denyAccess } from "../../auth/deny-access";
import type { DbTx } from "../../db/client";
import { ForbiddenError, NotFoundError, ValidationError, m, fieldKey } from "../../errors";
import type { Ctx } from "../../kernel/context";
import { parseInput } from "../../validation";
import { cleanPhrasing, MAX_PHRASING_CHARS } from "./phrasing-text";
import { recordAudit } from "../../kernel/audit";

export const PHRASING_ADD_ACTION = "phrasing.add";
export const PHRASING_REMOVE_ACTION = "phrasing.remove";

export const addPhrasingInput = z
  .object({
    policyId: z.string({ error: fieldKey("errors.field.policyIdMissing") }).min(1, fieldKey("errors.field.policyIdMissing")).max(100),
    label: z.string({ error: fieldKey("errors.field.sectionMissing") }).max(100, fieldKey("errors.field.sectionLabelTooLong")),
    text: z.string({ error: fieldKey("errors.field.phrasingRequired") }).trim().min(1, fieldKey("errors.field.phrasingRequired")).max(MAX_PHRASING_CHARS, fieldKey("errors.field.phrasingTooLong", { MAX_PHRASING_CHARS })),
  })
  .strict();

export const removePhrasingInput = z.object({ phrasingId: z.string({ error: fieldKey("errors.field.phrasingIdMissing") }).uuid(fieldKey("errors.field.phrasingIdInvalid")) }).strict();

async function markIndexStale(tx: DbTx, policyId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Policy" SET "indexedVersionId" = NULL WHERE id = ${policyId}`;
}

export async function addUnitPhrasing(ctx: Ctx, raw: unknown) {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const input = parseInput(addPhrasingInput, raw);
  const clean = cleanPhrasing(input.text);
  if (!clean) throw new ValidationError({ text: m("errors.phrasingTooShort") });
  const policy = await ctx.db.policy.findUnique({
    where: { id: input.policyId },
    select: { id: true, status: true, currentVersion: { select: { sections: { where: { label: input.label }, select: { id: true }, take: 1 } } } },
  });
  if (!policy) throw new NotFoundError(m("errors.policyNotFound"));
  if (!inPolicyScope(scope, policy.id)) throw await denyAccess(ctx, PHRASING_ADD_ACTION, policy.id, new ForbiddenError(m("errors.phrasingOwnPoliciesOnly")));
  if (policy.status !== "ACTIVE" || !policy.currentVersion?.sections.length) throw new ValidationError({ label: m("errors.sectionNotCurrent") });
  return ctx.db.$transaction(async (tx) => {
    // An owner's wording is vetted: it revives a removed one and takes the owner's name.
    const [row] = await tx.$queryRaw<{ id: string; created: boolean }[]>`
      INSERT INTO "UnitPhrasing" (id, "policyId", label, text, key, source, users, "createdById", "createdAt", "updatedAt")
      VALUES (gen_random_uuid(), ${policy.id}, ${input.label}, ${clean.text}, ${clean.key}, 'OWNER', 0, ${ctx.actor.id}::uuid, ${ctx.now}, ${ctx.now})
      ON CONFLICT ("policyId", label, key) DO UPDATE
        SET source = 'OWNER', "removedAt" = NULL, "removedById" = NULL, "updatedAt" = ${ctx.now}
      RETURNING id::text AS id, (xmax = 0) AS created`;
    await markIndexStale(tx, policy.id);
    await recordAudit(tx, { actorId: ctx.actor.id, action: PHRASING_ADD_ACTION, target: policy.id, data: { phrasingId: row!.id, label: input.label, text: clean.text, created: row!.created }, createdAt: ctx.now });
    return { id: row!.id, text: clean.text };
  });
}

export async function removeUnitPhrasing(ctx: Ctx, raw: unknown) {
  const scope = await policyScopeOf(ctx.db, ctx.actor);
  const input = parseInput(removePhrasingInput, raw);
  const p = await ctx.db.unitPhrasing.findUnique({ where: { id: input.phrasingId }, select: { id: true, policyId: true, label: true, text: true } });
  if (!p) throw new NotFoundError(m("errors.phrasingNotFound"));
  if (!inPolicyScope(scope, p.policyId)) throw await denyAccess(ctx, PHRASING_REMOVE_ACTION, p.id, new ForbiddenError(m("errors.phrasingDeleteOwnOnly")));
  return ctx.db.$transaction(async (tx) => {
    // Decided on the row as written: of two racing removals one records it, the other is a no-op.
    const done = await tx.unitPhrasing.updateMany({ where: { id: p.id, removedAt: null }, data: { removedAt: ctx.now, removedById: ctx.actor.id, updatedAt: ctx.now } });
    if (done.count === 1) {
      await markIndexStale(tx, p.policyId);
      await recordAudit(tx, { actorId: ctx.actor.id, action: PHRASING_REMOVE_ACTION, target: p.policyId, data: { phrasingId: p.id, label: p.label, text: p.text }, createdAt: ctx.now });
    }
    return { ok: true, removed: done.count === 1 };
  });
}

// One person's signal that a wording finds a unit: a resolution citing it, a click on it from a search,
// a confirmed deflection by it. Runs inside the caller's transaction (a resolution learns atomically with
// its citations). Idempotent and race-safe: the phrasing row is an upsert on (policy, label, wording) and
// a person counts once per phrasing (unique signal row), so parallel identical signals add one.
import type { DbTx } from "../../db/client";
import type { PhrasingSource } from "../../db/generated/enums";
import { cleanPhrasing } from "./phrasing-text";

export interface PhrasingSignalInput {
  policyId: string;
  /** the unit's label; it identifies the unit across versions (docs/decisions/0018-learning-from-signals.md) */
  label: string;
  /** the wording as typed (cleaned and capped here) */
  text: string;
  /** whose wording or choice it is: counted once per phrasing */
  userId: string;
  source: PhrasingSource;
  /** who made the row when it is new (the resolving owner for a resolution); defaults to userId */
  createdById?: string;
  now: Date;
}

export interface PhrasingSignalResult {
  phrasingId: string;
  /** false when this person had already counted, or the owner removed the wording */
  counted: boolean;
  removed: boolean;
}

export async function recordPhrasingSignal(tx: DbTx, s: PhrasingSignalInput): Promise<PhrasingSignalResult | null> {
  const clean = cleanPhrasing(s.text);
  if (!clean) return null;
  // DO UPDATE (not DO NOTHING) so the existing row is returned. A resolution vets a wording first seen
  // in clicks or deflections (it then counts without waiting for more people); nothing else changes.
  const vets = s.source === "RESOLUTION";
  const [row] = await tx.$queryRaw<{ id: string; removedAt: Date | null }[]>`
    INSERT INTO "UnitPhrasing" (id, "policyId", label, text, key, source, users, "createdById", "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), ${s.policyId}, ${s.label}, ${clean.text}, ${clean.key}, ${s.source}::"PhrasingSource", 0,
            ${s.createdById ?? s.userId}::uuid, ${s.now}, ${s.now})
    ON CONFLICT ("policyId", label, key) DO UPDATE SET
      source = CASE WHEN ${vets} AND "UnitPhrasing"."removedAt" IS NULL AND "UnitPhrasing".source IN ('CLICK', 'DEFLECTION') THEN EXCLUDED.source ELSE "UnitPhrasing".source END,
      "updatedAt" = CASE WHEN ${vets} AND "UnitPhrasing"."removedAt" IS NULL AND "UnitPhrasing".source IN ('CLICK', 'DEFLECTION') THEN EXCLUDED."updatedAt" ELSE "UnitPhrasing"."updatedAt" END
    RETURNING id::text AS id, "removedAt"`;
  if (!row) return null;
  // A removed wording stays removed: signals neither revive nor strengthen it.
  if (row.removedAt) return { phrasingId: row.id, counted: false, removed: true };
  const inserted = await tx.$executeRaw`
    INSERT INTO "UnitPhrasingSignal" ("phrasingId", "userId", source, "createdAt")
    VALUES (${row.id}::uuid, ${s.userId}::uuid, ${s.source}::"PhrasingSource", ${s.now})
    ON CONFLICT ("phrasingId", "userId") DO NOTHING`;
  if (inserted === 1) {
    // updatedAt feeds the corpus signature, so every process rebuilds its index with the new weight.
    await tx.$executeRaw`UPDATE "UnitPhrasing" SET users = users + 1, "updatedAt" = ${s.now} WHERE id = ${row.id}::uuid`;
  }
  return { phrasingId: row.id, counted: inserted === 1, removed: false };
}

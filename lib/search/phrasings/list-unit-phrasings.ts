import "server-only";
// The 常见问法 of one policy as its owner sees them: per unit label, newest first, with who and how many.
import { inPolicyScope, policyScopeOf } from "../../analytics/shared/scope";
import { hasRole, type Actor } from "../../auth/roles";
import type { DbTx } from "../../db/client";
import type { PhrasingSource } from "../../db/generated/enums";
import { phrasingWeight } from "./phrasing-text";

export interface UnitPhrasingRow {
  id: string;
  label: string;
  text: string;
  source: PhrasingSource;
  users: number;
  /** > 0 when search uses it now (an unvetted wording waits for enough people) */
  weight: number;
  createdAt: Date;
}

export async function listUnitPhrasings(db: DbTx, policyId: string): Promise<Map<string, UnitPhrasingRow[]>> {
  const rows = await db.unitPhrasing.findMany({
    where: { policyId, removedAt: null },
    select: { id: true, label: true, text: true, source: true, users: true, createdAt: true },
    orderBy: [{ label: "asc" }, { users: "desc" }, { createdAt: "desc" }],
    take: 2000,
  });
  const out = new Map<string, UnitPhrasingRow[]>();
  for (const r of rows) {
    const list = out.get(r.label) ?? [];
    list.push({ ...r, weight: phrasingWeight(r) });
    out.set(r.label, list);
  }
  return out;
}

/** The reader's view for the policy's owner (or an admin); null for everyone else, who sees no wordings. */
export async function phrasingsForOwner(db: DbTx, actor: Actor, policyId: string) {
  if (!hasRole(actor, "POLICY_OWNER") && !hasRole(actor, "ADMIN")) return null;
  if (!inPolicyScope(await policyScopeOf(db, actor), policyId)) return null;
  const byLabel = await listUnitPhrasings(db, policyId);
  return new Map([...byLabel].map(([label, rows]) => [label, rows.map((r) => ({ id: r.id, text: r.text, source: r.source, users: r.users, active: r.weight > 0 }))]));
}

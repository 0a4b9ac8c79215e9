// The 常见问法 the search index uses: live (not removed), weighted, per unit (policy + label). Read by the
// in-memory corpus and the Meilisearch sync, so no "server-only".
import type { DbTx } from "../../db/client";
import { phrasingWeight } from "./phrasing-text";

export interface AskedAs {
  text: string;
  /** 0–1, see phrasingWeight */
  weight: number;
}

export function unitKey(policyId: string, label: string): string {
  return `${policyId}\u0000${label}`;
}

/** At most this many wordings per unit reach the index (the heaviest): a unit cannot be flooded. */
export const MAX_PHRASINGS_PER_UNIT = 20;

/** Live phrasings with weight > 0, keyed by unitKey; `policyId` limits it to one policy or a few. */
export async function loadPhrasings(db: DbTx, policyId?: string | string[]): Promise<Map<string, AskedAs[]>> {
  const rows = await db.unitPhrasing.findMany({
    where: { removedAt: null, ...(policyId === undefined ? {} : { policyId: Array.isArray(policyId) ? { in: policyId } : policyId }) },
    select: { policyId: true, label: true, text: true, source: true, users: true },
  });
  const out = new Map<string, AskedAs[]>();
  for (const r of rows) {
    const weight = phrasingWeight(r);
    if (weight <= 0) continue;
    const k = unitKey(r.policyId, r.label);
    const list = out.get(k) ?? [];
    list.push({ text: r.text, weight });
    out.set(k, list);
  }
  for (const [k, list] of out) out.set(k, list.sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text)).slice(0, MAX_PHRASINGS_PER_UNIT));
  return out;
}

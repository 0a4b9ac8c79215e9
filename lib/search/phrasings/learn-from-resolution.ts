// A resolution citing units teaches search the asker's wording for them (source RESOLUTION: vetted by
// the owner who chose the citation). Runs in the resolution's transaction; returns the phrasing ids for
// the RESOLVED event, so the audit trail says what was learned.
import type { DbTx } from "../../db/client";
import { recordPhrasingSignal } from "./record-phrasing-signal";

export async function learnFromResolution(
  tx: DbTx,
  r: { body: string; askerId: string; resolverId: string; sections: readonly { policyId: string; label: string }[]; now: Date },
): Promise<string[]> {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const s of r.sections) {
    const k = `${s.policyId}\u0000${s.label}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const got = await recordPhrasingSignal(tx, { policyId: s.policyId, label: s.label, text: r.body, userId: r.askerId, createdById: r.resolverId, source: "RESOLUTION", now: r.now });
    if (got && !got.removed) ids.push(got.phrasingId);
  }
  return ids;
}

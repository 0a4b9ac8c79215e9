import type { AnswerExposure } from "../db/generated/enums";

export interface ShownClause {
  policyId: string;
  label: string;
  opened: boolean;
}

/**
 * Did the asker already have the answer? From what they were shown before asking (pure):
 * a cited clause they opened → OPENED (制度不清: read and still asked); shown but not opened →
 * IGNORED; never shown → SEARCH_MISS. Clauses match by policy and label, so a newer version of the
 * same article counts.
 */
export function deriveExposure(cited: { policyId: string; label: string }[], shown: ShownClause[]): AnswerExposure | null {
  if (cited.length === 0) return null;
  const key = (c: { policyId: string; label: string }) => `${c.policyId}\u0000${c.label}`;
  const shownBy = new Map<string, boolean>();
  for (const s of shown) shownBy.set(key(s), (shownBy.get(key(s)) ?? false) || s.opened);
  const states = cited.map((c) => shownBy.get(key(c)));
  if (states.some((s) => s === true)) return "OPENED";
  if (states.some((s) => s === false)) return "IGNORED";
  return "SEARCH_MISS";
}

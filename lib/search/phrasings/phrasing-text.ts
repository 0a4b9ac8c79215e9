// 常见问法 text rules, shared by the learning hooks, the owner's form and the index (no "server-only":
// unit tests and the worker use it). Every wording comes from a person typing, so it is hostile input.
import { normalizeText } from "../relevance/normalize";

/** Longest wording kept (code points). A question body longer than this is cut, not refused. */
export const MAX_PHRASING_CHARS = 120;
/** A wording must keep at least this many letters or digits to be worth indexing. */
export const MIN_PHRASING_KEY_CHARS = 2;

// Control characters, format characters (bidi overrides, zero-width joiners) and private-use code points.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;

export interface PhrasingText {
  /** What the owner sees: trimmed, one space between words, at most MAX_PHRASING_CHARS. */
  text: string;
  /** Identity of the wording: normalised (Simplified, half-width, lower-case), letters and digits only. */
  key: string;
}

/** Cleans a wording; null when nothing worth keeping is left. */
export function cleanPhrasing(raw: string): PhrasingText | null {
  const text = Array.from(raw.replace(INVISIBLE, " ").replace(/\s+/gu, " ").trim()).slice(0, MAX_PHRASING_CHARS).join("").trim();
  const key = phrasingKey(text);
  if (Array.from(key).length < MIN_PHRASING_KEY_CHARS) return null;
  return { text, key };
}

export function phrasingKey(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * How much a phrasing counts in ranking (0 = not indexed). A wording an owner vetted (their resolution
 * citing the unit, or one they typed) counts from the start; one learned only from employees' clicks or
 * confirmed deflections needs MIN_UNVETTED_USERS different people, so nobody can plant one alone.
 * More people → more weight, capped: one unit cannot be pumped above a full-weight field.
 */
export const MIN_UNVETTED_USERS = 3;

export function phrasingWeight(p: { source: "RESOLUTION" | "CLICK" | "DEFLECTION" | "OWNER"; users: number }): number {
  const vetted = p.source === "RESOLUTION" || p.source === "OWNER";
  if (vetted) return Math.min(1, 0.6 + 0.1 * Math.max(0, p.users - 1));
  if (p.users < MIN_UNVETTED_USERS) return 0;
  return Math.min(1, 0.4 + 0.1 * (p.users - MIN_UNVETTED_USERS));
}

// Article-level differences between two versions of a policy: which units (第X条, 一, 附件1…) were
// added, removed or changed, and within a changed unit which characters. Pure; used by the publish
// preview and the version history.
import { diffChars } from "diff";

export interface UnitText {
  label: string;
  heading: string;
  text: string;
}

export type TextPart = { kind: "same" | "added" | "removed"; text: string };

export type UnitChange =
  | { kind: "added"; label: string; heading: string; text: string }
  | { kind: "removed"; label: string; heading: string; text: string }
  | { kind: "changed"; label: string; heading: string; parts: TextPart[] };

export interface VersionDiff {
  changes: UnitChange[];
  unchanged: number;
}

const body = (u: UnitText) => (u.heading === u.label ? u.text : `${u.heading}\n${u.text}`);

export function diffVersions(before: UnitText[], after: UnitText[]): VersionDiff {
  const old = new Map(before.map((u) => [u.label, u]));
  const next = new Set(after.map((u) => u.label));
  const changes: UnitChange[] = [];
  let unchanged = 0;
  for (const u of after) {
    const prev = old.get(u.label);
    if (!prev) changes.push({ kind: "added", label: u.label, heading: u.heading, text: u.text });
    else if (body(prev) === body(u)) unchanged++;
    else {
      const parts = diffChars(body(prev), body(u)).map((p): TextPart => ({ kind: p.added ? "added" : p.removed ? "removed" : "same", text: p.value }));
      changes.push({ kind: "changed", label: u.label, heading: u.heading, parts });
    }
  }
  for (const u of before) if (!next.has(u.label)) changes.push({ kind: "removed", label: u.label, heading: u.heading, text: u.text });
  return { changes, unchanged };
}

import "server-only";
import type { Actor } from "../auth/roles";
import type { DbTx } from "../db/client";
import { canManageLineReplies } from "../saved-replies/access";
import type { PlaceholderValues } from "../saved-replies/placeholders";
import { listHandoffReceivers } from "./handoff-receivers";
import { fmt } from "./labels";
import { currentSectionIds } from "./search-clauses-for-question";
import { questionRef } from "../kernel/question-ref";

/**
 * What the owner's composer starts with: the asker's suggestions that are still citable (current
 * versions; the verbs refuse others anyway), the people and queues to hand over to, the values of the
 * saved-reply placeholders, and whether the owner keeps this 条线's shared saved replies.
 */
export async function ownerWorkspaceOptions(db: DbTx, actor: Actor, q: {
  id: string;
  number: number;
  line: { id: string; name: string };
  asker: { name: string };
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  suggestions: { section: { id: string; label: string; policy: { title: string } } }[];
}) {
  const shown = q.suggestions.map((s) => ({ sectionId: s.section.id, label: `${s.section.policy.title} ${s.section.label}` }));
  const [people, lines, current, manages] = await Promise.all([
    listHandoffReceivers(db, q.id, actor.id),
    db.businessLine.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    currentSectionIds(db, shown.map((c) => c.sectionId)),
    canManageLineReplies(db, actor, q.line.id),
  ]);
  const placeholders: PlaceholderValues = {
    提问人: q.asker.name,
    问题编号: questionRef(q.number),
    条线: q.line.name,
    责任人: actor.name,
    首次答复时限: fmt(q.firstResponseDueAt),
    办结时限: fmt(q.resolutionDueAt),
  };
  return {
    cite: shown.filter((c) => current.has(c.sectionId)),
    people: people.map((p) => ({ id: p.id, name: p.name, title: p.title })),
    lines,
    placeholders,
    canManageLineReplies: manages,
  };
}

import "server-only";
import { hasRole } from "../auth/roles";
import { canReview } from "../complaints/load-for-review";
import { canSeeComplaint, visibleEvents } from "../complaints/visibility";
import type { Ctx } from "../kernel/context";
import { assertCanView } from "./load-question";

/** Everything the question page shows, for one viewer; access is checked first. */
export async function getQuestionDetail(ctx: Ctx, questionId: string) {
  const { scope } = await assertCanView(ctx.db, ctx.actor, questionId);
  const q = await ctx.db.question.findUniqueOrThrow({
    where: { id: questionId },
    include: {
      line: { select: { id: true, name: true } },
      asker: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true, title: true } },
      replies: { orderBy: { createdAt: "asc" }, include: { author: { select: { id: true, name: true } }, citations: { include: { section: { select: { id: true, label: true, heading: true, versionId: true, version: { select: { version: true } }, policy: { select: { id: true, title: true, currentVersionId: true, currentVersion: { select: { version: true } } } } } } } } } },
      ownerships: { orderBy: { startedAt: "asc" }, include: { user: { select: { id: true, name: true } } } },
      handoffs: { orderBy: { createdAt: "asc" }, include: { fromUser: { select: { name: true } }, toUser: { select: { id: true, name: true } }, toLine: { select: { id: true, name: true } } } },
      escalations: { orderBy: { level: "asc" }, include: { toUser: { select: { name: true, title: true } } } },
      events: { orderBy: { id: "asc" }, include: { actor: { select: { name: true } } } },
      suggestions: { orderBy: { rank: "asc" }, include: { section: { select: { id: true, label: true, heading: true, policy: { select: { id: true, title: true } } } } } },
      rating: true,
      complaints: { orderBy: { createdAt: "asc" } },
    },
  });
  const isAskerView = q.askerId === ctx.actor.id;
  const isOwner = q.ownerId === ctx.actor.id;
  const privileged = hasRole(ctx.actor, "ADMIN") || (hasRole(ctx.actor, "MANAGER") && scope.managedDepartmentIds.length > 0);
  // A complaint and its events stay hidden from the owner until decided (lib/complaints/visibility.ts).
  const viewer = { userId: ctx.actor.id, ownerId: q.ownerId, privileged, isAsker: isAskerView };
  const complaints = q.complaints.filter((c) => canSeeComplaint(viewer, c));
  const events = visibleEvents(q.events, q.complaints, viewer);
  const reviewableComplaintIds = q.complaints.filter((c) => c.status === "OPEN" && canReview(ctx, { ...c, question: { ownerId: q.ownerId } })).map((c) => c.id);
  const statementRequests = q.complaints.filter((c) => c.status === "OPEN" && c.againstUserId === ctx.actor.id && c.statementRequestedAt).map(statementRequestView);
  const searchTrail = isOwner || privileged || hasRole(ctx.actor, "QA_REVIEWER")
    ? await ctx.db.searchQuery.findMany({ where: { askSessionId: q.askSessionId ?? "00000000-0000-0000-0000-000000000000" }, orderBy: { createdAt: "asc" }, select: { query: true, createdAt: true, resultCount: true } })
    : [];
  const pendingHandoff = q.handoffs.find((h) => h.status === "PENDING") ?? null;
  // The asker's registered contact (user and org record) is for the person answering and their managers.
  const askerContact = isOwner || privileged ? await askerContactOf(ctx.db, q.askerId) : null;
  const canRespondToHandoff = !!pendingHandoff && pendingHandoff.fromUserId !== ctx.actor.id && (pendingHandoff.toUserId === ctx.actor.id || (!!pendingHandoff.toLineId && scope.lineIds.includes(pendingHandoff.toLineId)));
  // The unfiltered complaints and events never leave this function.
  const { complaints: _allComplaints, events: _allEvents, ...question } = q;
  return { q: { ...question, events }, complaints, statementRequests, reviewableComplaintIds, searchTrail, isAsker: isAskerView, isOwner, pendingHandoff, canRespondToHandoff, askerContact };
}

async function askerContactOf(db: Ctx["db"], askerId: string) {
  const u = await db.user.findUniqueOrThrow({ where: { id: askerId }, select: { name: true, email: true, phone: true, im: true, title: true, department: { select: { name: true } } } });
  return { name: u.name, email: u.email, phone: u.phone, im: u.im, title: u.title, department: u.department?.name ?? null };
}

/**
 * What the owner is shown of an undecided complaint when the reviewer asks for a statement: the
 * request itself, never the complaint's reason or who filed it (docs/decisions/0020-complaint-review.md).
 */
function statementRequestView(c: { id: string; statementNote: string | null; statementDueAt: Date | null; statement: string | null; statementAt: Date | null }) {
  return { complaintId: c.id, note: c.statementNote, dueAt: c.statementDueAt, answered: c.statement !== null, answeredAt: c.statementAt };
}

export type QuestionDetail = Awaited<ReturnType<typeof getQuestionDetail>>;

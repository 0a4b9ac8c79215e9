// Who may see a complaint and the events about it. Pure: the question page, the reviewer queue and
// the tests share it; the ledger and the digest apply the same rule in SQL (lib/analytics/ledger/query.ts,
// collect-digest.ts).
//
// The rule (issue 18): until a decision the person complained about, and whoever owns the question
// now, see nothing of it: not the complaint, not who filed it, not its events. This holds even when
// they are an admin or a manager who could otherwise see it. After the decision they see the
// outcome and the reviewer's reason. The complainant always sees their own complaint; the assigned
// reviewer, admins and managers with the question in scope see it throughout.
import type { QuestionEventType } from "../db/generated/enums";

export interface ComplaintFacts {
  id: string;
  status: "OPEN" | "UPHELD" | "REJECTED";
  complainantId: string;
  againstUserId: string | null;
  reviewerId: string | null;
}

export interface ComplaintViewer {
  userId: string;
  /** the question's current owner */
  ownerId: string | null;
  /** admin, or a manager whose department scope covers the question */
  privileged: boolean;
}

/** The viewer is the one complained about, or holds the question now. */
export function isComplaintSubject(viewer: ComplaintViewer, c: ComplaintFacts): boolean {
  return c.againstUserId === viewer.userId || viewer.ownerId === viewer.userId;
}

export function canSeeComplaint(viewer: ComplaintViewer, c: ComplaintFacts): boolean {
  if (c.complainantId === viewer.userId) return true;
  if (isComplaintSubject(viewer, c)) return c.status !== "OPEN" && (c.againstUserId === viewer.userId || viewer.privileged);
  return c.reviewerId === viewer.userId || viewer.privileged;
}

export const COMPLAINT_EVENT_TYPES: readonly QuestionEventType[] = [
  "COMPLAINED",
  "COMPLAINT_REVIEWED",
  "COMPLAINT_STATEMENT_REQUESTED",
  "COMPLAINT_STATEMENT_GIVEN",
  "COMPLAINT_REVIEW_OVERDUE",
];

/**
 * Keeps the events this viewer may see. An event about a complaint (data.complaintId) follows the
 * complaint; one without a complaint id (older rows) only the privileged and the asker see.
 */
export function visibleEvents<E extends { type: QuestionEventType; data: unknown }>(
  events: E[],
  complaints: ComplaintFacts[],
  viewer: ComplaintViewer & { isAsker: boolean },
): E[] {
  const byId = new Map(complaints.map((c) => [c.id, c]));
  return events.filter((e) => {
    if (!COMPLAINT_EVENT_TYPES.includes(e.type)) return true;
    const id = (e.data as { complaintId?: unknown } | null)?.complaintId;
    const c = typeof id === "string" ? byId.get(id) : undefined;
    if (!c) return (viewer.privileged && viewer.ownerId !== viewer.userId) || viewer.isAsker;
    return canSeeComplaint(viewer, c);
  });
}

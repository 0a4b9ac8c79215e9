// The rule of lib/complaints/visibility.ts, case by case: the person complained about and the current
// owner see nothing of an open complaint (even as admin or manager), and its outcome once decided.
import { describe, expect, it } from "vitest";
import { canSeeComplaint, visibleEvents, type ComplaintFacts } from "@/lib/complaints/visibility";
import type { QuestionEventType } from "@/lib/db/generated/enums";

const OWNER = "owner", ASKER = "asker", REVIEWER = "reviewer", OTHER = "other", NEXT = "next-owner";
const open: ComplaintFacts = { id: "c1", status: "OPEN", complainantId: ASKER, againstUserId: OWNER, reviewerId: REVIEWER };
const upheld: ComplaintFacts = { ...open, status: "UPHELD" };
const viewer = (userId: string, privileged = false, ownerId: string | null = OWNER) => ({ userId, ownerId, privileged, isAsker: userId === ASKER });

describe("canSeeComplaint", () => {
  it("hides an open complaint from the one it is about and from the current owner, even when privileged", () => {
    expect(canSeeComplaint(viewer(OWNER), open)).toBe(false);
    expect(canSeeComplaint(viewer(OWNER, true), open)).toBe(false);
    expect(canSeeComplaint(viewer(NEXT, true, NEXT), open)).toBe(false);
  });
  it("shows it to the complainant, the reviewer and the privileged; not to anyone else", () => {
    expect(canSeeComplaint(viewer(ASKER), open)).toBe(true);
    expect(canSeeComplaint(viewer(REVIEWER), open)).toBe(true);
    expect(canSeeComplaint(viewer(OTHER, true), open)).toBe(true);
    expect(canSeeComplaint(viewer(OTHER), open)).toBe(false);
  });
  it("shows the decided complaint to the one it is about", () => {
    expect(canSeeComplaint(viewer(OWNER), upheld)).toBe(true);
    expect(canSeeComplaint(viewer(OWNER), { ...open, status: "REJECTED" })).toBe(true);
    // A later owner who is not privileged and not the subject still sees nothing.
    expect(canSeeComplaint(viewer(NEXT, false, NEXT), upheld)).toBe(false);
  });
});

describe("visibleEvents", () => {
  const ev = (type: QuestionEventType, data: unknown = {}) => ({ type, data });
  const events = [ev("ASKED"), ev("COMPLAINED", { complaintId: "c1" }), ev("COMPLAINT_STATEMENT_REQUESTED", { complaintId: "c1" }), ev("REPLIED"), ev("COMPLAINED", {})];
  it("drops the complaint's events for the owner until the decision, keeps everything else", () => {
    expect(visibleEvents(events, [open], viewer(OWNER)).map((e) => e.type)).toEqual(["ASKED", "REPLIED"]);
    expect(visibleEvents(events, [open], viewer(OWNER, true)).map((e) => e.type)).toEqual(["ASKED", "REPLIED"]);
    expect(visibleEvents(events, [upheld], viewer(OWNER)).map((e) => e.type)).toEqual(["ASKED", "COMPLAINED", "COMPLAINT_STATEMENT_REQUESTED", "REPLIED"]);
  });
  it("keeps them for the asker and the reviewer; an event naming no complaint only for the asker and the privileged", () => {
    expect(visibleEvents(events, [open], viewer(ASKER))).toHaveLength(5);
    expect(visibleEvents(events, [open], viewer(REVIEWER)).map((e) => e.type)).toEqual(["ASKED", "COMPLAINED", "COMPLAINT_STATEMENT_REQUESTED", "REPLIED"]);
    expect(visibleEvents(events, [open], viewer(OTHER, true))).toHaveLength(5);
  });
});

import { describe, expect, it } from "vitest";
import { urgencyAtFiling } from "@/lib/questions/deadlines";

const normalDue = new Date("2026-12-10T10:00:00Z");

describe("urgency at filing", () => {
  it("is normal without a request or a needed-by date", () => {
    expect(urgencyAtFiling({}, normalDue)).toEqual({ priority: "NORMAL", reason: null, forcedByNeededBy: false });
  });
  it("is urgent when the asker asks, with their reason", () => {
    expect(urgencyAtFiling({ urgent: true, urgentReason: "明天上午要付款" }, normalDue)).toEqual({ priority: "URGENT", reason: "明天上午要付款", forcedByNeededBy: false });
  });
  it("is forced by a needed-by date sooner than the normal deadline, and only then", () => {
    expect(urgencyAtFiling({ neededBy: new Date(normalDue.getTime() - 60_000) }, normalDue)).toEqual({ priority: "URGENT", reason: null, forcedByNeededBy: true });
    expect(urgencyAtFiling({ neededBy: normalDue }, normalDue).priority).toBe("NORMAL");
    expect(urgencyAtFiling({ neededBy: new Date(normalDue.getTime() + 86_400_000) }, normalDue).priority).toBe("NORMAL");
  });
});

import { describe, expect, it } from "vitest";
import { deadlineSentenceParts } from "@/lib/questions/deadline-sentence";
import { currentOwnerReason, ownerChanges } from "@/lib/questions/owner-standing";
import { chooseOwnerWithReason } from "@/lib/questions/routing";
import { fillPlaceholders, placeholderNames, unknownPlaceholders } from "@/lib/saved-replies/placeholders";

const at = (s: string) => new Date(s);

describe("routing reason", () => {
  const c = (userId: string, openCount: number, onDuty = false, assignedAt = "2025-01-01") => ({ userId, openCount, onDuty, assignedAt: at(assignedAt) });
  it("says which step of the rule decided", () => {
    expect(chooseOwnerWithReason([c("a", 5)])).toMatchObject({ userId: "a", reason: "only-in-matrix" });
    expect(chooseOwnerWithReason([c("a", 0), c("b", 3, true)])).toMatchObject({ userId: "b", reason: "roster", openCount: 3, pool: 1 });
    expect(chooseOwnerWithReason([c("a", 2), c("b", 1)])).toMatchObject({ userId: "b", reason: "least-loaded", openCount: 1, pool: 2 });
    expect(chooseOwnerWithReason([c("a", 1, false, "2025-02-01"), c("b", 1, false, "2025-01-01")])).toMatchObject({ userId: "b", reason: "longest-assigned" });
    expect(chooseOwnerWithReason([])).toBeNull();
  });
});

describe("deadline sentence", () => {
  const zone = "Asia/Shanghai";
  const now = at("2026-12-07T02:00:00Z"); // 10:00 in Shanghai, a Monday
  it("shows only the time for a first reply due today, the day for the resolution", () => {
    expect(deadlineSentenceParts(at("2026-12-07T08:30:00Z"), at("2026-12-09T10:00:00Z"), now, "zh-CN", zone)).toEqual({ first: "16:30", due: "12 月 9 日" });
  });
  it("names the day when the first reply is due on another day, in the company zone", () => {
    // 17:30 UTC on the 7th is 01:30 on the 8th in Shanghai
    expect(deadlineSentenceParts(at("2026-12-07T17:30:00Z"), at("2026-12-31T16:30:00Z"), now, "zh-CN", zone)).toEqual({ first: "12 月 8 日 01:30", due: "1 月 1 日" });
    expect(deadlineSentenceParts(at("2026-12-08T01:00:00Z"), at("2026-12-09T10:00:00Z"), now, "en", zone)).toEqual({ first: "Dec 8 09:00", due: "Dec 9" });
  });
});

describe("owner changes", () => {
  const own = (id: string, userId: string, name: string, via: string, startedAt: string, endedAt: string | null = null) => ({ id, userId, via, startedAt: at(startedAt), endedAt: endedAt ? at(endedAt) : null, user: { name } });
  const ownerships = [
    own("o1", "u1", "张敏", "ROUTED", "2026-12-07T01:00:00Z", "2026-12-07T03:00:00Z"),
    own("o2", "u2", "赵磊", "HANDOFF", "2026-12-07T03:00:00Z"),
  ];
  const events = [{ type: "ROUTED", createdAt: at("2026-12-07T01:00:00Z"), data: { ownerId: "u1", via: "ROUTED", reason: "roster" } }];
  it("lists each change with the stored reason and the previous owner", () => {
    expect(ownerChanges(ownerships, events)).toEqual([
      { id: "o1", at: at("2026-12-07T01:00:00Z"), toName: "张敏", fromName: null, reason: "roster" },
      { id: "o2", at: at("2026-12-07T03:00:00Z"), toName: "赵磊", fromName: "张敏", reason: "handoff" },
    ]);
    expect(currentOwnerReason("u2", ownerships, events)).toBe("handoff");
    expect(currentOwnerReason(null, ownerships, events)).toBeNull();
  });
  it("says the reason is unknown for questions routed before it was stored, never guessing", () => {
    expect(currentOwnerReason("u1", [ownerships[0]!], [{ type: "ROUTED", createdAt: at("2026-12-07T01:00:00Z"), data: { ownerId: "u1", via: "ROUTED" } }])).toBe("unknown");
    expect(currentOwnerReason("u1", [ownerships[0]!], [{ type: "ROUTED", createdAt: at("2026-12-07T01:00:00Z"), data: { ownerId: "u1", reason: "<script>" } }])).toBe("unknown");
  });
});

describe("saved reply placeholders", () => {
  const values = { 提问人: "李明", 问题编号: "Q-000042", 条线: "人力资源", 责任人: "张敏", 首次答复时限: "2026/12/07 16:30", 办结时限: "2026/12/09 10:00" };
  it("fills every known placeholder, as often as it occurs, and leaves other braces alone", () => {
    expect(fillPlaceholders("{提问人}您好，{问题编号}（{条线}）由我{责任人}负责。{提问人}，{办结时限}前办结。{ \"a\": 1 }", values))
      .toBe("李明您好，Q-000042（人力资源）由我张敏负责。李明，2026/12/09 10:00前办结。{ \"a\": 1 }");
  });
  it("finds unknown placeholders (typos) once each", () => {
    expect(unknownPlaceholders("{提问者}您好 {提问者} {条线} {toString}")).toEqual(["提问者", "toString"]);
    expect(fillPlaceholders("{toString}{__proto__}", values)).toBe("{toString}{__proto__}");
  });
  it("takes the English names too, as an English reader is shown them", () => {
    expect(placeholderNames("en").map((n) => `{${n}}`).join(" ")).toBe("{asker} {questionNumber} {line} {owner} {firstReplyDue} {resolutionDue}");
    expect(fillPlaceholders("Dear {asker}, {questionNumber} ({line}) is mine, {owner}; resolved by {resolutionDue}, first reply {firstReplyDue}.", values))
      .toBe("Dear 李明, Q-000042 (人力资源) is mine, 张敏; resolved by 2026/12/09 10:00, first reply 2026/12/07 16:30.");
    expect(unknownPlaceholders("{asker} {Asker} {提问人}")).toEqual(["Asker"]);
    expect(placeholderNames("zh-CN")).toEqual(["提问人", "问题编号", "条线", "责任人", "首次答复时限", "办结时限"]);
  });
});

// 站内通知: each person sees and marks only their own in-app notifications, rendered as mail and IM are.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { listInbox, markInboxRead, unreadCount } from "@/lib/notify/inbox";
import { fileComplaint } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type U = Awaited<ReturnType<typeof makeUser>>;
let asker: U;
let owner: U;
let manager: U;
let questionId: string;

beforeAll(async () => {
  manager = await makeUser(t.db, { roles: ["EMPLOYEE", "MANAGER"] });
  const dept = await makeDepartment(t.db, { managerId: manager.id });
  owner = await makeUser(t.db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
  asker = await makeUser(t.db);
  const line = await makeLine(t.db, { ownerIds: [owner.id] });
  const askSessionId = (await makeSearchedAskSession(t.db, asker.id)).id;
  questionId = (await fileQuestion(ctxOf(t.db, asker), { askSessionId, idempotencyKey: randomUUID(), body: "出差住宿超标怎么报销？", lineId: line.id, contactName: asker.name })).id;
});

describe("in-app notifications", () => {
  it("shows the owner the new question, rendered, unread; nobody else sees it", async () => {
    const inbox = await listInbox(ctxOf(t.db, owner));
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toEqual([expect.objectContaining({ questionId, read: false, subject: expect.stringMatching(/^新问题待处理：Q-\d{6}/) })]);
    // The text says which question (with the matter's first line), the deadlines and what to do.
    expect(inbox.items[0]!.subject).toMatch(/^新问题待处理：Q-\d{6}（.+） · 出差住宿超标怎么报销？$/);
    expect(inbox.items[0]!.lines.join("\n")).toMatch(/问题：Q-\d{6} · 条线 .+ · “出差住宿超标怎么报销？”\n时限：首次响应 \d\d-\d\d \d\d:\d\d（还有 [^）]+）；办结 \d\d-\d\d \d\d:\d\d（还有 [^）]+）\n请你：/);
    expect((await listInbox(ctxOf(t.db, asker))).items).toEqual([]);
  });

  it("marks only the caller's own rows read: another person's ids change nothing", async () => {
    const [item] = (await listInbox(ctxOf(t.db, owner))).items;
    expect(await markInboxRead(ctxOf(t.db, asker), { ids: [item!.id] })).toEqual({ marked: 0 });
    expect(await unreadCount(t.db, owner.id)).toBe(1);
    expect(await markInboxRead(ctxOf(t.db, owner), { all: true })).toEqual({ marked: 1 });
    expect(await unreadCount(t.db, owner.id)).toBe(0);
    expect((await listInbox(ctxOf(t.db, owner))).items[0]!.read).toBe(true);
    await expect(markInboxRead(ctxOf(t.db, owner), { ids: ["not-a-uuid"] })).rejects.toThrow();
    await expect(markInboxRead(ctxOf(t.db, owner), { all: false })).rejects.toThrow();
  });

  it("tells the owner's manager of a complaint, not the owner it is about", async () => {
    await fileComplaint(ctxOf(t.db, asker), { questionId, idempotencyKey: randomUUID(), reason: "三天没有答复" });
    expect((await listInbox(ctxOf(t.db, manager))).items.map((i) => i.subject)).toEqual([expect.stringMatching(/收到投诉/)]);
    expect((await listInbox(ctxOf(t.db, owner))).items.some((i) => /投诉/.test(i.subject))).toBe(false);
  });
});

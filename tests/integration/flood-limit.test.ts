// Question and complaint floods get 429 (RateLimitedError with Retry-After) for the flooding user only;
// resubmitting the same idempotency key is not a new question and never counts.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RateLimitedError } from "@/lib/errors";
import { fileComplaint } from "@/lib/questions/asker-actions";
import { fileQuestion } from "@/lib/questions/file-question";
import { ctxOf } from "../helpers/actors";
import { makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

describe("flood limits", () => {
  it("the 21st question within 10 minutes is refused with the time until the oldest leaves the window", async () => {
    const db = t.db;
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    const flooder = await makeUser(db);
    const other = await makeUser(db);
    const t0 = Date.now();
    const file = async (u: typeof flooder, atMs: number, key = randomUUID()) =>
      fileQuestion(ctxOf(db, u, new Date(atMs)), { idempotencyKey: key, body: "门禁卡丢了怎么补办？", lineId: line.id, contactName: u.name, askSessionId: (await makeSearchedAskSession(db, u.id)).id });
    const firstKey = randomUUID();
    await file(flooder, t0, firstKey);
    for (let i = 1; i < 20; i++) await file(flooder, t0 + i * 1000);
    const refused = await file(flooder, t0 + 60_000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    // The oldest (t0) leaves the 10-minute window at t0 + 600 s: 540 s after t0 + 60 s.
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(540);
    expect(await db.question.count({ where: { askerId: flooder.id } })).toBe(20);
    // The same key again is the same question, not a 21st.
    await expect(file(flooder, t0 + 61_000, firstKey)).resolves.toMatchObject({ created: false });
    // Someone else is not affected; the flooder may ask again once the window has moved on.
    await expect(file(other, t0 + 62_000)).resolves.toMatchObject({ created: true });
    await expect(file(flooder, t0 + 601_000)).resolves.toMatchObject({ created: true });
  });

  it("the 6th complaint within an hour is refused", async () => {
    const db = t.db;
    const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"] });
    const line = await makeLine(db, { ownerIds: [owner.id] });
    const asker = await makeUser(db);
    const q = await fileQuestion(ctxOf(db, asker), { idempotencyKey: randomUUID(), body: "报销一直没到账", lineId: line.id, contactName: asker.name, askSessionId: (await makeSearchedAskSession(db, asker.id)).id });
    const now = Date.now();
    for (let i = 0; i < 5; i++) await fileComplaint(ctxOf(db, asker, new Date(now + i * 1000)), { questionId: q.id, idempotencyKey: randomUUID(), reason: `第 ${i + 1} 次投诉：一直没有答复` });
    const refused = await fileComplaint(ctxOf(db, asker, new Date(now + 10_000)), { questionId: q.id, idempotencyKey: randomUUID(), reason: "还是没有答复" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(3590);
    expect(await db.complaint.count({ where: { complainantId: asker.id } })).toBe(5);
  });
});

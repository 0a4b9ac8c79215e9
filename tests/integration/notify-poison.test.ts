// The notification outbox is the other queued writer (issue 15, item 1): a receiver whose error text
// carries a NUL made the row's outcome unstorable (PostgreSQL refuses NUL in lastError, 22021), and the
// failed statement rejected the whole batch. Now the text is cleaned and one row's failure to store its
// outcome never stops the rest of the batch.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deliverDue } from "@/lib/notify/deliver-due";
import { enqueueNotification } from "@/lib/notify/enqueue-notification";
import type { Transports } from "@/lib/notify/transports";
import { makeUser } from "../helpers/factories";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();

describe("a receiver answering with NUL in its error among good ones", () => {
  it("the good rows are sent, the bad one keeps a readable lastError and is retried, the batch completes", async () => {
    const users = await Promise.all([1, 2, 3].map(() => makeUser(t.db)));
    for (const [i, u] of users.entries()) {
      // E-mail off: only the webhook channel is delivered here.
      await t.db.notificationPreference.createMany({
        data: [
          { userId: u.id, channel: "EMAIL", enabled: false },
          { userId: u.id, channel: "WECOM", enabled: true, address: `https://hooks.example/wecom/${i}` },
        ],
      });
      await t.db.$transaction((tx) => enqueueNotification(tx, { userId: u.id, kind: "question.assigned", dedupeKey: `poison:${randomUUID()}`, payload: { line: "行政" } }));
    }
    const posted: string[] = [];
    const transports: Transports = {
      email: null,
      webhook: {
        async post(url) {
          // A transport's own error text (an SMTP server's answer is such text): stored cleaned.
          if (url.endsWith("/1")) throw new Error("HTTP 500：bad\u0000body\ud800");
          posted.push(url);
        },
      },
    };

    const result = await deliverDue({ db: t.db, now: new Date(), transports });
    expect(result).toMatchObject({ claimed: 3, sent: 2, retrying: 1 });
    expect(posted.sort()).toEqual(["https://hooks.example/wecom/0", "https://hooks.example/wecom/2"]);
    const rows = await t.db.notification.findMany({ where: { userId: { in: users.map((u) => u.id) }, channel: "WECOM" } });
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(byUser.get(users[0]!.id)).toMatchObject({ status: "SENT" });
    expect(byUser.get(users[2]!.id)).toMatchObject({ status: "SENT" });
    const bad = byUser.get(users[1]!.id)!;
    expect(bad).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(bad.lastError).toContain("HTTP 500");
    expect(bad.lastError).not.toMatch(/\u0000|[\ud800-\udfff]/);
  });
});

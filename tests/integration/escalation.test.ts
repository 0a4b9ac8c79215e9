// A question past its limit climbs the org chart through two levels while the worker is killed with
// SIGKILL and restarted in between: each escalation and each notification happens exactly once, the
// mails and webhooks arrive at local receivers, and the asker's view shows the escalation.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getQuestionDetail } from "@/lib/questions/get-question-detail";
import { fileQuestion } from "@/lib/questions/file-question";
import { waitFor } from "@/lib/embedded/ports";
import { ctxOf } from "../helpers/actors";
import { makeDepartment, makeLine, makeSearchedAskSession, makeUser } from "../helpers/factories";
import { notificationIdIn, startSmtpReceiver, startWebhookReceiver } from "../helpers/receivers";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

function startWorker(extraEnv: Record<string, string>): ChildProcess {
  // One process (node with tsx's loader), so that SIGKILL really kills the worker: tsx's CLI would
  // run it in a grandchild that survives its parent's SIGKILL.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, WORKER_INTERVAL_MS: "250", LOG_LEVEL: "warn", ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

describe("escalation to the top with a worker killed in between", () => {
  it("escalates twice, exactly once each, and delivers each notification once", { timeout: 360_000 }, async () => {
    const db = t.db;
    // Working time all day, every day of this test (it may run at night or on a holiday).
    await db.appSetting.create({ data: { key: "calendar.hours", value: { start: 0, end: 1440 } } });
    for (let d = -1; d <= 3; d++) {
      const date = new Date(Date.now() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
      await db.calendarOverride.create({ data: { date: new Date(`${date}T00:00:00Z`), isWorkday: true } });
    }
    const smtp = await startSmtpReceiver();
    const hook = await startWebhookReceiver();
    try {
      const ceo = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
      const company = await makeDepartment(db, { kind: "COMPANY", managerId: ceo.id });
      const regionHead = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
      const region = await makeDepartment(db, { kind: "REGION", parentId: company.id, managerId: regionHead.id });
      const deptHead = await makeUser(db, { roles: ["EMPLOYEE", "MANAGER"] });
      const dept = await makeDepartment(db, { parentId: region.id, managerId: deptHead.id });
      await db.user.update({ where: { id: regionHead.id }, data: { departmentId: region.id } });
      await db.user.update({ where: { id: deptHead.id }, data: { departmentId: dept.id } });
      const owner = await makeUser(db, { roles: ["EMPLOYEE", "FIRST_CONTACT_OWNER"], departmentId: dept.id });
      const asker = await makeUser(db, { departmentId: dept.id });
      const line = await makeLine(db, { ownerIds: [owner.id] });
      await db.timeLimitPolicy.create({ data: { lineId: line.id, priority: "NORMAL", firstResponseMinutes: 2, resolutionMinutes: 2, escalationMinutes: 2 } });
      for (const u of [deptHead, regionHead]) {
        await db.notificationPreference.create({ data: { userId: u.id, channel: "WECOM", enabled: true, address: `${hook.base}/wecom/${u.id}` } });
      }
      // Filed 118 s ago with a 2-minute limit: level 1 is due within seconds, level 2 two minutes later.
      const filed = await fileQuestion(ctxOf(db, asker, new Date(Date.now() - 118_000)), { idempotencyKey: randomUUID(), body: "报销单被退回三次，没有人告诉我原因", lineId: line.id, contactName: asker.name, askSessionId: (await makeSearchedAskSession(db, asker.id)).id });
      expect(filed.ownerId).toBe(owner.id);

      // A short delivery lease: rows a killed worker had claimed come back within seconds.
      const env = { SMTP_URL: smtp.url, NEXTAUTH_URL: "http://127.0.0.1:3000", NOTIFY_LEASE_MS: "3000" };
      const escalations = () => db.escalation.findMany({ where: { questionId: filed.id }, orderBy: { level: "asc" } });
      let worker = startWorker(env);
      expect(await waitFor(async () => (await escalations()).length >= 1, 60_000, 200)).toBe(true);
      worker.kill("SIGKILL");
      await new Promise((r) => worker.once("exit", r));
      worker = startWorker(env);
      expect(await waitFor(async () => (await escalations()).length >= 2, 200_000, 250)).toBe(true);
      // Let deliveries drain, then stop.
      expect(await waitFor(async () => (await db.notification.count({ where: { questionId: filed.id, status: "PENDING" } })) === 0, 30_000, 250)).toBe(true);
      await new Promise((r) => setTimeout(r, 1500)); // a few more ticks: nothing may happen twice
      worker.kill("SIGTERM");
      await new Promise((r) => worker.once("exit", r));

      const levels = await escalations();
      expect(levels.map((e) => [e.level, e.toUserId])).toEqual([
        [1, deptHead.id],
        [2, regionHead.id],
      ]);
      expect(await db.questionEvent.count({ where: { questionId: filed.id, type: "ESCALATED" } })).toBe(2);
      const rows = await db.notification.findMany({ where: { questionId: filed.id, kind: "question.escalated" } });
      // Per level: the new holder, the owner and the asker in-app and by e-mail; the managers also by 企业微信.
      expect(rows.filter((r) => r.channel === "IN_APP")).toHaveLength(6);
      expect(rows.filter((r) => r.channel === "WECOM").map((r) => r.userId).sort()).toEqual([deptHead.id, regionHead.id].sort());
      const external = await db.notification.findMany({ where: { questionId: filed.id, channel: { not: "IN_APP" } } });
      expect(external.every((r) => r.status === "SENT")).toBe(true);

      // What arrived: every notification, identified by its id. Delivery is at-least-once: a kill between
      // sending and marking a row sent repeats that one send with the same id, which receivers de-duplicate.
      const mailIds = [...new Set(smtp.mails.map((m) => String(m.headers.get("x-shouwen-notification") ?? "")))];
      const hookIds = [...new Set(hook.requests.map((r) => notificationIdIn(r.body)))];
      // (The receivers also see this database's other mail, e.g. the managers' daily digest.)
      const sentEverywhere = await db.notification.findMany({ where: { channel: { not: "IN_APP" }, status: "SENT" } });
      expect(mailIds.sort()).toEqual(sentEverywhere.filter((r) => r.channel === "EMAIL").map((r) => r.id).sort());
      expect(hookIds.sort()).toEqual(sentEverywhere.filter((r) => r.channel === "WECOM").map((r) => r.id).sort());
      for (const r of external) expect(r.channel === "EMAIL" ? mailIds : hookIds).toContain(r.id);

      // The asker sees who it was escalated to.
      const detail = await getQuestionDetail(ctxOf(db, asker), filed.id);
      expect(detail.q.escalations.at(-1)?.toUser.name).toBe(regionHead.name);
    } finally {
      await smtp.close();
      await hook.close();
    }
  });
});

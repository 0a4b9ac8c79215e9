// The outbox sender. Delivery is at-least-once with a stable id: a row is claimed (its next attempt
// pushed a lease into the future), sent, and marked right after the send. A crash between the send
// and the mark sends it again after the lease; receivers de-duplicate by the notification id that
// every message carries (Message-ID / X-Shouwen-Notification, the id line in IM text).
import type { Db } from "../db/client";
import type { NotificationChannel } from "../db/generated/enums";
import { fieldKey, m } from "../errors";
import { log } from "../log";
import { backoffMs, LEASE_MS, MAX_ATTEMPTS } from "./backoff";
import { resolveChannels, type ImChannel } from "./channels";
import { messageLocale, renderNotification } from "./render-notification";
import type { Transports } from "./transports";
import { buildWebhookBody, DeliveryError } from "./webhook";

export interface DeliverOptions {
  db: Db;
  now: Date;
  transports: Transports;
  batchSize?: number;
  /** parallel sends within a batch */
  concurrency?: number;
  leaseMs?: number;
  /** base URL for links in messages */
  portalUrl?: string;
}

export interface DeliverResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  userId: string;
  channel: NotificationChannel;
  kind: string;
  questionId: string | null;
  payload: unknown;
  attempts: number;
  createdAt: Date;
}

/** Sends what is due now. Safe to run in several processes at once: SKIP LOCKED plus the lease. */
export async function deliverDue(options: DeliverOptions): Promise<DeliverResult> {
  const { db, now, transports } = options;
  const batchSize = options.batchSize ?? 50;
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? LEASE_MS));
  // One statement claims: rows locked by another worker are skipped, and rows another worker
  // claimed a moment ago no longer match because their nextAttemptAt moved to its lease.
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE "Notification" SET "nextAttemptAt" = ${leaseUntil}::timestamptz, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "Notification"
      WHERE status = 'PENDING' AND channel <> 'IN_APP' AND "nextAttemptAt" <= ${now}::timestamptz
      ORDER BY "nextAttemptAt"
      LIMIT ${batchSize}::int
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "userId", channel::text AS channel, kind, "questionId", payload, attempts, "createdAt"`;
  const result: DeliverResult = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
  if (rows.length === 0) return result;

  const [users, questions] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.userId))] } },
      select: { id: true, email: true, disabledAt: true, locale: true, notificationPrefs: { select: { channel: true, enabled: true, address: true, secret: true } } },
    }),
    db.question.findMany({
      where: { id: { in: [...new Set(rows.flatMap((r) => (r.questionId ? [r.questionId] : [])))] } },
      select: { id: true, number: true, body: true, askerId: true, ownerId: true, firstResponseDueAt: true, resolutionDueAt: true, line: { select: { name: true } } },
    }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const questionById = new Map(questions.map((q) => [q.id, { id: q.id, number: q.number, lineName: q.line.name, body: q.body, askerId: q.askerId, ownerId: q.ownerId, firstResponseDueAt: q.firstResponseDueAt, resolutionDueAt: q.resolutionDueAt }]));

  const sendOne = async (row: Claimed) => {
    const user = userById.get(row.userId);
    // The address is read now, not at enqueue: a corrected webhook fixes the pending retries too.
    const target = user ? resolveChannels(user, user.notificationPrefs).find((c) => c.channel === row.channel) : undefined;
    if (!target) throw new DeliveryError(m("errors.notify.channelOff"), { permanent: true });
    const message = renderNotification({
      kind: row.kind,
      payload: row.payload,
      question: row.questionId ? (questionById.get(row.questionId) ?? null) : null,
      portalUrl: options.portalUrl,
      // The audience of the channel decides what the message may carry (group bots: no question text).
      channel: row.channel,
      recipientId: row.userId,
      at: row.createdAt,
      // E-mail in the language the recipient chose; group chats in the company default.
      locale: messageLocale(row.channel, user!.locale),
    });
    if (row.channel === "EMAIL") {
      if (!transports.email) throw new DeliveryError(m("errors.notify.noSmtp"));
      await transports.email.send(target.address, message, row.id);
    } else {
      const signing = user!.notificationPrefs.find((p) => p.channel === row.channel)?.secret ?? null;
      await transports.webhook.post(target.address, buildWebhookBody(row.channel as ImChannel, message, row.id, transports.webhookFormat), { channel: row.channel as ImChannel, secret: signing });
    }
  };

  const record = async (row: Claimed) => {
    try {
      await sendOne(row);
    } catch (err) {
      const permanent = err instanceof DeliveryError && err.permanent;
      const lastError = storedError(err);
      const isFailed = permanent || row.attempts >= MAX_ATTEMPTS;
      // Conditional on the attempt we claimed: a stale worker cannot overwrite a newer attempt.
      await db.notification.updateMany({
        where: { id: row.id, status: "PENDING", attempts: row.attempts },
        data: isFailed ? { status: "FAILED", lastError } : { lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)) },
      });
      if (isFailed) result.failed++;
      else result.retrying++;
      log.warn("notification delivery failed", { id: row.id, channel: row.channel, attempts: row.attempts, final: isFailed, error: errorText(err) });
      return;
    }
    // Marked immediately after the send: the window in which a crash repeats a message is this one statement.
    await db.notification.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "SENT", sentAt: now, lastError: null } });
    result.sent++;
  };

  // One row whose outcome cannot be stored must not stop the others in the batch; its lease runs out
  // and it is claimed again (attempts counts up to MAX_ATTEMPTS meanwhile).
  const handle = async (row: Claimed) => {
    try {
      await record(row);
    } catch (err) {
      log.error("notification outcome not stored", { id: row.id, channel: row.channel, attempts: row.attempts, error: errorText(err) });
    }
  };

  const queue = [...rows];
  const workers = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await handle(row);
  });
  await Promise.all(workers);
  return result;
}

/**
 * What lastError keeps: our own reasons (DeliveryError, whose values are statuses and codes checked
 * against a pattern, never a receiver's text) as a catalogue key with its values, in the form
 * fieldMessageOf reads back (lib/errors.ts), so /admin/notifications shows them in the admin's language;
 * anything else (an SMTP server's answer) as cleaned text.
 */
function storedError(err: unknown): string {
  return err instanceof DeliveryError ? fieldKey(err.msg.key, err.msg.vars) : errorText(err);
}

/**
 * A receiver's error text, as stored in lastError: control characters (NUL, which PostgreSQL refuses
 * in text, would make the row's outcome unstorable on every attempt) and broken surrogates removed.
 */
function errorText(err: unknown): string {
  const e = err as (Error & { code?: string; responseCode?: number }) | null;
  const text = e?.message ?? String(err);
  const code = e?.code ? `${e.code}: ` : "";
  return `${code}${text}`
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .slice(0, 1000)
    .replace(/[\ud800-\udbff]$/, "");
}

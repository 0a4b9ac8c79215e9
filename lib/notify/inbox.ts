import "server-only";
// 站内通知: the in-app rows the outbox writes for a person (enqueueNotification), rendered with the same
// templates as mail and IM, newest first; and marking them read. Only the actor's own rows, ever.
import { z } from "zod";
import type { DbTx } from "../db/client";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { brandOf } from "./message";
import { renderNotification } from "./render-notification";
import { fieldKey } from "../errors";

export const INBOX_LIMIT = 100;

export interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  lines: string[];
  questionId: string | null;
  createdAt: Date;
  read: boolean;
}

export async function unreadCount(db: DbTx, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, channel: "IN_APP", readAt: null } });
}

/** The notices in the reader's language (the page's locale: the cookie, else the reader's stored choice). */
export async function listInbox(ctx: Ctx, locale: Locale = DEFAULT_LOCALE): Promise<{ items: InboxItem[]; unread: number }> {
  const [rows, unread] = await Promise.all([
    ctx.db.notification.findMany({
      where: { userId: ctx.actor.id, channel: "IN_APP" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: INBOX_LIMIT,
      select: { id: true, kind: true, payload: true, createdAt: true, readAt: true, question: { select: { id: true, number: true, body: true, askerId: true, ownerId: true, firstResponseDueAt: true, resolutionDueAt: true, line: { select: { name: true } } } } },
    }),
    unreadCount(ctx.db, ctx.actor.id),
  ]);
  return {
    unread,
    items: rows.map((r) => {
      // Every row is the actor's own and the question one they were told about: the personal audience.
      const m = renderNotification({
        kind: r.kind,
        payload: r.payload,
        question: r.question ? { id: r.question.id, number: r.question.number, lineName: r.question.line.name, body: r.question.body, askerId: r.question.askerId, ownerId: r.question.ownerId, firstResponseDueAt: r.question.firstResponseDueAt, resolutionDueAt: r.question.resolutionDueAt } : null,
        channel: "IN_APP",
        recipientId: ctx.actor.id,
        at: r.createdAt,
        locale,
      });
      return { id: r.id, kind: r.kind, subject: withoutBrand(m.subject, locale), lines: m.sections.flatMap((s) => (s.heading ? [s.heading, ...s.lines] : s.lines)), questionId: r.question?.id ?? null, createdAt: r.createdAt, read: r.readAt !== null };
    }),
  };
}

const withoutBrand = (subject: string, locale: Locale) => (subject.startsWith(brandOf(locale)) ? subject.slice(brandOf(locale).length) : subject);

export const markReadInput = z.union([z.object({ all: z.literal(true) }).strict(), z.object({ ids: z.array(z.string().uuid(fieldKey("errors.field.notificationIdInvalid"))).min(1).max(INBOX_LIMIT) }).strict()]);

/** Marks the actor's own in-app rows read (all, or the ids given; ids of other people's rows change nothing). */
export async function markInboxRead(ctx: Ctx, raw: unknown): Promise<{ marked: number }> {
  const input = parseInput(markReadInput, raw);
  const where = { userId: ctx.actor.id, channel: "IN_APP" as const, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) };
  const r = await ctx.db.notification.updateMany({ where, data: { readAt: ctx.now } });
  return { marked: r.count };
}

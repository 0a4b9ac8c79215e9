// A question's status, once: which statuses count as open (someone still owes an answer) and which as
// answered, for Prisma filters and, as SQL fragments, for the raw queries.
import { Prisma } from "../db/generated/client";
import type { QuestionStatus } from "../db/generated/enums";

/** Someone still owes the asker an answer. */
export const OPEN_STATUSES = ["OPEN", "IN_PROGRESS", "WAITING_ASKER"] as const satisfies readonly QuestionStatus[];
/** Answered: resolved, or closed after it. */
export const ANSWERED_STATUSES = ["RESOLVED", "CLOSED"] as const satisfies readonly QuestionStatus[];

/** Resolved or closed: no more replies, handoffs or urgency changes. */
export const isAnswered = (status: QuestionStatus): status is (typeof ANSWERED_STATUSES)[number] => status === "RESOLVED" || status === "CLOSED";

const list = (statuses: readonly QuestionStatus[]) => Prisma.raw(`(${statuses.map((s) => `'${s}'`).join(", ")})`);
/** `status IN ${OPEN_STATUSES_SQL}` in a raw query. */
export const OPEN_STATUSES_SQL = list(OPEN_STATUSES);
/** `status IN ${ANSWERED_STATUSES_SQL}` in a raw query. */
export const ANSWERED_STATUSES_SQL = list(ANSWERED_STATUSES);

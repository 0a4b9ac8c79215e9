import "server-only";
import { z } from "zod";
import { ValidationError, m, fieldKey } from "../errors";
import { loadCalendar } from "../time/calendar";
import { parseInput } from "../validation";
import type { Ctx } from "../kernel/context";
import { deadlinesFrom, limitsFor } from "./deadlines";

export const previewDeadlinesInput = z.object({
  line: z.string().trim().uuid(fieldKey("errors.field.lineRequired")),
  // the escalate engineer's urgency choice on the same form: "1"/"true" = 紧急
  urgent: z.enum(["0", "1", "true", "false"], { error: fieldKey("errors.field.urgentFlag") }).optional(),
}).strict();

export interface DeadlinePreview {
  lineId: string;
  priority: "NORMAL" | "URGENT";
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/**
 * The deadlines a question filed now on this 条线 would get: the same limits and working calendar
 * fileQuestion uses, so the promise before filing is the one kept after it.
 */
export async function previewDeadlines(ctx: Ctx, raw: unknown): Promise<DeadlinePreview> {
  const input = parseInput(previewDeadlinesInput, raw);
  const line = await ctx.db.businessLine.findUnique({ where: { id: input.line }, select: { id: true } });
  if (!line) throw new ValidationError({ line: m("errors.lineNotFound") });
  const priority = input.urgent === "1" || input.urgent === "true" ? "URGENT" : "NORMAL";
  const limits = await limitsFor(ctx.db, line.id, priority);
  return { lineId: line.id, priority, ...deadlinesFrom(ctx.now, limits, await loadCalendar(ctx.db, line.id)) };
}

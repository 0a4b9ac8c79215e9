import "server-only";
import { z } from "zod";
import { hasRole } from "../auth/roles";
import { ForbiddenError, ValidationError, m, fieldKey } from "../errors";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { drawQaSample, type DrawResult } from "./draw-qa-sample";
import { isMonday, previousWeekStart, weekBounds } from "./week";
import { recordAudit } from "../kernel/audit";

const drawInput = z
  .object({ weekStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fieldKey("errors.field.dateFormatShould")).optional() })
  .strict();

/** "立即抽样": a QA reviewer or admin draws a finished week (default: last week) without waiting for the worker. */
export async function drawQaNow(ctx: Ctx, raw: unknown): Promise<DrawResult> {
  if (!hasRole(ctx.actor, "QA_REVIEWER", "ADMIN")) throw new ForbiddenError(m("errors.needQaOrAdmin"));
  const input = parseInput(drawInput, raw ?? {});
  const weekStart = input.weekStart ?? previousWeekStart(ctx.now);
  if (!isMonday(weekStart)) throw new ValidationError({ weekStart: m("errors.pickAMonday") });
  if (weekBounds(weekStart).end > ctx.now) throw new ValidationError({ weekStart: m("errors.weekNotOver") });
  const result = await drawQaSample(ctx.db, { weekStart, now: ctx.now, actorId: ctx.actor.id });
  await recordAudit(ctx.db, { actorId: ctx.actor.id, action: "qa.draw", target: weekStart, data: { ...result }, createdAt: ctx.now });
  return result;
}

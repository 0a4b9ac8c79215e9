import "server-only";
import type { Ctx } from "../kernel/context";
import { parseInput } from "../validation";
import { adminAudit, requireAdmin } from "./admin-guard";
import { phraseInput } from "./schemas";

export async function savePhrase(ctx: Ctx, raw: unknown) {
  requireAdmin(ctx);
  const input = parseInput(phraseInput, raw);
  await ctx.db.brushOffPhrase.upsert({ where: { phrase: input.phrase }, create: input, update: { suggestion: input.suggestion, active: input.active } });
  await adminAudit(ctx, "brushoff.save", input.phrase, input);
}

import { ctxFor } from "@/lib/http/ctx";
import { actionNamed } from "@/lib/http/action-table";
import { authedRoute } from "@/lib/http/route";
import type { Ctx } from "@/lib/kernel/context";
import { drawQaNow } from "@/lib/qa/draw-qa-now";
import { gradeQaReview } from "@/lib/qa/grade-qa-review";

const ACTIONS: Record<string, (ctx: Ctx, input: unknown) => Promise<unknown>> = {
  grade: gradeQaReview,
  draw: drawQaNow,
};

// QA reviewers and admins only: the role check runs before any input is read (the verbs check again).
export const POST = authedRoute<{ action: string }>({ roles: ["QA_REVIEWER", "ADMIN"] }, async ({ actor, params, body }) => {
  const verb = actionNamed(ACTIONS, params.action);
  return (await verb(ctxFor(actor), body)) ?? { ok: true };
});

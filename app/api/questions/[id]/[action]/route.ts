import { actionNamed } from "@/lib/http/action-table";
import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { askerReply, confirmSolved, fileComplaint, rateQuestion, reopenQuestion } from "@/lib/questions/asker-actions";
import { requestHandoff } from "@/lib/questions/handoff";
import { replyToQuestion } from "@/lib/questions/reply-to-question";
import { resolveQuestion } from "@/lib/questions/resolve-question";
import type { Ctx } from "@/lib/kernel/context";
import { changeUrgency } from "@/lib/questions/change-urgency";
import { extendDeadline } from "@/lib/escalation/extend-deadline";
import { acknowledgeInstruction, instructOwner } from "@/lib/escalation/instruct-owner";
import { reassignQuestion } from "@/lib/escalation/reassign-question";
import { takeOverQuestion } from "@/lib/escalation/take-over-question";

// Each action is one verb; the verb checks who may do it. The id in the path wins over the body.
const ACTIONS: Record<string, (ctx: Ctx, input: unknown) => Promise<unknown>> = {
  reply: replyToQuestion,
  handoff: requestHandoff,
  resolve: resolveQuestion,
  "asker-reply": askerReply,
  confirm: confirmSolved,
  reopen: reopenQuestion,
  rate: rateQuestion,
  complain: fileComplaint,
  // The escalated manager's actions (lib/escalation) and urgency (issue 18 points 2 and 5).
  instruct: instructOwner,
  "acknowledge-instruction": acknowledgeInstruction,
  reassign: reassignQuestion,
  extend: extendDeadline,
  "take-over": takeOverQuestion,
  urgency: changeUrgency,
};

export const POST = authedRoute<{ id: string; action: string }>({}, async ({ actor, params, body }) => {
  const verb = actionNamed(ACTIONS, params.action);
  const result = await verb(ctxFor(actor), { ...(body && typeof body === "object" ? body : {}), questionId: params.id });
  return result ?? { ok: true };
});

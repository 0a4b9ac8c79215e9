import { decideComplaint } from "@/lib/complaints/decide-complaint";
import { giveStatement } from "@/lib/complaints/give-statement";
import { requestStatement } from "@/lib/complaints/request-statement";
import { actionNamed } from "@/lib/http/action-table";
import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import type { Ctx } from "@/lib/kernel/context";

// Each action is one verb; the verb checks who may do it (others get 404). The id in the path wins over the body.
const ACTIONS: Record<string, (ctx: Ctx, input: unknown) => Promise<unknown>> = {
  decide: decideComplaint,
  "request-statement": requestStatement,
  statement: giveStatement,
};

export const POST = authedRoute<{ id: string; action: string }>({}, async ({ actor, params, body }) => {
  const verb = actionNamed(ACTIONS, params.action);
  return (await verb(ctxFor(actor), { ...(body && typeof body === "object" ? body : {}), complaintId: params.id })) ?? { ok: true };
});

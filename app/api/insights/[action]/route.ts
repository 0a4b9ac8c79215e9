import { actionNamed } from "@/lib/http/action-table";
import { authedRoute } from "@/lib/http/route";
import { ctxFor } from "@/lib/http/ctx";
import { acknowledgeGap } from "@/lib/policies/acknowledge-gap";
import { markPolicyRevision } from "@/lib/policies/mark-policy-revision";
import type { Ctx } from "@/lib/kernel/context";

const ACTIONS: Record<string, (ctx: Ctx, input: unknown) => Promise<unknown>> = {
  "acknowledge-gap": acknowledgeGap,
  "mark-revision": markPolicyRevision,
};

// Roles are checked by authedRoute before the body is read; the verbs check the 条线 / document scope.
export const POST = authedRoute<{ action: string }>({ roles: ["POLICY_OWNER", "ADMIN"] }, async ({ actor, params, body }) => {
  const verb = actionNamed(ACTIONS, params.action);
  return (await verb(ctxFor(actor), body)) ?? { ok: true };
});

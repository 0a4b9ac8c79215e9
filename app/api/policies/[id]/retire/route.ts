// POST /api/policies/<id>/retire — { reason }: the policy leaves search; old links say it was retired.
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { retirePolicy } from "@/lib/policies/retire-policy";
import { syncIndexInBackground } from "@/lib/search/sync-after-change";

export const POST = authedRoute<{ id: string }>({ roles: ["POLICY_OWNER", "ADMIN"], deniedAs: "policy.retire.denied" }, async ({ actor, params, body }) => {
  const result = await retirePolicy(ctxFor(actor), { ...(body as object), policyId: params.id });
  syncIndexInBackground(`retire ${result.policyId}`);
  return result;
});

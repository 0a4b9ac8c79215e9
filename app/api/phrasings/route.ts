// POST /api/phrasings — { policyId, label, text }: a policy owner adds a 常见问法 to a unit of their policy.
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { addUnitPhrasing } from "@/lib/search/phrasings/manage-unit-phrasings";
import { syncIndexInBackground } from "@/lib/search/sync-after-change";

// Roles are checked by authedRoute before the body is read; the verb checks the 条线 / document scope.
export const POST = authedRoute({ roles: ["POLICY_OWNER", "ADMIN"] }, async ({ actor, body }) => {
  const added = await addUnitPhrasing(ctxFor(actor), body);
  syncIndexInBackground("phrasing added");
  return added;
});

// POST /api/phrasings/<id>/remove — a policy owner removes a 常见问法 (learned or added) from their unit.
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { removeUnitPhrasing } from "@/lib/search/phrasings/manage-unit-phrasings";
import { syncIndexInBackground } from "@/lib/search/sync-after-change";

export const POST = authedRoute<{ id: string }>({ roles: ["POLICY_OWNER", "ADMIN"] }, async ({ actor, params }) => {
  const removed = await removeUnitPhrasing(ctxFor(actor), { phrasingId: params.id });
  if (removed.removed) syncIndexInBackground("phrasing removed");
  return removed;
});

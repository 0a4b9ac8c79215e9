// POST /api/policy-uploads/<id>/publish — { policyId, title, line, owner, effective, review, note, dryRun }.
// dryRun answers the preview with the article-level diff; otherwise a new version is published.
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { publishPolicy } from "@/lib/policies/publish-policy";
import { syncIndexInBackground } from "@/lib/search/sync-after-change";

export const POST = authedRoute<{ id: string }>({ roles: ["POLICY_OWNER", "ADMIN"] }, async ({ actor, params, body }) => {
  const result = await publishPolicy(ctxFor(actor), { ...(body as object), uploadId: params.id });
  if (result.published) syncIndexInBackground(`publish ${result.policyId} v${result.version}`);
  return Response.json(result, { status: result.published ? 201 : 200 });
});

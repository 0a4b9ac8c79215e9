// POST /api/policy-uploads — one policy file as the raw body (application/octet-stream), its name in the
// X-File-Name header (percent-encoded UTF-8). Answers the preview of what was understood.
import { ValidationError } from "@/lib/errors";
import { MAX_POLICY_FILE_BYTES } from "@/lib/content/ingest/ingest-file";
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { getT } from "@/lib/i18n/t";
import { uploadPolicyFile } from "@/lib/policies/policy-uploads";

export const POST = authedRoute({ roles: ["POLICY_OWNER", "ADMIN"], upload: { maxBytes: MAX_POLICY_FILE_BYTES } }, async ({ actor, raw, fileName }) => {
  if (!fileName) throw new ValidationError({ "x-file-name": (await getT())("policies.publish.missingFileName") });
  const preview = await uploadPolicyFile(ctxFor(actor), { fileName, bytes: raw ?? Buffer.alloc(0) });
  return Response.json(preview, { status: 201 });
});

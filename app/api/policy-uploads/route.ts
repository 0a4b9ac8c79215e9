// POST /api/policy-uploads — one policy file as the raw body (application/octet-stream), its name in the
// X-File-Name header (percent-encoded UTF-8). Answers the preview of what was understood.
import { ValidationError } from "@/lib/errors";
import { MAX_POLICY_FILE_BYTES } from "@/lib/content/ingest/ingest-file";
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { uploadPolicyFile } from "@/lib/policies/policy-uploads";

function fileNameOf(header: string | null): string {
  if (!header) throw new ValidationError({ "x-file-name": "缺少文件名" });
  try {
    return decodeURIComponent(header);
  } catch {
    throw new ValidationError({ "x-file-name": "文件名编码无效" });
  }
}

export const POST = authedRoute({ roles: ["POLICY_OWNER", "ADMIN"], upload: { maxBytes: MAX_POLICY_FILE_BYTES } }, async ({ req, actor, raw }) => {
  const preview = await uploadPolicyFile(ctxFor(actor), { fileName: fileNameOf(req.headers.get("x-file-name")), bytes: raw ?? Buffer.alloc(0) });
  return Response.json(preview, { status: 201 });
});

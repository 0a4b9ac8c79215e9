// POST /api/admin/org-import?full=0|1[&apply=1&hash=<preview's>] — an org file (.xlsx or CSV) as the raw
// body (application/octet-stream), its name in X-File-Name. Without apply: the preview; with it: applied.
import { ValidationError } from "@/lib/errors";
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { getT } from "@/lib/i18n/t";
import { applyOrgImport } from "@/lib/org/apply-org-import";
import { orgImportQuery } from "@/lib/org/org-import-query";
import { MAX_ORG_FILE_BYTES } from "@/lib/org/parse-org-file";
import { previewOrgImport } from "@/lib/org/preview-org-import";
import { parseInput } from "@/lib/validation";

export const POST = authedRoute({ roles: ["ADMIN"], upload: { maxBytes: MAX_ORG_FILE_BYTES } }, async ({ req, actor, raw, fileName }) => {
  const query = parseInput(orgImportQuery, Object.fromEntries(req.nextUrl.searchParams));
  const files = [{ name: fileName ?? "upload", bytes: raw ?? Buffer.alloc(0) }];
  const input = { files, full: query.full === "1" };
  if (query.apply === "1") {
    if (!query.hash) throw new ValidationError({ hash: (await getT())("admin.org.previewFirst") });
    return applyOrgImport(ctxFor(actor), { ...input, expectedHash: query.hash });
  }
  return previewOrgImport(ctxFor(actor), input);
});

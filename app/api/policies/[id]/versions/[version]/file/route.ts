// GET /api/policies/<id>/versions/<n>/file — the original file a version was published from. Every
// signed-in employee may read policies; the file is always a download, never rendered by the browser.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { m, NotFoundError } from "@/lib/errors";
import { authedRoute, parseInput } from "@/lib/http/route";
import { readOriginalFile } from "@/lib/policies/read-policy";

const params = z.object({ id: z.string().min(1).max(100), version: z.coerce.number().int().min(1).max(100_000) });

export const GET = authedRoute<{ id: string; version: string }>({}, async ({ params: p }) => {
  const { id, version } = parseInput(params, p);
  const file = await readOriginalFile(db(), id, version);
  if (!file) throw new NotFoundError(m("errors.versionFileNotFound"));
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
});

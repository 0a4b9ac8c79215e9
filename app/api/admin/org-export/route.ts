// GET /api/admin/org-export[?format=csv&sheet=people] — the org in the format the import reads back.
import { z } from "zod";
import { contentDisposition } from "@/lib/analytics/shared/csv-cell";
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { exportOrgCsv, exportOrgXlsx } from "@/lib/org/export-org";
import { parseInput } from "@/lib/validation";

const query = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx"), sheet: z.enum(["departments", "people", "matrix", "roster"]).default("people") }).strict();

export const GET = authedRoute({ roles: ["ADMIN"] }, async ({ req, actor }) => {
  const q = parseInput(query, Object.fromEntries(req.nextUrl.searchParams));
  if (q.format === "csv") {
    return new Response(await exportOrgCsv(ctxFor(actor), q.sheet), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": contentDisposition(`组织-${q.sheet}.csv`, `org-${q.sheet}.csv`), "cache-control": "no-store" },
    });
  }
  return new Response(new Uint8Array(await exportOrgXlsx(ctxFor(actor))), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": contentDisposition("组织架构.xlsx", "org.xlsx"),
      "cache-control": "no-store",
    },
  });
});

// GET /api/admin/org-export[?format=csv&sheet=people] — the org in the format the import reads back, with headers,
// sheet names and role words in the admin's language (the import reads both Chinese and English).
import { z } from "zod";
import { contentDisposition } from "@/lib/analytics/shared/csv-cell";
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";
import { getLocale } from "@/lib/i18n/get-locale";
import { EXPORT_FILE_NAMES } from "@/lib/org/columns";
import { exportOrgCsv, exportOrgXlsx } from "@/lib/org/export-org";
import { parseInput } from "@/lib/validation";

const query = z.object({ format: z.enum(["xlsx", "csv"]).default("xlsx"), sheet: z.enum(["departments", "people", "matrix", "roster"]).default("people") }).strict();

export const GET = authedRoute({ roles: ["ADMIN"] }, async ({ req, actor }) => {
  const q = parseInput(query, Object.fromEntries(req.nextUrl.searchParams));
  const locale = await getLocale();
  if (q.format === "csv") {
    const name = locale === "en" ? `org-${q.sheet}.csv` : `${EXPORT_FILE_NAMES.csvPrefix}-${q.sheet}.csv`;
    return new Response(await exportOrgCsv(ctxFor(actor), q.sheet, locale), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": contentDisposition(name, `org-${q.sheet}.csv`), "cache-control": "no-store" },
    });
  }
  return new Response(new Uint8Array(await exportOrgXlsx(ctxFor(actor), locale)), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": contentDisposition(locale === "en" ? "org.xlsx" : EXPORT_FILE_NAMES.workbook, "org.xlsx"),
      "cache-control": "no-store",
    },
  });
});

import { exportLedgerCsv } from "@/lib/analytics/ledger/csv";
import { listLedger } from "@/lib/analytics/ledger/list";
import { parseLedgerFilters } from "@/lib/analytics/ledger/filters";
import { parseRange } from "@/lib/analytics/shared/range";
import { contentDisposition } from "@/lib/analytics/shared/csv-cell";
import { ValidationError } from "@/lib/errors";
import { ctxFor } from "@/lib/http/ctx";
import { authedRoute } from "@/lib/http/route";

// GET /api/ledger?from&to&line&status&kind&dept&owner&q&overdue[&cursor] → one page as JSON;
// with format=csv → the whole filtered ledger as a streamed CSV download.
export const GET = authedRoute({ roles: ["MANAGER", "QA_REVIEWER", "ADMIN"] }, async ({ req, actor }) => {
  const params = Object.fromEntries(req.nextUrl.searchParams);
  const ctx = ctxFor(actor);
  const range = parseRange(params, ctx.now);
  const filters = parseLedgerFilters(params);
  const format = params.format ?? "json";
  if (format === "json") return listLedger(ctx, { range, filters, cursor: params.cursor ?? null });
  if (format !== "csv") throw new ValidationError({ format: "导出格式只支持 csv" });
  const file = await exportLedgerCsv(ctx, { range, filters });
  return new Response(file.stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(file.filename, file.asciiFilename),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

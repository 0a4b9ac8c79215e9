import { exportLedgerCsv } from "@/lib/analytics/ledger/csv";
import { listLedger } from "@/lib/analytics/ledger/list";
import { parseLedgerFilters } from "@/lib/analytics/ledger/filters";
import { parseRange } from "@/lib/analytics/shared/range";
import { contentDisposition } from "@/lib/analytics/shared/csv-cell";
import { ValidationError } from "@/lib/errors";
import { ctxFor } from "@/lib/http/ctx";
import { replacePrefix } from "@/lib/http/replace-prefix";
import { authedRoute } from "@/lib/http/route";
import { ledgerCsvHeaderBytes } from "@/lib/i18n/ledger-csv-headers";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { getT } from "@/lib/i18n/t";
import { log } from "@/lib/log";

// GET /api/ledger?from&to&line&status&kind&dept&owner&q&overdue[&cursor] → one page as JSON;
// with format=csv → the whole filtered ledger as a streamed CSV download, its header row in the
// reader's language (the `locale` cookie).
export const GET = authedRoute({ roles: ["MANAGER", "QA_REVIEWER", "ADMIN"] }, async ({ req, actor, requestId }) => {
  const params = Object.fromEntries(req.nextUrl.searchParams);
  const ctx = ctxFor(actor);
  const t = await getT();
  const range = parseRange(params, ctx.now);
  const filters = parseLedgerFilters(params);
  const format = params.format ?? "json";
  if (format === "json") return listLedger(ctx, { range, filters, cursor: params.cursor ?? null });
  if (format !== "csv") throw new ValidationError({ format: t("insights.ledger.csvOnly") });
  const file = await exportLedgerCsv(ctx, { range, filters });
  let body = file.stream;
  if (t.locale !== DEFAULT_LOCALE) {
    const header = ledgerCsvHeaderBytes(t.locale);
    body = replacePrefix(body, header.written, header.localized, () => log.warn("ledger export: header row not as expected, left untranslated", { requestId, locale: t.locale }));
  }
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(file.filename, file.asciiFilename),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

import "server-only";
// The ledger as a CSV download: same scope and filters as the page, streamed in keyset pages so an
// export of 100,000 questions never holds more than one page in memory. UTF-8 with a BOM (Excel),
// RFC 4180 quoting and formula-injection neutralisation (../shared/csv-cell.ts).
import type { Ctx } from "../../kernel/context";
import { log } from "../../log";
import { CSV_BOM, csvRow } from "../shared/csv-cell";
import { resolveLedgerWhere } from "./list";
import type { LedgerFilters } from "./filters";
import { LEDGER_COLUMNS, ledgerFilenames } from "./format";
import { countLedger, fetchLedgerPage } from "./query";
import type { DateRange } from "../shared/range";
import { recordAudit } from "../../kernel/audit";

export const EXPORT_PAGE_SIZE = 1000;

export interface LedgerExport {
  stream: ReadableStream<Uint8Array>;
  filename: string;
  asciiFilename: string;
  /** rows matching when the export started */
  expectedRows: number;
}

/**
 * Checks scope and filters (errors surface before any byte is sent), records who exported what in
 * AuditLog, and returns the stream. The audit row is written first so an export that dies half-way
 * is still on record; a `ledger.export.end` row (target = that row's id) records the row count and
 * completion when the stream ends or is cancelled.
 */
export async function exportLedgerCsv(
  ctx: Ctx,
  input: { range: DateRange; filters: LedgerFilters },
  { pageSize = EXPORT_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<LedgerExport> {
  const { filters, where } = await resolveLedgerWhere(ctx, input.range, input.filters);
  const expectedRows = await countLedger(ctx.db, where);
  const record = { from: input.range.from, to: input.range.to, filters: JSON.parse(JSON.stringify(filters)) as object, expectedRows };
  const audit = await recordAudit(ctx.db, { actorId: ctx.actor.id, action: "ledger.export", target: `${input.range.from}..${input.range.to}`, data: record, createdAt: ctx.now });

  let after: { createdAt: Date; id: string } | null = null;
  let rowCount = 0;
  let ended = false;
  const end = async (completed: boolean) => {
    if (ended) return;
    ended = true;
    // AuditLog is append-only: the outcome is a second row pointing at the first.
    await recordAudit(ctx.db, { actorId: ctx.actor.id, action: "ledger.export.end", target: String(audit.id), data: { ...record, rowCount, completed } });
  };
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(LEDGER_COLUMNS.map((c) => c.header))));
    },
    async pull(controller) {
      try {
        const fetched = await fetchLedgerPage(ctx.db, where, { after, limit: pageSize, now: ctx.now, viewerId: ctx.actor.id });
        if (ended) return; // cancelled while the page was loading
        const page = fetched.slice(0, pageSize);
        if (page.length) controller.enqueue(encoder.encode(page.map((r) => csvRow(LEDGER_COLUMNS.map((c) => c.value(r)))).join("")));
        rowCount += page.length;
        const last = page[page.length - 1];
        if (fetched.length > pageSize && last) {
          after = { createdAt: last.createdAt, id: last.id };
        } else {
          await end(true);
          controller.close();
        }
      } catch (err) {
        log.error("ledger export failed", { auditId: String(audit.id), rowCount, err: String((err as Error)?.stack ?? err) });
        await end(false).catch(() => undefined);
        controller.error(err);
      }
    },
    async cancel() {
      await end(false).catch(() => undefined);
    },
  });

  const names = ledgerFilenames(input.range);
  return { stream, filename: names.filename, asciiFilename: names.ascii, expectedRows };
}

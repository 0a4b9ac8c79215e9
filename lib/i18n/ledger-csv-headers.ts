// The ledger export's header row in the reader's language. lib/analytics writes the columns with their
// Chinese names; each name is looked up among the catalogue's "insights.ledger.csv.*" entries (by its
// zh-CN text) and written in the chosen locale. A column without an entry keeps its Chinese name.
import { CSV_BOM, csvRow } from "../analytics/shared/csv-cell";
import { LEDGER_COLUMNS } from "../analytics/ledger/format";
import { messagesFor } from "./catalogues";
import type { Locale } from "./locales";
import { zhCN, type MessageKey } from "./messages/zh-CN";

const PREFIX = "insights.ledger.csv.";
const keyOfHeader = new Map(
  (Object.entries(zhCN) as [MessageKey, string][]).filter(([key]) => key.startsWith(PREFIX)).map(([key, text]) => [text, key]),
);

/** The column names in `locale`, in export order. */
export function ledgerCsvHeaders(locale: Locale): string[] {
  return LEDGER_COLUMNS.map((c) => {
    const key = keyOfHeader.get(c.header);
    return key ? messagesFor(locale)[key] : c.header;
  });
}

/** The first bytes of the export as lib/analytics writes them, and as they read in `locale`. */
export function ledgerCsvHeaderBytes(locale: Locale): { written: Uint8Array; localized: Uint8Array } {
  const encode = (headers: string[]) => new TextEncoder().encode(CSV_BOM + csvRow(headers));
  return { written: encode(LEDGER_COLUMNS.map((c) => c.header)), localized: encode(ledgerCsvHeaders(locale)) };
}

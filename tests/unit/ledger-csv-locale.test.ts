// The ledger export's header row in the reader's language: every column lib/analytics writes has an
// English name in the catalogue, and the stream rewrite swaps exactly the header bytes, however the
// source chunks them, and leaves any other stream untouched.
import { describe, expect, it, vi } from "vitest";
import { CSV_BOM, csvRow } from "@/lib/analytics/shared/csv-cell";
import { LEDGER_COLUMNS } from "@/lib/analytics/ledger/format";
import { replacePrefix } from "@/lib/http/replace-prefix";
import { ledgerCsvHeaderBytes, ledgerCsvHeaders } from "@/lib/i18n/ledger-csv-headers";

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s);

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

/** The bytes as UTF-8, the BOM kept (Response.text() would drop it). */
async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/** `s` cut into pieces of `size` bytes (across multi-byte characters too). */
function pieces(s: string, size: number): Uint8Array[] {
  const all = bytes(s);
  const out: Uint8Array[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.subarray(i, i + size));
  return out;
}

describe("ledgerCsvHeaders", () => {
  it("is the columns' own names in Chinese", () => {
    expect(ledgerCsvHeaders("zh-CN")).toEqual(LEDGER_COLUMNS.map((c) => c.header));
  });

  it("names every column in English, with no Chinese left and no name twice", () => {
    const en = ledgerCsvHeaders("en");
    expect(en).toHaveLength(LEDGER_COLUMNS.length);
    for (const name of en) expect(name, name).not.toMatch(/[\u3400-\u9fff]/);
    expect(new Set(en).size).toBe(en.length);
    expect(en.slice(0, 3)).toEqual(["Number", "Asked at", "Asker"]);
  });
});

describe("replacePrefix", () => {
  const header = ledgerCsvHeaderBytes("en");
  const body = `${CSV_BOM}${csvRow(LEDGER_COLUMNS.map((c) => c.header))}Q-000001,"=1+1",张三\r\nQ-000002,,李四\r\n`;
  const english = `${CSV_BOM}${csvRow(ledgerCsvHeaders("en"))}Q-000001,"=1+1",张三\r\nQ-000002,,李四\r\n`;

  it.each([1, 2, 3, 7, 64, 100_000])("swaps the header row when the source sends %i-byte chunks", async (size) => {
    let mismatches = 0;
    const out = await text(replacePrefix(streamOf(pieces(body, size)), header.written, header.localized, () => mismatches++));
    expect(out).toBe(english);
    expect(mismatches).toBe(0);
  });

  it("passes any other stream through unchanged and says so once", async () => {
    for (const other of ["", "编号", `${CSV_BOM}其他,列\r\nx\r\n`, `${CSV_BOM}${csvRow(["编号"])}`]) {
      let mismatches = 0;
      expect(await text(replacePrefix(streamOf(pieces(other, 3)), header.written, header.localized, () => mismatches++))).toBe(other);
      expect(mismatches, JSON.stringify(other)).toBe(1);
    }
  });

  it("cancelling the result cancels the source", async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes("x"));
      },
      cancel() {
        cancelled = true;
      },
    });
    const reader = replacePrefix(source, header.written, header.localized).getReader();
    await reader.read();
    await reader.cancel();
    // The pipe passes the cancellation on asynchronously.
    await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 2_000 });
  });
});

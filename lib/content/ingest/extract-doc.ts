// Legacy Word (.doc, Word 97–2003 binary) through word-extractor: it reads the text streams of the
// compound file only, so macros and embedded OLE objects are never run or opened. Table cells arrive
// tab-separated, one row per line, like a .txt file.
import WordExtractor from "word-extractor";
import AllocationTable from "word-extractor/lib/ole-allocation-table.js";
import type { Block } from "./blocks";
import { extractText } from "./extract-text";

// word-extractor 1.0.4 follows a sector chain until it ends and only notices a sector pointing at itself:
// a 2 KB file whose chain runs 1 → 2 → 1 grew an array until the process died (ADR 0010, upload parsers).
// Patched on its own module (bundled with it, so the reader uses this one) to refuse a sector seen twice.
AllocationTable.prototype.getSecIdChain = function getSecIdChain(this: AllocationTable, startSecId: number): number[] {
  const seen = new Set<number>();
  for (let secId = startSecId; secId >= 0; secId = this._table[secId] ?? -1) {
    if (seen.has(secId)) throw new Error(`the sector chain from ${startSecId} loops back to sector ${secId}`);
    seen.add(secId);
  }
  return [...seen];
};

/**
 * The header's counts are believed by word-extractor: a 2 KB file declaring a million FAT sectors made
 * it allocate 2.6 GB (four million ended the process). Every sector it counts must lie in the file.
 */
function assertPlausibleHeader(bytes: Uint8Array): void {
  const header = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (header.length < 512) throw new Error("the compound file header is cut short");
  const shift = header.readUInt16LE(30);
  if ((shift !== 9 && shift !== 12) || header.readUInt16LE(32) !== 6) throw new Error("the compound file declares an impossible sector size");
  const sectors = Math.ceil(header.length / (1 << shift));
  for (const [offset, what] of [[44, "FAT"], [64, "short FAT"], [72, "master FAT"]] as const) {
    if (header.readUInt32LE(offset) > sectors) throw new Error(`the compound file declares more ${what} sectors than it holds`);
  }
}

export async function extractDoc(bytes: Uint8Array): Promise<Block[]> {
  assertPlausibleHeader(bytes);
  const document = await new WordExtractor().extract(Buffer.from(bytes));
  return extractText(document.getBody());
}

// Legacy Word (.doc, Word 97–2003 binary) through word-extractor: it reads the text streams of the
// compound file only, so macros and embedded OLE objects are never run or opened. Table cells arrive
// tab-separated, one row per line, like a .txt file.
import WordExtractor from "word-extractor";
import type { Block } from "./blocks";
import { extractText } from "./extract-text";

export async function extractDoc(bytes: Uint8Array): Promise<Block[]> {
  const document = await new WordExtractor().extract(Buffer.from(bytes));
  return extractText(document.getBody());
}

// Word (.docx) through mammoth: it maps the document's styles to HTML (headings, paragraphs, tables)
// and ignores what is not text. Images are dropped (never fetched), links keep only their text.
import { Parser } from "htmlparser2";
import mammoth from "mammoth";
import type { Block } from "./blocks";

export async function extractDocx(bytes: Uint8Array): Promise<{ blocks: Block[]; warnings: string[] }> {
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    // No images at all: an external or embedded picture is not policy text.
    { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), ignoreEmptyParagraphs: true },
  );
  const warnings = result.messages.filter((m) => m.type === "error").map((m) => m.message);
  return { blocks: htmlToBlocks(result.value), warnings };
}

/** mammoth's HTML → blocks. Nested tables are flattened into their cell's text. */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let text: string | null = null;
  let heading = 0;
  let tableDepth = 0;
  let rows: string[][] = [];
  let row: string[] | null = null;
  let cell: string | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "table") {
          if (tableDepth++ === 0) rows = [];
        } else if (tableDepth === 1 && name === "tr") row = [];
        else if (tableDepth === 1 && (name === "td" || name === "th")) cell = "";
        else if (tableDepth > 0 && (name === "p" || name === "br") && cell) cell += " ";
        else if (tableDepth === 0 && /^(p|h[1-6]|li)$/.test(name)) {
          text = "";
          heading = name[0] === "h" ? Number(name[1]) : 0;
        } else if (tableDepth === 0 && name === "br" && text !== null) text += "\n";
      },
      ontext(data) {
        if (cell !== null) cell += data;
        else if (text !== null) text += data;
      },
      onclosetag(name) {
        if (name === "table") {
          if (--tableDepth === 0 && rows.length) blocks.push({ kind: "table", rows });
        } else if (tableDepth === 1 && (name === "td" || name === "th") && row && cell !== null) {
          row.push(cell.replace(/\s+/g, " ").trim());
          cell = null;
        } else if (tableDepth === 1 && name === "tr" && row) {
          if (row.some((c) => c)) rows.push(row);
          row = null;
        } else if (tableDepth === 0 && /^(p|h[1-6]|li)$/.test(name) && text !== null) {
          for (const line of text.split("\n")) {
            const t = line.trim();
            if (!t) continue;
            blocks.push(heading ? { kind: "heading", level: heading, text: t } : { kind: "para", text: t });
          }
          text = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return blocks;
}

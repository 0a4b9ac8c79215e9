// Plain text: a paragraph per line (blank lines are only spacing), as policy .txt files are written;
// a line that starts with a tab-separated row is a table row.
import type { Block } from "./blocks";

export function extractText(text: string): Block[] {
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  for (const rawLine of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = rawLine.replace(/\s+$/, "");
    if (line.includes("\t") && line.split("\t").filter((c) => c.trim()).length >= 2) {
      (table ??= []).push(line.split("\t").map((c) => c.trim()));
      continue;
    }
    if (table) {
      blocks.push({ kind: "table", rows: table });
      table = null;
    }
    if (line.trim()) blocks.push({ kind: "para", text: line.trim() });
  }
  if (table) blocks.push({ kind: "table", rows: table });
  return blocks;
}

// One ingestion pipeline for every policy file: Markdown with frontmatter, plain text, Word (.docx),
// legacy Word (.doc) and PDF. Office files are turned into the same policy Markdown (docs/content-format.md)
// and then parsed exactly like hand-written Markdown, so search, reader, deep links and sanitizing are one path.
import { createHash } from "node:crypto";
import matter from "gray-matter";
import { checkZip, type ZipProblem } from "../../check-zip";
import { parsePolicy, PolicyParseError, type ParsedPolicy } from "../parse-policy";
import { blocksText, type Block } from "./blocks";
import { extractDoc } from "./extract-doc";
import { extractDocx } from "./extract-docx";
import { extractPdf } from "./extract-pdf";
import { extractText } from "./extract-text";
import type { ManifestRow } from "./manifest";
import { decodeText, sniffKind, type FileKind } from "./sniff";
import { structure } from "./structure";

/** The largest policy file accepted (bytes); enforced before a file is read. */
export const MAX_POLICY_FILE_BYTES = 20 * 1024 * 1024;

export type PolicyMeta = Pick<ManifestRow, "id" | "title" | "line" | "owner"> & Partial<Pick<ManifestRow, "effective" | "review" | "source">>;

export interface IngestedFile {
  parsed: ParsedPolicy;
  kind: FileKind | "markdown";
  /** Identifies file bytes and metadata: an unchanged checksum means nothing to import. */
  checksum: string;
  /** Text before the first unit (shown in the upload preview, not citable). */
  outside: string[];
  warnings: string[];
}

/** A title and an id for a file that has no manifest row: the name without extension, and a stable slug of it. */
export function metaFromFileName(file: string): PolicyMeta {
  const title = file.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "").trim() || file;
  const ascii = title.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  const hash = createHash("sha256").update(title).digest("hex").slice(0, 8);
  return { id: ascii.length >= 3 ? `${ascii}-${hash}` : `doc-${hash}`, title, line: "未分类", owner: "未指定" };
}

export async function ingestFile(file: string, bytes: Uint8Array, meta: PolicyMeta | null): Promise<IngestedFile> {
  if (bytes.length > MAX_POLICY_FILE_BYTES) throw new PolicyParseError(file, `the file is larger than ${MAX_POLICY_FILE_BYTES / 1024 / 1024} MB`);
  if (bytes.length === 0) throw new PolicyParseError(file, "the file is empty");
  const kind = sniffKind(bytes);
  const warnings: string[] = [];
  // Markdown keeps its own format and metadata (frontmatter, UTF-8: docs/content-format.md).
  if (kind !== "pdf" && kind !== "doc" && kind !== "docx" && /\.(md|markdown)$/i.test(file)) {
    return { parsed: parsePolicy(file, bytes), kind: "markdown", checksum: sha256(bytes), outside: [], warnings };
  }
  if (kind === null) throw new PolicyParseError(file, "is not a Word (.docx, .doc), PDF, Markdown or text document (decided by its content, not its name)");
  if (!meta) {
    meta = metaFromFileName(file);
    warnings.push(`${file}: no manifest row; imported as "${meta.title}" with id ${meta.id}, 条线 ${meta.line}`);
  }
  const zipProblem = kind === "docx" ? await checkZip(bytes) : null;
  if (zipProblem) throw new PolicyParseError(file, zipRefusal(zipProblem));
  const blocks = await extract(file, kind, bytes, warnings);
  if (!blocksText(blocks).replace(/\s/g, "")) {
    throw new PolicyParseError(file, kind === "pdf" ? "the PDF has no text layer (a scan?): run it through OCR first" : "the document contains no text");
  }
  const { body, outside } = structure(blocks, meta.title);
  const data: Record<string, string> = { id: meta.id, title: meta.title, line: meta.line, owner: meta.owner };
  if (meta.effective) data.effective = meta.effective;
  if (meta.source) data.source = meta.source;
  if (meta.review) data.review = meta.review;
  const markdown = matter.stringify(`\n# ${meta.title.replace(/[\r\n]+/g, " ")}\n\n${body}`, data);
  const parsed = parsePolicy(file, new TextEncoder().encode(markdown), { idFromFileName: false });
  return { parsed, kind, checksum: sha256(bytes, JSON.stringify(meta)), outside, warnings };
}

async function extract(file: string, kind: FileKind, bytes: Uint8Array, warnings: string[]): Promise<Block[]> {
  try {
    switch (kind) {
      case "text":
        return extractText(decodeText(bytes));
      case "doc":
        return await extractDoc(bytes);
      case "docx": {
        const r = await extractDocx(bytes);
        warnings.push(...r.warnings.map((w) => `${file}: ${w}`));
        return r.blocks;
      }
      case "pdf":
        return (await extractPdf(bytes)).blocks;
    }
  } catch (err) {
    const e = err as Error;
    if (e.name === "PdfTooLong") throw new PolicyParseError(file, e.message);
    if (e.name === "PasswordException") throw new PolicyParseError(file, "the PDF is encrypted (password protected): export it without a password");
    const what = { text: "text", doc: "a Word 97–2003 (.doc) document", docx: "a Word (.docx) document", pdf: "a PDF" }[kind];
    throw new PolicyParseError(file, `could not be read as ${what}: the file is damaged or not what it seems (${e.message.split("\n")[0]?.slice(0, 160)})`);
  }
}

function zipRefusal(p: ZipProblem): string {
  if (p.kind === "entries") return `the Word (.docx) file holds more than ${p.max} parts: refused unread`;
  if (p.kind === "expands") return `the Word (.docx) file expands to more than ${p.maxMb} MB when unpacked: refused unread`;
  return `could not be read as a Word (.docx) document: the file is damaged or not what it seems (${p.detail.slice(0, 160)})`;
}

function sha256(...parts: (Uint8Array | string)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
}

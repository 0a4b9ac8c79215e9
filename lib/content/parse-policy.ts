// Policy Markdown → validated data. The format is documented in docs/content-format.md: YAML frontmatter
// (id, title, line, owner, source, effective) and `####` headings as the citable unit (条款);
// a document without `####` headings is one unit.
import matter from "gray-matter";
import { z } from "zod";

export class PolicyParseError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}${field ? ` [${field}]` : ""}: ${reason}`);
    this.name = "PolicyParseError";
  }
}

const dateText = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"));

export const frontmatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, "must be a lower-case ascii slug (a-z, 0-9, -)"),
  title: z.string().trim().min(1, "must not be empty").max(200),
  line: z.string().trim().min(1, "must not be empty").max(50),
  owner: z.string().trim().min(1, "must not be empty").max(100),
  source: z.string().trim().max(500).nullish(),
  effective: dateText.nullish(),
  /** The date by which the owner reviews the policy again (freshness); past it, readers see a banner. */
  review: dateText.nullish(),
});

export type PolicyFrontmatter = z.infer<typeof frontmatterSchema>;

export interface ParsedSection {
  ordinal: number;
  /** The citable label: the heading text up to its first whitespace or 、 (e.g. 第四十条). */
  label: string;
  heading: string;
  chapter: string | null;
  text: string;
  line: number;
}

export interface ParsedPolicy {
  frontmatter: PolicyFrontmatter;
  sections: ParsedSection[];
  markdown: string;
}

export function sectionLabelOf(heading: string): string {
  return heading.trim().split(/[\s、]/)[0] ?? heading.trim();
}

/** Parses one policy file. `bytes` are checked to be UTF-8; every error names file, line or field. */
export function parsePolicy(file: string, bytes: Uint8Array, options: { idFromFileName?: boolean } = {}): ParsedPolicy {
  let raw: string;
  try {
    raw = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PolicyParseError(file, "the file is not valid UTF-8 text");
  }
  raw = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (raw.trim() === "") throw new PolicyParseError(file, "the file is empty");
  if (!raw.startsWith("---\n")) throw new PolicyParseError(file, "the file must start with YAML frontmatter between --- lines", 1);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; pass an options object to disable that (stale errors otherwise).
    parsed = matter(raw, {});
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    throw new PolicyParseError(file, `the frontmatter is not valid YAML (${(err as Error).message.split("\n")[0]})`, mark?.line !== undefined ? mark.line + 2 : 1);
  }
  const fm = frontmatterSchema.safeParse(parsed.data);
  if (!fm.success) {
    const issue = fm.error.issues[0]!;
    const field = String(issue.path[0] ?? "frontmatter");
    const lineNo = raw.split("\n").findIndex((l) => l.startsWith(`${field}:`));
    const missing = (parsed.data as Record<string, unknown>)[field] === undefined;
    throw new PolicyParseError(file, missing ? "is required" : issue.message, lineNo >= 0 ? lineNo + 1 : undefined, field);
  }
  const expectedId = file.replace(/^.*\//, "").replace(/\.md$/i, "");
  if (options.idFromFileName !== false && fm.data.id !== expectedId) {
    throw new PolicyParseError(file, `id "${fm.data.id}" must equal the file name "${expectedId}"`, undefined, "id");
  }
  const bodyOffset = raw.split("\n").length - parsed.content.split("\n").length;
  const sections = splitSections(file, parsed.content, bodyOffset, fm.data.title);
  if (sections.length === 0) throw new PolicyParseError(file, "the document has no text after the frontmatter");
  return { frontmatter: fm.data, sections, markdown: raw };
}

function splitSections(file: string, body: string, offset: number, title: string): ParsedSection[] {
  const lines = body.split("\n");
  const sections: ParsedSection[] = [];
  let chapter: string | null = null;
  let current: { heading: string; line: number; chapter: string | null; text: string[] } | null = null;
  const preamble: string[] = [];
  let inFence = false;
  const flush = () => {
    if (!current) return;
    const label = sectionLabelOf(current.heading);
    if (sections.some((s) => s.label === label)) {
      throw new PolicyParseError(file, `the heading "${label}" appears twice; every #### label must be unique`, current.line);
    }
    sections.push({ ordinal: sections.length, label, heading: current.heading, chapter: current.chapter, text: current.text.join("\n").trim(), line: current.line });
  };
  lines.forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (h && h[1]!.length <= 3) {
      if (h[1]!.length >= 2) chapter = h[1]!.length === 2 ? h[2]! : `${(chapter ?? "").split(" › ")[0]} › ${h[2]}`.replace(/^ › /, "");
      if (current) current.text.push(""); // keep paragraphs apart; headings are not section text
      return;
    }
    if (h && h[1]!.length === 4) {
      flush();
      if (!h[2]) throw new PolicyParseError(file, "a #### heading has no label", offset + i + 1);
      current = { heading: h[2], line: offset + i + 1, chapter, text: [] };
      return;
    }
    if (current) current.text.push(text);
    else preamble.push(text);
  });
  flush();
  if (sections.length === 0) {
    const text = preamble.filter((l) => !/^#\s/.test(l)).join("\n").trim();
    if (!text) return [];
    return [{ ordinal: 0, label: "全文", heading: title, chapter: null, text, line: offset + 1 }];
  }
  return sections;
}

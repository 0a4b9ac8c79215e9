// Imports a folder of policy files into PostgreSQL (the source of truth): Markdown with frontmatter,
// Word (.docx, .doc), PDF and text, with metadata from manifest.csv (lib/content/ingest). A changed
// file becomes a new version, an unchanged one is skipped by checksum, a bad file is reported and
// the others still import. Meilisearch is synced afterwards by lib/search/sync-index.ts.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { poolOf, type Db } from "../db/client";
import { ingestFile, MAX_POLICY_FILE_BYTES } from "./ingest/ingest-file";
import { MANIFEST_FILE, parseManifest, type ManifestRow } from "./ingest/manifest";
import { PolicyParseError, type ParsedPolicy } from "./parse-policy";
import { writePolicyVersion } from "./write-policy-version";

export interface ImportReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  failed: { file: string; error: string }[];
  /** Imported all the same, but worth telling (a file without a manifest row, a converter's remark). */
  warnings: string[];
}

/** The policy files of a folder: every regular file but hidden ones, the manifest and READMEs. */
export function policyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith(".") && e.name !== MANIFEST_FILE && !/^readme(\.|$)/i.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((f) => path.join(dir, f));
}

export async function importPolicies(
  db: Db,
  dir: string,
  options: { onProgress?: (done: number, total: number, file: string) => void } = {},
): Promise<ImportReport> {
  const report: ImportReport = { created: [], updated: [], unchanged: [], failed: [], warnings: [] };
  const files = policyFiles(dir);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  let manifest = new Map<string, ManifestRow & { row: number }>();
  if (existsSync(manifestPath)) {
    const parsed = parseManifest(readFileSync(manifestPath));
    manifest = parsed.rows;
    for (const e of parsed.errors) report.failed.push({ file: MANIFEST_FILE, error: e.message });
    const present = new Set(files.map((f) => path.basename(f).normalize("NFC")));
    for (const [name, row] of manifest) {
      if (!present.has(name)) report.failed.push({ file: MANIFEST_FILE, error: `${MANIFEST_FILE} row ${row.row} [file]: "${name}" is not in the folder` });
    }
  }
  // Files are read and parsed one after the other (so a duplicate id is always reported on the later
  // file), and stored up to IMPORT_CONCURRENCY at a time: each store is a few round trips and a
  // commit, so PostgreSQL, not this process, sets the pace. The report keeps the files' order.
  const seen = new Map<string, string>();
  const outcomes: ({ kind: "created" | "updated" | "unchanged"; id: string } | { kind: "failed"; file: string; error: string } | undefined)[] = new Array(files.length);
  const lines = new Map<string, Promise<string>>();
  const inFlight = new Set<Promise<void>>();
  const concurrency = importConcurrency(db);
  let done = 0;
  const finish = (i: number, name: string, outcome: (typeof outcomes)[number]) => {
    outcomes[i] = outcome;
    options.onProgress?.(++done, files.length, name);
  };
  const failure = (name: string, err: unknown) => ({ kind: "failed" as const, file: name, error: err instanceof PolicyParseError ? err.message : `${name}: ${(err as Error).message}` });
  for (const [i, file] of files.entries()) {
    const name = path.basename(file);
    let parsed: ParsedPolicy;
    let checksum: string;
    try {
      const size = statSync(file).size;
      if (size > MAX_POLICY_FILE_BYTES) throw new PolicyParseError(name, `the file is larger than ${MAX_POLICY_FILE_BYTES / 1024 / 1024} MB`);
      const bytes = readFileSync(file);
      const ingested = await ingestFile(name, bytes, manifest.get(name.normalize("NFC")) ?? null);
      report.warnings.push(...ingested.warnings);
      parsed = ingested.parsed;
      checksum = ingested.checksum;
      const earlier = seen.get(parsed.frontmatter.id);
      if (earlier) throw new PolicyParseError(name, `duplicate id "${parsed.frontmatter.id}" (already used by ${earlier})`, undefined, "id");
      seen.set(parsed.frontmatter.id, name);
    } catch (err) {
      finish(i, name, failure(name, err));
      continue;
    }
    const task = storePolicy(db, parsed, checksum, lines).then(
      (kind) => finish(i, name, { kind, id: parsed.frontmatter.id }),
      (err) => finish(i, name, failure(name, err)),
    );
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  for (const o of outcomes) {
    if (!o) continue;
    if (o.kind === "failed") report.failed.push({ file: o.file, error: o.error });
    else report[o.kind].push(o.id);
  }
  return report;
}

/** Policies stored at the same time: up to 4, leaving one connection of the pool to everything else. */
function importConcurrency(db: Db): number {
  let max = 2;
  try {
    max = poolOf(db).options.max ?? 2;
  } catch {
    // a client not made by createDb: its pool size is unknown, stay modest
  }
  return Math.max(1, Math.min(4, max - 1));
}

async function lineIdFor(db: Db, name: string): Promise<string> {
  const line = await db.businessLine.upsert({ where: { name }, create: { name, code: `line-${createHash("sha1").update(name).digest("hex").slice(0, 8)}` }, update: {} });
  return line.id;
}

async function storePolicy(db: Db, parsed: ParsedPolicy, checksum: string, lines: Map<string, Promise<string>>): Promise<"created" | "updated" | "unchanged"> {
  const fm = parsed.frontmatter;
  const existing = await db.policy.findUnique({ where: { id: fm.id }, select: { status: true, currentVersion: { select: { checksum: true } } } });
  if (existing?.currentVersion?.checksum === checksum && existing.status === "ACTIVE") return "unchanged";
  // One upsert per business line and import, shared by the policies stored concurrently.
  let line = lines.get(fm.line);
  if (!line) {
    line = lineIdFor(db, fm.line);
    lines.set(fm.line, line);
    line.catch(() => lines.delete(fm.line));
  }
  const lineId = await line;
  // A batch job: waiting for a connection (other stores of this import hold the rest) is fine.
  await db.$transaction((tx) => writePolicyVersion(tx, parsed, checksum, { lineId }), { maxWait: 30_000, timeout: 60_000 });
  return existing ? "updated" : "created";
}

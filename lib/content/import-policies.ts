// Imports a folder of policy files into PostgreSQL (the source of truth): Markdown with frontmatter,
// Word (.docx, .doc), PDF and text, with metadata from manifest.csv (lib/content/ingest). A changed
// file becomes a new version, an unchanged one is skipped by checksum, a bad file is reported and
// the others still import. Meilisearch is synced afterwards by lib/search/sync-index.ts.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { poolOf, type Db } from "../db/client";
import { log } from "../log";
import { ingestFile, MAX_POLICY_FILE_BYTES } from "./ingest/ingest-file";
import { MANIFEST_FILE, parseManifest, type ManifestRow } from "./ingest/manifest";
import { PolicyParseError, type ParsedPolicy } from "./parse-policy";
import { writePolicyVersion, writePolicyVersions } from "./write-policy-version";

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
  // file) and stored in batches (one transaction of a few statements per batch, up to two batches at
  // a time, while the next files are parsed). The report keeps the files' order.
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
  let batch: Parsed[] = [];
  let batchSections = 0;
  const flush = () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    batchSections = 0;
    const task = storeBatch(db, items, lines).then((kinds) =>
      kinds.forEach((kind, k) => {
        const { i, name, parsed } = items[k]!;
        finish(i, name, kind instanceof Error ? failure(name, kind) : { kind, id: parsed.frontmatter.id });
      }),
    );
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };
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
    batch.push({ i, name, parsed, checksum });
    batchSections += parsed.sections.length;
    if (batch.length >= BATCH_POLICIES || batchSections >= BATCH_SECTIONS) {
      flush();
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  }
  flush();
  await Promise.all(inFlight);
  for (const o of outcomes) {
    if (!o) continue;
    if (o.kind === "failed") report.failed.push({ file: o.file, error: o.error });
    else report[o.kind].push(o.id);
  }
  return report;
}

/**
 * Policies per transaction (docs/decisions/0003, "Scale"): a batch is five statements whatever its size,
 * instead of about eight Prisma round trips (each compiled by Prisma's query compiler) per policy.
 */
const BATCH_POLICIES = 50;
const BATCH_SECTIONS = 4000;

interface Parsed {
  i: number;
  name: string;
  parsed: ParsedPolicy;
  checksum: string;
}

/** Batches stored at the same time: up to 2, leaving a connection of the pool to everything else. */
function importConcurrency(db: Db): number {
  let max = 2;
  try {
    max = poolOf(db).options.max ?? 2;
  } catch {
    // a client not made by createDb: its pool size is unknown, stay modest
  }
  return Math.max(1, Math.min(2, max - 1));
}

/**
 * Stores a batch of parsed policies: the unchanged ones (same checksum, active) are skipped, the others
 * written in one transaction. If that transaction fails, the batch is stored again one policy at a
 * time, so an error is reported on its own file and the others are still imported.
 */
async function storeBatch(db: Db, items: readonly Parsed[], lines: Map<string, Promise<string>>): Promise<("created" | "updated" | "unchanged" | Error)[]> {
  const ids = items.map((it) => it.parsed.frontmatter.id);
  let existing: Map<string, { status: string; checksum: string | null }>;
  try {
    const rows = await db.$queryRaw<{ id: string; status: string; checksum: string | null }[]>`
      SELECT p.id, p.status::text AS status, v.checksum FROM "Policy" p LEFT JOIN "PolicyVersion" v ON v.id = p."currentVersionId"
      WHERE p.id = ANY(${ids}::text[])`;
    existing = new Map(rows.map((r) => [r.id, r]));
  } catch (err) {
    return items.map(() => err as Error);
  }
  const kinds: ("created" | "updated" | "unchanged" | Error)[] = items.map((it) => {
    const e = existing.get(it.parsed.frontmatter.id);
    return e?.checksum === it.checksum && e.status === "ACTIVE" ? "unchanged" : e ? "updated" : "created";
  });
  const toWrite = items.map((_, k) => k).filter((k) => kinds[k] !== "unchanged");
  if (!toWrite.length) return kinds;
  try {
    const lineIds = await Promise.all(toWrite.map((k) => lineOf(db, items[k]!.parsed.frontmatter.line, lines)));
    const batch = toWrite.map((k, j) => ({ parsed: items[k]!.parsed, checksum: items[k]!.checksum, lineId: lineIds[j]! }));
    // A batch job: waiting for a connection (another batch of this import may hold one) is fine.
    await db.$transaction((tx) => writePolicyVersions(tx, batch), { maxWait: 30_000, timeout: 120_000 });
  } catch (err) {
    log.warn("policy import: a batch failed, storing its policies one at a time", { policies: toWrite.length, first: ids[toWrite[0]!], err: String(err) });
    for (const k of toWrite) kinds[k] = await storePolicy(db, items[k]!.parsed, items[k]!.checksum, lines).catch((err: Error) => err);
  }
  return kinds;
}

/** One upsert per business line and import, shared by the policies stored concurrently. */
function lineOf(db: Db, name: string, lines: Map<string, Promise<string>>): Promise<string> {
  let line = lines.get(name);
  if (!line) {
    line = lineIdFor(db, name);
    lines.set(name, line);
    line.catch(() => lines.delete(name));
  }
  return line;
}

async function lineIdFor(db: Db, name: string): Promise<string> {
  const line = await db.businessLine.upsert({ where: { name }, create: { name, code: `line-${createHash("sha1").update(name).digest("hex").slice(0, 8)}` }, update: {} });
  return line.id;
}

async function storePolicy(db: Db, parsed: ParsedPolicy, checksum: string, lines: Map<string, Promise<string>>): Promise<"created" | "updated" | "unchanged"> {
  const fm = parsed.frontmatter;
  const existing = await db.policy.findUnique({ where: { id: fm.id }, select: { status: true, currentVersion: { select: { checksum: true } } } });
  if (existing?.currentVersion?.checksum === checksum && existing.status === "ACTIVE") return "unchanged";
  const lineId = await lineOf(db, fm.line, lines);
  // A batch job: waiting for a connection (other stores of this import hold the rest) is fine.
  await db.$transaction((tx) => writePolicyVersion(tx, parsed, checksum, { lineId }), { maxWait: 30_000, timeout: 60_000 });
  return existing ? "updated" : "created";
}

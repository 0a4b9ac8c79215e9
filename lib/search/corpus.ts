// The relevance model's in-memory index, built from PostgreSQL (the source of truth) and rebuilt
// when the set of current policy versions or the owners' synonyms change.
//
// Cost per portal process (docs/decisions/0003, "Scale"): the index is built on a worker thread,
// never on the request path; while a new one builds, searches are answered from the previous index,
// and the new one replaces it in one assignment when complete. Only a process's very first search
// waits for a build (there is nothing older to answer from). One build at a time per process; a
// change seen during a build starts one more build when it ends.
import type { DbTx } from "../db/client";
import { buildIndexOffThread } from "./build/off-thread";
import { loadPhrasings, unitKey } from "./phrasings/load-phrasings";
import type { RelevanceIndex, SectionInput } from "./relevance/ranker";
import { DEFAULT_SYNONYM_GROUPS, mergeSynonymGroups } from "./relevance/synonyms";

export interface CorpusSection extends SectionInput {
  sectionId: string;
  policyId: string;
  chapter: string | null;
}

export interface Corpus {
  signature: string;
  index: RelevanceIndex;
  sections: CorpusSection[];
  byKey: Map<string, CorpusSection>;
  bySectionId: Map<string, CorpusSection>;
  /** how long this corpus took: reading PostgreSQL, and the index build on its worker */
  stats: { loadMs: number; buildMs: number; buildHeapBytes: number; builtAt: Date };
}

const SIGNATURE_TTL_MS = 3000;

interface Entry {
  /** the corpus searches are answered from (replaced whole when a newer one is ready) */
  corpus?: Corpus;
  checkedAt: number;
  checking?: Promise<string>;
  /** the newest signature seen in PostgreSQL */
  wanted?: string;
  building?: Promise<Corpus>;
  lastError?: Error;
}

// On globalThis, not in a module variable: Next loads this module once per bundle (the search page's
// server components and the /api/search route are separate bundles), and two module copies held two
// corpora per process, each rebuilt on its own: double the memory, and a policy the route already
// found could be missing from the page's copy for a while after publishing.
const CORPORA = Symbol.for("shouwen.corpora");
const cache: WeakMap<object, Entry> = ((globalThis as unknown as { [CORPORA]?: WeakMap<object, Entry> })[CORPORA] ??= new WeakMap());

async function signatureOf(db: DbTx): Promise<string> {
  const [row] = await db.$queryRaw<{ n: bigint; latest: Date | null; syn: bigint; synLatest: Date | null; phr: string | null }[]>`
    SELECT (SELECT count(*) FROM "Policy" WHERE status = 'ACTIVE') AS n,
           (SELECT max(v."importedAt") FROM "Policy" p JOIN "PolicyVersion" v ON v.id = p."currentVersionId") AS latest,
           (SELECT count(*) FROM "SearchSynonym") AS syn,
           (SELECT max("createdAt") FROM "SearchSynonym") AS "synLatest",
           (SELECT concat_ws('/', count(*), count("removedAt"), sum(users), max("updatedAt")) FROM "UnitPhrasing") AS phr`;
  return `${row?.n}:${row?.latest?.toISOString()}:${row?.syn}:${row?.synLatest?.toISOString()}:${row?.phr}`;
}

/** The synonym groups policy owners added (both the model and the Meilisearch settings use them). */
export async function ownerSynonymGroups(db: DbTx): Promise<string[][]> {
  return (await db.searchSynonym.findMany({ select: { terms: true } })).map((s) => s.terms);
}

async function build(db: DbTx, signature: string): Promise<Corpus> {
  const started = performance.now();
  // One plain query (at 42,625 units, Prisma's nested-relation read cost seconds of CPU on this thread).
  const rows = await db.$queryRaw<{ id: string; policyId: string; title: string; ownerName: string; line: string; label: string; heading: string; chapter: string | null; text: string }[]>`
    SELECT s.id::text, s."policyId", p.title, p."ownerName", l.name AS line, s.label, s.heading, s.chapter, s.text
    FROM "PolicySection" s
    JOIN "Policy" p ON p.id = s."policyId" AND p."currentVersionId" = s."versionId"
    JOIN "BusinessLine" l ON l.id = p."lineId"
    WHERE p.status = 'ACTIVE'
    ORDER BY s."policyId", s.ordinal`;
  const synonyms = await ownerSynonymGroups(db);
  const phrasings = await loadPhrasings(db);
  const sections: CorpusSection[] = rows.map((r) => ({
    sectionId: r.id,
    policyId: r.policyId,
    docId: r.policyId,
    docTitle: r.title,
    line: r.line,
    owner: r.ownerName,
    section: r.label,
    heading: r.heading,
    chapter: r.chapter,
    text: r.text,
    askedAs: phrasings.get(unitKey(r.policyId, r.label)),
  }));
  const loadMs = performance.now() - started;
  const built = await buildIndexOffThread(sections, synonyms.length ? { analyzer: { synonymGroups: mergeSynonymGroups(DEFAULT_SYNONYM_GROUPS, synonyms) } } : {});
  return {
    signature,
    index: built.index,
    sections,
    byKey: new Map(sections.map((s) => [`${s.docId}\u0000${s.section}`, s])),
    bySectionId: new Map(sections.map((s) => [s.sectionId, s])),
    stats: { loadMs, buildMs: built.buildMs, buildHeapBytes: built.buildHeapBytes, builtAt: new Date() },
  };
}

function entryOf(db: DbTx): Entry {
  let entry = cache.get(db);
  if (!entry) cache.set(db, (entry = { checkedAt: 0 }));
  return entry;
}

/** Starts a build of the wanted signature unless one is running; a running one re-checks when it ends. */
function startBuild(db: DbTx, e: Entry): Promise<Corpus> {
  if (e.building) return e.building;
  const signature = e.wanted!;
  e.building = build(db, signature).then(
    (c) => {
      e.corpus = c; // the swap: searches that already hold the old corpus finish with it
      e.building = undefined;
      e.lastError = undefined;
      if (e.wanted !== signature) void startBuild(db, e).catch(() => undefined); // logged by its own handler
      return c;
    },
    (err: Error) => {
      e.building = undefined;
      e.lastError = err;
      if (e.corpus) console.error(`search: rebuilding the relevance index failed, still answering from the one built ${e.corpus.stats.builtAt.toISOString()}: ${err.message}`);
      throw err;
    },
  );
  return e.building;
}

/**
 * The corpus to search now. Checks PostgreSQL for changes at most every few seconds; a change
 * starts a build off the request path and this returns the previous corpus until the new one
 * is ready. Only the first call of a process (no corpus yet) waits for a build.
 */
export async function getCorpus(db: DbTx, now = Date.now()): Promise<Corpus> {
  const e = entryOf(db);
  if (e.corpus && now - e.checkedAt < SIGNATURE_TTL_MS) return e.corpus;
  if (!e.checking) {
    e.checking = signatureOf(db).finally(() => {
      e.checking = undefined;
    });
  }
  const signature = await e.checking;
  e.checkedAt = now;
  e.wanted = signature;
  if (e.corpus?.signature === signature) return e.corpus;
  const building = startBuild(db, e);
  if (e.corpus) {
    building.catch(() => undefined); // reported in startBuild; this search answers from the current corpus
    return e.corpus;
  }
  return building;
}

/** What a process holds and is doing (for tests and the bench): never starts anything. */
export function corpusState(db: DbTx): { signature?: string; building: boolean; wanted?: string; stats?: Corpus["stats"] } {
  const e = cache.get(db);
  return { signature: e?.corpus?.signature, building: !!e?.building, wanted: e?.wanted, stats: e?.corpus?.stats };
}

/** Resolves when the build in progress (if any) has finished and been swapped in. */
export async function corpusSettled(db: DbTx): Promise<Corpus | undefined> {
  const e = cache.get(db);
  while (e?.building) await e.building;
  return e?.corpus;
}

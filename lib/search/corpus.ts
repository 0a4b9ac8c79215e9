// The relevance model's in-memory index, built from PostgreSQL (the source of truth) and rebuilt
// when the set of current policy versions or the owners' synonyms change.
import type { DbTx } from "../db/client";
import { loadPhrasings, unitKey } from "./phrasings/load-phrasings";
import { buildIndex, type RelevanceIndex, type SectionInput } from "./relevance/ranker";
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
}

const SIGNATURE_TTL_MS = 3000;
const cache = new WeakMap<object, { corpus?: Corpus; checkedAt: number; signature?: string; building?: Promise<Corpus> }>();

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
  const rows = await db.policySection.findMany({
    where: { policy: { status: "ACTIVE" }, version: { currentOf: { isNot: null } } },
    select: { id: true, label: true, heading: true, chapter: true, text: true, policy: { select: { id: true, title: true, ownerName: true, line: { select: { name: true } } } } },
    orderBy: [{ policyId: "asc" }, { ordinal: "asc" }],
  });
  const synonyms = await ownerSynonymGroups(db);
  const phrasings = await loadPhrasings(db);
  const sections: CorpusSection[] = rows.map((r) => ({
    sectionId: r.id,
    policyId: r.policy.id,
    docId: r.policy.id,
    docTitle: r.policy.title,
    line: r.policy.line.name,
    owner: r.policy.ownerName,
    section: r.label,
    heading: r.heading,
    chapter: r.chapter,
    text: r.text,
    askedAs: phrasings.get(unitKey(r.policy.id, r.label)),
  }));
  const index = buildIndex(sections, synonyms.length ? { analyzer: { synonymGroups: mergeSynonymGroups(DEFAULT_SYNONYM_GROUPS, synonyms) } } : {});
  return { signature, index, sections, byKey: new Map(sections.map((s) => [`${s.docId}\u0000${s.section}`, s])), bySectionId: new Map(sections.map((s) => [s.sectionId, s])) };
}

/** The current corpus; checks PostgreSQL for changes at most every few seconds. */
export async function getCorpus(db: DbTx, now = Date.now()): Promise<Corpus> {
  let entry = cache.get(db);
  if (!entry) {
    entry = { checkedAt: 0 };
    cache.set(db, entry);
  }
  if (entry.corpus && now - entry.checkedAt < SIGNATURE_TTL_MS) return entry.corpus;
  const signature = await signatureOf(db);
  entry.checkedAt = now;
  if (entry.corpus?.signature === signature) return entry.corpus;
  if (entry.building && entry.signature === signature) return entry.building;
  entry.signature = signature;
  const e = entry;
  e.building = build(db, signature).then(
    (c) => {
      e.corpus = c;
      e.building = undefined;
      return c;
    },
    (err) => {
      e.building = undefined;
      throw err;
    },
  );
  return e.building;
}

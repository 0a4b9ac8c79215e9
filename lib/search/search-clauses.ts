// The clause search behind the search page, /api/search, the ask page and `npm run eval:search`.
// Ranking: the relevance model over PostgreSQL's current sections (lib/search/relevance); Meilisearch
// contributes its typo-tolerant matches only where the model leaves places empty. When Meilisearch is
// down the answer comes from PostgreSQL alone (model + pg_trgm), flagged `degraded` for a visible notice.
import type { DbTx } from "../db/client";
import { log } from "../log";
import { meiliClient, type MeiliConfig } from "./client";
import { getCorpus, type Corpus, type CorpusSection } from "./corpus";
import { highlighter, snippetSource, type Segment, type SnippetSource } from "./highlight";
import { filterValue, sectionsIndexUid } from "./meili-index";
import { isMeiliUp, markMeiliDown } from "./meili-health";
import type { ResultState } from "./relevance/deflection";
import { search as rank } from "./relevance/ranker";

export interface ClauseSearchInput {
  q: string;
  line?: string;
  owner?: string;
  limit: number;
}

export interface ClauseHit {
  sectionId: string;
  policyId: string;
  policyTitle: string;
  label: string;
  heading: string;
  chapter: string | null;
  line: string;
  owner: string;
  score: number;
  snippet: Segment[];
  source: "model" | "meilisearch" | "trigram";
}

export interface ClauseSearchResult {
  hits: ClauseHit[];
  deflected: boolean;
  /**
   * answered: the top clause answers (deflected) · related: shown as 可能相关 · none: nothing plausible
   * ("nothing found", no hits; the search log's zero-result count is exactly these searches).
   */
  state: ResultState;
  confidence: number;
  degraded: boolean;
  terms: string[];
}

export interface SearchDeps {
  db: DbTx;
  meili?: { config?: MeiliConfig; prefix: string; timeoutMs?: number };
  /** Recent answers to reuse (the portal's; evaluation and tests search without one). */
  cache?: SearchResultCache;
}

/**
 * Answers to recent searches. People ask the same few things (年假, 报销, 加班…) all day, and every
 * user gets the same answer (policies are company-wide), so a repeated query costs a map lookup
 * instead of the model, the highlighting and a Meilisearch round trip. Keys carry the corpus
 * signature, so an import or a synonym change is seen as soon as getCorpus sees it; entries also
 * expire after ttlMs, and only answers with Meilisearch up are kept (a degraded answer is recomputed).
 */
export class SearchResultCache {
  private readonly entries = new Map<string, { at: number; result: ClauseSearchResult }>();

  constructor(
    readonly maxEntries = 2000,
    readonly ttlMs = 60_000,
  ) {}

  get(key: string, now = Date.now()): ClauseSearchResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.at > this.ttlMs) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.result;
  }

  set(key: string, result: ClauseSearchResult, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { at: now, result });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

interface MeiliHit {
  id: string;
}

async function meiliCandidates(deps: SearchDeps, q: string, input: ClauseSearchInput): Promise<string[]> {
  if (!deps.meili) throw new Error("no Meilisearch configured");
  const filters = [input.line ? `line = ${filterValue(input.line)}` : null, input.owner ? `owner = ${filterValue(input.owner)}` : null].filter((f): f is string => f !== null);
  const res = await meiliClient(deps.meili.config, deps.meili.timeoutMs ?? 700)
    .index<MeiliHit>(sectionsIndexUid(deps.meili.prefix))
    .search(q, { limit: input.limit, filter: filters.length ? filters.join(" AND ") : undefined, attributesToRetrieve: ["id"], matchingStrategy: "frequency" });
  return res.hits.map((h) => h.id);
}

// Each clause text is prepared for highlighting once per corpus build, not once per search.
const snippetSources = new WeakMap<CorpusSection, SnippetSource>();
function snippetSourceOf(s: CorpusSection): SnippetSource {
  let source = snippetSources.get(s);
  if (!source) snippetSources.set(s, (source = snippetSource(s.text)));
  return source;
}

async function trigramCandidates(db: DbTx, q: string, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM "PolicySection" s JOIN "Policy" p ON p."currentVersionId" = s."versionId"
    WHERE p.status = 'ACTIVE' AND s.text % ${q}
    ORDER BY similarity(s.text, ${q}) DESC LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function searchClauses(deps: SearchDeps, input: ClauseSearchInput): Promise<ClauseSearchResult> {
  const corpus = await getCorpus(deps.db);
  const cacheKey = deps.cache && [corpus.signature, input.q, input.line ?? "", input.owner ?? "", input.limit].join("\u0000");
  if (cacheKey) {
    const cached = deps.cache!.get(cacheKey);
    if (cached && (await isMeiliUp(deps.meili?.config))) return cached;
  }
  const result = await searchCorpus(deps, corpus, input);
  if (cacheKey && !result.degraded) deps.cache!.set(cacheKey, result);
  return result;
}

async function searchCorpus(deps: SearchDeps, corpus: Corpus, input: ClauseSearchInput): Promise<ClauseSearchResult> {
  const ranked = rank(corpus.index, input.q, { limit: Math.max(input.limit * 3, 30), line: input.line });
  const terms = [...ranked.query.keywords, ...ranked.query.expansions.map((e) => e.term)];
  const stripped = ranked.query.stripped || ranked.query.normalized;
  // One judgement: when the model finds nothing plausible, no other source fills the page either.
  if (ranked.state === "none") {
    return { hits: [], deflected: false, state: "none", confidence: ranked.confidence, degraded: !(await isMeiliUp(deps.meili?.config)), terms };
  }

  // The model over PostgreSQL's sections usually fills the page; Meilisearch is asked only for the
  // places it leaves empty (saving its ~7 ms per query). Whether Meilisearch is up is known either way.
  const modelHits = ranked.results.filter((r) => {
    const s = corpus.byKey.get(`${r.docId}\u0000${r.section}`);
    return s && (!input.owner || s.owner === input.owner);
  }).length;
  let degraded = false;
  let extra: string[] = [];
  if (modelHits < input.limit && stripped) {
    try {
      extra = await meiliCandidates(deps, stripped, input);
    } catch (err) {
      markMeiliDown(deps.meili?.config, err);
      degraded = true;
    }
  } else degraded = !(await isMeiliUp(deps.meili?.config));
  if (degraded && modelHits < input.limit && stripped) extra = await trigramCandidates(deps.db, stripped, input.limit).catch((err: unknown) => {
    log.warn("degraded search: the trigram fallback failed", { query: stripped.slice(0, 100), err: String(err) });
    return [];
  });

  const mark = highlighter(terms);
  const hits: ClauseHit[] = [];
  const seen = new Set<string>();
  const push = (s: CorpusSection, score: number, source: ClauseHit["source"]) => {
    if (seen.has(s.sectionId) || hits.length >= input.limit) return;
    if (input.owner && s.owner !== input.owner) return;
    if (input.line && s.line !== input.line) return;
    seen.add(s.sectionId);
    hits.push({
      sectionId: s.sectionId,
      policyId: s.policyId,
      policyTitle: s.docTitle,
      label: s.section,
      heading: s.heading,
      chapter: s.chapter,
      line: s.line,
      owner: s.owner,
      score,
      snippet: mark(snippetSourceOf(s)),
      source,
    });
  };
  for (const r of ranked.results) {
    const s = corpus.byKey.get(`${r.docId}\u0000${r.section}`);
    if (s) push(s, r.score, "model");
  }
  for (const id of extra) {
    const s = corpus.bySectionId.get(id);
    if (s) push(s, 0, degraded ? "trigram" : "meilisearch");
  }
  const state: ResultState = hits.length === 0 ? "none" : ranked.state === "answered" ? "answered" : "related";
  return { hits, deflected: state === "answered", state, confidence: ranked.confidence, degraded, terms };
}

/** Groups hits by policy, keeping the order of each policy's best clause. */
export function groupByPolicy(hits: ClauseHit[]): { policyId: string; policyTitle: string; line: string; owner: string; clauses: ClauseHit[] }[] {
  const groups = new Map<string, { policyId: string; policyTitle: string; line: string; owner: string; clauses: ClauseHit[] }>();
  for (const h of hits) {
    const g = groups.get(h.policyId) ?? { policyId: h.policyId, policyTitle: h.policyTitle, line: h.line, owner: h.owner, clauses: [] };
    g.clauses.push(h);
    groups.set(h.policyId, g);
  }
  return [...groups.values()];
}

// Meilisearch index settings as code, the document mapping and task handling.
// Only lib/search/ talks to Meilisearch.
import type { EnqueuedTask } from "meilisearch";
import { meiliApiError, meiliClient, settled, type MeiliConfig } from "./client";
import { normalizeText } from "./relevance/normalize";
import { getJieba } from "./relevance/tokenize";
import { DEFAULT_SYNONYM_GROUPS } from "./relevance/synonyms";

export interface SectionDoc {
  id: string; // PolicySection.id
  policyId: string;
  versionId: string;
  policyTitle: string;
  label: string;
  heading: string;
  chapter: string | null;
  text: string;
  /** Simplified, normalised and pre-segmented (jieba cut-for-search + bigrams) so inner words match. */
  segmented: string;
  line: string;
  owner: string;
  ordinal: number;
}

export function sectionsIndexUid(prefix: string): string {
  return `${prefix}_sections`;
}

/** `askedAs`: the unit's 常见问法 (lib/search/phrasings), findable through `segmented` only (never displayed). */
export function toSectionDoc(row: Omit<SectionDoc, "segmented">, askedAs: readonly string[] = []): SectionDoc {
  const normalized = normalizeText(`${row.policyTitle} ${row.chapter ?? ""} ${row.heading} ${row.text} ${askedAs.join(" ")}`);
  return { ...row, segmented: segmentForIndex(normalized) };
}

/** Meilisearch keeps long Chinese words whole and matches prefixes only: index the inner words too. */
export function segmentForIndex(normalized: string): string {
  const words = getJieba().cutForSearch(normalized, false).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return [...new Set(words)].join(" ");
}

/** Synonyms in Meilisearch's format: every term of a group maps to the others. */
export function meiliSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of groups) {
    const terms = [...new Set(g.map((t) => normalizeText(t)).filter(Boolean))];
    for (const t of terms) out[t] = [...new Set([...(out[t] ?? []), ...terms.filter((x) => x !== t)])];
  }
  return out;
}

export function indexSettings(extraSynonyms: readonly (readonly string[])[] = []) {
  return {
    searchableAttributes: ["policyTitle", "heading", "segmented", "text", "chapter"],
    filterableAttributes: ["line", "owner", "policyId", "versionId"],
    sortableAttributes: ["ordinal"],
    displayedAttributes: ["id", "policyId", "versionId", "policyTitle", "label", "heading", "chapter", "text", "line", "owner", "ordinal"],
    rankingRules: ["words", "typo", "proximity", "attribute", "exactness"],
    proximityPrecision: "byAttribute" as const,
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
    synonyms: meiliSynonyms([...DEFAULT_SYNONYM_GROUPS, ...extraSynonyms]),
    pagination: { maxTotalHits: 1000 },
  };
}

export async function ensureIndex(uid: string, extraSynonyms: readonly (readonly string[])[] = [], config?: MeiliConfig): Promise<void> {
  const client = meiliClient(config);
  try {
    await client.getRawIndex(uid);
  } catch (err) {
    if (meiliApiError(err)?.cause?.code !== "index_not_found") throw err;
    await settled(client.createIndex(uid, { primaryKey: "id" }), config);
  }
  const settings = indexSettings(extraSynonyms);
  // Settings only when they differ: a settings task, even a no-op one, is a batch of its own that
  // splits the document additions around it (syncIndexDuring syncs many times in a row).
  const current = (await client.index(uid).getSettings()) as Record<string, unknown>;
  if (Object.entries(settings).every(([k, v]) => canonical(current[k]) === canonical(v))) return;
  await settled(client.index(uid).updateSettings(settings), config);
}

/** JSON with object keys sorted, to compare settings as Meilisearch returns them with ours. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

/**
 * Sends the sections in batches of 1,000, one request after the other so that Meilisearch enqueues
 * them in order (it indexes consecutive batches together); returns the tasks to wait for.
 */
export async function enqueueDocuments(uid: string, docs: SectionDoc[], config?: MeiliConfig): Promise<EnqueuedTask[]> {
  const index = meiliClient(config).index<SectionDoc>(uid);
  const tasks: EnqueuedTask[] = [];
  for (let i = 0; i < docs.length; i += 1000) tasks.push(await index.addDocuments(docs.slice(i, i + 1000)));
  return tasks;
}

export function enqueueDeleteWhere(uid: string, filter: string, config?: MeiliConfig): Promise<EnqueuedTask> {
  return meiliClient(config).index(uid).deleteDocuments({ filter });
}

export async function deleteDocumentsWhere(uid: string, filter: string, config?: MeiliConfig): Promise<void> {
  await settled(enqueueDeleteWhere(uid, filter, config), config);
}

export async function deleteIndex(uid: string, config?: MeiliConfig): Promise<void> {
  try {
    await settled(meiliClient(config).deleteIndex(uid), config);
  } catch (err) {
    if (!/index_not_found|not found/i.test((err as Error).message)) throw err;
  }
}

export async function countDocuments(uid: string, config?: MeiliConfig): Promise<number> {
  return (await meiliClient(config).index(uid).getStats()).numberOfDocuments;
}

/** A Meilisearch filter value, quoted and escaped. */
export function filterValue(v: string): string {
  return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

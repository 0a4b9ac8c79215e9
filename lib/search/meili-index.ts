// Meilisearch index settings as code, the document mapping and task handling.
// Only lib/search/ talks to Meilisearch.
import { meili, type MeiliConfig } from "./client";
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
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
    synonyms: meiliSynonyms([...DEFAULT_SYNONYM_GROUPS, ...extraSynonyms]),
    pagination: { maxTotalHits: 1000 },
  };
}

interface Task {
  taskUid: number;
}

interface TaskStatus {
  status: "enqueued" | "processing" | "succeeded" | "failed" | "canceled";
  error?: { message: string };
}

export async function waitForTask(task: Task, config?: MeiliConfig, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  while (Date.now() < deadline) {
    const t = await meili<TaskStatus>("GET", `/tasks/${task.taskUid}`, undefined, { config });
    if (t.status === "succeeded") return;
    if (t.status === "failed" || t.status === "canceled") throw new Error(`Meilisearch task ${task.taskUid} ${t.status}: ${t.error?.message ?? ""}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 250);
  }
  throw new Error(`Meilisearch task ${task.taskUid} did not finish within ${timeoutMs} ms`);
}

export async function ensureIndex(uid: string, extraSynonyms: readonly (readonly string[])[] = [], config?: MeiliConfig): Promise<void> {
  try {
    await meili("GET", `/indexes/${uid}`, undefined, { config });
  } catch {
    await waitForTask(await meili<Task>("POST", "/indexes", { uid, primaryKey: "id" }, { config }), config);
  }
  await waitForTask(await meili<Task>("PATCH", `/indexes/${uid}/settings`, indexSettings(extraSynonyms), { config }), config);
}

export async function addDocuments(uid: string, docs: SectionDoc[], config?: MeiliConfig): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) {
    await waitForTask(await meili<Task>("POST", `/indexes/${uid}/documents`, docs.slice(i, i + 1000), { config, timeoutMs: 30_000 }), config);
  }
}

export async function deleteDocumentsWhere(uid: string, filter: string, config?: MeiliConfig): Promise<void> {
  await waitForTask(await meili<Task>("POST", `/indexes/${uid}/documents/delete`, { filter }, { config }), config);
}

export async function deleteIndex(uid: string, config?: MeiliConfig): Promise<void> {
  try {
    await waitForTask(await meili<Task>("DELETE", `/indexes/${uid}`, undefined, { config }), config);
  } catch (err) {
    if (!/not found/i.test(String((err as Error).message))) throw err;
  }
}

export async function countDocuments(uid: string, config?: MeiliConfig): Promise<number> {
  const stats = await meili<{ numberOfDocuments: number }>("GET", `/indexes/${uid}/stats`, undefined, { config });
  return stats.numberOfDocuments;
}

/** A Meilisearch filter value, quoted and escaped. */
export function filterValue(v: string): string {
  return `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

// Benchmark baselines over the sections an eval namespace imported: the same units the portal
// ranks, read back from PostgreSQL, and a Meilisearch index with DEFAULT settings (no searchable
// attributes, ranking rules, locales or synonyms set) to show what the portal adds on top of it.
import type { DbTx } from "../../lib/db/client";
import { meiliClient, settled, type MeiliConfig } from "../../lib/search/client";
import { deleteIndex } from "../../lib/search/meili-index";

export interface EvalSection {
  id: string;
  doc: string;
  /** The `####` label; "全文" for a document without numbered units. */
  section: string;
  title: string;
  heading: string;
  text: string;
}

/** The label the importer gives a document that has no `####` units (scored as doc-only). */
export const WHOLE_DOCUMENT_LABEL = "全文";

export function resultOf(doc: string, section: string): { doc: string; section?: string } {
  return section === WHOLE_DOCUMENT_LABEL ? { doc } : { doc, section };
}

/** Current sections of active policies, in document order. */
export async function loadEvalSections(db: DbTx): Promise<EvalSection[]> {
  const rows = await db.policySection.findMany({
    where: { policy: { status: "ACTIVE" }, version: { currentOf: { isNot: null } } },
    select: { id: true, label: true, heading: true, text: true, policy: { select: { id: true, title: true } } },
    orderBy: [{ policyId: "asc" }, { ordinal: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, doc: r.policy.id, section: r.label, title: r.policy.title, heading: r.heading, text: r.text }));
}

export function defaultIndexUid(prefix: string): string {
  return `${prefix}_meili_default`;
}

/** Creates the index with nothing but a primary key and adds the sections. */
export async function createDefaultIndex(uid: string, sections: EvalSection[], config: MeiliConfig): Promise<void> {
  const client = meiliClient(config);
  await settled(client.createIndex(uid, { primaryKey: "id" }), config);
  for (let i = 0; i < sections.length; i += 1000) await settled(client.index(uid).addDocuments(sections.slice(i, i + 1000)), config, 120_000);
}

export async function searchDefaultIndex(uid: string, q: string, config: MeiliConfig, limit = 10): Promise<{ doc: string; section?: string }[]> {
  const res = await meiliClient(config).index<{ doc: string; section: string }>(uid).search(q, { limit });
  return res.hits.map((h) => resultOf(h.doc, h.section));
}

export async function dropDefaultIndex(uid: string, config: MeiliConfig): Promise<void> {
  await deleteIndex(uid, config);
}

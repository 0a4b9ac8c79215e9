/** Lab helpers: load a corpus directory into ranker rows; read question texts (no gold). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../../lib/content/parse-policy';
import type { SectionInput } from '../../lib/search/relevance/ranker';
import { sectionLabel } from '../../lib/search/relevance/normalize';

export function loadCorpus(dir: string): SectionInput[] {
  const docsDir = join(dir, 'docs');
  const rows: SectionInput[] = [];
  for (const f of readdirSync(docsDir).filter((x) => x.endsWith('.md')).sort()) {
    const p = parsePolicy(f, readFileSync(join(docsDir, f)));
    const fm = p.frontmatter;
    for (const s of p.sections) {
      rows.push({ docId: fm.id, docTitle: fm.title, line: fm.line, owner: fm.owner, section: s.label, heading: s.heading, chapter: s.chapter, text: s.text });
    }
  }
  return rows;
}

/** Only id + question text: the ranking side never sees gold labels. */
export function loadQueries(dir: string): { id: string; question: string }[] {
  return readFileSync(join(dir, 'questions.jsonl'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => {
      const q = JSON.parse(l) as { id: string; question: string };
      return { id: q.id, question: q.question };
    });
}

export interface GoldQuestion {
  id: string;
  question: string;
  type: string;
  gold: { doc: string; section?: string }[];
}

/**
 * Answerable questions with at least one gold section, for diagnostics on a tuning set; with `train`, only
 * STARD's four fifths (the held-out fifth is never looked at).
 */
export function loadGoldQuestions(dir: string, train: boolean, isHeldOut: (id: string) => boolean): GoldQuestion[] {
  return readFileSync(join(dir, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as GoldQuestion)
    .filter((q) => q.type !== 'unanswerable' && q.gold.some((g) => g.section))
    .filter((q) => !train || !isHeldOut(q.id));
}

/** Row index of each unit by document and citable label: `unitAt(rows)(doc, section)`. */
export function unitIndex(rows: readonly SectionInput[]): (doc: string, section: string) => number | undefined {
  const at = new Map(rows.map((r, i) => [`${r.docId}\u0000${sectionLabel(r.section)}`, i]));
  return (doc, section) => at.get(`${doc}\u0000${sectionLabel(section)}`);
}

/** Lab helpers: load a corpus directory into ranker rows; read question texts (no gold). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../../lib/content/parse-policy';
import type { SectionInput } from '../../lib/search/relevance/ranker';

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

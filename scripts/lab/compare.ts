/**
 * Relevance lab: run ranker variants over several corpora in memory and print one table row per
 * (variant, corpus) with the scorer's metrics plus the share of answerable / unanswerable questions
 * judged "nothing found" (state none). Ranking never reads gold labels; only the scoring here does.
 *
 *   npx tsx scripts/lab/compare.ts --corpora <corpusDir>[,<corpusDir>…] \
 *        --variants '[{"name":"base","opts":{}},{"name":"near","opts":{"proximityWindow":8}}]'
 *
 * --heldout: on a corpus whose name contains "stard", keep only the held-out fifth of the questions
 * (FNV-1a of the id % 5 = 0, the split of scripts/lexicon/learn.ts), --train the other four fifths; a variant's "table" names a learned
 * table file to use instead of the shipped one (e.g. one learned without the held-out fifth).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndex, search, type RankerOptions, type SectionInput } from '../../lib/search/relevance/ranker';
import { phraseOption } from '../../lib/search/relevance/normalize';
import type { LearnedLexicon } from '../../lib/search/relevance/lexicon/learned';
import type { RelatedLexicon } from '../../lib/search/relevance/analyze';
import { requireCorpusArg } from '../eval/corpus-arg';
import { loadCorpus, loadGoldQuestions, loadQueries, unitIndex } from './corpus';
import { isHeldOut } from '../lexicon/split';

interface Variant {
  name: string;
  opts: Partial<RankerOptions>;
  /** lab switches outside RankerOptions */
  phrases?: boolean;
  noSynonyms?: boolean;
  /** learned table file replacing the shipped one ("none" = no table) */
  table?: string;
  /** related-lexicon files (RelatedLexicon JSON) replacing the default related tables ([] = none) */
  related?: string[];
  /**
   * the learning loop's value (ADR 0018): with --heldout, every question of the other four fifths is
   * attached to its gold units as a resolved question's 常见问法 (weight 1), as if a deployed portal had
   * resolved them citing those articles. Lab only: no such data ships.
   */
  history?: boolean;
}

const { values } = parseArgs({ options: { corpora: { type: 'string' }, variants: { type: 'string' }, dump: { type: 'boolean' }, heldout: { type: 'boolean' }, train: { type: 'boolean' } } });
const compareUsage = 'npx tsx scripts/lab/compare.ts --corpora <corpusDir>[,<corpusDir>…] [--variants <json>] [--heldout|--train] [--dump]';
const corpora = (values.corpora ? values.corpora.split(',') : [undefined]).map((c) => requireCorpusArg(c, '--corpora', compareUsage, ['docs', 'questions.jsonl', 'score.mjs']));
const variants = JSON.parse(values.variants ?? '[{"name":"default","opts":{}}]') as Variant[];

const fmt = (x: number | null) => (x === null ? '  n/a' : x.toFixed(3));
console.log('variant'.padEnd(28), 'corpus'.padEnd(20), 'docR5  MRR10  secR5  FD     ansDef ansNone unNone');
for (const dir of corpora) {
  const rows = loadCorpus(dir);
  const stard = basename(dir).includes('stard');
  const held = stard && (values.heldout || values.train);
  // --train: the other four fifths (the part tuning may look at)
  const keep = (id: string) => !held || (values.train ? !isHeldOut(id) : isHeldOut(id));
  const queries = loadQueries(dir).filter((q) => keep(q.id));
  const qLines = readFileSync(join(dir, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean).filter((l) => keep((JSON.parse(l) as { id: string }).id));
  const qFile = `/tmp/rank-lab-${basename(dir)}${held ? (values.train ? '-train' : '-heldout') : ''}-questions.jsonl`;
  writeFileSync(qFile, qLines.join('\n') + '\n');
  const gold = new Map(qLines.map((l) => {
    const q = JSON.parse(l) as { id: string; type: string };
    return [q.id, q.type] as const;
  }));
  for (const v of variants) {
    phraseOption.enabled = v.phrases !== false;
    const opts: Partial<RankerOptions> = { ...v.opts };
    if (v.noSynonyms) opts.analyzer = { ...(opts.analyzer ?? {}), synonymGroups: [] };
    if (v.table) opts.analyzer = { ...(opts.analyzer ?? {}), learned: v.table === 'none' ? null : (JSON.parse(readFileSync(v.table, 'utf8')) as LearnedLexicon) };
    if (v.related) opts.analyzer = { ...(opts.analyzer ?? {}), related: v.related.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RelatedLexicon) };
    const index = buildIndex(v.history ? withHistory(dir, rows) : rows, opts);
    let ansNone = 0, nAns = 0, unNone = 0, nUn = 0;
    search(index, '预热'); // first query loads OpenCC/jieba lazily
    const t0 = performance.now();
    const lines = queries.map((q) => {
      const r = search(index, q.question, { limit: 10 });
      const ans = gold.get(q.id) !== 'unanswerable';
      if (ans) { nAns++; if (r.state === 'none') ansNone++; } else { nUn++; if (r.state === 'none') unNone++; }
      return { id: q.id, results: r.results.map((x) => (x.section && x.section !== '全文' ? { doc: x.docId, section: x.section } : { doc: x.docId })), deflected: r.deflected, state: r.state, f: r.features };
    });
    const msPerQuery = (performance.now() - t0) / Math.max(1, queries.length);
    const out = `/tmp/rank-lab-${basename(dir)}-${v.name}.jsonl`;
    writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const m = JSON.parse(execFileSync('node', [join(dir, 'score.mjs'), qFile, out, '--json'], { encoding: 'utf8' })) as Record<string, number | null>;
    console.log(v.name.padEnd(28), basename(dir).padEnd(20), [m.doc_recall_at_5, m.doc_mrr_at_10, m.section_recall_at_5, m.false_deflection_rate, m.answerable_deflection_rate, nAns ? ansNone / nAns : null, nUn ? unNone / nUn : null].map((x) => fmt(x ?? null)).join('  '), `${msPerQuery.toFixed(1)} ms/q`);
  }
}

/** Rows with the four fifths' questions attached to their gold units as 常见问法 (see Variant.history). */
function withHistory(dir: string, rows: SectionInput[]): SectionInput[] {
  const unitAt = unitIndex(rows);
  const asked = new Map<number, { text: string; weight: number }[]>();
  for (const q of loadGoldQuestions(dir, true, isHeldOut)) {
    for (const g of q.gold) {
      const i = g.section ? unitAt(g.doc, g.section) : undefined;
      if (i !== undefined) asked.set(i, [...(asked.get(i) ?? []), { text: q.question, weight: 1 }]);
    }
  }
  return rows.map((r, i) => {
    const a = asked.get(i);
    return a ? { ...r, askedAs: [...(r.askedAs ?? []), ...a] } : r;
  });
}

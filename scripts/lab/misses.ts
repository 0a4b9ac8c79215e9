/**
 * Relevance lab: classify the section-recall misses of the in-memory ranker on a tuning corpus
 * (../shared/corpus or STARD-train's four fifths — never corpus-val or the held-out fifth).
 *
 *   npx tsx scripts/lab/misses.ts --corpus <dir> [--train] [--table <learned.json>] [--opts <json>] [--list]
 *
 * Classes of an answerable question whose gold section is not in the first five:
 *   none        the search said "nothing found"
 *   wrong-doc   no gold document in the first five
 *   wrong-unit  a gold document is there, but another of its units
 * and, across classes, how far the best gold unit is from the top units (neighbour: ±1 or ±2 unit in the
 * same document; same chapter), its rank among all candidates, and its coverage of the question's
 * content words (a vocabulary gap when under 0.5 while the top unit covers more).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildIndex, search, type RankerOptions } from '../../lib/search/relevance/ranker';
import { conceptCoverage } from '../../lib/search/relevance/deflection';
import { analyzeQuery } from '../../lib/search/relevance/analyze';
import type { LearnedLexicon } from '../../lib/search/relevance/lexicon/learned';
import { requireCorpusArg } from '../eval/corpus-arg';
import { isHeldOut } from '../lexicon/split';
import { loadCorpus, loadGoldQuestions, unitIndex } from './corpus';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, train: { type: 'boolean' }, table: { type: 'string' }, opts: { type: 'string' }, list: { type: 'boolean' } } });
const usage = 'npx tsx scripts/lab/misses.ts --corpus <dir> [--train] [--table <json>] [--opts <json>] [--list]';
const dir = requireCorpusArg(values.corpus, '--corpus', usage, ['docs', 'questions.jsonl']);
const opts: Partial<RankerOptions> = values.opts ? (JSON.parse(values.opts) as Partial<RankerOptions>) : {};
if (values.table) opts.analyzer = { ...(opts.analyzer ?? {}), learned: JSON.parse(readFileSync(values.table, 'utf8')) as LearnedLexicon };

const rows = loadCorpus(dir);
const index = buildIndex(rows, opts);
const unitAt = unitIndex(rows);
const qs = loadGoldQuestions(dir, values.train === true, isHeldOut);

const tally = new Map<string, number>();
const bump = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
let n = 0;
for (const q of qs) {
  n++;
  const r = search(index, q.question, { limit: 200 });
  const gold = q.gold.filter((g) => g.section).map((g) => unitAt(g.doc, g.section!)).filter((i): i is number => i !== undefined);
  const resIdx = r.results.map((x) => unitAt(x.docId, x.section) ?? -1);
  const top5 = resIdx.slice(0, 5);
  if (top5.some((i) => gold.includes(i))) {
    bump('hit');
    continue;
  }
  const goldDocs = new Set(q.gold.map((g) => g.doc));
  const cls = r.state === 'none' ? 'none' : r.results.slice(0, 5).some((x) => goldDocs.has(x.docId)) ? 'wrong-unit' : 'wrong-doc';
  bump(`miss:${cls}`);
  const rank = Math.min(...gold.map((g) => { const k = resIdx.indexOf(g); return k < 0 ? 999 : k + 1; }));
  bump(`rank:${rank <= 10 ? '6-10' : rank <= 30 ? '11-30' : rank <= 200 ? '31-200' : '>200'}`);
  const near = (d: number) => gold.some((g) => top5.some((t) => t >= 0 && index.sectionDoc[t] === index.sectionDoc[g] && Math.abs(t - g) <= d));
  if (near(1)) bump('near:±1 of a top-5 unit');
  else if (near(2)) bump('near:±2 of a top-5 unit');
  if (gold.some((g) => top5.some((t) => t >= 0 && index.sectionDoc[t] === index.sectionDoc[g] && (rows[t]!.chapter ?? '') !== '' && rows[t]!.chapter === rows[g]!.chapter))) bump('near:same chapter as a top-5 unit');
  const aq = analyzeQuery(q.question, { ...opts.analyzer, typoVocabulary: index.typo });
  const gCov = Math.max(...gold.map((g) => conceptCoverage(index, aq, g)));
  const tCov = top5[0] !== undefined && top5[0] >= 0 ? conceptCoverage(index, aq, top5[0]) : 0;
  bump(`gap:${gCov < 0.25 ? 'gold cov <0.25' : gCov < 0.5 ? 'gold cov 0.25-0.5' : 'gold cov >=0.5'}${gCov < tCov ? ' (top1 covers more)' : ''}`);
  if (values.list) console.log([q.id, cls, `rank ${rank}`, `cov ${gCov.toFixed(2)}/${tCov.toFixed(2)}`, q.question, '→', r.results.slice(0, 3).map((x) => `${x.docId}:${x.section}`).join(' '), '| gold', q.gold.map((g) => `${g.doc}:${g.section}`).join(' ')].join('\t'));
}
console.log(`${n} answerable questions with gold sections`);
for (const [k, v] of [...tally].sort()) console.log(k.padEnd(44), String(v).padStart(5), (v / n).toFixed(3));

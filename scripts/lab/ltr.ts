/**
 * Relevance lab: learn the re-rank weights (RankerOptions.rerankWeights) by logistic regression over the
 * re-rank candidates of the tuning questions (../shared/corpus and STARD-train's four fifths; never
 * corpus-val or the held-out fifth), with 5-fold cross-validation by question, then fit on all of them.
 *
 *   npx tsx scripts/lab/ltr.ts --corpora ../shared/corpus,../shared/corpus-stard-train [--table <stard table>]
 *        [--l2 0.01] [--opts <json>]
 *
 * Prints section hit@5 inside the re-rank depth for the fixed re-rank and the learned one per fold, and the
 * weights learned on everything (paste them into DEFAULT_RANKER_OPTIONS only if the compare.ts rows agree).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndex, rerankCandidates, type RankerOptions } from '../../lib/search/relevance/ranker';
import type { LearnedLexicon } from '../../lib/search/relevance/lexicon/learned';
import { isHeldOut, fnv1a } from '../lexicon/split';
import { loadCorpus } from './corpus';

const { values } = parseArgs({ options: { corpora: { type: 'string' }, table: { type: 'string' }, l2: { type: 'string' }, opts: { type: 'string' } } });
const l2 = Number(values.l2 ?? '0.01');
const label = (s: string) => s.normalize('NFKC').trim().split(/[\s、:：]/)[0] ?? '';

interface Q { id: string; x: number[][]; y: number[]; fixed: number[] }
const data: Q[] = [];
for (const dir of (values.corpora ?? '').split(',').filter(Boolean)) {
  const stard = basename(dir).includes('stard');
  const opts: Partial<RankerOptions> = values.opts ? (JSON.parse(values.opts) as Partial<RankerOptions>) : {};
  if (stard && values.table) opts.analyzer = { ...(opts.analyzer ?? {}), learned: JSON.parse(readFileSync(values.table, 'utf8')) as LearnedLexicon };
  const rows = loadCorpus(dir);
  const index = buildIndex(rows, opts);
  const at = new Map(rows.map((r, i) => [`${r.docId}\u0000${label(r.section)}`, i]));
  const qs = readFileSync(join(dir, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; question: string; type: string; gold: { doc: string; section?: string }[] })
    .filter((q) => q.type !== 'unanswerable' && q.gold.some((g) => g.section) && (!stard || !isHeldOut(q.id)));
  for (const q of qs) {
    const gold = new Set(q.gold.filter((g) => g.section).map((g) => at.get(`${g.doc}\u0000${label(g.section!)}`)));
    const cands = rerankCandidates(index, q.question);
    const fixed = cands.map(({ x: f }) => ((f[1] as number) + (index.options.docPrior * (f[2] as number))) * (1 - index.options.coverageBoost + index.options.coverageBoost * (f[3] as number)));
    data.push({
      id: `${basename(dir)}/${q.id}`,
      x: cands.map((c, k) => [...c.x, Math.log((fixed[k] as number) + 1e-3)]),
      y: cands.map((c) => (gold.has(c.i) ? 1 : 0)),
      fixed,
    });
  }
  console.log(`${dir}: ${qs.length} questions`);
}
const dim = data[0]?.x[0]?.length ?? 0;

/** Pairwise logistic loss (RankNet): within a question, every gold candidate should outscore every other. */
function fit(train: Q[]): number[] {
  const w = new Array<number>(dim).fill(0);
  const pairs: number[][] = [];
  for (const q of train) {
    q.x.forEach((xp, a) => {
      if (!q.y[a]) return;
      q.x.forEach((xn, b) => {
        if (!q.y[b]) pairs.push(xp.map((v, k) => v - (xn[k] as number)));
      });
    });
  }
  let lr = 0.5;
  for (let epoch = 0; epoch < 800; epoch++) {
    const g = new Array<number>(dim).fill(0);
    for (const d of pairs) {
      let z = 0;
      for (let k = 0; k < dim; k++) z += (w[k] as number) * (d[k] as number);
      const p = 1 / (1 + Math.exp(-z));
      for (let k = 0; k < dim; k++) g[k] = (g[k] as number) + (p - 1) * (d[k] as number);
    }
    for (let k = 0; k < dim; k++) w[k] = (w[k] as number) - lr * ((g[k] as number) / Math.max(1, pairs.length) + l2 * (w[k] as number));
    if (epoch === 400) lr = 0.2;
  }
  return w;
}

function hit5(q: Q, score: (x: number[], k: number) => number): number {
  const order = q.x.map((x, k) => ({ k, s: score(x, k) })).sort((a, b) => b.s - a.s || a.k - b.k);
  return order.slice(0, 5).some((o) => q.y[o.k]) ? 1 : 0;
}

const folds = 5;
let fixedHits = 0;
let learnedHits = 0;
const perCorpus = new Map<string, [number, number, number]>();
for (let f = 0; f < folds; f++) {
  const test = data.filter((q) => fnv1a(`cv${q.id}`) % folds === f);
  const train = data.filter((q) => fnv1a(`cv${q.id}`) % folds !== f);
  const w = fit(train);
  for (const q of test) {
    const a = hit5(q, (_x, k) => q.fixed[k] as number);
    const b = hit5(q, (x) => x.reduce((s, v, k) => s + v * (w[k] as number), 0));
    fixedHits += a;
    learnedHits += b;
    const c = q.id.split('/')[0]!;
    const t = perCorpus.get(c) ?? [0, 0, 0];
    perCorpus.set(c, [t[0] + 1, t[1] + a, t[2] + b]);
  }
}
console.log(`CV section hit@5 within the re-rank depth: fixed ${(fixedHits / data.length).toFixed(4)}, learned ${(learnedHits / data.length).toFixed(4)} (${data.length} questions)`);
for (const [c, [n, a, b]] of perCorpus) console.log(`  ${c}: fixed ${(a / n).toFixed(4)}, learned ${(b / n).toFixed(4)} (${n})`);
console.log('weights on all:', JSON.stringify(fit(data).map((v) => Number(v.toFixed(3)))));

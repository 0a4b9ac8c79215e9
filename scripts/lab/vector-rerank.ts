/**
 * Relevance lab (ADR 0017 round 4): would a dense signal from the general word vectors re-order the re-rank
 * candidates better? Unit and question are each an IDF-weighted mean of their words' vectors; candidate score
 * = fixed re-rank score × (1 + λ·max(0, cosine)). Prints section hit@5 inside the re-rank depth per λ on the
 * tuning questions (../shared/corpus, STARD-train's four fifths; never corpus-val or the held-out fifth).
 *
 *   npx tsx scripts/lab/vector-rerank.ts --corpora ../shared/corpus,../shared/corpus-stard-train
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { contentWords, resolveGroups } from '../../lib/search/relevance/analyze';
import { normalizeText } from '../../lib/search/relevance/normalize';
import { buildIndex, rerankCandidates } from '../../lib/search/relevance/ranker';
import { getJieba } from '../../lib/search/relevance/tokenize';
import { isHeldOut } from '../lexicon/split';
import { loadVectors } from '../lexicon/word-vectors';
import { loadCorpus } from './corpus';

const { values } = parseArgs({ options: { corpora: { type: 'string' } } });
const v = loadVectors();
const label = (s: string) => s.normalize('NFKC').trim().split(/[\s、:：]/)[0] ?? '';
const lambdas = [0, 0.1, 0.2, 0.3, 0.5, 1, 2];

function embed(words: string[], idf: (w: string) => number): Float32Array {
  const e = new Float32Array(v.dim);
  for (const w of words) {
    const i = v.index.get(w);
    if (i === undefined) continue;
    const g = idf(w);
    for (let d = 0; d < v.dim; d++) e[d]! += g * v.vecs[i * v.dim + d]!;
  }
  const n = Math.hypot(...e) || 1;
  return e.map((x) => x / n);
}
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, d) => s + x * b[d]!, 0);

for (const dir of (values.corpora ?? '').split(',').filter(Boolean)) {
  const stard = basename(dir).includes('stard');
  const rows = loadCorpus(dir);
  const index = buildIndex(rows, {});
  const groups = resolveGroups();
  const unitWords = rows.map((r) => getJieba().cut(normalizeText(`${r.heading ?? ''} ${r.text}`), false).filter((w) => /^[\u3400-\u9fff]{2,}$/.test(w)));
  const df = new Map<string, number>();
  for (const ws of unitWords) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((rows.length + 1) / ((df.get(w) ?? 0) + 1));
  const unitVec = unitWords.map((ws) => embed(ws, idf));
  const at = new Map(rows.map((r, i) => [`${r.docId}\u0000${label(r.section)}`, i]));
  const qs = readFileSync(join(dir, 'questions.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; question: string; type: string; gold: { doc: string; section?: string }[] })
    .filter((q) => q.type !== 'unanswerable' && q.gold.some((g) => g.section) && (!stard || !isHeldOut(q.id)));
  const hits = lambdas.map(() => 0);
  for (const q of qs) {
    const gold = new Set(q.gold.filter((g) => g.section).map((g) => at.get(`${g.doc}\u0000${label(g.section!)}`)));
    const o = index.options;
    const cands = rerankCandidates(index, q.question);
    const fixed = cands.map(({ x: f }) => ((f[1] as number) + o.docPrior * (f[2] as number)) * (1 - o.coverageBoost + o.coverageBoost * (f[3] as number)));
    const qv = embed(contentWords(normalizeText(q.question), groups), idf);
    const cos = cands.map((c) => Math.max(0, dot(qv, unitVec[c.i]!)));
    lambdas.forEach((lam, li) => {
      const order = cands.map((c, k) => ({ i: c.i, s: fixed[k]! * (1 + lam * cos[k]!) })).sort((a, b) => b.s - a.s);
      if (order.slice(0, 5).some((x) => gold.has(x.i))) hits[li]!++;
    });
  }
  console.log(`${basename(dir)} (${qs.length} questions) hit@5 in re-rank depth:`, lambdas.map((l, li) => `λ ${l}: ${(hits[li]! / qs.length).toFixed(4)}`).join(', '));
}

/**
 * Parameter sweep / diagnostics (lab only). Gold labels are read here ONLY to compute metrics,
 * mirroring score.mjs; ranking code never sees them.
 *   npx tsx scripts/lab/sweep.ts <corpusDir> <experiment>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../../lib/search/relevance/normalize';
import { buildIndex, search, type RankerOptions, type SearchResponse } from '../../lib/search/relevance/ranker';
import { requireCorpusArg } from '../eval/corpus-arg';
import { loadCorpus } from './corpus';

interface Q { id: string; question: string; gold: { doc: string; section?: string }[]; type: string }

export function loadGold(dir: string): Q[] {
  return readFileSync(join(dir, 'questions.jsonl'), 'utf8').split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as Q);
}

/** half A/B like eval.ts writeSplit */
export function splitOf(qs: Q[]): Map<string, 0 | 1> {
  const docs = [...new Set(qs.flatMap((q) => q.gold.map((g) => g.doc)))].sort();
  const half = new Map(docs.map((d, i) => [d, (i % 2) as 0 | 1]));
  return new Map(qs.map((q, i) => [q.id, q.gold.length ? half.get(q.gold[0]!.doc)! : ((i % 2) as 0 | 1)]));
}

export function metrics(qs: Q[], res: Map<string, SearchResponse>, deflect?: (r: SearchResponse) => boolean) {
  let nA = 0, r1 = 0, r5 = 0, mrr = 0, nS = 0, s5 = 0, nU = 0, fd = 0, ad = 0;
  for (const q of qs) {
    const r = res.get(q.id)!;
    const d = deflect ? deflect(r) : r.deflected;
    if (q.type === 'unanswerable') { nU++; if (d) fd++; continue; }
    nA++; if (d) ad++;
    const gd = new Set(q.gold.map((g) => g.doc));
    const gs = new Set(q.gold.filter((g) => g.section).map((g) => `${g.doc}|${g.section}`));
    const rank = r.results.findIndex((x) => gd.has(x.docId)) + 1;
    if (rank === 1) r1++;
    if (rank >= 1 && rank <= 5) r5++;
    if (rank >= 1 && rank <= 10) mrr += 1 / rank;
    if (gs.size) { nS++; if (r.results.slice(0, 5).some((x) => gs.has(`${x.docId}|${normalizeText(x.section)}`))) s5++; }
  }
  return { r1: r1 / nA, r5: r5 / nA, mrr: mrr / nA, s5: s5 / nS, fd: nU ? fd / nU : 0, ad: ad / nA };
}

export function runAll(dir: string, opts: Partial<RankerOptions>, qs: Q[]) {
  const index = buildIndex(loadCorpus(dir), opts);
  return new Map(qs.map((q) => [q.id, search(index, q.question, { limit: 10 })]));
}

const f = (x: number) => x.toFixed(3);
export function fmt(m: ReturnType<typeof metrics>) {
  return `r@1 ${f(m.r1)} r@5 ${f(m.r5)} mrr ${f(m.mrr)} sec@5 ${f(m.s5)} FD ${f(m.fd)} AD ${f(m.ad)}`;
}

function main() {
  const dir = requireCorpusArg(process.argv[2], '<corpusDir>', 'npx tsx scripts/lab/sweep.ts <corpusDir with docs/ and questions.jsonl> [experiment] [ranker options json]');
  const exp = process.argv[3] ?? 'grid';
  const extra = process.argv[4] ? (JSON.parse(process.argv[4]) as Partial<RankerOptions>) : {};
  const qs = loadGold(dir);
  const split = splitOf(qs);
  const A = qs.filter((q) => split.get(q.id) === 0);
  const B = qs.filter((q) => split.get(q.id) === 1);
  if (exp === 'diag') {
    const res = runAll(dir, extra, qs);
    for (const q of qs) {
      const r = res.get(q.id)!;
      const gs = new Set(q.gold.map((g) => `${g.doc}|${g.section ?? ''}`));
      const top = r.results.slice(0, 5).map((x) => `${x.docId.slice(0, 14)}:${x.section}${gs.has(`${x.docId}|${x.section}`) ? '*' : ''}`).join(' ');
      const ft = r.features;
      console.log(`${q.id} ${q.type.slice(0, 3)} D=${r.deflected ? 1 : 0} c=${f(r.confidence)} cov=${f(ft?.coverage ?? 0)} str=${f(ft?.strength ?? 0)} mar=${f(ft?.margin ?? 0)} miss=${ft?.missing.join(',')} | ${q.question} | ${top} | gold ${[...gs].join(',')}`);
    }
    console.log('ALL', fmt(metrics(qs, res)));
    return;
  }
  if (exp === 'calib') {
    // deflection calibration: choose on half A (FD ≤ 0.05 there), report on B and ALL
    const res = runAll(dir, extra, qs);
    const best: { key: string; ad: number; rule: (r: SearchResponse) => boolean }[] = [];
    for (const wc of [1, 0.8, 0.7, 0.6, 0.5]) for (const wm of [0, 0.1, 0.2]) {
      const ws = Math.max(0, 1 - wc - wm);
      for (let th = 0.3; th <= 0.9; th += 0.02) for (const mc of [0, 0.3, 0.4, 0.5, 0.6]) {
        const rule = (r: SearchResponse) => {
          const ft = r.features;
          if (!ft) return false;
          return wc * ft.coverage + ws * ft.strength + wm * Math.min(1, ft.margin) >= th && ft.coverage >= mc;
        };
        const mA = metrics(A, res, rule);
        if (mA.fd <= 0.05) best.push({ key: `wc=${wc} ws=${ws.toFixed(1)} wm=${wm} th=${th.toFixed(2)} minCov=${mc}`, ad: mA.ad, rule });
      }
    }
    best.sort((a, b) => b.ad - a.ad);
    for (const b of best.slice(0, 8)) console.log(b.key, '\n  A  ', fmt(metrics(A, res, b.rule)), '\n  B  ', fmt(metrics(B, res, b.rule)), '\n  ALL', fmt(metrics(qs, res, b.rule)));
    return;
  }
  if (exp === 'thresh') {
    const res = runAll(dir, extra, qs);
    for (const wc of [0.6, 0.7]) for (let th = 0.56; th <= 0.76; th += 0.02) {
      const rule = (r: SearchResponse) => !!r.features && wc * r.features.coverage + (1 - wc) * r.features.strength >= th;
      console.log(`wc=${wc} th=${th.toFixed(2)}  ALL ${fmt(metrics(qs, res, rule)).slice(-16)}  A ${fmt(metrics(A, res, rule)).slice(-16)}  B ${fmt(metrics(B, res, rule)).slice(-16)}`);
    }
    return;
  }
  const grid = JSON.parse(exp) as Partial<RankerOptions>[];
  for (const g of grid) {
    const o = { ...extra, ...g };
    const res = runAll(dir, o, qs);
    console.log(JSON.stringify(g), '\n  ALL', fmt(metrics(qs, res)), '\n  A  ', fmt(metrics(A, res)), '\n  B  ', fmt(metrics(B, res)));
  }
}
if (process.argv[1]?.endsWith('sweep.ts')) main();

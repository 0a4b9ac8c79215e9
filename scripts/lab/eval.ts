/**
 * Relevance lab: run the pipeline over a corpus directory, write results.jsonl in the scorer format,
 * then score with the corpus' own score.mjs. Ranking never reads gold labels; only the scorer (and the
 * --split partition, which only decides which questions go into which scoring file) does.
 *
 *   npx tsx scripts/lab/eval.ts <corpusDir> [--mode full|baseline] [--out results.jsonl]   (corpusDir required)
 *        [--opts '{"k1":1.2,...}'] [--split] [--verbose]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, search, type RankerOptions } from '../../lib/search/relevance/ranker';
import { baselineSearcher } from './baseline';
import { requireCorpusArg } from '../eval/corpus-arg';
import { loadCorpus, loadQueries } from './corpus';

export interface ResultLine {
  id: string;
  results: { doc: string; section?: string }[];
  deflected: boolean;
  confidence?: number;
}

export function runPipeline(dir: string, mode: 'full' | 'baseline', opts: Partial<RankerOptions> = {}): { lines: ResultLine[]; buildMs: number; queryMs: number } {
  const rows = loadCorpus(dir);
  const queries = loadQueries(dir);
  const t0 = performance.now();
  if (mode === 'baseline') {
    const s = baselineSearcher(rows);
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    const lines = queries.map((q) => {
      const res = s(q.question);
      return { id: q.id, results: res.map((r) => (r.section ? { doc: r.docId, section: r.section } : { doc: r.docId })), deflected: res.length > 0 };
    });
    return { lines, buildMs, queryMs: (performance.now() - t1) / queries.length };
  }
  const index = buildIndex(rows, opts);
  const buildMs = performance.now() - t0;
  search(index, 'warm up 预热'); // first query loads OpenCC/jieba lazily
  const t1 = performance.now();
  const lines = queries.map((q) => {
    const r = search(index, q.question, { limit: 10 });
    return {
      id: q.id,
      results: r.results.map((x) => (x.section ? { doc: x.docId, section: x.section } : { doc: x.docId })),
      deflected: r.deflected,
      confidence: Number(r.confidence.toFixed(4)),
    };
  });
  return { lines, buildMs, queryMs: (performance.now() - t1) / queries.length };
}

export type Metrics = Record<string, number | null>;

export function score(dir: string, resultsPath: string, questionsPath = join(dir, 'questions.jsonl'), extra: string[] = []): string {
  return execFileSync('node', [join(dir, 'score.mjs'), questionsPath, resultsPath, ...extra], { encoding: 'utf8' });
}

/** Deterministic split: docs sorted by id alternate into halves A/B; an answerable question goes to the
 * half of its first gold doc; unanswerable questions alternate by id. Used for scoring files only. */
export function writeSplit(dir: string, outPrefix: string): [string, string] {
  const qs = readFileSync(join(dir, 'questions.jsonl'), 'utf8').split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; gold: { doc: string }[]; type: string });
  const docs = [...new Set(qs.flatMap((q) => q.gold.map((g) => g.doc)))].sort();
  const half = new Map(docs.map((d, i) => [d, i % 2]));
  const parts: string[][] = [[], []];
  qs.forEach((q, i) => {
    const h = q.gold.length ? half.get(q.gold[0]!.doc)! : i % 2;
    parts[h]!.push(JSON.stringify(q));
  });
  const a = `${outPrefix}-A.jsonl`;
  const b = `${outPrefix}-B.jsonl`;
  writeFileSync(a, parts[0]!.join('\n') + '\n');
  writeFileSync(b, parts[1]!.join('\n') + '\n');
  return [a, b];
}

function main(): void {
  const args = process.argv.slice(2);
  const dir = requireCorpusArg(args.find((a) => !a.startsWith('--') && !a.startsWith('{')), '<corpusDir>', 'npx tsx scripts/lab/eval.ts <corpusDir with docs/, questions.jsonl and score.mjs> [--mode full|baseline] [--out results.jsonl]', ['docs', 'questions.jsonl', 'score.mjs']);
  const get = (k: string) => {
    const i = args.indexOf(k);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const mode = (get('--mode') ?? 'full') as 'full' | 'baseline';
  const out = get('--out') ?? `/tmp/relevance-${mode}.jsonl`;
  const opts = get('--opts') ? (JSON.parse(get('--opts')!) as Partial<RankerOptions>) : {};
  const { lines, buildMs, queryMs } = runPipeline(dir, mode, opts);
  writeFileSync(out, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  console.log(`mode=${mode} index build ${buildMs.toFixed(0)} ms, ${queryMs.toFixed(2)} ms/query → ${out}\n`);
  console.log(score(dir, out, undefined, args.includes('--verbose') ? ['--verbose'] : []));
  if (args.includes('--split')) {
    const [a, b] = writeSplit(dir, '/tmp/relevance-split');
    console.log('--- split A'); console.log(score(dir, out, a));
    console.log('--- split B'); console.log(score(dir, out, b));
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();

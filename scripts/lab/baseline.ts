/** README reference baseline: plain character-bigram BM25 over units, no normalisation, no tuning. */
import type { SectionInput } from '../../lib/search/relevance/ranker';

function bigrams(s: string): string[] {
  const out: string[] = [];
  const t = s.replace(/\s+/g, '');
  for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
  return out;
}

export function baselineSearcher(rows: SectionInput[], k1 = 1.2, b = 0.75) {
  const tfs = rows.map((r) => {
    const m = new Map<string, number>();
    for (const g of bigrams(r.text)) m.set(g, (m.get(g) ?? 0) + 1);
    return m;
  });
  const lens = rows.map((r) => bigrams(r.text).length);
  const avg = lens.reduce((a, x) => a + x, 0) / lens.length;
  const df = new Map<string, number>();
  for (const m of tfs) for (const g of m.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const n = rows.length;
  return (q: string, limit = 10) => {
    const qs = [...new Set(bigrams(q))];
    const scored = rows.map((r, i) => {
      let s = 0;
      for (const g of qs) {
        const tf = tfs[i]!.get(g) ?? 0;
        if (!tf) continue;
        const d = df.get(g)!;
        s += Math.log(1 + (n - d + 0.5) / (d + 0.5)) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lens[i]!) / avg)));
      }
      return { r, s };
    });
    return scored.filter((x) => x.s > 0).sort((a, c) => c.s - a.s).slice(0, limit).map((x) => x.r);
  };
}

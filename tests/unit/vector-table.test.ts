import { describe, expect, it } from 'vitest';
import { analyzeQuery, type RelatedLexicon } from '../../lib/search/relevance/analyze';
import { borrowEntries, eligibleRows, nearestAmong, selectEntries } from '../../scripts/lexicon/vector-table';
import type { WordVectors } from '../../scripts/lexicon/word-vectors';

/** A tiny vector set: rows are normalised like loadVectors does. */
function vectors(rows: [string, number[]][]): WordVectors {
  const dim = rows[0]![1].length;
  const vecs = new Float32Array(rows.length * dim);
  rows.forEach(([, x], i) => {
    const n = Math.hypot(...x);
    x.forEach((y, d) => (vecs[i * dim + d] = y / n));
  });
  return { words: rows.map(([w]) => w), dim, vecs, index: new Map(rows.map(([w], i) => [w, i])) };
}

const v = vectors([
  ['工资', [1, 0.1, 0]],
  ['薪水', [1, 0.15, 0]],
  ['最低工资', [1, 0.12, 0.02]],
  ['a', [1, 0, 0]],
  ['薪酬', [1, 0.3, 0]],
  ['房东', [0, 1, 0]],
  ['太太', [0.1, 1, 0.5]],
  ['房客', [0, 1, 0.1]],
  ['租户', [0, 1, 0.12]],
  ['月', [0, 0, 1]],
]);

describe('vector table procedure', () => {
  it('takes the most frequent CJK words of two or more characters', () => {
    expect([...eligibleRows(v, 4)].map((r) => v.words[r])).toEqual(['工资', '薪水', '最低工资', '薪酬']);
    expect(eligibleRows(v, 100)).toHaveLength(8);
  });

  it('finds the k nearest words above the cosine floor, best first', () => {
    const lists = nearestAmong(v, eligibleRows(v, 100), 2, 0.9);
    expect(lists['工资']!.map(([w]) => w)).toEqual(['最低工资', '薪水']);
    expect(lists['房东']!.map(([w]) => w)).toEqual(['房客', '租户']);
    expect(lists['工资']![0]![1]).toBeGreaterThan(lists['工资']![1]![1]);
  });

  it('drops terms that contain or are contained in their key', () => {
    const lists = nearestAmong(v, eligibleRows(v, 100), 2, 0.9);
    const entries = selectEntries(lists, { k: 2, minCos: 0.9, mutual: false, noContain: true });
    expect(entries['工资']!.map(([w]) => w)).toEqual(['薪水']);
    expect(entries['最低工资']!.map(([w]) => w)).not.toContain('工资');
  });

  it('keeps only mutual nearest neighbours when asked', () => {
    // 太太 has 房客 among its nearest, but 房客's nearest are 租户 and 房东
    const lists = nearestAmong(v, eligibleRows(v, 100), 2, 0.5);
    expect(lists['太太']!.map(([w]) => w)).toContain('房客');
    const plain = selectEntries(lists, { k: 2, minCos: 0.5, mutual: false, noContain: true });
    const mutual = selectEntries(lists, { k: 2, minCos: 0.5, mutual: true, noContain: true });
    expect(plain['太太']!.map(([w]) => w)).toContain('房客');
    expect(mutual['太太']).toBeUndefined();
    expect(mutual['房客']!.map(([w]) => w)).toContain('租户');
  });

  it('applies the key filter and rounds weights to the cosine', () => {
    const lists = nearestAmong(v, eligibleRows(v, 100), 3, 0.5);
    const entries = selectEntries(lists, { k: 3, minCos: 0.5, mutual: false, noContain: true }, (w) => w !== '房东');
    expect(entries['房东']).toBeUndefined();
    for (const list of Object.values(entries)) for (const [, s] of list) expect(Math.round(s * 1000) / 1000).toBe(s);
  });
});

describe('smoothing a learned table with vectors', () => {
  it('lends the nearest key\'s entries, times the cosine, to words the table lacks', () => {
    const learned: Record<string, [string, number][]> = { 工资: [['劳动报酬', 1], ['薪水', 0.5]], 房东: [['出租人', 1]] };
    const borrowed = borrowEntries(v, eligibleRows(v, 100), learned, 0.9);
    expect(borrowed['工资']).toBeUndefined();
    expect(borrowed['薪酬']![0]![0]).toBe('劳动报酬');
    expect(borrowed['薪酬']![0]![1]).toBeLessThan(1);
    // 薪水 is contained in nothing but is itself a term of its nearest key: kept; 房客 borrows from 房东
    expect(borrowed['房客']).toEqual([['出租人', expect.any(Number)]]);
    expect(borrowed['月']).toBeUndefined();
  });
});

describe('related tables in the analyzer', () => {
  const table: RelatedLexicon = { name: 'vectors', weight: 0.5, entries: { 薪水: [['劳动报酬', 0.8]] } };
  it('expands a query word by its weighted related terms', () => {
    const aq = analyzeQuery('薪水迟发', { related: [table], learned: null, synonymGroups: [] });
    expect(aq.learned).toEqual([{ term: '劳动报酬', from: '薪水', weight: 0.4, source: 'vectors', inCoverage: false }]);
  });
});

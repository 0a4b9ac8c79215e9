import { describe, expect, it } from 'vitest';
import { eligibleRows, nearestAmong, selectEntries } from '../../scripts/lexicon/vector-table';
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

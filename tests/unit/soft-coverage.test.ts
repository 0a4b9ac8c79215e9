import { describe, expect, it } from 'vitest';
import { conceptCoverage } from '../../lib/search/relevance/deflection';
import { buildIndex, search, type SectionInput } from '../../lib/search/relevance/ranker';
import { centroidSimilarity, nearestInUnit, softAlternatives, softCredit, type WordVectorTable } from '../../lib/search/relevance/soft-coverage';

// A tiny hand-made vector space: 辞退 and 解雇 point almost the same way, 食堂 elsewhere.
function table(rows: Record<string, number[]>): WordVectorTable {
  const words = Object.keys(rows);
  const dim = rows[words[0]!]!.length;
  const vecs = new Float32Array(words.length * dim);
  words.forEach((w, i) => {
    const v = rows[w]!;
    const n = Math.hypot(...v);
    v.forEach((x, d) => (vecs[i * dim + d] = x / n));
  });
  return { dim, vecs, index: new Map(words.map((w, i) => [w, i])) };
}

const vectors = table({
  辞退: [1, 0.1, 0],
  解雇: [1, 0, 0],
  员工: [0, 1, 0],
  食堂: [0, 0, 1],
  规定: [0.3, 0.3, 0.9],
});

const row = (section: string, text: string): SectionInput => ({
  docId: 'hr', docTitle: '人事管理办法', line: '人事', owner: '人事部', section, heading: section, chapter: null, text,
});

// Both units share 员工 and 规定 with the question; only the second one's topic (解雇) is close to 辞退.
// The first is shorter and repeats 员工, so plain BM25 puts it first.
const rows = [
  row('第一条', '员工食堂规定：员工用餐。'),
  row('第二条', '单位解雇员工，应当依照本规定提前三十日书面通知员工本人，并说明理由和依据。'),
];
const question = '员工被辞退有什么规定';
const opts = { analyzer: { learned: null, synonymGroups: [] } };

describe('soft coverage (word vectors in the re-rank)', () => {
  it('finds the nearest word of a unit by cosine', () => {
    const index = buildIndex(rows, opts);
    expect(nearestInUnit(index, 1, '辞退', vectors)).toBeGreaterThan(0.99);
    expect(nearestInUnit(index, 0, '辞退', vectors)).toBeLessThan(0.5);
    expect(nearestInUnit(index, 1, '没有向量', vectors)).toBe(0);
  });

  it('credits a missing word only above the threshold', () => {
    const index = buildIndex(rows, opts);
    const k = { term: '辞退', alternatives: ['辞退'] };
    expect(softCredit(index, 1, k, { weight: 0.8, minCos: 0.6, vectors })).toBeCloseTo(0.8 * nearestInUnit(index, 1, '辞退', vectors));
    expect(softCredit(index, 0, k, { weight: 0.8, minCos: 0.6, vectors })).toBe(0);
  });

  it('moves the unit that says 解雇 above the one that only shares the other words', () => {
    const plain = search(buildIndex(rows, opts), question);
    expect(plain.results[0]!.section).toBe('第一条');
    const soft = search(buildIndex(rows, { ...opts, softCoverage: { weight: 0.8, minCos: 0.6, vectors } }), question);
    expect(soft.results[0]!.section).toBe('第二条');
  });

  it('leaves deflection on exact coverage', () => {
    const index = buildIndex(rows, { ...opts, softCoverage: { weight: 0.8, minCos: 0.6, vectors } });
    const soft = search(index, question);
    expect(soft.features?.missing).toContain('辞退');
    expect(soft.features?.coverage).toBeCloseTo(conceptCoverage(index, soft.query, 1));
    expect(soft.features?.coverage).toBeLessThan(1);
  });

  it('centroid similarity ranks the unit about dismissal closer to the question', () => {
    const index = buildIndex(rows, opts);
    const concepts = search(index, question).query.concepts;
    const sim = (id: number) => centroidSimilarity(index, id, concepts, vectors, () => 1)!;
    expect(sim(1)).toBeGreaterThan(sim(0));
    const boosted = search(buildIndex(rows, { ...opts, softCoverage: { weight: 0, minCos: 1, vectors, centroidBoost: 2 } }), question);
    expect(boosted.results[0]!.section).toBe('第二条');
  });

  it('names the unit words that stand in for a missing word in the proximity step', () => {
    const index = buildIndex(rows, opts);
    const k = { term: '辞退', alternatives: ['辞退'] };
    const o = { weight: 0.8, minCos: 0.6, vectors };
    expect(softAlternatives(index, 1, k, o)).toEqual(['解雇']);
    expect(softAlternatives(index, 0, k, o)).toEqual([]);
    // a unit that has the word itself needs no stand-in
    expect(softAlternatives(index, 1, { term: '员工', alternatives: ['员工'] }, o)).toEqual([]);
  });
});

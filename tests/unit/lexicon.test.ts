import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../lib/search/relevance/analyze';
import { GENERAL_LEXICON, GENERAL_LEXICON_GROUPS } from '../../lib/search/relevance/lexicon/general';
import { articleWords, countCooccurrence, documentExpansions, invertEntries, model1Counts, questionWords, selectEntries } from '../../lib/search/relevance/lexicon/learn';
import { DEFAULT_LEARNED_LEXICON, learnedExpansionsFor } from '../../lib/search/relevance/lexicon/learned';
import { LEGACY_DEV_SYNONYM_GROUPS } from '../../lib/search/relevance/lexicon/legacy-dev';
import { DEFAULT_SYNONYM_GROUPS } from '../../lib/search/relevance/synonyms';

describe('general lexicon', () => {
  it('is the default synonym list; the dev-written list is not used', () => {
    expect(DEFAULT_SYNONYM_GROUPS).toBe(GENERAL_LEXICON_GROUPS);
    expect(DEFAULT_SYNONYM_GROUPS).not.toContain(LEGACY_DEV_SYNONYM_GROUPS[0]);
    // answer-specific legacy terms (figures, question phrases) are not in the defaults
    const terms = new Set(DEFAULT_SYNONYM_GROUPS.flat());
    for (const t of ['21.75', '5000元', '跨1个年度', '传到国外', '签同意书']) expect(terms.has(t), t).toBe(false);
  });

  it('has a Chinese formal head, at least two distinct terms and no figures in every concept', () => {
    for (const c of GENERAL_LEXICON) {
      expect(c.terms[0], c.terms.join(',')).toMatch(/^[\u3400-\u9fff]/);
      expect(new Set(c.terms).size, c.terms.join(',')).toBe(c.terms.length);
      expect(c.terms.length).toBeGreaterThanOrEqual(2);
      // amounts and standards belong in policies, not in the lexicon (only the n+1 / 2n shorthands)
      for (const t of c.terms) if (!['n+1', '2n'].includes(t)) expect(t, t).not.toMatch(/\d/);
    }
  });

  it('maps everyday words to the formal term', () => {
    expect(analyzeQuery('打官司要请律师吗', { learned: null }).expansions.map((e) => e.term)).toContain('诉讼');
    expect(analyzeQuery('房东不退押金', { learned: null }).expansions.map((e) => e.term)).toContain('出租人');
  });
});

describe('learning everyday → formal associations', () => {
  // three questions about borrowing whose articles say 借款 / 出借人; one unrelated question
  const bg = (w: string) => ({ 借款: 0.01, 出借人: 0.005, 当事人: 0.5, 利息: 0.02 })[w] ?? 0.001;
  const pairs = [
    { qWords: ['借钱', '不还'], aWords: new Set(['借款', '出借人', '当事人']) },
    { qWords: ['借钱', '借钱', '利息'], aWords: new Set(['借款', '利息', '当事人']) },
    { qWords: ['借钱'], aWords: new Set(['借款', '当事人']) },
    { qWords: ['离婚'], aWords: new Set(['夫妻', '当事人']) },
  ];
  const counts = countCooccurrence(pairs, bg);

  it('counts a word once per question', () => {
    expect(counts.nq.get('借钱')).toBe(3);
    expect(counts.nqa.get('借钱')?.get('借款')).toBe(3);
    expect(counts.nqa.get('借钱')?.get('出借人')).toBe(1);
  });

  it('keeps only associations above every threshold, best first, weights relative to the best', () => {
    const e = selectEntries(counts, { minCount: 2, minProb: 0.5, minLift: 5, topK: 3, weight: 0.4 });
    // 出借人 seen once (< minCount); 当事人 is everywhere (lift 2 < 5); 离婚 seen once
    expect(e).toEqual({ 借钱: [['借款', 1]] });
    const loose = selectEntries(counts, { minCount: 1, minProb: 0.3, minLift: 5, topK: 1, weight: 0.4 });
    expect(loose['借钱']).toEqual([['借款', 1]]);
    expect(loose['离婚']).toEqual([['夫妻', 1]]);
  });

  it('can restrict learning to everyday words (rare in the articles)', () => {
    const c = countCooccurrence(pairs, (w) => ({ 借钱: 0.0001, 离婚: 0.05 })[w] ?? bg(w));
    const e = selectEntries(c, { minCount: 1, minProb: 0.3, minLift: 5, topK: 1, weight: 0.4, maxQShare: 0.01 });
    // 离婚 (5 %) and 利息 (2 %) are too common in the articles; 借钱 and 不还 are everyday words
    expect(Object.keys(e)).toEqual(['不还', '借钱']);
  });

  it('with minDocs 2 keeps only pairs supported by two different documents', () => {
    const one = { qWords: ['欠钱'], aWords: new Set(['借款人']), doc: 'law-a' };
    const other = { qWords: ['欠钱'], aWords: new Set(['借款人', '担保人']), doc: 'law-b' };
    const c = countCooccurrence([one, one, other, { ...other, aWords: new Set(['担保人']), doc: 'law-b' }], () => 0.001);
    const p = { minCount: 2, minProb: 0.3, minLift: 5, topK: 3, weight: 0.4 };
    expect(selectEntries(c, p)['欠钱']?.map(([a]) => a).sort()).toEqual(['借款人', '担保人']);
    // 担保人 co-occurs twice, but only in law-b
    expect(selectEntries(c, { ...p, minDocs: 2 })['欠钱']?.map(([a]) => a)).toEqual(['借款人']);
  });

  it('never pairs a word with a word that contains it', () => {
    const c = countCooccurrence([{ qWords: ['继承'], aWords: new Set(['继承人']) }, { qWords: ['继承'], aWords: new Set(['继承人']) }], () => 0.001);
    expect(selectEntries(c, { minCount: 1, minProb: 0, minLift: 0, topK: 5, weight: 0.4 })).toEqual({});
  });

  it('shrinks the probability of words seen in few questions', () => {
    const p = { minCount: 1, minProb: 0.5, minLift: 5, topK: 1, weight: 0.4 };
    // words seen in one question (不还, 利息, 离婚) have p = 1 without shrinkage, 1/3 with shrink 2;
    // 借钱 → 借款 (3 of 3 questions) becomes 3/5 and stays above 0.5
    expect(Object.keys(selectEntries(counts, p)).sort()).toEqual(['不还', '借钱', '利息', '离婚'].sort());
    expect(selectEntries(counts, { ...p, shrink: 2 })).toEqual({ 借钱: [['借款', 1]] });
  });

  it('lets everyday words (rare in the articles) learn from one question, others need minCount', () => {
    const p = { minCount: 2, minProb: 0.3, minLift: 5, topK: 1, weight: 0.4, shrink: 1 };
    expect(selectEntries(counts, p)).toEqual({ 借钱: [['借款', 1]] });
    // 不还 and 离婚 are in no article (background 0.001 ≤ 0.002): one question is enough, p = 1/2;
    // 利息 (2 % of the units) still needs two
    const rare = selectEntries(counts, { ...p, rareShare: 0.002 });
    expect(Object.keys(rare).sort()).toEqual(['不还', '借钱', '离婚'].sort());
    expect(selectEntries(counts, { ...p, rareShare: 0 })).toEqual({ 借钱: [['借款', 1]] });
  });

  it('IBM Model 1: a word the article contains explains itself; the everyday word aligns to the formal one', () => {
    // 利息 is in its article, so it is not aligned to 借款; 借钱 never is, so it aligns to 借款 (in all three)
    const m = model1Counts(pairs, bg, { iterations: 10, nullWeight: 1 });
    expect(m.nq.get('借钱')).toBe(3);
    const row = m.nqa.get('借钱')!;
    const best = [...row].sort((a, b) => b[1] - a[1])[0]!;
    expect(best[0]).toBe('借款');
    expect(best[1]).toBeGreaterThan(1);
    expect(best[1]).toBeLessThanOrEqual(3);
    expect(m.nqa.get('利息')?.get('利息')).toBeGreaterThan(0.5);
    // expected counts of one word never exceed its occurrences
    for (const [q, r] of m.nqa) expect([...r.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(m.nq.get(q)! + 1e-9);
    const e = selectEntries(m, { minCount: 1, minProb: 0.3, minLift: 0, topK: 1, weight: 0.5, rankBy: 'prob' });
    expect(e['借钱']).toEqual([['借款', 1]]);
  });

  it('IBM Model 1 smoothing keeps a word seen once from absorbing the question', () => {
    const once = [
      { qWords: ['房东'], aWords: new Set(['出租人', '罕见词']) },
      { qWords: ['房东'], aWords: new Set(['出租人', '租金']) },
      { qWords: ['租金'], aWords: new Set(['租金', '出租人']) },
    ];
    const raw = model1Counts(once, () => 0.001, { iterations: 20 });
    const smooth = model1Counts(once, () => 0.001, { iterations: 20, smoothing: 0.5 });
    expect(smooth.nqa.get('房东')!.get('罕见词')!).toBeLessThan(raw.nqa.get('房东')!.get('罕见词')!);
    expect(smooth.nqa.get('房东')!.get('出租人')!).toBeGreaterThan(smooth.nqa.get('房东')!.get('罕见词')!);
  });

  it('turns a table around to expand documents with the everyday words of their formal words', () => {
    const inv = invertEntries({ 房东: [['出租人', 1]], 租客: [['承租人', 1], ['出租人', 0.4]] });
    expect(inv.get('出租人')).toEqual([['房东', 1], ['租客', 0.4]]);
    expect(documentExpansions(new Set(['出租人', '维修']), '出租人应当履行维修义务', inv, 5)).toEqual([
      { text: '房东', weight: 1 },
      { text: '租客', weight: 0.4 },
    ]);
    // a word the unit already contains is not added; at most perUnit words, best first
    expect(documentExpansions(new Set(['出租人']), '房东即出租人', inv, 5)).toEqual([{ text: '租客', weight: 0.4 }]);
    expect(documentExpansions(new Set(['出租人', '承租人']), '', inv, 1)).toEqual([{ text: '房东', weight: 1 }]);
  });

  it('tokenises questions and articles into content words', () => {
    expect(questionWords('朋友借钱不还怎么办？')).toContain('借钱');
    const a = articleWords('借款人应当按照约定的期限返还借款。');
    expect(a.has('借款')).toBe(true);
    expect([...a].every((w) => w.length >= 2)).toBe(true);
  });
});

describe('learned expansion in the analyzer', () => {
  const table = { weight: 0.4, entries: { 借钱: [['借款', 1], ['出借人', 0.5]] as [string, number][] } };

  it('adds learned terms below the query words and below synonym terms', () => {
    const q = analyzeQuery('借钱不还', { learned: table, synonymGroups: [] });
    expect(q.learned).toEqual([
      { term: '借款', from: '借钱', weight: 0.4 },
      { term: '出借人', from: '借钱', weight: 0.2 },
    ]);
    expect(q.features.get('w:借款')).toBeCloseTo(0.4);
    expect(q.features.get('w:出借人')).toBeCloseTo(0.2);
    expect(q.features.get('w:借钱')).toBe(1);
  });

  it('adds a learned term\'s bigrams unless learnedParts is false', () => {
    expect(analyzeQuery('借钱不还', { learned: table, synonymGroups: [] }).features.get('b:出借')).toBeGreaterThan(0);
    const whole = analyzeQuery('借钱不还', { learned: table, synonymGroups: [], learnedParts: false });
    expect(whole.features.get('b:出借')).toBeUndefined();
    expect(whole.features.get('w:出借人')).toBeCloseTo(0.2);
  });

  it('skips terms already in the query and is switched off by learned: null or weight 0', () => {
    expect(learnedExpansionsFor(['借钱'], '借钱借款', table).map((e) => e.term)).toEqual(['出借人']);
    expect(analyzeQuery('借钱不还', { learned: null }).learned).toEqual([]);
    expect(analyzeQuery('借钱不还', { learned: table, learnedWeight: 0 }).learned).toEqual([]);
  });

  it('counts learned terms as alternatives for coverage unless switched off', () => {
    const off = analyzeQuery('借钱不还', { learned: table, synonymGroups: [], learnedInCoverage: false });
    const on = analyzeQuery('借钱不还', { learned: table, synonymGroups: [], learnedInCoverage: true });
    expect(analyzeQuery('借钱不还', { learned: table, synonymGroups: [] }).concepts).toEqual(on.concepts);
    expect(off.concepts.find((c) => c.term === '借钱')?.alternatives).toEqual(['借钱']);
    expect(on.concepts.find((c) => c.term === '借钱')?.alternatives).toEqual(['借钱', '借款', '出借人']);
  });

  it('ships a table whose terms weigh less than synonym expansions', () => {
    expect(DEFAULT_LEARNED_LEXICON.version).toBe(1);
    expect(DEFAULT_LEARNED_LEXICON.weight).toBeLessThan(0.6);
    for (const list of Object.values(DEFAULT_LEARNED_LEXICON.entries)) for (const [, w] of list) expect(w).toBeGreaterThan(0), expect(w).toBeLessThanOrEqual(1);
  });
});

describe('related lexicons (general word → related-term tables)', () => {
  const learned = { weight: 0.4, entries: { 借钱: [['借款', 1]] as [string, number][] } };
  const vectors = { name: 'vectors', weight: 0.3, entries: { 借钱: [['借款', 1], ['欠款', 0.5]] as [string, number][] } };

  it('adds a related term at its table weight, after the learned table, without repeating a term', () => {
    const q = analyzeQuery('借钱不还', { learned, related: [vectors], synonymGroups: [] });
    expect(q.learned).toEqual([
      { term: '借款', from: '借钱', weight: 0.4 },
      { term: '欠款', from: '借钱', weight: 0.15, source: 'vectors', inCoverage: false },
    ]);
    expect(q.features.get('w:欠款')).toBeCloseTo(0.15);
    expect(q.features.get('w:借款')).toBeCloseTo(0.4);
  });

  it('counts related terms in coverage only when the table says so', () => {
    const off = analyzeQuery('借钱不还', { learned: null, related: [vectors], synonymGroups: [] });
    const on = analyzeQuery('借钱不还', { learned: null, related: [{ ...vectors, inCoverage: true }], synonymGroups: [] });
    expect(off.concepts.find((c) => c.term === '借钱')?.alternatives).toEqual(['借钱']);
    expect(on.concepts.find((c) => c.term === '借钱')?.alternatives).toEqual(['借钱', '借款', '欠款']);
  });

  it('is switched off by an empty list or a zero weight', () => {
    expect(analyzeQuery('借钱不还', { learned: null, related: [], synonymGroups: [] }).learned).toEqual([]);
    expect(analyzeQuery('借钱不还', { learned: null, related: [{ ...vectors, weight: 0 }], synonymGroups: [] }).learned).toEqual([]);
  });
});

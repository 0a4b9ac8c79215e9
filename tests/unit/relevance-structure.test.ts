import { describe, expect, it } from 'vitest';
import { analyzeQuery, contentWords } from '../../lib/search/relevance/analyze';
import { conceptCoverage } from '../../lib/search/relevance/deflection';
import { normalizeText } from '../../lib/search/relevance/normalize';
import { DEFAULT_RANKER_OPTIONS, buildIndex, proximity, rerankCandidates, search, type SectionInput } from '../../lib/search/relevance/ranker';
import { charTrigrams } from '../../lib/search/relevance/tokenize';

const row = (docId: string, section: string, text: string, chapter: string | null = null, docTitle = '某某管理办法'): SectionInput => ({
  docId, docTitle, line: '合规', owner: '法务部', section, heading: section, chapter, text,
});

const filler = (k: number) => `本办法第${k}部分的一般性说明，与其他事项无关。`;

describe('question analysis: how stray characters join the content words', () => {
  const cw = (q: string, glue?: 'forward' | 'typed') => contentWords(normalizeText(q), [], glue);

  it('typed glue drops function characters instead of gluing them to the next word', () => {
    expect(cw('因征收集体所有的土地发生的纠纷', 'typed')).toContain('征收');
    expect(cw('因征收集体所有的土地发生的纠纷', 'typed')).not.toContain('因征收');
    expect(cw('夫妻一方所欠债务，谁偿还？', 'typed')).toContain('偿还');
    expect(cw('夫妻一方所欠债务，谁偿还？', 'typed')).not.toContain('谁偿还');
    // the default (forward) glues every stray character to the next word
    expect(cw('夫妻一方所欠债务，谁偿还？')).toContain('谁偿还');
  });

  it('glues a suffix character to the word before it and keeps compound glue', () => {
    expect(cw('家庭成员与第三人签订的转让合同', 'typed')).toContain('第三人');
    expect(cw('家庭成员与第三人签订的转让合同')).toContain('人签订');
    // a lone content character still joins its neighbour (陪+产假, 育儿+假) in both modes
    for (const glue of ['forward', 'typed'] as const) {
      expect(cw('陪产假有几天', glue)).toContain('陪产假');
      expect(cw('育儿假', glue)).toContain('育儿假');
    }
  });

  it('the analyzer uses the chosen glue for its concepts', () => {
    const q = '夫妻一方所欠债务，谁偿还？';
    expect(analyzeQuery(q, { learned: null, glue: 'typed' }).concepts.map((c) => c.term)).toContain('偿还');
    expect(analyzeQuery(q, { learned: null }).concepts.map((c) => c.term)).toContain('谁偿还');
  });
});

describe('term proximity', () => {
  const pairs = [{ a: ['保证人'], b: ['追偿'], weight: 1 }];

  it('is 1 for adjacent words, falls with the gap and is 0 beyond the window', () => {
    expect(proximity('保证人追偿的范围', pairs, 12)).toBe(1);
    const near = proximity('保证人承担责任后有权追偿', pairs, 12);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(1);
    expect(proximity(`保证人${'某'.repeat(13)}追偿`, pairs, 12)).toBe(0);
    expect(proximity('只有保证人', pairs, 12)).toBe(0);
  });

  it('counts either order and weighs pairs', () => {
    expect(proximity('追偿保证人', pairs, 12)).toBe(1);
    const two = [...pairs, { a: ['债权人'], b: ['通知'], weight: 3 }];
    expect(proximity('保证人追偿；另行规定债权人的事项', two, 2)).toBeCloseTo(0.25);
  });

  it('ranks the unit where the question words stand together first (default on)', () => {
    expect(DEFAULT_RANKER_OPTIONS.proximityBoost).toBeGreaterThan(0);
    const corpus = [
      row('a', '第一条', `保证人的责任范围由合同约定。${filler(1)}债权人应当及时通知有关各方。`),
      row('a', '第二条', `保证人向债权人承担责任后，有权通知债务人。${filler(2)}`),
      ...Array.from({ length: 8 }, (_, k) => row('a', `第${k + 3}条`, filler(k + 3))),
    ];
    const on = search(buildIndex(corpus), '保证人向债权人通知');
    expect(on.results[0]?.section).toBe('第二条');
    const off = search(buildIndex(corpus, { proximityBoost: 0, coverageBoost: 0 }), '保证人向债权人通知');
    // without the re-rank both units tie closely on BM25; proximity is what separates them
    expect(off.results.map((r) => r.section).slice(0, 2).sort()).toEqual(['第一条', '第二条']);
  });
});

describe('character trigrams (measured, off by default)', () => {
  it('are windows of three inside CJK runs and only indexed when asked for', () => {
    expect(charTrigrams('承包经营权 ab 合同')).toEqual(['t:承包经', 't:包经营', 't:经营权']);
    expect(DEFAULT_RANKER_OPTIONS.trigramWeight).toBe(0);
    const corpus = [row('a', '第一条', '土地承包经营权的流转。'), row('a', '第二条', '其他内容。')];
    expect(buildIndex(corpus).postings.has('t:承包经')).toBe(false);
    const on = buildIndex(corpus, { trigramWeight: 0.3 });
    expect(on.postings.has('t:承包经')).toBe(true);
    expect(search(on, '承包经营').results[0]?.section).toBe('第一条');
  });
});

describe('partial coverage of long compounds', () => {
  it('a missing compound earns a share of its bigrams only when asked to', () => {
    const corpus = [
      row('a', '第一条', '承包方可以将承包的土地交给他人经营。'),
      row('a', '第二条', '其他无关条款的内容。'),
    ];
    const index = buildIndex(corpus);
    const aq = analyzeQuery('承包地转包', { learned: null });
    const full = conceptCoverage(index, aq, 0);
    const partial = conceptCoverage(index, aq, 0, undefined, 0.5);
    expect(partial).toBeGreaterThan(full);
    // deflection keeps the strict coverage: partial credit is a ranking signal only
    expect(conceptCoverage(index, aq, 1, undefined, 0.5)).toBe(0);
  });
});

describe('structure smoothing and unit document scores (measured, off by default)', () => {
  const corpus = [
    row('law', '第一条', `劳动合同的订立应当遵循平等自愿原则。${filler(1)}`, '第一章 订立'),
    row('law', '第二条', `用人单位应当依法建立规章制度。${filler(2)}`, '第一章 订立'),
    row('law', '第三条', filler(3), '第二章 其他'),
    row('law', '第四条', filler(4), '第二章 其他'),
    row('other', '第一条', '与劳动无关的内容。'),
  ];

  it('are off by default', () => {
    expect(DEFAULT_RANKER_OPTIONS.neighbourWeight).toBe(0);
    expect(DEFAULT_RANKER_OPTIONS.chapterSmoothing).toBe(0);
    expect(DEFAULT_RANKER_OPTIONS.docTopUnits).toBe(0);
    expect(DEFAULT_RANKER_OPTIONS.rerankWeights).toBeNull();
  });

  it('neighbour smoothing lifts the units next to the match, not the others', () => {
    const q = '劳动合同订立平等自愿';
    const rel = (opts: Parameters<typeof buildIndex>[1]) => {
      const rs = search(buildIndex(corpus, opts), q, { limit: 10 }).results;
      const top = rs[0]!.score;
      const of = (id: string) => (rs.find((r) => `${r.docId}:${r.section}` === id)?.score ?? 0) / top;
      return { first: `${rs[0]!.docId}:${rs[0]!.section}`, next: of('law:第二条'), far: of('law:第四条') };
    };
    const plain = rel({});
    const smoothed = rel({ neighbourWeight: 0.5 });
    expect(smoothed.first).toBe('law:第一条');
    expect(smoothed.next).toBeGreaterThan(plain.next);
    // 第四条 is two units away: no lift relative to the top unit
    expect(smoothed.far).toBeLessThanOrEqual(plain.far);
  });

  it('chapter smoothing lifts a matched unit by the best other unit of its chapter', () => {
    const q = '劳动合同 规章制度 无关';
    const off = search(buildIndex(corpus), q, { limit: 10 }).results;
    const on = search(buildIndex(corpus, { chapterSmoothing: 1 }), q, { limit: 10 }).results;
    const score = (rs: typeof off, id: string) => rs.find((r) => `${r.docId}:${r.section}` === id)?.score ?? 0;
    // both chapter-1 units gain, the unit of the other document does not
    expect(score(on, 'law:第二条')).toBeGreaterThan(score(off, 'law:第二条'));
    expect(score(on, 'other:第一条') / score(on, 'law:第一条')).toBeLessThan(score(off, 'other:第一条') / score(off, 'law:第一条'));
  });

  it('the learned re-rank exposes one feature vector per candidate and uses the weights', () => {
    const index = buildIndex(corpus);
    const cands = rerankCandidates(index, '劳动合同订立');
    expect(cands.length).toBeGreaterThan(0);
    expect(cands[0]!.x[0]).toBe(1); // bias
    expect(new Set(cands.map((c) => c.x.length)).size).toBe(1);
    // weights that only penalise the first-stage rank keep the first-stage order (re-rank off)
    const keep = [0, 0, 0, 0, 0, 0, 0, 0, -1];
    const ids = (opts: Parameters<typeof buildIndex>[1]) => search(buildIndex(corpus, opts), '劳动合同订立规章制度', { limit: 10 }).results.map((r) => `${r.docId}:${r.section}`);
    expect(ids({})).not.toEqual(ids({ coverageBoost: 0, proximityBoost: 0 })); // the fixed re-rank reorders here
    expect(ids({ rerankWeights: keep })).toEqual(ids({ coverageBoost: 0, proximityBoost: 0 }));
  });
});

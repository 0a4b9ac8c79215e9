import { describe, expect, it } from 'vitest';
import { analyzeQuery, contentWords } from '../../lib/search/relevance/analyze';
import { conceptCoverage } from '../../lib/search/relevance/deflection';
import { normalizeText } from '../../lib/search/relevance/normalize';
import { DEFAULT_RANKER_OPTIONS, buildIndex, proximity, search, type SectionInput } from '../../lib/search/relevance/ranker';

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

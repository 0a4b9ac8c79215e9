import { describe, expect, it } from 'vitest';
import { judgeResults } from '../../lib/search/relevance/deflection';
import { normalizeText, toSimplified } from '../../lib/search/relevance/normalize';
import { asksForFigures, buildIndex, search, statesFigures, tableRowTexts, type SectionInput } from '../../lib/search/relevance/ranker';
import { charUnigrams } from '../../lib/search/relevance/tokenize';

const row = (docId: string, docTitle: string, section: string, text: string, heading = section): SectionInput => ({
  docId, docTitle, line: '财务', owner: '财务中心', section, heading, chapter: null, text,
});

const TABLE = [
  '各地住宿费标准如下。',
  '',
  '住宿费包干标准表',
  '',
  '| 地区 | 一般人员（元/人·天） | 高级职称（元/人·天） |',
  '| --- | --- | --- |',
  '| 北京 | 500 | 600 |',
  '| 乌鲁木齐 | 350 | 480 |',
].join('\n');

describe('table rows', () => {
  it('turns each data row into text carrying its column headers and the caption', () => {
    const rows = tableRowTexts(TABLE);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toBe('住宿费包干标准表 地区 乌鲁木齐；一般人员（元/人·天） 350；高级职称（元/人·天） 480');
    expect(tableRowTexts('没有表格的条款。')).toEqual([]);
  });

  it('a question about one row finds the table unit, reported under its own label', () => {
    const filler = Array.from({ length: 120 }, (_, i) => `第${i + 1}地区说明文字，与住宿标准无关的内容。`).join('\n');
    const corpus = [
      row('travel', '差旅住宿费实施细则', '附件一', `${filler}\n${TABLE}`, '附件一 住宿费包干标准'),
      row('travel', '差旅住宿费实施细则', '一.1', '出差人员住宿应当在规定标准内，超标部分自理。', '一.1 总则'),
      row('travel', '差旅住宿费实施细则', '一.2', '住宿费凭发票据实报销。', '一.2 报销'),
    ];
    const index = buildIndex(corpus, { tableRows: true });
    // two row units, both belonging to the table's section (index 0); none without the option
    expect(index.unitSection).toEqual([0, 1, 2, 0, 0]);
    expect(buildIndex(corpus, { tableRows: false }).unitSection).toEqual([0, 1, 2]);
    const withRows = search(index, '去乌鲁木齐出差高级职称住宿一天多少钱');
    expect(withRows.results[0]).toMatchObject({ docId: 'travel', section: '附件一' });
    expect(withRows.results.filter((r) => r.section === '附件一')).toHaveLength(1);
  });
});

describe('figures', () => {
  it('recognises amount / standard questions and units that state figures', () => {
    expect(asksForFigures(normalizeText('加班费的标准是多少'))).toBe(true);
    expect(asksForFigures(normalizeText('产假能休几天'))).toBe(true);
    expect(asksForFigures(normalizeText('怎么申请加班'))).toBe(false);
    expect(statesFigures('年休假5天')).toBe(true);
    expect(statesFigures('按照工资的百分之一百五十支付')).toBe(true);
    expect(statesFigures('增加产假十五天')).toBe(true);
    // an article number is not a figure
    expect(statesFigures('依照本法第四十条的规定办理')).toBe(false);
  });

  it('prefers the unit with figures for an amount question', () => {
    const corpus = [
      row('ot', '加班管理办法', '第三条', '休息日加班工资由人事部门核算，休息日加班工资应当及时足额支付。'),
      row('ot', '加班管理办法', '第四条', '不能安排补休的，支付不低于工资的百分之二百的报酬。休息日加班工资另计。'),
    ];
    expect(search(buildIndex(corpus, { figureBoost: 0.15 }), '休息日加班工资是多少').results[0]?.section).toBe('第四条');
    // without the boost the unit without figures ranks first
    expect(search(buildIndex(corpus, { figureBoost: 0 }), '休息日加班工资是多少').results[0]?.section).toBe('第三条');
  });
});

describe('Traditional script', () => {
  it('converts Taiwan phrases only in Traditional text', () => {
    expect(toSimplified('軟體資訊')).toBe('软件信息');
    expect(normalizeText('網路檔案')).toBe('网络文件');
    // Simplified text is left alone even where a Taiwan phrase would match (程式 is also a Simplified word)
    expect(toSimplified('程式化管理')).toBe('程式化管理');
  });
});

describe('single characters', () => {
  it('emits content characters only', () => {
    expect(charUnigrams('员工的宿舍')).toEqual(['c:员', 'c:工', 'c:宿', 'c:舍']);
  });
});

describe('two documents in the top five', () => {
  it('gives the fifth place to another document that scores close to the top', () => {
    const a = Array.from({ length: 6 }, (_, i) => row('a', '员工考勤管理办法', `第${i + 1}条`, `员工请假审批第${i + 1}项：病假请假须提前申请，病假请假工资按规定计算。`));
    const b = [row('b', '薪酬管理办法', '第九条', '病假请假期间的工资按规定计算，员工请假另行规定。')];
    // Without the lexicons: the test is about the fifth place, not about which words expand.
    const plain = { analyzer: { synonymGroups: [], learned: null } };
    const r = search(buildIndex([...a, ...b], plain), '病假请假工资怎么算');
    expect(new Set(r.results.slice(0, 5).map((x) => x.docId))).toEqual(new Set(['a', 'b']));
    const off = search(buildIndex([...a, ...b], { ...plain, secondDocRatio: 0 }), '病假请假工资怎么算');
    expect(new Set(off.results.slice(0, 5).map((x) => x.docId))).toEqual(new Set(['a']));
  });
});

describe('result state (one judgement)', () => {
  const f = (coverage: number, strength: number) => ({ coverage, strength, margin: 0, missing: [] });
  it('answered when confident, none only when nothing is plausible, otherwise related', () => {
    expect(judgeResults(null, 0)).toBe('none');
    expect(judgeResults(f(1, 1), 1)).toBe('answered');
    expect(judgeResults(f(0, 0.2), 0.08)).toBe('none');
    // calibrated boundary (round 2): none needs coverage < 0.05 AND strength < 0.3
    expect(judgeResults(f(0.04, 0.29), 0.14)).toBe('none');
    expect(judgeResults(f(0.06, 0.1), 0.08)).toBe('related');
    expect(judgeResults(f(0, 0.3), 0.12)).toBe('related');
    expect(judgeResults(f(0, 0.95), 0.38)).toBe('related');
    expect(judgeResults(f(0.5, 0.3), 0.42)).toBe('related');
  });
  it('counts a learned term as covering its everyday word (round 2 default)', () => {
    const rows = [
      { docId: 'l', docTitle: '民间借贷规定', line: '', owner: '', section: '第一条', heading: '第一条', text: '出借人请求借款人按照约定的期限返还借款的，人民法院应予支持。' },
      { docId: 'm', docTitle: '物业条例', line: '', owner: '', section: '第二条', heading: '第二条', text: '业主应当按时交纳物业服务费用。' },
    ];
    const learned = { entries: { 欠钱: [['出借人', 1], ['借款人', 0.8]] as [string, number][] }, weight: 0.5 };
    const on = search(buildIndex(rows, { analyzer: { synonymGroups: [], learned } }), '朋友欠钱一直拖着');
    expect(on.results[0]?.docId).toBe('l');
    expect(on.features?.coverage).toBeCloseTo(0.5);
    expect(on.features?.missing).toEqual(['朋友']);
    const off = search(buildIndex(rows, { analyzer: { synonymGroups: [], learned, learnedInCoverage: false } }), '朋友欠钱一直拖着');
    expect(off.features?.coverage).toBe(0);
    expect(off.state).toBe('related');
  });
  it('a question whose own words the corpus lacks is not plausible through a fragment of a synonym', () => {
    // 食堂 → 员工餐厅 (general lexicon): only its fragment 员工 is in these units
    const rows = [row('leave', '员工休假规定', '第三条', '女员工生育享受九十八天产假。'), row('leave', '员工休假规定', '第四条', '男员工在配偶生育期间享受陪产假十五天。')];
    const none = search(buildIndex(rows), '食堂中午有什么菜');
    expect(none.features?.strength).toBeLessThan(0.3);
    expect(none.state).toBe('none');
    const before = search(buildIndex(rows, { deflection: { unknownWordsInStrength: false } }), '食堂中午有什么菜');
    expect(before.features?.strength).toBe(1);
    expect(before.state).toBe('related');
    expect(search(buildIndex(rows), '陪产假有几天').state).not.toBe('none');
  });
  it('search returns no results exactly when the state is none', () => {
    const index = buildIndex([row('ot', '加班管理办法', '第三条', '加班工资由人事部门核算。')]);
    const none = search(index, '食堂中午有什么菜');
    expect(none.state).toBe('none');
    expect(none.results).toEqual([]);
    const some = search(index, '加班工资谁来算');
    expect(some.state).not.toBe('none');
    expect(some.results.length).toBeGreaterThan(0);
  });
});

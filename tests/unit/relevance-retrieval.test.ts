import { describe, expect, it } from 'vitest';
import { judgeResults } from '../../lib/search/relevance/deflection';
import { normalizeText, toSimplified } from '../../lib/search/relevance/normalize';
import { buildIndex, search, type SectionInput } from '../../lib/search/relevance/ranker';
import { charUnigrams } from '../../lib/search/relevance/tokenize';

const row = (docId: string, docTitle: string, section: string, text: string, heading = section): SectionInput => ({
  docId, docTitle, line: '财务', owner: '财务中心', section, heading, chapter: null, text,
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

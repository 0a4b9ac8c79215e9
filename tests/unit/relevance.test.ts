import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../lib/search/relevance/analyze';
import { fromChineseNumber, normalizeArticleNumbers, normalizeText, sectionLabel, toChineseNumber } from '../../lib/search/relevance/normalize';
import { buildIndex, search, type SectionInput } from '../../lib/search/relevance/ranker';
import { expandQuery, mergeSynonymGroups, parseSynonymText } from '../../lib/search/relevance/synonyms';

const row = (docId: string, docTitle: string, section: string, text: string, chapter?: string): SectionInput => ({
  docId, docTitle, line: '人力资源', owner: 'HR', section, heading: section, chapter: chapter ?? null, text,
});

const corpus: SectionInput[] = [
  row('annual-leave', '职工带薪年休假条例', '第三条', '职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天。'),
  row('annual-leave', '职工带薪年休假条例', '第五条', '单位确因工作需要不能安排职工休年休假的，对职工应休未休的年休假天数，应当按照该职工日工资收入的300%支付年休假工资报酬。'),
  row('female', '女职工劳动保护特别规定', '第七条', '女职工生育享受98天产假，其中产前可以休假15天；难产的，增加产假15天。'),
  row('fund', '住房公积金管理条例', '第二十四条', '职工有下列情形之一的，可以提取职工住房公积金账户内的存储余额：购买、建造、翻建、大修自住住房的；偿还购房贷款本息的；房租超出家庭工资收入的规定比例的。'),
  row('first-contact', '房地產管理局首問責任制度', '一', '服務對象通過各種方式來訪、咨詢時，第一被詢問的同志即為首問責任人。'),
  row('contract', '中华人民共和国劳动合同法', '第十九条', '劳动合同期限三个月以上不满一年的，试用期不得超过一个月；三年以上固定期限的劳动合同，试用期不得超过六个月。'),
];

describe('normalisation', () => {
  it('converts Traditional to Simplified, full-width to half-width, lower-case', () => {
    expect(normalizeText('離職時還有年假沒休完')).toBe('离职时还有年假没休完');
    expect(normalizeText('ＨＲ　說：ＯＫ１２３')).toBe('hr 说:ok123');
  });
  it('maps article numbers between Arabic and Chinese numerals', () => {
    expect(normalizeArticleNumbers('第40条')).toBe('第四十条');
    expect(normalizeText('劳动合同法第 105 条')).toBe('劳动合同法第一百零五条');
    expect(toChineseNumber(11)).toBe('十一');
    expect(toChineseNumber(120)).toBe('一百二十');
    expect(fromChineseNumber('四十')).toBe(40);
    expect(fromChineseNumber('一百零五')).toBe(105);
    expect(sectionLabel('第四十条 经济补偿')).toBe('第四十条');
    expect(sectionLabel('一、首问责任人')).toBe('一');
  });
  it('a Traditional query finds Simplified text and vice versa', () => {
    const index = buildIndex(corpus);
    expect(search(index, '難產的話產假可以多休幾天？').results[0]?.docId).toBe('female');
    expect(search(index, '首问责任人是谁').results[0]?.docId).toBe('first-contact');
  });
});

describe('synonyms', () => {
  it('expands colloquial and English terms', () => {
    const groups = mergeSynonymGroups([['年假', '年休假', 'annual leave'], ['公积金', '住房公积金']]);
    const terms = expandQuery(normalizeText('今年的Annual Leave还有几天'), groups).map((e) => e.term);
    expect(terms).toContain('年假');
    expect(terms).toContain('年休假');
    expect(expandQuery('hrbp', mergeSynonymGroups([['hr', '人力资源']]))).toEqual([]);
  });
  it('merges owner-supplied groups from text', () => {
    const owner = parseSynonymText('# custom\n报销，报账、reimbursement\n');
    const merged = mergeSynonymGroups([['报销', '报账']], owner);
    expect(merged).toContainEqual(['报销', '报账', 'reimbursement']);
    expect(merged).toHaveLength(2);
  });
  it('analyzeQuery removes filler words and exposes keywords + expansions', () => {
    const q = analyzeQuery('请问生孩子能休几天假吗？');
    expect(q.stripped).not.toContain('请问');
    expect(q.expansions.map((e) => e.term)).toContain('产假');
  });
});

describe('ranking', () => {
  const index = buildIndex(corpus);
  it('ranks the answering clause first', () => {
    expect(search(index, '工作第6年了，年休假有几天').results[0]).toMatchObject({ docId: 'annual-leave', section: '第三条' });
    expect(search(index, '租房子能提取公积金吗').results[0]).toMatchObject({ docId: 'fund', section: '第二十四条' });
    expect(search(index, '签了三年合同，适用期最长几个月').results[0]).toMatchObject({ docId: 'contract', section: '第十九条' });
  });
  it('honours the line filter and the limit', () => {
    const r = search(index, '年休假', { limit: 1, line: '财务' });
    expect(r.results).toHaveLength(0);
    expect(search(index, '年休假', { limit: 1 }).results).toHaveLength(1);
  });
  it('is deterministic', () => {
    const a = search(index, '没休完的年假能折现吗');
    const b = search(index, '没休完的年假能折现吗');
    expect(a.results).toEqual(b.results);
    expect(a.confidence).toBe(b.confidence);
  });
});

describe('deflection', () => {
  const index = buildIndex(corpus);
  it('refuses an off-topic query', () => {
    const r = search(index, '今天食堂中午有什么菜');
    expect(r.deflected).toBe(false);
  });
  it('refuses a near miss whose key term is absent', () => {
    expect(search(index, '男员工陪产假有几天').deflected).toBe(false);
  });
  it('deflects a question the top clause clearly answers', () => {
    const r = search(index, '难产的话产假可以多休几天');
    expect(r.results[0]?.docId).toBe('female');
    expect(r.deflected).toBe(true);
    expect(r.confidence).toBeGreaterThan(0.64);
  });
});

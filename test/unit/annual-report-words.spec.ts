import { WordTally, wordsOf } from '../../src/annual-report/subject-words';
import { niceMax } from '../../src/annual-report/pdf-charts';

describe('the words of petition subjects (annual report)', () => {
  it('keeps words of two or more characters, without stop words, single characters or anything with a digit', () => {
    expect([...wordsOf('反映青山村小区物业拒不维修电梯问题')]).toEqual(['青山', '小区', '物业', '维修', '电梯']);
  });

  it('redacts before it segments: an ID or phone number never becomes a word, not even in part', () => {
    const words = [...wordsOf('身份证号110101199003074512，电话138 1234 5678，邮箱ab@c.cn 征地补偿款未发放')];
    expect(words).toEqual(expect.arrayContaining(['补偿', '发放']));
    expect(words.filter((w) => /[\d*@A-Za-z]/.test(w))).toEqual([]);
  });

  it('counts a word once per subject and ranks by count, then by the word', () => {
    const tally = new WordTally();
    for (const subject of ['物业物业乱收费', '物业公司违规收费', '建议增设路灯', '小区物业']) tally.add(subject);
    expect(tally.subjects).toBe(4);
    expect(tally.top(3)).toEqual([
      { word: '物业', count: 3 },
      { word: '收费', count: 2 },
      { word: '公司', count: 1 },
    ]);
  });
});

describe('the value axis of a chart', () => {
  it.each([
    [0, 4],
    [3, 4],
    [5, 8],
    [17, 20],
    [99, 100],
    [130, 200],
  ])('counts up to %i get whole grid steps: axis %i', (value, max) => {
    expect(niceMax(value)).toBe(max);
    expect(Number.isInteger(niceMax(value) / 4)).toBe(true);
  });
});

import { searchTokens, wordTokens } from '../../src/common/search-tokens';

/** Whether a search word's tokens are all among a petition's: what MATCH … IN BOOLEAN MODE asks. */
const narrows = (petition: { number: string; subject: string; content: string }, word: string) => {
  const tokens = new Set(searchTokens(petition).split(' '));
  return wordTokens(word).every((t) => tokens.has(t));
};

describe('case search tokens (MariaDB FULLTEXT has no Chinese parser)', () => {
  const petition = { number: 'XF-990102-2026-000123', subject: '小区外墙脱落无人维修', content: '柳岸小区3号楼A栋外墙瓷砖多次脱落。' };

  it('writes every token as a Latin word of at least three characters', () => {
    for (const token of searchTokens(petition).split(' ')) expect(token).toMatch(/^[a-z0-9]{3,84}$/);
  });

  it.each(['外墙', '外墙脱落', '墙', '瓷砖多次', '3号楼', 'a栋', '2026-000123', '000123', '6-0001', 'xf-99'])('lets %s through to the LIKE check', (word) => {
    expect(narrows(petition, word)).toBe(true);
  });

  it.each(['内墙', '维修基金', '000124', '2025-000123', '楼道'])('leaves %s out', (word) => {
    expect(narrows(petition, word)).toBe(false);
  });

  it('asks for at most three trigrams of a piece of a number, the ones with the fewest zeros and letters', () => {
    expect(wordTokens('XF-990102-2026-000123')).toHaveLength(3);
    const hexOf = (s: string) => `n${Buffer.from(s).toString('hex')}`;
    expect(wordTokens('0000123')).toEqual([hexOf('123'), hexOf('012'), hexOf('001')]);
  });
});

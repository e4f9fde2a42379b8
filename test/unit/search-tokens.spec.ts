import { scopedQuery, searchTokens, tokenScope, wordTokens } from '../../src/common/search-tokens';

type Petition = { number: string; subject: string; content: string; regionCode: string; category: string };

/**
 * Whether MATCH … IN BOOLEAN MODE would name the petition for a search: every `+(…)` group of the
 * query has one of its alternatives among the petition's tokens.
 */
const narrows = (petition: Petition, words: string[], scopes: string[], readsAccusations = false) => {
  const tokens = new Set(searchTokens(petition).split(' '));
  const groups = scopedQuery(words, scopes, readsAccusations).match(/\+\(([^)]*)\)/g) ?? [];
  return groups.length > 0 && groups.every((group) => group.slice(2, -1).split(' ').some((t) => tokens.has(t)));
};

describe('case search tokens (MariaDB FULLTEXT has no Chinese parser)', () => {
  const petition: Petition = {
    number: 'XF-990102-2026-000123',
    subject: '小区外墙脱落无人维修',
    content: '柳岸小区3号楼A栋外墙瓷砖多次脱落。',
    regionCode: '990102001002',
    category: 'complaint',
  };
  const donghu = [tokenScope(petition.regionCode)];

  it('writes every token as a Latin word of at least three characters, and at most InnoDB\'s 84', () => {
    for (const token of searchTokens(petition).split(' ')) expect(token).toMatch(/^[a-z0-9]{3,84}$/);
  });

  it.each(['外墙', '外墙脱落', '墙', '瓷砖多次', '3号楼', 'a栋', '2026-000123', '000123', '6-0001', 'xf-99'])('lets %s through to the LIKE check', (word) => {
    expect(narrows(petition, [word], donghu)).toBe(true);
  });

  it.each(['内墙', '维修基金', '000124', '2025-000123', '楼道'])('leaves %s out', (word) => {
    expect(narrows(petition, [word], donghu)).toBe(false);
  });

  it('needs every word of a search', () => {
    expect(narrows(petition, ['外墙', '瓷砖'], donghu)).toBe(true);
    expect(narrows(petition, ['外墙', '楼道'], donghu)).toBe(false);
  });

  it('names a petition only to a search in its county', () => {
    expect(tokenScope('990102001002')).toBe('990102');
    expect(narrows(petition, ['外墙'], ['990121'])).toBe(false);
    expect(narrows(petition, ['外墙'], ['990121', '990102'])).toBe(true);
    expect(narrows(petition, ['000123'], ['990121'])).toBe(false);
  });

  it("names an accusation by its text only to a search by someone who reads accusations, and by its number to anyone", () => {
    const accusation = { ...petition, category: 'accusation' };
    expect(narrows(accusation, ['外墙'], donghu)).toBe(false);
    expect(narrows(accusation, ['外墙'], donghu, true)).toBe(true);
    expect(narrows(accusation, ['000123'], donghu)).toBe(true);
  });

  it('asks for at most three trigrams of a piece of a number, the ones with the fewest zeros and letters', () => {
    expect(wordTokens('XF-990102-2026-000123')).toHaveLength(3);
    const hexOf = (s: string) => `n${Buffer.from(s).toString('hex')}`;
    expect(wordTokens('0000123')).toEqual([hexOf('123'), hexOf('012'), hexOf('001')]);
  });

  it('leaves out the slices nearly every number has when the word has a better one', () => {
    const hexOf = (s: string) => `n${Buffer.from(s).toString('hex')}`;
    expect(wordTokens('0000007')).toEqual([hexOf('007')]);
    expect(wordTokens('XF-')).toEqual([hexOf('XF-')]);
  });
});

import { generateQueryCode, normalizeQueryCode } from '../../src/petitions/numbering';

describe('query codes printed on the receipt', () => {
  it('look like XXXX-XXXX-XXXX in Crockford base32', () => {
    for (let i = 0; i < 200; i++) {
      expect(generateQueryCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    }
  });

  it('never contain I, L, O or U, which people misread on paper', () => {
    const characters = Array.from({ length: 1000 }, generateQueryCode).join('');
    expect(characters).not.toMatch(/[ILOU]/);
  });

  it('use the whole alphabet, not a few characters of it', () => {
    // 1000 codes × 12 characters: every one of the 32 characters is all but certain to appear
    const seen = new Set(Array.from({ length: 1000 }, generateQueryCode).join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it('are distinct across 1000 petitions', () => {
    const codes = Array.from({ length: 1000 }, generateQueryCode);
    expect(new Set(codes).size).toBe(1000);
  });

  describe('what a petitioner types is normalized', () => {
    it.each([
      ['ab12-cd34-ef56', 'AB12CD34EF56'],
      [' AB12 CD34 EF56 ', 'AB12CD34EF56'],
      ['ab12cd34ef56', 'AB12CD34EF56'],
      ['AB12-\tCD34 -EF56', 'AB12CD34EF56'],
    ])('"%s" → %s', (typed, normalized) => {
      expect(normalizeQueryCode(typed)).toBe(normalized);
    });

    it('matches the code on the receipt once the dashes are taken out', () => {
      const printed = generateQueryCode();
      expect(normalizeQueryCode(printed.toLowerCase().replace(/-/g, ' '))).toBe(printed.replace(/-/g, ''));
    });
  });
});

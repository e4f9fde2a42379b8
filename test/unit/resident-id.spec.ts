import { checkCharacter, residentIdProblem } from '../../src/common/resident-id';

describe('resident ID number check (GB 11643)', () => {
  const today = new Date('2026-06-01T00:00:00Z');

  describe('accepts real numbers', () => {
    it.each(['11010519491231002X', '990102198001010010', '990102198001010029'])('%s', (id) => {
      expect(residentIdProblem(id, today)).toBeNull();
    });

    it('accepts a lowercase x as the check character', () => {
      expect(residentIdProblem('11010519491231002x', today)).toBeNull();
    });

    it('accepts a leap day in a leap year', () => {
      // 2000 is a leap year (divisible by 400); check character computed by hand: 8
      expect(residentIdProblem('990102200002290018', today)).toBeNull();
    });
  });

  describe('computes the ISO 7064 MOD 11-2 check character', () => {
    it.each([
      ['11010519491231002', 'X'],
      ['99010219800101001', '0'],
      ['99010219800101002', '9'],
    ])('%s → %s', (first17, expected) => {
      expect(checkCharacter(first17)).toBe(expected);
    });
  });

  describe('reports a mistyped check character', () => {
    it('when the last digit is wrong', () => {
      expect(residentIdProblem('990102198001010011', today)).toBe('check-digit');
    });

    it('when a digit in the middle was swapped (check character no longer fits)', () => {
      expect(residentIdProblem('990102198001010100', today)).toBe('check-digit');
    });

    it('when X stands where a digit belongs', () => {
      expect(residentIdProblem('99010219800101001X', today)).toBe('check-digit');
    });
  });

  describe('reports a malformed number as a format problem', () => {
    it.each([
      ['17 digits', '99010219800101001'],
      ['19 digits', '9901021980010100100'],
      ['a letter inside', '9901021980A1010010'],
      ['X anywhere but last', 'X90102198001010010'],
      ['a leading zero (no region starts with 0)', '090102198001010010'],
      ['surrounding spaces', ' 990102198001010010'],
      ['the empty string', ''],
    ])('%s', (_label, id) => {
      expect(residentIdProblem(id, today)).toBe('format');
    });
  });

  describe('reports a birth date that does not exist', () => {
    it.each([
      ['30 February', '990102199002300014'],
      ['month 13', '990102199013010012'],
      ['29 February in 1900 (not a leap year)', '990102190002290011'],
      ['day 00', '990102199001000010'],
      ['before 1900', '990102189912310010'],
    ])('%s', (_label, id) => {
      expect(residentIdProblem(id, today)).toBe('birth-date');
    });

    it('reports a birth date in the future, judged against the given day', () => {
      // given a number born on 2030-01-01 (its check character is right)
      const id = '990102203001010014';
      // then it is impossible today, and fine once that day has come
      expect(residentIdProblem(id, today)).toBe('birth-date');
      expect(residentIdProblem(id, new Date('2030-01-02T00:00:00Z'))).toBeNull();
    });

    it('checks the date before the check character', () => {
      // wrong date and wrong check character: the date is what the person should look at
      expect(residentIdProblem('990102199013010010', today)).toBe('birth-date');
    });
  });
});

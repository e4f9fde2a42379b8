import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../../src/crypto/masking';

describe('masking personal data for people who do not need it in full', () => {
  describe('ID numbers', () => {
    it('keep only the first and last four characters', () => {
      expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    });

    it('keep the length, so a reader still sees it is an 18-character number', () => {
      expect(maskIdNumber('990102198001010010')).toHaveLength(18);
    });

    it('are hidden completely when too short to show eight characters safely', () => {
      expect(maskIdNumber('12345678')).toBe('********');
      expect(maskIdNumber('123')).toBe('***');
    });

    it('show the first and last four as soon as at least one character stays hidden', () => {
      expect(maskIdNumber('123456789')).toBe('1234*6789');
    });
  });

  describe('phone numbers', () => {
    it('keep the first three and last four digits of a mobile', () => {
      expect(maskPhone('13800138000')).toBe('138****8000');
    });

    it('ignore the spaces a person typed', () => {
      expect(maskPhone('138 0013 8000')).toBe('138****8000');
    });

    it('mask the middle of a landline', () => {
      expect(maskPhone('0571-88886666')).toBe('057******6666');
    });

    it('are hidden completely when seven digits or fewer', () => {
      expect(maskPhone('8888666')).toBe('*******');
    });

    it('show the first three and last four of an eight-digit local number', () => {
      expect(maskPhone('88886666')).toBe('888*6666');
    });
  });

  describe('names', () => {
    it.each([
      ['张三', '张*'],
      ['欧阳小明', '欧***'],
      ['Alice', 'A****'],
    ])('%s → %s', (name, masked) => {
      expect(maskName(name)).toBe(masked);
    });

    it('still hide something for a one-character name', () => {
      expect(maskName('王')).toBe('王*');
    });

    it('trim surrounding spaces and leave an empty name empty', () => {
      expect(maskName('  李四 ')).toBe('李*');
      expect(maskName('   ')).toBe('');
    });

    it('count a character outside the BMP as one character', () => {
      // 𠮷 is a surrogate pair in UTF-16; it must not be split in half
      expect(maskName('𠮷野家')).toBe('𠮷**');
    });
  });

  describe('e-mail addresses', () => {
    it.each([
      ['zhangsan@example.com', 'z*******@example.com'],
      ['ab@example.com', 'a*@example.com'],
      ['a@example.com', 'a*@example.com'],
      ['first@second@example.com', 'f***********@example.com'],
    ])('%s → %s', (email, masked) => {
      expect(maskEmail(email)).toBe(masked);
    });

    it('star everything of what is not an address', () => {
      expect(maskEmail('@example.com')).toBe('************');
      expect(maskEmail('nobody')).toBe('******');
    });
  });

  describe('postal addresses', () => {
    it('keep the first six characters (the district), star the rest', () => {
      expect(maskAddress(' 示范市东湖区柳岸路8号 ')).toBe('示范市东湖区****');
      expect(maskAddress('示范市东湖区')).toBe('示范市东湖区');
      expect(maskAddress('东湖区')).toBe('东湖区');
    });
  });
});

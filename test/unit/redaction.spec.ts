import { redactText } from '../../src/publicity/redaction';

describe('redacting personal identifiers from published text', () => {
  it('masks an 18-digit ID number except its first and last four characters', () => {
    expect(redactText('身份证号11010519491231002X')).toBe('身份证号1101**********002X');
  });

  it('masks an ID number ending in a lowercase x', () => {
    expect(redactText('号码11010519491231002x。')).toBe('号码1101**********002x。');
  });

  it('masks the middle four digits of an 11-digit mobile number', () => {
    expect(redactText('联系电话13800138000')).toBe('联系电话138****8000');
  });

  it('masks a landline with its area code, with or without a dash', () => {
    expect(redactText('请拨打010-12345678')).toBe('请拨打010-******78');
    expect(redactText('请拨打0571-88886666')).toBe('请拨打0571-******66');
    expect(redactText('请拨打057188886666')).toBe('请拨打0571******66');
  });

  it('masks an e-mail address completely', () => {
    expect(redactText('来信请寄 zhang.san+petition@example.com.cn 谢谢')).toBe('来信请寄 ***@*** 谢谢');
  });

  describe('leaves ordinary numbers alone', () => {
    it.each([
      ['a date', '2026年11月26日反映的问题'],
      ['an amount', '拖欠工资15000元'],
      ['a 6-digit region code', '区划代码990102'],
      ['a 12-digit region code', '所涉社区990102001002'],
      ['a house number', '柳岸路8号3号楼'],
      ['a count and a year', '共有12户，自2019年起'],
    ])('%s', (_label, text) => {
      expect(redactText(text)).toBe(text);
    });
  });

  it('does not mistake a mobile-looking run inside a longer number for a mobile', () => {
    // a 13-digit bank-like number must not be partly masked as a phone
    expect(redactText('单号6213800138000')).toBe('单号6213800138000');
  });

  it('masks every identifier in one sentence', () => {
    const text = '张三（身份证11010519491231002X，手机13912345678，座机0571-88886666，邮箱zs@example.com）于2026年11月反映欠薪15000元';
    const redacted = redactText(text);
    expect(redacted).toBe(
      '张三（身份证1101**********002X，手机139****5678，座机0571-******66，邮箱***@***）于2026年11月反映欠薪15000元',
    );
    for (const secret of ['11010519491231002X', '13912345678', '88886666', 'zs@example.com']) {
      expect(redacted).not.toContain(secret);
    }
  });

  it('masks an ID number born on any day of the month', () => {
    expect(redactText('990102198002150013')).toBe('9901**********0013');
    expect(redactText('990102198002290026')).toBe('9901**********0026');
  });

  it('masks every phone number, not only the first', () => {
    expect(redactText('13800138000或13912345678')).toBe('138****8000或139****5678');
    expect(redactText('0571-88886666、0571-88887777')).toBe('0571-******66、0571-******77');
  });

  it('keeps a three-digit area code written apart with a space', () => {
    expect(redactText('请拨打010 12345678')).toBe('请拨打010 ******78');
  });

  it('does not take a 0 inside the number for an area code', () => {
    // written without a separator after the area code, so its length is unknown: four digits are kept
    expect(redactText('电话0571088-6666')).toBe('电话0571***-**66');
  });

  it('masks mobiles of every prefix from 13x to 19x', () => {
    expect(redactText('13012345678，19912345678')).toBe('130****5678，199****5678');
  });

  it('masks a seven-digit local number after a four-digit area code', () => {
    expect(redactText('电话0951-5012345')).toBe('电话0951-*****45');
  });

  describe('takes only what has the format of a phone number', () => {
    it.each([
      ['eleven digits that no mobile starts with (12x)', '12345678901'],
      ['a two-digit prefix, too short for an area code', '档案号05-12345678'],
      ['a five-digit prefix, too long for an area code', '05711-2345678'],
      ['six digits after an area code, too few for a local number', '0571-886666'],
      ['nine digits after an area code, too many for a local number', '0571-888866666'],
    ])('leaves alone %s', (_label, text) => {
      expect(redactText(text)).toBe(text);
    });
  });

  it('masks two ID numbers of two people', () => {
    expect(redactText('990102198001010010、990102198001010029')).toBe('9901**********0010、9901**********0029');
  });

  // Regression: numbers written in groups or with +86 used to be published in full.
  it('masks phone numbers written in groups or with the country code', () => {
    const digitsOf = (text: string) => text.replace(/\D/g, '');
    for (const written of ['138 0013 8000', '138-0013-8000', '+8613800138000', '0571 88886666']) {
      const published = digitsOf(redactText(`联系电话${written}`));
      expect({ written, published }).toEqual({ written, published: expect.not.stringMatching(/13800138000|88886666/) });
    }
  });
});

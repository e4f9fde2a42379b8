import { languageOf } from '../../src/common/i18n/language';

describe('choosing the response language from Accept-Language', () => {
  it('answers in English when the header is missing or empty', () => {
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('')).toBe('en');
  });

  it('answers in Chinese to a Chinese browser', () => {
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  });

  it('answers traditional-Chinese and bare zh requests in simplified Chinese, the only Chinese we have', () => {
    expect(languageOf('zh-TW')).toBe('zh-CN');
    expect(languageOf('zh-Hant-HK')).toBe('zh-CN');
    expect(languageOf('zh')).toBe('zh-CN');
  });

  it('follows the q-values rather than the order written', () => {
    expect(languageOf('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
    expect(languageOf('zh-CN;q=0.4,en-US;q=0.8')).toBe('en');
  });

  it('treats a language without q as q=1', () => {
    expect(languageOf('en-GB;q=0.9, zh-TW')).toBe('zh-CN');
  });

  it('skips languages we do not speak and takes the next one we do', () => {
    expect(languageOf('fr-FR, de;q=0.9, zh;q=0.5')).toBe('zh-CN');
    expect(languageOf('ja, ko')).toBe('en');
  });

  it('is not fooled by case or spaces', () => {
    expect(languageOf('  ZH-cn ; q=0.7 , fr')).toBe('zh-CN');
  });

  it('reads a header that arrived as several lines', () => {
    expect(languageOf(['fr', 'zh-CN;q=0.8'])).toBe('zh-CN');
  });
});

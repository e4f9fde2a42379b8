import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFont } from '../../src/notifications/documents/document-font';
import { DocumentFontMissingError, renderNoticeDocument, type NoticeDocumentInput } from '../../src/notifications/documents/notice-document';

/*
 * The PDFs are read back with poppler-utils (pdftotext, pdfinfo, pdfimages, pdffonts), as a reader
 * would see them; the font comes from Debian's fonts-noto-cjk unless NOTICE_FONT_PATH says otherwise.
 */
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'notice-document-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function poppler(tool: string, pdf: Buffer, ...args: string[]): string {
  const file = join(dir, `notice-${++files}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}
/** Text as a reader copies it: layout spacing and line breaks removed, so sentences can be matched across lines. */
const textOf = (pdf: Buffer) => poppler('pdftotext', pdf, '-layout').replace(/[\s\f]+/g, '');
const pagesOf = (pdf: Buffer) => Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', pdf))![1]);
/** Images drawn on the pages (`pdfimages -list` rows of type image; a PNG's transparency is listed apart as an smask). */
const imagesOf = (pdf: Buffer) => poppler('pdfimages', pdf, '-list').trim().split('\n').slice(2).filter((row) => row.trim().split(/\s+/)[2] === 'image');

const acceptance: NoticeDocumentInput = {
  title: '受理告知书',
  unitName: '东湖区信访局',
  petitionNumber: 'XF-2026-990102-000123',
  // 16:30 UTC on the 28th is already the 29th in China
  issuedAt: new Date('2026-11-28T16:30:00Z'),
  recipientName: '张三',
  body: '你于2026年11月20日提出的信访事项，经审查，属于本机关职权范围，本机关决定予以受理。\n本机关将自受理之日起60日内办结，并出具书面答复意见。',
  article: '依据：《信访工作条例》第二十三条',
  serviceMethod: '短信',
  extraLines: [{ label: '查询码', value: 'AB12CD34' }],
};

describe('a written notice as PDF (renderNoticeDocument)', () => {
  it('prints the unit, title, number, salutation, body, legal basis and China date', async () => {
    // given an acceptance notice
    // when it is rendered
    const pdf = await renderNoticeDocument(acceptance);
    // then a reader finds every part of it on one A4 page
    const text = textOf(pdf);
    for (const part of [
      '东湖区信访局',
      '受理告知书',
      '编号：XF-2026-990102-000123',
      '张三：',
      '经审查，属于本机关职权范围，本机关决定予以受理。',
      '并出具书面答复意见。',
      '查询码：AB12CD34',
      '依据：《信访工作条例》第二十三条',
      '送达方式：短信',
      '2026年11月29日',
    ]) {
      expect(text).toContain(part);
    }
    expect(text.indexOf('受理告知书')).toBeLessThan(text.indexOf('张三：'));
    expect(text.lastIndexOf('东湖区信访局')).toBeGreaterThan(text.indexOf('送达方式'));
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
    expect(info).toMatch(/^Title:\s+受理告知书$/m);
    expect(info).toMatch(/^Author:\s+东湖区信访局$/m);
    expect(info).toMatch(/^Producer:\s+petition-workflow$/m);
  });

  it('embeds only a subset of the font, with a Unicode map, and stays small', async () => {
    const pdf = await renderNoticeDocument(acceptance);
    const fonts = poppler('pdffonts', pdf).trim().split('\n').slice(2);
    expect(fonts).toHaveLength(1);
    // name, type, encoding, then emb / sub / uni
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+\S+\s.*\syes\s+yes\s+yes\s/);
    if (!process.env.NOTICE_FONT_PATH) expect(fonts[0]).toContain(documentFont().family);
    expect(pdf.length).toBeLessThan(200_000); // the whole collection is 26 MB
  });

  it('gives the same bytes for the same notice', async () => {
    const first = await renderNoticeDocument(acceptance);
    const second = await renderNoticeDocument({ ...acceptance });
    expect(second.equals(first)).toBe(true);
    expect(poppler('pdfinfo', first, '-isodates')).toMatch(/^CreationDate:\s+2026-11-28T16:30:00/m);
  });

  it('shows a QR code with its caption on a registration receipt, and no image otherwise', async () => {
    // given a registration receipt that carries a link to check progress
    const receipt = { ...acceptance, title: '登记回执', qr: { url: 'https://xf.example.gov.cn/q/AB12CD34', caption: '扫码查询办理进度' } };
    // when both are rendered
    const withQr = await renderNoticeDocument(receipt);
    const without = await renderNoticeDocument(acceptance);
    // then only the receipt has an image, and its caption is printed
    expect(imagesOf(withQr)).toHaveLength(1);
    expect(textOf(withQr)).toContain('扫码查询办理进度');
    expect(imagesOf(without)).toHaveLength(0);
    expect(pagesOf(withQr)).toBe(1);
  });

  it('continues a long body on following pages and numbers them', async () => {
    // given a reply of 6,000 characters
    const sentence = '经调查核实，你反映的问题情况属实，相关部门已按规定处理。';
    const paragraphs = Array.from({ length: 20 }, (_, index) => `第${index + 1}段。${sentence.repeat(11)}`);
    const body = `${paragraphs.join('\n')}\n以上为最后一段。`;
    expect(body.length).toBeGreaterThan(6_000);
    // when it is rendered
    const pdf = await renderNoticeDocument({ ...acceptance, title: '答复意见书', body });
    // then it runs over several pages, nothing is lost, and the signature still closes it
    const pages = pagesOf(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = textOf(pdf);
    expect(text).toContain('第20段。经调查核实');
    expect(text).toContain('以上为最后一段。');
    expect(text).toContain(`第1页共${pages}页`);
    expect(text).toContain(`第${pages}页共${pages}页`);
    expect(text.lastIndexOf('2026年11月29日')).toBeGreaterThan(text.indexOf('以上为最后一段。'));
  });

  it('prints hostile text literally and marks characters the font lacks with □', async () => {
    // given text from a petitioner that looks like markup, PDF syntax, escapes, emoji and a rare character
    const hostile = '<script>alert(1)</script> %PDF-1.7 endobj ) ( \\ \\) )) 𠮷家 😀完 👨‍👩‍👧 ok';
    // when it is the body, the salutation and the title
    const pdf = await renderNoticeDocument({ ...acceptance, title: '告知书 )(\\ <b>', recipientName: '李)(\\四', body: `${hostile}\n第二段\u0000\u0007。` });
    // then the file is intact and a reader sees the same characters, an emoji as □
    expect(pagesOf(pdf)).toBe(1);
    const text = textOf(pdf);
    expect(text).toContain('<script>alert(1)</script>%PDF-1.7endobj)(\\\\)))𠮷家□完□□□ok'); // the family emoji is three emoji joined
    expect(text).toContain('李)(\\四：');
    expect(text).toContain('第二段。');
    expect(poppler('pdfinfo', pdf)).toMatch(/^Title:\s+告知书 \)\(\\ <b>$/m);
  });

  it('prints an empty body and no optional parts', async () => {
    const pdf = await renderNoticeDocument({ ...acceptance, body: '', serviceMethod: null, extraLines: [], qr: null });
    const text = textOf(pdf);
    expect(text).toContain('依据：《信访工作条例》第二十三条');
    expect(text).not.toContain('送达方式');
  });
});

describe('the CJK font for notices (documentFont)', () => {
  const saved = { path: process.env.NOTICE_FONT_PATH, family: process.env.NOTICE_FONT_FAMILY };
  afterEach(() => {
    for (const [name, value] of [['NOTICE_FONT_PATH', saved.path], ['NOTICE_FONT_FAMILY', saved.family]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('prefers the Song-style Noto Serif CJK of fonts-noto-cjk', () => {
    delete process.env.NOTICE_FONT_PATH;
    expect(documentFont()).toEqual({ path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' });
  });

  it('given NOTICE_FONT_PATH naming a missing file, rendering fails with DocumentFontMissingError', async () => {
    process.env.NOTICE_FONT_PATH = join(dir, 'no-such-font.ttf');
    const rendering = renderNoticeDocument(acceptance);
    await expect(rendering).rejects.toThrow(DocumentFontMissingError);
    await expect(rendering).rejects.toThrow(/NOTICE_FONT_PATH.*fonts-noto-cjk/);
  });

  it('given NOTICE_FONT_PATH and NOTICE_FONT_FAMILY, uses that font from the collection', async () => {
    process.env.NOTICE_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    process.env.NOTICE_FONT_FAMILY = 'NotoSansCJKsc-Regular';
    const pdf = await renderNoticeDocument(acceptance);
    expect(poppler('pdffonts', pdf)).toContain('+NotoSansCJKsc-Regular');
    expect(textOf(pdf)).toContain('本机关决定予以受理。');
  });

  it('given a NOTICE_FONT_FAMILY the collection does not have, rendering fails with DocumentFontMissingError', async () => {
    process.env.NOTICE_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    process.env.NOTICE_FONT_FAMILY = 'NoSuchFont-Regular';
    await expect(renderNoticeDocument(acceptance)).rejects.toThrow(DocumentFontMissingError);
  });

  it('given a font collection without NOTICE_FONT_FAMILY, says which name is missing', () => {
    process.env.NOTICE_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
    delete process.env.NOTICE_FONT_FAMILY;
    expect(() => documentFont()).toThrow(/NOTICE_FONT_FAMILY/);
  });
});

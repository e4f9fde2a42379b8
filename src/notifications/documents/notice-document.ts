import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { chinaDate } from '../../clocks/deadline';
import { DocumentFontMissingError, documentFont, documentFontBytes } from './document-font';

export { DocumentFontMissingError };

export interface NoticeDocumentInput {
  title: string;
  /** Issuing unit: the header line and the signature at the bottom right. */
  unitName: string;
  petitionNumber: string;
  /** Printed as the China date (UTC+8), and the PDF's creation and modification date. */
  issuedAt: Date;
  recipientName: string;
  /** Paragraphs separated by '\n'. */
  body: string;
  /** Legal basis, e.g. '依据：《信访工作条例》第二十三条'. */
  article: string;
  serviceMethod?: string | null;
  extraLines?: { label: string; value: string }[];
  /** Registration receipt: a QR code with a caption under it. */
  qr?: { url: string; caption: string } | null;
}

const FONT = 'notice';
const CM = 72 / 2.54;
const MARGIN = 2.5 * CM;
const BODY_SIZE = 14;
const LINE_GAP = 8;
/** Chinese paragraphs start two characters in. */
const INDENT = 2 * BODY_SIZE;
const QR_SIZE = 3.5 * CM;
const CAPTION_SIZE = 10.5;
/** The conventional mark for a character that cannot be printed (虚缺号). */
const MISSING = '□';

type GlyphCheck = (codePoint: number) => boolean;

/**
 * Text as the font can print it. Control characters would be laid out as boxes, and a character the
 * font lacks (an emoji, say) would come out as an unreadable .notdef glyph that copies as nothing;
 * '□' is visible, copies, and is how Chinese print marks a missing character.
 */
function printable(text: string, hasGlyph: GlyphCheck): string {
  let out = '';
  for (const char of text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ')) {
    if (char === '\n') out += char;
    else if (/\p{Cc}/u.test(char)) continue;
    else if (hasGlyph(char.codePointAt(0)!)) out += char;
    else if (!/[\p{Cf}\p{M}]/u.test(char)) out += MISSING; // joiners and variation selectors just go
  }
  return out;
}

/** pdfkit keeps the parsed font on an undocumented field; without it, text is printed unchanged. */
function glyphCheck(doc: PDFKit.PDFDocument): GlyphCheck {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: GlyphCheck } } })._font?.font;
  return typeof font?.hasGlyphForCodePoint === 'function' ? (codePoint) => font.hasGlyphForCodePoint!(codePoint) : () => true;
}

function chinaDateText(moment: Date): string {
  const [year, month, day] = chinaDate(moment).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** A notice to a petitioner as an A4 PDF, set in a Song-style CJK font (subset: only used glyphs are embedded). */
export async function renderNoticeDocument(input: NoticeDocumentInput): Promise<Buffer> {
  const font = documentFont();
  // A whole number of pixels per module keeps the edges sharp when the image is scaled to 3.5 cm.
  const qrImage = input.qr ? await QRCode.toBuffer(input.qr.url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 }) : null;

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true, // page numbers are written once the page count is known
    lang: 'zh-CN',
    // Fixed dates (pdfkit would stamp the current time and derive the file ID from it): the same notice gives the same bytes.
    info: {
      Title: input.title,
      Author: input.unitName,
      Creator: 'petition-workflow',
      Producer: 'petition-workflow',
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    doc.registerFont(FONT, documentFontBytes(font.path), font.family);
    doc.font(FONT);
  } catch (error) {
    // pdfkit's own message ('Not a supported font format') names neither the file nor the setting.
    const named = font.family ? `${font.path} (${font.family})` : font.path;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentFontMissingError(`No usable CJK font for PDF notices: ${named}: ${reason}; check NOTICE_FONT_PATH and NOTICE_FONT_FAMILY`);
  }
  const hasGlyph = glyphCheck(doc);
  const text = (value: string) => printable(value, hasGlyph);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const indentedLine = (value: string) => doc.text(text(value), left + INDENT, doc.y, { width: width - INDENT, lineGap: LINE_GAP });
  const date = chinaDateText(input.issuedAt);

  doc.fontSize(16).text(text(input.unitName), { align: 'center' });
  doc.moveDown(0.6).fontSize(22).text(text(input.title), { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.6).fontSize(12).text(text(`编号：${input.petitionNumber}`), { align: 'right' });
  doc.moveDown(1).fontSize(BODY_SIZE).text(text(`${input.recipientName}：`), { lineGap: LINE_GAP });

  const paragraphs = text(input.body).split('\n').map((line) => line.trim()).filter(Boolean);
  for (const paragraph of paragraphs) doc.text(paragraph, left, doc.y, { width, indent: INDENT, lineGap: LINE_GAP, align: 'justify' });

  if (input.extraLines?.length) {
    doc.moveDown(0.5);
    for (const { label, value } of input.extraLines) indentedLine(`${label}：${value}`);
  }
  doc.moveDown(0.5);
  indentedLine(input.article);
  if (input.serviceMethod) indentedLine(`送达方式：${input.serviceMethod}`);

  // Signature: unit name centred over the date, the pair right-aligned two characters in from the margin.
  const signer = text(input.unitName);
  const signatureRoom = width - INDENT - (qrImage ? QR_SIZE + CM : 0);
  const signatureWidth = Math.min(Math.max(doc.widthOfString(signer), doc.widthOfString(date)) + 1, signatureRoom);
  const signatureHeight = doc.heightOfString(signer, { width: signatureWidth, lineGap: LINE_GAP }) + doc.currentLineHeight(true) + LINE_GAP;
  const caption = input.qr ? text(input.qr.caption) : '';
  const captionWidth = QR_SIZE + CM;
  const qrHeight = qrImage ? QR_SIZE + 4 + doc.fontSize(CAPTION_SIZE).heightOfString(caption, { width: captionWidth }) : 0;
  doc.fontSize(BODY_SIZE);
  let top = doc.y + 2 * BODY_SIZE;
  // The signature (and QR code) is never split across pages: it moves to the next page whole.
  if (top + Math.max(signatureHeight, qrHeight) > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    top = doc.page.margins.top;
  }
  const signatureX = left + width - INDENT - signatureWidth;
  doc.text(signer, signatureX, top + Math.max(0, qrHeight - signatureHeight), { width: signatureWidth, align: 'center', lineGap: LINE_GAP });
  doc.text(date, signatureX, doc.y, { width: signatureWidth, align: 'center' });
  if (qrImage) {
    doc.image(qrImage, left, top, { width: QR_SIZE, height: QR_SIZE });
    doc.fontSize(CAPTION_SIZE).text(caption, left - CM / 2, top + QR_SIZE + 4, { width: captionWidth, align: 'center' });
  }

  const pages = doc.bufferedPageRange();
  if (pages.count > 1) {
    for (let index = 0; index < pages.count; index++) {
      doc.switchToPage(pages.start + index);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not start yet another page
      const y = doc.page.height - bottom / 2 - CAPTION_SIZE / 2;
      doc.fontSize(CAPTION_SIZE).text(`第${index + 1}页 共${pages.count}页`, left, y, { width, align: 'center' });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return finished;
}

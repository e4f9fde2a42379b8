/**
 * What a file is, judged from its bytes (magic numbers), never from its name or the Content-Type the
 * client sent. A small signature table for exactly the kinds a petition file holds; everything else is
 * named as well as it can be (so that a refusal can say "this is a Windows program") and refused.
 */
export interface DetectedType {
  /** Stable key, e.g. 'pdf', 'elf'. */
  kind: string;
  mediaType: string;
  label: { 'zh-CN': string; en: string };
  /** Extensions a file of this kind may carry, lower case; empty for kinds that are refused. */
  extensions: string[];
  allowed: boolean;
  /** Browsers may show it in place (images and PDF); everything else is offered as a download. */
  inline: boolean;
}

function allowed(kind: string, mediaType: string, zh: string, en: string, extensions: string[], inline = false): DetectedType {
  return { kind, mediaType, label: { 'zh-CN': zh, en }, extensions, allowed: true, inline };
}

function refused(kind: string, zh: string, en: string): DetectedType {
  return { kind, mediaType: 'application/octet-stream', label: { 'zh-CN': zh, en }, extensions: [], allowed: false, inline: false };
}

export const KINDS = {
  pdf: allowed('pdf', 'application/pdf', 'PDF 文档', 'PDF document', ['pdf'], true),
  jpeg: allowed('jpeg', 'image/jpeg', 'JPEG 图片', 'JPEG image', ['jpg', 'jpeg'], true),
  png: allowed('png', 'image/png', 'PNG 图片', 'PNG image', ['png'], true),
  gif: allowed('gif', 'image/gif', 'GIF 图片', 'GIF image', ['gif'], true),
  webp: allowed('webp', 'image/webp', 'WebP 图片', 'WebP image', ['webp'], true),
  // Browsers other than Safari do not show TIFF: offered as a download.
  tiff: allowed('tiff', 'image/tiff', 'TIFF 图片', 'TIFF image', ['tif', 'tiff']),
  doc: allowed('doc', 'application/msword', 'Word 97-2003 文档', 'Word 97-2003 document', ['doc']),
  xls: allowed('xls', 'application/vnd.ms-excel', 'Excel 97-2003 工作簿', 'Excel 97-2003 workbook', ['xls']),
  docx: allowed('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word 文档', 'Word document', ['docx']),
  xlsx: allowed('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel 工作簿', 'Excel workbook', ['xlsx']),
  ofd: allowed('ofd', 'application/ofd', 'OFD 版式文档', 'OFD document', ['ofd']),
  text: allowed('text', 'text/plain; charset=utf-8', '纯文本', 'plain text', ['txt', 'csv']),
  elf: refused('elf', 'ELF 可执行文件', 'ELF executable'),
  pe: refused('pe', 'Windows 可执行程序（PE）', 'Windows executable (PE)'),
  macho: refused('macho', 'macOS 可执行程序（Mach-O）', 'macOS executable (Mach-O)'),
  script: refused('script', '脚本文件', 'script'),
  html: refused('html', 'HTML/SVG 网页', 'HTML/SVG page'),
  zip: refused('zip', 'ZIP 压缩包', 'ZIP archive'),
  ole: refused('ole', '未知的 OLE 复合文档', 'unknown OLE compound document'),
  archive: refused('archive', '压缩包', 'archive'),
  empty: refused('empty', '空文件', 'empty file'),
  unknown: refused('unknown', '无法识别的二进制文件', 'unrecognised binary file'),
} satisfies Record<string, DetectedType>;

function startsWith(bytes: Buffer, signature: number[] | string, offset = 0): boolean {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
}

/** The names of a ZIP's entries, from its local file headers (enough to tell OOXML and OFD apart from other ZIPs). */
export function zipEntryNames(bytes: Buffer, limit = 2000): string[] {
  const names: string[] = [];
  let offset = 0;
  while (names.length < limit && offset + 30 <= bytes.length && bytes.readUInt32LE(offset) === 0x04034b50) {
    const flags = bytes.readUInt16LE(offset + 6);
    const compressedSize = bytes.readUInt32LE(offset + 18);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const extraLength = bytes.readUInt16LE(offset + 28);
    names.push(bytes.subarray(offset + 30, offset + 30 + nameLength).toString('utf8'));
    // A streamed entry (bit 3) has its size after the data: fall back to the central directory.
    if (flags & 0x08) return centralDirectoryNames(bytes, limit);
    offset += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

function centralDirectoryNames(bytes: Buffer, limit: number): string[] {
  // End of central directory: the last 22 bytes, or up to 64 KiB earlier when there is a comment.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= from; end--) {
    if (bytes.readUInt32LE(end) !== 0x06054b50) continue;
    const count = bytes.readUInt16LE(end + 10);
    let offset = bytes.readUInt32LE(end + 16);
    const names: string[] = [];
    for (let i = 0; i < count && names.length < limit && offset + 46 <= bytes.length; i++) {
      if (bytes.readUInt32LE(offset) !== 0x02014b50) break;
      const nameLength = bytes.readUInt16LE(offset + 28);
      const extraLength = bytes.readUInt16LE(offset + 30);
      const commentLength = bytes.readUInt16LE(offset + 32);
      names.push(bytes.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return [];
}

function zipKind(bytes: Buffer): DetectedType {
  const names = new Set(zipEntryNames(bytes));
  if (names.has('[Content_Types].xml') && names.has('word/document.xml')) return KINDS.docx;
  if (names.has('[Content_Types].xml') && names.has('xl/workbook.xml')) return KINDS.xlsx;
  if (names.has('OFD.xml')) return KINDS.ofd;
  return KINDS.zip;
}

/** Word and Excel 97-2003 are OLE compound files; their root stream is named in UTF-16 in the directory. */
function oleKind(bytes: Buffer): DetectedType {
  const has = (name: string) => bytes.includes(Buffer.from(name, 'utf16le'));
  if (has('WordDocument')) return KINDS.doc;
  if (has('Workbook') || has('Book\u0000')) return KINDS.xls;
  return KINDS.ole;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function textKind(bytes: Buffer): DetectedType {
  if (bytes.includes(0)) return KINDS.unknown;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return KINDS.unknown;
  }
  const head = text.slice(0, 1024).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('#!')) return KINDS.script;
  // Markup would run as a page if anything ever served it as HTML: not a text attachment.
  if (/^<(!doctype\s+html|html|head|body|script|svg|\?xml[^>]*>\s*<svg)/.test(head)) return KINDS.html;
  // Other control characters than tab, line feed, form feed and carriage return: not text a person wrote.
  if (/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return KINDS.unknown;
  return KINDS.text;
}

export function detectType(bytes: Buffer): DetectedType {
  if (bytes.length === 0) return KINDS.empty;
  if (startsWith(bytes, '%PDF-')) return KINDS.pdf;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return KINDS.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return KINDS.gif;
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return KINDS.webp;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return KINDS.tiff;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return oleKind(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return zipKind(bytes);
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return KINDS.elf;
  if (startsWith(bytes, 'MZ')) return KINDS.pe;
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(bytes, s))) {
    return KINDS.macho;
  }
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21]) || startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf]) || startsWith(bytes, [0x1f, 0x8b])) return KINDS.archive;
  return textKind(bytes);
}

/** The extension of a display name, lower case, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const match = /\.([^.]+)$/.exec(fileName);
  return match ? match[1].toLowerCase() : '';
}

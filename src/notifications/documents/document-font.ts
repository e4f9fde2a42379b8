import { existsSync, readFileSync } from 'node:fs';
import { LocalizedHttpError } from '../../common/errors';

/**
 * No font with Chinese glyphs: a notice without one would print as empty boxes, so none is printed.
 * For a caller it is the server that is not ready (503), not their request that is wrong; the English
 * message names the fix for the operator, and is what the dispatcher records as a failure reason.
 */
export class DocumentFontMissingError extends LocalizedHttpError {
  override readonly name = 'DocumentFontMissingError';

  constructor(detail: string) {
    super(503, { 'zh-CN': '服务器缺少中文字体，暂时无法生成 PDF 文书，请联系系统管理员（设置 NOTICE_FONT_PATH 或安装 fonts-noto-cjk）', en: detail });
  }
}

export interface DocumentFont {
  path: string;
  /** PostScript name of the font to take from a collection (.ttc); unset for a single-font file. */
  family?: string;
}

/** Debian's fonts-noto-cjk. Song (serif) first: official Chinese documents are set in Song. */
const SYSTEM_FONTS: DocumentFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

const HINT = 'set NOTICE_FONT_PATH or install the Debian package fonts-noto-cjk';

/** Resolved on every call (two stat calls), so a changed NOTICE_FONT_PATH takes effect. */
export function documentFont(): DocumentFont {
  const configured = process.env.NOTICE_FONT_PATH?.trim();
  if (configured) {
    // A configured font that is not there is a deployment mistake: falling back would hide it.
    if (!existsSync(configured)) {
      throw new DocumentFontMissingError(`No CJK font for PDF notices: NOTICE_FONT_PATH=${configured} does not exist; ${HINT}`);
    }
    const family = process.env.NOTICE_FONT_FAMILY?.trim() || undefined;
    if (!family && /\.(ttc|otc)$/i.test(configured)) {
      throw new DocumentFontMissingError(
        `NOTICE_FONT_PATH=${configured} is a font collection: set NOTICE_FONT_FAMILY to the PostScript name of one of its fonts (e.g. NotoSerifCJKsc-Regular)`,
      );
    }
    return { path: configured, family };
  }
  const installed = SYSTEM_FONTS.find((font) => existsSync(font.path));
  if (!installed) throw new DocumentFontMissingError(`No CJK font for PDF notices: ${HINT}`);
  return { ...installed };
}

// The Noto CJK collections are 20–30 MB: read once per process, not once per notice.
const bytesByPath = new Map<string, Buffer>();

export function documentFontBytes(path: string): Buffer {
  let bytes = bytesByPath.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    bytesByPath.set(path, bytes);
  }
  return bytes;
}

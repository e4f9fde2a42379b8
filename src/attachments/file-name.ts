import { toWellFormedText } from '../common/text';

/** Longest display name kept, in characters (the extension is kept whole). */
export const MAX_FILE_NAME_CHARS = 120;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * The multipart parser reads a `filename="…"` parameter as Latin-1 (no charset is declared), while
 * browsers send the UTF-8 bytes: undo that. A name that is not valid UTF-8 keeps what it can (the
 * bad bytes become U+FFFD and are then dropped). A name already decoded from `filename*=UTF-8''…`
 * (characters above U+00FF) is left as it is, and so is a name in Latin-1 that is no UTF-8 at all.
 */
export function decodeMultipartName(raw: string): string {
  if (/[^\u0000-\u00ff]/.test(raw)) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Not UTF-8: text really in Latin-1 (filename*=ISO-8859-1''…) has no C1 controls; broken UTF-8 does.
    return /[\u0080-\u009f]/.test(raw) ? lenientUtf8.decode(bytes) : raw;
  }
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A display name that is safe to store, list and send back in Content-Disposition: the last path
 * segment only, no control or format characters (bidi overrides such as U+202E would make
 * "exe.pdf" read as "fdp.exe"), none of the characters Windows reserves, no leading dots, at most
 * MAX_FILE_NAME_CHARS characters with the extension kept. Chinese and other letters are kept.
 */
export function sanitizeFileName(raw: string, fallback = '附件'): string {
  let name = toWellFormedText(decodeMultipartName(raw));
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[\t\n\v\f\r]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFD]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  const chars = [...name];
  if (chars.length > MAX_FILE_NAME_CHARS) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? [...name.slice(dot)] : [];
    const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
    name = chars.slice(0, MAX_FILE_NAME_CHARS - keep.length).join('').replace(/[\s.]+$/, '') + keep.join('');
  }
  return name || fallback;
}

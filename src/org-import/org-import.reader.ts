import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { LocalizedHttpError } from '../common/errors';
import { isWellFormedText, toWellFormedText } from '../common/text';
import { columnKeyOf, SheetKey, sheetKeyOf, SHEETS, SheetSpec } from './org-import.format';
import { ImportProblem, problem } from './org-import.messages';

/** An upload's size limit: a city's workbook of 20,000 accounts is about 1 MB. */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** Rows per sheet or CSV file, and in the whole upload. */
export const MAX_ROWS_PER_SHEET = 60_000;
export const MAX_ROWS = 120_000;
/** What a workbook may unpack to (its XML), checked before the workbook is parsed: a zip bomb stops here. */
const MAX_UNPACKED_BYTES = 96 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 200;
const MAX_COLUMNS = 32;

export interface ImportRow {
  sheet: SheetKey;
  /** The row number as a spreadsheet program shows it (the header is row 1). */
  row: number;
  values: Record<string, string>;
  /** Columns whose cell was already reported (a formula without a value…): not reported again as empty. */
  reported?: string[];
}

export interface ReadResult {
  rows: Record<SheetKey, ImportRow[]>;
  problems: ImportProblem[];
}

const notAWorkbook = () =>
  new LocalizedHttpError(422, {
    'zh-CN': '文件不是有效的 Excel 工作簿（.xlsx），请用导入模板另存后再上传',
    en: 'The file is not a valid Excel workbook (.xlsx); save it from the import template and upload it again',
  });

export const tooManyRows = () =>
  new LocalizedHttpError(413, {
    'zh-CN': `导入文件的行数过多：每个工作表（或 CSV 文件）最多 ${MAX_ROWS_PER_SHEET} 行，合计最多 ${MAX_ROWS} 行，请分批导入`,
    en: `The import has too many rows: at most ${MAX_ROWS_PER_SHEET} per sheet (or CSV file) and ${MAX_ROWS} in all; import in parts`,
  });

const unpacksTooLarge = () =>
  new LocalizedHttpError(413, {
    'zh-CN': '工作簿解压后过大（可能是压缩炸弹或含大量无关内容），请只保留导入模板中的工作表后再上传',
    en: 'The workbook unpacks to too much data (a zip bomb, or much unrelated content); keep only the template’s sheets and upload it again',
  });

const notUtf8 = (sheet: SheetKey) =>
  new LocalizedHttpError(422, {
    'zh-CN': `${SHEETS[sheet].label} CSV 文件不是 UTF-8 编码。请在 Excel 中另存为「CSV UTF-8（逗号分隔）」后再上传`,
    en: `The ${sheet} CSV file is not UTF-8 encoded. In Excel, save it as "CSV UTF-8 (comma delimited)" and upload it again`,
  });

// ---- workbook ---------------------------------------------------------------------------------

/**
 * Unpacks every part of the zip once with a budget, before the workbook is parsed: the sizes a zip
 * declares can lie, what zlib hands out cannot (maxOutputLength). Counts the rows of each worksheet
 * on the way, so that a sheet of a million rows is refused before it is parsed.
 */
function checkZip(buffer: Buffer): void {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buffer.length) throw notAWorkbook();
  const entries = buffer.readUInt16LE(eocd + 10);
  const directoryOffset = buffer.readUInt32LE(eocd + 16);
  if (entries > MAX_ZIP_ENTRIES) throw unpacksTooLarge();
  let budget = MAX_UNPACKED_BYTES;
  let cursor = directoryOffset;
  for (let i = 0; i < entries; i++) {
    if (cursor + 46 > buffer.length || buffer.readUInt32LE(cursor) !== 0x02014b50) throw notAWorkbook();
    const method = buffer.readUInt16LE(cursor + 10);
    const compressedSize = buffer.readUInt32LE(cursor + 20);
    const nameLength = buffer.readUInt16LE(cursor + 28);
    const extraLength = buffer.readUInt16LE(cursor + 30);
    const commentLength = buffer.readUInt16LE(cursor + 32);
    const localOffset = buffer.readUInt32LE(cursor + 42);
    const name = buffer.toString('utf8', cursor + 46, cursor + 46 + nameLength);
    cursor += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== 0x04034b50) throw notAWorkbook();
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buffer.length) throw notAWorkbook();
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    let unpacked: Buffer;
    if (method === 0) unpacked = data;
    else if (method === 8) {
      try {
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw unpacksTooLarge();
        throw notAWorkbook();
      }
    } else throw notAWorkbook();
    budget -= unpacked.length;
    if (budget < 0) throw unpacksTooLarge();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name) && countRows(unpacked) > MAX_ROWS_PER_SHEET + 1) throw tooManyRows();
  }
}

function countRows(xml: Buffer): number {
  const marker = Buffer.from('<row');
  let count = 0;
  for (let at = xml.indexOf(marker); at >= 0; at = xml.indexOf(marker, at + marker.length)) count++;
  return count;
}

/** A cell's value as text. Formulas are never evaluated: the value the spreadsheet saved is taken. */
function cellText(value: ExcelJS.CellValue): { text: string } | { problem: 'formulaWithoutValue' | 'cellError' } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: Number.isInteger(value) ? value.toFixed(0) : String(value) };
  if (typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('error' in value) return { problem: 'cellError' };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null) return { problem: 'formulaWithoutValue' };
    return cellText(result);
  }
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return { text: '' };
}

export async function readWorkbook(buffer: Buffer): Promise<ReadResult> {
  checkZip(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw notAWorkbook();
  }
  const result: ReadResult = { rows: { regions: [], units: [], users: [] }, problems: [] };
  const seen = new Set<SheetKey>();
  for (const worksheet of workbook.worksheets) {
    const key = sheetKeyOf(worksheet.name);
    // Other sheets (the template's notes, the operator's own workings) are not imported.
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const table: string[][] = [];
    const cellProblems = new Map<string, { code: string; cell: string }>();
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        if (columnNumber > MAX_COLUMNS) return;
        const text = cellText(cell.value);
        if ('problem' in text) {
          cellProblems.set(`${rowNumber}:${columnNumber}`, { code: text.problem, cell: cell.address });
          cells[columnNumber - 1] = '';
        } else cells[columnNumber - 1] = text.text;
      });
      table[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
    });
    const read = fromTable(SHEETS[key], Array.from(table, (r) => r ?? []), cellProblems);
    result.rows[key] = read.rows;
    result.problems.push(...read.problems);
  }
  if (seen.size === 0) {
    throw new LocalizedHttpError(422, {
      'zh-CN': '工作簿中没有可导入的工作表：工作表名称须为「区划 regions」「单位 units」「账号 users」之一（见导入模板）',
      en: 'The workbook has no sheet to import: name the sheets "区划 regions", "单位 units" or "账号 users" (see the import template)',
    });
  }
  return result;
}

// ---- CSV --------------------------------------------------------------------------------------

/** RFC 4180: commas, double quotes around a field, "" for a quote inside one; CRLF or LF. */
function parseCsv(text: string): { table: string[][]; unterminatedAt: number | null } {
  const table: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStartLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      table.push(row);
      row = [];
      field = '';
      line++;
      rowStartLine = line;
      if (table.length > MAX_ROWS_PER_SHEET + 1) throw tooManyRows();
    } else field += c;
  }
  if (quoted) return { table, unterminatedAt: rowStartLine };
  if (field !== '' || row.length > 0) {
    row.push(field);
    table.push(row);
  }
  return { table, unterminatedAt: null };
}

export function readCsv(sheet: SheetKey, bytes: Buffer): ReadResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(sheet);
  }
  const { table, unterminatedAt } = parseCsv(text.replace(/^\uFEFF/, ''));
  const read = fromTable(SHEETS[sheet], table);
  const problems = [...read.problems];
  if (unterminatedAt !== null) problems.push(problem(sheet, unterminatedAt, null, 'unterminatedQuote'));
  return { rows: { regions: [], units: [], users: [], [sheet]: read.rows }, problems };
}

// ---- rows -------------------------------------------------------------------------------------

/** The header row names the columns; every later row that is not empty becomes a row to import. */
function fromTable(
  sheet: SheetSpec,
  table: string[][],
  cellProblems = new Map<string, { code: string; cell: string }>(),
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const header = table[0] ?? [];
  const keys: (string | null)[] = header.slice(0, MAX_COLUMNS).map((cell, index) => {
    const text = cell.trim();
    if (!text) return null;
    const key = columnKeyOf(sheet, text);
    if (!key) problems.push(problem(sheet.key, 1, null, 'unknownColumn', { value: text, column: index + 1 }));
    return key;
  });
  for (const column of sheet.columns) {
    const count = keys.filter((k) => k === column.key).length;
    if (column.required && count === 0) problems.push(problem(sheet.key, 1, column.key, 'missingColumn'));
    if (count > 1) problems.push(problem(sheet.key, 1, column.key, 'duplicateColumn'));
  }
  const rows: ImportRow[] = [];
  for (let index = 1; index < table.length; index++) {
    const cells = table[index] ?? [];
    if (cells.every((c) => !c || !c.trim())) continue;
    const values: Record<string, string> = {};
    const reported: string[] = [];
    keys.forEach((key, column) => {
      if (!key) return;
      const cellProblem = cellProblems.get(`${index + 1}:${column + 1}`);
      if (cellProblem) {
        problems.push(problem(sheet.key, index + 1, key, cellProblem.code, { cell: cellProblem.cell }));
        reported.push(key);
        values[key] = '';
        return;
      }
      // Trimmed, with the ideographic space: what a person typed around a code is not part of it.
      const text = (cells[column] ?? '').trim();
      const spec = sheet.columns.find((c) => c.key === key)!;
      if (!isWellFormedText(text) || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
        problems.push(problem(sheet.key, index + 1, key, 'malformedText'));
        // Kept (made storable) rather than emptied, so the row is not also reported as missing the value.
        values[key] = toWellFormedText(text).replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
      } else {
        if (text.length > spec.maxLength) problems.push(problem(sheet.key, index + 1, key, 'tooLong', { max: spec.maxLength }));
        values[key] = text;
      }
    });
    rows.push({ sheet: sheet.key, row: index + 1, values, reported });
  }
  return { rows, problems };
}

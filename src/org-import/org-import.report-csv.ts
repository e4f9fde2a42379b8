import type { ImportReport } from './org-import.service';

/**
 * A cell a spreadsheet program would read as a formula (=, +, -, @, or a tab or carriage return
 * before one) gets a leading apostrophe: the report echoes what the uploaded file said, and opening
 * it must not run what a hostile file put there (CSV injection). Every cell is quoted.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The problems of a report as CSV (UTF-8 with a BOM, so that Excel reads the Chinese). */
export function reportCsv(report: ImportReport): string {
  const lines = [['工作表 sheet', '行号 row', '列 column', '值 value', '原因', 'reason'].map(csvCell).join(',')];
  for (const p of report.problems) {
    const column = p.columnLabel ? `${p.columnLabel} (${p.column})` : '';
    lines.push([`${p.sheetLabel} ${p.sheet}`, p.row, column, p.value, p.reason, p.reasonEn].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

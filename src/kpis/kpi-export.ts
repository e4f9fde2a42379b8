import ExcelJS from 'exceljs';
import { CATEGORY_NAMES_ZH } from '../petitions/petition-labels';
import type { Category } from '../petitions/petition.types';
import { LEVEL_NAMES_ZH } from '../reports/overdue-export';
import { COUNTS, CountName, RateName, RATES } from './kpi-formulas';
import type { KpiCase, KpiReport } from './kpis.service';

/** Chinese column names of the counts. */
export const COUNT_NAMES_ZH: Record<CountName, string> = {
  received: '接收',
  accepted: '受理',
  declined: '不予受理',
  diverted: '转入其他途径',
  transferred: '转送交办',
  returned: '退回',
  referred: '提请裁决',
  'dispute-decided': '裁决争议',
  extended: '延期',
  'review-decided': '复查复核决定',
  'reply-revoked': '意见被撤销',
  reminded: '提醒',
  supervised: '督办',
  'discipline-recommended': '建议追责',
  'level-skip': '越级访',
  collective: '集体访',
  repeated: '重复信访',
  overdue: '超期',
};

/**
 * The KPI table as a workbook: sheet 考核指标 with one row per unit, region or tier — each rate as a
 * percentage (empty when there is no data, never 0) followed by its numerator and denominator, then
 * the counts — and sheet 指标说明 with each rate's formula and source.
 */
export async function kpiWorkbook(report: KpiReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('考核指标', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const rateNames = Object.keys(RATES) as RateName[];
  const countNames = [...COUNTS, 'overdue'] as CountName[];
  sheet.columns = [
    { header: '代码', key: 'code', width: 16 },
    { header: '名称', key: 'name', width: 28 },
    { header: '层级', key: 'level', width: 8 },
    ...rateNames.flatMap((name) => [
      { header: RATES[name].name, key: name, width: 14, style: { numFmt: '0.0%' } },
      { header: `${RATES[name].name}·分子`, key: `${name}.n`, width: 10 },
      { header: `${RATES[name].name}·分母`, key: `${name}.d`, width: 10 },
    ]),
    ...countNames.map((name) => ({ header: COUNT_NAMES_ZH[name], key: name, width: 10 })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    sheet.addRow({
      code: row.code,
      name: row.kind === 'tier' && row.level ? `${row.name}·${LEVEL_NAMES_ZH[row.level]}级` : row.name,
      level: row.level ? LEVEL_NAMES_ZH[row.level] : '',
      ...Object.fromEntries(
        rateNames.flatMap((name) => [
          [name, row.rates[name].rate ?? null],
          [`${name}.n`, row.rates[name].numerator],
          [`${name}.d`, row.rates[name].denominator],
        ]),
      ),
      ...Object.fromEntries(countNames.map((name) => [name, row.counts[name]])),
    });
  }
  const notes = workbook.addWorksheet('指标说明');
  notes.columns = [
    { header: '指标', key: 'name', width: 20 },
    { header: '计算公式', key: 'formula', width: 80 },
    { header: '依据', key: 'source', width: 50 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const name of rateNames) notes.addRow({ name: RATES[name].name, formula: RATES[name].formula, source: RATES[name].source });
  notes.addRow({ name: `统计期间`, formula: `${report.from} 至 ${report.to}`, source: '无数据的指标留空，不作 0 或 100% 计' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The cases behind a figure as a workbook: sheet 案件明细, one row per fact, dates as dates. */
export async function kpiCasesWorkbook(cases: { total: number; items: KpiCase[] }, heading: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('案件明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([cases.total > cases.items.length ? `${heading}（共 ${cases.total} 件，导出最新 ${cases.items.length} 件）` : `${heading}（共 ${cases.total} 件）`]);
  sheet.columns = [
    { key: 'number', width: 26 },
    { key: 'category', width: 14 },
    { key: 'doneAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { key: 'dueAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { key: 'met', width: 10 },
  ];
  sheet.addRow(['信访事项编号', '类别', '办理时间', '期限', '是否达标']).font = { bold: true };
  // Excel has no time zones: China time, as the screen shows it.
  const china = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000);
  for (const item of cases.items) {
    sheet.addRow({
      number: item.number,
      category: CATEGORY_NAMES_ZH[item.category as Category] ?? item.category,
      doneAt: china(item.doneAt),
      dueAt: item.dueAt ? china(item.dueAt) : null,
      met: item.met ? '达标' : '未达标',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

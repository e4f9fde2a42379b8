import ExcelJS from 'exceljs';
import { COUNTS, type CountName, type RateName, RATES } from '../kpis/kpi-formulas';
import { COUNT_NAMES_ZH } from '../kpis/kpi-export';
import { LEVELS } from '../org/org.types';
import { CHANNELS, PETITION_STATUSES, REVIEW_STAGES } from '../petitions/petition.types';
import { LEVEL_NAMES_ZH } from '../reports/overdue-export';
import {
  CATEGORY_NAMES_ZH,
  CATEGORY_ORDER,
  CHANNEL_NAMES_ZH,
  ENTRY_TIER_NAMES_ZH,
  OUTCOME_NAMES_ZH,
  REVIEW_FIGURE_NAMES_ZH,
  REVIEW_STAGE_NAMES_ZH,
  STATUS_NAMES_ZH,
} from './annual-report-labels';
import { OUTCOMES, type AnnualReport, type EntryTier, type ReviewFigures } from './annual-report.types';

/** The sheet names, in order: one per section of the report (the tests and the README name them). */
export const SHEETS = {
  overview: '概况',
  totals: '信访总量',
  rates: '考核指标',
  counts: '考核计数',
  trend: '月度走势',
  overdue: '超期单位',
  levelSkipCollective: '越级访与集体访',
  categories: '集中事项',
  words: '高频词',
  reviews: '复查复核',
  notes: '指标说明',
} as const;

const NO_DATA = '无数据';

/** A month (YYYY-MM) as the date of its first day: Excel sorts and filters it as a date. */
function monthDate(month: string): Date {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1, 1));
}

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  return ws;
}

/**
 * 信访工作年度报告 as a workbook with the same numbers as the PDF, one sheet per section (SHEETS):
 * counts as numbers, rates as numbers formatted as percentages (无数据 where nothing was measured,
 * never 0), months and dates as dates.
 */
export async function annualReportWorkbook(report: AnnualReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '信访工作流程平台';
  workbook.created = new Date(report.generatedAt);
  const { petitions, kpis } = report;
  const year = report.year;

  const overview = sheet(workbook, SHEETS.overview, [
    { header: '项目', key: 'item', width: 22 },
    { header: '内容', key: 'value', width: 48 },
  ]);
  overview.addRows([
    { item: '报告', value: `${report.region.name}${year}年度信访工作报告` },
    { item: '区域', value: report.region.name },
    { item: '区划代码', value: report.region.code },
    { item: '年度', value: year },
    { item: '统计起始日', value: new Date(Date.UTC(year, 0, 1)) },
    { item: '统计截止日', value: new Date(Date.UTC(year, 11, 31)) },
    { item: '生成时间', value: new Date(report.generatedAt) },
    { item: '年度已结束', value: report.complete ? '是' : '否（数据截至生成时间）' },
    { item: '全年登记信访事项', value: petitions.total },
    { item: '越级访', value: report.levelSkip.total },
    { item: '集体访', value: report.collective.total },
    { item: '依据', value: '《信访工作条例》第四十一条；日期为北京时间' },
  ]);
  for (const row of [6, 7]) overview.getRow(row).getCell(2).numFmt = 'yyyy-mm-dd';
  overview.getRow(8).getCell(2).numFmt = 'yyyy-mm-dd hh:mm';

  const totals = sheet(workbook, SHEETS.totals, [
    { header: '分类方式', key: 'by', width: 14 },
    { header: '项目', key: 'item', width: 28 },
    { header: '件数', key: 'count', width: 10 },
  ]);
  const addCounts = <K extends string>(by: string, keys: readonly K[], counts: Record<K, number>, names: Record<K, string>) => {
    for (const key of keys) totals.addRow({ by, item: names[key], count: counts[key] });
  };
  totals.addRow({ by: '合计', item: '全年登记信访事项', count: petitions.total });
  addCounts('类别', CATEGORY_ORDER, petitions.byCategory, CATEGORY_NAMES_ZH);
  addCounts('渠道', CHANNELS, petitions.byChannel, CHANNEL_NAMES_ZH);
  addCounts('来访层级', [...LEVELS, 'unknown'] as EntryTier[], petitions.byEntryTier, ENTRY_TIER_NAMES_ZH);
  addCounts('办理结果', OUTCOMES, petitions.byOutcome, OUTCOME_NAMES_ZH);
  addCounts('当前状态', PETITION_STATUSES, petitions.byStatus, STATUS_NAMES_ZH);

  const rateNames = Object.keys(RATES) as RateName[];
  const rates = sheet(workbook, SHEETS.rates, [
    { header: '指标', key: 'name', width: 20 },
    { header: '本年度', key: 'rate', width: 12, style: { numFmt: '0.0%' } },
    { header: '分子', key: 'numerator', width: 10 },
    { header: '分母', key: 'denominator', width: 10 },
  ]);
  for (const name of rateNames) {
    const rate = kpis.year.rates[name];
    rates.addRow({ name: RATES[name].name, rate: rate.rate ?? NO_DATA, numerator: rate.numerator, denominator: rate.denominator });
  }

  const countNames = [...COUNTS, 'overdue'] as CountName[];
  const counts = sheet(workbook, SHEETS.counts, [
    { header: '项目', key: 'name', width: 16 },
    { header: '件数', key: 'count', width: 10 },
  ]);
  for (const name of countNames) counts.addRow({ name: COUNT_NAMES_ZH[name], count: kpis.year.counts[name] });

  const trend = sheet(workbook, SHEETS.trend, [
    { header: '月份', key: 'month', width: 10, style: { numFmt: 'yyyy-mm' } },
    { header: '登记信访事项', key: 'received', width: 14 },
    ...rateNames.map((name) => ({ header: RATES[name].name, key: name, width: 14, style: { numFmt: '0.0%' } })),
    ...countNames.map((name) => ({ header: COUNT_NAMES_ZH[name], key: `count.${name}`, width: 10 })),
  ]);
  report.months.forEach((month, i) => {
    trend.addRow({
      month: monthDate(month),
      received: petitions.byMonth[i],
      ...Object.fromEntries(rateNames.map((name) => [name, kpis.trend.rates[name][i].rate ?? NO_DATA])),
      ...Object.fromEntries(countNames.map((name) => [`count.${name}`, kpis.trend.counts[name][i]])),
    });
  });

  const overdue = sheet(workbook, SHEETS.overdue, [
    { header: '排名', key: 'rank', width: 8 },
    { header: '单位代码', key: 'code', width: 28 },
    { header: '单位', key: 'name', width: 40 },
    { header: '层级', key: 'level', width: 8 },
    { header: '超期环节数', key: 'overdue', width: 12 },
  ]);
  report.overdueUnits.forEach((unit, i) =>
    overdue.addRow({ rank: i + 1, code: unit.code, name: unit.name, level: unit.level ? LEVEL_NAMES_ZH[unit.level] : '', overdue: unit.overdue }),
  );

  const skips = sheet(workbook, SHEETS.levelSkipCollective, [
    { header: '月份', key: 'month', width: 10, style: { numFmt: 'yyyy-mm' } },
    { header: '越级访', key: 'levelSkip', width: 10 },
    { header: '集体访', key: 'collective', width: 10 },
  ]);
  report.months.forEach((month, i) => skips.addRow({ month: monthDate(month), levelSkip: report.levelSkip.byMonth[i], collective: report.collective.byMonth[i] }));
  skips.addRow({ month: '全年', levelSkip: report.levelSkip.total, collective: report.collective.total });

  const categories = sheet(workbook, SHEETS.categories, [
    { header: '类别', key: 'category', width: 16 },
    { header: '件数', key: 'count', width: 10 },
    { header: '占比', key: 'share', width: 10, style: { numFmt: '0.0%' } },
  ]);
  for (const row of report.matters.byCategory) {
    categories.addRow({ category: CATEGORY_NAMES_ZH[row.category], count: row.count, share: petitions.total ? row.count / petitions.total : null });
  }

  const words = sheet(workbook, SHEETS.words, [
    { header: '排名', key: 'rank', width: 8 },
    { header: '词语', key: 'word', width: 16 },
    { header: '涉及事项数', key: 'count', width: 12 },
  ]);
  report.matters.words.forEach((row, i) => words.addRow({ rank: i + 1, word: row.word, count: row.count }));

  const figures = Object.keys(REVIEW_FIGURE_NAMES_ZH) as (keyof ReviewFigures)[];
  const reviews = sheet(workbook, SHEETS.reviews, [
    { header: '环节', key: 'stage', width: 8 },
    ...figures.map((f) => ({ header: REVIEW_FIGURE_NAMES_ZH[f], key: f, width: 14 })),
  ]);
  for (const stage of REVIEW_STAGES) reviews.addRow({ stage: REVIEW_STAGE_NAMES_ZH[stage], ...report.reviews[stage] });

  const notes = sheet(workbook, SHEETS.notes, [
    { header: '指标', key: 'name', width: 20 },
    { header: '计算公式', key: 'formula', width: 80 },
    { header: '依据', key: 'source', width: 50 },
  ]);
  for (const name of rateNames) notes.addRow({ name: RATES[name].name, formula: RATES[name].formula, source: RATES[name].source });
  notes.addRow({ name: NO_DATA, formula: '当期没有可计量的事项，比率不予计算（不作 0 或 100% 计）', source: '' });
  notes.addRow({
    name: '高频词',
    formula: `${report.matters.subjects} 件事项标题中两字及以上的词语，每件事项计一次；先去除身份证号、电话等个人信息，检举控告类事项不计`,
    source: '信访工作条例 第二十九条（检举控告内容不予公开）',
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import ExcelJS from 'exceljs';
import { COUNT_NAMES_ZH } from '../kpis/kpi-export';
import { RATES, type CountName } from '../kpis/kpi-formulas';
import type { ScorePart } from './score-formula';
import type { Tier } from './scoring-table';
import type { ScoreReport } from './scores.service';

const TIER_ZH: Record<Tier, string> = { county: '县（区）', township: '乡镇（街道）' };

/** The Chinese name of an indicator of the table (its key when the code does not know it). */
export function indicatorName(indicator: string): string {
  return (RATES as Record<string, { name: string }>)[indicator]?.name ?? COUNT_NAMES_ZH[indicator as CountName] ?? indicator;
}

/**
 * The ranking as a workbook: sheet 考核评分 with one row per county or township — rank, score (empty
 * when there is no data, never 0), then each indicator's value (a rate as a percentage, a count as a
 * number) — sheet 评分规则 with the table's rules as applied, and sheet 说明 with the month, whether it
 * is closed, the table version and the formula.
 */
export async function scoreWorkbook(report: ScoreReport, level: Tier): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const rules: ScorePart[] = [];
  for (const row of report.rows) for (const part of row.parts) if (!rules.some((r) => r.indicator === part.indicator)) rules.push(part);
  const sheet = workbook.addWorksheet('考核评分', { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = [
    { header: '排名', key: 'rank', width: 8 },
    { header: '代码', key: 'code', width: 14 },
    { header: '名称', key: 'name', width: 20 },
    { header: '得分', key: 'score', width: 10, style: { numFmt: '0.00' } },
    ...rules.map((rule) => ({
      header: rule.kind === 'weight' ? indicatorName(rule.indicator) : `${indicatorName(rule.indicator)}（次）`,
      key: rule.indicator,
      width: 14,
      style: rule.kind === 'weight' ? { numFmt: '0.0%' } : {},
    })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    sheet.addRow({
      rank: row.rank,
      code: row.regionCode,
      name: row.name,
      score: row.score,
      ...Object.fromEntries(row.parts.map((part) => [part.indicator, part.value])),
    });
  }
  const table = workbook.addWorksheet('评分规则');
  table.columns = [
    { header: '指标', key: 'name', width: 20 },
    { header: '代码', key: 'indicator', width: 26 },
    { header: '计分方式', key: 'kind', width: 12 },
    { header: '权重或每次扣分', key: 'points', width: 16 },
  ];
  table.getRow(1).font = { bold: true };
  for (const rule of rules) {
    table.addRow({ name: indicatorName(rule.indicator), indicator: rule.indicator, kind: rule.kind === 'weight' ? '加权' : '扣分', points: rule.points });
  }
  const notes = workbook.addWorksheet('说明');
  notes.columns = [
    { header: '项目', key: 'item', width: 16 },
    { header: '内容', key: 'text', width: 100 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.addRows([
    { item: '考核月份', text: report.period },
    { item: '层级', text: TIER_ZH[level] },
    { item: '状态', text: report.closed ? '已结算（保存的评分）' : '未结算（按最新评分表即时计算，未保存）' },
    { item: '评分表', text: `${report.decision.key} 第 ${report.decision.version} 版` },
    {
      item: '计算公式',
      text: '得分 = 100 × Σ(权重 × 比率) / Σ(权重)（只计有数据的比率）− Σ(每次扣分 × 次数)，不低于 0，保留两位小数；没有任何加权比率有数据时不评分（留空）',
    },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

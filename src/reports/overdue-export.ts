import type { StepKey } from '../camunda/process-contract';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { Level } from '../org/org.types';
import type { OverdueItem, OverdueStatus } from './overdue-report.service';

/** Chinese names of the process steps that appear in the report. */
/** Every step's name in the export; a step added to the processes without one fails the type check. */
export const STEP_NAMES_ZH: Record<StepKey, string> = {
  'forward-to-township': '代办转交乡镇',
  'accept-decision': '受理决定',
  'handle-petition': '调查核实',
  'reply-petition': '出具处理意见',
  'review-completion-report': '审核办结报告',
  'decide-dispute-county': '裁决办理单位',
  'decide-dispute-city': '裁决办理单位',
  'approve-extension': '审批延期',
  'decide-review': '复查决定',
  'decide-re-review': '复核决定',
  'schedule-hearing': '听证安排',
  'record-hearing': '听证笔录与结论',
};

export const LEVEL_NAMES_ZH: Record<Level, string> = { city: '市', county: '县', township: '乡', village: '村' };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;


/**
 * A moment as the Date Excel should show: Excel dates carry no time zone and exceljs writes a Date's
 * UTC fields, so the UTC fields are set to China wall time (UTC+8, no daylight saving).
 */
export function chinaWallClock(iso: string): Date {
  return new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
}

export const STATUS_NAMES_ZH: Record<OverdueStatus, string> = { overdue: '超期', 'near-due': '临期' };

/** The date part of a moment in China time, e.g. 2026-11-26 (for the file name). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

interface UnitSummary {
  unit: string;
  level: string;
  overdue: number;
  nearDue: number;
  maxDays: number;
}

function summaryOf(items: OverdueItem[]): UnitSummary[] {
  const units = new Map<string, UnitSummary>();
  for (const item of items) {
    const row = units.get(item.unit.code) ?? { unit: item.unit.name, level: LEVEL_NAMES_ZH[item.level] ?? item.level, overdue: 0, nearDue: 0, maxDays: 0 };
    if (item.status === 'overdue') {
      row.overdue += 1;
      row.maxDays = Math.max(row.maxDays, item.daysOverdue);
    } else row.nearDue += 1;
    units.set(item.unit.code, row);
  }
  return [...units.values()].sort((a, b) => b.overdue - a.overdue || b.nearDue - a.nearDue || a.unit.localeCompare(b.unit));
}

/**
 * The workbook of the overdue report, streamed as it is written (rows are committed one by one, so
 * 50,000 rows do not sit in memory as cell objects): sheet 超期督办 with one row per task, and sheet
 * 按单位汇总 with one row per unit.
 */
export function overdueWorkbookStream(items: OverdueItem[], at: Date): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '信访工作流程平台';
  workbook.created = at;

  void (async () => {
    const sheet = workbook.addWorksheet('超期督办', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '信访事项编号', key: 'number', width: 26 },
      { header: '事项标题', key: 'subject', width: 36 },
      { header: '办理环节', key: 'step', width: 16 },
      { header: '承办单位', key: 'unit', width: 28 },
      { header: '层级', key: 'level', width: 8 },
      // A real date cell (sortable, filterable in Excel), showing China wall time like the screen does.
      { header: '办理期限', key: 'due', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
      { header: '状态', key: 'status', width: 8 },
      // Never negative: how far past due (超期) or how long left (临期), the status column says which.
      { header: '超期/剩余天数', key: 'days', width: 14 },
      { header: '签收人', key: 'assignee', width: 16 },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const item of items) {
      sheet
        .addRow({
          number: item.petition.number,
          subject: item.petition.subject ?? '',
          step: STEP_NAMES_ZH[item.step as StepKey] ?? item.step,
          unit: item.unit.name,
          level: LEVEL_NAMES_ZH[item.level] ?? item.level,
          due: chinaWallClock(item.due),
          status: STATUS_NAMES_ZH[item.status],
          days: Math.abs(item.daysOverdue),
          assignee: item.assignee ?? '',
        })
        .commit();
    }
    sheet.commit();

    const summary = workbook.addWorksheet('按单位汇总');
    summary.columns = [
      { header: '承办单位', key: 'unit', width: 28 },
      { header: '层级', key: 'level', width: 8 },
      { header: '超期件数', key: 'overdue', width: 10 },
      { header: '临期件数', key: 'nearDue', width: 10 },
      { header: '最长超期天数', key: 'maxDays', width: 14 },
    ];
    summary.getRow(1).font = { bold: true };
    summary.getRow(1).commit();
    for (const row of summaryOf(items)) summary.addRow(row).commit();
    summary.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));

  return out;
}

/** The same workbook in one buffer (tests, small exports). */
export async function overdueWorkbook(items: OverdueItem[], at: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of overdueWorkbookStream(items, at)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

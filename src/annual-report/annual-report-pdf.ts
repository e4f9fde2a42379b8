import PDFDocument from 'pdfkit';
import { chinaDate } from '../clocks/deadline';
import { COUNTS, type CountName, type RateName, RATES } from '../kpis/kpi-formulas';
import { COUNT_NAMES_ZH } from '../kpis/kpi-export';
import { DocumentFontMissingError, documentFont, documentFontBytes } from '../notifications/documents/document-font';
import { LEVEL_NAMES_ZH } from '../reports/overdue-export';
import { CHANNELS, PETITION_STATUSES, REVIEW_STAGES } from '../petitions/petition.types';
import { LEVELS } from '../org/org.types';
import {
  CATEGORY_NAMES_ZH,
  CATEGORY_ORDER,
  CHANNEL_NAMES_ZH,
  ENTRY_TIER_NAMES_ZH,
  monthText,
  OUTCOME_NAMES_ZH,
  percentText,
  REVIEW_FIGURE_NAMES_ZH,
  REVIEW_STAGE_NAMES_ZH,
  STATUS_NAMES_ZH,
} from './annual-report-labels';
import { OUTCOMES, type AnnualReport, type EntryTier, type ReviewFigures } from './annual-report.types';
import { drawBarChart, drawLineChart } from './pdf-charts';

const FONT = 'report';
const CM = 72 / 2.54;
const MARGIN = 2 * CM;
const BODY_SIZE = 11;
const TABLE_SIZE = 9.5;
const CELL_PAD = 3;
const CHART_HEIGHT = 150;
/** The conventional mark for a character that cannot be printed (虚缺号). */
const MISSING = '□';
/** The rates the monthly table shows (all rates are in the year's table). */
const TREND_RATES: RateName[] = ['timelyAcceptance', 'onTimeClosure', 'satisfaction'];

interface Column {
  header: string;
  /** Share of the text width. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** pdfkit keeps the parsed font on an undocumented field; without it, every character is taken as printable. */
function glyphCheck(doc: PDFKit.PDFDocument): (codePoint: number) => boolean {
  const font = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })._font?.font;
  return typeof font?.hasGlyphForCodePoint === 'function' ? (c) => font.hasGlyphForCodePoint!(c) : () => true;
}

function share(count: number, total: number): string {
  return total === 0 ? '—' : `${((count / total) * 100).toFixed(1)}%`;
}

/** A rate's source as a Chinese reader needs it: the English glosses kept next to it in code are left out. */
function chineseSource(source: string): string {
  return source
    .split(';')
    .map((part) => part.replace(/\s*\([^)]*[A-Za-z][^)]*\)/g, '').trim())
    .filter((part) => part && !/[A-Za-z]/.test(part))
    .join('；');
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

function chinaDateText(moment: Date): string {
  const [year, month, day] = chinaDate(moment).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Writes the report top to bottom, keeping tables and charts off the page edge. */
class ReportWriter {
  private readonly hasGlyph: (codePoint: number) => boolean;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.hasGlyph = glyphCheck(doc);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Text the font can print: a character it lacks (a rare glyph in a subject word) becomes □, not an invisible box. */
  text(value: string): string {
    let out = '';
    for (const char of value.replace(/[\r\n\t]+/g, ' ')) {
      if (/\p{Cc}/u.test(char)) continue;
      out += this.hasGlyph(char.codePointAt(0)!) ? char : /[\p{Cf}\p{M}]/u.test(char) ? '' : MISSING;
    }
    return out;
  }

  /** Starts a new page when less than `height` is left on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(value: string): void {
    this.doc.fontSize(20).text(this.text(value), this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.moveDown(0.5);
  }

  centered(value: string, size = 10.5): void {
    this.doc.fontSize(size).fillColor('#333333').text(this.text(value), this.left, this.doc.y, { width: this.width, align: 'center' }).fillColor('black');
  }

  // A heading or subheading starts a new page rather than stand alone at the foot of one: room for it and a few table rows.
  heading(value: string): void {
    this.ensure(130);
    this.doc.moveDown(0.8).fontSize(15).text(this.text(value), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
  }

  subheading(value: string): void {
    this.ensure(110);
    this.doc.moveDown(0.4).fontSize(12).text(this.text(value), this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
  }

  paragraph(value: string, size = BODY_SIZE): void {
    this.doc.fontSize(size).text(this.text(value), this.left, this.doc.y, { width: this.width, indent: 2 * size, lineGap: 4, align: 'justify' });
    this.doc.moveDown(0.3);
  }

  note(value: string): void {
    this.doc.fontSize(8.5).fillColor('#555555').text(this.text(value), this.left, this.doc.y, { width: this.width, lineGap: 2 }).fillColor('black');
    this.doc.moveDown(0.3);
  }

  /** A ruled table; a row that does not fit goes to the next page under a repeated header. */
  table(columns: Column[], rows: (string | number)[][]): void {
    const doc = this.doc;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    doc.fontSize(TABLE_SIZE);
    const heightOf = (cells: string[]) =>
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 2 * CELL_PAD }))) + 2 * CELL_PAD;
    const draw = (cells: string[], header: boolean) => {
      const height = heightOf(cells);
      const top = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        if (header) doc.rect(x, top, widths[i], height).fill('#eef1f5');
        doc.rect(x, top, widths[i], height).lineWidth(0.5).strokeColor('#999999').stroke();
        doc.fillColor('black').text(cell, x + CELL_PAD, top + CELL_PAD, { width: widths[i] - 2 * CELL_PAD, align: header ? 'center' : (columns[i].align ?? 'left') });
        x += widths[i];
      });
      doc.x = this.left;
      doc.y = top + height;
    };
    const header = columns.map((c) => this.text(c.header));
    // The header never stands alone at the foot of a page: it goes over with the first rows.
    this.ensure(heightOf(header) * (1 + Math.min(3, rows.length)));
    draw(header, true);
    for (const row of rows) {
      const cells = row.map((cell) => this.text(String(cell)));
      if (doc.y + heightOf(cells) > this.bottom) {
        doc.addPage();
        doc.fontSize(TABLE_SIZE);
        draw(header, true);
      }
      draw(cells, false);
    }
    doc.moveDown(0.6);
  }

  /** Charts side by side (one or two), each CHART_HEIGHT high. */
  charts(draws: ((box: { x: number; y: number; width: number; height: number }) => void)[]): void {
    this.ensure(CHART_HEIGHT + 12);
    const gap = 16;
    const width = (this.width - gap * (draws.length - 1)) / draws.length;
    const y = this.doc.y + 4;
    draws.forEach((draw, i) => draw({ x: this.left + i * (width + gap), y, width, height: CHART_HEIGHT }));
    this.doc.x = this.left;
    this.doc.y = y + CHART_HEIGHT + 8;
  }
}

/**
 * 信访工作年度报告 as an A4 PDF in a CJK font (the notices' font, src/notifications/documents/document-font.ts):
 * the figures of each section as tables, with vector charts of the monthly registrations, the monthly
 * on-time closure rate and the totals by category. A missing font throws DocumentFontMissingError (503).
 */
export async function renderAnnualReportPdf(report: AnnualReport): Promise<Buffer> {
  const font = documentFont();
  const generatedAt = new Date(report.generatedAt);
  const title = `${report.region.name}${report.year}年度信访工作报告`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true, // page numbers are written once the page count is known
    lang: 'zh-CN',
    info: { Title: title, Creator: 'petition-workflow', Producer: 'petition-workflow', CreationDate: generatedAt, ModDate: generatedAt },
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
    const named = font.family ? `${font.path} (${font.family})` : font.path;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentFontMissingError(`No usable CJK font for PDF documents: ${named}: ${reason}; check NOTICE_FONT_PATH and NOTICE_FONT_FAMILY`);
  }

  const w = new ReportWriter(doc);
  const { petitions, kpis } = report;
  const months = report.months.map((m) => `${Number(m.slice(5))}月`);

  w.title(title);
  w.centered(`统计范围：${report.region.name}（区划代码 ${report.region.code}）及其下辖全部区域`);
  w.centered(
    `统计期间：${report.year}年1月1日至${report.year}年12月31日（北京时间）` + (report.complete ? '' : `；本年度尚未结束，数据截至${chinaDateText(generatedAt)}`),
  );
  w.centered(`生成时间：${chinaDateText(generatedAt)}　依据：《信访工作条例》第四十一条`);
  doc.moveDown(0.5);

  // 一、总体情况
  w.heading('一、信访事项总体情况');
  w.paragraph(
    `全年登记信访事项 ${petitions.total} 件。其中` +
      CATEGORY_ORDER.map((c) => `${CATEGORY_NAMES_ZH[c]} ${petitions.byCategory[c]} 件`).join('、') +
      `；集体访 ${report.collective.total} 件，越级访 ${report.levelSkip.total} 件；已受理 ${petitions.byOutcome.accepted} 件，已出具处理意见 ${petitions.byOutcome.replied} 件，终结 ${petitions.byOutcome.concluded} 件。`,
  );
  w.charts([
    (box) => drawBarChart(doc, box, months, petitions.byMonth, { title: '各月登记信访事项（件）', font: FONT }),
    (box) =>
      drawBarChart(
        doc,
        box,
        CATEGORY_ORDER.map((c) => CATEGORY_NAMES_ZH[c]),
        CATEGORY_ORDER.map((c) => petitions.byCategory[c]),
        { title: '按类别（件）', font: FONT, color: '#5b8c5a' },
      ),
  ]);
  const countRows = <K extends string>(keys: readonly K[], counts: Record<K, number>, names: Record<K, string>) =>
    keys.map((key) => [names[key], counts[key], share(counts[key], petitions.total)]);
  const countColumns = (what: string): Column[] => [
    { header: what, width: 3 },
    { header: '件数', width: 1, align: 'right' },
    { header: '占比', width: 1, align: 'right' },
  ];
  w.subheading('（一）按类别');
  w.table(countColumns('类别'), [...countRows(CATEGORY_ORDER, petitions.byCategory, CATEGORY_NAMES_ZH), ['合计', petitions.total, share(petitions.total, petitions.total)]]);
  w.subheading('（二）按信访渠道');
  w.table(countColumns('渠道'), countRows(CHANNELS, petitions.byChannel, CHANNEL_NAMES_ZH));
  w.subheading('（三）按来访层级（登记单位所在层级）');
  const tiers = [...LEVELS, 'unknown'] as EntryTier[];
  w.table(countColumns('层级'), countRows(tiers, petitions.byEntryTier, ENTRY_TIER_NAMES_ZH));
  w.subheading('（四）按办理结果');
  w.table(countColumns('办理结果'), countRows(OUTCOMES, petitions.byOutcome, OUTCOME_NAMES_ZH));
  w.note('一件信访事项可计入多项办理结果（如先受理、后出具处理意见、再终结）；“其中”各项为处理意见的结论。');
  w.subheading('（五）按当前状态');
  const statuses = PETITION_STATUSES.filter((s) => petitions.byStatus[s] > 0);
  w.table(countColumns('状态'), statuses.length ? countRows(statuses, petitions.byStatus, STATUS_NAMES_ZH) : [['（无）', 0, '—']]);

  // 二、考核指标
  w.heading('二、考核指标及月度走势');
  w.paragraph('考核指标取自本区域全部单位本年度的考核事实汇总（目标管理考核）。比率为“分子/分母”；某项指标当期无可计量的事项时显示“无数据”，不作 0 或 100% 计。');
  const rateNames = Object.keys(RATES) as RateName[];
  w.table(
    [
      { header: '指标', width: 3 },
      { header: '本年度', width: 1.2, align: 'right' },
      { header: '分子', width: 1, align: 'right' },
      { header: '分母', width: 1, align: 'right' },
      { header: '依据', width: 4.5 },
    ],
    rateNames.map((name) => {
      const rate = kpis.year.rates[name];
      return [RATES[name].name, percentText(rate.rate), rate.numerator, rate.denominator, chineseSource(RATES[name].source)];
    }),
  );
  const countNames = [...COUNTS, 'overdue'] as CountName[];
  const half = Math.ceil(countNames.length / 2);
  w.subheading('考核计数（件）');
  w.table(
    [
      { header: '项目', width: 2 },
      { header: '件数', width: 1, align: 'right' },
      { header: '项目', width: 2 },
      { header: '件数', width: 1, align: 'right' },
    ],
    countNames.slice(0, half).map((name, i) => {
      const other = countNames[half + i];
      return [COUNT_NAMES_ZH[name], kpis.year.counts[name], other ? COUNT_NAMES_ZH[other] : '', other ? kpis.year.counts[other] : ''];
    }),
  );
  w.charts([
    (box) => drawLineChart(doc, box, months, kpis.trend.rates.onTimeClosure.map((r) => r.rate), { title: '各月按期办结率', font: FONT, max: 1, format: percent }),
    (box) => drawLineChart(doc, box, months, kpis.trend.rates.timelyAcceptance.map((r) => r.rate), { title: '各月及时受理率', font: FONT, max: 1, format: percent, color: '#8064a2' }),
  ]);
  w.note('折线图中标“无”的月份当月没有可计量的事项（如无答复），该指标无数据。');
  w.subheading('月度走势');
  w.table(
    [
      { header: '月份', width: 1.4 },
      { header: '登记信访事项', width: 1.3, align: 'right' },
      ...TREND_RATES.map((name) => ({ header: RATES[name].name, width: 1.4, align: 'right' as const })),
      { header: '超期', width: 0.9, align: 'right' },
    ],
    report.months.map((month, i) => [
      monthText(month),
      petitions.byMonth[i],
      ...TREND_RATES.map((name) => percentText(kpis.trend.rates[name][i].rate)),
      kpis.trend.counts.overdue[i],
    ]),
  );

  // 三、超期单位
  w.heading('三、超期事项较多的单位（前10名）');
  if (report.overdueUnits.length === 0) w.paragraph('本年度各单位均无超期办理的环节。');
  else {
    w.table(
      [
        { header: '排名', width: 0.7, align: 'center' },
        { header: '单位', width: 5 },
        { header: '层级', width: 0.8, align: 'center' },
        { header: '超期环节数', width: 1.3, align: 'right' },
      ],
      report.overdueUnits.map((unit, i) => [i + 1, unit.name, unit.level ? LEVEL_NAMES_ZH[unit.level] : '', unit.overdue]),
    );
  }
  w.note('超期环节：转送、交办、退回、受理决定、答复中晚于法定期限完成的环节（考核计数“超期”）。');

  // 四、越级访与集体访
  w.heading('四、越级访与集体访');
  w.paragraph(`全年越级访 ${report.levelSkip.total} 件，集体访 ${report.collective.total} 件（涉及 ${report.collective.persons} 人次）。`);
  w.table(
    [
      { header: '月份', width: 2 },
      { header: '越级访', width: 1, align: 'right' },
      { header: '集体访', width: 1, align: 'right' },
    ],
    [...report.months.map((month, i) => [monthText(month), report.levelSkip.byMonth[i], report.collective.byMonth[i]]), ['全年', report.levelSkip.total, report.collective.total]],
  );

  // 五、集中反映的事项
  w.heading('五、群众反映集中的事项');
  w.subheading('（一）按类别');
  w.table(countColumns('类别'), report.matters.byCategory.map((row) => [CATEGORY_NAMES_ZH[row.category], row.count, share(row.count, petitions.total)]));
  w.subheading('（二）事项标题高频词');
  if (report.matters.words.length === 0) w.paragraph('本年度没有可统计的事项标题。');
  else {
    w.table(
      [
        { header: '排名', width: 0.7, align: 'center' },
        { header: '词语', width: 3 },
        { header: '涉及事项数', width: 1.3, align: 'right' },
      ],
      report.matters.words.map((row, i) => [i + 1, row.word, row.count]),
    );
  }
  w.note(`统计 ${report.matters.subjects} 件事项的标题（已去除身份证号、电话等个人信息）；检举控告类事项的内容不予公开，其标题不参与统计。`);

  // 六、复查复核
  w.heading('六、复查与复核');
  const figures = Object.keys(REVIEW_FIGURE_NAMES_ZH) as (keyof ReviewFigures)[];
  w.table(
    [{ header: '环节', width: 1 }, ...figures.map((f) => ({ header: REVIEW_FIGURE_NAMES_ZH[f], width: f === 'revoke' ? 1.6 : 1, align: 'right' as const }))],
    REVIEW_STAGES.map((stage) => [REVIEW_STAGE_NAMES_ZH[stage], ...figures.map((f) => report.reviews[stage][f])]),
  );
  w.note('收到申请按申请日期计入本年度，作出意见按意见日期计入本年度。');

  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index++) {
    doc.switchToPage(pages.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start yet another page
    doc.fontSize(9).text(`第${index + 1}页 共${pages.count}页`, w.left, doc.page.height - bottom / 2 - 4.5, { width: w.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}

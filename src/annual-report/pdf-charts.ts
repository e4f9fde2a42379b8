/**
 * Vector bar and line charts drawn with pdfkit's own paths: a report printed from a server needs no
 * browser, no canvas and no image, and the charts stay sharp at any zoom. Deliberately small: one
 * series, a zero-based value axis with four grid lines, a label under each category.
 */

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartOptions {
  title: string;
  /** The registered font to write labels with (the document's CJK font). */
  font: string;
  color?: string;
  /** How a value is written on the axis and above its bar or point. */
  format?: (value: number) => string;
  /** The axis maximum (a rate's is 1); otherwise a round number at or above the largest value. */
  max?: number;
}

const AXIS_COLOR = '#666666';
const GRID_COLOR = '#dddddd';
const TEXT_COLOR = '#222222';
const TITLE_SIZE = 10;
const LABEL_SIZE = 7.5;
const GRID_LINES = 4;
/** Room for the title above, the value axis labels on the left and the category labels below. */
const PAD = { top: 20, left: 34, bottom: 16, right: 6 };

/**
 * A round axis maximum at or above `value`, four grid steps of 1, 2, 2.5 or 5 times a power of ten
 * (4 for an empty chart). Counts get whole steps, so that no grid line reads 1.25 petitions.
 */
export function niceMax(value: number, whole = true): number {
  if (!(value > 0)) return GRID_LINES;
  const raw = value / GRID_LINES;
  const power = whole ? Math.max(1, 10 ** Math.floor(Math.log10(raw))) : 10 ** Math.floor(Math.log10(raw));
  const multiples = whole && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = multiples.map((m) => m * power).find((candidate) => candidate >= raw)!;
  return step * GRID_LINES;
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
  max: number;
  slot: number;
  format: (value: number) => string;
}

/** Title, grid, value axis and category labels; returns where the series goes. */
function frame(doc: PDFKit.PDFDocument, box: ChartBox, labels: readonly string[], largest: number, options: ChartOptions): Plot {
  const format = options.format ?? ((value: number) => String(Math.round(value * 100) / 100));
  const plot = {
    left: box.x + PAD.left,
    top: box.y + PAD.top,
    width: box.width - PAD.left - PAD.right,
    height: box.height - PAD.top - PAD.bottom,
    max: options.max ?? niceMax(largest),
    slot: (box.width - PAD.left - PAD.right) / Math.max(1, labels.length),
    format,
  };
  doc.save();
  doc.font(options.font).fontSize(TITLE_SIZE).fillColor(TEXT_COLOR);
  doc.text(options.title, box.x, box.y, { width: box.width, align: 'center', lineBreak: false });
  doc.fontSize(LABEL_SIZE);
  for (let i = 0; i <= GRID_LINES; i++) {
    const value = (plot.max * i) / GRID_LINES;
    const y = plot.top + plot.height - (plot.height * i) / GRID_LINES;
    doc
      .moveTo(plot.left, y)
      .lineTo(plot.left + plot.width, y)
      .lineWidth(0.5)
      .strokeColor(i === 0 ? AXIS_COLOR : GRID_COLOR)
      .stroke();
    doc.fillColor(AXIS_COLOR).text(format(value), box.x, y - LABEL_SIZE / 2, { width: PAD.left - 4, align: 'right', lineBreak: false });
  }
  doc.moveTo(plot.left, plot.top).lineTo(plot.left, plot.top + plot.height).lineWidth(0.5).strokeColor(AXIS_COLOR).stroke();
  labels.forEach((label, i) => {
    doc.fillColor(TEXT_COLOR).text(label, plot.left + i * plot.slot, plot.top + plot.height + 3, { width: plot.slot, align: 'center', lineBreak: false });
  });
  doc.restore();
  return plot;
}

const yOf = (plot: Plot, value: number) => plot.top + plot.height - (plot.height * Math.min(value, plot.max)) / plot.max;

/** One bar per category, its value above it. */
export function drawBarChart(doc: PDFKit.PDFDocument, box: ChartBox, labels: readonly string[], values: readonly number[], options: ChartOptions): void {
  const plot = frame(doc, box, labels, Math.max(0, ...values), options);
  const barWidth = Math.min(plot.slot * 0.6, 48);
  doc.save();
  doc.font(options.font).fontSize(LABEL_SIZE);
  values.forEach((value, i) => {
    const x = plot.left + i * plot.slot + (plot.slot - barWidth) / 2;
    const top = yOf(plot, value);
    if (value > 0) doc.rect(x, top, barWidth, plot.top + plot.height - top).fill(options.color ?? '#3a6ea5');
    doc.fillColor(TEXT_COLOR).text(plot.format(value), plot.left + i * plot.slot, top - LABEL_SIZE - 2, { width: plot.slot, align: 'center', lineBreak: false });
  });
  doc.restore();
}

/**
 * A line through the values; a missing value (null: nothing measured that month) breaks the line and
 * is marked 无 on the axis instead of being drawn as 0.
 */
export function drawLineChart(doc: PDFKit.PDFDocument, box: ChartBox, labels: readonly string[], values: readonly (number | null)[], options: ChartOptions): void {
  const plot = frame(doc, box, labels, Math.max(0, ...values.map((v) => v ?? 0)), options);
  const color = options.color ?? '#c0504d';
  const points = values.map((value, i) => (value === null ? null : { x: plot.left + (i + 0.5) * plot.slot, y: yOf(plot, value), value }));
  doc.save();
  doc.lineWidth(1.2).strokeColor(color);
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (a && b) doc.moveTo(a.x, a.y).lineTo(b.x, b.y).stroke();
  }
  doc.font(options.font).fontSize(LABEL_SIZE);
  points.forEach((point, i) => {
    if (!point) {
      doc.fillColor(AXIS_COLOR).text('无', plot.left + i * plot.slot, plot.top + plot.height - LABEL_SIZE - 2, { width: plot.slot, align: 'center', lineBreak: false });
      return;
    }
    doc.circle(point.x, point.y, 1.8).fill(color);
    doc.fillColor(TEXT_COLOR).text(plot.format(point.value), plot.left + i * plot.slot, point.y - LABEL_SIZE - 3, { width: plot.slot, align: 'center', lineBreak: false });
  });
  doc.restore();
}

import type ExcelJS from 'exceljs';
import { CATEGORIES, CATEGORY_KEYS, RATE_LABELS } from '../../model/tracking.js';
import { TOTAL_LABEL } from '../../rollup/rollup.js';
import { SHEET } from '../workbook/layout.js';
import type { Workbook } from '../xlsx/model.js';
import { chartXml, type BarChart } from './chart-xml.js';
import type { Anchor } from './drawing-xml.js';
import { exceljsGrid, modelGrid } from './grids.js';
import { addSheetCharts, type SheetChart } from './inject.js';
import { locateTable, type AgencyTable, type SheetGrid, type TableSpec } from './table.js';

/**
 * The per-agency charts of a summary sheet, added to a finished .xlsx. In:
 * the package's bytes and the workbook it was written from (the direct
 * writer's model or an exceljs workbook). Out: the package with two native
 * charts under the table, bound to its cells:
 *
 * 1. a stacked horizontal bar per lead agency, one series per category
 *    column (done on time, done late, open in time, open overdue, no
 *    deadline, suspended, cancelled), named by the sheet's own header cells;
 * 2. the completion rate on the tasks due (the Government Office's rate,
 *    rollup.ts rateDue) per agency, as horizontal bars on a 0–100 % axis.
 *
 * The rate is a second chart rather than a line on a secondary axis:
 * horizontal bars (long agency names read best beside them) cannot share a
 * chart with a line in Excel, and counts and a percentage on two scales
 * invite reading one against the other.
 *
 * Rows come from the sheet as written (agencies down to the row before
 * `Tổng cộng`); with no agency row the package is returned unchanged.
 */

/** `Tổng hợp` of the tracking workbook: one header row, the category names as headers. */
export const TRACKING_TABLE: TableSpec = {
  sheet: SHEET.rollup,
  agencyHeader: 'Cơ quan chủ trì',
  series: CATEGORY_KEYS.map((k) => [CATEGORIES[k]]),
  rate: [RATE_LABELS.rateDue],
  totalLabel: TOTAL_LABEL,
};

/** `Tổng hợp theo cơ quan` of the rollup report (its name given by report-workbook.ts): the 2×2 split under merged group headers. */
export const reportTable = (sheet: string): TableSpec => ({
  sheet,
  agencyHeader: 'Cơ quan chủ trì',
  series: [
    ['Đã hoàn thành', 'Đúng hạn'],
    ['Đã hoàn thành', 'Quá hạn'],
    ['Chưa hoàn thành', 'Trong hạn'],
    ['Chưa hoàn thành', 'Quá hạn'],
    [CATEGORIES.no_deadline],
    [CATEGORIES.suspended],
    [CATEGORIES.cancelled],
  ],
  rate: [RATE_LABELS.rateDue],
  totalLabel: TOTAL_LABEL,
});

/**
 * Series colours in CATEGORY_KEYS order: greens for done, blue for open in
 * time, red for overdue, grey for no deadline, amber for suspended, dark grey
 * for cancelled.
 */
const COLORS = ['548235', 'A9D18E', '5B9BD5', 'C00000', 'A5A5A5', 'FFC000', '595959'];
const RATE_COLOR = '70AD47';

/** Tracking workbook written by the direct writer. */
export function withTrackingCharts(bytes: Uint8Array, model: Workbook): Uint8Array {
  return withAgencyCharts(bytes, modelGrid(model, TRACKING_TABLE.sheet), TRACKING_TABLE);
}

/** A workbook written by exceljs: the tracking workbook (buildWorkbook, re-import) or the rollup report. */
export function withExcelJSCharts(bytes: Uint8Array, wb: ExcelJS.Workbook, spec: TableSpec): Uint8Array {
  return withAgencyCharts(bytes, exceljsGrid(wb, spec.sheet), spec);
}

export function withAgencyCharts(bytes: Uint8Array, grid: SheetGrid | null, spec: TableSpec): Uint8Array {
  const table = grid && locateTable(grid, spec);
  if (!table) return bytes;
  return addSheetCharts(bytes, table.sheet, agencyCharts(table));
}

/** The two charts of a located table, placed one under the other below everything on the sheet. */
export function agencyCharts(t: AgencyTable): SheetChart[] {
  const n = t.agencies.length;
  const categories = { ref: range(t.sheet, t.agencyCol, t.firstRow, t.lastRow), cache: t.agencies };
  const cell = (c: { r: number; c: number }): string => range(t.sheet, c.c, c.r, c.r);
  const values = (col: number, cache: ReadonlyArray<number | null>): BarChart['series'][number]['values'] => ({
    ref: range(t.sheet, col, t.firstRow, t.lastRow),
    cache,
  });

  const counts: BarChart = {
    title: 'Số nhiệm vụ theo cơ quan chủ trì và tình trạng',
    categories,
    series: t.series.map((s, i) => ({
      name: { ref: s.nameCell ? cell(s.nameCell) : null, text: s.name },
      values: values(s.col, s.values),
      color: COLORS[i % COLORS.length]!,
    })),
    grouping: 'stacked',
    // The scale is left to Excel and LibreOffice: tasks appended on Nhiệm vụ are counted too, so no step fixed now fits later.
    axis: { format: 'General', min: 0 },
    labels: { format: '0;;;', position: 'ctr' },
    legend: true,
  };
  const rate: BarChart = {
    title: 'Tỷ lệ hoàn thành trên số nhiệm vụ đến hạn theo cơ quan chủ trì',
    categories,
    series: [
      {
        name: { ref: t.rate.nameCell ? cell(t.rate.nameCell) : null, text: t.rate.name },
        values: values(t.rate.col, t.rate.values),
        color: RATE_COLOR,
      },
    ],
    grouping: 'clustered',
    axis: { format: '0%', min: 0, max: 1, majorUnit: 0.25 },
    labels: { format: '0%', position: 'outEnd' },
    legend: false,
  };

  // Under the table and its notes (one blank row between), from the column after the agencies' to the table's last.
  const right = Math.max(t.rate.col, ...t.series.map((s) => s.col));
  const first: Anchor = { fromCol: t.agencyCol, toCol: right, fromRow: t.usedRows + 1, toRow: t.usedRows + 1 + Math.max(14, 6 + Math.ceil(1.6 * n)) };
  const second: Anchor = { ...first, fromRow: first.toRow + 1, toRow: first.toRow + 1 + Math.max(10, 4 + Math.ceil(1.3 * n)) };
  return [
    {
      xml: chartXml(counts),
      name: 'Biểu đồ số nhiệm vụ theo cơ quan chủ trì',
      description: `Số nhiệm vụ của từng cơ quan chủ trì theo tình trạng (${t.series.map((s) => s.name).join('; ')}), lấy từ bảng trên trang "${t.sheet}".`,
      anchor: first,
    },
    {
      xml: chartXml(rate),
      name: 'Biểu đồ tỷ lệ hoàn thành theo cơ quan chủ trì',
      description: `${t.rate.name} của từng cơ quan chủ trì, lấy từ bảng trên trang "${t.sheet}".`,
      anchor: second,
    },
  ];
}

/** 'Tổng hợp'!$B$6:$B$12 (one cell: 'Tổng hợp'!$B$5). */
function range(sheet: string, col: number, from: number, to: number): string {
  const c = columnLetters(col);
  const quoted = `'${sheet.replace(/'/g, "''")}'`;
  return from === to ? `${quoted}!$${c}$${from}` : `${quoted}!$${c}$${from}:$${c}$${to}`;
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

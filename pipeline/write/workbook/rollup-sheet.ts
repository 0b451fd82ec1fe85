import type ExcelJS from 'exceljs';
import { CATEGORIES, CATEGORY_KEYS, type Category } from '../../model/tracking.js';
import type { Rollup, RollupRow } from '../../rollup/rollup.js';
import type { StatusOptions } from '../../rollup/status.js';
import type { Cell, CellStyle, DefinedName, Row, Sheet } from '../xlsx/model.js';
import { addNames, addSheet } from './exceljs.js';
import {
  leadCountFormula,
  leadDueSoonFormula,
  rateFormula,
  totalCountFormula,
  totalDueSoonFormula,
  type AssignmentColumns,
} from './formulas.js';
import { colLetter, DATE_FORMAT, headerCell, NAME, PERCENT_FORMAT, printPage, SHEET, wholeColumn, X_BOLD, X_BORDER, X_FONT } from './layout.js';
import type { TasksLayout } from './tasks-sheet.js';

/** Fixed places on `Tổng hợp` (the report date cell is what a person edits to look at another day). */
export const ROLLUP_LAYOUT = {
  asOfCell: 'B2',
  dueSoonCell: 'B3',
  headerRow: 5,
  firstRow: 6,
  agencyCol: 1,
  /** Columns of the five categories, in CATEGORY_KEYS order. */
  categoryCol: (k: Category): number => 2 + CATEGORY_KEYS.indexOf(k),
  totalCol: 7,
  dueSoonCol: 8,
  rateCol: 9,
} as const;

const L = ROLLUP_LAYOUT;

const TOP_CENTRE = { vertical: 'top', horizontal: 'center' } as const;
const WRAP_TOP = { wrapText: true, vertical: 'top' } as const;
const INPUT_FONT = { ...X_BOLD, color: 'FF1F4E79' };
const TOTAL_FILL = 'FFF2F2F2';

const S = {
  title: { font: { ...X_BOLD, size: 14 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  label: { font: X_BOLD, alignment: { horizontal: 'right' } },
  asOf: { font: INPUT_FONT, fill: 'FFFFF2CC', border: X_BORDER, alignment: { horizontal: 'center' }, numFmt: DATE_FORMAT },
  dueSoon: { font: INPUT_FONT, fill: 'FFFFF2CC', border: X_BORDER, alignment: { horizontal: 'center' } },
  hint: { font: { ...X_FONT, italic: true, color: 'FF7F7F7F' } },
  agency: { font: X_FONT, border: X_BORDER, alignment: WRAP_TOP },
  count: { font: X_FONT, border: X_BORDER, alignment: TOP_CENTRE },
  rate: { font: X_FONT, border: X_BORDER, alignment: TOP_CENTRE, numFmt: PERCENT_FORMAT },
  totalAgency: { font: X_BOLD, fill: TOTAL_FILL, border: X_BORDER, alignment: WRAP_TOP },
  totalCount: { font: X_BOLD, fill: TOTAL_FILL, border: X_BORDER, alignment: TOP_CENTRE },
  totalRate: { font: X_BOLD, fill: TOTAL_FILL, border: X_BORDER, alignment: TOP_CENTRE, numFmt: PERCENT_FORMAT },
  noteTitle: { font: { ...X_FONT, bold: true, size: 11 } },
  note: { font: { ...X_FONT, italic: true, size: 11 } },
} satisfies Record<string, CellStyle>;

/** `Tổng hợp` added to an exceljs workbook, with its defined names (see rollupSheet). */
export function addRollupSheet(
  wb: ExcelJS.Workbook,
  summary: Rollup,
  o: StatusOptions,
  assignments: AssignmentColumns,
  tasks: TasksLayout,
): void {
  const { sheet, names } = rollupSheet(summary, o, assignments, tasks);
  addSheet(wb, sheet);
  addNames(wb, names);
}

/**
 * `Tổng hợp`: per lead agency the five categories, total, due soon and
 * completion rate, as COUNTIFS over `Phân công` (whose category is looked up
 * live on `Nhiệm vụ`), plus a total row counting `Nhiệm vụ` itself. Cached
 * results are what rollup.ts computes, so a viewer that does not recalculate
 * still shows the right numbers for the report date written.
 */
export function rollupSheet(
  summary: Rollup,
  o: StatusOptions,
  assignments: AssignmentColumns,
  tasks: TasksLayout,
): { sheet: Sheet; names: DefinedName[] } {
  const rows: Row[] = [];
  // The title is merged across the table; the merged cells carry its format too (as Excel and exceljs keep them).
  const title: Cell[] = Array.from({ length: L.rateCol }, () => ({ value: null, style: S.title }));
  title[0] = { value: 'TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ', style: S.title };
  rows.push({ r: 1, height: 26, cells: title });
  rows.push({
    r: 2,
    cells: [
      { value: 'Ngày báo cáo:', style: S.label },
      { value: { date: o.asOf }, style: S.asOf },
      { value: '← sửa ngày báo cáo, các số liệu tự tính lại', style: S.hint },
    ],
  });
  rows.push({ r: 3, cells: [{ value: 'Số ngày "sắp đến hạn":', style: S.label }, { value: o.dueSoonDays, style: S.dueSoon }] });

  const headers = ['Cơ quan chủ trì', ...CATEGORY_KEYS.map((k) => CATEGORIES[k]), 'Tổng số', 'Trong đó sắp đến hạn', 'Tỷ lệ hoàn thành'];
  rows.push({ r: L.headerRow, height: 48, cells: headers.map(headerCell) });

  let r = L.firstRow;
  for (const row of summary.rows) {
    const agencyCell = `$A${r}`;
    rows.push(
      rollupRow(r, row, false, {
        count: (k) => leadCountFormula(assignments, agencyCell, CATEGORIES[k]),
        dueSoon: () => leadDueSoonFormula(assignments, agencyCell),
      }),
    );
    r++;
  }
  const categoryColumn = wholeColumn(SHEET.tasks, tasks.col.category!);
  const endColumn = wholeColumn(SHEET.tasks, tasks.col.deadlineEnd!);
  rows.push(
    rollupRow(r, summary.total, true, {
      count: (k) => totalCountFormula(categoryColumn, CATEGORIES[k]),
      dueSoon: () => totalDueSoonFormula(categoryColumn, endColumn),
    }),
  );

  const notes = [
    'Ghi chú:',
    '- Mỗi nhiệm vụ được tính cho từng cơ quan chủ trì của nó; dòng "Tổng cộng" tính mỗi nhiệm vụ một lần.',
    '- Tỷ lệ hoàn thành = số nhiệm vụ hoàn thành ÷ (số hoàn thành + số chưa hoàn thành, quá hạn); để trống khi chưa có nhiệm vụ nào đến hạn.',
    `- "Sắp đến hạn": chưa hoàn thành, còn không quá ${o.dueSoonDays} ngày (ô ${L.dueSoonCell}) tính từ ngày báo cáo.`,
  ];
  notes.forEach((n, i) => rows.push({ r: r + 2 + i, cells: [{ value: n, style: i === 0 ? S.noteTitle : S.note }] }));

  const columns: number[] = [Math.min(50, Math.max(28, ...summary.rows.map((x) => x.agency.length + 2)))];
  for (let c = 2; c <= L.rateCol; c++) columns.push(14);

  const sheet: Sheet = {
    name: SHEET.rollup,
    columns,
    rows: () => rows,
    view: { frozenRows: L.headerRow, frozenCols: 1, topLeftCell: `B${L.firstRow}`, activeCell: L.asOfCell },
    merges: [`A1:${colLetter(L.rateCol)}1`],
    page: printPage(`${L.headerRow}:${L.headerRow}`),
  };
  // Defined names: formulas on every sheet read NgayBaoCao rather than 'Tổng hợp'!$B$2.
  const names = [
    { name: NAME.asOf, ref: `'${SHEET.rollup}'!$B$2` },
    { name: NAME.dueSoonDays, ref: `'${SHEET.rollup}'!$B$3` },
  ];
  return { sheet, names };
}

function rollupRow(
  r: number,
  row: RollupRow,
  total: boolean,
  f: { count: (k: Category) => string; dueSoon: () => string },
): Row {
  const at = (c: number): string => `${colLetter(c)}${r}`;
  const count = total ? S.totalCount : S.count;
  const cells: Cell[] = [];
  cells[L.agencyCol - 1] = { value: row.agency, style: total ? S.totalAgency : S.agency };
  for (const k of CATEGORY_KEYS) cells[L.categoryCol(k) - 1] = { value: { formula: f.count(k), result: row.counts[k] }, style: count };
  cells[L.totalCol - 1] = {
    value: {
      formula: `SUM(${at(L.categoryCol(CATEGORY_KEYS[0]!))}:${at(L.categoryCol(CATEGORY_KEYS[CATEGORY_KEYS.length - 1]!))})`,
      result: row.total,
    },
    style: count,
  };
  cells[L.dueSoonCol - 1] = { value: { formula: f.dueSoon(), result: row.dueSoon }, style: count };
  cells[L.rateCol - 1] = {
    value: {
      formula: rateFormula(at(L.categoryCol('done_on_time')), at(L.categoryCol('done_late')), at(L.categoryCol('open_overdue'))),
      result: row.rate ?? '',
    },
    style: total ? S.totalRate : S.rate,
  };
  return { r, cells };
}

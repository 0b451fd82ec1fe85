import type ExcelJS from 'exceljs';
import { CATEGORIES, CATEGORY_KEYS, type Category } from '../../model/tracking.js';
import type { Rollup, RollupRow } from '../../rollup/rollup.js';
import type { StatusOptions } from '../../rollup/status.js';
import {
  leadCountFormula,
  leadDueSoonFormula,
  rateFormula,
  totalCountFormula,
  totalDueSoonFormula,
  type AssignmentColumns,
} from './formulas.js';
import {
  BORDER,
  colLetter,
  DATE_FORMAT,
  FONT,
  HEADER_FONT,
  isoToDate,
  NAME,
  PERCENT_FORMAT,
  printSetup,
  SHEET,
  solid,
  styleHeader,
  wholeColumn,
  WRAP,
} from './layout.js';
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

/**
 * `Tổng hợp`: per lead agency the five categories, total, due soon and
 * completion rate, as COUNTIFS over `Phân công` (whose category is looked up
 * live on `Nhiệm vụ`), plus a total row counting `Nhiệm vụ` itself. Cached
 * results are what rollup.ts computes, so a viewer that does not recalculate
 * still shows the right numbers for the report date written.
 */
export function addRollupSheet(
  wb: ExcelJS.Workbook,
  summary: Rollup,
  o: StatusOptions,
  assignments: AssignmentColumns,
  tasks: TasksLayout,
): void {
  const ws = wb.addWorksheet(SHEET.rollup, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: L.headerRow, topLeftCell: `B${L.firstRow}`, activeCell: L.asOfCell }],
  });
  ws.getColumn(L.agencyCol).width = Math.min(50, Math.max(28, ...summary.rows.map((r) => r.agency.length + 2)));
  for (let c = 2; c <= L.rateCol; c++) ws.getColumn(c).width = 14;

  const title = ws.getCell('A1');
  title.value = 'TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ';
  title.font = { ...HEADER_FONT, size: 14 };
  ws.mergeCells(1, 1, 1, L.rateCol);
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;

  label(ws, 'A2', 'Ngày báo cáo:');
  const asOf = ws.getCell(L.asOfCell);
  asOf.value = isoToDate(o.asOf);
  asOf.numFmt = DATE_FORMAT;
  label(ws, 'A3', 'Số ngày "sắp đến hạn":');
  ws.getCell(L.dueSoonCell).value = o.dueSoonDays;
  for (const a of [L.asOfCell, L.dueSoonCell]) {
    const cell = ws.getCell(a);
    cell.font = { ...HEADER_FONT, color: { argb: 'FF1F4E79' } };
    cell.fill = solid('FFFFF2CC');
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center' };
  }
  ws.getCell('C2').value = '← sửa ngày báo cáo, các số liệu tự tính lại';
  ws.getCell('C2').font = { ...FONT, italic: true, color: { argb: 'FF7F7F7F' } };
  // Defined names: formulas on every sheet read NgayBaoCao rather than 'Tổng hợp'!$B$2.
  wb.definedNames.add(`'${SHEET.rollup}'!$B$2`, NAME.asOf);
  wb.definedNames.add(`'${SHEET.rollup}'!$B$3`, NAME.dueSoonDays);

  const headers = ['Cơ quan chủ trì', ...CATEGORY_KEYS.map((k) => CATEGORIES[k]), 'Tổng số', 'Trong đó sắp đến hạn', 'Tỷ lệ hoàn thành'];
  headers.forEach((h, j) => {
    ws.getRow(L.headerRow).getCell(j + 1).value = h;
  });
  styleHeader(ws, L.headerRow, 1, headers.length);
  ws.getRow(L.headerRow).height = 48;

  let r = L.firstRow;
  for (const row of summary.rows) {
    const agencyCell = `$A${r}`;
    writeRow(ws, r, row, {
      count: (k) => leadCountFormula(assignments, agencyCell, CATEGORIES[k]),
      dueSoon: () => leadDueSoonFormula(assignments, agencyCell),
    });
    r++;
  }
  const categoryColumn = wholeColumn(SHEET.tasks, tasks.col.category!);
  const endColumn = wholeColumn(SHEET.tasks, tasks.col.deadlineEnd!);
  writeRow(ws, r, summary.total, {
    count: (k) => totalCountFormula(categoryColumn, CATEGORIES[k]),
    dueSoon: () => totalDueSoonFormula(categoryColumn, endColumn),
  });
  ws.getRow(r).eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = solid('FFF2F2F2');
  });

  const notes = [
    'Ghi chú:',
    '- Mỗi nhiệm vụ được tính cho từng cơ quan chủ trì của nó; dòng "Tổng cộng" tính mỗi nhiệm vụ một lần.',
    '- Tỷ lệ hoàn thành = số nhiệm vụ hoàn thành ÷ (số hoàn thành + số chưa hoàn thành, quá hạn); để trống khi chưa có nhiệm vụ nào đến hạn.',
    `- "Sắp đến hạn": chưa hoàn thành, còn không quá ${o.dueSoonDays} ngày (ô ${L.dueSoonCell}) tính từ ngày báo cáo.`,
  ];
  notes.forEach((n, i) => {
    const cell = ws.getCell(r + 2 + i, 1);
    cell.value = n;
    cell.font = { ...FONT, italic: i > 0, bold: i === 0, size: 11 };
  });
  printSetup(ws, `${L.headerRow}:${L.headerRow}`);
}

function label(ws: ExcelJS.Worksheet, address: string, text: string): void {
  const cell = ws.getCell(address);
  cell.value = text;
  cell.font = HEADER_FONT;
  cell.alignment = { horizontal: 'right' };
}

function writeRow(
  ws: ExcelJS.Worksheet,
  r: number,
  row: RollupRow,
  f: { count: (k: Category) => string; dueSoon: () => string },
): void {
  const cell = (c: number): ExcelJS.Cell => ws.getRow(r).getCell(c);
  const at = (c: number): string => `${colLetter(c)}${r}`;
  cell(L.agencyCol).value = row.agency;
  for (const k of CATEGORY_KEYS) cell(L.categoryCol(k)).value = { formula: f.count(k), result: row.counts[k] };
  cell(L.totalCol).value = {
    formula: `SUM(${at(L.categoryCol(CATEGORY_KEYS[0]!))}:${at(L.categoryCol(CATEGORY_KEYS[CATEGORY_KEYS.length - 1]!))})`,
    result: row.total,
  };
  cell(L.dueSoonCol).value = { formula: f.dueSoon(), result: row.dueSoon };
  cell(L.rateCol).value = {
    formula: rateFormula(at(L.categoryCol('done_on_time')), at(L.categoryCol('done_late')), at(L.categoryCol('open_overdue'))),
    result: row.rate ?? '',
  };
  cell(L.rateCol).numFmt = PERCENT_FORMAT;
  for (let c = 1; c <= L.rateCol; c++) {
    cell(c).font = FONT;
    cell(c).border = BORDER;
    cell(c).alignment = c === L.agencyCol ? WRAP : { vertical: 'top', horizontal: 'center' };
  }
}

import type ExcelJS from 'exceljs';
import { CATEGORIES, STATUSES } from '../../model/tracking.js';
import { TASK_COLUMNS, type Column } from '../columns.js';
import { categoryFormula, type CategoryCells } from './formulas.js';
import {
  BORDER,
  colLetter,
  DATE_FORMAT,
  fitHeight,
  fitWidth,
  FONT,
  isoToDate,
  NAME,
  printSetup,
  SHEET,
  solid,
  str,
  styleHeader,
  TABLE,
  WRAP,
} from './layout.js';
import type { TaskRow } from './rows.js';

/** Where things are on `Nhiệm vụ`, for the sheets whose formulas point at it. */
export interface TasksLayout {
  /** 1-based column of each key of TASK_COLUMNS (plus "document" when combined). */
  col: Record<string, number>;
  columnCount: number;
  /** Last row of the table (2 when there are no tasks: the table keeps one blank row). */
  lastRow: number;
}

const DOCUMENT_COLUMN: Column = { header: 'Văn bản', key: 'document', value: () => null };

/** TASK_COLUMNS, with `Văn bản` after STT when one workbook holds several documents. */
export function taskSheetColumns(combined: boolean): Column[] {
  if (!combined) return [...TASK_COLUMNS];
  const [first, ...rest] = TASK_COLUMNS;
  return [first!, DOCUMENT_COLUMN, ...rest];
}

/** Width bounds per column (characters): long text wraps within the upper bound. */
const WIDTH: Record<string, [number, number]> = {
  index: [5, 7],
  document: [12, 24],
  tt: [5, 8],
  group: [12, 28],
  content: [30, 60],
  lead: [16, 30],
  support: [16, 32],
  deadlineRaw: [12, 22],
  deadlineKind: [10, 14],
  deadlineEnd: [13, 13],
  approval: [10, 18],
  product: [12, 30],
  status: [17, 17],
  doneDate: [14, 14],
  notes: [20, 30],
  category: [18, 20],
  warnings: [24, 50],
  source: [14, 30],
};

/** Excel refuses a cell longer than this. */
const MAX_CELL = 32_767;

export function addTasksSheet(wb: ExcelJS.Workbook, rows: readonly TaskRow[], combined: boolean): TasksLayout {
  const columns = taskSheetColumns(combined);
  const col = Object.fromEntries(columns.map((c, i) => [c.key, i + 1])) as Record<string, number>;
  const lastRow = Math.max(2, rows.length + 1);
  const layout: TasksLayout = { col, columnCount: columns.length, lastRow };
  const ws = wb.addWorksheet(SHEET.tasks, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });

  const texts = rows.map((r) => columns.map((c) => textOf(c, r)));
  const values = rows.map((r, i) => columns.map((c, j) => cellValue(c, r, texts[i]![j] ?? null, layout)));
  const widths = columns.map((c, j) => {
    const [min, max] = WIDTH[c.key] ?? [10, 30];
    return fitWidth([c.header, ...texts.map((t) => t[j])], min, max);
  });

  ws.addTable({
    name: TABLE.tasks,
    ref: 'A1',
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    // An Excel table needs a data row: an empty workbook gets one blank row to type into.
    rows: values.length > 0 ? values : [columns.map(() => null)],
  });

  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });
  styleCells(ws, columns, texts, widths, lastRow);
  addValidation(ws, col, lastRow);
  addConditionalFormats(ws, col, layout);
  printSetup(ws, '1:1');
  return layout;
}

/** The text a person reads in the cell (also what sizes the column). */
function textOf(c: Column, r: TaskRow): string | null {
  switch (c.key) {
    case 'document':
      return r.docLabel;
    case 'deadlineEnd':
      // Only its length matters here: it sizes the column like a dd/mm/yyyy date.
      return r.task.deadline.end === null ? null : '00/00/0000';
    case 'category':
      return CATEGORIES[r.status.category];
    default: {
      const v = c.value(r.task, { index: r.stt, source: r.doc.source.file, warnings: r.warnings ?? undefined });
      return v === null || v.length <= MAX_CELL ? v : `${v.slice(0, MAX_CELL - 1)}…`;
    }
  }
}

function cellValue(c: Column, r: TaskRow, text: string | null, layout: TasksLayout): ExcelJS.CellValue {
  switch (c.key) {
    case 'index':
      return r.stt;
    case 'deadlineEnd':
      return r.task.deadline.end === null ? null : isoToDate(r.task.deadline.end);
    case 'category':
      return { formula: categoryFormula(categoryCells(layout, r.sheetRow)), result: text ?? '' };
    default:
      return text;
  }
}

/** The cells of row `row` the category formula reads. */
export function categoryCells(layout: TasksLayout, row: number): CategoryCells {
  const at = (key: string): string => `${colLetter(layout.col[key]!)}${row}`;
  return { end: at('deadlineEnd'), status: at('status'), doneDate: at('doneDate') };
}

function styleCells(
  ws: ExcelJS.Worksheet,
  columns: readonly Column[],
  texts: ReadonlyArray<ReadonlyArray<string | null>>,
  widths: readonly number[],
  lastRow: number,
): void {
  // Styled explicitly, not only by the table style: LibreOffice does not draw Excel table styles.
  styleHeader(ws, 1, 1, columns.length);
  const header = ws.getRow(1);
  header.height = fitHeight(columns.map((c, j) => ({ text: c.header, width: widths[j]! })));
  for (let r = 2; r <= lastRow; r++) {
    const row = ws.getRow(r);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = FONT;
      cell.alignment = WRAP;
      cell.border = BORDER;
      if (c.key === 'deadlineEnd' || c.key === 'doneDate') cell.numFmt = DATE_FORMAT;
      if (c.key === 'index') cell.alignment = { ...WRAP, horizontal: 'center' };
    });
    const t = texts[r - 2];
    if (t) row.height = fitHeight(t.map((text, j) => ({ text, width: widths[j]! })));
  }
}

function addValidation(ws: ExcelJS.Worksheet, col: Record<string, number>, lastRow: number): void {
  const status: ExcelJS.DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [`"${STATUSES.join(',')}"`],
    showInputMessage: true,
    promptTitle: 'Trạng thái',
    prompt: 'Chọn: Chưa thực hiện / Đang thực hiện / Hoàn thành',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Trạng thái không hợp lệ',
    error: 'Chỉ chọn một trong: Chưa thực hiện, Đang thực hiện, Hoàn thành.',
  };
  const doneDate: ExcelJS.DataValidation = {
    type: 'date',
    operator: 'greaterThan',
    allowBlank: true,
    formulae: [new Date('1990-01-01T00:00:00Z')],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Ngày không hợp lệ',
    error: 'Nhập ngày hoàn thành dạng dd/mm/yyyy.',
  };
  // A cell may name several agencies ("A; B") or one not yet in the list: warn, do not refuse.
  const agency: ExcelJS.DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [NAME.agencies],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Cơ quan chưa có trong danh mục',
    error: `Tên cơ quan không có trong trang "${SHEET.lists}". Vẫn giữ?`,
  };
  const range = (key: string): string => `${colLetter(col[key]!)}2:${colLetter(col[key]!)}${lastRow}`;
  addValidationRange(ws, range('status'), status);
  addValidationRange(ws, range('doneDate'), doneDate);
  addValidationRange(ws, range('lead'), agency);
  addValidationRange(ws, range('support'), agency);
}

/**
 * One validation over a whole range. Set per cell, exceljs 4.4 squeezes
 * cells into ranges by sorting addresses as strings ("F10" before "F2") and
 * writes overlapping ranges, which Excel offers to "repair"; a range given
 * as such is written as is. (`dataValidations` is missing from its typings.)
 */
function addValidationRange(ws: ExcelJS.Worksheet, range: string, v: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, v);
}

/**
 * Colours a person scans for. Row fills follow `Tình trạng` (live, so they
 * change with a status); the marks on the lead and deadline cells come first
 * in priority so a missing lead stays visible on an overdue row.
 */
function addConditionalFormats(ws: ExcelJS.Worksheet, col: Record<string, number>, layout: TasksLayout): void {
  const last = layout.lastRow;
  const rowRange = `A2:${colLetter(layout.columnCount)}${last}`;
  const abs = (key: string): string => `$${colLetter(col[key]!)}2`;
  const category = abs('category');
  const end = abs('deadlineEnd');
  const fill = (argb: string, font: string, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Style> => ({
    fill: solid(argb),
    font: { color: { argb: font }, ...extra },
  });
  const cells = (key: string): string => `${colLetter(col[key]!)}2:${colLetter(col[key]!)}${last}`;
  const deadlineCells = ['deadlineRaw', 'deadlineKind', 'deadlineEnd'].map(cells).join(' ');

  ws.addConditionalFormatting({
    ref: cells('lead'),
    rules: [{ type: 'expression', priority: 1, formulae: [`LEN(TRIM(${abs('lead')}))=0`], style: fill('FFF4B084', 'FF833C0B', { bold: true }) }],
  });
  ws.addConditionalFormatting({
    ref: deadlineCells,
    rules: [{ type: 'expression', priority: 2, formulae: [`${end}=""`], style: fill('FFFFF2CC', 'FF7F6000', { italic: true }) }],
  });
  ws.addConditionalFormatting({
    ref: rowRange,
    rules: [
      { type: 'expression', priority: 3, formulae: [`${category}=${str(CATEGORIES.open_overdue)}`], style: fill('FFFFC7CE', 'FF9C0006') },
      {
        type: 'expression',
        priority: 4,
        formulae: [`AND(${category}=${str(CATEGORIES.open_on_time)},${end}-${NAME.asOf}<=${NAME.dueSoonDays})`],
        style: fill('FFFFEB9C', 'FF9C5700'),
      },
      { type: 'expression', priority: 5, formulae: [`${category}=${str(CATEGORIES.done_on_time)}`], style: fill('FFC6EFCE', 'FF006100') },
      { type: 'expression', priority: 6, formulae: [`${category}=${str(CATEGORIES.done_late)}`], style: fill('FFE7E6E6', 'FF3A3838') },
    ],
  });
}

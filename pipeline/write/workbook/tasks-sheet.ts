import type ExcelJS from 'exceljs';
import { CATEGORIES, STATUSES } from '../../model/tracking.js';
import { clipCellText } from '../xlsx/limits.js';
import type { Cell, CellStyle, CellValue, ConditionalFormat, DiffStyle, PageSetup, Row, RowFormula, Sheet, Validation } from '../xlsx/model.js';
import { TASK_COLUMNS, type Column } from '../columns.js';
import { addSheet } from './exceljs.js';
import { categoryFormula, type CategoryCells } from './formulas.js';
import { colLetter, fitHeightOf, headerCell, longestLine, NAME, printPage, SHEET, str, STYLE, TABLE, widthFor } from './layout.js';
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

/**
 * Width bounds per column (characters): long text wraps within the upper
 * bound. The bounds of STT to Kết quả/Ghi chú are what keeps the print at
 * two A4 page widths with type of 9 pt or more (see tasksPrint).
 */
const WIDTH: Record<string, [number, number]> = {
  index: [5, 6],
  document: [10, 14],
  tt: [5, 8],
  group: [12, 18],
  content: [30, 48],
  lead: [16, 26],
  support: [16, 26],
  deadlineRaw: [12, 18],
  deadlineKind: [10, 13],
  deadlineEnd: [12, 12],
  approval: [10, 14],
  product: [12, 20],
  status: [16, 16],
  doneDate: [13, 13],
  notes: [20, 22],
  category: [18, 20],
  warnings: [24, 50],
  source: [14, 30],
};

/** A text cut to what Excel accepts in a cell (here too, so the widths and heights are those of the text written). */
export const clip = clipCellText;

/** `Nhiệm vụ` added to an exceljs workbook (see tasksSheet). */
export function addTasksSheet(wb: ExcelJS.Workbook, rows: readonly TaskRow[], combined: boolean): TasksLayout {
  const { sheet, layout } = tasksSheet(rows, combined);
  addSheet(wb, sheet);
  return layout;
}

/**
 * `Nhiệm vụ`: an Excel table, one row per task, with the dropdowns, the live
 * `Tình trạng` formula and the colours. Rows are produced on demand.
 */
export function tasksSheet(rows: readonly TaskRow[], combined: boolean): { sheet: Sheet; layout: TasksLayout } {
  const columns = taskSheetColumns(combined);
  const col = Object.fromEntries(columns.map((c, i) => [c.key, i + 1])) as Record<string, number>;
  const lastRow = Math.max(2, rows.length + 1);
  const layout: TasksLayout = { col, columnCount: columns.length, lastRow };

  // Widths first (they come before the rows in the file, and row heights depend on them).
  const longest = columns.map((c) => longestLine(c.header));
  const texts: Array<string | null> = new Array<string | null>(columns.length);
  for (const r of rows) {
    rowTexts(columns, r, texts);
    for (let j = 0; j < texts.length; j++) {
      const n = longestLine(texts[j]);
      if (n > longest[j]!) longest[j] = n;
    }
  }
  const widths = columns.map((c, j) => {
    const [min, max] = WIDTH[c.key] ?? [10, 30];
    return widthFor(longest[j]!, min, max);
  });
  const styles = columns.map((c) => columnStyle(c.key));
  const category: RowFormula = { text: (row) => categoryFormula(categoryCells(layout, row)), lastRow };
  const headerHeight = fitHeightOf(
    columns.map((c) => c.header),
    widths,
  );

  function* sheetRows(): Generator<Row> {
    yield { r: 1, height: headerHeight, cells: columns.map((c) => headerCell(c.header)) };
    // An Excel table needs a data row: an empty workbook gets one blank row to type into.
    if (rows.length === 0) yield { r: 2, cells: styles.map((style) => ({ value: null, style })) };
    const texts: Array<string | null> = new Array<string | null>(columns.length);
    for (const r of rows) {
      rowTexts(columns, r, texts);
      const cells: Cell[] = new Array<Cell>(columns.length);
      for (let j = 0; j < columns.length; j++) {
        cells[j] = { value: cellValue(columns[j]!.key, r, texts[j]!, category), style: styles[j] };
      }
      yield { r: r.sheetRow, height: fitHeightOf(texts, widths), cells };
    }
  }

  const sheet: Sheet = {
    name: SHEET.tasks,
    columns: widths,
    rows: sheetRows,
    view: { frozenRows: 1, topLeftCell: 'A2', activeCell: 'A2' },
    table: {
      name: TABLE.tasks,
      ref: `A1:${colLetter(columns.length)}${lastRow}`,
      columns: columns.map((c) => c.header),
      style: 'TableStyleLight9',
      showRowStripes: true,
    },
    validations: validations(col, lastRow),
    conditionalFormats: conditionalFormats(col, layout),
    page: tasksPrint(col),
  };
  return { sheet, layout };
}

/**
 * The print of `Nhiệm vụ` on A4 landscape at a readable size (type of 9 pt
 * or more, where all columns on one page width gave under 5 pt): STT to
 * Kết quả/Ghi chú, what the plan says and what was done, over two page
 * widths. STT and Mã repeat at the left of each page width so a row of the
 * second is known (STT alone in a combined workbook: it is unique there, and
 * Văn bản would take the room). Tình trạng, Cảnh báo and Nguồn are for the
 * screen. The columns are not reordered for print: CSV, the add-in and
 * returned workbooks keep the order of TASK_COLUMNS.
 */
const MAX_SHEET_ROWS = 1_048_576;

function tasksPrint(col: Record<string, number>): PageSetup {
  const combined = col.document !== undefined;
  return printPage('1:1', {
    // Down to Excel's last row, so rows the user appends print too (Excel shows it as $A:$N; exceljs misreads "A:N").
    area: `A1:${colLetter(col.notes!)}${MAX_SHEET_ROWS}`,
    titleColumns: combined ? 'A:A' : `A:${colLetter(col.tt!)}`,
    pagesWide: 2,
  });
}

/** Styled explicitly, not only by the table style: LibreOffice does not draw Excel table styles. */
function columnStyle(key: string): CellStyle {
  if (key === 'deadlineEnd' || key === 'doneDate') return STYLE.textDate;
  if (key === 'index') return STYLE.textCentre;
  return STYLE.text;
}

/** The texts a person reads in a row's cells (also what sizes the columns), into `out`. */
function rowTexts(columns: readonly Column[], r: TaskRow, out: Array<string | null>): void {
  const ctx = { index: r.stt, source: r.doc.source.file, warnings: r.warnings ?? undefined };
  for (let j = 0; j < columns.length; j++) out[j] = textOf(columns[j]!, r, ctx);
}

/** The text a person reads in the cell (also what sizes the column). */
function textOf(c: Column, r: TaskRow, ctx: { index: number; source: string; warnings: string | undefined }): string | null {
  switch (c.key) {
    case 'document':
      return r.docLabel;
    case 'deadlineEnd':
      // Only its length matters here: it sizes the column like a dd/mm/yyyy date.
      return r.task.deadline.end === null ? null : '00/00/0000';
    case 'category':
      return CATEGORIES[r.status.category];
    default: {
      const v = c.value(r.task, ctx);
      return v === null ? v : clip(v);
    }
  }
}

function cellValue(key: string, r: TaskRow, text: string | null, category: RowFormula): CellValue {
  switch (key) {
    case 'index':
      return r.stt;
    case 'deadlineEnd':
      return r.task.deadline.end === null ? null : { date: r.task.deadline.end };
    case 'category':
      return { formula: category, result: text ?? '' };
    default:
      return text;
  }
}

/** The cells of row `row` the category formula reads. */
export function categoryCells(layout: TasksLayout, row: number): CategoryCells {
  const at = (key: string): string => `${colLetter(layout.col[key]!)}${row}`;
  return { end: at('deadlineEnd'), status: at('status'), doneDate: at('doneDate') };
}

/** Dropdowns, one validation per column range (not per cell). */
function validations(col: Record<string, number>, lastRow: number): Validation[] {
  const range = (key: string): string => `${colLetter(col[key]!)}2:${colLetter(col[key]!)}${lastRow}`;
  // A cell may name several agencies ("A; B") or one not yet in the list: warn, do not refuse.
  const agency = (sqref: string): Validation => ({
    sqref,
    type: 'list',
    allowBlank: true,
    formulae: [NAME.agencies],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Cơ quan chưa có trong danh mục',
    error: `Tên cơ quan không có trong trang "${SHEET.lists}". Vẫn giữ?`,
  });
  return [
    {
      sqref: range('status'),
      type: 'list',
      allowBlank: true,
      formulae: [`"${STATUSES.join(',')}"`],
      showInputMessage: true,
      promptTitle: 'Trạng thái',
      prompt: `Chọn: ${STATUSES.join(' / ')}`,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Trạng thái không hợp lệ',
      error: `Chỉ chọn một trong: ${STATUSES.join(', ')}.`,
    },
    {
      sqref: range('doneDate'),
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [{ date: '1990-01-01' }],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Ngày không hợp lệ',
      error: 'Nhập ngày hoàn thành dạng dd/mm/yyyy.',
    },
    agency(range('lead')),
    agency(range('support')),
  ];
}

const fill = (argb: string, font: string, extra: { bold?: boolean; italic?: boolean } = {}): DiffStyle => ({
  fill: argb,
  font: { color: font, ...extra },
});

/**
 * Colours a person scans for. Row fills follow `Tình trạng` (live, so they
 * change with a status); the marks on the lead and deadline cells come first
 * in priority so a missing lead stays visible on an overdue row.
 */
function conditionalFormats(col: Record<string, number>, layout: TasksLayout): ConditionalFormat[] {
  const last = layout.lastRow;
  const rowRange = `A2:${colLetter(layout.columnCount)}${last}`;
  const abs = (key: string): string => `$${colLetter(col[key]!)}2`;
  const category = abs('category');
  const end = abs('deadlineEnd');
  const cells = (key: string): string => `${colLetter(col[key]!)}2:${colLetter(col[key]!)}${last}`;
  const deadlineCells = ['deadlineRaw', 'deadlineKind', 'deadlineEnd'].map(cells).join(' ');
  return [
    {
      sqref: cells('lead'),
      rules: [{ type: 'expression', priority: 1, formula: `LEN(TRIM(${abs('lead')}))=0`, style: fill('FFF4B084', 'FF833C0B', { bold: true }) }],
    },
    {
      sqref: deadlineCells,
      rules: [{ type: 'expression', priority: 2, formula: `${end}=""`, style: fill('FFFFF2CC', 'FF7F6000', { italic: true }) }],
    },
    {
      sqref: rowRange,
      rules: [
        { type: 'expression', priority: 3, formula: `${category}=${str(CATEGORIES.open_overdue)}`, style: fill('FFFFC7CE', 'FF9C0006') },
        {
          type: 'expression',
          priority: 4,
          formula: `AND(${category}=${str(CATEGORIES.open_on_time)},${end}-${NAME.asOf}<=${NAME.dueSoonDays})`,
          style: fill('FFFFEB9C', 'FF9C5700'),
        },
        { type: 'expression', priority: 5, formula: `${category}=${str(CATEGORIES.done_on_time)}`, style: fill('FFC6EFCE', 'FF006100') },
        { type: 'expression', priority: 6, formula: `${category}=${str(CATEGORIES.done_late)}`, style: fill('FFE7E6E6', 'FF3A3838') },
        // Outside the rates: suspended in amber, cancelled greyed out.
        { type: 'expression', priority: 7, formula: `${category}=${str(CATEGORIES.suspended)}`, style: fill('FFFCE4D6', 'FF843C0C', { italic: true }) },
        { type: 'expression', priority: 8, formula: `${category}=${str(CATEGORIES.cancelled)}`, style: fill('FFF2F2F2', 'FF7F7F7F', { italic: true }) },
      ],
    },
  ];
}

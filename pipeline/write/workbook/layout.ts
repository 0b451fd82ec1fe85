import type ExcelJS from 'exceljs';
import type { CellStyle, Font as XFont, PageSetup } from '../xlsx/model.js';

/**
 * Names and looks shared by the sheets of the tracking workbook (DESIGN §5).
 * Sheet and defined names are part of what formulas point at, so they live
 * in one place: a rename here is a rename everywhere.
 */

export const SHEET = {
  tasks: 'Nhiệm vụ',
  assignments: 'Phân công',
  rollup: 'Tổng hợp',
  findings: 'Kiểm tra',
  documents: 'Văn bản',
  lists: 'Danh mục',
} as const;

/** Workbook-level names, so formulas read as words and survive moved cells. */
export const NAME = {
  /** The report date cell (Tổng hợp!B2). */
  asOf: 'NgayBaoCao',
  /** Days before a deadline that count as "due soon" (Tổng hợp!B3). */
  dueSoonDays: 'SoNgaySapDenHan',
  /** The distinct canonical agencies (Danh mục!A2:A…), for dropdowns. */
  agencies: 'DanhMucCoQuan',
  /** Every way of writing "done" (Danh mục!E2:E…): what `Tình trạng` counts as done (rollup/status.ts DONE_WORDS). */
  doneWords: 'DanhMucHoanThanh',
  /** Every way of writing "suspended" (Danh mục!G2:G…; rollup/status.ts SUSPENDED_WORDS). */
  suspendedWords: 'DanhMucTamDung',
  /** Every way of writing "cancelled" (Danh mục!I2:I…; rollup/status.ts CANCELLED_WORDS). */
  cancelledWords: 'DanhMucBiHuy',
  /** Whether routine tasks are left out of the rates (Tổng hợp!B4: "Có" or "Không"). */
  excludeRoutine: 'LoaiTruThuongXuyen',
} as const;

/** The two answers of a yes/no cell (the exclude-routine switch on `Tổng hợp`). */
export const YES_NO = { yes: 'Có', no: 'Không' } as const;

/** Headers of the `Văn bản` sheet; rollup and re-import read the plan's identity back by them. */
export const DOCUMENT_HEADERS = {
  label: 'Văn bản',
  file: 'Tệp',
  title: 'Tên văn bản',
  number: 'Số hiệu',
  issuer: 'Cơ quan ban hành',
  date: 'Ngày ban hành',
  tasks: 'Số nhiệm vụ',
  errors: 'Lỗi',
  warnings: 'Cảnh báo',
  infos: 'Lưu ý',
  planId: 'Mã kế hoạch',
  version: 'Phiên bản',
  /** The agency a `--per-agency` copy is for: its answers count for its own tasks. */
  reporter: 'Cơ quan báo cáo',
} as const;

/** Excel table names (no spaces or diacritics allowed there). */
export const TABLE = { tasks: 'NhiemVu', assignments: 'PhanCong' } as const;

export const ROLE = { lead: 'chủ trì', support: 'phối hợp' } as const;

/** Government documents are set in Times New Roman; the sheets follow so printouts match. */
const FONT_NAME = 'Times New Roman';
const FONT_SIZE = 12;
const BORDER_COLOR = 'FFBFBFBF';
const HEADER_FILL_COLOR = 'FFD9E1F2';

// exceljs forms (the sheets added to an exceljs workbook by hand: re-import, report).
export const FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: FONT_SIZE };
export const HEADER_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true };
export const DATE_FORMAT = 'dd/mm/yyyy';
export const PERCENT_FORMAT = '0.0%';

export const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
export const HEADER_ALIGN: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: BORDER_COLOR } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}
export const HEADER_FILL = solid(HEADER_FILL_COLOR);

/**
 * The same looks as cell formats of the workbook model (write/xlsx/model.ts),
 * which both the direct writer and the exceljs build serialise. Cells point
 * at these objects; the writer numbers each once in styles.xml.
 */
export const X_FONT: XFont = { name: FONT_NAME, size: FONT_SIZE };
export const X_BOLD: XFont = { ...X_FONT, bold: true };
export const X_BORDER = { style: 'thin', color: BORDER_COLOR } as const;
const X_WRAP = { wrapText: true, vertical: 'top' } as const;

export const STYLE = {
  /** Bold centred header with a light fill. */
  header: { font: X_BOLD, fill: HEADER_FILL_COLOR, border: X_BORDER, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } },
  /** Body text: wrapped, top-aligned, bordered. */
  text: { font: X_FONT, border: X_BORDER, alignment: X_WRAP },
  textDate: { font: X_FONT, border: X_BORDER, alignment: X_WRAP, numFmt: DATE_FORMAT },
  textCentre: { font: X_FONT, border: X_BORDER, alignment: { ...X_WRAP, horizontal: 'center' } },
  /** One line per row (no wrap). */
  line: { font: X_FONT, border: X_BORDER, alignment: { vertical: 'top' } },
  lineDate: { font: X_FONT, border: X_BORDER, alignment: { vertical: 'top' }, numFmt: DATE_FORMAT },
  link: { font: { ...X_FONT, color: 'FF0563C1', underline: true }, border: X_BORDER, alignment: X_WRAP },
  plain: { font: X_FONT },
} satisfies Record<string, CellStyle>;

/** A header cell. */
export function headerCell(text: string): { value: string; style: CellStyle } {
  return { value: text, style: STYLE.header };
}

const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const FOOTER = '&L&"Times New Roman"&A&R&"Times New Roman"Trang &P/&N';

/** What a sheet prints beyond the defaults of printPage. */
export interface PrintOptions {
  /** Print area ("A1:N1048576"): columns left out are for the screen only. */
  area?: string;
  /** Columns repeated on each page width ("A:B"), so a row is known on every page. */
  titleColumns?: string;
  /** Page widths to fit to (default 1); more than one prints in "over, then down" order. */
  pagesWide?: number;
}

/** A4 landscape, fitted to `pagesWide` pages wide (default 1), header rows repeated on every page. */
export function printPage(titleRows: string, o: PrintOptions = {}): PageSetup {
  const wide = o.pagesWide ?? 1;
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToWidth: wide,
    fitToHeight: 0,
    printTitleRows: titleRows,
    ...(o.titleColumns ? { printTitleColumns: o.titleColumns } : {}),
    ...(o.area ? { printArea: o.area } : {}),
    // A row's two halves on consecutive sheets of paper, to lay side by side.
    ...(wide > 1 ? { pageOrder: 'overThenDown' as const } : {}),
    margins: MARGINS,
    oddFooter: FOOTER,
  };
}

/** 1 → "A", 27 → "AA". */
export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** "'Nhiệm vụ'" — a sheet name as formulas must write it (quotes doubled inside). */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A whole column of another sheet, e.g. 'Nhiệm vụ'!$O:$O: rows the user appends are counted too. */
export function wholeColumn(sheet: string, col: number): string {
  const l = colLetter(col);
  return `${sheetRef(sheet)}!$${l}:$${l}`;
}

/** A formula string literal: "…" with quotes doubled. */
export function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** ISO date → a Date at UTC midnight, which exceljs stores as the whole-day serial number. */
export function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * Column width (in characters) that fits the longest line of the values,
 * within bounds: wide text wraps instead of making a column a screen wide.
 */
export function fitWidth(values: Iterable<string | null | undefined>, min: number, max: number): number {
  let longest = 0;
  for (const v of values) if (v) longest = Math.max(longest, longestLine(v));
  return widthFor(longest, min, max);
}

/** fitWidth's bound, given the longest line already measured. */
export function widthFor(longest: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, longest + 2));
}

/** Length of the longest "\n"-separated line of a text (0 for none). */
export function longestLine(v: string | null | undefined): number {
  if (!v) return 0;
  let longest = 0;
  let start = 0;
  for (let nl = v.indexOf('\n'); nl !== -1; nl = v.indexOf('\n', start)) {
    longest = Math.max(longest, nl - start);
    start = nl + 1;
  }
  return Math.max(longest, v.length - start);
}

/**
 * Row height (points) for wrapped text: Excel does not grow rows to fit
 * wrapped text of a file it opens, so the height is estimated here from the
 * line count each cell needs at its column's width.
 */
export function fitHeight(cells: Array<{ text: string | null | undefined; width: number }>): number {
  let lines = 1;
  for (const { text, width } of cells) if (text) lines = Math.max(lines, linesAt(text, width));
  return heightFor(lines);
}

/** fitHeight for parallel arrays of texts and widths (no per-cell objects). */
export function fitHeightOf(texts: ReadonlyArray<string | null | undefined>, widths: readonly number[]): number {
  let lines = 1;
  for (let j = 0; j < texts.length; j++) {
    const text = texts[j];
    if (text) lines = Math.max(lines, linesAt(text, widths[j]!));
  }
  return heightFor(lines);
}

/** Lines a wrapped text takes at a column width. */
function linesAt(text: string, width: number): number {
  // Width units are digits of the default font; Times New Roman 12 fits about 1.15 average
  // characters per unit. Wrapping breaks at words, so one character less per line.
  const perLine = Math.max(1, Math.floor(width * 1.15) - 1);
  let n = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    n += Math.max(1, Math.ceil((nl - start) / perLine));
    start = nl + 1;
  }
  return n + Math.max(1, Math.ceil((text.length - start) / perLine));
}

function heightFor(lines: number): number {
  return Math.min(409, 16 * lines + 2);
}

/** Bold centred header cells with a light fill, on row `row`. */
export function styleHeader(ws: ExcelJS.Worksheet, row: number, from: number, to: number): void {
  const r = ws.getRow(row);
  for (let c = from; c <= to; c++) {
    const cell = r.getCell(c);
    cell.font = HEADER_FONT;
    cell.alignment = HEADER_ALIGN;
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
  }
}

/** printPage, on an exceljs sheet. */
export function printSetup(ws: ExcelJS.Worksheet, titleRows: string, o: PrintOptions = {}): void {
  const p = printPage(titleRows, o);
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: p.paperSize,
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    printTitlesRow: titleRows,
    ...(p.printTitleColumns ? { printTitlesColumn: p.printTitleColumns } : {}),
    ...(p.printArea ? { printArea: exceljsPrintArea(p.printArea) } : {}),
    ...(p.pageOrder ? { pageOrder: p.pageOrder } : {}),
    margins: { ...MARGINS },
  };
  ws.headerFooter = { oddFooter: FOOTER };
}

/**
 * A print area as exceljs must be given it: it writes "A1:N9" as $A1:$N9 (a
 * "$" before the column only), which LibreOffice ignores; given "A$1:N$9" it
 * writes $A$1:$N$9, as the direct writer does.
 */
export function exceljsPrintArea(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$1$$$2');
}

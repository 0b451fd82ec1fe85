import type ExcelJS from 'exceljs';

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
} as const;

/** Excel table names (no spaces or diacritics allowed there). */
export const TABLE = { tasks: 'NhiemVu', assignments: 'PhanCong' } as const;

export const ROLE = { lead: 'chủ trì', support: 'phối hợp' } as const;

/** Government documents are set in Times New Roman; the sheets follow so printouts match. */
export const FONT: Partial<ExcelJS.Font> = { name: 'Times New Roman', size: 12 };
export const HEADER_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true };
export const DATE_FORMAT = 'dd/mm/yyyy';
export const PERCENT_FORMAT = '0.0%';

export const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
export const HEADER_ALIGN: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}
export const HEADER_FILL = solid('FFD9E1F2');

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
  for (const v of values) {
    if (!v) continue;
    for (const line of v.split('\n')) longest = Math.max(longest, line.length);
  }
  return Math.max(min, Math.min(max, longest + 2));
}

/**
 * Row height (points) for wrapped text: Excel does not grow rows to fit
 * wrapped text of a file it opens, so the height is estimated here from the
 * line count each cell needs at its column's width.
 */
export function fitHeight(cells: Array<{ text: string | null | undefined; width: number }>): number {
  let lines = 1;
  for (const { text, width } of cells) {
    if (!text) continue;
    // Width units are digits of the default font; Times New Roman 12 fits about 1.15 average
    // characters per unit. Wrapping breaks at words, so one character less per line.
    const perLine = Math.max(1, Math.floor(width * 1.15) - 1);
    const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
    lines = Math.max(lines, n);
  }
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

/** A4 landscape, fitted to one page wide, header rows repeated on every page. */
export function printSetup(ws: ExcelJS.Worksheet, titleRows: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: titleRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&L&"Times New Roman"&A&R&"Times New Roman"Trang &P/&N' };
}

import Papa from 'papaparse';
import type { Block, Doc, Table, TableCell, TableRow } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { legacyFont, repairFontText, repairLegacyDoc } from './legacy.js';
import { corruptWorkbook, preparePackage } from './xlsx-package.js';
import { inNode } from './host.js';

/**
 * Spreadsheets → Doc, one Table block per sheet, so an existing tracking
 * sheet or a task list exported from Excel goes through the same finders as
 * a plan's appendix. Cells become text: dates as ISO yyyy-mm-dd, numbers as
 * written, rich text joined, formulas as their cached result, hyperlinks as
 * their text. A row's `line` is its row number in the sheet; for a workbook,
 * `page` is the sheet's position (1-based).
 */

// ---- CSV ---------------------------------------------------------------------

const CSV_DELIMITERS = [',', ';', '\t', '|'];

/**
 * CSV text (already decoded: UTF-8 with or without BOM) → Doc. The delimiter
 * is guessed among "," ";" tab and "|" (Excel in a Vietnamese locale writes
 * ";"), or taken from Excel's "sep=;" first line.
 */
export function readCsv(file: string, text: string): Doc {
  let body = text.replace(/^\ufeff/, '');
  let delimiter: string | undefined;
  let skipped = 0;
  const sep = body.match(/^sep=(.)\r?\n/i);
  if (sep) {
    delimiter = sep[1]!;
    body = body.slice(sep[0].length);
    skipped = 1;
  }
  const parsed = Papa.parse<string[]>(body, {
    delimiter: delimiter ?? '',
    delimitersToGuess: CSV_DELIMITERS,
    skipEmptyLines: false,
  });
  const rows: TableRow[] = [];
  parsed.data.forEach((fields, i) => {
    if (!Array.isArray(fields)) return;
    const cells = fields.map((f) => ({ text: cellString(f) }));
    if (cells.every((c) => c.text === '')) return;
    rows.push({ cells, line: i + 1 + skipped });
  });
  const blocks: Block[] = rows.length ? [tableOf(padRows(rows))] : [];
  return repairLegacyDoc({ file, format: 'csv', blocks });
}

// ---- XLSX --------------------------------------------------------------------

// The validation helpers moved to xlsx-package.ts with the rest of the package clean-up; kept importable from here.
export { cellsIn, stripHugeValidations } from './xlsx-package.js';

/**
 * .xlsx bytes → Doc. Throws PlanError 'sheet.legacy' for an old binary .xls
 * (or a password-protected workbook, which is stored the same way),
 * 'sheet.corrupt' for bytes that are not a readable workbook and
 * 'sheet.too_large' for one past the limits of xlsx-package.ts.
 */
export async function readXlsx(file: string, bytes: Uint8Array): Promise<Doc> {
  const workbook = await loadWorkbook(file, bytes);
  const blocks: Block[] = [];
  let index = 0;
  for (const ws of workbook.worksheets) {
    index++;
    if (ws.state === 'veryHidden') continue;
    const rows = sheetRows(ws, index);
    if (rows.length) blocks.push(tableOf(padRows(rows)));
  }
  // Cells typed in .VnTime / VNI fonts read "KÕ ho¹ch": repaired when most of the workbook reads so.
  return repairLegacyDoc({ file, format: 'xlsx', blocks });
}

/**
 * .xlsx bytes → an exceljs workbook, with the same guards as readXlsx (empty,
 * old .xls or password, damaged zip, too large) and the package made
 * readable first, whatever tool saved it (xlsx-package.ts). Exported for
 * readers that need the cells themselves (tracking/read-tracked.ts,
 * tracking/reimport.ts).
 */
export async function loadWorkbook(file: string, bytes: Uint8Array): Promise<import('exceljs').Workbook> {
  if (bytes.length === 0) {
    throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
  }
  if (isOle2(bytes)) {
    throw new PlanError(
      'sheet.legacy',
      `Tệp ${file} là tệp Excel cũ (.xls) hoặc có mật khẩu; hãy mở bằng Excel và lưu lại dưới dạng .xlsx không đặt mật khẩu`,
      `File ${file} is an old Excel file (.xls) or password-protected; open it in Excel and save it as .xlsx without a password`,
    );
  }
  const clean = preparePackage(file, bytes);
  const Workbook = await loadWorkbookClass();
  const workbook = new Workbook();
  try {
    // exceljs types say Buffer; it hands the bytes to JSZip, which takes any Uint8Array.
    await workbook.xlsx.load(clean as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    throw corruptWorkbook(file, e);
  }
  return workbook;
}

type ExcelModule = typeof import('exceljs');
type Worksheet = import('exceljs').Worksheet;
type Cell = import('exceljs').Cell;

/**
 * exceljs's Workbook, loaded only when a workbook is read: in Node the class
 * alone, as the writers load it (why: write/exceljs-workbook.ts); in a
 * browser, the package's own browser build.
 */
async function loadWorkbookClass(): Promise<ExcelModule['Workbook']> {
  if (inNode()) {
    // A specifier in a variable: browser bundles (the add-in) leave this Node file out.
    const mod = (await import(NODE_WORKBOOK)) as { default: ExcelModule['Workbook'] };
    return mod.default;
  }
  const mod = (await import('exceljs')) as unknown as ExcelModule & { default?: ExcelModule };
  return mod.default?.Workbook ?? mod.Workbook;
}
const NODE_WORKBOOK: string = 'exceljs/lib/doc/workbook.js';

function isOle2(b: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return b.length >= 8 && magic.every((m, i) => b[i] === m);
}

/** A sheet's non-empty rows as text cells (`line` = row number, `page` = the sheet's position). */
export function sheetRows(ws: Worksheet, page: number): TableRow[] {
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: TableCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(sheetCell(row.getCell(c)));
    if (cells.every((x) => x.text === '')) return;
    rows.push({ cells, line: rowNumber, page });
  });
  return rows;
}

/** A cell's text; a cell set in a legacy font (.VnTime, VNI-Times) is decoded by it. */
function cellText(cell: Cell): string {
  const text = valueText(cell.value);
  const font = legacyFont(cell.font?.name);
  return font ? repairFontText(text, font) : text;
}

/**
 * A merged range reads like an HTML one: its master gives its text and
 * `span` (columns covered); cells to its right are empty; cells below repeat
 * the text in the master's column with `merged`, and are empty elsewhere.
 */
function sheetCell(cell: Cell): TableCell {
  if (cell.isMerged && cell.master !== cell) {
    const master = cell.master;
    if (master.row === cell.row) return { text: '' };
    if (master.col === cell.col) return { text: cellText(master), merged: true };
    return { text: '', merged: true };
  }
  const out: TableCell = { text: cellText(cell) };
  if (cell.isMerged) {
    const row = cell.worksheet.getRow(Number(cell.row));
    let span = 1;
    for (let c = Number(cell.col) + 1; c <= row.cellCount; c++) {
      const next = row.getCell(c);
      if (!next.isMerged || next.master !== cell) break;
      span++;
    }
    if (span > 1) out.span = span;
  }
  return out;
}

/** A cell value as text (see the module comment). */
export function valueText(v: unknown): string {
  return cellString(rawText(v));
}

function rawText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((r: unknown) => rawText((r as { text?: unknown }).text)).join('');
    if ('formula' in o || 'sharedFormula' in o) return rawText(o.result);
    if ('hyperlink' in o || 'text' in o) return rawText(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return '';
}

/** 3 → "3", 1.1 → "1.1", 0.30000000000000004 → "0.3". */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** exceljs gives dates at UTC midnight of the serial day. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = d.getUTCFullYear();
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

// ---- shared ------------------------------------------------------------------

function cellString(s: unknown): string {
  return String(s ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .normalize('NFC')
    .trim();
}

/** Every row as wide as the widest row's last filled cell. */
function padRows(rows: TableRow[]): TableRow[] {
  const lastFilled = (cells: TableCell[]) => {
    for (let i = cells.length - 1; i >= 0; i--) if (cells[i]!.text !== '') return i + 1;
    return 0;
  };
  const width = rows.reduce((m, r) => Math.max(m, lastFilled(r.cells)), 0);
  for (const r of rows) {
    r.cells = r.cells.slice(0, width);
    while (r.cells.length < width) r.cells.push({ text: '' });
  }
  return rows;
}

function tableOf(rows: TableRow[]): Table {
  const first = rows[0]!;
  const t: Table = { kind: 'table', rows, line: first.line };
  if (first.page !== undefined) t.page = first.page;
  return t;
}

/**
 * The workbook behind the fake Office.js: sheets of cells with values,
 * formulas and formats, Excel tables, validation, frozen panes, selection,
 * and the document settings. Plain data and plain functions: the proxy
 * layer (office.ts) turns queued Office.js calls into these operations when
 * a batch is synced. Browser-safe: the e2e stub bundles it.
 */
import { boxAddress, MAX_COLS, MAX_ROWS, parseAddress, quoteSheet, type Box } from '../excel/address.js';

export type Scalar = string | number | boolean;

export interface Fill {
  /** "#RRGGBB", upper case. */
  color: string;
  /** Excel.FillPattern other than "Solid" ("Gray50", "Checker", …). */
  pattern?: string;
  patternColor?: string;
}

export interface Fmt {
  /** Absent: no fill. */
  fill?: Fill;
  fontName?: string;
  fontSize?: number;
  fontBold?: boolean;
  fontItalic?: boolean;
  fontColor?: string;
  numberFormat?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
}

export interface Cell {
  v?: Scalar;
  f?: string;
  fmt: Fmt;
}

export const DEFAULTS = {
  fontName: 'Calibri',
  fontSize: 11,
  fontColor: '#000000',
  numberFormat: 'General',
  hAlign: 'General',
  vAlign: 'Bottom',
  /** Points: 8.43 characters of Calibri 11. */
  columnWidth: 48,
  rowHeight: 15,
} as const;

export interface ValidationRule {
  box: Box;
  rule: unknown;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  box: Box;
  style: string;
}

export class SheetState {
  readonly rows = new Map<number, Map<number, Cell>>();
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly validations: ValidationRule[] = [];
  frozenRows = 0;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  selection: Box = { r0: 0, c0: 0, r1: 0, c1: 0 };
  pageLayout: Record<string, unknown> = {};
  /** Rows whose height Excel was asked to fit to their wrapped text. */
  autofitRows = false;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  get(r: number, c: number): Cell | undefined {
    return this.rows.get(r)?.get(c);
  }

  /** The cell, created when absent (for writing). */
  at(r: number, c: number): Cell {
    let row = this.rows.get(r);
    if (!row) this.rows.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = { fmt: {} }));
    return cell;
  }

  /** Drop cells that hold nothing, so the used range shrinks as Excel's does. */
  prune(r: number, c: number): void {
    const cell = this.get(r, c);
    if (cell && cell.v === undefined && cell.f === undefined && Object.keys(cell.fmt).length === 0) {
      const row = this.rows.get(r)!;
      row.delete(c);
      if (row.size === 0) this.rows.delete(r);
    }
  }

  /** Bounding box of cells with a value, a formula or (unless valuesOnly) a format; null when the sheet is blank. */
  used(valuesOnly = false): Box | null {
    let box: Box | null = null;
    for (const [r, row] of this.rows) {
      for (const [c, cell] of row) {
        const has = cell.v !== undefined || cell.f !== undefined || (!valuesOnly && Object.keys(cell.fmt).length > 0);
        if (!has) continue;
        if (!box) box = { r0: r, c0: c, r1: r, c1: c };
        else {
          box.r0 = Math.min(box.r0, r);
          box.r1 = Math.max(box.r1, r);
          box.c0 = Math.min(box.c0, c);
          box.c1 = Math.max(box.c1, c);
        }
      }
    }
    return box;
  }
}

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  readonly tables: TableState[] = [];
  /** Office.context.document.settings, as saved. */
  readonly settings = new Map<string, string>();
  active: SheetState | null = null;
  private nextId = 1;

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const n of sheetNames) this.addSheet(n);
    this.active = this.sheets[0] ?? null;
  }

  newId(prefix: string): string {
    const n = this.nextId++;
    return `{${prefix.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-${String(n).padStart(12, '0')}}`;
  }

  sheet(nameOrId: string): SheetState | undefined {
    const key = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === key);
  }

  addSheet(name?: string): SheetState {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.sheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    if (!validSheetName(n)) throw new FakeError('InvalidArgument', `Tên trang không hợp lệ: ${n}`);
    if (this.sheet(n)) throw new FakeError('ItemAlreadyExists', `Trang ${n} đã có`);
    const s = new SheetState(this.newId('5eee7'), n);
    this.sheets.push(s);
    return s;
  }

  deleteSheet(s: SheetState): void {
    if (this.sheets.length === 1) throw new FakeError('InvalidOperation', 'Không thể xoá trang cuối cùng');
    this.sheets.splice(this.sheets.indexOf(s), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.sheet === s) this.tables.splice(i, 1);
    if (this.active === s) this.active = this.sheets[0]!;
  }

  tableAt(s: SheetState, r: number, c: number): TableState | undefined {
    return this.tables.find((t) => t.sheet === s && inBox(t.box, r, c));
  }

  // ---- values --------------------------------------------------------------

  /**
   * Write values as Excel does when a value is set from the API: null leaves
   * the cell alone, "" empties it, "=…" is a formula, numeric and date-looking
   * text becomes a number unless the cell is formatted as text ("@"), a
   * leading apostrophe keeps text as text. A write right next to a table
   * grows it (Excel's table auto-expansion).
   */
  writeValues(s: SheetState, box: Box, values: unknown[][]): void {
    checkDims(box, values);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const r = box.r0 + i;
        const c = box.c0 + j;
        const cell = s.at(r, c);
        delete cell.f;
        delete cell.v;
        if (typeof v === 'number' || typeof v === 'boolean') cell.v = v;
        else {
          const text = String(v);
          if (text === '') {
            s.prune(r, c);
            return;
          } else if (cell.fmt.numberFormat === '@') cell.v = text;
          else if (text.startsWith("'")) cell.v = text.slice(1);
          else if (text.startsWith('=') && text.length > 1) cell.f = text;
          else cell.v = coerce(text);
        }
        this.autoExpand(s, r, c);
      }),
    );
  }

  writeFormulas(s: SheetState, box: Box, formulas: unknown[][]): void {
    checkDims(box, formulas);
    formulas.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const text = String(v);
        if (text.startsWith('=')) {
          const cell = s.at(box.r0 + i, box.c0 + j);
          delete cell.v;
          cell.f = text;
        } else this.writeValues(s, { r0: box.r0 + i, c0: box.c0 + j, r1: box.r0 + i, c1: box.c0 + j }, [[v]]);
      }),
    );
  }

  private autoExpand(s: SheetState, r: number, c: number): void {
    if (this.tableAt(s, r, c)) return;
    for (const t of this.tables) {
      if (t.sheet !== s) continue;
      if (c === t.box.c1 + 1 && r >= t.box.r0 && r <= t.box.r1) {
        t.box = { ...t.box, c1: c };
        if (r === t.box.r0 && s.get(r, c)?.v === undefined) s.at(r, c).v = `Column${c - t.box.c0 + 1}`;
        return;
      }
      if (r === t.box.r1 + 1 && c >= t.box.c0 && c <= t.box.c1) {
        t.box = { ...t.box, r1: r };
        return;
      }
    }
  }

  // ---- tables --------------------------------------------------------------

  addTable(s: SheetState, box: Box, hasHeaders: boolean): TableState {
    for (const t of this.tables) {
      if (t.sheet === s && overlaps(t.box, box)) throw new FakeError('InvalidOperation', 'Bảng chồng lên bảng khác');
    }
    let b = box;
    if (!hasHeaders) {
      // Excel inserts a header row above the data.
      this.insertRowAbove(s, box);
      b = { ...box, r1: box.r1 + 1 };
    }
    const seen = new Set<string>();
    for (let c = b.c0; c <= b.c1; c++) {
      const cell = s.get(b.r0, c);
      let h = cell?.v === undefined ? '' : String(cell.v);
      if (h === '') h = `Column${c - b.c0 + 1}`;
      let name = h;
      for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${h}${k}`;
      seen.add(name.toLowerCase());
      const hc = s.at(b.r0, c);
      delete hc.f;
      hc.v = name;
    }
    let i = 1;
    while (this.tables.some((t) => t.name.toLowerCase() === `table${i}`)) i++;
    const t: TableState = { id: String(this.tables.length + 1), name: `Table${i}`, sheet: s, box: b, style: 'TableStyleMedium2' };
    this.tables.push(t);
    return t;
  }

  private insertRowAbove(s: SheetState, box: Box): void {
    for (let r = MAX_ROWS - 2; r >= box.r0; r--) {
      const row = s.rows.get(r);
      if (!row) continue;
      for (let c = box.c0; c <= box.c1; c++) {
        const cell = row.get(c);
        if (!cell) continue;
        row.delete(c);
        s.at(r + 1, c);
        s.rows.get(r + 1)!.set(c, cell);
      }
    }
  }

  renameTable(t: TableState, name: string): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw new FakeError('InvalidArgument', `Tên bảng không hợp lệ: ${name}`);
    if (this.tables.some((x) => x !== t && x.name.toLowerCase() === name.toLowerCase())) {
      throw new FakeError('ItemAlreadyExists', `Bảng ${name} đã có`);
    }
    t.name = name;
  }

  /**
   * Insert a table column at `index` (null: after the last): the cells of the
   * table's rows from that column on move one to the right, as Excel's
   * "Insert Table Column" does.
   */
  addTableColumn(t: TableState, index: number | null, values: unknown[][] | undefined, name: string | undefined): number {
    const width = t.box.c1 - t.box.c0 + 1;
    const at = index === null || index === undefined || index < 0 ? width : index;
    if (at > width) throw new FakeError('InvalidArgument', 'Chỉ số cột vượt quá bảng');
    const col = t.box.c0 + at;
    shiftRight(t.sheet, t.box.r0, t.box.r1, col);
    t.box = { ...t.box, c1: t.box.c1 + 1 };
    const header = name ?? (values?.[0]?.[0] !== undefined ? String(values[0][0]) : `Column${at + 1}`);
    const cells = values ? values.map((row) => [row[0] ?? null]) : [];
    if (cells.length) {
      if (cells.length !== t.box.r1 - t.box.r0 + 1) throw new FakeError('InvalidArgument', 'Số dòng không khớp với bảng');
      this.writeValues(t.sheet, { r0: t.box.r0, c0: col, r1: t.box.r1, c1: col }, cells);
    }
    const hc = t.sheet.at(t.box.r0, col);
    delete hc.f;
    hc.v = header;
    return at;
  }

  deleteTableColumn(t: TableState, index: number): void {
    const col = t.box.c0 + index;
    shiftLeft(t.sheet, t.box.r0, t.box.r1, col);
    t.box = { ...t.box, c1: t.box.c1 - 1 };
  }

  tableColumnNames(t: TableState): string[] {
    const out: string[] = [];
    for (let c = t.box.c0; c <= t.box.c1; c++) out.push(String(t.sheet.get(t.box.r0, c)?.v ?? ''));
    return out;
  }

  // ---- snapshots for tests ---------------------------------------------------

  /** Every non-empty cell of a sheet: "B3" → {v, f, fmt}. */
  dump(s: SheetState): Record<string, { v?: Scalar; f?: string; fmt: Fmt }> {
    const out: Record<string, { v?: Scalar; f?: string; fmt: Fmt }> = {};
    const rows = [...s.rows.keys()].sort((a, b) => a - b);
    for (const r of rows) {
      const row = s.rows.get(r)!;
      for (const c of [...row.keys()].sort((a, b) => a - b)) {
        const cell = row.get(c)!;
        out[boxAddress({ r0: r, c0: c, r1: r, c1: c })] = JSON.parse(JSON.stringify(cell));
      }
    }
    return out;
  }

  /** A sheet's values as a grid over its used range (empty cells ""), with formulas shown as written. */
  grid(s: SheetState): { address: string | null; values: Scalar[][] } {
    const u = s.used(true);
    if (!u) return { address: null, values: [] };
    const values: Scalar[][] = [];
    for (let r = 0; r <= u.r1; r++) {
      const row: Scalar[] = [];
      for (let c = 0; c <= u.c1; c++) {
        const cell = s.get(r, c);
        row.push(cell?.f ?? cell?.v ?? '');
      }
      values.push(row);
    }
    return { address: `${quoteSheet(s.name)}!${boxAddress({ r0: 0, c0: 0, r1: u.r1, c1: u.c1 })}`, values };
  }
}

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
  get debugInfo(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function inBox(b: Box, r: number, c: number): boolean {
  return r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function intersect(a: Box, b: Box): Box | null {
  if (!overlaps(a, b)) return null;
  return { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
}

function validSheetName(n: string): boolean {
  return n.length > 0 && n.length <= 31 && !/[[\]:*?/\\]/.test(n) && !n.startsWith("'") && !n.endsWith("'");
}

function checkDims(box: Box, values: unknown[][]): void {
  const rows = box.r1 - box.r0 + 1;
  const cols = box.c1 - box.c0 + 1;
  if (!Array.isArray(values) || values.length !== rows || values.some((r) => !Array.isArray(r) || r.length !== cols)) {
    throw new FakeError('InvalidArgument', `Kích thước mảng không khớp với vùng ${boxAddress(box)} (${rows}×${cols})`);
  }
}

/** Text typed into a General cell: numbers and d/m/yyyy or yyyy-mm-dd dates become numbers, as in Excel. */
function coerce(text: string): Scalar {
  const t = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  let m = t.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (m) return dateSerial(Number(m[3]), Number(m[2]), Number(m[1])) ?? text;
  m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (m) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3])) ?? text;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  return text;
}

function dateSerial(y: number, m: number, d: number): number | null {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000 + 25569;
}

function shiftRight(s: SheetState, r0: number, r1: number, fromCol: number): void {
  for (let r = r0; r <= r1; r++) {
    const row = s.rows.get(r);
    if (!row) continue;
    const cols = [...row.keys()].filter((c) => c >= fromCol).sort((a, b) => b - a);
    for (const c of cols) {
      if (c + 1 >= MAX_COLS) throw new FakeError('InvalidOperation', 'Không còn chỗ để chèn cột');
      row.set(c + 1, row.get(c)!);
      row.delete(c);
    }
  }
}

function shiftLeft(s: SheetState, r0: number, r1: number, col: number): void {
  for (let r = r0; r <= r1; r++) {
    const row = s.rows.get(r);
    if (!row) continue;
    row.delete(col);
    const cols = [...row.keys()].filter((c) => c > col).sort((a, b) => a - b);
    for (const c of cols) {
      row.set(c - 1, row.get(c)!);
      row.delete(c);
    }
    if (row.size === 0) s.rows.delete(r);
  }
}

export { parseAddress };

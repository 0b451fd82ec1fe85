/**
 * The workbook behind the fake Office.js: sheets (sheet-state.ts), Excel
 * tables (tables-state.ts), defined names, merged cells, protection,
 * conditional formats (conditional-state.ts) and the document settings as
 * saved. Plain data and plain functions: the proxy layer turns queued
 * Office.js calls into these operations when a batch is synced, and tests
 * call them directly to set up what a user did to a workbook.
 * Browser-safe: the e2e stub bundles it.
 */
import { boxAddress, MAX_COLS, MAX_ROWS, parseAddress, quoteSheet, type Box } from '../excel/address.js';
import { cellsIn, inBox, intersect, overlaps, spansAllColumns, spansAllRows } from './boxes.js';
import { addRule, displayedFill } from './conditional-state.js';
import { FakeError } from './errors.js';
import { parseTyped, type DateOrder } from './parse.js';
import { copyFmt, SheetState } from './sheet-state.js';
import { MAX_CELL_CHARS, type CfRule, type Fill, type Fmt, type NameState, type ProtectionOptions, type Scalar, type TableState } from './state-types.js';
import * as tables from './tables-state.js';

export * from './state-types.js';
export { FakeError } from './errors.js';
export { inBox, intersect, overlaps } from './boxes.js';
export { SheetState } from './sheet-state.js';
export { parseAddress };

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  readonly tables: TableState[] = [];
  /** Workbook-scoped defined names. */
  readonly names: NameState[] = [];
  /** Office.context.document.settings, as saved in the document. */
  readonly settings = new Map<string, string>();
  /** Workbook structure protection (Review → Protect Workbook): no sheet added, deleted, renamed, hidden. */
  protection: { protected: boolean; password?: string } = { protected: false };
  /** How typed dates read: "1/2" is 2 January in en-US (mdy), 1 February in vi-VN (dmy). */
  dateOrder: DateOrder = 'mdy';
  /** The year a typed "1/2" falls in (the current year, as in Excel). */
  year = new Date().getFullYear();
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

  private sheetOf(s: SheetState | string): SheetState {
    const found = typeof s === 'string' ? this.sheet(s) : s;
    if (!found) throw new FakeError('ItemNotFound', `Không có trang ${String(s)}`);
    return found;
  }

  // ---- sheets --------------------------------------------------------------

  /** Sheet insert, delete, rename, hide are workbook-structure changes, refused under Protect Workbook (AccessDenied, as a protected sheet). */
  guardStructure(): void {
    if (this.protection.protected) throw new FakeError('AccessDenied', 'Cấu trúc sổ đang được bảo vệ');
  }

  addSheet(name?: string): SheetState {
    this.guardStructure();
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
    this.guardStructure();
    // Worksheet.delete: "if the worksheet's visibility is set to VeryHidden, the delete operation will fail with an InvalidOperation exception".
    if (s.visibility === 'VeryHidden') throw new FakeError('InvalidOperation', 'Không xoá được trang VeryHidden');
    if (this.sheets.length === 1) throw new FakeError('InvalidOperation', 'Không thể xoá trang cuối cùng');
    this.sheets.splice(this.sheets.indexOf(s), 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]!.sheet === s) this.tables.splice(i, 1);
    if (this.active === s) this.active = this.sheets[0]!;
  }

  renameSheet(s: SheetState, name: string): void {
    this.guardStructure();
    if (!validSheetName(name)) throw new FakeError('InvalidArgument', `Tên trang không hợp lệ: ${name}`);
    const other = this.sheet(name);
    if (other && other !== s) throw new FakeError('ItemAlreadyExists', `Trang ${name} đã có`);
    s.name = name;
  }

  setVisibility(s: SheetState, v: string): void {
    this.guardStructure();
    if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw new FakeError('InvalidArgument', `visibility không hợp lệ: ${v}`);
    // A workbook keeps at least one visible sheet; Excel refuses to hide the last one (code assumed InvalidOperation).
    if (v !== 'Visible' && s.visibility === 'Visible' && this.sheets.filter((x) => x.visibility === 'Visible').length === 1) {
      throw new FakeError('InvalidOperation', 'Sổ phải còn ít nhất một trang hiển thị');
    }
    s.visibility = v;
  }

  /** Close and open the workbook again: Excel gives every worksheet a new id (names stay). */
  reopenIds(): void {
    for (const s of this.sheets) s.id = this.newId('5eee7');
  }

  // ---- protection ------------------------------------------------------------

  /** WorksheetProtection.protect: "Fails if the worksheet has already been protected" (AccessDenied, OfficeDev/office-js#6784). */
  protectSheet(s: SheetState, options: ProtectionOptions = {}, password?: string): void {
    if (s.protection.protected) throw new FakeError('AccessDenied', `Trang ${s.name} đã được bảo vệ`);
    s.protection = { protected: true, options: { ...options }, ...(password ? { password } : {}) };
  }

  /** A wrong password is refused with InvalidArgument (as WorksheetProtection.pauseProtection documents); an unprotected sheet is left as it is. */
  unprotectSheet(s: SheetState, password?: string): void {
    if (!s.protection.protected) return;
    if (s.protection.password && s.protection.password !== password) throw new FakeError('InvalidArgument', 'Mật khẩu không đúng');
    s.protection = { protected: false, options: {} };
  }

  // ---- values --------------------------------------------------------------

  /**
   * Write values as Excel does when a value is set from the API (parse.ts):
   * null leaves the cell alone, "" empties it. The whole write is checked
   * before any cell changes: a protected sheet (AccessDenied), the array's
   * shape and a text over 32,767 characters (InvalidArgument), a value for a
   * merged cell other than its top-left one (InvalidOperation: Excel keeps a
   * merged area's value in that cell only; the code is assumed). A write
   * right next to a table grows it (Excel's table auto-expansion).
   */
  writeValues(s: SheetState, box: Box, values: unknown[][]): void {
    s.guardEdit();
    checkDims(box, values);
    checkLengths(values);
    checkMerged(s, box, values);
    values.forEach((row, i) => row.forEach((v, j) => this.writeOne(s, box.r0 + i, box.c0 + j, v)));
  }

  writeFormulas(s: SheetState, box: Box, formulas: unknown[][]): void {
    s.guardEdit();
    checkDims(box, formulas);
    checkLengths(formulas);
    checkMerged(s, box, formulas);
    formulas.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === 'string' && v.startsWith('=')) {
          const cell = s.at(box.r0 + i, box.c0 + j);
          delete cell.v;
          delete cell.fmt.quotePrefix;
          cell.f = v;
        } else this.writeOne(s, box.r0 + i, box.c0 + j, v);
      }),
    );
  }

  private writeOne(s: SheetState, r: number, c: number, v: unknown): void {
    if (v === null || v === undefined) return;
    if (v === '') {
      const cell = s.get(r, c);
      if (cell) {
        delete cell.v;
        delete cell.f;
        s.prune(r, c);
      }
      return;
    }
    const cell = s.at(r, c);
    delete cell.f;
    delete cell.v;
    delete cell.fmt.quotePrefix;
    if (typeof v === 'number' || typeof v === 'boolean') cell.v = v;
    else {
      const p = parseTyped(String(v), cell.fmt.numberFormat, this.dateOrder, this.year);
      if (p.v !== undefined) cell.v = p.v;
      if (p.f !== undefined) cell.f = p.f;
      if (p.quotePrefix) cell.fmt.quotePrefix = true;
    }
    tables.autoExpand(this, s, r, c);
  }

  // ---- formats -------------------------------------------------------------

  /**
   * Apply a format change to a box the way Excel stores it: whole columns
   * and whole rows keep one format each (and the cells that exist in them
   * change too), anything smaller changes every cell.
   */
  formatBox(s: SheetState, box: Box, apply: (fmt: Fmt) => void): void {
    if (spansAllRows(box)) {
      for (let c = box.c0; c <= box.c1; c++) setLine(s.colFmts, c, apply);
      for (const [r, row] of [...s.rows]) {
        for (const [c, cell] of [...row]) {
          if (c < box.c0 || c > box.c1) continue;
          apply(cell.fmt);
          s.prune(r, c);
        }
      }
      return;
    }
    if (spansAllColumns(box)) {
      for (let r = box.r0; r <= box.r1; r++) setLine(s.rowFmts, r, apply);
      for (const [r, row] of [...s.rows]) {
        if (r < box.r0 || r > box.r1) continue;
        for (const [c, cell] of [...row]) {
          apply(cell.fmt);
          s.prune(r, c);
        }
      }
      return;
    }
    if (cellsIn(box) > 5_000_000) throw new FakeError('InvalidOperation', 'Vùng quá lớn');
    for (let r = box.r0; r <= box.r1; r++) {
      for (let c = box.c0; c <= box.c1; c++) {
        apply(s.at(r, c).fmt);
        s.prune(r, c);
      }
    }
  }

  /** A user selects whole columns c0…c1 and formats them (a fill, a font): one format per column. */
  formatColumns(sheet: SheetState | string, c0: number, c1: number, fmt: Fmt): void {
    this.formatBox(this.sheetOf(sheet), { r0: 0, c0, r1: MAX_ROWS - 1, c1 }, (f) => Object.assign(f, copyFmt(fmt)));
  }

  /** A user selects whole rows r0…r1 and formats them: the used range then reaches column XFD. */
  formatRows(sheet: SheetState | string, r0: number, r1: number, fmt: Fmt): void {
    this.formatBox(this.sheetOf(sheet), { r0, c0: 0, r1, c1: MAX_COLS - 1 }, (f) => Object.assign(f, copyFmt(fmt)));
  }

  // ---- merged cells ------------------------------------------------------------

  /**
   * Range.merge: the area keeps its top-left value (Excel discards the rest);
   * an area that overlaps merged cells takes them in. Cells of a table cannot
   * be merged.
   */
  merge(s: SheetState, box: Box, across = false): void {
    s.guardEdit();
    const boxes = across ? Array.from({ length: box.r1 - box.r0 + 1 }, (_, i) => ({ ...box, r0: box.r0 + i, r1: box.r0 + i })) : [box];
    for (let b of boxes) {
      if (b.r0 === b.r1 && b.c0 === b.c1) continue;
      if (this.tables.some((t) => t.sheet === s && overlaps(t.box, b))) throw new FakeError('InvalidOperation', 'Không gộp được ô trong bảng');
      for (let grown = true; grown; ) {
        grown = false;
        for (const m of s.merges) {
          if (!overlaps(m, b)) continue;
          const u = { r0: Math.min(m.r0, b.r0), c0: Math.min(m.c0, b.c0), r1: Math.max(m.r1, b.r1), c1: Math.max(m.c1, b.c1) };
          if (u.r0 !== b.r0 || u.c0 !== b.c0 || u.r1 !== b.r1 || u.c1 !== b.c1) grown = true;
          b = u;
        }
      }
      for (let i = s.merges.length - 1; i >= 0; i--) if (overlaps(s.merges[i]!, b)) s.merges.splice(i, 1);
      for (const [r, row] of s.rows) {
        if (r < b.r0 || r > b.r1) continue;
        for (const [c, cell] of row) {
          if (c < b.c0 || c > b.c1 || (r === b.r0 && c === b.c0)) continue;
          delete cell.v;
          delete cell.f;
        }
      }
      s.merges.push(b);
    }
  }

  unmerge(s: SheetState, box: Box): void {
    s.guardEdit();
    for (let i = s.merges.length - 1; i >= 0; i--) if (overlaps(s.merges[i]!, box)) s.merges.splice(i, 1);
  }

  /** Range.getMergedAreasOrNullObject: only the areas whose top-left cell is in the range (OfficeDev/office-js#3611, by design). */
  mergedAreasIn(s: SheetState, box: Box): Box[] {
    return s.merges.filter((m) => inBox(box, m.r0, m.c0));
  }

  // ---- defined names -------------------------------------------------------------

  /**
   * NamedItemCollection.add: a name already used by a defined name or a
   * table fails with ItemAlreadyExists ("A resource with the same name or
   * identifier already exists", OfficeDev/office-js#2875); a malformed one
   * with InvalidArgument.
   */
  addName(name: string, formula: string, comment = ''): NameState {
    if (!tables.validName(name)) throw new FakeError('InvalidArgument', `Tên không hợp lệ: ${name}`);
    if (tables.nameTaken(this, name)) throw new FakeError('ItemAlreadyExists', `Tên ${name} đã có`);
    const n: NameState = { name, formula: formula.startsWith('=') ? formula : `=${formula}`, comment, visible: true };
    this.names.push(n);
    return n;
  }

  name(key: string): NameState | undefined {
    const k = key.toLowerCase();
    return this.names.find((n) => n.name.toLowerCase() === k);
  }

  // ---- conditional formats ---------------------------------------------------------

  /** A user's rule, set up directly (tests): a Custom rule over `box` that fills cells where `formula` holds. */
  addConditionalFormat(sheet: SheetState | string, box: Box, formula: string, fill?: string, priority = 0, stopIfTrue = false): CfRule {
    const s = this.sheetOf(sheet);
    return addRule(s, { id: this.newId('cf'), type: 'Custom', boxes: [box], formula, ...(fill ? { fill: fill.toUpperCase() } : {}), stopIfTrue }, priority);
  }

  /** The fill a user sees on a cell, conditional formats included (conditional-state.ts). */
  displayedFill(sheet: SheetState | string, r: number, c: number): Fill | null {
    return displayedFill(this.sheetOf(sheet), r, c);
  }

  // ---- tables (tables-state.ts) ------------------------------------------------------

  tableAt(s: SheetState, r: number, c: number): TableState | undefined {
    return this.tables.find((t) => t.sheet === s && inBox(t.box, r, c));
  }

  addTable(s: SheetState, box: Box, hasHeaders: boolean): TableState {
    return tables.addTable(this, s, box, hasHeaders);
  }

  renameTable(t: TableState, name: string): void {
    tables.renameTable(this, t, name);
  }

  addTableColumn(t: TableState, index: number | null, values: unknown[][] | undefined, name: string | undefined): number {
    return tables.addTableColumn(this, t, index, values, name);
  }

  deleteTableColumn(t: TableState, index: number): void {
    tables.deleteTableColumn(t, index);
  }

  tableColumnNames(t: TableState): string[] {
    return tables.tableColumnNames(t);
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

function setLine(map: Map<number, Fmt>, key: number, apply: (fmt: Fmt) => void): void {
  const f = map.get(key) ?? {};
  apply(f);
  if (Object.keys(f).length) map.set(key, f);
  else map.delete(key);
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

/** A cell holds at most 32,767 characters ("Excel specifications and limits"); a longer text fails the write. */
function checkLengths(values: unknown[][]): void {
  for (const row of values) {
    for (const v of row) {
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        throw new FakeError('InvalidArgument', `Ô chứa tối đa ${MAX_CELL_CHARS} ký tự (có ${v.length})`);
      }
    }
  }
}

function checkMerged(s: SheetState, box: Box, values: unknown[][]): void {
  if (s.merges.length === 0) return;
  for (const m of s.merges) {
    const cut = intersect(m, box);
    if (!cut) continue;
    for (let r = cut.r0; r <= cut.r1; r++) {
      for (let c = cut.c0; c <= cut.c1; c++) {
        if (r === m.r0 && c === m.c0) continue;
        const v = values[r - box.r0]![c - box.c0];
        if (v !== null && v !== undefined && v !== '') {
          throw new FakeError('InvalidOperation', `Ô ${boxAddress({ r0: r, c0: c, r1: r, c1: c })} thuộc vùng gộp ${boxAddress(m)}: chỉ ô trên cùng bên trái nhận giá trị`);
        }
      }
    }
  }
}

/**
 * Excel tables in the fake workbook: creating one over a range, naming it,
 * inserting and deleting its columns, and the auto-expansion Excel applies
 * when a value is typed next to a table. In: the workbook and a sheet. Out:
 * TableState changes and the cells they move. Called by WorkbookState.
 */
import { MAX_COLS, MAX_ROWS, type Box } from '../excel/address.js';
import { overlaps } from './boxes.js';
import { FakeError } from './errors.js';
import type { SheetState } from './sheet-state.js';
import type { TableState } from './state-types.js';
import type { WorkbookState } from './state.js';

/** Table and defined names: a letter, "_" or "\" first, then letters, digits, "_" and "."; not a cell reference. */
export function validName(name: string): boolean {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || name.length > 255) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) return false;
  return true;
}

/** Whether a name is taken in the workbook by a table or a defined name (Excel compares without case). */
export function nameTaken(wb: WorkbookState, name: string, except?: TableState): boolean {
  const key = name.toLowerCase();
  return wb.tables.some((t) => t !== except && t.name.toLowerCase() === key) || wb.names.some((n) => n.name.toLowerCase() === key);
}

export function addTable(wb: WorkbookState, s: SheetState, box: Box, hasHeaders: boolean): TableState {
  s.guardEdit();
  // "A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map"
  // (Excel error MergedRangeConflict, "Error handling with the application-specific JavaScript APIs").
  if (s.merges.some((m) => overlaps(m, box))) throw new FakeError('MergedRangeConflict', 'Bảng không thể chồng lên ô đã gộp');
  for (const t of wb.tables) {
    if (t.sheet === s && overlaps(t.box, box)) throw new FakeError('InvalidOperation', 'Bảng chồng lên bảng khác');
  }
  let b = box;
  if (!hasHeaders) {
    // Excel inserts a header row above the data.
    insertRowAbove(s, box);
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
  // The default name skips names taken by tables and defined names alike.
  let i = 1;
  while (nameTaken(wb, `Table${i}`)) i++;
  const t: TableState = { id: String(wb.tables.length + 1), name: `Table${i}`, sheet: s, box: b, style: 'TableStyleMedium2' };
  wb.tables.push(t);
  return t;
}

function insertRowAbove(s: SheetState, box: Box): void {
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

/**
 * Table names are unique in the workbook, tables and defined names together;
 * Excel refuses a taken or malformed name with InvalidArgument ("The argument
 * is invalid or missing or has an incorrect format", OfficeDev/office-js#551).
 */
export function renameTable(wb: WorkbookState, t: TableState, name: string): void {
  t.sheet.guardEdit();
  if (!validName(name)) throw new FakeError('InvalidArgument', `Tên bảng không hợp lệ: ${name}`);
  if (nameTaken(wb, name, t)) throw new FakeError('InvalidArgument', `Tên ${name} đã được dùng`);
  t.name = name;
}

/**
 * Insert a table column at `index` (null: after the last): the cells of the
 * table's rows from that column on move one to the right, as Excel's
 * "Insert Table Column" does.
 */
export function addTableColumn(wb: WorkbookState, t: TableState, index: number | null, values: unknown[][] | undefined, name: string | undefined): number {
  t.sheet.guardEdit();
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
    wb.writeValues(t.sheet, { r0: t.box.r0, c0: col, r1: t.box.r1, c1: col }, cells);
  }
  const hc = t.sheet.at(t.box.r0, col);
  delete hc.f;
  hc.v = header;
  return at;
}

export function deleteTableColumn(t: TableState, index: number): void {
  t.sheet.guardEdit();
  const col = t.box.c0 + index;
  shiftLeft(t.sheet, t.box.r0, t.box.r1, col);
  t.box = { ...t.box, c1: t.box.c1 - 1 };
}

export function tableColumnNames(t: TableState): string[] {
  const out: string[] = [];
  for (let c = t.box.c0; c <= t.box.c1; c++) out.push(String(t.sheet.get(t.box.r0, c)?.v ?? ''));
  return out;
}

/** A value typed right of or below a table joins it (Excel's table auto-expansion). */
export function autoExpand(wb: WorkbookState, s: SheetState, r: number, c: number): void {
  if (wb.tableAt(s, r, c)) return;
  for (const t of wb.tables) {
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

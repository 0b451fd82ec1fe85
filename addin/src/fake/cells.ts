/**
 * What a range proxy resolves to, and how its cells are read: a box (or the
 * boxes of a RangeAreas) on a sheet. In: a resolved range. Out: its stored
 * cells, one format property over it (null when mixed, as Office.js reports),
 * grids of values/formulas/… measured before they are built, addresses.
 * Reads walk the cells that exist plus the formats of whole rows and
 * columns, so a range reaching XFD stays cheap.
 */
import { boxAddress, quoteSheet, type Box } from '../excel/address.js';
import { cellsIn } from './boxes.js';
import { jsonBytes, LazyGrid } from './batch.js';
import { FakeError } from './errors.js';
import { fmtKey, type SheetState } from './sheet-state.js';
import type { Cell, Fmt, Scalar } from './state-types.js';

export interface RangeT {
  t: 'range';
  sheet: SheetState;
  box: Box;
}
export interface AreasT {
  t: 'areas';
  sheet: SheetState;
  boxes: Box[];
}
export type Cells = RangeT | AreasT;

export function boxesOf(c: Cells): Box[] {
  return c.t === 'range' ? [c.box] : c.boxes;
}

export function cellCount(c: Cells): number {
  return boxesOf(c).reduce((n, b) => n + cellsIn(b), 0);
}

/** Cells that are actually stored (the rest are blank): keeps whole-column work cheap. */
export function* storedCells(c: Cells): Generator<[number, number, Cell]> {
  for (const b of boxesOf(c)) {
    const rows = c.sheet.rows;
    // Walk the box's rows when it is smaller than the sheet, else the stored rows.
    if (b.r1 - b.r0 + 1 < rows.size) {
      for (let r = b.r0; r <= b.r1; r++) {
        const row = rows.get(r);
        if (!row) continue;
        if (b.c1 - b.c0 + 1 < row.size) {
          for (let col = b.c0; col <= b.c1; col++) {
            const cell = row.get(col);
            if (cell) yield [r, col, cell];
          }
        } else for (const [col, cell] of row) if (col >= b.c0 && col <= b.c1) yield [r, col, cell];
      }
    } else {
      for (const [r, row] of rows) {
        if (r < b.r0 || r > b.r1) continue;
        for (const [col, cell] of row) if (col >= b.c0 && col <= b.c1) yield [r, col, cell];
      }
    }
  }
}

/** A format property over cells: one value when all agree, else null (as Office.js reports mixed formats). */
export function uniform<T>(c: Cells, read: (fmt: Fmt) => T): T | null {
  const total = cellCount(c);
  let stored = 0;
  let first: T | undefined;
  let have = false;
  const see = (v: T): boolean => {
    if (!have) {
      first = v;
      have = true;
      return true;
    }
    return v === first;
  };
  for (const [, , cell] of storedCells(c)) {
    stored++;
    if (!see(read(cell.fmt))) return null;
  }
  if (stored < total) for (const f of boxesOf(c).flatMap((b) => blankFormats(c.sheet, b))) if (!see(read(f))) return null;
  return first ?? null;
}

/**
 * The formats the cells without a record in a box may show: each row format
 * over each column format met in the box (with "none" when some row or
 * column has none). Over-approximates when stored cells cover a combination.
 */
function blankFormats(s: SheetState, b: Box): Fmt[] {
  if (s.colFmts.size === 0 && s.rowFmts.size === 0) return [{}];
  const lines = (map: Map<number, Fmt>, lo: number, hi: number): Array<Fmt | undefined> => {
    const seen = new Map<string, Fmt | undefined>();
    let hits = 0;
    const meet = (f: Fmt | undefined): void => {
      if (!f) return;
      hits++;
      seen.set(fmtKey(f), f);
    };
    if (hi - lo + 1 > map.size) {
      for (const [k, f] of map) if (k >= lo && k <= hi) meet(f);
    } else for (let k = lo; k <= hi; k++) meet(map.get(k));
    if (hits < hi - lo + 1) seen.set('', undefined);
    return [...seen.values()];
  };
  const out: Fmt[] = [];
  for (const rf of lines(s.rowFmts, b.r0, b.r1)) for (const cf of lines(s.colFmts, b.c0, b.c1)) out.push({ ...cf, ...rf });
  return out;
}

/**
 * A grid of one property per cell of a range, measured cell by cell (blank
 * cells included: Office.js sends a value for every cell) and built only on
 * delivery. Refuses a range over 5,000,000 cells, Excel's limit for reads
 * ("Resource limits and performance optimization for Office Add-ins").
 */
export function lazyGrid<T>(r: RangeT, read: (cell: Cell | undefined, row: number, col: number) => T): LazyGrid<T> {
  if (cellCount(r) > 5_000_000) throw new FakeError('ResponsePayloadSizeLimitExceeded', 'Vùng quá lớn để đọc một lần');
  const { r0, r1, c0, c1 } = r.box;
  const width = c1 - c0 + 1;
  let bytes = 2 + (r1 - r0); // [ ] and the commas between rows
  for (let i = r0; i <= r1; i++) {
    const cells = r.sheet.rows.get(i);
    bytes += 2 + (width - 1);
    for (let j = c0; j <= c1; j++) bytes += jsonBytes(read(cells?.get(j), i, j));
  }
  return new LazyGrid<T>(bytes, () => {
    const out: T[][] = [];
    for (let i = r0; i <= r1; i++) {
      const cells = r.sheet.rows.get(i);
      const row: T[] = new Array(width);
      for (let j = c0; j <= c1; j++) row[j - c0] = read(cells?.get(j), i, j);
      out.push(row);
    }
    return out;
  });
}

/** The same grid built at once (for small per-cell objects, where measuring the built JSON is cheaper). */
export function eagerGrid<T>(r: RangeT, read: (cell: Cell | undefined, row: number, col: number) => T): T[][] {
  if (cellCount(r) > 5_000_000) throw new FakeError('ResponsePayloadSizeLimitExceeded', 'Vùng quá lớn để đọc một lần');
  const out: T[][] = [];
  for (let i = r.box.r0; i <= r.box.r1; i++) {
    const cells = r.sheet.rows.get(i);
    const row: T[] = [];
    for (let j = r.box.c0; j <= r.box.c1; j++) row.push(read(cells?.get(j), i, j));
    out.push(row);
  }
  return out;
}

export function valueOf(cell: Cell | undefined): Scalar {
  // The fake does not calculate: a formula cell reads as its stored value or "" (Excel would give its result).
  return cell?.v ?? '';
}

export function valueType(cell: Cell | undefined): string {
  const v = cell?.v;
  if (v === undefined) return cell?.f ? 'String' : 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  if (cell?.f && v.startsWith('#')) return 'Error';
  return 'String';
}

export function rangeAddress(r: RangeT): string {
  return `${quoteSheet(r.sheet.name)}!${boxAddress(r.box)}`;
}

export function areasAddress(a: AreasT): string {
  return a.boxes.map((b) => `${quoteSheet(a.sheet.name)}!${boxAddress(b)}`).join(',');
}

export function fillColor(f: Fmt): string {
  return f.fill?.color ?? '#FFFFFF';
}

export function fillPattern(f: Fmt): string {
  return f.fill ? (f.fill.pattern ?? 'Solid') : 'None';
}

export function normColor(v: unknown): string {
  const s = String(v).trim();
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', yellow: '#FFFF00' };
  const hex = named[s.toLowerCase()] ?? s;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new FakeError('InvalidArgument', `Màu không hợp lệ: ${s}`);
  return hex.toUpperCase();
}

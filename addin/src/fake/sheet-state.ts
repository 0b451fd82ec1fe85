/**
 * One worksheet of the fake workbook: the cells that exist (a sparse map),
 * whole-column and whole-row formats, merged areas, protection, conditional
 * formats, widths, validation, panes. In: reads and writes by row/column.
 * Out: cells, inherited formats, the used range.
 *
 * Formats of whole columns and rows are stored once (as Excel stores a
 * column's style), so a user who selected columns E:XFD and filled them costs
 * 16,380 entries, not 16,380 × rows cells. A blank cell shows its row's format
 * over its column's; a cell created in a formatted column starts with that
 * format, as Excel gives a new cell the column's style.
 */
import { MAX_COLS, type Box } from '../excel/address.js';
import { FakeError } from './errors.js';
import type { Cell, CfRule, Fmt, ProtectionState, ValidationRule } from './state-types.js';

export class SheetState {
  readonly rows = new Map<number, Map<number, Cell>>();
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly validations: ValidationRule[] = [];
  /** Formats of whole columns (column index → format) and whole rows. */
  readonly colFmts = new Map<number, Fmt>();
  readonly rowFmts = new Map<number, Fmt>();
  /** Merged areas; the value of each lives in its top-left cell. */
  readonly merges: Box[] = [];
  /** Conditional-format rules in priority order (index 0 is the top rule). */
  readonly rules: CfRule[] = [];
  protection: ProtectionState = { protected: false, options: {} };
  frozenRows = 0;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  selection: Box = { r0: 0, c0: 0, r1: 0, c1: 0 };
  pageLayout: Record<string, unknown> = {};
  /** Rows whose height Excel was asked to fit to their wrapped text. */
  autofitRows = false;

  constructor(
    /** Changes when the workbook is closed and reopened (Excel does not keep worksheet ids across sessions). */
    public id: string,
    public name: string,
  ) {}

  get(r: number, c: number): Cell | undefined {
    return this.rows.get(r)?.get(c);
  }

  /** The cell, created when absent (for writing), with the format it inherits from its row or column. */
  at(r: number, c: number): Cell {
    let row = this.rows.get(r);
    if (!row) this.rows.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = { fmt: this.inherited(r, c) }));
    return cell;
  }

  /** The format a cell with no record shows: its row's over its column's (a fresh copy). */
  inherited(r: number, c: number): Fmt {
    if (this.colFmts.size === 0 && this.rowFmts.size === 0) return {};
    const col = this.colFmts.get(c);
    const row = this.rowFmts.get(r);
    if (!col && !row) return {};
    return copyFmt({ ...col, ...row });
  }

  /** The format a cell shows, whether it exists or not. Not a copy: do not change it (cheap for reads of large ranges). */
  fmtAt(r: number, c: number): Fmt {
    const cell = this.get(r, c);
    if (cell) return cell.fmt;
    if (this.colFmts.size === 0 && this.rowFmts.size === 0) return NO_FMT;
    const col = this.colFmts.get(c);
    const row = this.rowFmts.get(r);
    if (col && row) return { ...col, ...row };
    return row ?? col ?? NO_FMT;
  }

  /** Drop a cell that holds nothing its row or column does not already give it, so the used range shrinks as Excel's does. */
  prune(r: number, c: number): void {
    const cell = this.get(r, c);
    if (!cell || cell.v !== undefined || cell.f !== undefined) return;
    const plain = this.colFmts.size === 0 && this.rowFmts.size === 0;
    if (plain ? Object.keys(cell.fmt).length > 0 : !sameFmt(cell.fmt, this.inherited(r, c))) return;
    const row = this.rows.get(r)!;
    row.delete(c);
    if (row.size === 0) this.rows.delete(r);
  }

  /**
   * Bounding box of cells with a value, a formula or (unless valuesOnly) a
   * format; null when the sheet is blank. Formatted whole rows reach column
   * XFD; formatted whole columns widen the box over the rows already used
   * (the user who filled columns E:XFD beside a 100-row list gets A1:XFD100).
   */
  used(valuesOnly = false): Box | null {
    let box: Box | null = null;
    const add = (r0: number, c0: number, r1: number, c1: number): void => {
      if (!box) box = { r0, c0, r1, c1 };
      else {
        box.r0 = Math.min(box.r0, r0);
        box.r1 = Math.max(box.r1, r1);
        box.c0 = Math.min(box.c0, c0);
        box.c1 = Math.max(box.c1, c1);
      }
    };
    for (const [r, row] of this.rows) {
      for (const [c, cell] of row) {
        const has = cell.v !== undefined || cell.f !== undefined || (!valuesOnly && Object.keys(cell.fmt).length > 0);
        if (has) add(r, c, r, c);
      }
    }
    if (valuesOnly) return box;
    for (const r of this.rowFmts.keys()) add(r, 0, r, MAX_COLS - 1);
    if (this.colFmts.size) {
      const cols = [...this.colFmts.keys()];
      const b = box as Box | null;
      add(b?.r0 ?? 0, Math.min(...cols), b?.r1 ?? 0, Math.max(...cols));
    }
    return box;
  }

  /** The merged area a cell belongs to, if any. */
  mergeAt(r: number, c: number): Box | undefined {
    if (this.merges.length === 0) return undefined;
    return this.merges.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
  }

  /**
   * Refuse a change to a protected sheet, as Excel does with AccessDenied
   * ("You cannot perform the requested operation", the code Excel returns for
   * a write to a locked cell: microsoftgraph/microsoft-graph-docs#4546, and
   * for protection calls: OfficeDev/office-js#6784). `kind` names what the
   * WorksheetProtectionOptions may still allow.
   */
  guardEdit(kind: 'cells' | 'formatCells' | 'formatColumns' | 'formatRows' = 'cells'): void {
    const p = this.protection;
    if (!p.protected) return;
    if (kind === 'formatCells' && p.options.allowFormatCells) return;
    if (kind === 'formatColumns' && p.options.allowFormatColumns) return;
    if (kind === 'formatRows' && p.options.allowFormatRows) return;
    throw new FakeError('AccessDenied', `Trang ${this.name} đang được bảo vệ`);
  }
}

const NO_FMT: Fmt = Object.freeze({}) as Fmt;

export function copyFmt(f: Fmt): Fmt {
  const out: Fmt = { ...f };
  if (f.fill) out.fill = { ...f.fill };
  return out;
}

export function sameFmt(a: Fmt, b: Fmt): boolean {
  return fmtKey(a) === fmtKey(b);
}

/** A stable key for a format (keys sorted), to compare and group formats. */
export function fmtKey(f: Fmt): string {
  const keys = Object.keys(f).sort() as Array<keyof Fmt>;
  return keys.map((k) => `${k}:${k === 'fill' ? `${f.fill!.color}/${f.fill!.pattern ?? ''}/${f.fill!.patternColor ?? ''}` : String(f[k])}`).join('|');
}

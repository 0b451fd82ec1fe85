import type { GridRow, PageTable, Region } from './page.js';
import { regionText } from './ruled.js';
import { dice, tokenSet } from '../../normalise/similarity.js';

export class LogicalTable {
  readonly rows: GridRow[];
  /** Column boundaries of the first piece. */
  readonly xs: number[];
  private first: PageTable;
  headerRows = 0;

  constructor(t: PageTable) {
    this.first = t;
    this.xs = t.xs;
    this.rows = [...t.rows];
  }

  /** A table starting the next page continues this one when it has the same columns. */
  accepts(t: PageTable): boolean {
    if (t.xs.length !== this.xs.length) return false;
    const scale = Math.max(1, (this.xs[this.xs.length - 1]! - this.xs[0]!) * 0.01);
    if (t.xs.every((x, i) => Math.abs(x - this.xs[i]!) <= Math.max(3, scale))) return true;
    // Scanned pages lie a little apart on the glass: the same column widths, shifted as a whole.
    const shift = t.xs[0]! - this.xs[0]!;
    if (t.ocr && this.first.ocr && Math.abs(shift) <= 30 && t.xs.every((x, i) => Math.abs(x - shift - this.xs[i]!) <= Math.max(3, scale))) return true;
    // Columns of a table without rules are estimated on each page: the same header says it is the same table.
    const head = t.rows[0];
    return !t.ruled && !this.first.ruled && !!head && rowKey(head) !== '' && rowKey(head) === rowKey(this.first.rows[0]!);
  }

  append(t: PageTable): void {
    let rows = [...t.rows];
    // The header printed again: leading rows that repeat the first rows of the table.
    let h = 0;
    while (h < Math.min(4, rows.length, this.first.rows.length) && repeats(rows[h]!, this.first.rows[h]!)) h++;
    if (h > 0) {
      this.headerRows = Math.max(this.headerRows, h);
      rows = rows.slice(h);
    }
    const last = this.rows[this.rows.length - 1];
    const next = rows[0];
    if (last && next) {
      const C = next.regions.length;
      const firstCell = next.regions[0]!;
      const split = firstCell.c0 === 0 && !regionText(firstCell) && rowsOf(firstCell, rows) === 1 && next.regions.some(regionText);
      const joinable = (c: number) => {
        const a = last.regions[c]!;
        const b = next.regions[c]!;
        return a.c0 === b.c0 && a.c1 === b.c1;
      };
      if (split && next.regions.every((_r, c) => joinable(c))) {
        // The tail of the row above: each cell's lines go to the cell above, and so does any merge it starts.
        for (let c = 0; c < C; c++) {
          const b = next.regions[c]!;
          if (b.c0 !== c) continue;
          link(last.regions[c]!, b, rows);
        }
        rows = rows.slice(1);
      } else {
        // A merged cell running over the break: an empty cell on top continuing a cell that covers rows above.
        for (let c = 0; c < C; c++) {
          const a = last.regions[c]!;
          const b = next.regions[c]!;
          if (b.c0 !== c || !joinable(c) || regionText(b) || !regionText(a)) continue;
          const aRows = rowsOf(a, this.rows);
          const bRows = rowsOf(b, rows);
          if (aRows > 1 || bRows > 1) link(a, b, rows);
        }
      }
    }
    this.rows.push(...rows);
  }
}

/** Region b (on a new page) continues region a: its lines join a's, and its rows now show a. */
export function link(a: Region, b: Region, rows: GridRow[]): void {
  if (a === b) return;
  a.parts.push(...b.parts);
  for (const row of rows) row.regions = row.regions.map((r) => (r === b ? a : r));
}

export function rowsOf(reg: Region, rows: GridRow[]): number {
  return rows.filter((r) => r.regions.includes(reg)).length;
}

/**
 * A row that repeats another: the same text, or (a header read by OCR from a
 * scan, "ETE" for "TT") nearly the same words over as many cells.
 */
export function repeats(a: GridRow, b: GridRow): boolean {
  const ka = rowKey(a);
  const kb = rowKey(b);
  if (ka === '' || kb === '') return false;
  if (ka === kb) return true;
  // Near misses only where OCR read the rows: a text PDF prints its header again exactly.
  const ocr = (r: GridRow) => r.regions.some((reg) => reg.parts.some((p) => p.lines.some((l) => l.runs.some((x) => x.conf !== undefined))));
  if (!ocr(a) || !ocr(b) || a.regions.length !== b.regions.length) return false;
  // Only header-like rows (short cells, the same ones filled): data rows of a plan share many words.
  const shape = (r: GridRow) => r.regions.map((reg, c) => (reg.c0 === c ? reg.parts.flatMap((p) => p.lines.map((l) => l.text)).join(' ') : ''));
  const sa = shape(a);
  const sb = shape(b);
  if (sa.some((t, i) => t.length > 60 || sb[i]!.length > 60)) return false;
  // One short cell may be read on one page and lost on the other ("TT" read as nothing, or as "EE").
  const differ = sa.filter((t, i) => (t === '') !== (sb[i] === ''));
  if (differ.length > 1 || sa.some((t, i) => (t === '') !== (sb[i] === '') && (t || sb[i]!).length > 6)) return false;
  // Two data rows with their own numbers ("3", "5") are two rows, however alike.
  if (/^\d/.test(sa[0] ?? '') && /^\d/.test(sb[0] ?? '') && sa[0] !== sb[0]) return false;
  const ta = tokenSet(ka);
  const tb = tokenSet(kb);
  return Math.min(ta.size, tb.size) >= 5 && dice(ta, tb) >= 0.8;
}

export function rowKey(row: GridRow): string {
  return row.regions
    .map((reg, c) => (reg.c0 === c ? reg.parts.flatMap((p) => p.lines.map((l) => l.text)).join(' ') : ''))
    .join('|')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\|+$/, '');
}

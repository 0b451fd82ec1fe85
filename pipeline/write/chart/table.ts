/**
 * Where a per-agency summary table sits on its sheet, read from the sheet
 * itself. In: a SheetGrid (the cells as a writer wrote them: text, numbers,
 * formulas' cached results, merged ranges) and a TableSpec (the header texts
 * to look for). Out: an AgencyTable — the agency rows (the total row left
 * out), the column of each series, the header cell naming it, and the values
 * now in those cells — or null when the sheet holds no such table.
 *
 * Columns are found by their header texts, not by position, so a table whose
 * columns move or gain a neighbour still charts the right ones; rows run from
 * under the header to the row before the total.
 */
export type GridValue = string | number | null;

export interface SheetGrid {
  /** The sheet's name, as formulas quote it. */
  name: string;
  /** Last row holding anything (1-based). */
  lastRow: number;
  /** Last column holding anything (1-based). */
  lastCol: number;
  /** What a cell shows: text, a number, a formula's cached result; null when blank. */
  value(r: number, c: number): GridValue;
  /** The top-left cell of the merged range covering (r, c); (r, c) itself when not merged. */
  master(r: number, c: number): { r: number; c: number };
}

export interface TableSpec {
  sheet: string;
  /** The agency column's header text. */
  agencyHeader: string;
  /**
   * Each series' header, top to bottom through the header rows (a group over
   * its columns, then the column's own): ["Hoàn thành đúng hạn"], or
   * ["Đã hoàn thành", "Đúng hạn"] under a merged group.
   */
  series: ReadonlyArray<readonly string[]>;
  /** The completion rate column's header. */
  rate: readonly string[];
  /** The total row's label in the agency column: not an agency. */
  totalLabel: string;
}

export interface SeriesColumn {
  col: number;
  /** The single header cell that names it, or null when its name spans cells (a group and a sub-header). */
  nameCell: { r: number; c: number } | null;
  /** The name shown: the header cell's text, or the header path joined. */
  name: string;
  /** Current values down the agency rows (null: blank). */
  values: Array<number | null>;
}

export interface AgencyTable {
  sheet: string;
  agencyCol: number;
  headerRows: { first: number; last: number };
  /** Agency rows, first and last (inclusive); the total row is below `lastRow`. */
  firstRow: number;
  lastRow: number;
  agencies: string[];
  series: SeriesColumn[];
  rate: SeriesColumn;
  /** The last row and column the sheet uses (notes under the table included): charts go clear of them. */
  usedRows: number;
  usedCols: number;
}

/** How far down and right the header is looked for. */
const SEARCH_ROWS = 30;
const SEARCH_COLS = 60;

export function locateTable(grid: SheetGrid, spec: TableSpec): AgencyTable | null {
  const header = findText(grid, spec.agencyHeader);
  if (!header) return null;
  // The header block: the rows the agency header cell spans (two rows under a merged group).
  let last = header.r;
  while (last + 1 <= grid.lastRow && same(grid.master(last + 1, header.c), header)) last++;
  const headerRows = { first: header.r, last };

  const series = spec.series.map((path) => column(grid, headerRows, path));
  const rate = column(grid, headerRows, spec.rate);
  if (series.some((s) => s === null) || rate === null) return null;

  const firstRow = last + 1;
  let r = firstRow;
  const agencies: string[] = [];
  for (; r <= grid.lastRow; r++) {
    const v = grid.value(r, header.c);
    const text = typeof v === 'string' ? v.trim() : v === null ? '' : String(v);
    if (text === spec.totalLabel || text === '') break;
    agencies.push(text);
  }
  // No agency row, or no total row right under them: not the table this charts.
  if (agencies.length === 0 || textAt(grid, r, header.c) !== spec.totalLabel) return null;
  const lastRow = r - 1;

  const withValues = (s: Omit<SeriesColumn, 'values'>): SeriesColumn => ({
    ...s,
    values: agencies.map((_a, i) => {
      const x = grid.value(firstRow + i, s.col);
      return typeof x === 'number' && Number.isFinite(x) ? x : null;
    }),
  });
  return {
    sheet: grid.name,
    agencyCol: header.c,
    headerRows,
    firstRow,
    lastRow,
    agencies,
    series: series.map((s) => withValues(s!)),
    rate: withValues(rate!),
    usedRows: grid.lastRow,
    usedCols: grid.lastCol,
  };
}

function same(a: { r: number; c: number }, b: { r: number; c: number }): boolean {
  return a.r === b.r && a.c === b.c;
}

function textAt(grid: SheetGrid, r: number, c: number): string {
  const m = grid.master(r, c);
  const v = grid.value(m.r, m.c);
  return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
}

function findText(grid: SheetGrid, text: string): { r: number; c: number } | null {
  for (let r = 1; r <= Math.min(grid.lastRow, SEARCH_ROWS); r++) {
    for (let c = 1; c <= Math.min(grid.lastCol, SEARCH_COLS); c++) {
      if (same(grid.master(r, c), { r, c }) && textAt(grid, r, c) === text) return { r, c };
    }
  }
  return null;
}

/** The column whose header texts, top to bottom (merged cells read through, repeats once), are `path`. */
function column(grid: SheetGrid, rows: { first: number; last: number }, path: readonly string[]): Omit<SeriesColumn, 'values'> | null {
  for (let c = 1; c <= Math.min(grid.lastCol, SEARCH_COLS); c++) {
    const cells: Array<{ r: number; c: number; text: string }> = [];
    for (let r = rows.first; r <= rows.last; r++) {
      const m = grid.master(r, c);
      const text = textAt(grid, r, c);
      if (text === '' || cells.some((x) => same(x, m))) continue;
      cells.push({ ...m, text });
    }
    if (cells.length !== path.length || cells.some((x, i) => x.text !== path[i])) continue;
    const only = cells.length === 1 ? cells[0]! : null;
    return { col: c, nameCell: only ? { r: only.r, c: only.c } : null, name: joinPath(path) };
  }
  return null;
}

/** ["Đã hoàn thành", "Quá hạn"] → "Đã hoàn thành, quá hạn" (as the workbook's own category names read). */
function joinPath(path: readonly string[]): string {
  return path.map((p, i) => (i === 0 ? p : p.charAt(0).toLocaleLowerCase('vi') + p.slice(1))).join(', ');
}

import type { TableCell, TableRow } from '../model/doc.js';
import type { ColumnMap, Field } from './headers.js';
import { ttKind } from './tt.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import { looksLikeDeadline, parseDeadline } from '../normalise/deadline.js';

/**
 * Rows of a `loose` table (a web page saved as text) → rows with one cell per
 * column. In, the header's column map and the body rows as read, some with
 * fewer cells than columns; out, every row as wide as the header, its cells
 * placed in the columns whose kind of content they hold (a TT, a task, an
 * agency, a deadline), in order. A column a row has no cell for takes the
 * cell above it, marked `merged` (the converter dropped a cell merged over
 * rows), except after a group row, which spans the table.
 */
export function alignLooseRows(rows: readonly TableRow[], map: ColumnMap): TableRow[] {
  const width = map.fields.length;
  const out: TableRow[] = [];
  // The last task row, whose cells a row under merged cells inherits; none after a group row.
  let above: TableRow | null = null;
  for (const row of rows) {
    const filled = row.cells.filter((c) => c.text.trim() !== '');
    if (row.cells.length >= width || filled.length === 0) {
      out.push(row);
      above = isGroupRow(row.cells, map) ? null : row;
      continue;
    }
    if (filled.length === 1 && row.cells.length === 1) {
      // One cell across the table: a group title (the assembler decides).
      out.push(row);
      above = null;
      continue;
    }
    const columns = alignCells(row.cells.map((c) => c.text), map.fields);
    const cells: TableCell[] = Array.from({ length: width }, () => ({ text: '' }));
    columns.forEach((col, k) => (cells[col] = row.cells[k]!));
    const group = isGroupRow(cells, map);
    if (!group && above) {
      const taken = new Set(columns);
      for (let col = 0; col < width; col++) {
        const up = above.cells[col];
        if (!taken.has(col) && up && up.text.trim() !== '') cells[col] = { text: up.text, merged: true };
      }
    }
    const aligned = { ...row, cells };
    out.push(aligned);
    above = group ? null : aligned;
  }
  return out;
}

/** A numeral (Roman or capital letter) and a title, nothing else: a group row. */
function isGroupRow(cells: readonly TableCell[], map: ColumnMap): boolean {
  const filled = cells.map((c, i) => ({ text: c.text.trim(), field: map.fields[i] })).filter((c) => c.text !== '');
  if (filled.length === 0 || filled.length > 2) return false;
  const tt = filled.find((c) => c.field === 'tt');
  if (filled.length === 1) return tt === undefined || !/^\d+\.?$/.test(tt.text);
  if (!tt) return false;
  const kind = ttKind(tt.text);
  return kind === 'roman' || kind === 'upper';
}

/**
 * The column of each cell: a monotone alignment (cells keep their order)
 * that maximises how well each cell fits its column. The cells a converter
 * drops are merged or empty ones, which come in runs (TT, lead and support
 * merged at the left; product and funding empty at the right), so a column
 * skipped between two placed cells costs a little; on a tie the gaps go to
 * the right.
 */
export function alignCells(cells: readonly string[], fields: ReadonlyArray<Field | null>): number[] {
  const m = cells.length;
  const n = fields.length;
  if (m >= n) return cells.map((_, i) => i);
  const fit = cells.map((c) => fields.map((f) => fitness(c, f)));
  // at[i][j]: best score of cells 0..i with cell i in column j; from[i][j]: the column of cell i-1 then.
  const at: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(-Infinity));
  const from: number[][] = Array.from({ length: m }, () => new Array<number>(n).fill(-1));
  for (let j = 0; j < n; j++) at[0]![j] = fit[0]![j]!;
  for (let i = 1; i < m; i++) {
    for (let j = i; j < n; j++) {
      for (let k = i - 1; k < j; k++) {
        const score = at[i - 1]![k]! - INNER_GAP * (j - k - 1) + fit[i]![j]!;
        // Strictly better only: on a tie the earlier column keeps the cell, leaving gaps to the right.
        if (score > at[i]![j]! + EPS) {
          at[i]![j] = score;
          from[i]![j] = k;
        }
      }
    }
  }
  let last = m - 1;
  for (let j = m - 1; j < n; j++) if (at[m - 1]![j]! > at[m - 1]![last]! + EPS) last = j;
  const cols = new Array<number>(m);
  for (let i = m - 1, j = last; i >= 0; i--) {
    cols[i] = j;
    j = from[i]![j]!;
  }
  return cols;
}

/** The cost of a column skipped between two placed cells. */
const INNER_GAP = 0.25;
const EPS = 1e-9;

/** How well a cell's text fits a column of a field: positive fits, negative does not. */
export function fitness(text: string, field: Field | null): number {
  const t = text.trim();
  if (t === '') return EPS; // an empty cell fits anywhere, barely
  const isTt = ttKind(t) !== null;
  const agency = t.length < 250 && (isAgencyList(t) || (t.length < 120 && startsWithAgency(t)));
  const deadline = t.length < 160 && looksLikeDeadline(t);
  // A sentence that starts with a time ("Giai đoạn 2026 - 2027. Thực hiện rà soát …") still fits a deadline column.
  const timed = !deadline && t.length < 240 && !['missing', 'unparsed'].includes(parseDeadline(t).kind);
  switch (field) {
    case 'tt':
      return isTt ? 4 : -6;
    case 'content':
      if (isTt) return -3;
      if (agency || deadline) return 0.2;
      return t.length >= 12 ? 2 : 0.5;
    case 'lead':
    case 'support':
      if (agency) return 3;
      if (isTt || deadline) return -3;
      return t.length < 80 ? 0 : -1;
    case 'deadline':
      if (deadline) return 3;
      if (timed) return 1.5;
      if (isTt) return -3;
      return agency ? -2 : -0.5;
    case 'approval':
      return agency ? 1.5 : isTt ? -3 : 0;
    case 'product':
    case 'note':
    case 'group':
    case null:
      if (isTt) return -3;
      if (deadline) return -0.5;
      return agency ? 0.1 : 0.5;
  }
}

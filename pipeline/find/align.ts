import type { TableCell, TableRow } from '../model/doc.js';
import type { ColumnMap, Field } from './headers.js';
import { ttKind } from './tt.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import { looksLikeDeadline } from '../normalise/deadline.js';

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
 * that maximises how well each cell fits its column. On a tie the gaps go to
 * the right, where converters drop trailing empty cells.
 */
export function alignCells(cells: readonly string[], fields: ReadonlyArray<Field | null>): number[] {
  const m = cells.length;
  const n = fields.length;
  if (m >= n) return cells.map((_, i) => i);
  const fit = cells.map((c) => fields.map((f) => fitness(c, f)));
  // best[i][j]: best score placing the first i cells in the first j columns.
  const best: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(-Infinity));
  for (let j = 0; j <= n; j++) best[0]![j] = 0;
  for (let i = 1; i <= m; i++) {
    for (let j = i; j <= n; j++) {
      best[i]![j] = Math.max(best[i]![j - 1]!, best[i - 1]![j - 1]! + fit[i - 1]![j - 1]!);
    }
  }
  const cols = new Array<number>(m);
  let i = m;
  let j = n;
  while (i > 0) {
    // Leave column j-1 empty when that scores as well: gaps to the right.
    if (j > i && best[i]![j - 1]! >= best[i - 1]![j - 1]! + fit[i - 1]![j - 1]!) {
      j--;
      continue;
    }
    cols[i - 1] = j - 1;
    i--;
    j--;
  }
  return cols;
}

const EPS = 1e-9;

/** How well a cell's text fits a column of a field: positive fits, negative does not. */
export function fitness(text: string, field: Field | null): number {
  const t = text.trim();
  if (t === '') return EPS; // an empty cell fits anywhere, barely
  const isTt = ttKind(t) !== null || /^\d{1,3}(\.\d{1,3})*\.?$/.test(t);
  const agency = t.length < 250 && (isAgencyList(t) || (t.length < 120 && startsWithAgency(t)));
  const deadline = t.length < 160 && looksLikeDeadline(t);
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

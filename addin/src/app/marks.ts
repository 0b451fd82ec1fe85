/**
 * Findings → what the sheet shows: a fill on each cell a finding points at
 * (the colour of its most severe finding) and the findings in words in a
 * `Cảnh báo` column, our own sheet's or one added after the data.
 */
import type { Finding, Severity } from '../../../pipeline/model/finding.js';
import { MAX_COLS } from '../excel/address.js';
import { rowKey, type Capabilities, type MarkCell, type NoteColumn, type RowKeys, type SheetRead } from '../excel/adapter.js';
import type { Located, SheetTasks } from './table.js';

export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export const NOTE_HEADER = 'Cảnh báo';

export interface PlacedFinding {
  finding: Finding;
  row: number;
  col: number;
}

export function placeFindings(findings: readonly Finding[], sheet: SheetTasks): PlacedFinding[] {
  const index = new Map(sheet.tasks.map((t, i) => [t.id, i]));
  return findings.map((f) => {
    const i = index.get(f.task) ?? 0;
    return { finding: f, row: sheet.rowOf[i] ?? sheet.firstRow, col: sheet.columnOf(f.field) };
  });
}

export function markCells(placed: readonly PlacedFinding[]): MarkCell[] {
  const best = new Map<string, { row: number; col: number; sev: Severity }>();
  for (const p of placed) {
    const key = `${p.row},${p.col}`;
    const had = best.get(key);
    if (!had || RANK[p.finding.severity] > RANK[had.sev]) best.set(key, { row: p.row, col: p.col, sev: p.finding.severity });
  }
  return [...best.values()].map((b) => ({ row: b.row, col: b.col, color: SEVERITY_FILL[b.sev] }));
}

/** The note column: our Cảnh báo column, a Cảnh báo column the sheet already has, or a new one. */
export function noteColumn(loc: Located, read: SheetRead, sheet: SheetTasks, placed: readonly PlacedFinding[], caps: Capabilities): NoteColumn | null {
  const byRow = new Map<number, string[]>();
  for (const p of placed) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.finding.messageVi]);
  const textOf = (row: number) => (byRow.get(row) ?? []).join('; ');
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => textOf(from + i));

  const existing = loc.kind === 'ours' ? loc.col.warnings : loc.track.warnings;
  if (existing !== undefined) {
    if (sheet.lastRow < sheet.firstRow) return null;
    // What the cells hold now, exactly, as read with the sheet: the log is complete before anything is written.
    const exact = read.exact.get(existing) ?? [];
    const offset = sheet.firstRow - read.plan.firstRow;
    const values = range(sheet.firstRow, sheet.lastRow);
    const before = values.map((_, i) => exact[offset + i] ?? '');
    return { kind: 'existing', col: existing, firstRow: sheet.firstRow, values, before };
  }
  if (placed.length === 0) return null;
  // Where the data ends: the used range of values when Excel gives it (a sheet formatted out to column XFD
  // has a used range that ends there); else (ExcelApi 1.1) the whole used range, so that the new column
  // never lands on a column of the user's that has no header.
  const used = read.head.usedValues ?? read.head.used!;
  const table = read.tables.find((t) => t.box.r0 === loc.headerRow && t.box.c0 <= used.c1 && t.box.c1 >= used.c0);
  if (table && caps.appendTableColumn) {
    return {
      kind: 'append',
      col: table.box.c1 + 1,
      headerRow: table.box.r0,
      header: NOTE_HEADER,
      values: range(table.box.r0 + 1, table.box.r1),
      table: table.name,
    };
  }
  // Next to an Excel table a value would join the table (auto-expansion): leave one empty column between.
  const col = table ? Math.max(used.c1, table.box.c1) + 2 : used.c1 + 1;
  // No free column left (formats out to XFD on an Excel that cannot tell values from formats): fills only.
  if (col >= MAX_COLS) return null;
  const last = Math.max(sheet.lastRow, ...placed.map((p) => p.row));
  return { kind: 'append', col, headerRow: loc.headerRow, header: NOTE_HEADER, values: range(loc.headerRow + 1, last) };
}

/**
 * Each data row's identity (TT, group, lead, deadline on our sheet; TT,
 * content, lead on another), so that Xoá đánh dấu finds the row again when
 * the user has sorted or inserted rows since the check.
 */
export function rowKeys(loc: Located, read: SheetRead, sheet: SheetTasks): RowKeys | null {
  const cols = (loc.kind === 'ours' ? [loc.col.tt, loc.col.group, loc.col.lead, loc.col.deadlineRaw] : [loc.fields.tt, loc.fields.content, loc.fields.lead]).filter(
    (c): c is number => c !== undefined && read.columns.has(c),
  );
  if (cols.length === 0 || sheet.lastRow < sheet.firstRow) return null;
  const offset = sheet.firstRow - read.plan.firstRow;
  let hashes = '';
  for (let i = 0; i <= sheet.lastRow - sheet.firstRow; i++) hashes += rowKey(cols.map((c) => read.columns.get(c)![offset + i] ?? ''));
  return { cols, r0: sheet.firstRow, hashes };
}

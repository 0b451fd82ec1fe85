/**
 * Reading a tracking workbook back the way a person sees it: columns found by
 * their header text, values as shown (formula results), so tests do not
 * depend on column letters.
 */
import type ExcelJS from 'exceljs';
import { CATEGORY_KEYS, CATEGORIES, RATE_LABELS, type Category } from '../../pipeline/model/tracking.js';
import { ROLLUP_LAYOUT } from '../../pipeline/write/workbook/rollup-sheet.js';
import { TOTAL_LABEL, type RollupRow } from '../../pipeline/rollup/rollup.js';
import { shown } from './libreoffice.js';

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet "${name}"`);
  return ws;
}

/** 1-based column whose header (on `headerRow`) is `header`. */
export function columnOf(ws: ExcelJS.Worksheet, header: string, headerRow = 1): number {
  let found = 0;
  ws.getRow(headerRow).eachCell((cell, col) => {
    if (found === 0 && cell.value === header) found = col;
  });
  if (found === 0) throw new Error(`no column "${header}" on ${ws.name}`);
  return found;
}

/** The values of a column below the header, as shown, for `count` rows. */
export function columnValues(ws: ExcelJS.Worksheet, header: string, count: number): unknown[] {
  const col = columnOf(ws, header);
  return Array.from({ length: count }, (_, i) => shown(ws.getRow(i + 2).getCell(col)));
}

/** A `Tổng hợp` row as plain numbers, in RollupRow's shape (what the sheet shows of it). */
export interface ShownRollupRow {
  agency: string;
  counts: Record<Category, number>;
  total: number;
  dueSoon: number;
  due: number;
  dueDone: number;
  rateDue: number | null;
  rated: number;
  ratedDone: number;
  rateAll: number | null;
}

const HEADER_ROW = ROLLUP_LAYOUT.headerRow;

/** Agency rows, then the total row, of `Tổng hợp` (columns found by their headers). */
export function readRollup(ws: ExcelJS.Worksheet): { rows: ShownRollupRow[]; total: ShownRollupRow } {
  const col = (h: string): number => columnOf(ws, h, HEADER_ROW);
  const cols = {
    agency: col('Cơ quan chủ trì'),
    total: col('Tổng số'),
    dueSoon: col('Trong đó sắp đến hạn'),
    due: col(RATE_LABELS.due),
    dueDone: col(RATE_LABELS.dueDone),
    rateDue: col(RATE_LABELS.rateDue),
    rated: col(RATE_LABELS.rated),
    ratedDone: col(RATE_LABELS.ratedDone),
    rateAll: col(RATE_LABELS.rateAll),
    counts: Object.fromEntries(CATEGORY_KEYS.map((k) => [k, col(CATEGORIES[k])])) as Record<Category, number>,
  };
  const rows: ShownRollupRow[] = [];
  for (let r = HEADER_ROW + 1; r < HEADER_ROW + 10_000; r++) {
    const row = ws.getRow(r);
    const agency = shown(row.getCell(cols.agency));
    if (typeof agency !== 'string') throw new Error(`Tổng hợp row ${r} has no agency and no total row came before it`);
    const num = (c: number): number => {
      const v = shown(row.getCell(c));
      if (typeof v !== 'number') throw new Error(`Tổng hợp ${row.getCell(c).address} is ${JSON.stringify(v)}, not a number`);
      return v;
    };
    const rate = (c: number): number | null => {
      const v = shown(row.getCell(c));
      // LibreOffice writes an empty text result as nothing at all.
      if (v === '' || v === null) return null;
      if (typeof v !== 'number') throw new Error(`Tổng hợp ${row.getCell(c).address} is ${JSON.stringify(v)}, not a rate`);
      return v;
    };
    const line: ShownRollupRow = {
      agency,
      counts: Object.fromEntries(CATEGORY_KEYS.map((k) => [k, num(cols.counts[k])])) as Record<Category, number>,
      total: num(cols.total),
      dueSoon: num(cols.dueSoon),
      due: num(cols.due),
      dueDone: num(cols.dueDone),
      rateDue: rate(cols.rateDue),
      rated: num(cols.rated),
      ratedDone: num(cols.ratedDone),
      rateAll: rate(cols.rateAll),
    };
    if (agency === TOTAL_LABEL) return { rows, total: line };
    rows.push(line);
  }
  throw new Error('Tổng hợp has no total row');
}

/** A RollupRow with the rates rounded, comparable with toEqual against a ShownRollupRow. */
export function comparable(row: RollupRow | ShownRollupRow): ShownRollupRow {
  const round = (r: number | null): number | null => (r === null ? null : Math.round(r * 1e9) / 1e9);
  return {
    agency: row.agency,
    counts: row.counts,
    total: row.total,
    dueSoon: row.dueSoon,
    due: row.due,
    dueDone: row.dueDone,
    rateDue: round(row.rateDue),
    rated: row.rated,
    ratedDone: row.ratedDone,
    rateAll: round(row.rateAll),
  };
}

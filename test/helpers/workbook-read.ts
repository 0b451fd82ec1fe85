/**
 * Reading a tracking workbook back the way a person sees it: columns found by
 * their header text, values as shown (formula results), so tests do not
 * depend on column letters.
 */
import type ExcelJS from 'exceljs';
import { CATEGORY_KEYS, CATEGORIES, type Category } from '../../pipeline/model/tracking.js';
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

/** A `Tổng hợp` row as plain numbers, in RollupRow's shape. */
export interface ShownRollupRow {
  agency: string;
  counts: Record<Category, number>;
  total: number;
  dueSoon: number;
  rate: number | null;
}

const HEADER_ROW = 5;

/** Agency rows, then the total row, of `Tổng hợp`. */
export function readRollup(ws: ExcelJS.Worksheet): { rows: ShownRollupRow[]; total: ShownRollupRow } {
  const col = (h: string): number => columnOf(ws, h, HEADER_ROW);
  const cols = {
    agency: col('Cơ quan chủ trì'),
    total: col('Tổng số'),
    dueSoon: col('Trong đó sắp đến hạn'),
    rate: col('Tỷ lệ hoàn thành'),
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
    const rate = shown(row.getCell(cols.rate));
    const line: ShownRollupRow = {
      agency,
      counts: Object.fromEntries(CATEGORY_KEYS.map((k) => [k, num(cols.counts[k])])) as Record<Category, number>,
      total: num(cols.total),
      dueSoon: num(cols.dueSoon),
      // LibreOffice writes an empty text result as nothing at all.
      rate: rate === '' || rate === null ? null : (rate as number),
    };
    if (agency === TOTAL_LABEL) return { rows, total: line };
    rows.push(line);
  }
  throw new Error('Tổng hợp has no total row');
}

/** A RollupRow with the rate rounded, comparable with toEqual against a ShownRollupRow. */
export function comparable(row: RollupRow | ShownRollupRow): ShownRollupRow {
  return {
    agency: row.agency,
    counts: row.counts,
    total: row.total,
    dueSoon: row.dueSoon,
    rate: row.rate === null ? null : Math.round(row.rate * 1e9) / 1e9,
  };
}

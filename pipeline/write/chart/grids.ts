import type ExcelJS from 'exceljs';
import { isFormula, type CellValue, type Workbook } from '../xlsx/model.js';
import type { GridValue, SheetGrid } from './table.js';

/**
 * A sheet as table.ts reads it (SheetGrid), from either writer's workbook.
 * In: the direct writer's Workbook model, or an exceljs Workbook, and a sheet
 * name. Out: its grid, or null when there is no such sheet. Formula cells
 * read as their cached results (what the chart caches too).
 */

/** From the direct writer's model: the sheet's rows are generated once, here (a summary sheet is small). */
export function modelGrid(wb: Workbook, name: string): SheetGrid | null {
  const sheet = wb.sheets.find((s) => s.name === name);
  if (!sheet) return null;
  const cells = new Map<number, ReadonlyArray<{ value: CellValue } | null | undefined>>();
  let lastRow = 0;
  let lastCol = 0;
  for (const row of sheet.rows()) {
    cells.set(row.r, row.cells);
    const used = row.cells.reduce((n, c, j) => (c && c.value !== null && c.value !== undefined ? j + 1 : n), 0);
    if (used > 0) {
      lastRow = row.r;
      lastCol = Math.max(lastCol, used);
    }
  }
  const merges = (sheet.merges ?? []).map(parseRange).filter((m): m is Range => m !== null);
  return {
    name,
    lastRow,
    lastCol,
    value: (r, c) => scalar(cells.get(r)?.[c - 1]?.value ?? null),
    master: (r, c) => masterOf(merges, r, c),
  };
}

/** From an exceljs workbook (the report, and the tracking workbook as exceljs builds it). */
export function exceljsGrid(wb: ExcelJS.Workbook, name: string): SheetGrid | null {
  const ws = wb.getWorksheet(name);
  if (!ws) return null;
  const cellOf = (r: number, c: number): ExcelJS.Cell | undefined => (r <= ws.rowCount ? ws.findCell(r, c) : undefined);
  return {
    name,
    lastRow: ws.rowCount,
    lastCol: ws.columnCount,
    value: (r, c) => {
      const cell = cellOf(r, c);
      if (!cell) return null;
      const v = cell.value;
      if (v === null || v === undefined) return null;
      if (typeof v === 'string' || typeof v === 'number') return v;
      if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
        const result = cell.result;
        return typeof result === 'string' || typeof result === 'number' ? result : null;
      }
      if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
      return null;
    },
    master: (r, c) => {
      const cell = cellOf(r, c);
      if (!cell || !cell.isMerged) return { r, c };
      const m = cell.master;
      return { r: Number(m.row), c: Number(m.col) };
    },
  };
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function scalar(v: CellValue): GridValue {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  if (isFormula(v)) return typeof v.result === 'string' || typeof v.result === 'number' ? v.result : null;
  return null;
}

function masterOf(merges: readonly Range[], r: number, c: number): { r: number; c: number } {
  const m = merges.find((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right);
  return m ? { r: m.top, c: m.left } : { r, c };
}

function parseRange(ref: string): Range | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return null;
  return { left: colNumber(m[1]!), top: Number(m[2]), right: colNumber(m[3]!), bottom: Number(m[4]) };
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

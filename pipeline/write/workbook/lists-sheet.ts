import type ExcelJS from 'exceljs';
import { STATUSES } from '../../model/tracking.js';
import { CANCELLED_WORDS, DONE_WORDS, SUSPENDED_WORDS } from '../../rollup/status.js';
import type { Cell, DefinedName, Row, Sheet } from '../xlsx/model.js';
import { addNames, addSheet } from './exceljs.js';
import { colLetter, fitWidth, headerCell, NAME, printPage, SHEET, STYLE } from './layout.js';
import type { TaskRow } from './rows.js';

/** `Danh mục` added to an exceljs workbook, with its defined names (see listsSheet). */
export function addListsSheet(wb: ExcelJS.Workbook, rows: readonly TaskRow[]): void {
  const { sheet, names } = listsSheet(rows);
  addSheet(wb, sheet);
  addNames(wb, names);
}

/**
 * The lists of `Danh mục`, one a column with a blank column between: the
 * agencies, the statuses of the dropdown, and the ways of writing each
 * status that `Tình trạng` counts (rollup/status.ts), each under its
 * defined name.
 */
export const LIST_COLUMNS = {
  agencies: 1,
  statuses: 3,
  done: 5,
  suspended: 7,
  cancelled: 9,
} as const;

const WORD_LISTS: ReadonlyArray<{ col: number; header: string; name: string; words: readonly string[] }> = [
  { col: LIST_COLUMNS.done, header: 'Ghi nhận là "Hoàn thành"', name: NAME.doneWords, words: DONE_WORDS },
  { col: LIST_COLUMNS.suspended, header: 'Ghi nhận là "Tạm dừng"', name: NAME.suspendedWords, words: SUSPENDED_WORDS },
  { col: LIST_COLUMNS.cancelled, header: 'Ghi nhận là "Bị hủy"', name: NAME.cancelledWords, words: CANCELLED_WORDS },
];

/**
 * `Danh mục`: the lists the dropdowns offer, and the ways of writing "done",
 * "suspended" and "cancelled" that `Tình trạng` counts (the tool's own lists).
 * Agencies are the distinct canonical names of the workbook's tasks, sorted
 * the Vietnamese way; the defined name DanhMucCoQuan lets `Nhiệm vụ`'s
 * validation point here (Excel 2007 could not point a list at another sheet
 * directly; a name works in all).
 */
export function listsSheet(rows: readonly TaskRow[]): { sheet: Sheet; names: DefinedName[] } {
  const seen = new Set<string>();
  for (const r of rows) {
    for (const a of r.task.leadCanonical) seen.add(a);
    for (const a of r.task.supportCanonical) seen.add(a);
  }
  const agencies = [...seen].filter((a) => a.trim() !== '').sort((a, b) => a.localeCompare(b, 'vi'));
  const columns: Array<{ col: number; header: string; values: readonly string[] }> = [
    { col: LIST_COLUMNS.agencies, header: 'Cơ quan (tên chuẩn)', values: agencies },
    { col: LIST_COLUMNS.statuses, header: 'Trạng thái', values: STATUSES },
    ...WORD_LISTS.map((l) => ({ col: l.col, header: l.header, values: l.words })),
  ];
  const height = Math.max(...columns.map((c) => c.values.length)) + 1;
  const width = LIST_COLUMNS.cancelled;
  const text = (v: string | undefined): Cell | null => (v === undefined ? null : { value: v, style: STYLE.plain });
  const out: Row[] = [];
  for (let r = 1; r <= height; r++) {
    const cells: Array<Cell | null> = new Array<Cell | null>(width).fill(null);
    for (const c of columns) cells[c.col - 1] = r === 1 ? headerCell(c.header) : text(c.values[r - 2]);
    out.push({ r, cells });
  }
  const widths: Array<number | undefined> = new Array<number | undefined>(width).fill(undefined);
  widths[LIST_COLUMNS.agencies - 1] = fitWidth(['Cơ quan (tên chuẩn)', ...agencies], 24, 60);
  widths[LIST_COLUMNS.statuses - 1] = 18;
  for (const l of WORD_LISTS) widths[l.col - 1] = 30;
  const sheet: Sheet = {
    name: SHEET.lists,
    columns: widths,
    rows: () => out,
    // Prints like the other sheets (A4 landscape, header repeated), in the plain workbook and after a re-import alike.
    page: printPage('1:1'),
  };
  // At least one cell, so the name (and the dropdowns using it) stays valid when no agency was found.
  const names = [
    { name: NAME.agencies, ref: `'${SHEET.lists}'!$A$2:$A$${Math.max(2, agencies.length + 1)}` },
    ...WORD_LISTS.map((l) => {
      const c = colLetter(l.col);
      return { name: l.name, ref: `'${SHEET.lists}'!$${c}$2:$${c}$${l.words.length + 1}` };
    }),
  ];
  return { sheet, names };
}

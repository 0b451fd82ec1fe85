import type ExcelJS from 'exceljs';
import { STATUSES } from '../../model/tracking.js';
import { DONE_WORDS } from '../../rollup/status.js';
import type { Cell, DefinedName, Row, Sheet } from '../xlsx/model.js';
import { addNames, addSheet } from './exceljs.js';
import { fitWidth, headerCell, NAME, printPage, SHEET, STYLE } from './layout.js';
import type { TaskRow } from './rows.js';

/** `Danh mục` added to an exceljs workbook, with its defined name (see listsSheet). */
export function addListsSheet(wb: ExcelJS.Workbook, rows: readonly TaskRow[]): void {
  const { sheet, names } = listsSheet(rows);
  addSheet(wb, sheet);
  addNames(wb, names);
}

/** Header of the list the `Tình trạng` formula counts as done. */
const DONE_HEADER = 'Ghi nhận là "Hoàn thành"';

/**
 * `Danh mục`: the lists the dropdowns offer, and the ways of writing "done"
 * that `Tình trạng` counts (the tool's own list, DONE_WORDS). Agencies are the distinct
 * canonical names of the workbook's tasks, sorted the Vietnamese way; the
 * defined name DanhMucCoQuan lets `Nhiệm vụ`'s validation point here (Excel
 * 2007 could not point a list at another sheet directly; a name works in all).
 */
export function listsSheet(rows: readonly TaskRow[]): { sheet: Sheet; names: DefinedName[] } {
  const seen = new Set<string>();
  for (const r of rows) {
    for (const a of r.task.leadCanonical) seen.add(a);
    for (const a of r.task.supportCanonical) seen.add(a);
  }
  const agencies = [...seen].filter((a) => a.trim() !== '').sort((a, b) => a.localeCompare(b, 'vi'));
  const height = Math.max(agencies.length, STATUSES.length, DONE_WORDS.length) + 1;
  const out: Row[] = [{ r: 1, cells: [headerCell('Cơ quan (tên chuẩn)'), null, headerCell('Trạng thái'), null, headerCell(DONE_HEADER)] }];
  const text = (v: string | undefined): Cell | null => (v === undefined ? null : { value: v, style: STYLE.plain });
  for (let r = 2; r <= height; r++) {
    out.push({ r, cells: [text(agencies[r - 2]), null, text(STATUSES[r - 2]), null, text(DONE_WORDS[r - 2])] });
  }
  const sheet: Sheet = {
    name: SHEET.lists,
    columns: [fitWidth(['Cơ quan (tên chuẩn)', ...agencies], 24, 60), undefined, 18, undefined, 30],
    rows: () => out,
    // Prints like the other sheets (A4 landscape, header repeated), in the plain workbook and after a re-import alike.
    page: printPage('1:1'),
  };
  // At least one cell, so the name (and the dropdowns using it) stays valid when no agency was found.
  const names = [
    { name: NAME.agencies, ref: `'${SHEET.lists}'!$A$2:$A$${Math.max(2, agencies.length + 1)}` },
    { name: NAME.doneWords, ref: `'${SHEET.lists}'!$E$2:$E$${DONE_WORDS.length + 1}` },
  ];
  return { sheet, names };
}

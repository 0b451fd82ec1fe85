import type ExcelJS from 'exceljs';
import { STATUSES } from '../../model/tracking.js';
import type { Cell, DefinedName, Row, Sheet } from '../xlsx/model.js';
import { addNames, addSheet } from './exceljs.js';
import { fitWidth, headerCell, NAME, SHEET, STYLE } from './layout.js';
import type { TaskRow } from './rows.js';

/** `Danh mục` added to an exceljs workbook, with its defined name (see listsSheet). */
export function addListsSheet(wb: ExcelJS.Workbook, rows: readonly TaskRow[]): void {
  const { sheet, names } = listsSheet(rows);
  addSheet(wb, sheet);
  addNames(wb, names);
}

/**
 * `Danh mục`: the lists the dropdowns offer. Agencies are the distinct
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
  const height = Math.max(agencies.length, STATUSES.length) + 1;
  const out: Row[] = [{ r: 1, cells: [headerCell('Cơ quan (tên chuẩn)'), null, headerCell('Trạng thái')] }];
  for (let r = 2; r <= height; r++) {
    const agency = agencies[r - 2];
    const status = STATUSES[r - 2];
    const cells: Array<Cell | null> = [
      agency === undefined ? null : { value: agency, style: STYLE.plain },
      null,
      status === undefined ? null : { value: status, style: STYLE.plain },
    ];
    out.push({ r, cells });
  }
  const sheet: Sheet = {
    name: SHEET.lists,
    columns: [fitWidth(['Cơ quan (tên chuẩn)', ...agencies], 24, 60), undefined, 18],
    rows: () => out,
  };
  // At least one cell, so the name (and the dropdowns using it) stays valid when no agency was found.
  const names = [{ name: NAME.agencies, ref: `'${SHEET.lists}'!$A$2:$A$${Math.max(2, agencies.length + 1)}` }];
  return { sheet, names };
}

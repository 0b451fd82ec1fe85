import type ExcelJS from 'exceljs';
import { STATUSES } from '../../model/tracking.js';
import { fitWidth, FONT, NAME, SHEET, styleHeader } from './layout.js';
import type { TaskRow } from './rows.js';

/**
 * `Danh mục`: the lists the dropdowns offer. Agencies are the distinct
 * canonical names of the workbook's tasks, sorted the Vietnamese way; the
 * defined name DanhMucCoQuan lets `Nhiệm vụ`'s validation point here (Excel
 * 2007 could not point a list at another sheet directly; a name works in all).
 */
export function addListsSheet(wb: ExcelJS.Workbook, rows: readonly TaskRow[]): void {
  const ws = wb.addWorksheet(SHEET.lists);
  const agencies = [...new Set(rows.flatMap((r) => [...r.task.leadCanonical, ...r.task.supportCanonical]))]
    .filter((a) => a.trim() !== '')
    .sort((a, b) => a.localeCompare(b, 'vi'));
  ws.getCell('A1').value = 'Cơ quan (tên chuẩn)';
  ws.getCell('C1').value = 'Trạng thái';
  styleHeader(ws, 1, 1, 1);
  styleHeader(ws, 1, 3, 3);
  agencies.forEach((a, i) => {
    const cell = ws.getCell(i + 2, 1);
    cell.value = a;
    cell.font = FONT;
  });
  STATUSES.forEach((s, i) => {
    const cell = ws.getCell(i + 2, 3);
    cell.value = s;
    cell.font = FONT;
  });
  ws.getColumn(1).width = fitWidth(['Cơ quan (tên chuẩn)', ...agencies], 24, 60);
  ws.getColumn(3).width = 18;
  // At least one cell, so the name (and the dropdowns using it) stays valid when no agency was found.
  wb.definedNames.add(`'${SHEET.lists}'!$A$2:$A$${Math.max(2, agencies.length + 1)}`, NAME.agencies);
}

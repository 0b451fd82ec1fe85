import type ExcelJS from 'exceljs';
import { CATEGORIES } from '../../model/tracking.js';
import { NO_LEAD_LABEL } from '../../rollup/rollup.js';
import { lookupFormula, type AssignmentColumns } from './formulas.js';
import {
  BORDER,
  DATE_FORMAT,
  fitWidth,
  FONT,
  isoToDate,
  printSetup,
  ROLE,
  SHEET,
  styleHeader,
  TABLE,
  wholeColumn,
} from './layout.js';
import { distinct, type TaskRow } from './rows.js';
import type { TasksLayout } from './tasks-sheet.js';

/** One row of `Phân công`: a task and one agency with its role. */
interface Assignment {
  row: TaskRow;
  role: string;
  agency: string;
}

/**
 * A task's rows: each distinct lead agency (canonical), or the "no lead"
 * label when it has none, so the rollup counts it as rollup.ts does; then each
 * distinct cooperating agency.
 */
export function assignments(rows: readonly TaskRow[]): Assignment[] {
  return rows.flatMap((row) => {
    const leads = distinct(row.task.leadCanonical);
    return [
      ...(leads.length > 0 ? leads : [NO_LEAD_LABEL]).map((agency) => ({ row, role: ROLE.lead, agency })),
      ...distinct(row.task.supportCanonical).map((agency) => ({ row, role: ROLE.support, agency })),
    ];
  });
}

/**
 * `Phân công`: one row per task and agency, for pivots and for the rollup.
 * Agencies and roles are written once, from the plan; the deadline and the
 * category are looked up live on `Nhiệm vụ` by STT, so a status typed there
 * reaches `Tổng hợp` through this sheet.
 */
export function addAssignmentsSheet(
  wb: ExcelJS.Workbook,
  rows: readonly TaskRow[],
  tasks: TasksLayout,
  combined: boolean,
): AssignmentColumns {
  const ws = wb.addWorksheet(SHEET.assignments, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const headers = ['STT', ...(combined ? ['Văn bản'] : []), 'Mã', 'Nội dung', 'Vai trò', 'Cơ quan', 'Hạn cuối', 'Tình trạng'];
  const at = (h: string): number => headers.indexOf(h) + 1;
  const key = wholeColumn(SHEET.tasks, tasks.col.index!);
  const endOnTasks = wholeColumn(SHEET.tasks, tasks.col.deadlineEnd!);
  const categoryOnTasks = wholeColumn(SHEET.tasks, tasks.col.category!);

  const list = assignments(rows);
  const data = list.map((a, i): ExcelJS.CellValue[] => {
    const r = i + 2;
    const stt = `$A${r}`;
    const end = a.row.task.deadline.end;
    return [
      a.row.stt,
      ...(combined ? [a.row.docLabel] : []),
      a.row.task.tt,
      a.row.task.content,
      a.role,
      a.agency,
      { formula: lookupFormula(stt, key, endOnTasks), result: end === null ? '' : isoToDate(end) },
      { formula: lookupFormula(stt, key, categoryOnTasks), result: CATEGORIES[a.row.status.category] },
    ];
  });

  ws.addTable({
    name: TABLE.assignments,
    ref: 'A1',
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows: data.length > 0 ? data : [headers.map(() => null)],
  });

  const widths: Record<string, number> = {
    STT: 6,
    'Văn bản': fitWidth(list.map((a) => a.row.docLabel), 12, 24),
    Mã: 7,
    // One line per row here (no wrap): the sheet is for filtering and pivots, the full text is on Nhiệm vụ.
    'Nội dung': 60,
    'Vai trò': 10,
    'Cơ quan': fitWidth(list.map((a) => a.agency), 20, 45),
    'Hạn cuối': 12,
    'Tình trạng': 26,
  };
  headers.forEach((h, j) => {
    ws.getColumn(j + 1).width = widths[h] ?? 12;
  });
  styleHeader(ws, 1, 1, headers.length);
  for (let r = 2; r <= Math.max(2, list.length + 1); r++) {
    headers.forEach((h, j) => {
      const cell = ws.getRow(r).getCell(j + 1);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { vertical: 'top' };
      if (h === 'Hạn cuối') cell.numFmt = DATE_FORMAT;
    });
  }
  printSetup(ws, '1:1');

  return {
    role: wholeColumn(SHEET.assignments, at('Vai trò')),
    agency: wholeColumn(SHEET.assignments, at('Cơ quan')),
    category: wholeColumn(SHEET.assignments, at('Tình trạng')),
    end: wholeColumn(SHEET.assignments, at('Hạn cuối')),
  };
}

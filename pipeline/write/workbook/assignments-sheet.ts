import type ExcelJS from 'exceljs';
import { CATEGORIES } from '../../model/tracking.js';
import { NO_LEAD_LABEL } from '../../rollup/rollup.js';
import { deadlineKindLabel } from '../columns.js';
import type { Cell, CellStyle, Row, RowFormula, Sheet } from '../xlsx/model.js';
import { addSheet } from './exceljs.js';
import { lookupFormula, type AssignmentColumns } from './formulas.js';
import { colLetter, fitHeightOf, headerCell, longestLine, printPage, ROLE, SHEET, STYLE, TABLE, wholeColumn, widthFor } from './layout.js';
import { distinct, type TaskRow } from './rows.js';
import { clip, type TasksLayout } from './tasks-sheet.js';

/**
 * STT and Mã centred: a right-aligned number beside a left-aligned code
 * printed as one ("1" "1.2" → "11.2"). Texts wrap; dates and the looked-up
 * category stay on one line.
 */
function columnStyle(header: string): CellStyle {
  if (header === 'STT' || header === 'Mã') return STYLE.textCentre;
  if (header === 'Hạn cuối') return STYLE.lineDate;
  if (header === 'Tình trạng' || header === 'Vai trò' || header === 'Loại thời hạn') return STYLE.line;
  return STYLE.text;
}

/** What sizes a row: the texts written (formula results are short, one line). */
function textOf(v: Cell['value']): string | null {
  return typeof v === 'string' ? v : null;
}

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
  return [...eachAssignment(rows)];
}

/** assignments(), one at a time (a big workbook has several per task). */
export function* eachAssignment(rows: readonly TaskRow[]): Generator<Assignment> {
  for (const row of rows) {
    const leads = distinct(row.task.leadCanonical);
    if (leads.length === 0) yield { row, role: ROLE.lead, agency: NO_LEAD_LABEL };
    for (const agency of leads) yield { row, role: ROLE.lead, agency };
    for (const agency of distinct(row.task.supportCanonical)) yield { row, role: ROLE.support, agency };
  }
}

/** `Phân công` added to an exceljs workbook (see assignmentsSheet). */
export function addAssignmentsSheet(
  wb: ExcelJS.Workbook,
  rows: readonly TaskRow[],
  tasks: TasksLayout,
  combined: boolean,
): AssignmentColumns {
  const { sheet, columns } = assignmentsSheet(rows, tasks, combined);
  addSheet(wb, sheet);
  return columns;
}

/**
 * `Phân công`: one row per task and agency, for pivots and for the rollup.
 * Agencies and roles are written once, from the plan; the deadline (its kind
 * and end) and the category are looked up live on `Nhiệm vụ` by STT, so a
 * status typed there reaches `Tổng hợp` through this sheet.
 */
export function assignmentsSheet(
  rows: readonly TaskRow[],
  tasks: TasksLayout,
  combined: boolean,
): { sheet: Sheet; columns: AssignmentColumns } {
  const headers = ['STT', ...(combined ? ['Văn bản'] : []), 'Mã', 'Nội dung', 'Vai trò', 'Cơ quan', 'Loại thời hạn', 'Hạn cuối', 'Tình trạng'];
  const at = (h: string): number => headers.indexOf(h) + 1;
  const key = wholeColumn(SHEET.tasks, tasks.col.index!);
  const endOnTasks = wholeColumn(SHEET.tasks, tasks.col.deadlineEnd!);
  const kindOnTasks = wholeColumn(SHEET.tasks, tasks.col.deadlineKind!);
  const categoryOnTasks = wholeColumn(SHEET.tasks, tasks.col.category!);

  // One pass for the size of the table and the widths that depend on the values.
  let count = 0;
  let longestAgency = 0;
  let longestLabel = 0;
  for (const a of eachAssignment(rows)) {
    count++;
    longestAgency = Math.max(longestAgency, longestLine(a.agency));
    longestLabel = Math.max(longestLabel, longestLine(a.row.docLabel));
  }
  const lastRow = Math.max(2, count + 1);
  const end: RowFormula = { text: (r) => lookupFormula(`$A${r}`, key, endOnTasks), lastRow };
  const kind: RowFormula = { text: (r) => lookupFormula(`$A${r}`, key, kindOnTasks), lastRow };
  const category: RowFormula = { text: (r) => lookupFormula(`$A${r}`, key, categoryOnTasks), lastRow };

  const widths: Record<string, number> = {
    STT: 6,
    'Văn bản': widthFor(longestLabel, 12, 24),
    Mã: 7,
    // Wrapped, as on Nhiệm vụ: a line cut at the column edge is cut on paper too.
    'Nội dung': 50,
    'Vai trò': 10,
    'Cơ quan': widthFor(longestAgency, 20, 36),
    'Loại thời hạn': 14,
    'Hạn cuối': 12,
    'Tình trạng': 26,
  };
  const styles = headers.map(columnStyle);
  const widthList = headers.map((h) => widths[h] ?? 12);

  function* sheetRows(): Generator<Row> {
    yield { r: 1, cells: headers.map(headerCell) };
    if (count === 0) yield { r: 2, cells: styles.map((style) => ({ value: null, style })) };
    let r = 1;
    for (const a of eachAssignment(rows)) {
      r++;
      const endDate = a.row.task.deadline.end;
      const values: Cell['value'][] = [
        a.row.stt,
        ...(combined ? [a.row.docLabel] : []),
        a.row.task.tt,
        clip(a.row.task.content),
        a.role,
        a.agency,
        { formula: kind, result: deadlineKindLabel(a.row.task.deadline.kind) },
        { formula: end, result: endDate === null ? '' : { date: endDate } },
        { formula: category, result: CATEGORIES[a.row.status.category] },
      ];
      yield { r, height: fitHeightOf(values.map(textOf), widthList), cells: values.map((value, j) => ({ value, style: styles[j] })) };
    }
  }

  const sheet: Sheet = {
    name: SHEET.assignments,
    columns: widthList,
    rows: sheetRows,
    view: { frozenRows: 1, topLeftCell: 'A2', activeCell: 'A2' },
    table: {
      name: TABLE.assignments,
      ref: `A1:${colLetter(headers.length)}${lastRow}`,
      columns: headers,
      style: 'TableStyleLight9',
      showRowStripes: true,
    },
    page: printPage('1:1'),
  };
  return {
    sheet,
    columns: {
      role: wholeColumn(SHEET.assignments, at('Vai trò')),
      agency: wholeColumn(SHEET.assignments, at('Cơ quan')),
      category: wholeColumn(SHEET.assignments, at('Tình trạng')),
      end: wholeColumn(SHEET.assignments, at('Hạn cuối')),
      kind: wholeColumn(SHEET.assignments, at('Loại thời hạn')),
    },
  };
}

import { dmy } from '../normalise/deadline.js';
import type ExcelJS from 'exceljs';
import { ExcelWorkbook } from '../write/exceljs-workbook.js';
import { DEFAULT_DUE_SOON_DAYS } from '../check/rules.js';
import type { ConvertedDocument } from '../model/document.js';
import type { Task } from '../model/task.js';
import type { Tracking } from '../model/tracking.js';
import { DEFAULT_EXCLUDE_ROUTINE, rollup } from '../rollup/rollup.js';
import { taskStatus, type StatusOptions } from '../rollup/status.js';
import { workbookBytes } from '../write/workbook-exceljs.js';
import { addAssignmentsSheet } from '../write/workbook/assignments-sheet.js';
import { addDocumentsSheet } from '../write/workbook/documents-sheet.js';
import { planFields, planId } from '../model/identity.js';
import { addFindingsSheet } from '../write/workbook/findings-sheet.js';
import { addListsSheet } from '../write/workbook/lists-sheet.js';
import { addRollupSheet } from '../write/workbook/rollup-sheet.js';
import { documentLabels, taskRows } from '../write/workbook/rows.js';
import { addTasksSheet, taskSheetColumns, type TasksLayout } from '../write/workbook/tasks-sheet.js';
import { BORDER, FONT, NAME, SHEET, styleHeader, TABLE, WRAP } from '../write/workbook/layout.js';
import { PLAN_STATE_HEADER, REMOVED_LABEL } from './columns.js';
import type { Change, ReimportOptions } from './changes.js';
import { USER_KEYS, type OldRow, type OldWorkbook } from './reimport-read.js';
import { addLogSheet, copySheet } from './reimport-log.js';
import { keepTypedCells } from './reimport-keep.js';

/**
 * The re-imported workbook: the sheets of write/workbook.ts built over the
 * merged task list (so every formula, table, validation and list is right
 * for the new rows), then the user's cells and sheets written back.
 */
export interface MergedRow {
  task: Task;
  /** The row it had in the existing workbook; null for a task new in this version. */
  old: OldRow | null;
  /** What the user typed on it (for the cached results). */
  tracking: Tracking | undefined;
  /**
   * kept/restored: in both; added: new; removed: gone from the plan; manual:
   * typed in by hand, never in a plan; split: a row the user cut out of a
   * plan task (same TT, its words within the task's), kept as theirs.
   */
  state: 'kept' | 'restored' | 'added' | 'removed' | 'manual' | 'split';
  /** The match with the plan was a guess between equal candidates. */
  ambiguous?: boolean;
}

/** The `Tình trạng kế hoạch` column: where each row stands against the amended plan. */
const STATE_LABEL: Record<MergedRow['state'] | 'changed', string> = {
  kept: '',
  changed: 'Đã sửa',
  restored: 'Bổ sung lại',
  added: 'Mới bổ sung',
  removed: REMOVED_LABEL,
  manual: 'Nhập tay, không có trong kế hoạch',
  split: 'Tách ra từ một nhiệm vụ của kế hoạch',
};

/** Columns we write from the plan: struck through when the task leaves it. */
const PLAN_KEYS = [
  'index', 'document', 'tt', 'group', 'content', 'lead', 'support', 'deadlineRaw',
  'deadlineKind', 'deadlineEnd', 'approval', 'product', 'category', 'warnings', 'source',
];

const counted = (m: MergedRow): boolean => m.state !== 'removed';

export async function writeReimported(
  old: OldWorkbook,
  amended: ConvertedDocument,
  merged: readonly MergedRow[],
  changes: readonly Change[],
  options: ReimportOptions,
): Promise<{ bytes: Uint8Array; notes: Change[] }> {
  const o: StatusOptions = { asOf: options.asOf, dueSoonDays: old.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS };
  const combined = old.combined;
  const doc: ConvertedDocument = { ...amended, tasks: merged.map((m) => m.task) };
  const rows = taskRows([doc], o);
  rows.forEach((r, i) => {
    // Cached results as the typed statuses make them, so a viewer that does not recalculate shows the truth.
    r.status = taskStatus(r.task, merged[i]!.tracking, o);
  });
  const live = rows.filter((_, i) => counted(merged[i]!));
  const liveTracking = merged.filter(counted).map((m) => m.tracking);

  // The same sheets, in the same order, as buildWorkbook; removed tasks are on Nhiệm vụ only.
  const wb = new ExcelWorkbook();
  wb.creator = 'phuluc';
  wb.calcProperties = { fullCalcOnLoad: true };
  const layout = addTasksSheet(wb, rows, combined);
  const extraCols = addOwnColumns(wb, layout, merged, changes, old);
  const assignments = addAssignmentsSheet(wb, live, layout, combined);
  const excludeRoutine = options.excludeRoutine ?? old.excludeRoutine ?? DEFAULT_EXCLUDE_ROUTINE;
  addRollupSheet(wb, rollup(live.map((r) => r.task), liveTracking, { ...o, excludeRoutine }), o, assignments, layout);
  addFindingsSheet(wb, [doc], rows, layout, combined);
  // The workbook goes on following the same plan: its id is kept, its version goes up by one.
  const id = old.plan?.key ?? planId(planFields(amended));
  addDocumentsSheet(wb, [amended], documentLabels([amended]), [{ id, version: (old.plan?.version ?? 1) + 1 }], old.plan?.reporter ?? null);
  addListsSheet(wb, live);
  keepAgencyNames(wb, old.agencies);

  writeBack(wb, layout, merged, extraCols, options.asOf);
  // Typed where nothing is rebuilt: put back; where it has no place any more: into the log with the changes.
  const notes = [...old.loose, ...keepTypedCells(old.wb, wb, old.userSheets.map((ws) => ws.name))];
  addLogSheet(wb, old.log, [...changes, ...notes], amended, options.asOf);
  for (const ws of old.userSheets) copySheet(wb, ws);
  return { bytes: await workbookBytes(wb), notes };
}

/**
 * `Tình trạng kế hoạch` and the user's own columns, as columns of the
 * `Nhiệm vụ` table (so they filter and sort with it). Added before any cell
 * is patched: committing a table writes its stored values back into the cells.
 */
function addOwnColumns(
  wb: ExcelJS.Workbook,
  layout: TasksLayout,
  merged: readonly MergedRow[],
  changes: readonly Change[],
  old: OldWorkbook,
): Map<string, number> {
  const ws = wb.getWorksheet(SHEET.tasks)!;
  const table = ws.getTable(TABLE.tasks) as unknown as {
    addColumn(column: { name: string; filterButton: boolean }, values: ExcelJS.CellValue[]): void;
    commit(): void;
  };
  const notEdits = new Set<Change['kind']>(['added', 'ambiguous', 'not_kept', 'moved']);
  const changedRows = new Set(changes.filter((c) => !notEdits.has(c.kind)).map((c) => c.row));
  const state = merged.map((m, i) => STATE_LABEL[m.state === 'kept' && changedRows.has(i + 2) ? 'changed' : m.state] || null);
  table.addColumn({ name: PLAN_STATE_HEADER, filterButton: true }, state);

  // A user column keeps its header (made unique: a table refuses two columns of one name); values follow their task.
  const taken = new Set(taskSheetColumns(old.combined).map((c) => c.header.toLowerCase()));
  taken.add(PLAN_STATE_HEADER.toLowerCase());
  const extras = old.columns.extra.map((x) => {
    // One line: a table column name is stored in an attribute, where a typed line break does not survive.
    const base = x.header.replace(/\s+/g, ' ').trim();
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    return { ...x, name };
  });
  for (const x of extras) {
    table.addColumn(
      { name: x.name, filterButton: true },
      merged.map((m) => {
        const cell = m.old?.extra.find((e) => e.header === x.header && e.col === x.col)?.cell;
        return cell ? ownValue(cell) : null;
      }),
    );
  }
  table.commit();

  const cols = new Map<string, number>([[PLAN_STATE_HEADER, layout.columnCount + 1]]);
  extras.forEach((x, k) => cols.set(extraKey(x), layout.columnCount + 2 + k));
  styleHeader(ws, 1, layout.columnCount + 1, layout.columnCount + 1 + extras.length);
  ws.getColumn(layout.columnCount + 1).width = 20;
  extras.forEach((x, k) => {
    ws.getColumn(layout.columnCount + 2 + k).width = old.sheet.getColumn(x.col + 1).width ?? 16;
  });
  return cols;
}

/** Where a user column went: by its place in the old sheet, as two columns may share a header. */
function extraKey(x: { header: string; col: number }): string {
  return `${x.col}\u0000${x.header}`;
}

/**
 * A cell's value as it can stand in another place: a shared formula refers
 * to its master cell, which is not copied, so it becomes the plain formula
 * exceljs derives for this cell.
 */
function ownValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  if (v && typeof v === 'object' && 'sharedFormula' in v) return { formula: cell.formula, result: cell.result } as ExcelJS.CellValue;
  return v;
}

/** What the user typed, back into the rebuilt `Nhiệm vụ`; removed rows struck through, never dropped. */
function writeBack(wb: ExcelJS.Workbook, layout: TasksLayout, merged: readonly MergedRow[], extraCols: Map<string, number>, asOf: string): void {
  const ws = wb.getWorksheet(SHEET.tasks)!;
  const col = (key: string): number => layout.col[key]!;
  merged.forEach((m, i) => {
    const row = ws.getRow(i + 2);
    // The added columns look like ours until the user's own formats are laid over them.
    for (const c of extraCols.values()) {
      const cell = row.getCell(c);
      cell.font = FONT;
      cell.alignment = WRAP;
      cell.border = BORDER;
    }
    const stateCell = row.getCell(extraCols.get(PLAN_STATE_HEADER)!);
    if (!m.old) return;
    for (const key of USER_KEYS) {
      const from = m.old.user[key];
      if (from) copyCell(from, row.getCell(col(key)));
    }
    for (const x of m.old.extra) {
      const at = extraCols.get(extraKey({ header: x.header, col: x.col }));
      // The value is in already (table column); the format and comment follow it.
      if (at !== undefined) copyCell(x.cell, row.getCell(at), false);
    }
    if (m.state === 'manual') row.getCell(col('source')).value = null;
    if (m.state !== 'removed') return;
    row.getCell(col('category')).value = REMOVED_LABEL;
    const earlier = m.old.text('warnings');
    row.getCell(col('warnings')).value = m.old.removed && earlier !== '' ? earlier : `${REMOVED_LABEL} (cập nhật ngày ${dmy(asOf)})`;
    row.getCell(col('source')).value = m.old.text('source') || null;
    for (const key of PLAN_KEYS) {
      const c = layout.col[key];
      if (c !== undefined) row.getCell(c).font = { ...FONT, strike: true, color: { argb: 'FF7F7F7F' } };
    }
    stateCell.font = { ...FONT, bold: true, color: { argb: 'FF9C0006' } };
  });
}

/** Value, format and comment of a cell the user owns, copied as they were (formats laid over ours). */
function copyCell(from: ExcelJS.Cell, to: ExcelJS.Cell, value = true): void {
  if (value) to.value = ownValue(from);
  const style = JSON.parse(JSON.stringify(from.style ?? {})) as Partial<ExcelJS.Style>;
  to.style = { ...JSON.parse(JSON.stringify(to.style ?? {})), ...style } as Partial<ExcelJS.Style>;
  if (from.note !== undefined) to.note = from.note;
}

/** Agencies the user added to the dropdown list (`Danh mục`) stay in it, below ours. */
function keepAgencyNames(wb: ExcelJS.Workbook, names: readonly string[]): void {
  const ws = wb.getWorksheet(SHEET.lists)!;
  const have = new Set<string>();
  let last = 1;
  ws.getColumn(1).eachCell((cell, r) => {
    if (r > 1 && typeof cell.value === 'string') have.add(cell.value);
    last = Math.max(last, r);
  });
  for (const name of names) {
    if (have.has(name)) continue;
    last++;
    ws.getCell(last, 1).value = name;
    ws.getCell(last, 1).font = FONT;
    have.add(name);
    // Defined names are cell sets in exceljs: a contiguous cell extends DanhMucCoQuan's range.
    wb.definedNames.add(`'${SHEET.lists}'!$A$${last}`, NAME.agencies);
  }
}


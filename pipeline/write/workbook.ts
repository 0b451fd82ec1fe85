import ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../model/document.js';
import { DEFAULT_DUE_SOON_DAYS } from '../check/rules.js';
import { rollup } from '../rollup/rollup.js';
import type { StatusOptions } from '../rollup/status.js';
import { addAssignmentsSheet } from './workbook/assignments-sheet.js';
import { addDocumentsSheet } from './workbook/documents-sheet.js';
import { addFindingsSheet } from './workbook/findings-sheet.js';
import { addListsSheet } from './workbook/lists-sheet.js';
import { addRollupSheet } from './workbook/rollup-sheet.js';
import { documentLabels, taskRows } from './workbook/rows.js';
import { addTasksSheet } from './workbook/tasks-sheet.js';

/**
 * The tracking workbook (DESIGN §5), for the CLI and the add-in alike: pure,
 * no Node imports (exceljs runs in the browser too).
 */
export interface WorkbookOptions {
  /** Report date (ISO): the `Tổng hợp` report-date cell and the cached formula results. */
  asOf: string;
  /** Days before a deadline that count as "due soon" (default 14, as the checks). */
  dueSoonDays?: number;
  /** One workbook over several documents: adds a `Văn bản` column naming each task's document. */
  combined?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Build the workbook in memory. Exposed beside writeWorkbook so tests (and a
 * later re-import) can edit cells the way a person would before saving.
 */
export function buildWorkbook(docs: readonly ConvertedDocument[], options: WorkbookOptions): ExcelJS.Workbook {
  if (!ISO_DATE.test(options.asOf)) throw new Error(`asOf must be an ISO date (YYYY-MM-DD), got "${options.asOf}"`);
  const o: StatusOptions = { asOf: options.asOf, dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS };
  const combined = options.combined ?? false;
  const rows = taskRows(docs, o);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'phuluc';
  // Excel recomputes every formula on open: the report date may be edited, and cached results come from us, not Excel.
  wb.calcProperties = { fullCalcOnLoad: true };

  const tasks = addTasksSheet(wb, rows, combined);
  const assignments = addAssignmentsSheet(wb, rows, tasks, combined);
  // No status is typed yet: the cached results of Tổng hợp are the rollup of untouched tasks.
  const summary = rollup(rows.map((r) => r.task), [], o);
  addRollupSheet(wb, summary, o, assignments, tasks);
  addFindingsSheet(wb, docs, rows, tasks, combined);
  addDocumentsSheet(wb, docs, documentLabels(docs));
  addListsSheet(wb, rows);
  return wb;
}

/** The workbook as .xlsx bytes. */
export async function writeWorkbook(docs: readonly ConvertedDocument[], options: WorkbookOptions): Promise<Uint8Array> {
  return workbookBytes(buildWorkbook(docs, options));
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

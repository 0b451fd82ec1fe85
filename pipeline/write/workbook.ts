import type { ConvertedDocument } from '../model/document.js';
import { DEFAULT_DUE_SOON_DAYS } from '../check/rules.js';
import { rollup } from '../rollup/rollup.js';
import { withTrackingCharts } from './chart/agency-charts.js';
import type { StatusOptions } from '../rollup/status.js';
import { assignmentsSheet } from './workbook/assignments-sheet.js';
import { documentsSheet } from './workbook/documents-sheet.js';
import { findingsSheet } from './workbook/findings-sheet.js';
import { listsSheet } from './workbook/lists-sheet.js';
import { rollupSheet } from './workbook/rollup-sheet.js';
import { documentLabels, taskRows } from './workbook/rows.js';
import { tasksSheet } from './workbook/tasks-sheet.js';
import type { Workbook } from './xlsx/model.js';
import { writeXlsx, type XlsxOptions } from './xlsx/package.js';

/**
 * The tracking workbook (DESIGN §5), for the CLI and the add-in alike: pure,
 * no Node imports.
 *
 * One description of the workbook (workbookModel: sheets, cells, formulas,
 * styles, names, with the rows produced on demand) and two ways to serialise
 * it: writeWorkbook writes SpreadsheetML directly (write/xlsx: fast, memory
 * of the compressed file only, what the CLI and the add-in save), and
 * buildWorkbook (workbook-exceljs.ts) builds an exceljs Workbook for callers
 * that edit it in memory before saving. Both read the same model, so their
 * layouts cannot drift; only the second loads exceljs.
 */
export interface WorkbookOptions {
  /** Report date (ISO): the `Tổng hợp` report-date cell and the cached formula results. */
  asOf: string;
  /** Days before a deadline that count as "due soon" (default 14, as the checks). */
  dueSoonDays?: number;
  /** One workbook over several documents: adds a `Văn bản` column naming each task's document. */
  combined?: boolean;
  /** The agency this copy is sent to (`convert --per-agency`), named on `Văn bản`: rollup trusts its answers for its own tasks. */
  reporter?: string;
  /** The initial value of the switch on `Tổng hợp`: routine tasks left out of the rates (default true, rollup.ts). */
  excludeRoutine?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The workbook as data: what both writers serialise. */
export function workbookModel(docs: readonly ConvertedDocument[], options: WorkbookOptions): Workbook {
  if (!ISO_DATE.test(options.asOf)) throw new Error(`asOf must be an ISO date (YYYY-MM-DD), got "${options.asOf}"`);
  const o: StatusOptions = { asOf: options.asOf, dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS };
  const combined = options.combined ?? false;
  const rows = taskRows(docs, o);

  const tasks = tasksSheet(rows, combined);
  const assignments = assignmentsSheet(rows, tasks.layout, combined);
  // No status is typed yet: the cached results of Tổng hợp are the rollup of untouched tasks.
  const summary = rollup(
    rows.map((r) => r.task),
    [],
    { ...o, ...(options.excludeRoutine === undefined ? {} : { excludeRoutine: options.excludeRoutine }) },
  );
  const totals = rollupSheet(summary, o, assignments.columns, tasks.layout);
  const lists = listsSheet(rows);
  return {
    creator: 'phuluc',
    // Excel recomputes every formula on open: the report date may be edited, and cached results come from us, not Excel.
    fullCalcOnLoad: true,
    sheets: [
      tasks.sheet,
      assignments.sheet,
      totals.sheet,
      findingsSheet(docs, rows, tasks.layout, combined),
      documentsSheet(docs, documentLabels(docs), [], options.reporter ?? null),
      lists.sheet,
    ],
    definedNames: [...totals.names, ...lists.names],
  };
}

/** The workbook as .xlsx bytes, written directly (write/xlsx), with the charts of `Tổng hợp` (write/chart). */
export async function writeWorkbook(
  docs: readonly ConvertedDocument[],
  options: WorkbookOptions,
  xlsx: XlsxOptions = {},
): Promise<Uint8Array> {
  const model = workbookModel(docs, options);
  return withTrackingCharts(await writeXlsx(model, xlsx), model);
}

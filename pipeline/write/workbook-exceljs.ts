import type ExcelJS from 'exceljs';
import { ExcelWorkbook } from './exceljs-workbook.js';
import type { ConvertedDocument } from '../model/document.js';
import { TRACKING_TABLE, withExcelJSCharts } from './chart/agency-charts.js';
import { workbookModel, type WorkbookOptions } from './workbook.js';
import { addNames, addSheet, clipWorkbookText } from './workbook/exceljs.js';
import type { Workbook } from './xlsx/model.js';

/**
 * The tracking workbook as an exceljs Workbook, for callers that edit cells
 * before saving (re-import, tests). In: the documents, or the workbook model.
 * Out: an exceljs Workbook, and its .xlsx bytes with the charts of `Tổng hợp`.
 * Apart from workbook.ts because exceljs is large (~150 ms to load): writing
 * a new workbook directly never loads it.
 */

/**
 * Build the workbook in memory (exceljs). Exposed beside writeWorkbook so
 * tests (and a later re-import) can edit cells the way a person would before
 * saving. For a big workbook write it with writeWorkbook instead: exceljs
 * holds an object per cell.
 */
export function buildWorkbook(docs: readonly ConvertedDocument[], options: WorkbookOptions): ExcelJS.Workbook {
  return toExcelJS(workbookModel(docs, options));
}

/**
 * The workbook model as an exceljs Workbook: the in-memory form a caller can
 * edit before saving (tests, re-import). It serialises the same model the
 * direct writer (write/xlsx) does, so the two cannot say different things;
 * exceljs builds a per-cell object model, so this is for workbooks of a few
 * thousand rows, not for writing big ones.
 */
function toExcelJS(model: Workbook): ExcelJS.Workbook {
  const wb = new ExcelWorkbook();
  wb.creator = model.creator;
  if (model.created) wb.created = model.created;
  if (model.fullCalcOnLoad) wb.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of model.sheets) addSheet(wb, sheet);
  addNames(wb, model.definedNames);
  return wb;
}

/** An exceljs workbook (buildWorkbook's, edited or not) as .xlsx bytes, with the charts of `Tổng hợp` when it has one. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  // Cells set by hand after the build (a re-import's change log, copied cells) are cut here too.
  clipWorkbookText(wb);
  const buffer = await wb.xlsx.writeBuffer();
  return withExcelJSCharts(new Uint8Array(buffer as ArrayBuffer), wb, TRACKING_TABLE);
}

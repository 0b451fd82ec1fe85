import type ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../model/document.js';
import { BORDER, DATE_FORMAT, FONT, isoToDate, printSetup, styleHeader, WRAP, fitHeight } from '../write/workbook/layout.js';
import { LOG_SHEET } from './reimport-read.js';
import { CHANGE_LABEL, type Change } from './changes.js';

/**
 * `Nhật ký thay đổi`: one row per change a re-import made, appended below
 * the rows of earlier updates, so the sheet is the history of the plan's
 * versions in this workbook. Old values are here in full: whatever a
 * re-import replaces (a reworded content, a moved deadline, a value the user
 * had typed in a plan column) can be read back.
 */
export const LOG_HEADERS = ['Ngày cập nhật', 'Văn bản', 'Mã', 'Nội dung nhiệm vụ', 'Thay đổi', 'Giá trị cũ', 'Giá trị mới', 'Dòng (khi cập nhật)'];
const WIDTHS = [14, 24, 8, 50, 20, 40, 40, 10];

export function addLogSheet(
  wb: ExcelJS.Workbook,
  earlier: ExcelJS.Worksheet | null,
  changes: readonly Change[],
  amended: ConvertedDocument,
  asOf: string,
): void {
  const ws = earlier ? copySheet(wb, earlier) : wb.addWorksheet(LOG_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  if (!earlier) {
    LOG_HEADERS.forEach((h, j) => (ws.getCell(1, j + 1).value = h));
    styleHeader(ws, 1, 1, LOG_HEADERS.length);
    ws.getRow(1).height = 32;
    WIDTHS.forEach((w, j) => (ws.getColumn(j + 1).width = w));
    printSetup(ws, '1:1');
  }
  const source = amended.document.number ?? amended.source.file;
  const lines: ExcelJS.CellValue[][] =
    changes.length > 0
      ? changes.map((c) => [isoToDate(asOf), source, c.tt, c.content, CHANGE_LABEL[c.kind], c.old, c.new, c.row])
      : [[isoToDate(asOf), source, null, null, 'không có thay đổi', null, null, null]];
  let r = Math.max(1, ws.actualRowCount, lastFilledRow(ws));
  for (const line of lines) {
    r++;
    const row = ws.getRow(r);
    line.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v;
      cell.font = FONT;
      cell.alignment = WRAP;
      cell.border = BORDER;
      if (j === 0) cell.numFmt = DATE_FORMAT;
    });
    row.height = fitHeight(line.map((v, j) => ({ text: typeof v === 'string' ? v : null, width: WIDTHS[j] ?? 12 })));
  }
}

function lastFilledRow(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow((_row, n) => (last = Math.max(last, n)));
  return last;
}

/**
 * A sheet of the old workbook into the new one, as exceljs holds it: values,
 * formulas, formats, merged cells, widths, validations, conditional formats,
 * views and print setup. (What exceljs does not read, such as charts and
 * pivot tables, it cannot write either.)
 */
export function copySheet(wb: ExcelJS.Workbook, from: ExcelJS.Worksheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(from.name);
  const model = from.model as unknown as Record<string, unknown>;
  // The model setter reads merged ranges from `mergeCells`, the getter gives them as `merges`.
  (ws as unknown as { model: unknown }).model = { ...model, mergeCells: model.merges, name: from.name, id: ws.id, media: [] };
  ws.state = from.state;
  return ws;
}

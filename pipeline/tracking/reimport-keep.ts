import type ExcelJS from 'exceljs';
import { valueText } from '../read/sheet.js';
import { DOCUMENT_HEADERS, NAME, SHEET } from '../write/workbook/layout.js';
import { ROLLUP_LAYOUT } from '../write/workbook/rollup-sheet.js';
import { LIST_COLUMNS } from '../write/workbook/lists-sheet.js';
import { notKept, type Change } from './changes.js';
import { LOG_SHEET } from './reimport-read.js';

/**
 * What a person typed on the sheets a re-import rebuilds, outside the task
 * rows' own cells: a footer under `Tổng hợp`, a note beside `Phân công`, a
 * column added to `Văn bản`, and the workbook's defined names. Old and new
 * exceljs workbooks in; the new one gets back every such cell that has a
 * free place (same address, outside what was rebuilt), and whatever could
 * not be put back comes out as change-log entries with its old value, so
 * nothing is dropped without a word.
 *
 * A cell is ours (rebuilt, not carried) when it is a formula, or on a row
 * that has one (a rollup row whose agency left the plan is the plan's
 * change, not the user's), or in the sheet's own header rows, or in the
 * lists' own columns of `Danh mục`, or under one of our headers on `Văn
 * bản`, or shows a text the rebuilt sheet also shows.
 */
const HEADER_ROWS: Record<string, number> = { [SHEET.rollup]: ROLLUP_LAYOUT.headerRow };
const OWN_COLUMNS: Record<string, readonly number[]> = { [SHEET.lists]: Object.values(LIST_COLUMNS) };
const REBUILT = [SHEET.assignments, SHEET.rollup, SHEET.findings, SHEET.documents, SHEET.lists];
/** The headers of `Văn bản`: cells under them are ours. */
const DOCUMENT_HEADER_TEXTS = new Set<string>(Object.values(DOCUMENT_HEADERS));

export function keepTypedCells(old: ExcelJS.Workbook, wb: ExcelJS.Workbook, userSheets: readonly string[]): Change[] {
  const unkept: Change[] = [];
  for (const name of REBUILT) {
    const from = old.getWorksheet(name);
    const to = wb.getWorksheet(name);
    if (!from || !to) continue;
    const box = { rows: to.rowCount, cols: to.columnCount };
    // Text the rebuilt sheet shows somewhere (its notes under the table move when the table grows) is ours.
    const shown = new Set<string>();
    to.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => void shown.add(valueText(cell.value))));
    from.eachRow({ includeEmpty: false }, (row, r) => {
      if (r <= (HEADER_ROWS[name] ?? 1) && name !== SHEET.documents) return;
      let hasFormula = false;
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.formula) hasFormula = true;
      });
      if (hasFormula) return;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if ((OWN_COLUMNS[name] ?? []).includes(c)) return;
        // Văn bản: our columns are those under our headers; a column the user added is theirs on every row.
        if (name === SHEET.documents && DOCUMENT_HEADER_TEXTS.has(valueText(from.getCell(1, c).value))) return;
        const text = valueText(cell.value);
        if (text === '') return;
        if (shown.has(text)) return;
        const target = to.getCell(r, c);
        if ((r > box.rows || c > box.cols) && (target.value === null || target.value === undefined)) {
          target.value = cell.value;
          target.style = JSON.parse(JSON.stringify(cell.style ?? {})) as Partial<ExcelJS.Style>;
          if (cell.note !== undefined) target.note = cell.note;
          return;
        }
        unkept.push(notKept(`${name}!${cell.address}`, text));
      });
    });
  }
  unkept.push(...keepDefinedNames(old, wb, userSheets));
  return unkept;
}

/** The user's defined names (`=SoXong*2` on a kept sheet must still work); ours are written anew. */
function keepDefinedNames(old: ExcelJS.Workbook, wb: ExcelJS.Workbook, userSheets: readonly string[]): Change[] {
  const ours = new Set<string>(Object.values(NAME).map((n) => n.toLowerCase()));
  const sheets = new Set([...wb.worksheets.map((ws) => ws.name), ...userSheets, LOG_SHEET]);
  const unkept: Change[] = [];
  const model = (old.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> }).model ?? [];
  for (const { name, ranges } of model) {
    if (ours.has(name.toLowerCase()) || name.startsWith('_xlnm.')) continue;
    for (const range of ranges) {
      const sheet = range.match(/^'?(.*?)'?!/)?.[1]?.replace(/''/g, "'");
      if (sheet !== undefined && sheets.has(sheet)) wb.definedNames.add(range, name);
      else unkept.push(notKept(`tên "${name}"`, range));
    }
  }
  return unkept;
}

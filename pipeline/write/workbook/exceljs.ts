import type ExcelJS from 'exceljs';
import {
  isDate,
  isFormula,
  type CellStyle,
  type CellValue,
  type DefinedName,
  type DiffStyle,
  type Scalar,
  type Sheet,
  type Workbook,
} from '../xlsx/model.js';
import { clipCellText, MAX_CELL_TEXT } from '../xlsx/limits.js';
import { colLetter, exceljsPrintArea, isoToDate } from './layout.js';

export function addNames(wb: ExcelJS.Workbook, names: readonly DefinedName[]): void {
  for (const n of names) wb.definedNames.add(n.ref, n.name);
}

/** One sheet of the model, added to an exceljs workbook. */
export function addSheet(wb: ExcelJS.Workbook, sheet: Sheet): ExcelJS.Worksheet {
  const v = sheet.view;
  const ws = wb.addWorksheet(
    sheet.name,
    v && ((v.frozenRows ?? 0) > 0 || (v.frozenCols ?? 0) > 0)
      ? {
          views: [
            {
              state: 'frozen',
              xSplit: v.frozenCols ?? 0,
              ySplit: v.frozenRows ?? 0,
              topLeftCell: v.topLeftCell,
              activeCell: v.activeCell,
            },
          ],
        }
      : undefined,
  );
  const rows = [...sheet.rows()];
  const style = styleConverter();

  // A table writes its own header and body values (as exceljs's addTable does); the rest are set cell by cell.
  let inTable = (_r: number, _c: number): boolean => false;
  if (sheet.table) {
    const t = sheet.table;
    const [from, to] = t.ref.split(':').map(decode) as [Address, Address];
    const byRow = new Map(rows.map((r) => [r.r, r]));
    const body: ExcelJS.CellValue[][] = [];
    for (let r = from.row + 1; r <= to.row; r++) {
      const cells = byRow.get(r)?.cells ?? [];
      const line: ExcelJS.CellValue[] = [];
      for (let c = from.col; c <= to.col; c++) {
        const cell = cells[c - 1];
        line.push(cell ? value(cell.value, r) : null);
      }
      body.push(line);
    }
    ws.addTable({
      name: t.name,
      ref: `${colLetter(from.col)}${from.row}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: t.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: t.showRowStripes },
      columns: t.columns.map((name) => ({ name, filterButton: true })),
      rows: body,
    });
    inTable = (r, c) => r >= from.row && r <= to.row && c >= from.col && c <= to.col;
  }

  sheet.columns.forEach((w, j) => {
    if (w !== undefined) ws.getColumn(j + 1).width = w;
  });
  for (const row of rows) {
    const wsRow = ws.getRow(row.r);
    row.cells.forEach((cell, j) => {
      if (!cell) return;
      const c = wsRow.getCell(j + 1);
      if (!inTable(row.r, j + 1) && cell.value !== null) c.value = value(cell.value, row.r);
      if (cell.style) style(c, cell.style);
    });
    if (row.height !== undefined) wsRow.height = row.height;
  }
  for (const m of sheet.merges ?? []) ws.mergeCells(m);

  for (const dv of sheet.validations ?? []) {
    const rule = {
      type: dv.type,
      operator: dv.operator,
      allowBlank: dv.allowBlank,
      formulae: dv.formulae.map((f) => (typeof f === 'string' ? f : isoToDate(f.date))),
      showInputMessage: dv.showInputMessage,
      promptTitle: dv.promptTitle,
      prompt: dv.prompt,
      showErrorMessage: dv.showErrorMessage,
      errorStyle: dv.errorStyle,
      errorTitle: dv.errorTitle,
      error: dv.error,
    };
    const defined = Object.fromEntries(Object.entries(rule).filter(([, x]) => x !== undefined)) as unknown as ExcelJS.DataValidation;
    // One validation per range, written as given (exceljs's own per-cell merging writes overlapping ranges);
    // `dataValidations` is missing from its typings.
    for (const range of dv.sqref.split(' ')) {
      (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, defined);
    }
  }
  for (const cf of sheet.conditionalFormats ?? []) {
    ws.addConditionalFormatting({
      ref: cf.sqref,
      rules: cf.rules.map((r) => ({ type: r.type, priority: r.priority, formulae: [r.formula], style: diffStyle(r.style) })),
    });
  }
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;

  const p = sheet.page;
  if (p) {
    ws.pageSetup = {
      ...ws.pageSetup,
      ...(p.paperSize !== undefined ? { paperSize: p.paperSize as ExcelJS.PageSetup['paperSize'] } : {}),
      ...(p.orientation ? { orientation: p.orientation } : {}),
      ...(p.fitToWidth !== undefined || p.fitToHeight !== undefined ? { fitToPage: true } : {}),
      ...(p.fitToWidth !== undefined ? { fitToWidth: p.fitToWidth } : {}),
      ...(p.fitToHeight !== undefined ? { fitToHeight: p.fitToHeight } : {}),
      ...(p.printTitleRows ? { printTitlesRow: p.printTitleRows } : {}),
      ...(p.printTitleColumns ? { printTitlesColumn: p.printTitleColumns } : {}),
      ...(p.printArea ? { printArea: exceljsPrintArea(p.printArea) } : {}),
      ...(p.pageOrder ? { pageOrder: p.pageOrder } : {}),
      ...(p.margins ? { margins: { ...p.margins } } : {}),
    };
    if (p.oddFooter) ws.headerFooter = { oddFooter: p.oddFooter };
  }
  return ws;
}

function scalar(v: Scalar): ExcelJS.CellValue {
  if (typeof v === 'string') return clipCellText(v);
  return isDate(v) ? isoToDate(v.date) : v;
}

/**
 * Every text of an exceljs workbook cut to Excel's cell limit (clipCellText),
 * just before it is saved: cells set by hand (the change log of a re-import,
 * cells copied from a returned workbook, the report) go through here, not
 * through the model. Cheap: a length check per text cell.
 */
export function clipWorkbookText(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          if (v.length > MAX_CELL_TEXT) cell.value = clipCellText(v);
        } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
          clipObjectValue(cell, v);
        }
      });
    });
  });
}

/** Rich text, hyperlink text and a formula's cached text result, cut like a plain text. */
function clipObjectValue(cell: ExcelJS.Cell, v: object): void {
  if ('richText' in v) {
    const rich = (v as ExcelJS.CellRichTextValue).richText;
    if (rich.reduce((n, t) => n + t.text.length, 0) > MAX_CELL_TEXT) cell.value = clipCellText(rich.map((t) => t.text).join(''));
  } else if ('hyperlink' in v) {
    const link = v as ExcelJS.CellHyperlinkValue;
    if (typeof link.text === 'string' && link.text.length > MAX_CELL_TEXT) cell.value = { ...link, text: clipCellText(link.text) };
  } else if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (typeof result === 'string' && result.length > MAX_CELL_TEXT) cell.value = { ...(v as ExcelJS.CellFormulaValue), result: clipCellText(result) };
  }
}

function value(v: CellValue, row: number): ExcelJS.CellValue {
  if (!isFormula(v)) return scalar(v);
  const formula = typeof v.formula === 'string' ? v.formula : v.formula.text(row);
  // exceljs keeps a blank result as "" (a text result), as the direct writer does.
  return { formula, result: (v.result === null ? undefined : scalar(v.result)) as ExcelJS.CellFormulaValue['result'] };
}

/** Model styles → exceljs style parts, converted once per style object and shared by the cells using it. */
function styleConverter(): (cell: ExcelJS.Cell, s: CellStyle) => void {
  const cache = new Map<CellStyle, Partial<ExcelJS.Style>>();
  return (cell, s) => {
    let x = cache.get(s);
    if (!x) {
      x = {};
      if (s.font) {
        const { color, ...rest } = s.font;
        x.font = { ...rest, ...(color ? { color: { argb: color } } : {}) };
      }
      if (s.fill) x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill }, bgColor: { argb: s.fill } };
      if (s.border) {
        const side: Partial<ExcelJS.Border> = { style: s.border.style, color: { argb: s.border.color } };
        x.border = { top: side, left: side, bottom: side, right: side };
      }
      if (s.alignment) x.alignment = { ...s.alignment };
      if (s.numFmt) x.numFmt = s.numFmt;
      cache.set(s, x);
    }
    if (x.font) cell.font = x.font;
    if (x.fill) cell.fill = x.fill;
    if (x.border) cell.border = x.border;
    if (x.alignment) cell.alignment = x.alignment;
    if (x.numFmt) cell.numFmt = x.numFmt;
  };
}

function diffStyle(s: DiffStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill }, bgColor: { argb: s.fill } };
  if (s.font) {
    const { color, ...rest } = s.font;
    out.font = { ...(color ? { color: { argb: color } } : {}), ...rest };
  }
  return out;
}

interface Address {
  row: number;
  col: number;
}

function decode(ref: string): Address {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell address: ${ref}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

import { isDate, isFormula, type Cell, type RowFormula, type Sheet, type Table, type Validation } from './model.js';
import type { Styles } from './styles.js';
import { ByteSink, utf8 } from './bytes.js';
import { clipCellText } from './limits.js';
import { columnName, dateSerial, escapeAttr, escapeText } from './xml.js';

/**
 * The shared strings table: each distinct text once, cells point at it by
 * index. Insertion order is index order, so the Map is the table.
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  /** Cells pointing here (the `count` attribute). */
  refs = 0;

  add(s: string): number {
    this.refs++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
    }
    return i;
  }

  /** sharedStrings.xml as UTF-8, in chunks of about `chunk` bytes. */
  *xml(chunk: number): Generator<Uint8Array> {
    const out = new ByteSink(chunk + 1024);
    out.raw(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.refs}" uniqueCount="${this.index.size}">`,
    );
    for (const s of this.index.keys()) {
      out.bytes(EDGE_SPACE.test(s) ? SI_OPEN_PRESERVE : SI_OPEN);
      out.text(s);
      out.bytes(SI_CLOSE);
      if (out.pos >= chunk) yield out.take();
    }
    out.raw('</sst>');
    yield out.take();
  }
}

const EDGE_SPACE = /^[ \t\n]|[ \t\n]$/;
const SI_OPEN = utf8('<si><t>');
const SI_OPEN_PRESERVE = utf8('<si><t xml:space="preserve">');
const SI_CLOSE = utf8('</t></si>');

export interface SheetContext {
  styles: Styles;
  strings: SharedStrings;
  /** Relationship id of the sheet's table part, when it has a table. */
  tableRelId?: string;
  /** Bytes per yielded chunk (about). */
  chunk: number;
}

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** A shared formula in use on this sheet: where its master is. */
interface SharedUse {
  si: number;
  col: number;
  from: number;
}

const ROW_OPEN = utf8('<row r="');
const ROW_HEIGHT = utf8('" ht="');
const ROW_CUSTOM = utf8('" customHeight="1">');
const TAG_END = utf8('">');
const ROW_CLOSE = utf8('</row>');
const ATTR_END_EMPTY = utf8('"/>');
const SELF_CLOSE = utf8('/>');
const GT = utf8('>');
const V_OPEN = utf8('><v>');
const V_CLOSE = utf8('</v></c>');
const C_CLOSE = utf8('</c>');
const F_SHARED = utf8('<f t="shared" si="');
const F_OPEN = utf8('<f>');
const F_CLOSE = utf8('</f>');
const STR_V = utf8('<v>');
const V_END = utf8('</v>');

/** Excel's sheet size. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** Cell types as the `t` attribute writes them (index into the prepared attribute runs). */
const T_NONE = 0;
const T_S = 1;
const T_STR = 2;
const T_ATTR = ['', ' t="s"', ' t="str"'];

/**
 * A worksheet's XML as UTF-8 chunks of about `ctx.chunk` bytes. Rows are
 * pulled from the sheet's generator as the chunks are consumed, so only one
 * chunk is ever held.
 */
export function* worksheetXml(sheet: Sheet, ctx: SheetContext): Generator<Uint8Array> {
  const { styles, strings } = ctx;
  const out = new ByteSink(ctx.chunk + 4096);
  out.raw(HEAD + sheetPr(sheet) + sheetViews(sheet) + '<sheetFormatPr defaultRowHeight="15"/>' + cols(sheet) + '<sheetData>');

  const shared = new Map<RowFormula, SharedUse>();
  let nextSi = 0;
  // The last text of each column and its index: a column often repeats the row above (an agency,
  // a deadline kind, the same task's content on its several Phân công rows), a pointer compare then.
  const lastText: Array<string | undefined> = [];
  const lastIndex: number[] = [];
  const textIndex = (v: string, col: number): number => {
    if (lastText[col] === v) {
      strings.refs++;
      return lastIndex[col]!;
    }
    const i = strings.add(v);
    lastText[col] = v;
    lastIndex[col] = i;
    return i;
  };

  // Prepared runs: `<c r="B` per column, `" s="3" t="s"` per style and type.
  const cellOpen: Uint8Array[] = [];
  const open = (col: number): Uint8Array => (cellOpen[col] ??= utf8(`<c r="${columnName(col)}`));
  const attrs: Uint8Array[] = [];
  const attr = (si: number, t: number): Uint8Array => (attrs[si * 3 + t] ??= utf8(`"${si === 0 ? '' : ` s="${si}"`}${T_ATTR[t]}`));
  const rowNumber = new ByteSink(16);

  /** The <f> element of a formula cell. */
  const formulaXml = (formula: string | RowFormula, col: number, row: number): void => {
    if (typeof formula === 'string') {
      out.bytes(F_OPEN);
      out.text(formula);
      out.bytes(F_CLOSE);
      return;
    }
    const use = shared.get(formula);
    if (use === undefined && row < formula.lastRow) {
      const si = nextSi++;
      shared.set(formula, { si, col, from: row });
      const l = columnName(col);
      out.raw(`<f t="shared" ref="${l}${row}:${l}${formula.lastRow}" si="${si}">`);
      out.text(formula.text(row));
      out.bytes(F_CLOSE);
    } else if (use !== undefined && use.col === col && row > use.from && row <= formula.lastRow) {
      out.bytes(F_SHARED);
      out.uint(use.si);
      out.bytes(ATTR_END_EMPTY);
    } else {
      out.bytes(F_OPEN);
      out.text(formula.text(row));
      out.bytes(F_CLOSE);
    }
  };

  /** One cell: `<c r="B12" s="3" t="s"><v>7</v></c>` and its kin. */
  const cellXml = (cell: Cell, col: number, row: Uint8Array, r: number): void => {
    const si = styles.index(cell.style);
    const v = cell.value;
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) {
      if (si === 0) return;
      out.bytes(open(col));
      out.bytes(row);
      out.bytes(attr(si, T_NONE));
      out.bytes(SELF_CLOSE);
      return;
    }
    out.bytes(open(col));
    out.bytes(row);
    if (typeof v === 'string') {
      out.bytes(attr(si, T_S));
      out.bytes(V_OPEN);
      out.uint(textIndex(clipCellText(v), col));
      out.bytes(V_CLOSE);
    } else if (typeof v === 'number') {
      out.bytes(attr(si, T_NONE));
      out.bytes(V_OPEN);
      number(out, v);
      out.bytes(V_CLOSE);
    } else if (isFormula(v)) {
      const result = v.result;
      const text = typeof result === 'string';
      out.bytes(attr(si, text ? T_STR : T_NONE));
      out.bytes(GT);
      formulaXml(v.formula, col, r);
      if (text) {
        out.bytes(STR_V);
        out.bytes(resultBytes(clipCellText(result)));
        out.bytes(V_END);
      } else if (typeof result === 'number' && Number.isFinite(result)) {
        out.bytes(STR_V);
        number(out, result);
        out.bytes(V_END);
      } else if (isDate(result)) {
        out.bytes(STR_V);
        number(out, serial(result.date));
        out.bytes(V_END);
      }
      out.bytes(C_CLOSE);
    } else if (isDate(v)) {
      out.bytes(attr(si, T_NONE));
      out.bytes(V_OPEN);
      number(out, serial(v.date));
      out.bytes(V_CLOSE);
    } else {
      throw new Error(`unsupported cell value at ${columnName(col)}${r}: ${JSON.stringify(v)}`);
    }
  };

  let previous = 0;
  for (const row of sheet.rows()) {
    const list = row.cells;
    if (!(row.r > previous && row.r <= MAX_ROWS && Number.isInteger(row.r))) {
      throw new Error(`${sheet.name}: row ${row.r} after row ${previous} (rows go up, 1 to ${MAX_ROWS})`);
    }
    if (list.length > MAX_COLUMNS) throw new Error(`${sheet.name}: row ${row.r} has ${list.length} cells (at most ${MAX_COLUMNS})`);
    previous = row.r;
    if (row.height === undefined && !list.some((c) => c && (c.style !== undefined || (c.value !== null && c.value !== undefined)))) continue;
    rowNumber.pos = 0;
    rowNumber.uint(row.r);
    const rs = rowNumber.written();
    out.bytes(ROW_OPEN);
    out.bytes(rs);
    if (row.height === undefined) out.bytes(TAG_END);
    else {
      out.bytes(ROW_HEIGHT);
      number(out, row.height);
      out.bytes(ROW_CUSTOM);
    }
    for (let j = 0; j < list.length; j++) {
      const cell = list[j];
      if (cell) cellXml(cell, j + 1, rs, row.r);
    }
    out.bytes(ROW_CLOSE);
    if (out.pos >= ctx.chunk) yield out.take();
  }

  let tail = '</sheetData>';
  if (sheet.autoFilter) tail += `<autoFilter ref="${escapeAttr(sheet.autoFilter)}"/>`;
  if (sheet.merges && sheet.merges.length > 0) {
    tail += `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${escapeAttr(m)}"/>`).join('')}</mergeCells>`;
  }
  for (const cf of sheet.conditionalFormats ?? []) {
    tail += `<conditionalFormatting sqref="${escapeAttr(cf.sqref)}">`;
    for (const rule of cf.rules) {
      tail += `<cfRule type="${rule.type}" dxfId="${styles.dxf(rule.style)}" priority="${rule.priority}"><formula>${escapeText(rule.formula)}</formula></cfRule>`;
    }
    tail += '</conditionalFormatting>';
  }
  if (sheet.validations && sheet.validations.length > 0) {
    tail += `<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join('')}</dataValidations>`;
  }
  tail += pageXml(sheet);
  if (ctx.tableRelId) tail += `<tableParts count="1"><tablePart r:id="${ctx.tableRelId}"/></tableParts>`;
  out.raw(`${tail}</worksheet>`);
  yield out.take();
}

/** A finite number as SpreadsheetML writes it (integers digit by digit). */
function number(out: ByteSink, n: number): void {
  if (Number.isSafeInteger(n) && n >= 0) out.uint(n);
  else out.ascii(String(n));
}

const serials = new Map<string, number>();

/** dateSerial, memoised: a sheet's dates repeat (deadlines at quarter ends). */
function serial(iso: string): number {
  let n = serials.get(iso);
  if (n === undefined) {
    n = dateSerial(iso);
    if (serials.size < 65_536) serials.set(iso, n);
  }
  return n;
}

const results = new Map<string, Uint8Array>();

/** A formula's cached text result, escaped and encoded; results repeat (seven categories), so they are memoised. */
function resultBytes(s: string): Uint8Array {
  let x = results.get(s);
  if (x === undefined) {
    x = utf8(escapeText(s));
    if (results.size < 4096) results.set(s, x);
  }
  return x;
}

function sheetPr(sheet: Sheet): string {
  const p = sheet.page;
  return p && (p.fitToWidth !== undefined || p.fitToHeight !== undefined) ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
}

function sheetViews(sheet: Sheet): string {
  const v = sheet.view;
  const rows = v?.frozenRows ?? 0;
  const columns = v?.frozenCols ?? 0;
  if (!v || (rows === 0 && columns === 0)) {
    const sel = v?.activeCell ? `<selection activeCell="${v.activeCell}" sqref="${v.activeCell}"/>` : '';
    return `<sheetViews><sheetView workbookViewId="0">${sel}</sheetView></sheetViews>`;
  }
  const pane = rows > 0 && columns > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const topLeft = v.topLeftCell ?? `${columnName(columns + 1)}${rows + 1}`;
  const active = v.activeCell ?? topLeft;
  let attrs = '';
  if (columns > 0) attrs += ` xSplit="${columns}"`;
  if (rows > 0) attrs += ` ySplit="${rows}"`;
  return (
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane${attrs} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${active}" sqref="${active}"/>` +
    '</sheetView></sheetViews>'
  );
}

function cols(sheet: Sheet): string {
  let s = '';
  sheet.columns.forEach((w, j) => {
    if (w !== undefined) s += `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`;
  });
  return s === '' ? '' : `<cols>${s}</cols>`;
}

function validationXml(v: Validation): string {
  let a = `type="${v.type}"`;
  if (v.operator) a += ` operator="${v.operator}"`;
  if (v.allowBlank) a += ' allowBlank="1"';
  if (v.showInputMessage) a += ' showInputMessage="1"';
  if (v.promptTitle !== undefined) a += ` promptTitle="${escapeAttr(v.promptTitle)}"`;
  if (v.prompt !== undefined) a += ` prompt="${escapeAttr(v.prompt)}"`;
  if (v.showErrorMessage) a += ' showErrorMessage="1"';
  if (v.errorStyle) a += ` errorStyle="${v.errorStyle}"`;
  if (v.errorTitle !== undefined) a += ` errorTitle="${escapeAttr(v.errorTitle)}"`;
  if (v.error !== undefined) a += ` error="${escapeAttr(v.error)}"`;
  a += ` sqref="${escapeAttr(v.sqref)}"`;
  const formulae = v.formulae
    .slice(0, 2)
    .map((f, i) => `<formula${i + 1}>${typeof f === 'string' ? escapeText(f) : dateSerial(f.date)}</formula${i + 1}>`)
    .join('');
  return `<dataValidation ${a}>${formulae}</dataValidation>`;
}

function pageXml(sheet: Sheet): string {
  const p = sheet.page ?? {};
  const m = p.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  let s = `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  let setup = '';
  if (p.paperSize !== undefined) setup += ` paperSize="${p.paperSize}"`;
  if (p.orientation) setup += ` orientation="${p.orientation}"`;
  if (p.fitToWidth !== undefined) setup += ` fitToWidth="${p.fitToWidth}"`;
  if (p.fitToHeight !== undefined) setup += ` fitToHeight="${p.fitToHeight}"`;
  if (p.pageOrder) setup += ` pageOrder="${p.pageOrder}"`;
  if (setup) s += `<pageSetup${setup}/>`;
  if (p.oddFooter) s += `<headerFooter><oddFooter>${escapeText(p.oddFooter)}</oddFooter></headerFooter>`;
  return s;
}

/** xl/tables/tableN.xml */
export function tableXml(t: Table, id: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.name)}" ref="${t.ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/>` +
    `<tableColumns count="${t.columns.length}">${t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(c)}"/>`).join('')}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="${t.showRowStripes ? 1 : 0}" showColumnStripes="0"/>` +
    '</table>'
  );
}

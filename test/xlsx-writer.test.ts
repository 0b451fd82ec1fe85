/**
 * The direct SpreadsheetML writer (pipeline/write/xlsx): its pieces (escaping,
 * dates, shared strings, shared formulas, the zip), a workbook read back by
 * exceljs and opened by LibreOffice, and the tracking workbook it writes
 * against the exceljs build of the same model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import type { Task } from '../pipeline/model/task.js';
import { CATEGORIES, STATUSES, type Tracking } from '../pipeline/model/tracking.js';
import { rollup } from '../pipeline/rollup/rollup.js';
import { taskStatus, type StatusOptions } from '../pipeline/rollup/status.js';
import { workbookModel, writeWorkbook } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import {
  columnName,
  crc32,
  dateSerial,
  escapeAttr,
  escapeText,
  nativeDeflateAvailable,
  writeXlsx,
  type Cell,
  type CellStyle,
  type Row,
  type RowFormula,
  type Sheet,
  type Workbook,
  type XlsxOptions,
} from '../pipeline/write/xlsx/index.js';
import { makeDoc, makeFinding, makeTask } from './helpers/docs.js';
import { errorCells, libreOfficeOrSkip, recalcMany, removeProfile, shown } from './helpers/libreoffice.js';
import { columnValues, comparable, readRollup, sheet } from './helpers/workbook-read.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('XML text', () => {
  it('leaves Vietnamese as it is', () => {
    const s = 'Sở Kế hoạch và Đầu tư; Ủy ban nhân dân tỉnh — “Quý II/2026”';
    expect(escapeText(s)).toBe(s);
    expect(escapeAttr(s)).toBe(s);
  });

  it('escapes markup; quotes only in attributes', () => {
    expect(escapeText('a < b & c > "d"')).toBe('a &lt; b &amp; c &gt; "d"');
    expect(escapeAttr('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
  });

  it('writes control characters and the carriage return the way Excel does, keeps tab and line feed', () => {
    expect(escapeText('a\u0001b\u000Bc\r\nd\te\u001F')).toBe('a_x0001_b_x000B_c_x000D_\nd\te_x001F_');
    expect(escapeText('\uFFFE')).toBe('_xFFFE_');
  });

  it('escapes text that already looks like an escape, so it reads back verbatim', () => {
    expect(escapeText('_x0041_ và _x00e9_')).toBe('_x005F_x0041_ và _x005F_x00e9_');
    expect(escapeText('_x41_')).toBe('_x41_');
  });

  it('keeps attribute values on one line and drops what XML cannot carry', () => {
    expect(escapeAttr('a\nb\tc\rd\u0000e')).toBe('a&#10;b&#9;c&#13;de');
  });

  it('names columns and counts days as Excel does', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(dateSerial('2026-06-30')).toBe(46203);
    expect(dateSerial('1990-01-01')).toBe(32874);
    expect(dateSerial('1900-03-01')).toBe(61);
    expect(() => dateSerial('30/06/2026')).toThrow(/ISO/);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const bytes = new TextEncoder().encode('Nhiệm vụ '.repeat(1000));
    expect(crc32(bytes.subarray(17), crc32(bytes.subarray(0, 17)))).toBe(crc32(bytes));
  });
});

// ---------------------------------------------------------------------------
// A small workbook with every kind of cell.

const TEXTS = [
  '=SUM(A1)',
  '+84 912 345 678',
  '-1',
  '0012',
  '@mention',
  'Sở Y tế',
  'dòng 1\r\ndòng 2\ndòng 3',
  '  lề hai bên ',
  'chuông\u0007 và tab\t',
  '_x0041_',
  '<b>&amp;</b>',
  '',
];

const S = {
  text: { font: { name: 'Times New Roman', size: 12 }, border: { style: 'thin', color: 'FFBFBFBF' }, alignment: { wrapText: true, vertical: 'top' } },
  date: { font: { name: 'Times New Roman', size: 12 }, numFmt: 'dd/mm/yyyy' },
  percent: { numFmt: '0.0%', alignment: { horizontal: 'center' } },
  header: { font: { name: 'Times New Roman', size: 12, bold: true, color: 'FF1F4E79' }, fill: 'FFD9E1F2', alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
} satisfies Record<string, CellStyle>;

const SHARED: RowFormula = { text: (r) => `A${r}*2+$B$3`, lastRow: 10 };

function cellsModel(): Workbook {
  const rows: Row[] = [
    { r: 1, height: 30, cells: TEXTS.map((_t, j) => ({ value: `Cột ${j + 1}`, style: S.header })) },
    { r: 2, cells: TEXTS.map((value) => ({ value, style: S.text })) },
    {
      r: 3,
      cells: [
        { value: 1 },
        { value: 2.5 },
        { value: -3 },
        { value: 1e21 },
        { value: Number.NaN, style: S.text },
        { value: { date: '2026-06-30' }, style: S.date },
        { value: null, style: S.date },
        { value: 0.125, style: S.percent },
      ],
    },
    {
      r: 4,
      cells: [
        { value: { formula: 'A3+B3', result: 3.5 } },
        { value: { formula: 'IF(A3>0,"có","không")', result: 'có' } },
        { value: { formula: 'IF(A3>5,1,"")', result: '' } },
        { value: { formula: 'F3+1', result: { date: '2026-07-01' } }, style: S.date },
        { value: { formula: 'NOW()', result: null } },
      ],
    },
  ];
  for (let r = 5; r <= 10; r++) rows.push({ r, cells: [{ value: r }, { value: { formula: SHARED, result: r * 2 + 2.5 } }] });
  // The shared formula used off its column: written in full.
  const seventh = rows.findIndex((x) => x.r === 7);
  rows[seventh] = { r: 7, cells: [...rows[seventh]!.cells, { value: { formula: SHARED, result: 0 } }] };
  // Beyond the run: in full too.
  rows.push({ r: 12, cells: [null, { value: { formula: SHARED, result: 0 } }, { value: 'Sở Y tế' }] });

  const main: Sheet = {
    name: "Ô 'đặc' biệt",
    columns: [12, 20, undefined, 30],
    rows: () => rows,
    view: { frozenRows: 1, topLeftCell: 'A2', activeCell: 'A2' },
    merges: ['C12:D12'],
    autoFilter: 'A1:L2',
    validations: [
      {
        sqref: 'C5:C10 E5:E10',
        type: 'list',
        allowBlank: true,
        formulae: ['"Chưa thực hiện,Đang thực hiện,Hoàn thành"'],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Sai',
        error: 'Chọn "một" trong danh sách',
      },
      { sqref: 'F5:F10', type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [{ date: '1990-01-01' }] },
    ],
    conditionalFormats: [
      { sqref: 'A5:B10', rules: [{ type: 'expression', priority: 1, formula: '$A5>7', style: { fill: 'FFFFC7CE', font: { color: 'FF9C0006', bold: true } } }] },
    ],
    page: {
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      oddFooter: '&L&"Times New Roman"&A&RTrang &P/&N',
    },
  };
  const table: Sheet = {
    name: 'Bảng',
    columns: [10, 10],
    rows: () => [
      { r: 1, cells: [{ value: 'Mã', style: S.header }, { value: 'Tên', style: S.header }] },
      { r: 2, cells: [{ value: 1 }, { value: 'Sở Y tế' }] },
      { r: 3, cells: [{ value: 2 }, { value: 'Sở Tài chính' }] },
    ],
    table: { name: 'Bang1', ref: 'A1:B3', columns: ['Mã', 'Tên'], style: 'TableStyleLight9', showRowStripes: true },
  };
  return {
    creator: 'phuluc',
    sheets: [main, table],
    definedNames: [{ name: 'NgayBaoCao', ref: "'Ô ''đặc'' biệt'!$F$3" }],
    fullCalcOnLoad: true,
    created: new Date('2026-06-30T08:00:00Z'),
  };
}

const COMPRESSIONS: Array<XlsxOptions['compression']> = nativeDeflateAvailable() ? ['native', 'fflate'] : ['fflate'];

/** The zip's entries, each checked against its local header's CRC and sizes (independently of the writer's code). */
function entries(zip: Uint8Array): Map<string, Uint8Array> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, Uint8Array>();
  let at = 0;
  while (v.getUint32(at, true) === 0x04034b50) {
    const method = v.getUint16(at + 8, true);
    const crc = v.getUint32(at + 14, true);
    const csize = v.getUint32(at + 18, true);
    const size = v.getUint32(at + 22, true);
    const nameLen = v.getUint16(at + 26, true);
    const extra = v.getUint16(at + 28, true);
    const name = strFromU8(zip.subarray(at + 30, at + 30 + nameLen));
    const start = at + 30 + nameLen + extra;
    const data = zip.subarray(start, start + csize);
    const raw = method === 8 ? new Uint8Array(inflateRawSync(data)) : data;
    expect(raw.length, name).toBe(size);
    expect(bitwiseCrc(raw), name).toBe(crc);
    out.set(name, raw);
    at = start + csize;
  }
  expect(v.getUint32(at, true)).toBe(0x02014b50);
  return out;
}

function bitwiseCrc(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function wellFormed(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  let error: unknown = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(xml).close();
  expect(error, name).toBeNull();
}

describe('writeXlsx: a workbook with every kind of cell', () => {
  const files = new Map<string, Uint8Array>();
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    for (const c of COMPRESSIONS) files.set(String(c), await writeXlsx(cellsModel(), { compression: c, chunk: 256 }));
    wb = await load(files.values().next().value!);
  });

  it('is a zip whose parts are well-formed XML, named in [Content_Types].xml and reachable by relationships', () => {
    for (const file of files.values()) {
      const parts = entries(file);
      for (const [name, bytes] of parts) wellFormed(name, strFromU8(bytes));
      const types = strFromU8(parts.get('[Content_Types].xml')!);
      for (const name of parts.keys()) {
        if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
        expect(types, name).toContain(`PartName="/${name}"`);
      }
      for (const [name, bytes] of parts) {
        if (!name.endsWith('.rels')) continue;
        const base = name.replace(/_rels\/[^/]*\.rels$/, '');
        for (const m of strFromU8(bytes).matchAll(/Target="([^"]+)"/g)) {
          const target = path.posix.normalize(path.posix.join(base, m[1]!));
          expect(parts.has(target), `${name} → ${target}`).toBe(true);
        }
      }
    }
  });

  it('writes the same parts with either compressor', () => {
    const all = [...files.values()].map((f) => [...entries(f)].map(([n, b]) => [n, strFromU8(b)]));
    for (const other of all.slice(1)) expect(other).toEqual(all[0]);
  });

  it('keeps text as text: formula-looking, phone numbers, leading zeros, line breaks, control characters', () => {
    const ws = wb.getWorksheet("Ô 'đặc' biệt")!;
    TEXTS.forEach((t, j) => {
      const cell = ws.getCell(2, j + 1);
      expect(cell.type, JSON.stringify(t)).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(t);
      expect(cell.formula).toBeUndefined();
    });
  });

  it('stores each distinct text once in the shared strings table', () => {
    const parts = unzipSync(files.values().next().value!);
    const sst = strFromU8(parts['xl/sharedStrings.xml']!);
    const sheet1 = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sst.match(/<si>/g)).toHaveLength(Number(/uniqueCount="(\d+)"/.exec(sst)![1]));
    // "Sở Y tế" is in three cells, once in the table.
    expect(sst.split('<t>Sở Y tế</t>')).toHaveLength(2);
    expect(Number(/ count="(\d+)"/.exec(sst)![1])).toBeGreaterThan(Number(/uniqueCount="(\d+)"/.exec(sst)![1]));
    expect(sst).toContain('<t xml:space="preserve">  lề hai bên </t>');
    expect(sheet1).toMatch(/<c r="A2" s="\d+" t="s"><v>\d+<\/v><\/c>/);
    expect(sheet1).not.toContain('SUM(');
  });

  it('writes numbers, and dates as serial numbers under the date style', () => {
    const ws = wb.getWorksheet("Ô 'đặc' biệt")!;
    expect([1, 2, 3, 4].map((c) => ws.getCell(3, c).value)).toEqual([1, 2.5, -3, 1e21]);
    expect(ws.getCell('E3').value).toBeNull();
    expect(ws.getCell('F3').value).toEqual(day('2026-06-30'));
    expect(ws.getCell('F3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('G3').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('H3').numFmt).toBe('0.0%');
    const xml = strFromU8(unzipSync(files.values().next().value!)['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<c r="F3" s="\d+"><v>46203<\/v><\/c>/);
  });

  it('writes formulas with their cached results', () => {
    const ws = wb.getWorksheet("Ô 'đặc' biệt")!;
    expect([ws.getCell('A4').formula, ws.getCell('A4').result]).toEqual(['A3+B3', 3.5]);
    expect([ws.getCell('B4').formula, ws.getCell('B4').result]).toEqual(['IF(A3>0,"có","không")', 'có']);
    // An empty text result is <v></v>, which exceljs reads as no result (it writes it so too).
    expect(ws.getCell('C4').formula).toBe('IF(A3>5,1,"")');
    expect(ws.getCell('C4').result ?? '').toBe('');
    expect(ws.getCell('D4').result).toEqual(day('2026-07-01'));
    expect(ws.getCell('E4').formula).toBe('NOW()');
    expect(ws.getCell('E4').result).toBeUndefined();
  });

  it('shares a row formula down its run and writes it in full elsewhere', () => {
    const ws = wb.getWorksheet("Ô 'đặc' biệt")!;
    for (let r = 5; r <= 10; r++) {
      expect(ws.getCell(r, 2).formula).toBe(SHARED.text(r));
      expect(ws.getCell(r, 2).result).toBe(r * 2 + 2.5);
    }
    expect(ws.getCell('C7').formula).toBe(SHARED.text(7));
    expect(ws.getCell('B12').formula).toBe(SHARED.text(12));
    const xml = strFromU8(unzipSync(files.values().next().value!)['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('<f t="shared" ref="B5:B10" si="0">A5*2+$B$3</f>');
    expect(xml.match(/<f t="shared" si="0"\/>/g)).toHaveLength(5);
  });

  it('carries styles, widths, heights, panes, merges, filters, validations, conditional formats, names and print setup', () => {
    const ws = wb.getWorksheet("Ô 'đặc' biệt")!;
    const h = ws.getCell('A1');
    expect(h.font).toMatchObject({ name: 'Times New Roman', size: 12, bold: true, color: { argb: 'FF1F4E79' } });
    expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(h.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('A2').border?.left).toMatchObject({ style: 'thin', color: { argb: 'FFBFBFBF' } });
    expect(ws.getColumn(1).width).toBe(12);
    expect(ws.getColumn(4).width).toBe(30);
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect((ws.model as unknown as { merges: string[] }).merges).toEqual(['C12:D12']);
    expect(ws.autoFilter).toBe('A1:L2');
    expect(ws.getCell('C7').dataValidation).toMatchObject({ type: 'list', formulae: ['"Chưa thực hiện,Đang thực hiện,Hoàn thành"'], error: 'Chọn "một" trong danh sách' });
    expect(ws.getCell('E9').dataValidation).toMatchObject({ type: 'list' });
    expect(ws.getCell('F5').dataValidation).toMatchObject({ type: 'date', operator: 'greaterThan' });
    const cf = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]!.rules[0]).toMatchObject({ type: 'expression', formulae: ['$A5>7'] });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.headerFooter.oddFooter).toBe('&L&"Times New Roman"&A&RTrang &P/&N');
    expect(wb.definedNames.getRanges('NgayBaoCao').ranges).toEqual(["'Ô ''đặc'' biệt'!$F$3"]);
    // exceljs does not read calcPr back: the XML says it.
    expect(strFromU8(unzipSync(files.values().next().value!)['xl/workbook.xml']!)).toContain('<calcPr calcId="171027" fullCalcOnLoad="1"/>');
    expect(wb.creator).toBe('phuluc');
  });

  it('writes an Excel table whose header cells are its column names', () => {
    const ws = wb.getWorksheet('Bảng')!;
    const table = ws.getTable('Bang1') as unknown as { table: { tableRef?: string; ref?: string; columns: Array<{ name: string }> } };
    expect(table.table.columns.map((c) => c.name)).toEqual(['Mã', 'Tên']);
    expect([ws.getCell('A1').value, ws.getCell('B1').value, ws.getCell('B3').value]).toEqual(['Mã', 'Tên', 'Sở Tài chính']);
  });

  it('refuses what Excel would refuse', async () => {
    const m = cellsModel();
    await expect(writeXlsx({ ...m, sheets: [] })).rejects.toThrow(/at least one sheet/);
    await expect(writeXlsx({ ...m, sheets: [m.sheets[0]!, { ...m.sheets[1]!, name: "ô 'ĐẶC' BIỆT" }] })).rejects.toThrow(/duplicate/);
    await expect(writeXlsx({ ...m, sheets: [{ ...m.sheets[1]!, name: 'a/b' }] })).rejects.toThrow(/invalid sheet name/);
    await expect(writeXlsx({ ...m, sheets: [{ ...m.sheets[1]!, name: "'Bảng" }] })).rejects.toThrow(/invalid sheet name/);
    // Rows out of order, after the first chunks are on their way to the compressor: the write fails, cleanly.
    const many = (): Row[] => [...Array.from({ length: 500 }, (_x, i) => ({ r: i + 1, cells: [{ value: `dòng ${i}` }] })), { r: 3, cells: [] }];
    for (const compression of COMPRESSIONS) {
      await expect(writeXlsx({ ...m, sheets: [{ ...m.sheets[1]!, rows: many }] }, { compression, chunk: 256 })).rejects.toThrow(/row 3 after row 500/);
    }
  });
});

// ---------------------------------------------------------------------------
// The tracking workbook: the direct writer says what the exceljs build says.

const AS_OF = '2026-06-30';
const SAMPLES = path.join(import.meta.dirname, '..', 'samples');

async function seedDocs(): Promise<ConvertedDocument[]> {
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map((f) => convertDocument(f, new Uint8Array(readFileSync(path.join(SAMPLES, f))), { asOf: AS_OF })));
}

function sampleDoc(): ConvertedDocument {
  const tasks = [
    // (Carriage returns, control characters and "_x0041_" are where the two differ: exceljs drops or decodes them.)
    makeTask({ id: 'a', tt: '1', content: '=SUM(A1) không phải công thức\nvà "ngoặc" <thẻ> & \'nháy\'' }),
    makeTask({ id: 'b', tt: '2', deadline: { raw: 'Thường xuyên', kind: 'recurring', start: null, end: null, recurring: true } }),
    makeTask({ id: 'c', tt: '3', lead: [], leadCanonical: [], deadline: { raw: 'Tháng 3/2026', kind: 'month', start: null, end: '2026-03-31', recurring: false } }),
    makeTask({
      id: 'd',
      tt: '+84',
      lead: ['Sở Y tế', 'Sở KH&ĐT'],
      leadCanonical: ['Sở Y tế', 'Sở Kế hoạch và Đầu tư'],
      deadline: { raw: '10/7/2026', kind: 'date', start: null, end: '2026-07-10', recurring: false },
    }),
  ];
  const findings = [
    makeFinding({ task: 'b', field: 'deadline', rule: 'deadline.vague', messageVi: 'TT 2: thời hạn không cụ thể' }),
    makeFinding({ task: 'c', field: 'lead', rule: 'lead.missing', severity: 'error', messageVi: 'TT 3: chưa có cơ quan chủ trì' }),
    makeFinding({ task: 'gone', field: 'content', rule: 'content.empty', severity: 'info', messageVi: 'không gắn với nhiệm vụ nào' }),
  ];
  return makeDoc(tasks, findings, 'ke-hoach.txt');
}

/** Everything exceljs reads from a workbook that a person or a formula could see. */
function dump(wb: ExcelJS.Workbook): unknown {
  const sheets = wb.worksheets.map((ws) => {
    const cells: unknown[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      cells.push({ r, height: row.height });
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push({
          at: cell.address,
          type: cell.type,
          value: cell.formula ? null : cell.value,
          formula: cell.formula ?? null,
          result: cell.formula ? (cell.result ?? null) : null,
          numFmt: cell.numFmt ?? null,
          font: cell.font ?? null,
          fill: cell.fill ?? null,
          border: cell.border ?? null,
          alignment: cell.alignment ?? null,
          validation: cell.dataValidation ?? null,
        });
      });
    });
    const model = ws.model as unknown as { merges: string[] };
    const p = ws.pageSetup;
    return {
      name: ws.name,
      // exceljs leaves out a width of 9 as its default when it writes: read as none.
      widths: Array.from({ length: ws.columnCount }, (_x, j) => ws.getColumn(j + 1).width ?? 9),
      // Without frozen panes or a print setup, exceljs reads a plain view and writes printer defaults: the same sheet.
      views: (ws.views ?? []).filter((v) => v.state === 'frozen'),
      pageSetup: {
        paperSize: p.paperSize,
        orientation: p.orientation ?? 'portrait',
        fitToPage: p.fitToPage,
        fit: p.fitToPage ? [p.fitToWidth, p.fitToHeight] : null,
        printTitlesRow: p.printTitlesRow,
        printTitlesColumn: p.printTitlesColumn,
        printArea: p.printArea,
        pageOrder: p.pageOrder,
        margins: p.margins,
      },
      headerFooter: ws.headerFooter,
      autoFilter: ws.autoFilter ?? null,
      merges: model.merges,
      tables: Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables ?? {}),
      conditionalFormattings: (ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings,
      cells,
    };
  });
  return { sheets, names: wb.definedNames.model };
}

describe('the tracking workbook: direct writer and exceljs build agree', () => {
  let seeds: ConvertedDocument[];
  beforeAll(async () => {
    seeds = await seedDocs();
  });

  const cases: Array<[string, () => ConvertedDocument[], boolean]> = [
    ['a plan with findings, odd text and a task without lead', () => [sampleDoc()], false],
    ['the five seed plans in one combined workbook', () => seeds, true],
    ['no tasks at all', () => [], false],
  ];
  it.each(cases)('%s', async (_label, docs, combined) => {
    const options = { asOf: AS_OF, dueSoonDays: 10, combined };
    const direct = await load(await writeWorkbook(docs(), options));
    const built = await load(await workbookBytes(buildWorkbook(docs(), options)));
    expect(dump(direct)).toEqual(dump(built));
  });

  it('writes the same bytes twice (no dependence on timing)', async () => {
    const created = new Date('2026-06-30T00:00:00Z');
    const bytes = async (): Promise<Uint8Array> => writeXlsx({ ...workbookModel(seeds, { asOf: AS_OF, combined: true }), created });
    expect(Buffer.from(await bytes()).equals(Buffer.from(await bytes()))).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// LibreOffice opens what the direct writer wrote, and its formulas compute the TypeScript truth.

const hasLibreOffice = libreOfficeOrSkip();

/**
 * The model with statuses, completion dates, report date and due-soon window
 * typed in, as a person would before saving: the cached results are then
 * stale, and only LibreOffice's recalculation gives the right values.
 */
function edited(model: Workbook, tracking: ReadonlyArray<Tracking | undefined>, o: StatusOptions): Workbook {
  const sheets = model.sheets.map((s): Sheet => {
    if (s.name === 'Nhiệm vụ') {
      return {
        ...s,
        rows: function* () {
          let header: Array<Cell | null | undefined> = [];
          for (const row of s.rows()) {
            if (row.r === 1) header = [...row.cells];
            const col = (h: string): number => header.findIndex((c) => c?.value === h);
            const t = tracking[row.r - 2];
            if (row.r === 1 || !t) {
              yield row;
              continue;
            }
            const cells = [...row.cells];
            const status = col('Trạng thái');
            const done = col('Ngày hoàn thành');
            if (t.status !== null) cells[status] = { ...cells[status]!, value: t.status };
            if (t.doneDate !== null) cells[done] = { ...cells[done]!, value: { date: t.doneDate } };
            yield { ...row, cells };
          }
        },
      };
    }
    if (s.name === 'Tổng hợp') {
      const rows = [...s.rows()].map((row) => {
        if (row.r !== 2 && row.r !== 3) return row;
        const cells = [...row.cells];
        cells[1] = { ...cells[1]!, value: row.r === 2 ? { date: o.asOf } : o.dueSoonDays };
        return { ...row, cells };
      });
      return { ...s, rows: () => rows };
    }
    return s;
  });
  return { ...model, sheets };
}

function differences(label: string, tasks: readonly Task[], tracking: ReadonlyArray<Tracking | undefined>, o: StatusOptions, wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  const errors = errorCells(wb);
  if (errors.length > 0) out.push(`${label}: error cells ${errors.slice(0, 5).join(', ')}`);
  const shownCategories = columnValues(sheet(wb, 'Nhiệm vụ'), 'Tình trạng', tasks.length);
  tasks.forEach((t, i) => {
    const want = CATEGORIES[taskStatus(t, tracking[i], o).category];
    if (shownCategories[i] !== want) out.push(`${label} row ${i + 2}: "${String(shownCategories[i])}" ≠ "${want}"`);
  });
  const expected = rollup([...tasks], [...tracking], o);
  const got = readRollup(sheet(wb, 'Tổng hợp'));
  const want = { rows: expected.rows.map(comparable), total: comparable(expected.total) };
  const have = { rows: got.rows.map(comparable), total: comparable(got.total) };
  if (JSON.stringify(have) !== JSON.stringify(want)) out.push(`${label} Tổng hợp:\n  got  ${JSON.stringify(have)}\n  want ${JSON.stringify(want)}`);
  return out;
}

const AGENCIES = ['Sở Y tế', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'UBND các xã, phường', 'Công an tỉnh (PC06)'];
const STATUS_TEXT = [...STATUSES, 'hoàn thành', ' Hoàn thành '];
const BASE = Date.parse('2026-06-15T00:00:00Z');
const isoDay = (d: number): string => new Date(BASE + d * 86_400_000).toISOString().slice(0, 10);

/** Many generated tasks (shared formulas over thousands of rows) with random statuses typed in. */
function bigCase(n: number, seed: number): { doc: ConvertedDocument; tracking: Array<Tracking | undefined> } {
  const [spec] = fc.sample(
    fc.array(
      fc.record({
        end: fc.option(fc.integer({ min: -60, max: 60 }), { freq: 4 }),
        leads: fc.array(fc.constantFrom(...AGENCIES), { maxLength: 2 }),
        support: fc.array(fc.constantFrom(...AGENCIES), { maxLength: 2 }),
        status: fc.option(fc.constantFrom(...STATUS_TEXT), { freq: 2 }),
        done: fc.option(fc.integer({ min: -60, max: 60 }), { freq: 2 }),
      }),
      { minLength: n, maxLength: n },
    ),
    { numRuns: 1, seed },
  );
  const tasks = spec!.map((s, i) =>
    makeTask({
      id: `t${i}`,
      tt: String(i + 1),
      lead: s.leads,
      leadCanonical: s.leads,
      support: s.support,
      supportCanonical: s.support,
      deadline:
        s.end === null
          ? { raw: 'Thường xuyên', kind: 'recurring', start: null, end: null, recurring: true }
          : { raw: isoDay(s.end), kind: 'date', start: null, end: isoDay(s.end), recurring: false },
    }),
  );
  const tracking = spec!.map((s) => (s.status === null && s.done === null ? undefined : { status: s.status, doneDate: s.done === null ? null : isoDay(s.done), notes: null }));
  return { doc: makeDoc(tasks, [], 'lon.txt'), tracking };
}

describe.skipIf(!hasLibreOffice)('LibreOffice opens and recalculates the direct writer’s workbooks', () => {
  let seeds: ConvertedDocument[];
  beforeAll(async () => {
    seeds = await seedDocs();
  });
  afterAll(removeProfile);

  it('the cell workbook, the seed plans edited, and 3000 generated tasks: no error cell, formulas equal TypeScript', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    const o = { asOf: '2026-06-20', dueSoonDays: 9 };
    const allSeedTasks = seeds.flatMap((d) => d.tasks);
    const seedTracking = allSeedTasks.map((_t, i): Tracking | undefined =>
      i % 3 === 0 ? { status: 'Hoàn thành', doneDate: i % 2 === 0 ? '2026-12-31' : '2026-01-02', notes: null } : i % 3 === 1 ? { status: 'Đang thực hiện', doneDate: null, notes: null } : undefined,
    );
    const big = bigCase(3000, seed);
    const files = [
      await writeXlsx(cellsModel()),
      await writeXlsx(edited(workbookModel(seeds, { asOf: '2000-01-01', dueSoonDays: 3, combined: true }), seedTracking, o)),
      await writeXlsx(edited(workbookModel([big.doc], { asOf: '2000-01-01', dueSoonDays: 3 }), big.tracking, o)),
    ];
    const [cells, seedWb, bigWb] = await recalcMany(files);

    // Text survives LibreOffice (control characters aside, which it may drop), and the formulas compute.
    const ws = cells!.getWorksheet("Ô 'đặc' biệt")!;
    for (const [j, t] of TEXTS.entries()) {
      if (t === '') continue;
      expect(String(shown(ws.getCell(2, j + 1))).replace(/[\u0000-\u0008\u000B-\u001F]/g, ''), JSON.stringify(t)).toBe(t.replace(/[\u0000-\u0008\u000B-\u001F]/g, ''));
    }
    expect(shown(ws.getCell('A4'))).toBe(3.5);
    expect(shown(ws.getCell('B7'))).toBe(7 * 2 + 2.5);
    expect(shown(ws.getCell('F3'))).toEqual(day('2026-06-30'));

    const failures = [
      ...differences('seed plans', allSeedTasks, seedTracking, o, seedWb!),
      ...differences(`FC_SEED=${seed} 3000 tasks`, big.doc.tasks, big.tracking, o, bigWb!),
    ];
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
  }, 240_000);
});

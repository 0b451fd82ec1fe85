import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Table } from '../pipeline/model/doc.js';
import { cellsIn, readCsv, readXlsx, stripHugeValidations } from '../pipeline/read/sheet.js';
import { preparePackage } from '../pipeline/read/xlsx-package.js';
import { formatOf, readDocument } from '../pipeline/read/index.js';
import { convertDocument } from '../pipeline/convert.js';
import { mapHeader } from '../pipeline/find/headers.js';
import { TASK_COLUMNS } from '../pipeline/write/columns.js';

const enc = new TextEncoder();

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function grid(t: Table): string[][] {
  return t.rows.map((r) => r.cells.map((c) => c.text));
}

const HEADERS = TASK_COLUMNS.map((c) => c.header);

/** A tracking sheet like the CLI's `Nhiệm vụ`, plus a `Phân công` sheet that must not give tasks. */
async function trackingWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhiệm vụ');
  const col = (h: string) => HEADERS.indexOf(h) + 1;
  ws.addRow(HEADERS);
  const put = (row: number, values: Record<string, ExcelJS.CellValue>) => {
    for (const [h, v] of Object.entries(values)) ws.getCell(row, col(h)).value = v;
  };
  put(2, {
    STT: 1,
    'Mã': '1.a',
    'Nhóm': 'I. Tuyên truyền',
    'Nội dung': { richText: [{ text: 'Tổ chức tuyên truyền, ' }, { text: 'phổ biến Nghị quyết', font: { bold: true } }] },
    'Cơ quan chủ trì': 'Sở Y tế',
    'Cơ quan phối hợp': 'Sở Tài chính; các sở, ngành',
    'Thời hạn': 'Quý II/2026',
    'Hạn cuối': new Date(Date.UTC(2026, 5, 30)),
    'Tình trạng': { formula: 'IF(L2="Hoàn thành","Hoàn thành","Chưa hoàn thành, trong hạn")', result: 'Chưa hoàn thành, trong hạn' },
    'Nguồn': { text: 'ke-hoach.docx', hyperlink: 'https://example.org/ke-hoach.docx' },
  });
  put(3, {
    STT: 2,
    'Mã': 2,
    'Nội dung': 'Bố trí kinh phí thực hiện',
    'Thời hạn': 'Hằng năm',
  });
  put(4, { STT: 3, 'Mã': 3, 'Nội dung': 'Kiểm tra, đôn đốc', 'Thời hạn': '30/11/2026' });
  // One lead over two rows, as a person merges it.
  ws.getCell(3, col('Cơ quan chủ trì')).value = 'Sở Tài chính';
  ws.mergeCells(3, col('Cơ quan chủ trì'), 4, col('Cơ quan chủ trì'));

  const pc = wb.addWorksheet('Phân công');
  pc.addRow(['STT', 'Mã', 'Nội dung', 'Vai trò', 'Cơ quan', 'Hạn cuối', 'Tình trạng']);
  pc.addRow([1, '1.a', 'Tổ chức tuyên truyền, phổ biến Nghị quyết', 'chủ trì', 'Sở Y tế', new Date(Date.UTC(2026, 5, 30)), '']);
  pc.addRow([2, '1.a', 'Tổ chức tuyên truyền, phổ biến Nghị quyết', 'phối hợp', 'Sở Tài chính', new Date(Date.UTC(2026, 5, 30)), '']);
  return bytesOf(wb);
}

/** Insert a <dataValidations> element into every sheet of a workbook. */
function withValidations(bytes: Uint8Array, sqrefs: string[]): Uint8Array {
  const files = unzipSync(bytes);
  const dv = sqrefs
    .map((s) => `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${s}"><formula1>"Chưa thực hiện,Hoàn thành"</formula1></dataValidation>`)
    .join('');
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(files[name]!);
    files[name] = strToU8(xml.replace('<pageMargins', `<dataValidations count="${sqrefs.length}">${dv}</dataValidations><pageMargins`));
  }
  return zipSync(files);
}

describe('readXlsx', () => {
  it('reads a tracking sheet into tasks: "Mã" is the TT, STT is not; derived sheets give none', async () => {
    const bytes = await trackingWorkbook();
    const result = await convertDocument('theo-doi.xlsx', bytes);
    expect(result.source.format).toBe('xlsx');
    expect(result.tasks.map((t) => [t.tt, t.content, t.lead, t.deadline.raw])).toEqual([
      ['1.a', 'Tổ chức tuyên truyền, phổ biến Nghị quyết', ['Sở Y tế'], 'Quý II/2026'],
      ['2', 'Bố trí kinh phí thực hiện', ['Sở Tài chính'], 'Hằng năm'],
      ['3', 'Kiểm tra, đôn đốc', ['Sở Tài chính'], '30/11/2026'],
    ]);
    expect(result.tasks[0]!.support).toEqual(['Sở Tài chính', 'các sở, ngành']);
    // Row numbers of the sheet; the sheet's position as the page.
    expect(result.tasks.map((t) => [t.origin.page, t.origin.line])).toEqual([[1, 2], [1, 3], [1, 4]]);
  });

  it('turns cell values into text: dates ISO, numbers as written, rich text, formulas, hyperlinks, merges', async () => {
    const doc = await readXlsx('theo-doi.xlsx', await trackingWorkbook());
    expect(doc.blocks).toHaveLength(2);
    const [tasks, roles] = doc.blocks as [Table, Table];
    const row2 = tasks.rows[1]!.cells;
    const at = (h: string) => row2[HEADERS.indexOf(h)]!.text;
    expect(at('STT')).toBe('1');
    expect(at('Nội dung')).toBe('Tổ chức tuyên truyền, phổ biến Nghị quyết');
    expect(at('Hạn cuối')).toBe('2026-06-30');
    expect(at('Tình trạng')).toBe('Chưa hoàn thành, trong hạn');
    expect(at('Nguồn')).toBe('ke-hoach.docx');
    const lead = HEADERS.indexOf('Cơ quan chủ trì');
    expect(tasks.rows[3]!.cells[lead]).toEqual({ text: 'Sở Tài chính', merged: true });
    expect(tasks.rows.every((r) => r.cells.length === HEADERS.length)).toBe(true);
    expect(roles.page).toBe(2);
    expect(grid(roles)[1]).toEqual(['1', '1.a', 'Tổ chức tuyên truyền, phổ biến Nghị quyết', 'chủ trì', 'Sở Y tế', '2026-06-30', '']);
  });

  it('gives a formula cell its cached result, and a horizontal merge its span', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 3;
    ws.getCell('B1').value = 0.1;
    ws.getCell('C1').value = { formula: 'A1+B1', result: 3.1 };
    ws.getCell('D1').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
    ws.getCell('E1').value = { formula: 'A1*2' }; // never calculated: no cached result
    ws.getCell('A2').value = 'I. NHÓM NHIỆM VỤ';
    ws.mergeCells('A2:C2');
    ws.getCell('D2').value = true;
    const doc = await readXlsx('s.xlsx', await bytesOf(wb));
    const t = doc.blocks[0] as Table;
    expect(grid(t)).toEqual([
      ['3', '0.1', '3.1', '#DIV/0!'],
      ['I. NHÓM NHIỆM VỤ', '', '', 'TRUE'],
    ]);
    expect(t.rows[1]!.cells[0]).toEqual({ text: 'I. NHÓM NHIỆM VỤ', span: 3 });
  });

  it('drops whole-column and whole-sheet data validation before exceljs reads the workbook', async () => {
    const bytes = withValidations(await trackingWorkbook(), ['A1:A1048576', 'A:XFD', 'B1:XFD1048576', 'L2:L1048576 M:M', 'L2:L200']);
    const started = Date.now();
    const result = await convertDocument('theo-doi.xlsx', bytes);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.tasks).toHaveLength(3);
    // The small validation stays, with its count fixed.
    const sheet = strFromU8(unzipSync(preparePackage('x.xlsx', bytes))['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="L2:L200">');
    expect(sheet).not.toContain('1048576');
  }, 10_000);

  it('leaves the parts of a workbook exceljs reads as it is untouched', async () => {
    const bytes = await trackingWorkbook();
    // Folder entries are not parts: they are left out.
    const parts = Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/')));
    expect(unzipSync(preparePackage('x.xlsx', bytes))).toEqual(parts);
  });

  it('refuses damaged files and old .xls with a clear code', async () => {
    const good = await trackingWorkbook();
    await expect(readXlsx('a.xlsx', enc.encode('not a zip at all'))).rejects.toMatchObject({ code: 'sheet.corrupt' });
    await expect(readXlsx('a.xlsx', good.subarray(0, good.length >> 1))).rejects.toMatchObject({ code: 'sheet.corrupt' });
    await expect(readXlsx('a.xlsx', zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).rejects.toMatchObject({ code: 'sheet.corrupt' });
    const ole = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0);
    await expect(readXlsx('a.xlsx', ole)).rejects.toMatchObject({ code: 'sheet.legacy' });
    await expect(readDocument('a.xlsx', new Uint8Array())).rejects.toMatchObject({ code: 'file.empty' });
  });
});

describe('data validation ranges', () => {
  it('counts the cells of a sqref', () => {
    expect(cellsIn('A1')).toBe(1);
    expect(cellsIn('$B$2:$C$11')).toBe(20);
    expect(cellsIn('A:A')).toBe(1_048_576);
    expect(cellsIn('A1:A1048576')).toBe(1_048_576);
    expect(cellsIn('3:4')).toBe(2 * 16_384);
    expect(cellsIn('A:XFD')).toBe(1_048_576 * 16_384);
    expect(cellsIn('A1 B2:B3')).toBe(3);
    expect(cellsIn('nonsense!')).toBe(Infinity);
  });

  it('keeps sheets without huge validation byte for byte', () => {
    const xml = '<worksheet><dataValidations count="1"><dataValidation sqref="A1:A10"/></dataValidations></worksheet>';
    expect(stripHugeValidations(xml)).toBe(xml);
    expect(stripHugeValidations(xml.replace('A1:A10', 'A:A'))).toBe('<worksheet></worksheet>');
  });
});

describe('readCsv', () => {
  const header = 'TT,Nội dung nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành';
  const rows = [
    '1,"Tổ chức tuyên truyền, phổ biến Nghị quyết",Sở Y tế,"Sở Tài chính, các sở, ngành",Quý II/2026',
    '2,"Bố trí kinh phí; hướng dẫn thanh quyết toán",Sở Tài chính,Sở Y tế,Hằng năm',
  ];
  const csv = [header, ...rows].join('\r\n') + '\r\n';

  const expectTasks = async (file: string, bytes: Uint8Array) => {
    const result = await convertDocument(file, bytes);
    expect(result.source.format).toBe('csv');
    expect(result.tasks.map((t) => [t.tt, t.content, t.lead, t.deadline.raw])).toEqual([
      ['1', 'Tổ chức tuyên truyền, phổ biến Nghị quyết', ['Sở Y tế'], 'Quý II/2026'],
      ['2', 'Bố trí kinh phí; hướng dẫn thanh quyết toán', ['Sở Tài chính'], 'Hằng năm'],
    ]);
    expect(result.tasks[0]!.support).toEqual(['Sở Tài chính', 'các sở, ngành']);
  };

  it('reads UTF-8 with a BOM', async () => {
    await expectTasks('a.csv', Uint8Array.of(0xef, 0xbb, 0xbf, ...enc.encode(csv)));
  });

  it('reads UTF-8 without a BOM', async () => {
    await expectTasks('a.csv', enc.encode(csv));
  });

  it('guesses ";" (Excel in a Vietnamese locale), with commas left unquoted inside cells', async () => {
    const semi = [
      'TT;Nội dung nhiệm vụ;Cơ quan chủ trì;Cơ quan phối hợp;Thời gian hoàn thành',
      '1;Tổ chức tuyên truyền, phổ biến Nghị quyết;Sở Y tế;Sở Tài chính, các sở, ngành;Quý II/2026',
      '2;"Bố trí kinh phí; hướng dẫn thanh quyết toán";Sở Tài chính;Sở Y tế;Hằng năm',
    ].join('\n');
    await expectTasks('a.csv', enc.encode(semi));
  });

  it('guesses tab, and follows an Excel "sep=" line', async () => {
    await expectTasks('a.csv', enc.encode(csv.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/gm, '\t').replace(/"/g, '')));
    const doc = readCsv('a.csv', 'sep=|\nTT|Nội dung\n1|Việc, việc\n');
    expect(grid(doc.blocks[0] as Table)).toEqual([['TT', 'Nội dung'], ['1', 'Việc, việc']]);
    expect((doc.blocks[0] as Table).rows[1]!.line).toBe(3);
  });

  it('keeps a quoted cell over several lines as one cell and pads short rows', () => {
    const doc = readCsv('a.csv', 'TT,Nội dung,Ghi chú\n1,"Dòng một\r\nDòng hai"\n\n2,Việc,x\n');
    const t = doc.blocks[0] as Table;
    expect(grid(t)).toEqual([['TT', 'Nội dung', 'Ghi chú'], ['1', 'Dòng một\nDòng hai', ''], ['2', 'Việc', 'x']]);
  });

  it('refuses a CSV that is binary data', async () => {
    await expect(readDocument('a.csv', Uint8Array.of(0x54, 0x54, 0x2c, 0, 0, 0, 0x0a))).rejects.toMatchObject({ code: 'text.binary' });
  });
});

describe('formats and headers', () => {
  it('routes .xlsx and .csv to the sheet reader', () => {
    expect(formatOf('Theo dõi.XLSX')).toBe('xlsx');
    expect(formatOf('a.csv')).toBe('csv');
  });

  it('maps the tracking workbook header with "Mã" as TT and STT as extra data', () => {
    const map = mapHeader([...HEADERS]);
    expect(map).not.toBeNull();
    expect(map!.fields[HEADERS.indexOf('Mã')]).toBe('tt');
    expect(map!.fields[HEADERS.indexOf('STT')]).toBeNull();
    expect(mapHeader(['STT', 'Nội dung', 'Cơ quan chủ trì'])!.fields).toEqual(['tt', 'content', 'lead']);
    // The workbook's derived sheets are not task tables.
    expect(mapHeader(['STT', 'Mã', 'Nội dung', 'Vai trò', 'Cơ quan', 'Hạn cuối', 'Tình trạng'])).toBeNull();
    expect(mapHeader(['STT', 'Mã', 'Mức độ', 'Quy tắc', 'Trường', 'Nội dung cảnh báo', 'Đi tới ô'])).toBeNull();
  });
});

describe('a tracking sheet given to convert is checked with its statuses', () => {
  it('flags overdue work and a done task without a date, reading a formula status by its value', async () => {
    const { readFileSync } = await import('node:fs');
    const { convertDocument } = await import('../pipeline/convert.js');
    const bytes = new Uint8Array(readFileSync(new URL('./corpus/files/formula-status.xlsx', import.meta.url)));
    const doc = await convertDocument('theo-doi.xlsx', bytes, { asOf: '2026-12-01' });
    expect(doc.tasks.every((t) => t.origin.kind === 'sheet')).toBe(true);
    expect(doc.findings.map((f) => [f.task, f.rule])).toEqual([
      [doc.tasks[0]!.id, 'status.overdue'],
      [doc.tasks[1]!.id, 'done.no_date'],
    ]);
  });
});

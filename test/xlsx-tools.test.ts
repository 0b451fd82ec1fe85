/**
 * Tracking workbooks as other tools save them (test/fixtures/xlsx-tools/,
 * made by scripts/fixtures/make-xlsx-tools.py): openpyxl, LibreOffice, and
 * hand-made packages in the ways Google Sheets, Excel on the web, WPS and
 * exporters store cells. Each reads through readTracked with its statuses,
 * completion dates (ISO) and notes; the openpyxl file and its LibreOffice
 * re-save roll up alike; re-import works on the openpyxl one.
 *
 * Limits: a zip bomb, a package of too many parts, a merge over the whole
 * sheet, and an HTML table of huge spans are refused or bounded quickly
 * (read/xlsx-package.ts, read/html.ts). The big inputs are made here, never
 * committed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import { readHtml } from '../pipeline/read/html.js';
import { loadWorkbook } from '../pipeline/read/sheet.js';
import { boundMerges, preparePackage, relativePath, resolvePart } from '../pipeline/read/xlsx-package.js';
import { readTracked, type TrackedWorkbook } from '../pipeline/tracking/read-tracked.js';
import { reimport } from '../pipeline/tracking/reimport.js';
import { buildReport } from '../pipeline/tracking/report.js';

const DIR = path.join(import.meta.dirname, 'fixtures', 'xlsx-tools');
const SEED = path.join(import.meta.dirname, '..', 'samples', '000_608305ae69954cdd.txt');
const AS_OF = '2026-08-01';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(DIR, name)));

/** A fixture with some parts edited (name → new text, or a function of the old text). */
function edited(name: string, edits: Record<string, string | ((xml: string) => string)>): Uint8Array {
  const parts = unzipSync(fixture(name));
  for (const [part, edit] of Object.entries(edits)) {
    parts[part] = strToU8(typeof edit === 'string' ? edit : edit(strFromU8(parts[part]!)));
  }
  return zipSync(parts);
}

function typed(t: TrackedWorkbook): Array<[number, string | null, string | null, string | null]> {
  return t.rows.map((r) => [r.row, r.tracking.status, r.tracking.doneDate, r.tracking.notes]);
}

/** The three tasks every hand-made fixture holds. */
const HAND_MADE = [
  [2, 'Hoàn thành', '2026-03-20', 'Đã tổ chức hội nghị'],
  [3, 'Đang thực hiện', null, 'Đang lấy ý kiến'],
  [4, 'Hoàn thành', '2026-12-01', null],
];

/** What make-xlsx-tools.py typed into the tracking workbook of seed 000 (rows 2, 3, 4 and 6). */
function expectFilledIn(t: TrackedWorkbook): void {
  expect(t.sheet).toBe('Nhiệm vụ');
  expect(t.rows).toHaveLength(11);
  const at = (row: number) => typed(t).find((r) => r[0] === row);
  expect(at(2)).toEqual([2, 'Hoàn thành', '2026-03-20', 'Đã tổ chức hội nghị quán triệt']);
  expect(at(3)).toEqual([3, 'Đang thực hiện', null, 'Đang trình UBND tỉnh']);
  expect(at(4)).toEqual([4, 'Hoàn thành', '2026-07-15', null]);
  expect(at(5)).toEqual([5, null, null, null]);
  expect(at(6)).toEqual([6, 'Hoàn thành', '2026-12-01', 'Báo cáo số 12/BC-SYT']);
  expect(t.rows.flatMap((r) => r.issues)).toEqual([]);
}

describe('workbooks saved by other tools', () => {
  it.each(['inline-strings', 'no-styles', 'date1904', 'shared-formulas', 'rich-text', 'comments-plain'])(
    'reads statuses, dates and notes from %s.xlsx',
    async (name) => {
      const t = await readTracked(`${name}.xlsx`, fixture(`${name}.xlsx`));
      expect(typed(t)).toEqual(HAND_MADE);
    },
  );

  it('reads dates of the 1904 date system, however date1904 is spelled', async () => {
    const wb = await loadWorkbook('date1904.xlsx', fixture('date1904.xlsx'));
    expect(wb.properties.date1904).toBe(true);
    expect(wb.worksheets[0]!.getCell('F2').value).toEqual(new Date(Date.UTC(2026, 2, 20)));
    // xsd:boolean allows "true"; exceljs alone reads only "1" and would put every date 4 years and a day early.
    const spelled = edited('date1904.xlsx', { 'xl/workbook.xml': (xml) => xml.replace('date1904="1"', 'date1904="true"') });
    expect(typed(await readTracked('date1904-true.xlsx', spelled))).toEqual(HAND_MADE);
  });

  it('keeps the text of comments stored as plain text', async () => {
    const wb = await loadWorkbook('comments-plain.xlsx', fixture('comments-plain.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('G2').note).toBe('Đã gửi báo cáo kèm biên bản');
    expect(ws.getCell('E3').note).toBe('Chờ ý kiến Sở Tài chính');
  });

  it('reads a workbook saved by openpyxl (absolute part paths, comments under xl/comments/)', async () => {
    const t = await readTracked('openpyxl.xlsx', fixture('openpyxl.xlsx'));
    expectFilledIn(t);
    const wb = await loadWorkbook('openpyxl.xlsx', fixture('openpyxl.xlsx'));
    expect(wb.getWorksheet('Nhiệm vụ')!.getCell('N2').note).toBe('Đã gửi báo cáo kèm biên bản');
  });

  it('reads the same workbook saved again by LibreOffice', async () => {
    expectFilledIn(await readTracked('libreoffice.xlsx', fixture('libreoffice.xlsx')));
  });

  it('rolls up the openpyxl file and its LibreOffice re-save to the same figures', async () => {
    const report = async (name: string) => buildReport([await readTracked(name, fixture(name))], { asOf: AS_OF }).byAgency;
    const a = await report('openpyxl.xlsx');
    const b = await report('libreoffice.xlsx');
    expect(a.total.total).toBe(11);
    expect(a.total.counts).toEqual(b.total.counts);
    const figures = (r: (typeof a.rows)[number]) => [r.agency, r.counts, r.total, r.dueSoon, r.due, r.dueDone, r.rateDue, r.rated, r.ratedDone, r.rateAll];
    expect(a.rows.map(figures)).toEqual(b.rows.map(figures));
    // Three of the four filled in are done.
    expect(Object.entries(a.total.counts).filter(([k]) => k.startsWith('done')).reduce((n, [, v]) => n + v, 0)).toBe(3);
  });

  it('reads dates stored as ISO text (t="d", as SheetJS and openpyxl with iso_dates write them), in either date system', async () => {
    const isoCells = (xml: string) =>
      xml
        .replace(/<c r="F2" s="1"><v>\d+<\/v><\/c>/, '<c r="F2" s="1" t="d"><v>2026-03-20T00:00:00</v></c>')
        .replace(/<c r="F4" s="1"><v>\d+<\/v><\/c>/, '<c r="F4" s="1" t="d"><v>2026-12-01</v></c>');
    for (const name of ['inline-strings.xlsx', 'date1904.xlsx']) {
      const bytes = edited(name, { 'xl/worksheets/sheet1.xml': isoCells });
      expect(strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!)).toContain('t="d"><v>2026-12-01</v>');
      expect(typed(await readTracked(name, bytes))).toEqual(HAND_MADE);
    }
  });
});

describe('re-import (convert --into) of a workbook saved by another tool', () => {
  let plan: ConvertedDocument;
  beforeAll(async () => {
    plan = await convertDocument(path.basename(SEED), new Uint8Array(readFileSync(SEED)), { asOf: AS_OF });
  });

  it.each(['openpyxl.xlsx', 'libreoffice.xlsx'])('updates %s, keeping what was typed and the user table without a style', async (name) => {
    const { bytes } = await reimport(fixture(name), plan, { asOf: AS_OF, file: name });
    expectFilledIn(await readTracked(name, bytes));
    // The agency's own sheet, with its Excel table that had no style (exceljs could not write it back).
    const wb = await loadWorkbook(name, bytes);
    expect(JSON.stringify(wb.getWorksheet('Nhiệm vụ')!.getCell('N2').note)).toContain('Đã gửi báo cáo kèm biên bản');
    const own = wb.getWorksheet('Ghi chú riêng')!;
    expect(own.getCell('A2').value).toBe('Gửi báo cáo quý');
    expect(Object.keys((own as unknown as { tables: Record<string, unknown> }).tables)).toEqual(['ViecRieng']);
  });
});

// ---- limits -------------------------------------------------------------------------

/** inline-strings.xlsx with `pad` MiB of blanks in its sheet, deflated as it goes (the bomb never sits in memory). */
function zipBomb(pad: number): Uint8Array {
  const base = unzipSync(fixture('inline-strings.xlsx'));
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(base)) {
    const file = new ZipDeflate(name, { level: 1 });
    zip.add(file);
    if (name !== 'xl/worksheets/sheet1.xml') {
      file.push(data, true);
      continue;
    }
    const xml = strFromU8(data);
    const cut = xml.indexOf('</sheetData>');
    file.push(strToU8(xml.slice(0, cut)));
    const blanks = new Uint8Array(1 << 20).fill(0x20);
    for (let i = 0; i < pad; i++) file.push(blanks);
    file.push(strToU8(xml.slice(cut)), true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('limits', () => {
  it('refuses a zip bomb from its directory, before inflating it, naming the file', async () => {
    const bomb = zipBomb(210);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const err = await readTracked('bom.xlsx', bomb).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err).toMatchObject({ code: 'sheet.too_large' });
    expect((err as Error).message).toMatch(/^Tệp bom\.xlsx quá lớn: giải nén ra 211 MB \(tối đa 200 MB\).* \/ File bom\.xlsx is too large/);
  }, 20_000);

  it('inflates no part past the size its directory declares', () => {
    const bomb = zipBomb(30);
    // Understate the sheet's size in the central directory (the local header leaves it to the data descriptor).
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    const name = strToU8('xl/worksheets/sheet1.xml');
    let patched = 0;
    for (let i = 0; i + 46 < bomb.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50 || view.getUint16(i + 28, true) !== name.length) continue;
      if (strFromU8(bomb.subarray(i + 46, i + 46 + name.length)) !== 'xl/worksheets/sheet1.xml') continue;
      view.setUint32(i + 24, 4096, true);
      patched++;
    }
    expect(patched).toBe(1);
    let out: Uint8Array | undefined;
    try {
      out = preparePackage('noi-doi.xlsx', bomb);
    } catch (e) {
      // A part cut short may also be refused as damaged: never inflated to its real size.
      expect(e).toMatchObject({ code: 'sheet.corrupt' });
    }
    if (out) expect(unzipSync(out)['xl/worksheets/sheet1.xml']!.length).toBeLessThanOrEqual(4096);
  }, 20_000);

  it('refuses a Word document renamed .xlsx as no workbook', async () => {
    const docx = zipSync({
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
    });
    await expect(readTracked('ke-hoach.xlsx', docx)).rejects.toMatchObject({ code: 'sheet.corrupt' });
  });

  it('refuses a package of too many parts', async () => {
    const parts = unzipSync(fixture('inline-strings.xlsx'));
    for (let i = 0; i < 10_001; i++) parts[`xl/media/x${i}.txt`] = new Uint8Array();
    await expect(readTracked('nhieu.xlsx', zipSync(parts, { level: 0 }))).rejects.toMatchObject({ code: 'sheet.too_large' });
  });

  it('reads a sheet with a merge over the rest of the sheet quickly, as if the merge were cut to the data', async () => {
    const merge = '<mergeCells count="2"><mergeCell ref="R20:XFD1048576"/><mergeCell ref="G3:G4"/></mergeCells>';
    const bytes = edited('inline-strings.xlsx', { 'xl/worksheets/sheet1.xml': (xml) => xml.replace('</sheetData>', `</sheetData>${merge}`) });
    const started = Date.now();
    const t = await readTracked('gop.xlsx', bytes);
    expect(Date.now() - started).toBeLessThan(3000);
    // G3:G4 stays merged: row 4 repeats row 3's note, as a merged cell reads.
    expect(typed(t)).toEqual([HAND_MADE[0], HAND_MADE[1], [4, 'Hoàn thành', '2026-12-01', 'Đang lấy ý kiến']]);
  });

  it('cuts a huge merge to the rows and columns that hold cells, or drops it', () => {
    const sheet = (merges: string) =>
      `<worksheet><sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="5"><c r="B5"/></row></sheetData><mergeCells count="9">${merges}</mergeCells></worksheet>`;
    const lim = { maxMergeCells: 100_000, maxMergedPerSheet: 1_000_000 };
    expect(boundMerges(sheet('<mergeCell ref="B2:XFD1048576"/>'), lim)).toBe(sheet('<mergeCell ref="B2:C5"/>').replace('count="9"', 'count="1"'));
    expect(boundMerges(sheet('<mergeCell ref="A1:B2"/><mergeCell ref="R20:XFD1048576"/>'), lim)).toBe(
      sheet('<mergeCell ref="A1:B2"/>').replace('count="9"', 'count="1"'),
    );
    expect(boundMerges(sheet('<mergeCell ref="R20:XFD1048576"/>'), lim)).toBe('<worksheet><sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="5"><c r="B5"/></row></sheetData></worksheet>');
    // Small merges stay byte for byte, and many of them together are bounded too.
    const small = sheet('<mergeCell ref="A1:B2"/>');
    expect(boundMerges(small, lim)).toBe(small);
    expect(boundMerges(sheet('<mergeCell ref="A1:B2"/><mergeCell ref="A3:B4"/>'), { maxMergeCells: 100, maxMergedPerSheet: 5 })).toBe(
      sheet('<mergeCell ref="A1:B2"/>').replace('count="9"', 'count="1"'),
    );
  });

  it('resolves and writes relationship targets as exceljs matches them', () => {
    expect(resolvePart('xl/worksheets/sheet1.xml', '/xl/tables/table1.xml')).toBe('xl/tables/table1.xml');
    expect(resolvePart('xl/worksheets/sheet1.xml', '../comments1.xml')).toBe('xl/comments1.xml');
    expect(resolvePart('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(relativePath('xl/worksheets/sheet1.xml', 'xl/tables/table1.xml')).toBe('../tables/table1.xml');
    expect(relativePath('xl/workbook.xml', 'xl/worksheets/sheet1.xml')).toBe('worksheets/sheet1.xml');
    expect(relativePath('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });
});

describe('HTML tables with huge spans', () => {
  const tableOf = (rows: string[]) => readHtml('t.html', `<html><body><table>${rows.join('')}</table></body></html>`).blocks.find((b) => b.kind === 'table');

  it('bounds colspan to the table and rowspan to its rows', () => {
    const rows = ['<tr><td rowspan="65534" colspan="1000">x</td><td>STT</td><td>Nội dung</td></tr>'];
    for (let i = 1; i < 5000; i++) rows.push(`<tr><td>${i}</td><td>Việc ${i}</td></tr>`);
    const started = Date.now();
    const t = tableOf(rows);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(t?.kind === 'table' && t.rows.length).toBe(5000);
    if (t?.kind !== 'table') return;
    // Each row keeps its own cells side by side, after the spanning cell.
    expect(t.rows[0]!.cells.length).toBeLessThanOrEqual(8);
    expect(t.rows[4999]!.cells.filter((c) => c.text !== '' && !c.merged).map((c) => c.text)).toEqual(['4999', 'Việc 4999']);
  });

  it('stops spanning once a table has filled its share of slots', () => {
    const rows: string[] = [];
    for (let i = 0; i < 3000; i++) rows.push(`<tr><td rowspan="65534">${i}</td><td>Việc ${i}</td></tr>`);
    const started = Date.now();
    const t = tableOf(rows);
    expect(Date.now() - started).toBeLessThan(5000);
    if (t?.kind !== 'table') throw new Error('no table');
    expect(t.rows.length * t.rows[0]!.cells.length).toBeLessThan(3_000_000);
    expect(t.rows[2999]!.cells.some((c) => c.text === 'Việc 2999')).toBe(true);
  });

  it('keeps an ordinary colspan as it was', () => {
    const t = tableOf(['<tr><td colspan="3">Tiêu đề</td></tr>', '<tr><td>1</td><td>2</td><td>3</td></tr>']);
    if (t?.kind !== 'table') throw new Error('no table');
    expect(t.rows[0]!.cells[0]).toEqual({ text: 'Tiêu đề', span: 3 });
    expect(t.rows[1]!.cells.map((c) => c.text)).toEqual(['1', '2', '3']);
  });
});

/**
 * `rollup --report`: the progress report as a Word document in the layout of
 * Decree 30/2020, built from real tracking workbooks (seed plans converted,
 * filled in as agencies fill them, read back), then read back itself with the
 * core's own .docx reader: the figures, the table by lead agency, the overdue
 * and due-soon tasks and the conflicts must be the Report's. Also: the period
 * and plan filters, the comparison with an earlier report workbook, the CLI
 * path and its usage errors, and the report printed by LibreOffice (text
 * checked with pdftotext, page 1 saved as a picture in test/artifacts/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../pipeline/cli/dispatch.js';
import { findSoffice, printPdf } from '../pipeline/cli/rollup-report.js';
import { convertDocument } from '../pipeline/convert.js';
import type { Table } from '../pipeline/model/doc.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import { rollup } from '../pipeline/rollup/rollup.js';
import { readDocx } from '../pipeline/read/docx.js';
import { readTracked, type TrackedWorkbook } from '../pipeline/tracking/read-tracked.js';
import { buildReport, type Report } from '../pipeline/tracking/report.js';
import { compareReports } from '../pipeline/write/docx/compare.js';
import { readEarlierReport } from '../pipeline/write/docx/earlier.js';
import { parsePeriod } from '../pipeline/write/docx/period.js';
import { findPlan, narrowReport } from '../pipeline/write/docx/scope.js';
import { parseReportSettings } from '../pipeline/write/docx/settings.js';
import { placeDateLine } from '../pipeline/write/docx/vi.js';
import { writeReportDocx } from '../pipeline/write/report-docx.js';
import { writeReportWorkbook } from '../pipeline/write/report-workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { captureIo } from './helpers/io.js';
import { libreOfficeOrSkip } from './helpers/libreoffice.js';
import { columnOf } from './helpers/workbook-read.js';

const AS_OF = '2026-06-20';
const EARLIER = '2025-01-15';
const AT = new Date('2026-06-20T03:05:00Z'); // 10:05 in Hà Nội
const SAMPLES = path.join(import.meta.dirname, '..', 'samples');
const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const dmy = (iso: string): string => iso.split('-').reverse().join('/');
/** A share as the report writes it, computed here independently: one decimal, decimal comma. */
const vnPercent = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1).replace('.', ',')}%`;

const SETTINGS = {
  superior: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
  issuer: 'Sở Y tế',
  symbol: 'BC-SYT',
  place: 'Hà Tĩnh',
  to: 'Ủy ban nhân dân tỉnh',
  signer: { title: ['KT. Giám đốc', 'Phó Giám đốc'], name: 'Nguyễn Văn An' },
  recipients: ['Chủ tịch, các Phó Chủ tịch UBND tỉnh'],
  archive: 'VT, KHTC',
};

async function seed(name: string): Promise<ConvertedDocument> {
  return convertDocument(name, new Uint8Array(readFileSync(path.join(SAMPLES, name))), { asOf: AS_OF });
}

function type(wb: ExcelJS.Workbook, index: number, values: Record<string, ExcelJS.CellValue>): void {
  const ws = wb.getWorksheet('Nhiệm vụ')!;
  for (const [header, v] of Object.entries(values)) ws.getRow(index + 2).getCell(columnOf(ws, header)).value = v;
}

// ── reading the .docx back ──────────────────────────────────────────────────

interface ReadBack {
  /** Body paragraphs, in order (table cells not included). */
  paras: string[];
  tables: Table[];
  /** Every text of the body, paragraphs and cells, one per line. */
  all: string;
  parts: Record<string, string>;
}

function readBack(bytes: Uint8Array): ReadBack {
  const doc = readDocx('bao-cao.docx', bytes);
  const paras = doc.blocks.flatMap((b) => (b.kind === 'para' ? [b.text] : []));
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table');
  const all = doc.blocks.map((b) => (b.kind === 'para' ? b.text : b.rows.map((r) => r.cells.map((c) => c.text).join('\n')).join('\n'))).join('\n');
  const zip = unzipSync(bytes);
  const parts = Object.fromEntries(Object.entries(zip).filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, b]) => [n, strFromU8(b)]));
  return { paras, tables, all, parts };
}

/** The table whose first row holds all these headers. */
function tableWith(r: ReadBack, ...headers: string[]): Table {
  const t = r.tables.find((x) => headers.every((h) => x.rows[0]?.cells.some((c) => c.text === h)));
  if (!t) throw new Error(`no table with headers ${headers.join(', ')}`);
  return t;
}

const cellTexts = (t: Table, from: number): string[][] => t.rows.slice(from).map((row) => row.cells.map((c) => c.text));

function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

// ── the fixture ─────────────────────────────────────────────────────────────

describe('rollup --report: the Word report', () => {
  let dir: string;
  let plan: ConvertedDocument;
  let other: ConvertedDocument;
  let dated: number[];
  let workbooks: TrackedWorkbook[];
  let report: Report;
  let docx: Uint8Array;
  let back: ReadBack;
  let earlierXlsx: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'phuluc-report-docx-'));
    plan = await seed('000_608305ae69954cdd.txt');
    other = await seed('004_a698d7df3c568d60.txt');
    other = { ...other, document: { ...other.document, number: '45/KH-UBND' } };
    dated = other.tasks.flatMap((t, i) => (t.deadline.end ? [i] : []));

    // The same returns as the rollup tests: Sở Y tế and Sở Tài chính fill plan 000 (disagreeing on TT 2), plan 004 comes back reshaped.
    const a = buildWorkbook([plan], { asOf: '2026-06-01' });
    type(a, 0, { 'Trạng thái': 'Đang thực hiện', 'Kết quả/Ghi chú': 'Đã tổ chức 3 hội nghị' });
    type(a, 1, { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': '15/6/2026' });
    const b = buildWorkbook([plan], { asOf: '2026-06-01' });
    type(b, 1, { 'Trạng thái': 'Đang thực hiện' });
    type(b, 5, { 'Trạng thái': 'Đã hoàn thành', 'Ngày hoàn thành': day('2026-03-01') });
    const c = buildWorkbook([other], { asOf: '2026-06-01' });
    type(c, dated[0]!, { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': day('2024-12-01') });
    type(c, dated[2]!, { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': '30/6/2025' });
    mkdirSync(path.join(dir, 'tra-ve'));
    writeFileSync(path.join(dir, 'tra-ve', 'a-so-y-te.xlsx'), await workbookBytes(a));
    writeFileSync(path.join(dir, 'tra-ve', 'b-so-tai-chinh.xlsx'), await workbookBytes(b));
    writeFileSync(path.join(dir, 'tra-ve', 'c-ubnd-huyen.xlsx'), await workbookBytes(c));
    workbooks = await Promise.all(
      ['a-so-y-te.xlsx', 'b-so-tai-chinh.xlsx', 'c-ubnd-huyen.xlsx'].map((f) => readTracked(f, new Uint8Array(readFileSync(path.join(dir, 'tra-ve', f))))),
    );
    report = buildReport(workbooks, { asOf: AS_OF });

    // The report of an earlier round: the same plans, nothing filled in yet, as of 15/01/2025.
    const blank = await Promise.all(
      [plan, other].map(async (d, i) => readTracked(`blank-${i}.xlsx`, await workbookBytes(buildWorkbook([d], { asOf: '2024-12-01' })))),
    );
    earlierXlsx = path.join(dir, 'tong-hop-2025-01-15.xlsx');
    writeFileSync(earlierXlsx, await writeReportWorkbook(buildReport(blank, { asOf: EARLIER })));

    const settings = parseReportSettings(SETTINGS, 'test');
    if (!settings.ok) throw new Error(settings.en);
    docx = await writeReportDocx(report, { settings: settings.settings, generatedAt: AT });
    back = readBack(docx);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a Word package of A4 pages, Times New Roman, margins of Decree 30, page numbers from page 2', () => {
    const doc = back.parts['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"\/>/);
    const mar = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(doc)!;
    const mm = (tw: string): number => Math.round((Number(tw) * 25.4) / 1440);
    expect([mm(mar[1]!), mm(mar[2]!), mm(mar[3]!), mm(mar[4]!)]).toEqual([20, 20, 20, 30]);
    expect(doc).toContain('<w:titlePg/>');
    expect(back.parts['word/styles.xml']).toContain('w:ascii="Times New Roman"');
    expect(back.parts['word/styles.xml']).toContain('<w:sz w:val="28"/>');
    expect(back.parts['word/header1.xml']).toContain(' PAGE ');
    expect(xmlText(back.parts['word/header2.xml']!)).toBe('');
    expect(back.parts['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
    expect(back.parts['docProps/core.xml']).toContain('<dc:title>Báo cáo tình hình thực hiện');
  });

  it('has the letterhead, number, place and date, title, "Kính gửi", recipients and signature', () => {
    const head = back.tables[0]!;
    expect(head.rows[0]!.cells[0]!.text.split('\n')).toEqual(['ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', 'SỞ Y TẾ', 'Số: …/BC-SYT']);
    expect(head.rows[0]!.cells[1]!.text.split('\n')).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Tĩnh, ngày … tháng … năm …',
    ]);
    expect(back.paras.slice(0, 2)).toEqual(['BÁO CÁO', 'Tình hình thực hiện nhiệm vụ được giao tại 2 văn bản đến ngày 20/6/2026']);
    expect(back.paras).toContain('Kính gửi: Ủy ban nhân dân tỉnh.');
    const sign = back.tables.at(-1)!;
    expect(sign.rows[0]!.cells[0]!.text.split('\n')).toEqual(['Nơi nhận:', '- Như trên;', '- Chủ tịch, các Phó Chủ tịch UBND tỉnh;', '- Lưu: VT, KHTC.']);
    const right = sign.rows[0]!.cells[1]!.text.split('\n').filter((l) => l !== '');
    expect(right).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An']);
    // The date line as Decree 30 writes days below 10 and the months 1 and 2.
    expect(placeDateLine('Hà Tĩnh', '2026-02-05')).toBe('Hà Tĩnh, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine(null, '2026-11-20')).toBe('…, ngày 20 tháng 11 năm 2026');
  });

  it('leaves dotted blanks where nothing is given', async () => {
    const r = readBack(await writeReportDocx(report, { generatedAt: AT, chart: false }));
    const head = r.tables[0]!.rows[0]!.cells;
    expect(head[0]!.text.split('\n')).toEqual(['…', 'Số: …/BC-…']);
    expect(head[1]!.text.split('\n').at(-1)).toBe('…, ngày … tháng … năm …');
    const sign = r.tables.at(-1)!.rows[0]!.cells;
    expect(sign[0]!.text).toContain('- Lưu: VT, ….');
    expect(sign[1]!.text.split('\n').filter((l) => l !== '')).toEqual(['…', '…']);
    expect(r.parts['word/document.xml']).not.toContain('c:chart');
  });

  it('states the overall figures as sentences: total, done (on time, late) with shares, both completion rates with their denominators', () => {
    const t = report.byAgency.total;
    const done = t.counts.done_on_time + t.counts.done_late;
    const open = t.total - done;
    expect([t.total, done, t.counts.done_on_time, t.counts.done_late, t.counts.open_overdue, t.counts.suspended, t.counts.cancelled]).toEqual([29, 3, 2, 1, 2, 0, 0]);
    const sentence = back.paras.find((x) => x.startsWith('Tổng số'))!;
    expect(sentence).toBe(
      `Tổng số ${t.total} nhiệm vụ; đã hoàn thành ${done} nhiệm vụ (${vnPercent(done / t.total)}), gồm ${t.counts.done_on_time} đúng hạn, ${t.counts.done_late} quá hạn; ` +
        `chưa hoàn thành ${open} nhiệm vụ (${vnPercent(open / t.total)}), ` +
        `gồm ${t.counts.open_on_time} còn trong hạn, ${t.counts.open_overdue} đã quá hạn, ${t.counts.no_deadline} không có hạn cụ thể.`,
    );
    expect(sentence).toContain('đã hoàn thành 3 nhiệm vụ (10,3%)');
    // The rates counted here from the tasks, not from the report's figures: routine tasks out, due = last day by the report date.
    const rated = report.tasks.filter((x) => x.task.deadline.kind !== 'recurring');
    const due = rated.filter((x) => x.task.deadline.end !== null && x.task.deadline.end <= AS_OF);
    const doneOf = (list: typeof rated): number => list.filter((x) => x.status.done).length;
    expect([due.length, doneOf(due), rated.length, doneOf(rated)]).toEqual([t.due, t.dueDone, t.rated, t.ratedDone]);
    expect(back.paras).toContain(
      `Tỷ lệ hoàn thành đạt ${vnPercent(doneOf(due) / due.length)} số nhiệm vụ đến hạn (${doneOf(due)}/${due.length}); ` +
        `${vnPercent(doneOf(rated) / rated.length)} tổng số nhiệm vụ (${doneOf(rated)}/${rated.length}).`,
    );
    expect(back.paras.some((x) => x.startsWith('Tỷ lệ trên số nhiệm vụ đến hạn (cách tính của Văn phòng Chính phủ)'))).toBe(true);
    expect(back.paras).toContain(`Có ${report.dueSoon.length} nhiệm vụ sắp đến hạn trong 14 ngày tới.`);
  });

  it('has one row per lead agency with the Report’s counts, a total row, and header rows that repeat on every page', () => {
    const table = tableWith(back, 'STT', 'Cơ quan chủ trì', 'Tổng số', 'Đã hoàn thành', 'Chưa hoàn thành', 'Tạm dừng', 'Bị hủy');
    expect(table.rows[1]!.cells.map((c) => c.text)).toEqual([
      'STT', 'Cơ quan chủ trì', 'Tổng số', 'Đúng hạn', 'Quá hạn', 'Trong hạn', 'Quá hạn', 'Không có hạn cụ thể', 'Tạm dừng', 'Bị hủy',
    ]);
    expect(table.rows.slice(0, 2).every((r) => r.header)).toBe(true);
    expect(table.rows.slice(2).some((r) => r.header)).toBe(false);
    const line = (r: Report['byAgency']['total']): string[] => [
      String(r.total),
      ...(['done_on_time', 'done_late', 'open_on_time', 'open_overdue', 'no_deadline', 'suspended', 'cancelled'] as const).map((k) => String(r.counts[k])),
    ];
    const rows = cellTexts(table, 2);
    expect(rows.slice(0, -1)).toEqual(report.byAgency.rows.map((r, i) => [String(i + 1), r.agency, ...line(r)]));
    expect(rows.at(-1)!.slice(2)).toEqual(line(report.byAgency.total));
    expect(rows.at(-1)![0]).toBe('Tổng cộng');
    // The rates, each after its denominator and the done tasks it counts.
    const rates = tableWith(back, 'STT', 'Cơ quan chủ trì', 'Trên số nhiệm vụ đến hạn', 'Trên tổng số nhiệm vụ');
    expect(rates.rows[1]!.cells.map((c) => c.text)).toEqual([
      'STT', 'Cơ quan chủ trì', 'Số nhiệm vụ đến hạn', 'Đã hoàn thành', 'Tỷ lệ', 'Số nhiệm vụ tính tỷ lệ', 'Đã hoàn thành', 'Tỷ lệ',
    ]);
    const rate = (x: number | null): string => (x === null ? '—' : vnPercent(x));
    const rateLine = (r: Report['byAgency']['total']): string[] => [String(r.due), String(r.dueDone), rate(r.rateDue), String(r.rated), String(r.ratedDone), rate(r.rateAll)];
    const rateRows = cellTexts(rates, 2);
    expect(rateRows.slice(0, -1)).toEqual(report.byAgency.rows.map((r, i) => [String(i + 1), r.agency, ...rateLine(r)]));
    expect(rateRows.at(-1)!.slice(2)).toEqual(rateLine(report.byAgency.total));
    // And by plan, when there are two.
    const byDoc = tableWith(back, 'STT', 'Văn bản', 'Tổng số');
    expect(cellTexts(byDoc, 2).slice(0, -1).map((r) => r.slice(2))).toEqual(report.byDocument.rows.map(line));
    expect(cellTexts(byDoc, 2)[1]![1]).toContain('Kế hoạch số 45/KH-UBND');
    const byDocRates = tableWith(back, 'STT', 'Văn bản', 'Trên số nhiệm vụ đến hạn');
    expect(cellTexts(byDocRates, 2).slice(0, -1).map((r) => r.slice(2))).toEqual(report.byDocument.rows.map(rateLine));
    // Numbered in order: counts and rates by agency, then by plan.
    expect(back.paras.filter((x) => /^Bảng \d+\./.test(x))).toEqual([
      'Bảng 1. Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì',
      'Bảng 2. Tỷ lệ hoàn thành nhiệm vụ theo cơ quan chủ trì',
      'Bảng 3. Tình hình thực hiện nhiệm vụ theo văn bản',
      'Bảng 4. Tỷ lệ hoàn thành nhiệm vụ theo văn bản',
    ]);
    expect(back.parts['word/document.xml']).toMatch(/<w:trPr><w:cantSplit\/><w:tblHeader\/><\/w:trPr>/);
  });

  it('lists each overdue task with its lead agencies, deadline and days overdue; then the tasks due soon and the conflict', () => {
    expect(report.overdue).toHaveLength(2);
    const overdue = tableWith(back, 'STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Hạn cuối', 'Số ngày quá hạn');
    expect(cellTexts(overdue, 1)).toEqual(
      report.overdue.map((t, i) => [String(i + 1), `${t.task.tt}. ${t.task.content}\nKế hoạch số 45/KH-UBND`, t.agencies.join('; '), dmy(t.task.deadline.end!), String(t.days)]),
    );
    expect(cellTexts(overdue, 1).map((r) => [r[3], r[4]])).toEqual([['30/09/2024', '628'], ['31/12/2025', '171']]);
    const soon = tableWith(back, 'STT', 'Nhiệm vụ', 'Hạn cuối', 'Số ngày còn lại');
    expect(cellTexts(soon, 1).map((r) => [r[0], r[1]!.split('.')[0], r[2], r[3], r[4]])).toEqual(
      report.dueSoon.map((t, i) => [String(i + 1), t.task.tt, t.agencies.join('; '), dmy(t.task.deadline.end!), String(t.days)]),
    );
    const conflicts = tableWith(back, 'STT', 'Nhiệm vụ', 'Các sổ theo dõi ghi', 'Tạm tính là');
    expect(cellTexts(conflicts, 1)).toHaveLength(1);
    const [, , said, counted] = cellTexts(conflicts, 1)[0]!;
    expect(said!.split('\n')).toEqual(['a-so-y-te.xlsx (dòng 3): Hoàn thành, ngày hoàn thành 15/6/2026', 'b-so-tai-chinh.xlsx (dòng 3): Đang thực hiện']);
    expect(counted).toBe('Đang thực hiện');
  });

  it('draws the agencies in a stacked bar chart with its data embedded as a workbook', async () => {
    const chart = back.parts['word/charts/chart1.xml']!;
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toContain('<c:grouping val="stacked"/>');
    const cats = [...chart.matchAll(/<c:cat>.*?<\/c:cat>/g)][0]![0];
    const names = [...cats.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    // Drawn bottom up: the agency with most tasks last, at the top.
    expect(names).toEqual(report.byAgency.rows.map((r) => r.agency).reverse());
    const xlsx = unzipSync(docx)['word/embeddings/Microsoft_Excel_Worksheet1.xlsx']!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Sheet1')!;
    const top = report.byAgency.rows[0]!;
    const row = ws.getRow(report.byAgency.rows.length + 1);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(5).value, row.getCell(6).value]).toEqual([
      top.agency, top.counts.done_on_time, top.counts.open_overdue, top.counts.no_deadline,
    ]);
  });

  it('gives the time of extraction and the filters in the footer', () => {
    const footer = xmlText(back.parts['word/footer1.xml']!);
    expect(footer).toBe('Số liệu trích xuất lúc 10 giờ 05 ngày 20/06/2026 từ 3 sổ theo dõi, tính đến ngày 20/06/2026; kỳ báo cáo: mọi thời hạn; văn bản: tất cả (2).');
  });

  it('--period: only tasks whose deadline falls in the quarter, half-year or year, counted as rollup() counts them; the title says the period', async () => {
    expect(parsePeriod('2026-Q1')).toEqual({ label: '2026-Q1', start: '2026-01-01', end: '2026-03-31', words: 'quý I năm 2026' });
    expect(parsePeriod('2026-q4')!.words).toBe('quý IV năm 2026');
    expect(parsePeriod('2026-H1')).toMatchObject({ start: '2026-01-01', end: '2026-06-30', words: '6 tháng đầu năm 2026' });
    expect(parsePeriod('2025-H2')).toMatchObject({ start: '2025-07-01', end: '2025-12-31', words: '6 tháng cuối năm 2025' });
    expect(parsePeriod('2026')).toMatchObject({ start: '2026-01-01', end: '2026-12-31', words: 'năm 2026' });
    for (const bad of ['2026-Q5', 'Q1', '26-Q1', '2026-H3', 'quý 1']) expect(parsePeriod(bad)).toBeNull();

    const period = parsePeriod('2025')!;
    const narrowed = narrowReport(report, { period, plan: null });
    const inYear = report.tasks.filter((t) => t.task.deadline.end !== null && t.task.deadline.end.startsWith('2025-'));
    expect(narrowed.tasks.map((t) => t.task.id)).toEqual(inYear.map((t) => t.task.id));
    const expected = rollup(inYear.map((t) => t.task), inYear.map((t) => t.tracking), { asOf: AS_OF, dueSoonDays: 14 });
    expect(narrowed.byAgency.total).toEqual(expected.total);
    expect(narrowed.byAgency.rows).toEqual(expected.rows);
    expect(narrowed.overdue.map((t) => t.task.deadline.end)).toEqual(['2025-12-31']);

    const r = readBack(await writeReportDocx(report, { period, generatedAt: AT, chart: false }));
    expect(r.paras[1]).toBe('Tình hình thực hiện Kế hoạch số 45/KH-UBND năm 2025');
    expect(r.paras.find((x) => x.startsWith('Tổng số'))).toMatch(/^Tổng số 2 nhiệm vụ; đã hoàn thành 1 nhiệm vụ \(50,0%\), gồm 1 đúng hạn, 0 quá hạn; chưa hoàn thành 1 nhiệm vụ/);
    // Both tasks of 2025 are due by the report date, one done.
    expect(r.paras).toContain('Tỷ lệ hoàn thành đạt 50,0% số nhiệm vụ đến hạn (1/2); 50,0% tổng số nhiệm vụ (1/2).');
    expect(xmlText(r.parts['word/footer1.xml']!)).toContain('kỳ báo cáo: năm 2025 (hạn cuối từ 01/01/2025 đến 31/12/2025)');
    const q = readBack(await writeReportDocx(report, { period: parsePeriod('2026-Q1'), generatedAt: AT, chart: false }));
    expect(q.paras[1]).toBe('Tình hình thực hiện nhiệm vụ quý I năm 2026');
    expect(q.paras).toContain('Không có nhiệm vụ nào có thời hạn hoàn thành trong quý I năm 2026.');
  });

  it('--plan: one plan, found by its number or words of its title', async () => {
    expect(findPlan(report, '45/kh-ubnd')?.agency).toBe('45/KH-UBND');
    expect(findPlan(report, 'Nghị quyết số 34/NQ-CP')?.agency).toBe('000_608305ae69954cdd.txt');
    expect(findPlan(report, 'Kế hoạch')).toBeNull();
    const key = findPlan(report, '45/KH-UBND')!.key;
    const r = readBack(await writeReportDocx(report, { plan: key, generatedAt: AT, chart: false }));
    expect(r.paras[1]).toBe('Tình hình thực hiện Kế hoạch số 45/KH-UBND đến ngày 20/6/2026');
    const only = report.byDocument.rows.find((x) => x.key === key)!;
    expect(r.paras.find((x) => x.startsWith('Tổng số'))).toContain(`Tổng số ${only.total} nhiệm vụ;`);
    expect(() => tableWith(r, 'STT', 'Văn bản', 'Tổng số')).toThrow();
    expect(xmlText(r.parts['word/footer1.xml']!)).toContain('văn bản: 45/KH-UBND.');
  });

  it('--since: reads the earlier report workbook and tells what was done since and what became overdue', async () => {
    const earlier = await readEarlierReport(earlierXlsx, new Uint8Array(readFileSync(earlierXlsx)));
    const before = buildReport(
      await Promise.all([plan, other].map(async (d, i) => readTracked(`blank-${i}.xlsx`, await workbookBytes(buildWorkbook([d], { asOf: '2024-12-01' }))))),
      { asOf: EARLIER },
    );
    expect(earlier.asOf).toBe(EARLIER);
    expect(earlier.byAgency.map((r) => [r.agency, r.done, r.overdue, r.total])).toEqual(
      before.byAgency.rows.map((r) => [r.agency, r.counts.done_on_time + r.counts.done_late, r.counts.open_overdue, r.total]),
    );
    expect(earlier.overdue.map((t) => [t.doc, t.tt, t.end])).toEqual(before.overdue.map((t) => ['45/KH-UBND', t.task.tt, t.task.deadline.end]));

    const c = compareReports(report, earlier);
    // Done after 15/01/2025, or overdue then and done now (done 01/12/2024, late, was overdue in January).
    expect(c.doneSince.map((t) => t.tracking.doneDate)).toEqual(['2024-12-01', '2025-06-30', '2026-03-01']);
    expect(c.newlyOverdue.map((t) => t.task.deadline.end)).toEqual(['2025-12-31']);
    expect(c.stillOverdue).toBe(1);
    expect(c.total).toEqual({ agency: 'Tổng cộng', doneBefore: 0, doneNow: 3, overdueBefore: 2, overdueNow: 2 });

    const r = readBack(await writeReportDocx(report, { earlier, generatedAt: AT, chart: false }));
    expect(r.paras).toContain('VII. SO SÁNH VỚI BÁO CÁO NGÀY 15/01/2025');
    expect(r.paras).toContain(
      'So với báo cáo ngày 15/01/2025: số nhiệm vụ đã hoàn thành tăng từ 0 lên 3 (+3); số nhiệm vụ chưa hoàn thành đã quá hạn không đổi (2).',
    );
    const done = tableWith(r, 'STT', 'Nhiệm vụ', 'Ngày hoàn thành');
    expect(cellTexts(done, 1).map((x) => x[4])).toEqual(['01/12/2024 (quá hạn)', '30/06/2025', '01/03/2026']);
    const perAgency = tableWith(r, 'STT', 'Cơ quan chủ trì', 'Đã hoàn thành', 'Chưa hoàn thành, quá hạn');
    expect(cellTexts(perAgency, 2).at(-1)!.slice(2)).toEqual(['0', '3', '2', '2']);
    expect(xmlText(r.parts['word/footer1.xml']!)).toContain('so sánh với báo cáo ngày 15/01/2025 (tong-hop-2025-01-15.xlsx)');
  });

  it('the CLI writes the .xlsx, the .docx and, with LibreOffice, the PDF; options win over the settings file', async () => {
    const settingsFile = path.join(dir, 'bao-cao.json');
    writeFileSync(settingsFile, JSON.stringify(SETTINGS));
    const out = path.join(dir, 'ra', 'tong-hop.xlsx');
    const report = path.join(dir, 'ra', 'bao-cao.docx');
    const cap = captureIo({ env: { PATH: process.env.PATH ?? '' } });
    const code = await runCli(
      ['rollup', path.join(dir, 'tra-ve'), '--as-of', AS_OF, '--out', out, '--report', report, '--pdf', '--period', '2026-H1',
        '--since', earlierXlsx, '--report-settings', settingsFile, '--signer', 'Trần Thị Bình', '--number', '15/BC-SYT'],
      cap.io,
    );
    const hasSoffice = findSoffice({ PATH: process.env.PATH ?? '' }) !== null;
    const failed = cap.stderr().split('\n').filter((l) => l.startsWith('✗'));
    expect(failed).toEqual(hasSoffice ? [] : [expect.stringContaining('[pdf.no_libreoffice]')]);
    expect(code).toBe(hasSoffice ? 0 : 1);
    expect(existsSync(out)).toBe(true);
    const r = readBack(new Uint8Array(readFileSync(report)));
    // Only plan 000 has deadlines in the first half of 2026: the subject names it (by its title: it has no number).
    expect(r.paras[1]).toMatch(/^Tình hình thực hiện Kế hoạch triển khai thực hiện Nghị quyết số 34\/NQ-CP .* 6 tháng đầu năm 2026$/);
    expect(r.tables[0]!.rows[0]!.cells[0]!.text).toContain('Số: 15/BC-SYT');
    expect(r.tables.at(-1)!.rows[0]!.cells[1]!.text).toContain('Trần Thị Bình');
    expect(r.paras.filter((x) => /^[IVX]+\. SO SÁNH VỚI BÁO CÁO NGÀY 15\/01\/2025$/.test(x))).toHaveLength(1);
    expect(cap.stdout()).toContain(report);
    if (hasSoffice) expect(readFileSync(report.replace(/\.docx$/, '.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // No LibreOffice: one line for the PDF, exit 1, the .docx and .xlsx still written.
    rmSync(report);
    const noLo = captureIo({ env: { PATH: path.join(dir, 'khong-co-bin') } });
    expect(await runCli(['rollup', path.join(dir, 'tra-ve'), '--as-of', AS_OF, '--out', out, '--report', report, '--pdf'], noLo.io)).toBe(1);
    expect(noLo.stderr().split('\n').filter((l) => l.startsWith('✗'))).toEqual([
      `✗ ${report.replace(/\.docx$/, '.pdf')}: không có LibreOffice (soffice) để in báo cáo ra PDF; báo cáo .docx vẫn được ghi / LibreOffice (soffice) is not installed to print the report to PDF; the .docx is still written [pdf.no_libreoffice]`,
    ]);
    expect(existsSync(report)).toBe(true);
    // The earlier report beside the returned workbooks is compared with, not rolled up.
    writeFileSync(path.join(dir, 'tra-ve', 'truoc.xlsx'), readFileSync(earlierXlsx));
    const again = captureIo();
    const args = ['rollup', path.join(dir, 'tra-ve'), '--as-of', AS_OF, '--out', out, '--report', report];
    expect(await runCli([...args, '--since', path.join(dir, 'tra-ve', 'truoc.xlsx')], again.io)).toBe(0);
    rmSync(path.join(dir, 'tra-ve', 'truoc.xlsx'));
  }, 240_000);

  it('one bad option is a usage error in Vietnamese and English, and nothing is written', async () => {
    const out = path.join(dir, 'khong-ghi', 'tong-hop.xlsx');
    const base = ['rollup', path.join(dir, 'tra-ve'), '--as-of', AS_OF, '--out', out];
    const usage = async (extra: string[]): Promise<string> => {
      const cap = captureIo();
      expect(await runCli([...base, ...extra], cap.io), extra.join(' ')).toBe(2);
      expect(existsSync(out)).toBe(false);
      return cap.stderr();
    };
    const docx = path.join(dir, 'khong-ghi', 'bao-cao.docx');
    expect(await usage(['--pdf'])).toMatch(/--pdf chỉ dùng cùng --report .* \/ --pdf only go with --report/);
    expect(await usage(['--report', path.join(dir, 'bao-cao.pdf')])).toContain('--report phải là tên tệp .docx');
    expect(await usage(['--report', docx, '--period', '2026-Q5'])).toMatch(/--period phải là quý.* \/ --period must be a quarter/);
    expect(await usage(['--report', docx, '--report-date', '31/06/2026'])).toContain('--report-date must be a date as YYYY-MM-DD or DD/MM/YYYY');
    expect(await usage(['--report', docx, '--report-date', '06/30/2026'])).toContain('got "06/30/2026"');
    expect(await usage(['--report', docx, '--signer', ' '])).toContain('--signer không được để trống / --signer must not be empty');

    const bad = path.join(dir, 'sai.json');
    writeFileSync(bad, JSON.stringify({ ...SETTINGS, isuer: 'Sở Y tế' }));
    expect(await usage(['--report', docx, '--report-settings', bad])).toMatch(/sai\.json: trường không có trong mẫu: isuer .* \/ .*sai\.json: unknown field: isuer/);
    writeFileSync(bad, JSON.stringify({ signer: { name: 42 } }));
    expect(await usage(['--report', docx, '--report-settings', bad])).toMatch(/sai\.json: trường "signer\.name" phải là một chuỗi chữ \/ .*sai\.json: field "signer\.name" must be a string/);
    writeFileSync(bad, '{ "issuer": ');
    expect(await usage(['--report', docx, '--report-settings', bad])).toContain('sai.json không phải JSON hợp lệ');
    writeFileSync(bad, JSON.stringify({ date: '2026-02-30' }));
    expect(await usage(['--report', docx, '--report-settings', bad])).toContain('trường "date" phải là ngày dạng YYYY-MM-DD');

    // --since must be a report rollup wrote: a tracking workbook is not one.
    expect(await usage(['--report', docx, '--since', path.join(dir, 'tra-ve', 'a-so-y-te.xlsx')])).toContain('không phải báo cáo tổng hợp do lệnh rollup tạo');
    expect(await usage(['--report', docx, '--since', path.join(dir, 'khong-co.xlsx')])).toContain('không đọc được báo cáo trước');
    expect(await usage(['--report', docx, '--plan', 'Kế hoạch'])).toMatch(/--plan "Kế hoạch" không khớp đúng một văn bản; các văn bản: "000_608305ae69954cdd.txt", "45\/KH-UBND"/);
  }, 120_000);

  // ── on paper ─────────────────────────────────────────────────────────────

  const canPrint = libreOfficeOrSkip() && hasPoppler();

  it.skipIf(!canPrint)('LibreOffice prints it: title, the agency table and the overdue list on paper; page 1 saved as a picture', async () => {
    const soffice = findSoffice(process.env)!;
    const pdf = await printPdf(soffice, docx);
    const file = path.join(dir, 'bao-cao.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.normalize('NFC');
    const squeezed = text.replace(/\s+/g, '');
    const has = (s: string): void => expect(squeezed, s).toContain(s.replace(/\s+/g, ''));
    has('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    has('BÁO CÁO');
    has('Tình hình thực hiện nhiệm vụ được giao tại 2 văn bản');
    has(`Tỷ lệ hoàn thành đạt ${vnPercent(report.byAgency.total.rateDue!)} số nhiệm vụ đến hạn`);
    // Each agency's row: its number and counts on one printed line (cells are centred vertically), its name's words in order.
    report.byAgency.rows.forEach((r, i) => {
      const c = r.counts;
      const nums = [r.total, c.done_on_time, c.done_late, c.open_on_time, c.open_overdue, c.no_deadline, c.suspended, c.cancelled].join('\\s+');
      expect(text, r.agency).toMatch(new RegExp(`^\\s*${i + 1}\\s.*?\\s${nums}\\s*$`, 'm'));
      // And its rates on the rates table's line.
      const rate = (x: number | null): string => (x === null ? '—' : vnPercent(x));
      const rates = [r.due, r.dueDone, rate(r.rateDue), r.rated, r.ratedDone, rate(r.rateAll)].join('\\s+');
      expect(text, r.agency).toMatch(new RegExp(`^\\s*${i + 1}\\s.*?\\s${rates}\\s*$`, 'm'));
      const words = r.agency.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      expect(squeezed, r.agency).toMatch(new RegExp(words.join('.{0,80}?')));
    });
    for (const t of report.overdue) {
      has(t.task.content.split(' ').slice(0, 8).join(' '));
      expect(text).toMatch(new RegExp(`${dmy(t.task.deadline.end!)}\\s+${t.days}`));
    }
    has('Nơi nhận:');
    has('Nguyễn Văn An');
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    // Page numbers from page 2: page 1 has none at its top, page 2 starts with "2".
    const page2 = spawnSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' }).stdout.trim();
    expect(page2.split('\n')[0]!.trim()).toBe('2');

    mkdirSync(ARTIFACTS, { recursive: true });
    const png = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(ARTIFACTS, 'bao-cao-trang-1')]);
    expect(png.status).toBe(0);
    expect(readFileSync(path.join(ARTIFACTS, 'bao-cao-trang-1.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 240_000);
});

/** pdftotext and pdftoppm (poppler-utils), which the print check needs beside soffice. */
function hasPoppler(): boolean {
  if (spawnSync('pdftotext', ['-v']).error === undefined && spawnSync('pdftoppm', ['-v']).error === undefined) return true;
  const missing = 'pdftotext / pdftoppm (poppler-utils) are not installed.';
  if (process.env.CI) throw new Error(`${missing} CI is set: the report print test must run there.`);
  console.warn(`${missing} Skipping the report print test.`);
  return false;
}

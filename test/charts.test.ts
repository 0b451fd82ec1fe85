/**
 * The per-agency charts of `Tổng hợp` (tracking workbook) and `Tổng hợp theo
 * cơ quan` (rollup report): native charts bound to the table's rows, drawn
 * by LibreOffice, and following the statuses typed on `Nhiệm vụ` once
 * LibreOffice recalculates.
 *
 * The workbooks come from the CLI (`convert`, then `rollup`) on a sample
 * plan. Parts are read with fflate and the cells with exceljs, independently
 * of the code under test. The LibreOffice part (two soffice runs: one PDF
 * export of four files, one recalculation) is skipped with a message when
 * soffice or poppler is missing, and fails in CI.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../pipeline/cli/dispatch.js';
import { convertDocument } from '../pipeline/convert.js';
import { CATEGORIES, CATEGORY_KEYS, RATE_LABELS, type Category } from '../pipeline/model/tracking.js';
import { readTracked } from '../pipeline/tracking/read-tracked.js';
import { addSheetCharts } from '../pipeline/write/chart/inject.js';
import { workbookModel } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { ROLLUP_LAYOUT } from '../pipeline/write/workbook/rollup-sheet.js';
import { writeXlsx } from '../pipeline/write/xlsx/index.js';
import { captureIo } from './helpers/io.js';
import { libreOfficeOrSkip, removeProfile, runSoffice, shown } from './helpers/libreoffice.js';
import { columnOf, readRollup, sheet } from './helpers/workbook-read.js';

const AS_OF = '2026-06-30';
const SAMPLE = '000_608305ae69954cdd.txt';
const SAMPLES = path.join(import.meta.dirname, '..', 'samples');
const TRACKING = 'Tổng hợp';
const REPORT = 'Tổng hợp theo cơ quan';
/** The header row of the tracking workbook's Tổng hợp. */
const HEADER = ROLLUP_LAYOUT.headerRow;
/** The series colours (write/chart/agency-charts.ts), done on time … no deadline, suspended, cancelled, and the rate's. */
const SERIES_RGB = ['548235', 'A9D18E', '5B9BD5', 'C00000', 'A5A5A5', 'FFC000', '595959', '70AD47'];

// ── reading packages ────────────────────────────────────────────────────────

type Parts = Record<string, Uint8Array>;
const unzip = (bytes: Uint8Array): Parts => unzipSync(bytes);
const text = (parts: Parts, name: string): string => {
  const p = parts[name];
  if (!p) throw new Error(`no part ${name}; parts: ${Object.keys(parts).join(', ')}`);
  return strFromU8(p);
};
const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

interface Series {
  /** The name's cell reference, or null for a name given as text. */
  nameRef: string | null;
  name: string;
  catRef: string;
  valRef: string;
  /** Cached values by point index (missing points: null). */
  values: Array<number | null>;
}

function chartSeries(xml: string): Series[] {
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const s = m[1]!;
    const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(s)?.[1] ?? '';
    const f = (block: string): string => unescape(/<c:f>([^<]*)<\/c:f>/.exec(block)?.[1] ?? '');
    const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(s)?.[1] ?? '';
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(s)?.[1] ?? '';
    const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? 0);
    const values: Array<number | null> = Array.from({ length: count }, () => null);
    for (const p of val.matchAll(/<c:pt idx="(\d+)"[^>]*>\s*<c:v>([^<]*)<\/c:v>/g)) values[Number(p[1])] = Number(p[2]);
    return {
      nameRef: /<c:f>/.test(tx) ? unescape(/<c:f>([^<]*)<\/c:f>/.exec(tx)![1]!) : null,
      name: unescape(/<c:v>([^<]*)<\/c:v>/.exec(tx)?.[1] ?? ''),
      catRef: f(cat),
      valRef: f(val),
      values,
    };
  });
}

/** The chart parts of a package whose series read `sheet`, stacked one first. */
function chartsOn(parts: Parts, sheetName: string): { stacked: Series[]; rate: Series[]; stackedXml: string } {
  const charts = Object.keys(parts)
    .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
    .map((n) => text(parts, n))
    .filter((x) => chartSeries(x).some((s) => s.valRef.startsWith(`'${sheetName}'!`)));
  const stacked = charts.find((x) => /<c:grouping val="stacked"\/>/.test(x));
  const rate = charts.find((x) => x !== stacked);
  if (!stacked || !rate) throw new Error(`expected two charts on ${sheetName}, found ${charts.length}`);
  return { stacked: chartSeries(stacked), rate: chartSeries(rate), stackedXml: stacked };
}

const col = (n: number): string => String.fromCharCode(64 + n);
const rangeRef = (sheetName: string, c: number, from: number, to: number): string => `'${sheetName}'!$${col(c)}$${from}:$${col(c)}$${to}`;
const cellRef = (sheetName: string, c: number, r: number): string => `'${sheetName}'!$${col(c)}$${r}`;

/** The worksheet part of a sheet, through workbook.xml and its relationships. */
function sheetPart(parts: Parts, name: string): string {
  const wb = text(parts, 'xl/workbook.xml');
  const el = [...wb.matchAll(/<sheet\s[^>]*\/>/g)].map((m) => m[0]).find((s) => unescape(/name="([^"]*)"/.exec(s)![1]!) === name)!;
  const id = /r:id="([^"]*)"/.exec(el)![1]!;
  const rel = [...text(parts, 'xl/_rels/workbook.xml.rels').matchAll(/<Relationship\s[^>]*\/>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${id}"`))!;
  return `xl/${/Target="([^"]*)"/.exec(rel)![1]!.replace(/^\/?xl\//, '')}`;
}

/** The package with every sheet but `name` hidden and `name` active (LibreOffice prints what is visible). */
function showOnly(bytes: Uint8Array, name: string, dropDrawing = false): Uint8Array {
  const parts = unzip(bytes);
  let i = 0;
  let active = 0;
  const wb = text(parts, 'xl/workbook.xml').replace(/<sheet\s([^>]*?)\/>/g, (_m, a: string) => {
    const me = unescape(/name="([^"]*)"/.exec(a)![1]!) === name;
    if (me) active = i;
    i++;
    return `<sheet ${a.replace(/\s*state="[^"]*"/, '')}${me ? '' : ' state="hidden"'}/>`;
  });
  parts['xl/workbook.xml'] = strToU8(wb.replace(/activeTab="\d+"/, `activeTab="${active}"`));
  if (dropDrawing) {
    const p = sheetPart(parts, name);
    parts[p] = strToU8(text(parts, p).replace(/<drawing\s[^>]*\/>/, ''));
  }
  return zipSync(parts);
}

/** A cell of a sheet's XML given new content (`t` attribute and inner XML), its style kept. */
function setCell(xml: string, ref: string, t: string | null, inner: string): string {
  const re = new RegExp(`<c r="${ref}"([^>]*?)(/>|>[\\s\\S]*?</c>)`);
  const m = re.exec(xml);
  if (!m) throw new Error(`no cell ${ref} in the sheet`);
  const attrs = m[1]!.replace(/\s*t="[^"]*"/, '');
  return xml.slice(0, m.index) + `<c r="${ref}"${attrs}${t ? ` t="${t}"` : ''}>${inner}</c>` + xml.slice(m.index + m[0].length);
}

const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
const isoOf = (d: Date): string => d.toISOString().slice(0, 10);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

// ── PNG ─────────────────────────────────────────────────────────────────────

/** An 8-bit RGB/RGBA/grey PNG (what pdftoppm writes) as RGB pixels. */
function decodePng(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 3;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const length = v.getUint32(at);
    const type = strFromU8(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = v.getUint32(at + 8);
      height = v.getUint32(at + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNG');
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[data[9]!] ?? 0;
      if (channels === 0) throw new Error(`PNG colour type ${data[9]} not handled`);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter]!;
      out[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) rgb[i * 3 + k] = channels >= 3 ? out[i * channels + k]! : out[i * channels]!;
  }
  return { width, height, rgb };
}

/** Pixels that are not white, and pixels within a few levels of one of the series colours. */
function inkOf(pngs: readonly Uint8Array[]): { ink: number; series: number } {
  const targets = SERIES_RGB.map((h) => [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)));
  let ink = 0;
  let series = 0;
  for (const png of pngs) {
    const { rgb } = decodePng(png);
    for (let i = 0; i < rgb.length; i += 3) {
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      if (r < 245 || g < 245 || b < 245) ink++;
      if (targets.some((t) => Math.abs(t[0]! - r) <= 8 && Math.abs(t[1]! - g) <= 8 && Math.abs(t[2]! - b) <= 8)) series++;
    }
  }
  return { ink, series };
}

/** pdftoppm and pdftotext (poppler-utils), which the render check needs beside soffice. */
function hasPoppler(): boolean {
  if (spawnSync('pdftoppm', ['-v']).error === undefined && spawnSync('pdftotext', ['-v']).error === undefined) return true;
  const missing = 'pdftoppm/pdftotext (poppler-utils) are not installed.';
  if (process.env.CI) throw new Error(`${missing} CI is set: the chart render test must run there.`);
  console.warn(`${missing} Skipping the chart render test.`);
  return false;
}

/** PNGs (50 dpi) of the pages of a PDF whose footer names `sheetName` (the sheets print their name at the foot). */
function sheetPages(pdf: string, sheetName: string, outStem: string): Uint8Array[] {
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
  const footer = new RegExp(`^\\s*${sheetName}\\s+Trang \\d+/\\d+\\s*$`, 'm');
  const out: Uint8Array[] = [];
  for (let p = 1; p <= pages; p++) {
    const t = spawnSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
    if (!footer.test(t.stdout.normalize('NFC'))) continue;
    const r = spawnSync('pdftoppm', ['-png', '-r', '50', '-f', String(p), '-l', String(p), '-singlefile', pdf, `${outStem}-${p}`]);
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    out.push(new Uint8Array(readFileSync(`${outStem}-${p}.png`)));
  }
  return out;
}

// ── the workbooks ───────────────────────────────────────────────────────────

let dir: string;
let tracking: Uint8Array;
let report: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-charts-'));
  mkdirSync(path.join(dir, 'in'));
  copyFileSync(path.join(SAMPLES, SAMPLE), path.join(dir, 'in', SAMPLE));
  const cap = captureIo();
  expect(await runCli(['convert', path.join(dir, 'in'), '--out', path.join(dir, 'out'), '--format', 'xlsx', '--as-of', AS_OF], cap.io), cap.stderr()).toBe(0);
  const file = path.join(dir, 'out', SAMPLE.replace('.txt', '.xlsx'));
  tracking = new Uint8Array(readFileSync(file));
  const reportFile = path.join(dir, 'bao-cao.xlsx');
  expect(await runCli(['rollup', file, '--as-of', AS_OF, '--out', reportFile], cap.io), cap.stderr()).toBe(0);
  report = new Uint8Array(readFileSync(reportFile));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the tracking workbook's `Tổng hợp` holds, read with exceljs: agency rows, total row, values. */
async function trackingTable(bytes: Uint8Array): Promise<{
  first: number;
  last: number;
  total: number;
  agencies: string[];
  values: Record<Category, number[]>;
  rates: Array<number | null>;
  due: number[];
  dueDone: number[];
}> {
  const ws = sheet(await load(bytes), TRACKING);
  const { rows } = readRollup(ws);
  const first = ROLLUP_LAYOUT.firstRow;
  expect(ws.getRow(HEADER).getCell(1).value).toBe('Cơ quan chủ trì');
  const last = first + rows.length - 1;
  expect(shown(ws.getRow(last + 1).getCell(1))).toBe('Tổng cộng');
  return {
    first,
    last,
    total: last + 1,
    agencies: rows.map((r) => r.agency),
    values: Object.fromEntries(CATEGORY_KEYS.map((k) => [k, rows.map((r) => r.counts[k])])) as Record<Category, number[]>,
    // The rate chart draws the rate on the tasks due (the Government Office's).
    rates: rows.map((r) => r.rateDue),
    due: rows.map((r) => r.due),
    dueDone: rows.map((r) => r.dueDone),
  };
}

describe('charts of Tổng hợp in the tracking workbook', () => {
  it('has chart parts bound to the category columns of the agency rows, the total row left out', async () => {
    const parts = unzip(tracking);
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels']));
    const t = await trackingTable(tracking);
    const ws = sheet(await load(tracking), TRACKING);
    const { stacked, rate, stackedXml } = chartsOn(parts, TRACKING);
    expect(stackedXml).toMatch(/<c:barDir val="bar"\/><c:grouping val="stacked"\/>/);
    expect(stackedXml).toContain('<c:overlap val="100"/>');

    expect(stacked).toHaveLength(CATEGORY_KEYS.length);
    CATEGORY_KEYS.forEach((k, i) => {
      const c = columnOf(ws, CATEGORIES[k], HEADER);
      const s = stacked[i]!;
      expect(s.nameRef).toBe(cellRef(TRACKING, c, HEADER));
      expect(s.name).toBe(ws.getRow(HEADER).getCell(c).value);
      expect(s.catRef).toBe(rangeRef(TRACKING, 1, t.first, t.last));
      expect(s.valRef).toBe(rangeRef(TRACKING, c, t.first, t.last));
      expect(s.values).toEqual(t.values[k]);
    });
    const rateCol = columnOf(ws, RATE_LABELS.rateDue, HEADER);
    expect(rate).toHaveLength(1);
    expect(rate[0]!.nameRef).toBe(cellRef(TRACKING, rateCol, HEADER));
    expect(rate[0]!.valRef).toBe(rangeRef(TRACKING, rateCol, t.first, t.last));
    expect(rate[0]!.values).toEqual(t.rates);
    // Category labels: the agencies, not "Tổng cộng".
    expect(stackedXml).not.toContain('Tổng cộng');
  });

  it('places the charts under the table and its notes, and wires the drawing into the package', () => {
    const parts = unzip(tracking);
    const part = sheetPart(parts, TRACKING);
    const xml = text(parts, part);
    const drawing = /<drawing r:id="([^"]+)"\/>/.exec(xml);
    expect(drawing).not.toBeNull();
    // CT_Worksheet order: after the page set-up and footer, before any table part, last here.
    expect(xml.indexOf('<drawing ')).toBeGreaterThan(xml.indexOf('</headerFooter>'));
    const rels = text(parts, part.replace(/([^/]+)$/, '_rels/$1.rels'));
    expect(rels).toMatch(new RegExp(`Id="${drawing![1]}" Type="[^"]+/drawing" Target="../drawings/drawing1.xml"`));
    const types = text(parts, '[Content_Types].xml');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');

    const lastUsed = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
    const anchors = [...text(parts, 'xl/drawings/drawing1.xml').matchAll(/<xdr:from><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>.*?<xdr:to><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>/g)];
    expect(anchors).toHaveLength(2);
    for (const a of anchors) {
      // 0-based: row index lastUsed is the row after the last used one.
      expect(Number(a[2])).toBeGreaterThanOrEqual(lastUsed);
      expect(Number(a[1])).toBeGreaterThanOrEqual(1);
      expect(Number(a[3])).toBeLessThanOrEqual(ROLLUP_LAYOUT.rateDueCol);
    }
    expect(Number(anchors[1]![2])).toBeGreaterThanOrEqual(Number(anchors[0]![4]));
  });

  it('is the same through the exceljs writer (buildWorkbook, re-import)', async () => {
    const doc = await convertDocument(SAMPLE, new Uint8Array(readFileSync(path.join(SAMPLES, SAMPLE))), { asOf: AS_OF });
    const viaExcelJS = await workbookBytes(buildWorkbook([doc], { asOf: AS_OF }));
    const a = chartsOn(unzip(tracking), TRACKING);
    const b = chartsOn(unzip(viaExcelJS), TRACKING);
    expect(b.stacked).toEqual(a.stacked);
    expect(b.rate).toEqual(a.rate);
  });

  it('leaves what readers take from the workbook as it was', async () => {
    const doc = await convertDocument(SAMPLE, new Uint8Array(readFileSync(path.join(SAMPLES, SAMPLE))), { asOf: AS_OF });
    const plain = await writeXlsx(workbookModel([doc], { asOf: AS_OF }));
    expect(Object.keys(unzip(plain)).some((n) => n.startsWith('xl/charts/'))).toBe(false);
    const [withCharts, without] = await Promise.all([readTracked('a.xlsx', tracking), readTracked('a.xlsx', plain)]);
    expect(withCharts.rows).toEqual(without.rows);
    // exceljs reads and writes it (the chart is dropped by exceljs, the rest kept).
    const wb = await load(tracking);
    expect(wb.worksheets.map((w) => w.name)).toContain(TRACKING);
    expect((await wb.xlsx.writeBuffer()).byteLength).toBeGreaterThan(0);
  });
});

describe('what gets no chart', () => {
  it('a workbook without the summary sheet, and a sheet that already has a drawing, are left as they are', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = 'Danh sách cán bộ';
    expect(Object.keys(unzip(await workbookBytes(other))).some((n) => n.startsWith('xl/charts/'))).toBe(false);
    const frame = { xml: '<c:chartSpace/>', name: 'x', description: 'x', anchor: { fromCol: 1, toCol: 2, fromRow: 1, toRow: 2 } };
    expect(addSheetCharts(tracking, TRACKING, [frame])).toBe(tracking);
    expect(addSheetCharts(tracking, 'Không có trang này', [frame])).toBe(tracking);
  });
});

describe('charts of the rollup report', () => {
  it('binds the series to the rows of Tổng hợp theo cơ quan, named by its header cells', async () => {
    const parts = unzip(report);
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['xl/charts/chart1.xml', 'xl/charts/chart2.xml']));
    const ws = sheet(await load(report), REPORT);
    expect(ws.getCell('A5').value).toBe('Cơ quan chủ trì');
    let total = 7;
    while (shown(ws.getRow(total).getCell(1)) !== 'Tổng cộng') total++;
    const last = total - 1;
    const { stacked, rate } = chartsOn(parts, REPORT);
    // Đã hoàn thành: Đúng hạn, Quá hạn; Chưa hoàn thành: Trong hạn, Quá hạn; Không có hạn cụ thể; Tạm dừng; Bị hủy (B…H).
    expect(stacked.map((s) => s.name)).toEqual([
      'Đã hoàn thành, đúng hạn', 'Đã hoàn thành, quá hạn', 'Chưa hoàn thành, trong hạn', 'Chưa hoàn thành, quá hạn', 'Không có hạn cụ thể', 'Tạm dừng', 'Bị hủy',
    ]);
    expect(stacked[4]!.nameRef).toBe(cellRef(REPORT, 6, 5));
    expect(stacked[6]!.nameRef).toBe(cellRef(REPORT, 8, 5));
    stacked.forEach((s, i) => {
      expect(s.catRef).toBe(rangeRef(REPORT, 1, 7, last));
      expect(s.valRef).toBe(rangeRef(REPORT, 2 + i, 7, last));
      expect(s.values).toEqual(Array.from({ length: last - 6 }, (_x, j) => shown(ws.getRow(7 + j).getCell(2 + i))));
    });
    // After Tổng số, sắp đến hạn, số nhiệm vụ đến hạn and those done: the rate on the tasks due (M).
    expect(ws.getCell('M5').value).toBe(RATE_LABELS.rateDue);
    expect(rate[0]!.valRef).toBe(rangeRef(REPORT, 13, 7, last));
    expect(rate[0]!.nameRef).toBe(cellRef(REPORT, 13, 5));
  });
});

// ── in LibreOffice ──────────────────────────────────────────────────────────

const canRender = libreOfficeOrSkip() && hasPoppler();

describe.skipIf(!canRender)('the charts in LibreOffice', () => {
  let work: string;
  const ink: Record<string, { ink: number; series: number }> = {};
  let before: Awaited<ReturnType<typeof trackingTable>>;
  let after: Awaited<ReturnType<typeof trackingTable>>;
  let afterParts: Parts;
  let edited: { agency: string; from: Category };

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'phuluc-charts-lo-'));
    for (const d of ['pdf-in', 'pdf', 'xlsx-in', 'xlsx', 'png']) mkdirSync(path.join(work, d));

    // A task of one lead agency, open, with a deadline: typed "Hoàn thành" with a completion date on Nhiệm vụ.
    before = await trackingTable(tracking);
    const tasks = sheet(await load(tracking), 'Nhiệm vụ');
    const c = (h: string): number => columnOf(tasks, h);
    let row = 0;
    for (let r = 2; r <= tasks.rowCount && row === 0; r++) {
      const lead = shown(tasks.getRow(r).getCell(c('Cơ quan chủ trì')));
      const end = tasks.getRow(r).getCell(c('Hạn cuối')).value;
      const category = shown(tasks.getRow(r).getCell(c('Tình trạng')));
      const from = CATEGORY_KEYS.find((k) => CATEGORIES[k] === category);
      if (typeof lead === 'string' && before.agencies.includes(lead) && end instanceof Date && (from === 'open_on_time' || from === 'open_overdue')) {
        row = r;
        edited = { agency: lead, from };
      }
    }
    expect(row, 'a task with one lead agency, open, with a deadline').toBeGreaterThan(0);
    const end = isoOf(tasks.getRow(row).getCell(c('Hạn cuối')).value as Date);
    const parts = unzip(tracking);
    const part = sheetPart(parts, 'Nhiệm vụ');
    let xml = text(parts, part);
    xml = setCell(xml, `${col(c('Trạng thái'))}${row}`, 'inlineStr', '<is><t>Hoàn thành</t></is>');
    xml = setCell(xml, `${col(c('Ngày hoàn thành'))}${row}`, null, `<v>${serial(end < AS_OF ? end : AS_OF)}</v>`);
    parts[part] = strToU8(xml);
    writeFileSync(path.join(work, 'xlsx-in', 'da-sua.xlsx'), zipSync(parts));

    // With and without the drawing, each sheet printed alone: what the chart adds is the difference.
    const inputs: Array<[string, Uint8Array]> = [
      ['tracking', showOnly(tracking, TRACKING)],
      ['tracking-plain', showOnly(tracking, TRACKING, true)],
      ['report', showOnly(report, REPORT)],
      ['report-plain', showOnly(report, REPORT, true)],
    ];
    for (const [name, bytes] of inputs) writeFileSync(path.join(work, 'pdf-in', `${name}.xlsx`), bytes);
    await runSoffice(['--calc', '--convert-to', 'pdf', '--outdir', path.join(work, 'pdf'), ...inputs.map(([n]) => path.join(work, 'pdf-in', `${n}.xlsx`))], 240_000);
    await runSoffice(['--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'xlsx'), path.join(work, 'xlsx-in', 'da-sua.xlsx')], 240_000);
    for (const [name] of inputs) {
      const pages = sheetPages(path.join(work, 'pdf', `${name}.pdf`), name.startsWith('tracking') ? TRACKING : REPORT, path.join(work, 'png', name));
      expect(pages.length, `${name}: pages of the sheet`).toBeGreaterThan(0);
      ink[name] = inkOf(pages);
    }
    const converted = new Uint8Array(readFileSync(path.join(work, 'xlsx', 'da-sua.xlsx')));
    after = await trackingTable(converted);
    afterParts = unzip(converted);
  }, 240_000);

  afterAll(async () => {
    await removeProfile();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(['tracking', 'report'])('%s: the chart area is drawn, in the series colours', (name) => {
    const withChart = ink[name]!;
    const without = ink[`${name}-plain`]!;
    expect(readdirSync(path.join(work, 'png')).length).toBeGreaterThanOrEqual(4);
    // Bars in the series colours (thousands of pixels at 50 dpi; the legend keys alone are about a hundred), which the table alone does not have.
    expect(withChart.series - without.series, JSON.stringify({ withChart, without })).toBeGreaterThan(1000);
    expect(withChart.ink - without.ink).toBeGreaterThan(1000);
  });

  it('follows a status typed on Nhiệm vụ once LibreOffice recalculates', () => {
    const i = before.agencies.indexOf(edited.agency);
    // The cells the series read: one more done on time, one fewer where the task was.
    expect(after.agencies).toEqual(before.agencies);
    expect(after.values.done_on_time[i]).toBe(before.values.done_on_time[i]! + 1);
    expect(after.values[edited.from][i]).toBe(before.values[edited.from][i]! - 1);
    // The chart LibreOffice saved: still bound to the same cells, its cache the new values.
    const { stacked, rate } = chartsOn(afterParts, TRACKING);
    const original = chartsOn(unzip(tracking), TRACKING);
    expect(stacked.map((s) => [s.nameRef, s.catRef, s.valRef])).toEqual(original.stacked.map((s) => [s.nameRef, s.catRef, s.valRef]));
    CATEGORY_KEYS.forEach((k, j) => expect(stacked[j]!.values, k).toEqual(after.values[k]));
    expect(stacked[0]!.values[i]).toBe(original.stacked[0]!.values[i]! + 1);
    expect(rate[0]!.valRef).toBe(original.rate[0]!.valRef);
    if (after.due[i] === 0) expect(rate[0]!.values[i]).toBeNull();
    else expect(rate[0]!.values[i]).toBeCloseTo(after.dueDone[i]! / after.due[i]!, 6);
    expect(rate[0]!.values).toEqual(after.rates);
  });
});

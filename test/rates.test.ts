/**
 * The status model of the tracking systems offices already use: "Tạm dừng"
 * and "Bị hủy" outside the rates, two completion rates each with its
 * denominator (done ÷ tasks due, the Government Office's; done ÷ all rated
 * tasks), routine tasks out of the rates by default. On a hand-made plan
 * (test/helpers/rate-cases.ts) whose numbers are worked out here by hand:
 * the rollup, the tracking workbook's live formulas recalculated by
 * LibreOffice (switch on and off), the rollup of the returned workbook, its
 * CSV, .xlsx and .docx, and the CLI options.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConvertArgs } from '../pipeline/cli/args.js';
import { runCli } from '../pipeline/cli/dispatch.js';
import { parseRollupArgs } from '../pipeline/cli/rollup-command.js';
import { UsageError } from '../pipeline/cli/usage.js';
import { CATEGORIES, RATE_LABELS, STATUSES, type Tracking } from '../pipeline/model/tracking.js';
import type { Table } from '../pipeline/model/doc.js';
import { readDocx } from '../pipeline/read/docx.js';
import { rollup, type RollupRow } from '../pipeline/rollup/rollup.js';
import { CANCELLED_WORDS, statusKind, statusOf, SUSPENDED_WORDS, taskStatus } from '../pipeline/rollup/status.js';
import { readTracked } from '../pipeline/tracking/read-tracked.js';
import { buildReport } from '../pipeline/tracking/report.js';
import { REPORT_CSV_FIELDS, reportCsv } from '../pipeline/write/report-csv.js';
import { writeReportDocx } from '../pipeline/write/report-docx.js';
import { REPORT_SHEETS, writeReportWorkbook } from '../pipeline/write/report-workbook.js';
import { writeWorkbook } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { ROLLUP_LAYOUT } from '../pipeline/write/workbook/rollup-sheet.js';
import { captureIo } from './helpers/io.js';
import { errorCells, libreOfficeOrSkip, recalcMany, removeProfile, shown } from './helpers/libreoffice.js';
import { RATE_AS_OF, rateDoc, rateTasks, rateTracking } from './helpers/rate-cases.js';
import { columnOf, columnValues, comparable, readRollup, sheet } from './helpers/workbook-read.js';

const o = { asOf: RATE_AS_OF, dueSoonDays: 14 };
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** The figures a row must show, worked out by hand from the table in rate-cases.ts. */
interface Figures {
  rated: number;
  ratedDone: number;
  due: number;
  dueDone: number;
}

/**
 * Routine tasks left out (the default): rated = 1, 2, 3, 4, 8, 9, 11 (not 5, 10, 12 routine; not 6 suspended,
 * 7 cancelled); of them done 1, 2, 9. Due (last day ≤ 30/6) among the rated: 1, 2, 3, 8; done 1, 2.
 * Sở Y tế (1, 2, 3, 6, 9, 12): rated 1, 2, 3, 9, done 1, 2, 9; due 1, 2, 3, done 1, 2.
 * Sở Tài chính (4, 5, 7, 8, 10, 11): rated 4, 8, 11, none done; due 8, not done.
 */
const EXCLUDED: Record<'total' | 'Sở Y tế' | 'Sở Tài chính', Figures> = {
  total: { rated: 7, ratedDone: 3, due: 4, dueDone: 2 },
  'Sở Y tế': { rated: 4, ratedDone: 3, due: 3, dueDone: 2 },
  'Sở Tài chính': { rated: 3, ratedDone: 0, due: 1, dueDone: 0 },
};

/**
 * Routine tasks counted: 5, 10 and 12 join the rated (5 and 12 done); 12, whose last day is 31/5, joins the
 * due and the done among them. Sở Y tế gains 12; Sở Tài chính gains 5 (done) and 10.
 */
const INCLUDED: typeof EXCLUDED = {
  total: { rated: 10, ratedDone: 5, due: 5, dueDone: 3 },
  'Sở Y tế': { rated: 5, ratedDone: 4, due: 4, dueDone: 3 },
  'Sở Tài chính': { rated: 5, ratedDone: 1, due: 1, dueDone: 0 },
};

function expectFigures(row: RollupRow, f: Figures): void {
  expect({ rated: row.rated, ratedDone: row.ratedDone, due: row.due, dueDone: row.dueDone }, row.agency).toEqual(f);
  expect(row.rateAll, row.agency).toBeCloseTo(f.ratedDone / f.rated, 12);
  expect(row.rateDue, row.agency).toBeCloseTo(f.dueDone / f.due, 12);
}

const byAgency = (rows: readonly RollupRow[], agency: string): RollupRow => rows.find((r) => r.agency === agency)!;

describe('the statuses of the tracking systems', () => {
  it('the dropdown offers five statuses', () => {
    expect(STATUSES).toEqual(['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Tạm dừng', 'Bị hủy']);
  });

  it.each([
    ['Tạm dừng', 'Tạm dừng'],
    [' tạm ngừng ', 'Tạm dừng'],
    ['Dừng thực hiện', 'Tạm dừng'],
    ['Tạm hoãn', 'Tạm dừng'],
    ['Bị hủy', 'Bị hủy'],
    ['Bị huỷ', 'Bị hủy'],
    ['Hủy', 'Bị hủy'],
    ['Huỷ', 'Bị hủy'],
    ['Đã hủy', 'Bị hủy'],
    ['đã huỷ bỏ', 'Bị hủy'],
    ['Đã xong', 'Hoàn thành'],
    ['Bi huy', null],
    ['Tạm dừng vì chờ vốn', null],
  ])('"%s" is %s', (typed, status) => {
    expect(statusOf(typed)).toBe(status);
  });

  it('writes both placements of the tone mark in the lists (Excel’s MATCH tells "hủy" from "huỷ")', () => {
    for (const w of ['Bị hủy', 'Bị huỷ', 'Đã hủy', 'Đã huỷ', 'Hủy bỏ', 'Huỷ bỏ']) expect(CANCELLED_WORDS).toContain(w);
    expect(SUSPENDED_WORDS).toContain('Tạm dừng');
    expect(statusKind('Tạm ngừng')).toBe('suspended');
    expect(statusKind('Bị huỷ')).toBe('cancelled');
  });
});

describe('the completion rates on the hand-made plan', () => {
  const tasks = rateTasks();
  const tracking = rateTracking();

  it('counts every task in its category, suspended and cancelled included', () => {
    const r = rollup(tasks, tracking, o);
    // 1, 5, 9, 12 done on time; 2 late; 4 and 8 open in time (8 due today); 3 overdue; 10, 11 no deadline; 6; 7.
    expect(r.total.counts).toEqual({ done_on_time: 4, done_late: 1, open_on_time: 2, open_overdue: 1, no_deadline: 2, suspended: 1, cancelled: 1 });
    expect(r.total.total).toBe(12);
    // Due soon: 8 only (its last day is the report date); 6 and 7 are past their deadline yet neither overdue nor due soon.
    expect(r.total.dueSoon).toBe(1);
  });

  it('leaves routine tasks out of both rates by default: 2/4 = 50,0 % of the tasks due, 3/7 of all', () => {
    const r = rollup(tasks, tracking, o);
    expect(r.excludeRoutine).toBe(true);
    expectFigures(r.total, EXCLUDED.total);
    expect(r.total.rateDue).toBe(0.5);
    expect(r.total.routine).toBe(3);
    for (const a of ['Sở Y tế', 'Sở Tài chính'] as const) expectFigures(byAgency(r.rows, a), EXCLUDED[a]);
  });

  it('counts them when told: 3/5 = 60,0 % of the tasks due, 5/10 of all', () => {
    const r = rollup(tasks, tracking, { ...o, excludeRoutine: false });
    expect(r.excludeRoutine).toBe(false);
    expectFigures(r.total, INCLUDED.total);
    expect([r.total.rateDue, r.total.rateAll, r.total.routine]).toEqual([0.6, 0.5, 0]);
    for (const a of ['Sở Y tế', 'Sở Tài chính'] as const) expectFigures(byAgency(r.rows, a), INCLUDED[a]);
  });

  it('the rates stay in [0, 1] and each denominator holds its numerator', () => {
    for (const excludeRoutine of [true, false]) {
      const r = rollup(tasks, tracking, { ...o, excludeRoutine });
      for (const row of [...r.rows, r.total]) {
        expect(row.dueDone).toBeLessThanOrEqual(row.due);
        expect(row.ratedDone).toBeLessThanOrEqual(row.rated);
        expect(row.due).toBeLessThanOrEqual(row.rated);
        expect(row.rated + row.counts.suspended + row.counts.cancelled + row.routine).toBe(row.total);
      }
    }
  });
});

/** The hand-made plan as a returned workbook: statuses and dates typed on `Nhiệm vụ`, the report date and the switch set on `Tổng hợp`. */
function typedWorkbook(options: { writtenWith?: boolean; switchTo?: 'Có' | 'Không' } = {}): ExcelJS.Workbook {
  // Written on another day: every cached result is stale, only a recalculation gives the right figures.
  const wb = buildWorkbook([rateDoc()], { asOf: '2026-01-01', ...(options.writtenWith === undefined ? {} : { excludeRoutine: options.writtenWith }) });
  const ws = sheet(wb, 'Nhiệm vụ');
  const statusCol = columnOf(ws, 'Trạng thái');
  const doneCol = columnOf(ws, 'Ngày hoàn thành');
  rateTracking().forEach((t: Tracking | undefined, i) => {
    if (!t) return;
    const row = ws.getRow(i + 2);
    if (t.status !== null) row.getCell(statusCol).value = t.status;
    if (t.doneDate !== null) row.getCell(doneCol).value = day(t.doneDate);
  });
  const summary = sheet(wb, 'Tổng hợp');
  summary.getCell(ROLLUP_LAYOUT.asOfCell).value = day(RATE_AS_OF);
  if (options.switchTo) summary.getCell(ROLLUP_LAYOUT.excludeRoutineCell).value = options.switchTo;
  return wb;
}

describe('the tracking workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook([rateDoc()], { asOf: RATE_AS_OF })) as unknown as ArrayBuffer);
  });

  it('offers the five statuses in the Trạng thái dropdown, and names the lists Tình trạng reads on Danh mục', () => {
    const ws = sheet(wb, 'Nhiệm vụ');
    expect(ws.getRow(2).getCell(columnOf(ws, 'Trạng thái')).dataValidation).toMatchObject({ type: 'list', formulae: [`"${STATUSES.join(',')}"`] });
    expect(wb.definedNames.getRanges('DanhMucTamDung').ranges).toEqual([`'Danh mục'!$G$2:$G$${SUSPENDED_WORDS.length + 1}`]);
    expect(wb.definedNames.getRanges('DanhMucBiHuy').ranges).toEqual([`'Danh mục'!$I$2:$I$${CANCELLED_WORDS.length + 1}`]);
    const lists = sheet(wb, 'Danh mục');
    expect(lists.getCell('C6').value).toBe('Bị hủy');
    expect(lists.getCell('I2').value).toBe(CANCELLED_WORDS[0]);
  });

  it('has the switch on Tổng hợp (B4, Có by default, a Có/Không dropdown, a defined name the formulas read)', async () => {
    const ws = sheet(wb, 'Tổng hợp');
    expect(ws.getCell('A4').value).toBe('Loại nhiệm vụ thường xuyên khỏi tỷ lệ:');
    expect(ws.getCell('B4').value).toBe('Có');
    expect(ws.getCell('B4').dataValidation).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
    expect(wb.definedNames.getRanges('LoaiTruThuongXuyen').ranges).toEqual(["'Tổng hợp'!$B$4"]);
    const rate = ws.getRow(ROLLUP_LAYOUT.firstRow).getCell(ROLLUP_LAYOUT.rateDueCol);
    expect(rate.formula).toBe(`IF(K${ROLLUP_LAYOUT.firstRow}=0,"",L${ROLLUP_LAYOUT.firstRow}/K${ROLLUP_LAYOUT.firstRow})`);
    expect(ws.getRow(ROLLUP_LAYOUT.firstRow).getCell(ROLLUP_LAYOUT.ratedCol).formula).toContain('LoaiTruThuongXuyen="Có"');

    const off = new ExcelJS.Workbook();
    await off.xlsx.load((await writeWorkbook([rateDoc()], { asOf: RATE_AS_OF, excludeRoutine: false })) as unknown as ArrayBuffer);
    expect(sheet(off, 'Tổng hợp').getCell('B4').value).toBe('Không');
  });

  it('shows the seven categories and both rates with their denominators; cached results are the rollup of untouched tasks', () => {
    const ws = sheet(wb, 'Tổng hợp');
    const headers = (ws.getRow(ROLLUP_LAYOUT.headerRow).values as unknown[]).slice(1);
    expect(headers).toEqual([
      'Cơ quan chủ trì', ...Object.values(CATEGORIES), 'Tổng số', 'Trong đó sắp đến hạn',
      RATE_LABELS.due, RATE_LABELS.dueDone, RATE_LABELS.rateDue, RATE_LABELS.rated, RATE_LABELS.ratedDone, RATE_LABELS.rateAll,
    ]);
    const want = rollup(rateTasks(), [], o);
    const got = readRollup(ws);
    expect(got.rows.map(comparable)).toEqual(want.rows.map(comparable));
    expect(comparable(got.total)).toEqual(comparable(want.total));
  });

  it('Phân công looks up the deadline kind, so routine tasks are known per lead agency', () => {
    const ws = sheet(wb, 'Phân công');
    const kinds = columnValues(ws, 'Loại thời hạn', 12);
    expect(kinds.filter((k) => k === 'Thường xuyên')).toHaveLength(3);
    expect(ws.getRow(2).getCell(columnOf(ws, 'Loại thời hạn')).formula).toMatch(/^IFERROR\(IF\(INDEX\('Nhiệm vụ'!\$H:\$H,/);
  });
});

const hasLibreOffice = libreOfficeOrSkip();

describe.skipIf(!hasLibreOffice)('the live formulas in LibreOffice agree with the rollup', () => {
  afterAll(removeProfile);

  it('Tình trạng and Tổng hợp, with the switch on, switched off by hand, and written off', async () => {
    const cases = [
      { label: 'Có', wb: typedWorkbook(), excluded: true },
      { label: 'Không (typed in B4)', wb: typedWorkbook({ switchTo: 'Không' }), excluded: false },
      { label: 'convert --no-exclude-routine', wb: typedWorkbook({ writtenWith: false }), excluded: false },
    ];
    const recalculated = await recalcMany(await Promise.all(cases.map((c) => workbookBytes(c.wb))));
    cases.forEach((c, i) => {
      const out = recalculated[i]!;
      expect(errorCells(out), c.label).toEqual([]);
      const categories = columnValues(sheet(out, 'Nhiệm vụ'), 'Tình trạng', 12);
      expect(categories, c.label).toEqual(rateTasks().map((t, j) => CATEGORIES[taskStatus(t, rateTracking()[j], o).category]));
      const want = rollup(rateTasks(), rateTracking(), { ...o, excludeRoutine: c.excluded });
      const got = readRollup(sheet(out, 'Tổng hợp'));
      expect(got.rows.map(comparable), c.label).toEqual(want.rows.map(comparable));
      expect(comparable(got.total), c.label).toEqual(comparable(want.total));
      // And the numbers worked out by hand.
      const figures = c.excluded ? EXCLUDED : INCLUDED;
      expect({ rated: got.total.rated, ratedDone: got.total.ratedDone, due: got.total.due, dueDone: got.total.dueDone }, c.label).toEqual(figures.total);
      expect(got.total.counts.suspended + got.total.counts.cancelled, c.label).toBe(2);
    });
    // The bar chart's table: on the recalculated sheet the rate on the tasks due is 50 % with the switch on.
    const ws = sheet(recalculated[0]!, 'Tổng hợp');
    const total = ws.getRow(ROLLUP_LAYOUT.firstRow + 2);
    expect(shown(total.getCell(1))).toBe('Tổng cộng');
    expect(shown(total.getCell(ROLLUP_LAYOUT.rateDueCol))).toBe(0.5);
  }, 240_000);
});

describe('the rollup of the returned workbook', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await workbookBytes(typedWorkbook());
  });

  it('reads the typed statuses (the old tone mark too) and counts as the rollup does, with or without routine tasks', async () => {
    const tracked = await readTracked('so-y-te.xlsx', bytes);
    expect(tracked.rows.map((r) => r.tracking.status)).toEqual([
      'Hoàn thành', 'Hoàn thành', 'Đang thực hiện', null, 'Hoàn thành', 'Tạm dừng', 'Bị hủy', 'Đang thực hiện', 'Hoàn thành', null, null, 'Hoàn thành',
    ]);
    expect(tracked.rows.flatMap((r) => r.issues)).toEqual([]);
    const on = buildReport([tracked], { asOf: RATE_AS_OF });
    expectFigures(on.byAgency.total, EXCLUDED.total);
    expect(on.overdue.map((t) => t.task.tt)).toEqual(['3']);
    const off = buildReport([tracked], { asOf: RATE_AS_OF, excludeRoutine: false });
    expectFigures(off.byAgency.total, INCLUDED.total);
    for (const a of ['Sở Y tế', 'Sở Tài chính'] as const) expectFigures(byAgency(off.byAgency.rows, a), INCLUDED[a]);
  });

  it('a Loại thời hạn the workbook shows decides whether a task is routine (what its formulas read)', async () => {
    const wb = typedWorkbook();
    const ws = sheet(wb, 'Nhiệm vụ');
    // Task 11 ("Khi có hướng dẫn") marked routine by hand; task 5 ("Thường xuyên") marked as having a date.
    ws.getRow(12).getCell(columnOf(ws, 'Loại thời hạn')).value = 'Thường xuyên';
    ws.getRow(6).getCell(columnOf(ws, 'Loại thời hạn')).value = 'Ngày';
    const tracked = await readTracked('so.xlsx', await workbookBytes(wb));
    expect(tracked.rows[10]!.task.deadline.kind).toBe('recurring');
    expect(tracked.rows[4]!.task.deadline.kind).toBe('date');
    const r = buildReport([tracked], { asOf: RATE_AS_OF }).byAgency.total;
    // 11 leaves the rated tasks, 5 (done) joins them: 7 − 1 + 1 rated, 3 + 1 done.
    expect([r.rated, r.ratedDone]).toEqual([7, 4]);
  });

  it('the CSV, the report workbook and the Word report give both rates with their denominators', async () => {
    const report = buildReport([await readTracked('so.xlsx', bytes)], { asOf: RATE_AS_OF });
    const rows = Papa.parse<string[]>(reportCsv(report).slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...REPORT_CSV_FIELDS]);
    const total = Object.fromEntries(rows[0]!.map((h, j) => [h, rows.at(-1)![j]]));
    expect(total).toMatchObject({
      [CATEGORIES.suspended]: '1',
      [CATEGORIES.cancelled]: '1',
      [RATE_LABELS.due]: '4',
      [RATE_LABELS.dueDone]: '2',
      [`${RATE_LABELS.rateDue} (%)`]: '50.0',
      [RATE_LABELS.rated]: '7',
      [RATE_LABELS.ratedDone]: '3',
      [`${RATE_LABELS.rateAll} (%)`]: '42.9',
      'Loại nhiệm vụ thường xuyên khỏi tỷ lệ': 'Có',
    });

    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await writeReportWorkbook(report)) as unknown as ArrayBuffer);
    const ws = sheet(xlsx, REPORT_SHEETS.byAgency);
    const col = (h: string): number => columnOf(ws, h, 5);
    const last = ws.getRow(ws.actualRowCount).number;
    let totalRow = 0;
    for (let r = 7; r <= last; r++) if (ws.getRow(r).getCell(1).value === 'Tổng cộng') totalRow = r;
    const at = (h: string): unknown => ws.getRow(totalRow).getCell(col(h)).value;
    expect([at(RATE_LABELS.due), at(RATE_LABELS.dueDone), at(RATE_LABELS.rateDue), at(RATE_LABELS.rated), at(RATE_LABELS.ratedDone)]).toEqual([4, 2, 0.5, 7, 3]);
    expect(at(RATE_LABELS.rateAll)).toBeCloseTo(3 / 7, 12);
    expect(ws.getRow(totalRow).getCell(col(RATE_LABELS.rateAll)).numFmt).toBe('0.0%');

    const docx = readDocx('bao-cao.docx', await writeReportDocx(report, { generatedAt: new Date('2026-07-01T03:00:00Z'), chart: false }));
    const paras = docx.blocks.flatMap((b) => (b.kind === 'para' ? [b.text] : []));
    expect(paras).toContain('Tỷ lệ hoàn thành đạt 50,0% số nhiệm vụ đến hạn (2/4); 42,9% tổng số nhiệm vụ (3/7).');
    expect(paras.find((p) => p.startsWith('Tổng số'))).toBe(
      'Tổng số 12 nhiệm vụ; đã hoàn thành 5 nhiệm vụ (41,7%), gồm 4 đúng hạn, 1 quá hạn; chưa hoàn thành 5 nhiệm vụ (41,7%), ' +
        'gồm 2 còn trong hạn, 1 đã quá hạn, 2 không có hạn cụ thể; tạm dừng 1 nhiệm vụ (8,3%); bị hủy 1 nhiệm vụ (8,3%).',
    );
    expect(paras.some((p) => p.includes('Không tính vào tỷ lệ: 1 nhiệm vụ tạm dừng, 1 nhiệm vụ bị hủy và 3 nhiệm vụ thường xuyên'))).toBe(true);
    const rates = docx.blocks.find((b): b is Table => b.kind === 'table' && b.rows[0]!.cells.some((c) => c.text === 'Trên số nhiệm vụ đến hạn'))!;
    expect(rates.rows.at(-1)!.cells.map((c) => c.text)).toEqual(['Tổng cộng', '', '4', '2', '50,0%', '7', '3', '42,9%']);
  });

  it('states the thousands as an official document does: 91,8% (2.501/2.723)', async () => {
    const report = buildReport([await readTracked('so.xlsx', bytes)], { asOf: RATE_AS_OF });
    const t = report.byAgency.total;
    const big: typeof t = { ...t, due: 2723, dueDone: 2501, rateDue: 2501 / 2723, rated: 4000, ratedDone: 3000, rateAll: 0.75 };
    const docx = readDocx('b.docx', await writeReportDocx({ ...report, byAgency: { ...report.byAgency, total: big } }, { chart: false }));
    const paras = docx.blocks.flatMap((b) => (b.kind === 'para' ? [b.text] : []));
    expect(paras).toContain('Tỷ lệ hoàn thành đạt 91,8% số nhiệm vụ đến hạn (2.501/2.723); 75,0% tổng số nhiệm vụ (3.000/4.000).');
  });
});

describe('the CLI options', () => {
  const rollupArgs = (...extra: string[]) => parseRollupArgs(['tra-ve/', '--as-of', RATE_AS_OF, '--out', 'bc.xlsx', ...extra]);
  const convertArgs = (...extra: string[]) => parseConvertArgs(['kh.docx', '--out', 'ra', ...extra]);

  it('rollup leaves routine tasks out by default; --no-exclude-routine puts them back', () => {
    expect(rollupArgs().excludeRoutine).toBe(true);
    expect(rollupArgs('--exclude-routine').excludeRoutine).toBe(true);
    expect(rollupArgs('--no-exclude-routine').excludeRoutine).toBe(false);
    expect(() => rollupArgs('--exclude-routine', '--no-exclude-routine')).toThrow(UsageError);
  });

  it('convert sets the workbook’s switch only when told (absent: on for a new workbook, kept by --into)', () => {
    expect(convertArgs().excludeRoutine).toBeUndefined();
    expect(convertArgs('--no-exclude-routine').excludeRoutine).toBe(false);
    expect(convertArgs('--exclude-routine').excludeRoutine).toBe(true);
    expect(() => convertArgs('--no-exclude-routine', '--exclude-routine')).toThrow(/không dùng cùng nhau/);
  });

  it('phuluc rollup and convert with --no-exclude-routine: the summary, the CSV and the workbook’s switch say so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-rates-'));
    try {
      const returned = path.join(dir, 'so-y-te.xlsx');
      writeFileSync(returned, await workbookBytes(typedWorkbook()));
      const run = async (...extra: string[]) => {
        const cap = captureIo();
        const csv = path.join(dir, `bc${extra.length}.csv`);
        const code = await runCli(['rollup', returned, '--as-of', RATE_AS_OF, '--out', csv.replace(/\.csv$/, '.xlsx'), '--csv', csv, '--jobs', '0', ...extra], cap.io);
        expect(code, cap.stderr()).toBe(0);
        return { out: cap.stdout(), csv: readFileSync(csv, 'utf8') };
      };
      const on = await run();
      expect(on.out).toMatch(/Rate on tasks due: +50\.0% \(2\/4\)/);
      expect(on.out).toMatch(/Rate on all tasks: +42\.9% \(3\/7\)/);
      expect(on.out).toMatch(/Routine tasks: +3, không tính vào tỷ lệ/);
      expect(on.out).toMatch(/Tạm dừng \/ Suspended: +1\n/);
      const off = await run('--no-exclude-routine');
      expect(off.out).toMatch(/Rate on tasks due: +60\.0% \(3\/5\)/);
      expect(off.out).toMatch(/Rate on all tasks: +50\.0% \(5\/10\)/);
      expect(off.csv.trimEnd().split('\n').at(-1)!.endsWith(',Không')).toBe(true);

      const plan = path.join(dir, 'ke-hoach.txt');
      writeFileSync(plan, readFileSync(path.join(import.meta.dirname, '..', 'samples', '000_608305ae69954cdd.txt')));
      const cap = captureIo();
      const outDir = path.join(dir, 'ra');
      expect(await runCli(['convert', plan, '--out', outDir, '--format', 'xlsx', '--jobs', '0', '--no-exclude-routine'], cap.io), cap.stderr()).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path.join(outDir, 'ke-hoach.xlsx')) as unknown as ArrayBuffer);
      expect(sheet(wb, 'Tổng hợp').getCell(ROLLUP_LAYOUT.excludeRoutineCell).value).toBe('Không');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

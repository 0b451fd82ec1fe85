/**
 * A tracking workbook written before the statuses "Tạm dừng" / "Bị hủy", the
 * two completion rates and the exclude-routine switch
 * (test/fixtures/old-layout/, written by the earlier code): rollup still
 * reads it (a "Tạm dừng" typed there counts as suspended now), and `convert
 * --into` brings it to the new layout, answers kept, its formulas agreeing
 * with the rollup once recalculated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../pipeline/model/task.js';
import { CATEGORIES, type Tracking } from '../pipeline/model/tracking.js';
import { rollup } from '../pipeline/rollup/rollup.js';
import { readTracked, type TrackedWorkbook } from '../pipeline/tracking/read-tracked.js';
import { reimport } from '../pipeline/tracking/reimport.js';
import { buildReport } from '../pipeline/tracking/report.js';
import { reportCsv } from '../pipeline/write/report-csv.js';
import { writeReportWorkbook } from '../pipeline/write/report-workbook.js';
import { ROLLUP_LAYOUT } from '../pipeline/write/workbook/rollup-sheet.js';
import { makeDoc, makeTask } from './helpers/docs.js';
import { errorCells, libreOfficeOrSkip, recalc, removeProfile } from './helpers/libreoffice.js';
import { columnOf, columnValues, comparable, readRollup, sheet } from './helpers/workbook-read.js';

const FILE = path.join(import.meta.dirname, 'fixtures', 'old-layout', 'so-theo-doi-truoc-2026-07.xlsx');
const AS_OF = '2026-06-30';

/** The plan the fixture was written from (see its README). */
function plan() {
  const d = (raw: string, kind: Task['deadline']['kind'], end: string | null) => ({ raw, kind, start: null, end, recurring: kind === 'recurring' });
  const tc = { lead: ['Sở Tài chính'], leadCanonical: ['Sở Tài chính'] };
  return makeDoc(
    [
      makeTask({ id: 'a', tt: '1', content: 'Ban hành kế hoạch truyền thông', deadline: d('Tháng 3/2026', 'month', '2026-03-31') }),
      makeTask({ id: 'b', tt: '2', content: 'Rà soát thủ tục hành chính', deadline: d('Tháng 4/2026', 'month', '2026-04-30') }),
      makeTask({ id: 'c', tt: '3', content: 'Xây dựng cơ sở dữ liệu', ...tc, deadline: d('Tháng 5/2026', 'month', '2026-05-31') }),
      makeTask({ id: 'd', tt: '4', content: 'Tổng kết, đánh giá', deadline: d('Tháng 12/2026', 'month', '2026-12-31') }),
      makeTask({ id: 'e', tt: '5', content: 'Kiểm tra, đôn đốc việc thực hiện', deadline: d('Thường xuyên', 'recurring', null) }),
      makeTask({ id: 'f', tt: '6', content: 'Đầu tư trang thiết bị', ...tc, deadline: d('Tháng 4/2026', 'month', '2026-04-30') }),
    ],
    [],
    'ke-hoach-cu.txt',
  );
}

const TYPED: Array<Tracking | undefined> = [
  { status: 'Hoàn thành', doneDate: '2026-03-20', notes: null },
  { status: 'Hoàn thành', doneDate: '2026-05-10', notes: null },
  { status: 'Đang thực hiện', doneDate: null, notes: null },
  undefined,
  { status: 'Hoàn thành', doneDate: '2026-02-01', notes: null },
  { status: 'Tạm dừng', doneDate: null, notes: null },
];

describe('a workbook of the old layout', () => {
  const bytes = new Uint8Array(readFileSync(FILE));
  let tracked: TrackedWorkbook;
  beforeAll(async () => {
    tracked = await readTracked('so-theo-doi.xlsx', bytes);
  });

  it('is the old layout (five categories, one rate, header on row 5, no switch)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = sheet(wb, 'Tổng hợp');
    expect(columnOf(ws, 'Tỷ lệ hoàn thành', 5)).toBe(9);
    expect(() => columnOf(ws, CATEGORIES.suspended, 5)).toThrow();
    expect(ws.getCell('B4').value).toBeNull();
  });

  it('reads every row with its status, "Tạm dừng" now a status of the list', () => {
    expect(tracked.rows.map((r) => [r.task.tt, r.tracking.status, r.tracking.doneDate])).toEqual(
      TYPED.map((t, i) => [String(i + 1), t?.status ?? null, t?.doneDate ?? null]),
    );
    expect(tracked.rows.flatMap((r) => r.issues)).toEqual([]);
    expect(tracked.rows[4]!.task.deadline.kind).toBe('recurring');
  });

  it('rolls up with the new categories and rates: 2 of the 3 tasks due done, 2 of the 4 rated', async () => {
    const report = buildReport([tracked], { asOf: AS_OF });
    const t = report.byAgency.total;
    expect(t.counts).toEqual({ done_on_time: 2, done_late: 1, open_on_time: 1, open_overdue: 1, no_deadline: 0, suspended: 1, cancelled: 0 });
    // Rated: 1, 2, 3, 4 (5 routine, 6 suspended); due by 30/6: 1, 2, 3; done: 1, 2.
    expect(t).toMatchObject({ rated: 4, ratedDone: 2, due: 3, dueDone: 2, rateAll: 0.5 });
    expect(t.rateDue).toBeCloseTo(2 / 3, 12);
    // Task 6 is past its deadline and suspended: not overdue.
    expect(report.overdue.map((x) => x.task.tt)).toEqual(['3']);
    expect((await writeReportWorkbook(report)).length).toBeGreaterThan(0);
    expect(reportCsv(report)).toContain('Tạm dừng');
  });

  it('convert --into brings it to the new layout: answers kept, the switch on, the rollup of what was typed as cached results', async () => {
    const { bytes: updated } = await reimport(bytes, plan(), { asOf: AS_OF, file: 'so-theo-doi.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(updated as unknown as ArrayBuffer);
    const ws = sheet(wb, 'Nhiệm vụ');
    expect(columnValues(ws, 'Trạng thái', 6)).toEqual(TYPED.map((t) => t?.status ?? null));
    const summary = sheet(wb, 'Tổng hợp');
    expect(summary.getCell(ROLLUP_LAYOUT.excludeRoutineCell).value).toBe('Có');
    const want = rollup(plan().tasks, TYPED, { asOf: AS_OF, dueSoonDays: 14 });
    expect(comparable(readRollup(summary).total)).toEqual(comparable(want.total));

    const off = await reimport(bytes, plan(), { asOf: AS_OF, file: 'so-theo-doi.xlsx', excludeRoutine: false });
    const offWb = new ExcelJS.Workbook();
    await offWb.xlsx.load(off.bytes as unknown as ArrayBuffer);
    expect(sheet(offWb, 'Tổng hợp').getCell(ROLLUP_LAYOUT.excludeRoutineCell).value).toBe('Không');
    // A second update keeps the switch as the workbook has it when the command does not say.
    const again = await reimport(off.bytes, plan(), { asOf: AS_OF, file: 'so-theo-doi.xlsx' });
    const againWb = new ExcelJS.Workbook();
    await againWb.xlsx.load(again.bytes as unknown as ArrayBuffer);
    expect(sheet(againWb, 'Tổng hợp').getCell(ROLLUP_LAYOUT.excludeRoutineCell).value).toBe('Không');
  });
});

describe.skipIf(!libreOfficeOrSkip())('the updated old workbook in LibreOffice', () => {
  afterAll(removeProfile);

  it('computes the categories and both rates as the rollup does', async () => {
    const { bytes } = await reimport(new Uint8Array(readFileSync(FILE)), plan(), { asOf: AS_OF, file: 'so-theo-doi.xlsx' });
    const wb = await recalc(bytes);
    expect(errorCells(wb)).toEqual([]);
    const o = { asOf: AS_OF, dueSoonDays: 14 };
    const want = rollup(plan().tasks, TYPED, o);
    expect(columnValues(sheet(wb, 'Nhiệm vụ'), 'Tình trạng', 6)).toEqual([
      CATEGORIES.done_on_time, CATEGORIES.done_late, CATEGORIES.open_overdue, CATEGORIES.open_on_time, CATEGORIES.done_on_time, CATEGORIES.suspended,
    ]);
    const got = readRollup(sheet(wb, 'Tổng hợp'));
    expect(got.rows.map(comparable)).toEqual(want.rows.map(comparable));
    expect(comparable(got.total)).toEqual(comparable(want.total));
  }, 180_000);
});

/**
 * The add-in's `Tình trạng` formula, recalculated by LibreOffice: a sheet the
 * add-in writes has no `Danh mục`, so the ways of writing "done", "suspended"
 * and "cancelled" are inline;
 * they must count exactly what the tool counts (rollup/status.ts taskStatus).
 * Deadlines far in the past or future, so TODAY() cannot change the answer.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { categoryCellFormula, COLUMN_OF } from '../../addin/src/app/layout.js';
import { CATEGORIES } from '../../pipeline/model/tracking.js';
import { taskStatus, todayIso } from '../../pipeline/rollup/status.js';
import { TASK_COLUMNS } from '../../pipeline/write/columns.js';
import { libreOfficeOrSkip, recalc, removeProfile, shown } from '../helpers/libreoffice.js';

const CASES: Array<{ status: string; end: string | null; done: string | null; endText?: string }> = [
  // A text typed in Hạn cuối is no deadline day: done with a date is done on time, as the tool says.
  { status: 'Hoàn thành', end: null, done: '2001-05-02', endText: 'Chờ Bộ hướng dẫn' },
  { status: 'Đã xong', end: '2000-01-31', done: null },
  { status: 'HOÀN THÀNH ĐÚNG HẠN', end: '2000-01-31', done: '2000-01-02' },
  { status: 'Hoàn thành', end: '2000-01-31', done: '2001-05-02' },
  { status: 'Da xong', end: '2000-01-31', done: null },
  { status: '', end: '2099-12-31', done: null },
  { status: 'xong', end: null, done: null },
  { status: 'Đang thực hiện', end: null, done: null },
  // Suspended and cancelled, in the words and both tone marks the lists hold: that, past the deadline too; "Bi huy" is in no list.
  { status: 'Tạm dừng', end: '2000-01-31', done: null },
  { status: 'tạm ngừng', end: '2099-12-31', done: null },
  { status: 'Bị huỷ', end: '2000-01-31', done: null },
  { status: 'HỦY BỎ', end: null, done: null },
  { status: 'Bi huy', end: '2000-01-31', done: null },
];

describe.skipIf(!libreOfficeOrSkip())('the add-in’s Tình trạng formula in LibreOffice', () => {
  afterAll(removeProfile);

  it('counts as done exactly what the tool counts, with the list inline', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    ws.getRow(1).values = TASK_COLUMNS.map((c) => c.header);
    const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
    CASES.forEach((c, i) => {
      const row = ws.getRow(i + 2);
      row.getCell(COLUMN_OF.content! + 1).value = `Nhiệm vụ ${i + 1}`;
      if (c.status) row.getCell(COLUMN_OF.status! + 1).value = c.status;
      if (c.end) row.getCell(COLUMN_OF.deadlineEnd! + 1).value = day(c.end);
      if (c.endText) row.getCell(COLUMN_OF.deadlineEnd! + 1).value = c.endText;
      if (c.done) row.getCell(COLUMN_OF.doneDate! + 1).value = day(c.done);
      row.getCell(COLUMN_OF.category! + 1).value = { formula: categoryCellFormula(i + 1).slice(1) } as ExcelJS.CellValue;
    });
    const out = await recalc(new Uint8Array(await wb.xlsx.writeBuffer()));
    const got = CASES.map((_c, i) => shown(out.getWorksheet('Nhiệm vụ')!.getRow(i + 2).getCell(COLUMN_OF.category! + 1)));
    const want = CASES.map((c) => {
      const task = { deadline: { raw: null, kind: 'date' as const, start: null, end: c.end, recurring: false } };
      return CATEGORIES[taskStatus(task, { status: c.status || null, doneDate: c.done, notes: null }, { asOf: todayIso(), dueSoonDays: 14 }).category];
    });
    expect(got).toEqual(want);
  }, 180_000);
});

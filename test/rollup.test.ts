import { describe, it, expect } from 'vitest';
import { taskStatus } from '../pipeline/rollup/status.js';
import { agencyGrouper, rollup, TOTAL_LABEL } from '../pipeline/rollup/rollup.js';
import { DEFAULT_AGENCIES } from '../pipeline/normalise/agency-dictionary.js';
import { extendDictionary } from '../pipeline/normalise/agency-dictionary-extend.js';
import { makeTask } from './helpers/docs.js';

const o = { asOf: '2026-06-20', dueSoonDays: 14 };
const tr = (status: string | null, doneDate: string | null = null) => ({ status, doneDate, notes: null });

describe('the category of a task as of a report date (DESIGN §4)', () => {
  const q2 = makeTask(); // due 2026-06-30

  it.each([
    ['Hoàn thành', '2026-06-30', '2026-07-10', 'done_on_time'],
    ['Hoàn thành', '2026-07-01', '2026-07-10', 'done_late'],
    ['Hoàn thành', null, '2026-07-10', 'done_on_time'],
    ['Đang thực hiện', null, '2026-06-30', 'open_on_time'],
    ['Đang thực hiện', null, '2026-07-01', 'open_overdue'],
    [null, null, '2026-07-01', 'open_overdue'],
    // Suspended or cancelled: that, past the deadline too (never overdue).
    ['Tạm dừng', null, '2026-07-01', 'suspended'],
    ['tạm ngừng', null, '2026-07-01', 'suspended'],
    ['Dừng thực hiện', null, '2026-06-01', 'suspended'],
    ['Bị hủy', null, '2026-07-01', 'cancelled'],
    ['Bị huỷ', null, '2026-07-01', 'cancelled'],
    ['Đã hủy', null, '2026-07-01', 'cancelled'],
    ['HỦY', null, '2026-06-01', 'cancelled'],
    // Not in the lists (no accents, a sentence): an unfinished task as any other.
    ['Bi huy', null, '2026-07-01', 'open_overdue'],
    ['Tạm dừng do thiếu kinh phí', null, '2026-07-01', 'open_overdue'],
  ])('status %s, done %s, as of %s → %s', (status, done, asOf, category) => {
    expect(taskStatus(q2, tr(status, done), { asOf, dueSoonDays: 14 }).category).toBe(category);
  });

  it('no end date: an unfinished task has no specific deadline, a done one is done (on time: nothing to be late for)', () => {
    const recurring = makeTask({ deadline: { raw: 'Thường xuyên', kind: 'recurring', start: null, end: null, recurring: true } });
    expect(taskStatus(recurring, tr('Đang thực hiện', null), o).category).toBe('no_deadline');
    expect(taskStatus(recurring, undefined, o).category).toBe('no_deadline');
    expect(taskStatus(recurring, tr('Hoàn thành', '2026-01-01'), o).category).toBe('done_on_time');
    expect(taskStatus(recurring, tr('Đã xong', null), o).category).toBe('done_on_time');
  });

  it('flags due soon within the window, inclusive; never a suspended or cancelled task', () => {
    expect(taskStatus(q2, undefined, o).dueSoon).toBe(true);
    expect(taskStatus(q2, tr('Tạm dừng'), o)).toEqual({ category: 'suspended', dueSoon: false, done: false });
    expect(taskStatus(q2, tr('Bị hủy'), o)).toEqual({ category: 'cancelled', dueSoon: false, done: false });
    expect(taskStatus(q2, undefined, { ...o, dueSoonDays: 9 }).dueSoon).toBe(false);
    expect(taskStatus(q2, undefined, { ...o, dueSoonDays: 10 }).dueSoon).toBe(true);
  });
});

describe('rollup per lead agency', () => {
  it('counts a task once per lead and once in the total, with the completion rates', () => {
    const a = makeTask({ id: 'a', leadCanonical: ['Sở Y tế', 'Sở Tài chính'] });
    const b = makeTask({ id: 'b', leadCanonical: ['Sở Y tế'] });
    const c = makeTask({ id: 'c', leadCanonical: ['Sở Y tế'] });
    const r = rollup([a, b, c], [tr('Hoàn thành', '2026-06-01'), tr('Đang thực hiện'), undefined], { asOf: '2026-07-05', dueSoonDays: 14 });
    const yte = r.rows.find((x) => x.agency === 'Sở Y tế')!;
    expect(yte.counts).toMatchObject({ done_on_time: 1, open_overdue: 2 });
    expect(yte.total).toBe(3);
    // All three due 2026-06-30, before the report date: one done of three due, one done of three rated.
    expect(yte).toMatchObject({ due: 3, dueDone: 1, rated: 3, ratedDone: 1 });
    expect(yte.rateDue).toBeCloseTo(1 / 3);
    expect(yte.rateAll).toBeCloseTo(1 / 3);
    expect(r.rows.find((x) => x.agency === 'Sở Tài chính')!).toMatchObject({ rateDue: 1, rateAll: 1 });
    expect(r.total).toMatchObject({ agency: TOTAL_LABEL, total: 3, due: 3, dueDone: 1 });
  });

  it('has no rate on tasks due while nothing is due yet; the rate on all tasks is 0 of 1', () => {
    const r = rollup([makeTask()], [undefined], { asOf: '2026-01-01', dueSoonDays: 14 });
    expect(r.total).toMatchObject({ due: 0, dueDone: 0, rateDue: null, rated: 1, ratedDone: 0, rateAll: 0 });
  });

  it('has no rate at all when every task is suspended or cancelled', () => {
    const r = rollup([makeTask(), makeTask({ id: 't2' })], [tr('Tạm dừng'), tr('Bị hủy')], { asOf: '2026-07-01', dueSoonDays: 14 });
    expect(r.total).toMatchObject({ total: 2, rated: 0, due: 0, rateDue: null, rateAll: null });
  });
});

describe('rolling an older plan up by the agencies that exist today', () => {
  it('hands tasks of merged departments to their successors (an option)', () => {
    const old = makeTask({ lead: ['Sở Kế hoạch và Đầu tư'], leadCanonical: ['Sở Kế hoạch và Đầu tư'] });
    const now = makeTask({ lead: ['Sở Tài chính'], leadCanonical: ['Sở Tài chính'] });
    const asOf = { asOf: '2026-01-01', dueSoonDays: 14 };
    const byName = rollup([old, now], [undefined, undefined], asOf, agencyGrouper('canonical'));
    expect(byName.rows.map((r) => r.agency).sort()).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Tài chính']);
    const today = rollup([old, now], [undefined, undefined], asOf, agencyGrouper('today'));
    expect(today.rows.map((r) => [r.agency, r.total])).toEqual([['Sở Tài chính', 2]]);
  });

  it('uses a mapping the user extends', () => {
    const dict = extendDictionary(DEFAULT_AGENCIES, { entries: [{ canonical: 'Ban Quản lý dự án X', aliases: ['BQLDA X'], successor: 'Sở Xây dựng' }] });
    const t = makeTask({ lead: ['BQLDA X'] });
    expect(agencyGrouper('today', dict)(t)).toEqual(['Sở Xây dựng']);
  });
});

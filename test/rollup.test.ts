import { describe, it, expect } from 'vitest';
import { taskStatus } from '../pipeline/rollup/status.js';
import { agencyGrouper, rollup, TOTAL_LABEL } from '../pipeline/rollup/rollup.js';
import { DEFAULT_AGENCIES, extendDictionary } from '../pipeline/normalise/agency-dictionary.js';
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

  it('flags due soon within the window, inclusive', () => {
    expect(taskStatus(q2, undefined, o).dueSoon).toBe(true);
    expect(taskStatus(q2, undefined, { ...o, dueSoonDays: 9 }).dueSoon).toBe(false);
    expect(taskStatus(q2, undefined, { ...o, dueSoonDays: 10 }).dueSoon).toBe(true);
  });
});

describe('rollup per lead agency', () => {
  it('counts a task once per lead and once in the total, with the completion rate', () => {
    const a = makeTask({ id: 'a', leadCanonical: ['Sở Y tế', 'Sở Tài chính'] });
    const b = makeTask({ id: 'b', leadCanonical: ['Sở Y tế'] });
    const c = makeTask({ id: 'c', leadCanonical: ['Sở Y tế'] });
    const r = rollup([a, b, c], [tr('Hoàn thành', '2026-06-01'), tr('Đang thực hiện'), undefined], { asOf: '2026-07-05', dueSoonDays: 14 });
    const yte = r.rows.find((x) => x.agency === 'Sở Y tế')!;
    expect(yte.counts).toMatchObject({ done_on_time: 1, open_overdue: 2 });
    expect(yte.total).toBe(3);
    expect(yte.rate).toBeCloseTo(1 / 3);
    expect(r.rows.find((x) => x.agency === 'Sở Tài chính')!.rate).toBe(1);
    expect(r.total).toMatchObject({ agency: TOTAL_LABEL, total: 3 });
  });

  it('has no rate when nothing is done or overdue', () => {
    const r = rollup([makeTask()], [undefined], { asOf: '2026-01-01', dueSoonDays: 14 });
    expect(r.total.rate).toBeNull();
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

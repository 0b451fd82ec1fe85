import { describe, it, expect } from 'vitest';
import { check, RULES } from '../pipeline/check/rules.js';
import { makeTask } from './helpers/docs.js';
import type { Task } from '../pipeline/model/task.js';

const rules = (tasks: Task[], o = {}) => check(tasks, { asOf: '2026-05-01', ...o }).map((f) => `${f.task}:${f.rule}`);
const dl = (kind: Task['deadline']['kind'], end: string | null = null, raw: string | null = 'x'): Task['deadline'] => ({
  raw,
  kind,
  start: null,
  end,
  recurring: kind === 'recurring',
});

describe('rules over a plan', () => {
  it('a complete task raises nothing', () => {
    expect(rules([makeTask()])).toEqual([]);
  });

  it('flags a missing lead as an error on the lead field', () => {
    const [f] = check([makeTask({ lead: [], leadCanonical: [] })]);
    expect(f).toMatchObject({ rule: 'lead.missing', severity: 'error', field: 'lead', task: 't1' });
    expect(f!.messageVi).toContain('cơ quan chủ trì');
    expect(f!.messageEn).toContain('lead');
    expect(f!.message).toBe(`${f!.messageVi} / ${f!.messageEn}`);
  });

  it('warns when every lead is a collective, and notes several leads', () => {
    expect(rules([makeTask({ lead: ['Các sở, ngành', 'UBND cấp huyện'] })])).toEqual(['t1:lead.collective', 't1:lead.many']);
    expect(rules([makeTask({ lead: ['Sở Y tế', 'Sở Tài chính'] })])).toEqual(['t1:lead.many']);
  });

  it('treats deadlines by kind: missing error, unparsed and vague warnings', () => {
    expect(rules([makeTask({ deadline: dl('missing', null, null) })])).toEqual(['t1:deadline.missing']);
    expect(rules([makeTask({ deadline: dl('unparsed') })])).toEqual(['t1:deadline.unparsed']);
    expect(rules([makeTask({ deadline: dl('conditional') })])).toEqual(['t1:deadline.vague']);
    expect(rules([makeTask({ deadline: dl('recurring') })])).toEqual(['t1:deadline.vague']);
  });

  it('recurring deadlines are not vague when the setting says so', () => {
    expect(rules([makeTask({ deadline: dl('recurring') })], { recurringIsVague: false })).toEqual([]);
  });

  it('warns when a deadline falls before the plan was issued', () => {
    expect(rules([makeTask()], { issueDate: '2026-07-01' })).toEqual(['t1:deadline.before_issue']);
  });

  it('flags empty task text', () => {
    expect(rules([makeTask({ content: ' ' })])).toEqual(['t1:content.empty']);
  });

  it('finds duplicate TTs and gaps, but not a restart in a new appendix', () => {
    const t = (id: string, tt: string) => makeTask({ id, tt });
    expect(rules([t('a', '1'), t('b', '2'), t('c', '4'), t('d', '4')].map((x, i) => ({ ...x, lead: [`Sở ${i}`] })))).toEqual([
      'c:tt.gap',
      'd:tt.duplicate',
    ]);
    expect(rules([t('a', '1'), t('b', '2'), t('c', '1'), t('d', '2')].map((x, i) => ({ ...x, lead: [`Sở ${i}`] })))).toEqual([]);
  });

  it('rows of one merged TT with the same lead are not duplicates', () => {
    expect(rules([makeTask({ id: 'a' }), makeTask({ id: 'b' })])).toEqual([]);
  });
});

describe('rules over tracked statuses', () => {
  const tracked = (status: string | null, doneDate: string | null = null) => ({ status, doneDate, notes: null });

  it('an unknown status is an error', () => {
    expect(rules([makeTask()], { tracking: [tracked('Xong rồi')] })).toEqual(['t1:status.invalid']);
  });

  it('overdue and due soon are judged against the report date', () => {
    expect(rules([makeTask()], { asOf: '2026-07-02', tracking: [tracked('Đang thực hiện')] })).toEqual(['t1:status.overdue']);
    expect(rules([makeTask()], { asOf: '2026-06-20', tracking: [tracked('Đang thực hiện')] })).toEqual(['t1:status.due_soon']);
    expect(rules([makeTask()], { asOf: '2026-06-20', dueSoonDays: 5, tracking: [tracked(null)] })).toEqual([]);
  });

  it('done without a completion date asks for it; done is never overdue', () => {
    expect(rules([makeTask()], { asOf: '2026-09-01', tracking: [tracked('hoàn thành')] })).toEqual(['t1:done.no_date']);
    expect(rules([makeTask()], { asOf: '2026-09-01', tracking: [tracked('Hoàn thành', '2026-07-15')] })).toEqual([]);
  });

  it('every rule has a Vietnamese and an English name', () => {
    for (const r of Object.values(RULES)) {
      expect(r.vi.length).toBeGreaterThan(3);
      expect(r.en.length).toBeGreaterThan(3);
    }
  });
});

import type { Task } from '../model/task.js';

/**
 * The `Tình trạng` category (DESIGN §4) of a task straight out of a plan, as
 * of a report date. Such a task has no `Trạng thái` or `Ngày hoàn thành` yet,
 * so it is always unfinished: only the deadline decides. The workbook does the
 * full computation with live formulas; the CSV is a snapshot and needs this.
 */
export type FreshCategory =
  | 'Chưa hoàn thành, trong hạn'
  | 'Chưa hoàn thành, quá hạn'
  | 'Không có hạn cụ thể';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function freshCategory(task: Task, asOf: string): FreshCategory {
  if (!ISO_DATE.test(asOf)) throw new Error(`asOf must be an ISO date (YYYY-MM-DD), got "${asOf}"`);
  const end = task.deadline.end;
  if (end === null) return 'Không có hạn cụ thể';
  // `end` is the last day allowed, so the task is late only from the day after.
  // ISO dates compare correctly as strings.
  return asOf > end ? 'Chưa hoàn thành, quá hạn' : 'Chưa hoàn thành, trong hạn';
}

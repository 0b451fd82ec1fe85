import { foldKey } from '../normalise/text.js';
import { STATUSES, type Category, type Status, type Tracking } from '../model/tracking.js';
import type { Task } from '../model/task.js';

/** A typed status matched leniently ("hoàn thành", "Hoàn Thành ") or null when it is none of the three. */
export function parseStatus(s: string | null | undefined): Status | null {
  if (!s || !s.trim()) return null;
  const k = foldKey(s);
  return STATUSES.find((x) => foldKey(x) === k) ?? null;
}

export interface StatusOptions {
  /** Report date, ISO. */
  asOf: string;
  /** A deadline within this many days (inclusive) is "due soon". */
  dueSoonDays: number;
}

export interface TaskStatus {
  category: Category;
  dueSoon: boolean;
  done: boolean;
}

/**
 * The category of one task as of the report date. A task with no end date
 * (recurring, conditional, missing) has no specific deadline whatever its
 * status; a done task with no completion date counts as done on time (a
 * finding asks for the date). Dates compare as ISO strings.
 */
export function taskStatus(task: Pick<Task, 'deadline'>, tracking: Tracking | undefined, o: StatusOptions): TaskStatus {
  const end = task.deadline.end;
  const done = parseStatus(tracking?.status) === 'Hoàn thành';
  if (!end) return { category: 'no_deadline', dueSoon: false, done };
  if (done) {
    const doneDate = tracking?.doneDate ?? null;
    return { category: doneDate && doneDate > end ? 'done_late' : 'done_on_time', dueSoon: false, done };
  }
  if (o.asOf > end) return { category: 'open_overdue', dueSoon: false, done };
  return { category: 'open_on_time', dueSoon: daysBetween(o.asOf, end) <= o.dueSoonDays, done };
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

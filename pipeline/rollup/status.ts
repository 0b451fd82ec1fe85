import { foldKey } from '../normalise/text.js';
import { STATUSES, type Category, type Status, type Tracking } from '../model/tracking.js';
import type { Task } from '../model/task.js';

/** A typed status matched leniently ("hoàn thành", "Hoàn Thành ") or null when it is none of the three. */
export function parseStatus(s: string | null | undefined): Status | null {
  if (!s || !s.trim()) return null;
  const k = foldKey(s);
  return STATUSES.find((x) => foldKey(x) === k) ?? null;
}

/**
 * Every way of writing "done" that counts as done, here and in the
 * workbook's own `Tình trạng` formula (which looks the typed text up in this
 * list, written on `Danh mục`): one list, so the report and a recalculated
 * workbook never disagree. Matched as Excel's MATCH does: whole text, case
 * blind, spaces trimmed, accents exact ("da xong" typed without accents is
 * not in the list and is reported, not guessed).
 */
export const DONE_WORDS: readonly string[] = ['Hoàn thành', 'Đã hoàn thành', 'Xong', 'Đã xong'].flatMap((w) =>
  ['', ' đúng hạn', ' quá hạn', ' trước hạn', ' trễ hạn', ' đúng tiến độ'].map((tail) => `${w}${tail}`),
);
const DONE_KEYS = new Set(DONE_WORDS.map((w) => foldKey(w)));

/** Whether a typed status counts as done (see DONE_WORDS). */
export function isDone(s: string | null | undefined): boolean {
  return !!s && DONE_KEYS.has(foldKey(s));
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
 * The category of one task as of the report date. A done task is done: late
 * only when its completion date is after a deadline it had, on time
 * otherwise (no deadline, or no completion date: a finding asks for the
 * date). An unfinished task with no end date (recurring, conditional,
 * missing) has no specific deadline. Dates compare as ISO strings.
 */
export function taskStatus(task: Pick<Task, 'deadline'>, tracking: Tracking | undefined, o: StatusOptions): TaskStatus {
  const end = task.deadline.end;
  const done = isDone(tracking?.status);
  if (done) {
    const doneDate = tracking?.doneDate ?? null;
    return { category: end && doneDate && doneDate > end ? 'done_late' : 'done_on_time', dueSoon: false, done };
  }
  if (!end) return { category: 'no_deadline', dueSoon: false, done };
  if (o.asOf > end) return { category: 'open_overdue', dueSoon: false, done };
  return { category: 'open_on_time', dueSoon: daysBetween(o.asOf, end) <= o.dueSoonDays, done };
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

import { foldKey } from '../normalise/text.js';
import { STATUSES, type Category, type Status, type Tracking } from '../model/tracking.js';
import type { Task } from '../model/task.js';

/**
 * A task's status and category as of a report date, and the lists of words
 * each status may be written in. The workbook's own `Tình trạng` formula
 * looks the typed text up in these same lists (written on `Danh mục`), so the
 * report and a recalculated workbook never disagree.
 */

/** A typed status matched leniently ("hoàn thành", "Hoàn Thành ") or null when it is none of the five. */
export function parseStatus(s: string | null | undefined): Status | null {
  if (!s || !s.trim()) return null;
  const k = foldKey(s);
  return STATUSES.find((x) => foldKey(x) === k) ?? null;
}

/**
 * "Hủy" is written two ways: the tone mark on the u ("hủy") or on the y
 * ("huỷ", the older placement). Excel's MATCH tells them apart, so both go in
 * the lists.
 */
function withOldTones(words: readonly string[]): string[] {
  const old: Record<string, string> = { ùy: 'uỳ', úy: 'uý', ủy: 'uỷ', ũy: 'uỹ', ụy: 'uỵ' };
  return words.flatMap((w) => {
    const o = w.replace(/[ùúủũụ]y/g, (m) => old[m] ?? m);
    return o === w ? [w] : [w, o];
  });
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

/** Every way of writing "suspended" ("Tạm dừng"), matched as DONE_WORDS is. */
export const SUSPENDED_WORDS: readonly string[] = [
  'Tạm dừng',
  'Tạm ngừng',
  'Tạm hoãn',
  'Đã tạm dừng',
  'Đang tạm dừng',
  'Tạm dừng thực hiện',
  'Tạm ngừng thực hiện',
  'Dừng thực hiện',
  'Ngừng thực hiện',
  'Hoãn thực hiện',
];

/** Every way of writing "cancelled" ("Bị hủy"), matched as DONE_WORDS is; "hủy" and "huỷ" both. */
export const CANCELLED_WORDS: readonly string[] = withOldTones([
  'Bị hủy',
  'Hủy',
  'Đã hủy',
  'Hủy bỏ',
  'Bị hủy bỏ',
  'Đã hủy bỏ',
  'Hủy thực hiện',
  'Bãi bỏ',
  'Đã bãi bỏ',
]);

const keys = (words: readonly string[]): Set<string> => new Set(words.map((w) => foldKey(w)));
const DONE_KEYS = keys(DONE_WORDS);
const SUSPENDED_KEYS = keys(SUSPENDED_WORDS);
const CANCELLED_KEYS = keys(CANCELLED_WORDS);

/** Whether a typed status counts as done (see DONE_WORDS). */
export function isDone(s: string | null | undefined): boolean {
  return !!s && DONE_KEYS.has(foldKey(s));
}

/** What a typed status says about the task: done, suspended, cancelled (by the lists above), or open (anything else). */
export type StatusKind = 'done' | 'suspended' | 'cancelled' | 'open';

export function statusKind(s: string | null | undefined): StatusKind {
  if (!s) return 'open';
  const k = foldKey(s);
  if (DONE_KEYS.has(k)) return 'done';
  if (SUSPENDED_KEYS.has(k)) return 'suspended';
  if (CANCELLED_KEYS.has(k)) return 'cancelled';
  return 'open';
}

/**
 * The status a typed text names: one of the five written leniently
 * (parseStatus), or a word of the lists above ("Đã xong" → Hoàn thành,
 * "Tạm ngừng" → Tạm dừng, "Đã huỷ" → Bị hủy); null otherwise.
 */
export function statusOf(s: string | null | undefined): Status | null {
  const exact = parseStatus(s);
  if (exact) return exact;
  switch (statusKind(s)) {
    case 'done':
      return 'Hoàn thành';
    case 'suspended':
      return 'Tạm dừng';
    case 'cancelled':
      return 'Bị hủy';
    default:
      return null;
  }
}

/**
 * A routine task ("thường xuyên", "hằng năm", "định kỳ", "… và các năm tiếp
 * theo"): its deadline repeats. QĐ 23/2018 leaves such tasks out of the
 * completion rate; rollup.ts does so unless told otherwise.
 */
export function isRoutine(task: Pick<Task, 'deadline'>): boolean {
  return task.deadline.kind === 'recurring';
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
 * date). A suspended or cancelled task is that, whatever its deadline: never
 * overdue, never due soon. An unfinished task with no end date (recurring,
 * conditional, missing) has no specific deadline. Dates compare as ISO strings.
 */
export function taskStatus(task: Pick<Task, 'deadline'>, tracking: Tracking | undefined, o: StatusOptions): TaskStatus {
  const end = task.deadline.end;
  const kind = statusKind(tracking?.status);
  if (kind === 'done') {
    const doneDate = tracking?.doneDate ?? null;
    return { category: end && doneDate && doneDate > end ? 'done_late' : 'done_on_time', dueSoon: false, done: true };
  }
  if (kind === 'suspended' || kind === 'cancelled') return { category: kind, dueSoon: false, done: false };
  if (!end) return { category: 'no_deadline', dueSoon: false, done: false };
  if (o.asOf > end) return { category: 'open_overdue', dueSoon: false, done: false };
  return { category: 'open_on_time', dueSoon: daysBetween(o.asOf, end) <= o.dueSoonDays, done: false };
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

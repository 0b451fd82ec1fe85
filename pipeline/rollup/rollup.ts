import type { Task } from '../model/task.js';
import { CATEGORY_KEYS, UNRATED_CATEGORIES, type Category, type Tracking } from '../model/tracking.js';
import { isRoutine, taskStatus, type StatusOptions, type TaskStatus } from './status.js';
import { canonicalAgency } from '../normalise/agencies.js';
import { DEFAULT_AGENCIES, type AgencyDictionary } from '../normalise/agency-dictionary.js';

/**
 * Counts per lead agency and the two completion rates, as the tracking
 * systems offices already use count them. The definitions, here once (the
 * workbook's formulas, write/workbook/formulas.ts, compute the same):
 *
 * - Every task is counted in its category (model/tracking.ts CATEGORIES) and
 *   in the total.
 * - A task is *rated* (counted by the rates) unless it is suspended or
 *   cancelled, or routine (deadline kind `recurring`: "thường xuyên", "hằng
 *   năm") while `excludeRoutine` is on — the default, as QĐ 23/2018 counts.
 * - A rated task is *due* when its deadline's last day is on or before the
 *   report date.
 * - rateDue (the Government Office's rate) = rated tasks due and done ÷
 *   rated tasks due; rateAll = rated tasks done ÷ rated tasks. Each is null
 *   when its denominator is 0, and is shown beside its denominator.
 */
export interface RollupRow {
  /** Lead agency (canonical name), or the total row's label. */
  agency: string;
  counts: Record<Category, number>;
  dueSoon: number;
  total: number;
  /** Routine tasks left out of the rates (not counting those already out as suspended or cancelled); 0 when routine tasks count. */
  routine: number;
  /** Tasks the rates count: rateAll's denominator. */
  rated: number;
  /** Of them, done: rateAll's numerator. */
  ratedDone: number;
  /** Rated tasks whose deadline has come (end ≤ report date): rateDue's denominator. */
  due: number;
  /** Of them, done: rateDue's numerator. */
  dueDone: number;
  /** dueDone ÷ due; null when nothing is due yet. */
  rateDue: number | null;
  /** ratedDone ÷ rated; null when no task is rated. */
  rateAll: number | null;
}

export interface RollupOptions extends StatusOptions {
  /** Leave routine tasks out of both rates (default true, as QĐ 23/2018). */
  excludeRoutine?: boolean;
}

export interface Rollup {
  asOf: string;
  /** Whether routine tasks were left out of the rates. */
  excludeRoutine: boolean;
  rows: RollupRow[];
  total: RollupRow;
}

export const TOTAL_LABEL = 'Tổng cộng';
export const NO_LEAD_LABEL = '(Chưa xác định cơ quan chủ trì)';

/** Whether routine tasks are left out of the rates when an option does not say (QĐ 23/2018). */
export const DEFAULT_EXCLUDE_ROUTINE = true;

/** What one task adds to the rates (see RollupRow). */
export interface RateFacts {
  rated: boolean;
  due: boolean;
  done: boolean;
  /** Left out for being routine alone. */
  routine: boolean;
}

export function rateFacts(task: Pick<Task, 'deadline'>, status: TaskStatus, asOf: string, excludeRoutine: boolean): RateFacts {
  const unrated = UNRATED_CATEGORIES.includes(status.category);
  const routine = !unrated && excludeRoutine && isRoutine(task);
  const rated = !unrated && !routine;
  const end = task.deadline.end;
  return { rated, due: rated && end !== null && end <= asOf, done: status.done, routine };
}

function emptyRow(agency: string): RollupRow {
  const counts = Object.fromEntries(CATEGORY_KEYS.map((k) => [k, 0])) as Record<Category, number>;
  return { agency, counts, dueSoon: 0, total: 0, routine: 0, rated: 0, ratedDone: 0, due: 0, dueDone: 0, rateDue: null, rateAll: null };
}

function add(row: RollupRow, s: TaskStatus, f: RateFacts): void {
  row.counts[s.category]++;
  row.total++;
  if (s.dueSoon) row.dueSoon++;
  if (f.routine) row.routine++;
  if (f.rated) row.rated++;
  if (f.rated && f.done) row.ratedDone++;
  if (f.due) row.due++;
  if (f.due && f.done) row.dueDone++;
}

function finish(row: RollupRow): RollupRow {
  row.rateDue = row.due === 0 ? null : row.dueDone / row.due;
  row.rateAll = row.rated === 0 ? null : row.ratedDone / row.rated;
  return row;
}

/**
 * Counts per lead agency: a task counts once for each of its lead agencies
 * and once in the total. `agencyOf` picks the name to group by (canonical by
 * default; a successor mapping for older plans).
 */
export function rollup(
  tasks: Task[],
  tracking: Array<Tracking | undefined>,
  o: RollupOptions,
  agencyOf: (task: Task) => string[] = (t) => t.leadCanonical,
): Rollup {
  const excludeRoutine = o.excludeRoutine ?? DEFAULT_EXCLUDE_ROUTINE;
  const byAgency = new Map<string, RollupRow>();
  const total = emptyRow(TOTAL_LABEL);
  tasks.forEach((task, i) => {
    const s = taskStatus(task, tracking[i], o);
    const f = rateFacts(task, s, o.asOf, excludeRoutine);
    const agencies = [...new Set(agencyOf(task))];
    if (agencies.length === 0) agencies.push(NO_LEAD_LABEL);
    for (const a of agencies) {
      let row = byAgency.get(a);
      if (!row) byAgency.set(a, (row = emptyRow(a)));
      add(row, s, f);
    }
    add(total, s, f);
  });
  const rows = [...byAgency.values()].map(finish).sort((a, b) => b.total - a.total || a.agency.localeCompare(b.agency, 'vi'));
  return { asOf: o.asOf, excludeRoutine, rows, total: finish(total) };
}

/**
 * How a rollup names agencies. `canonical` groups aliases under one name
 * ("Sở KH&ĐT" = "Sở Kế hoạch và Đầu tư"); `today` also hands the tasks of
 * an agency that no longer exists to its successor after the 2025
 * reorganisation ("Sở Kế hoạch và Đầu tư" → "Sở Tài chính", "UBND cấp
 * huyện" → "Ủy ban nhân dân cấp xã"), so an older plan rolls up by the
 * agencies that exist today. The mapping is data (agency-dictionary.ts) a
 * user can extend.
 */
export type AgencyGrouping = 'canonical' | 'today';

export function agencyGrouper(mode: AgencyGrouping, dict: AgencyDictionary = DEFAULT_AGENCIES): (task: Task) => string[] {
  if (mode === 'canonical') return (t) => t.leadCanonical;
  return (t) =>
    t.lead.map((name) => {
      const c = canonicalAgency(name, dict);
      return c.successor ?? c.canonical;
    });
}

import { CATEGORIES, RATED_CATEGORIES, type Category } from '../../model/tracking.js';
import { CANCELLED_WORDS, DONE_WORDS, SUSPENDED_WORDS } from '../../rollup/status.js';
import { deadlineKindLabel } from '../columns.js';
import { NAME, ROLE, str, YES_NO } from './layout.js';

/**
 * The workbook's live formulas, as text (exceljs wants them without "=").
 *
 * Only functions both Excel 2010 and LibreOffice have: IF, AND, TRIM, N, ISNUMBER,
 * INDEX, MATCH, IFERROR, COUNTIF(S), SUM. No XLOOKUP, FILTER, LET or dynamic
 * arrays, so a ministry's old Excel and a LibreOffice desk compute the same.
 * Each builder mirrors a TypeScript function (rollup/status.ts taskStatus,
 * rollup/rollup.ts rollup); test/workbook.test.ts recalculates with
 * LibreOffice and compares them.
 */

/** Cell addresses of one `Nhiệm vụ` row the category formula reads. */
export interface CategoryCells {
  /** Hạn cuối (a date, blank when the deadline has no end). */
  end: string;
  /** Trạng thái as typed. */
  status: string;
  /** Ngày hoàn thành (a date, or blank). */
  doneDate: string;
}

/** Whether the typed status (TRIM, and MATCH's case-blind comparison: what rollup/status.ts statusKind does) is in a list. */
function inList(status: string, list: string): string {
  return `ISNUMBER(MATCH(TRIM(${status}),${list},0))`;
}

/**
 * `Tình trạng`: the same decision as rollup/status.ts `taskStatus`.
 *  - a status in the list of ways to write "done" (DanhMucHoanThanh) → late
 *    only when there is a deadline day (ISNUMBER: a text typed in `Hạn cuối`
 *    is none) and a completion date after it; N() turns a blank or a
 *    non-date into 0, so "done, no date" counts as on time, as in TypeScript;
 *  - a status in the lists for suspended or cancelled (DanhMucTamDung,
 *    DanhMucBiHuy) → that, whatever the deadline;
 *  - otherwise no end date → no specific deadline;
 *  - otherwise overdue only from the day after the deadline (end is the last
 *    day allowed).
 */
export function categoryFormula(c: CategoryCells): string {
  return (
    `IF(${inList(c.status, NAME.doneWords)},` +
    `IF(AND(ISNUMBER(${c.end}),N(${c.doneDate})>N(${c.end})),${str(CATEGORIES.done_late)},${str(CATEGORIES.done_on_time)}),` +
    `IF(${inList(c.status, NAME.suspendedWords)},${str(CATEGORIES.suspended)},` +
    `IF(${inList(c.status, NAME.cancelledWords)},${str(CATEGORIES.cancelled)},` +
    `IF(${c.end}="",${str(CATEGORIES.no_deadline)},` +
    `IF(${NAME.asOf}>${c.end},${str(CATEGORIES.open_overdue)},${str(CATEGORIES.open_on_time)})))))`
  );
}

/**
 * A list of words as an array constant ({"Hoàn thành",…}), for a sheet that
 * has no `Danh mục` to name (the add-in's): MATCH takes it in every Excel
 * since 2007 and in LibreOffice.
 */
function wordsArray(words: readonly string[]): string {
  return `{${words.map(str).join(',')}}`;
}

/** Each list the category formula names, as the array constant that can stand in for the name. */
export const STATUS_LIST_ARRAYS: ReadonlyArray<readonly [name: string, array: string]> = [
  [NAME.doneWords, wordsArray(DONE_WORDS)],
  [NAME.suspendedWords, wordsArray(SUSPENDED_WORDS)],
  [NAME.cancelledWords, wordsArray(CANCELLED_WORDS)],
];

/**
 * A value of the task's row on `Nhiệm vụ`, found by STT (unique in the
 * workbook), so sorting or filtering `Nhiệm vụ` does not break `Phân công`.
 * A blank source cell gives "" rather than INDEX's 0 (which would show as
 * 00/01/1900 in a date column); a row that is gone gives "".
 */
export function lookupFormula(key: string, keyColumn: string, valueColumn: string): string {
  const hit = `INDEX(${valueColumn},MATCH(${key},${keyColumn},0))`;
  return `IFERROR(IF(${hit}="","",${hit}),"")`;
}

/** Where the rollup counts: the columns of `Phân công` (whole-column references). */
export interface AssignmentColumns {
  role: string;
  agency: string;
  category: string;
  end: string;
  /** Loại thời hạn: "Thường xuyên" marks a routine task. */
  kind: string;
}

/**
 * The rows one line of `Tổng hợp` counts: the columns holding each task's
 * category, deadline end and deadline kind, and the criteria every count of
 * the line shares (the lead agency on `Phân công`; none for the total row,
 * which counts `Nhiệm vụ` itself so a task with several lead agencies counts
 * once). COUNTIFS criteria treat * ? ~ as wildcards; canonical agency names
 * hold none of them.
 */
export interface CountScope {
  category: string;
  end: string;
  kind: string;
  base: ReadonlyArray<readonly [range: string, criterion: string]>;
}

/** The tasks led by the agency named in `agencyCell`: `Phân công` holds one row per task and distinct agency. */
export function leadScope(p: AssignmentColumns, agencyCell: string): CountScope {
  return { category: p.category, end: p.end, kind: p.kind, base: [[p.role, str(ROLE.lead)], [p.agency, agencyCell]] };
}

/** Every task, on `Nhiệm vụ`. */
export function totalScope(columns: { category: string; end: string; kind: string }): CountScope {
  return { ...columns, base: [] };
}

type Criterion = readonly [range: string, criterion: string];

function countIfs(scope: CountScope, criteria: readonly Criterion[]): string {
  const all = [...scope.base, ...criteria];
  if (all.length === 1) return `COUNTIF(${all[0]![0]},${all[0]![1]})`;
  return `COUNTIFS(${all.map(([range, criterion]) => `${range},${criterion}`).join(',')})`;
}

const isCategory = (s: CountScope, k: Category): Criterion => [s.category, str(CATEGORIES[k])];
const isRoutine = (s: CountScope): Criterion => [s.kind, str(deadlineKindLabel('recurring'))];
/** Due: the deadline's last day on or before the report date (a blank or a text end matches no number). */
const isDue = (s: CountScope): Criterion => [s.end, `"<="&${NAME.asOf}`];
/** A term that counts only while the switch on `Tổng hợp` says routine tasks are left out of the rates. */
const whenExcluded = (term: string): string => `IF(${NAME.excludeRoutine}=${str(YES_NO.yes)},${term},0)`;

/** Tasks of one category. */
export function categoryCountFormula(s: CountScope, k: Category): string {
  return countIfs(s, [isCategory(s, k)]);
}

/** Unfinished tasks on time whose deadline falls within the due-soon window (taskStatus's `dueSoon`). */
export function dueSoonFormula(s: CountScope): string {
  return countIfs(s, [isCategory(s, 'open_on_time'), [s.end, dueSoonCriterion()]]);
}

/** daysBetween(asOf, end) <= dueSoonDays  ⇔  end <= asOf + dueSoonDays. */
function dueSoonCriterion(): string {
  return `"<="&(${NAME.asOf}+${NAME.dueSoonDays})`;
}

/**
 * Tasks matching `extra` in a category a rate may count (not suspended or
 * cancelled), summed category by category: a row in none of the categories
 * (a task a re-import marked as gone from the plan, a blank row) is never
 * counted, as it is not in the category columns either.
 */
function ratedOf(s: CountScope, extra: readonly Criterion[]): string {
  return RATED_CATEGORIES.map((k) => countIfs(s, [...extra, isCategory(s, k)])).join('+');
}

/** Done tasks matching `extra`. */
function doneOf(s: CountScope, extra: readonly Criterion[]): string {
  return (['done_on_time', 'done_late'] as const).map((k) => countIfs(s, [...extra, isCategory(s, k)])).join('+');
}

/**
 * The cells of a `Tổng hợp` line the rate formulas read: its own category
 * counts (rated: the first five, contiguous; done: the first two).
 */
export interface RateCells {
  /** "B7:F7": the line's counts of the rated categories (RATED_CATEGORIES). */
  ratedCounts: string;
  doneOnTime: string;
  doneLate: string;
}

/**
 * rollup.ts RollupRow.rated: the line's rated categories, less its routine
 * tasks among them while the switch is on.
 */
export function ratedFormula(s: CountScope, c: RateCells): string {
  return `SUM(${c.ratedCounts})-${whenExcluded(`(${ratedOf(s, [isRoutine(s)])})`)}`;
}

/** RollupRow.ratedDone: the line's done tasks, less the routine ones while the switch is on. */
export function ratedDoneFormula(s: CountScope, c: RateCells): string {
  return `${c.doneOnTime}+${c.doneLate}-${whenExcluded(`(${doneOf(s, [isRoutine(s)])})`)}`;
}

/** RollupRow.due: rated tasks whose deadline has come. */
export function dueFormula(s: CountScope): string {
  return `(${ratedOf(s, [isDue(s)])})-${whenExcluded(`(${ratedOf(s, [isDue(s), isRoutine(s)])})`)}`;
}

/** RollupRow.dueDone: of them, done. */
export function dueDoneFormula(s: CountScope): string {
  return `${doneOf(s, [isDue(s)])}-${whenExcluded(`(${doneOf(s, [isDue(s), isRoutine(s)])})`)}`;
}

/** A rate: numerator ÷ denominator, blank when the denominator is 0 (rollup.ts `finish`). */
export function rateFormula(numerator: string, denominator: string): string {
  return `IF(${denominator}=0,"",${numerator}/${denominator})`;
}

import { CATEGORIES } from '../../model/tracking.js';
import { DONE_WORDS } from '../../rollup/status.js';
import { NAME, ROLE, str } from './layout.js';

/**
 * The workbook's live formulas, as text (exceljs wants them without "=").
 *
 * Only functions both Excel 2010 and LibreOffice have: IF, AND, TRIM, N, ISNUMBER,
 * INDEX, MATCH, IFERROR, COUNTIF(S), SUM. No XLOOKUP, FILTER, LET or dynamic
 * arrays, so a ministry's old Excel and a LibreOffice desk compute the same.
 * Each builder mirrors a TypeScript function; test/workbook.test.ts
 * recalculates with LibreOffice and compares them.
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

/**
 * `Tình trạng`: the same decision as rollup/status.ts `taskStatus`.
 *  - a status in the list of ways to write "done" (DanhMucHoanThanh; TRIM
 *    and MATCH's case-blind comparison give the match isDone does) → late
 *    only when there is a deadline day (ISNUMBER: a text typed in `Hạn cuối`
 *    is none) and a completion date after it; N() turns
 *    a blank or a non-date into 0, so "done, no date" counts as on time, as
 *    in TypeScript;
 *  - otherwise no end date → no specific deadline;
 *  - otherwise overdue only from the day after the deadline (end is the last
 *    day allowed).
 */
export function categoryFormula(c: CategoryCells): string {
  return (
    `IF(ISNUMBER(MATCH(TRIM(${c.status}),${NAME.doneWords},0)),` +
    `IF(AND(ISNUMBER(${c.end}),N(${c.doneDate})>N(${c.end})),${str(CATEGORIES.done_late)},${str(CATEGORIES.done_on_time)}),` +
    `IF(${c.end}="",${str(CATEGORIES.no_deadline)},` +
    `IF(${NAME.asOf}>${c.end},${str(CATEGORIES.open_overdue)},${str(CATEGORIES.open_on_time)})))`
  );
}

/**
 * The list of ways to write "done" as an array constant ({"Hoàn thành",…}),
 * for a sheet that has no `Danh mục` to name (the add-in's): MATCH takes it
 * in every Excel since 2007 and in LibreOffice.
 */
export function doneWordsArray(): string {
  return `{${DONE_WORDS.map(str).join(',')}}`;
}

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
}

/**
 * Tasks of one category led by the agency named in `agencyCell`: a task
 * counts once per lead agency because `Phân công` holds one row per task and
 * distinct agency. (COUNTIFS criteria treat * ? ~ as wildcards; canonical
 * agency names hold none of them.)
 */
export function leadCountFormula(p: AssignmentColumns, agencyCell: string, category: string): string {
  return `COUNTIFS(${p.role},${str(ROLE.lead)},${p.agency},${agencyCell},${p.category},${str(category)})`;
}

/** Unfinished tasks on time whose deadline falls within the due-soon window (taskStatus's `dueSoon`). */
export function leadDueSoonFormula(p: AssignmentColumns, agencyCell: string): string {
  return `COUNTIFS(${p.role},${str(ROLE.lead)},${p.agency},${agencyCell},${p.category},${str(CATEGORIES.open_on_time)},${p.end},${dueSoonCriterion()})`;
}

/** The total row counts `Nhiệm vụ` itself, so a task with several lead agencies counts once. */
export function totalCountFormula(categoryColumn: string, category: string): string {
  return `COUNTIF(${categoryColumn},${str(category)})`;
}

export function totalDueSoonFormula(categoryColumn: string, endColumn: string): string {
  return `COUNTIFS(${categoryColumn},${str(CATEGORIES.open_on_time)},${endColumn},${dueSoonCriterion()})`;
}

/** daysBetween(asOf, end) <= dueSoonDays  ⇔  end <= asOf + dueSoonDays. */
function dueSoonCriterion(): string {
  return `"<="&(${NAME.asOf}+${NAME.dueSoonDays})`;
}

/** Completion rate = done ÷ (done + unfinished past due); blank when nothing is due yet (rollup.ts `finish`). */
export function rateFormula(doneOnTime: string, doneLate: string, openOverdue: string): string {
  const denom = `${doneOnTime}+${doneLate}+${openOverdue}`;
  return `IF(${denom}=0,"",(${doneOnTime}+${doneLate})/(${denom}))`;
}

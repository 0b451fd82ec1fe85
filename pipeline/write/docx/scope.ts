import type { Task } from '../../model/task.js';
import { foldKey } from '../../normalise/text.js';
import { rollup } from '../../rollup/rollup.js';
import type { DocumentRow, Report, ReportTask } from '../../tracking/report.js';
import { inPeriod, type Period } from './period.js';

/**
 * The part of a report a Word report speaks of: one plan or all, the tasks
 * whose deadline falls in a period or all. In: a Report (tracking/report.ts)
 * and the scope. Out: a Report of those tasks only, every count recomputed by
 * rollup() as buildReport computes them (each task under the agencies the
 * report grouped it by); the lists (overdue, due soon, conflicts) keep their
 * order; issues and files stay as read. Also: finding a plan by what a user
 * types (its number, file name, id or words of its title). Pure.
 */

export interface Scope {
  period: Period | null;
  /** A plan's key (DocumentRow.key), or null for every plan. */
  plan: string | null;
}

export function narrowReport(report: Report, scope: Scope): Report {
  if (scope.period === null && scope.plan === null) return report;
  const keep = (t: ReportTask): boolean =>
    (scope.plan === null || t.docKey === scope.plan) && (scope.period === null || inPeriod(t.task.deadline.end, scope.period));
  const tasks = report.tasks.filter(keep);
  const kept = new Set(tasks.map((t) => t.task));
  const o = { asOf: report.asOf, dueSoonDays: report.dueSoonDays, excludeRoutine: report.excludeRoutine };
  const agenciesOf = new Map<Task, string[]>(tasks.map((t) => [t.task, t.agencies]));
  const agencyOf = (task: Task): string[] => agenciesOf.get(task) ?? task.leadCanonical;
  const count = (list: readonly ReportTask[]) => rollup(list.map((t) => t.task), list.map((t) => t.tracking), o, agencyOf);
  const byAgency = count(tasks);
  const rows = report.byDocument.rows.flatMap((row): DocumentRow[] => {
    const of = tasks.filter((t) => t.docKey === row.key);
    return of.length === 0 && scope.plan !== row.key ? [] : [{ ...count(of).total, agency: row.agency, key: row.key, title: row.title }];
  });
  return {
    ...report,
    byAgency,
    byDocument: { rows, total: byAgency.total },
    tasks,
    overdue: report.overdue.filter((t) => kept.has(t.task)),
    dueSoon: report.dueSoon.filter((t) => kept.has(t.task)),
    conflicts: report.conflicts.filter((t) => kept.has(t.task)),
  };
}

/**
 * The plan a user means: the one whose number or file name (its label), id or
 * title is the text (case and accents as the reader folds them), else the one
 * whose label or title holds it. Null when none or several do.
 */
export function findPlan(report: Report, text: string): DocumentRow | null {
  const k = foldKey(text);
  if (k === '') return null;
  const rows = report.byDocument.rows;
  const exact = rows.filter((r) => [r.agency, r.key, r.title ?? ''].some((v) => foldKey(v) === k));
  if (exact.length === 1) return exact[0]!;
  const partial = rows.filter((r) => [r.agency, r.title ?? ''].some((v) => foldKey(v).includes(k)));
  return partial.length === 1 ? partial[0]! : null;
}

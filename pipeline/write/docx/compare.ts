import { foldKey } from '../../normalise/text.js';
import type { Report, ReportTask } from '../../tracking/report.js';
import type { EarlierReport, EarlierTask } from './earlier.js';

/**
 * This report against an earlier one (`--since`). In: the current Report and
 * an EarlierReport (earlier.ts). Out: the tasks done since (completed after
 * the earlier report date, or listed then as overdue or due soon and done
 * now), the tasks overdue now that the earlier report did not list as
 * overdue, and the counts per agency then and now. Tasks are matched by plan
 * label, TT and content (folded). Pure.
 */

export interface AgencyChange {
  agency: string;
  doneBefore: number | null;
  doneNow: number;
  overdueBefore: number | null;
  overdueNow: number;
}

export interface Comparison {
  earlier: EarlierReport;
  doneSince: ReportTask[];
  newlyOverdue: Array<ReportTask & { days: number }>;
  /** Overdue now and already overdue in the earlier report. */
  stillOverdue: number;
  byAgency: AgencyChange[];
  total: AgencyChange;
}

export function taskKey(doc: string, tt: string | null, content: string): string {
  return [foldKey(doc), (tt ?? '').trim(), foldKey(content).replace(/\s+/g, ' ')].join('|');
}

export function compareReports(report: Report, earlier: EarlierReport): Comparison {
  const label = new Map(report.byDocument.rows.map((r) => [r.key, r.agency]));
  const keyOf = (t: ReportTask): string => taskKey(label.get(t.docKey) ?? t.docKey, t.task.tt, t.task.content);
  const keys = (list: readonly EarlierTask[]): Set<string> => new Set(list.map((e) => taskKey(e.doc, e.tt, e.content)));
  const wasOverdue = keys(earlier.overdue);
  const wasListed = new Set([...wasOverdue, ...keys(earlier.dueSoon)]);

  const doneSince = report.tasks
    .filter((t) => {
      if (!t.status.done) return false;
      const d = t.tracking.doneDate;
      if (d !== null && earlier.asOf !== null) return d > earlier.asOf || wasListed.has(keyOf(t));
      return wasListed.has(keyOf(t));
    })
    .sort((a, b) => (a.tracking.doneDate ?? '9999').localeCompare(b.tracking.doneDate ?? '9999'));
  const newlyOverdue = report.overdue.filter((t) => !wasOverdue.has(keyOf(t)));

  const before = new Map(earlier.byAgency.map((r) => [foldKey(r.agency), r]));
  const change = (agency: string, done: number, overdue: number, was: EarlierReport['byAgency'][number] | null | undefined): AgencyChange => ({
    agency,
    doneBefore: was ? was.done : null,
    doneNow: done,
    overdueBefore: was ? was.overdue : null,
    overdueNow: overdue,
  });
  const doneOf = (c: Report['byAgency']['total']['counts']): number => c.done_on_time + c.done_late;
  const now = new Set(report.byAgency.rows.map((r) => foldKey(r.agency)));
  const byAgency = [
    ...report.byAgency.rows.map((r) => change(r.agency, doneOf(r.counts), r.counts.open_overdue, before.get(foldKey(r.agency)))),
    // An agency the earlier report counted and this one does not (its tasks left the scope): shown at 0 now.
    ...earlier.byAgency.filter((r) => !now.has(foldKey(r.agency))).map((r) => change(r.agency, 0, 0, r)),
  ];
  const t = report.byAgency.total;
  return {
    earlier,
    doneSince,
    newlyOverdue,
    stillOverdue: report.overdue.length - newlyOverdue.length,
    byAgency,
    total: change(t.agency, doneOf(t.counts), t.counts.open_overdue, earlier.total),
  };
}

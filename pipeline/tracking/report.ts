import { DEFAULT_DUE_SOON_DAYS } from '../check/rules.js';
import type { Task } from '../model/task.js';
import type { Tracking } from '../model/tracking.js';
import { agencyGrouper, rollup, type AgencyGrouping, type Rollup, type RollupRow } from '../rollup/rollup.js';
import { daysBetween, taskStatus, type StatusOptions, type TaskStatus } from '../rollup/status.js';
import type { AgencyDictionary } from '../normalise/agency-dictionary.js';
import { matchTasks } from './match.js';
import type { TrackedRow, TrackedWorkbook } from './read-tracked.js';
import { statusRank } from './values.js';

/**
 * The progress report over returned tracking workbooks (DESIGN §4). Pure.
 *
 * Copies of one plan's workbook come back from several agencies, each having
 * filled in its own tasks. A task is the same across copies when it belongs
 * to the same plan and matches by TT and content (match.ts); it is counted
 * once. What the copies say about it is merged: a blank cell says nothing,
 * so one agency's status fills another's blank. Two different statuses (or
 * two completion dates) are a conflict: listed in the report with every
 * value and where it came from, and counted at the least advanced status
 * (the latest date) until someone settles it, so a disputed task never
 * raises the completion rate.
 */
/** Sheets of the report workbook (write/report-workbook.ts); the reader refuses a workbook that has them. */
export const REPORT_SHEETS = {
  byAgency: 'Tổng hợp theo cơ quan',
  byDocument: 'Tổng hợp theo văn bản',
  overdue: 'Quá hạn',
  dueSoon: 'Sắp đến hạn',
  conflicts: 'Mâu thuẫn',
  issues: 'Cần kiểm tra',
  files: 'Tệp đã đọc',
} as const;

export interface ReportOptions {
  asOf: string;
  dueSoonDays?: number;
  /** `today` counts an agency abolished in 2025 under its successor (--by-successor). */
  grouping?: AgencyGrouping;
  agencies?: AgencyDictionary;
}

/** One copy's word on a task. */
export interface Observation {
  file: string;
  sheet: string;
  row: number;
  tracking: Tracking;
  typed: TrackedRow['typed'];
}

export interface ReportTask {
  docKey: string;
  task: Task;
  /** What the copies say, merged (the value counted). */
  tracking: Tracking;
  status: TaskStatus;
  /** Lead agencies as grouped for this report. */
  agencies: string[];
  sources: Observation[];
  /** Fields the copies disagree on; empty when they agree. */
  conflicts: Array<'status' | 'doneDate'>;
}

export interface DocumentRow extends RollupRow {
  key: string;
  title: string | null;
}

export interface Report {
  asOf: string;
  dueSoonDays: number;
  grouping: AgencyGrouping;
  byAgency: Rollup;
  byDocument: { rows: DocumentRow[]; total: RollupRow };
  tasks: ReportTask[];
  overdue: Array<ReportTask & { days: number }>;
  dueSoon: Array<ReportTask & { days: number }>;
  conflicts: ReportTask[];
  /** Cells that could not be read, row by row. */
  issues: Array<{ file: string; sheet: string; row: number; tt: string | null; message: string }>;
  files: Array<{ file: string; sheet: string; rows: number; removed: number; notes: string[] }>;
}

export function buildReport(workbooks: readonly TrackedWorkbook[], options: ReportOptions): Report {
  const o: StatusOptions = { asOf: options.asOf, dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS };
  const grouping = options.grouping ?? 'canonical';
  const agencyOf = agencyGrouper(grouping, options.agencies);
  const merged = mergeCopies(workbooks);

  const tasks: ReportTask[] = merged.map((m) => {
    const { tracking, conflicts } = resolve(m.sources);
    const agencies = [...new Set(agencyOf(m.task))];
    return { docKey: m.docKey, task: m.task, tracking, status: taskStatus(m.task, tracking, o), agencies, sources: m.sources, conflicts };
  });

  const byAgency = rollup(tasks.map((t) => t.task), tasks.map((t) => t.tracking), o, agencyOf);
  const names = documentNames(workbooks);
  const docKeys = [...new Set(tasks.map((t) => t.docKey))];
  const byDocument = {
    rows: docKeys.map((key): DocumentRow => {
      const of = tasks.filter((t) => t.docKey === key);
      const total = rollup(of.map((t) => t.task), of.map((t) => t.tracking), o, agencyOf).total;
      const name = names.get(key);
      return { ...total, agency: name?.label ?? key, key, title: name?.title ?? null };
    }),
    total: byAgency.total,
  };

  const end = (t: ReportTask): string => t.task.deadline.end!;
  const overdue = tasks
    .filter((t) => t.status.category === 'open_overdue')
    .map((t) => ({ ...t, days: daysBetween(end(t), o.asOf) }))
    .sort((a, b) => b.days - a.days);
  const dueSoon = tasks
    .filter((t) => t.status.dueSoon)
    .map((t) => ({ ...t, days: daysBetween(o.asOf, end(t)) }))
    .sort((a, b) => a.days - b.days);

  const live = workbooks.flatMap((w) => w.rows.filter((r) => !r.removed));
  return {
    asOf: o.asOf,
    dueSoonDays: o.dueSoonDays,
    grouping,
    byAgency,
    byDocument,
    tasks,
    overdue,
    dueSoon,
    conflicts: tasks.filter((t) => t.conflicts.length > 0),
    issues: live.flatMap((r) => r.issues.map((message) => ({ file: r.file, sheet: r.sheet, row: r.row, tt: r.task.tt, message }))),
    files: workbooks.map((w) => ({
      file: w.file,
      sheet: w.sheet,
      rows: w.rows.filter((r) => !r.removed).length,
      removed: w.rows.filter((r) => r.removed).length,
      notes: w.notes,
    })),
  };
}

/** The label a person knows a plan by, from the workbooks' `Văn bản` sheets, else as written on the rows. */
export function documentNames(workbooks: readonly TrackedWorkbook[]): Map<string, { label: string; title: string | null }> {
  const names = new Map<string, { label: string; title: string | null }>();
  for (const w of workbooks) for (const d of w.documents) if (!names.has(d.key)) names.set(d.key, { label: d.label, title: d.title });
  for (const w of workbooks) for (const r of w.rows) if (!names.has(r.docKey)) names.set(r.docKey, { label: r.docName, title: null });
  return names;
}

interface Merged {
  docKey: string;
  task: Task;
  sources: Observation[];
}

/**
 * One entry per distinct task, in the order first seen. Each copy is matched
 * against the tasks known so far for the same plan, one to one (a copy's
 * row is one task; two rows of one copy are two tasks). Rows a re-import
 * marked as gone from the plan are left out.
 */
function mergeCopies(workbooks: readonly TrackedWorkbook[]): Merged[] {
  const merged: Merged[] = [];
  for (const w of workbooks) {
    const byDoc = new Map<string, TrackedRow[]>();
    for (const r of w.rows) if (!r.removed) byDoc.set(r.docKey, [...(byDoc.get(r.docKey) ?? []), r]);
    for (const [key, rows] of byDoc) {
      const known = merged.filter((m) => m.docKey === key);
      const pairs = matchTasks(known.map((m) => m.task), rows.map((r) => r.task));
      const twin = new Map(pairs.map((p) => [p.b, known[p.a]!]));
      rows.forEach((r, i) => {
        const seen: Observation = { file: r.file, sheet: r.sheet, row: r.row, tracking: r.tracking, typed: r.typed };
        const m = twin.get(i);
        if (m) m.sources.push(seen);
        else merged.push({ docKey: key, task: r.task, sources: [seen] });
      });
    }
  }
  return merged;
}

/** Merge what the copies say: blanks say nothing; disagreement is a conflict, counted conservatively. */
function resolve(sources: readonly Observation[]): { tracking: Tracking; conflicts: ReportTask['conflicts'] } {
  const conflicts: ReportTask['conflicts'] = [];
  const statuses = distinct(sources.map((s) => s.tracking.status));
  if (statuses.length > 1) conflicts.push('status');
  // Least advanced first; text that is no status at all ranks below "Chưa thực hiện".
  const status = [...statuses].sort((a, b) => statusRank(a) - statusRank(b))[0] ?? null;
  const dates = distinct(sources.filter((s) => s.tracking.status === 'Hoàn thành' || statuses.length === 0).map((s) => s.tracking.doneDate));
  const anyDates = distinct(sources.map((s) => s.tracking.doneDate));
  if (status === 'Hoàn thành' && dates.length > 1) conflicts.push('doneDate');
  const doneDate = [...(dates.length > 0 ? dates : anyDates)].sort().pop() ?? null;
  const notes = distinct(sources.map((s) => s.tracking.notes));
  return { tracking: { status, doneDate, notes: notes.length > 0 ? notes.join('\n') : null }, conflicts };
}

/** Distinct non-blank values, first seen first; statuses compare as the reader normalised them. */
function distinct(values: ReadonlyArray<string | null>): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== null && v.trim() !== '' && !out.includes(v)) out.push(v);
  return out;
}

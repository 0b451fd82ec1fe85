import { dmy } from '../normalise/deadline.js';
import { DEFAULT_DUE_SOON_DAYS } from '../check/rules.js';
import type { Task } from '../model/task.js';
import type { Tracking } from '../model/tracking.js';
import { agencyGrouper, DEFAULT_EXCLUDE_ROUTINE, rollup, type AgencyGrouping, type Rollup, type RollupOptions, type RollupRow } from '../rollup/rollup.js';
import { daysBetween, taskStatus, type TaskStatus } from '../rollup/status.js';
import type { AgencyDictionary } from '../normalise/agency-dictionary.js';
import { matchTasks } from './match.js';
import { workbookStem } from './changes.js';
import { docKey, type TrackedRow, type TrackedWorkbook } from './read-tracked.js';
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
  /** Routine tasks left out of the completion rates (default true, rollup/rollup.ts). */
  excludeRoutine?: boolean;
}

/** One copy's word on a task. */
export interface Observation {
  file: string;
  sheet: string;
  row: number;
  tracking: Tracking;
  typed: TrackedRow['typed'];
  /** The deadline's end as this copy has it. */
  end: string | null;
  /** Version of the plan the copy follows (0 when it does not say). */
  version: number;
  /** The agency that sent this copy back, when known (canonical). */
  agency: string | null;
  /** The workbook this copy is a version of (its file name without an update's backup mark). */
  lineage: string;
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
  conflicts: Array<'status' | 'doneDate' | 'deadline'>;
}

export interface DocumentRow extends RollupRow {
  key: string;
  title: string | null;
}

export interface Report {
  asOf: string;
  dueSoonDays: number;
  grouping: AgencyGrouping;
  /** Whether routine tasks were left out of the completion rates. */
  excludeRoutine: boolean;
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
  const o: Required<RollupOptions> = {
    asOf: options.asOf,
    dueSoonDays: options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS,
    excludeRoutine: options.excludeRoutine ?? DEFAULT_EXCLUDE_ROUTINE,
  };
  const grouping = options.grouping ?? 'canonical';
  const agencyOf = agencyGrouper(grouping, options.agencies);
  workbooks = keyedByPlan(workbooks);
  const { merged, notes: mergeNotes, ambiguous } = mergeCopies(workbooks);

  const tasks: ReportTask[] = merged.map((m) => {
    const { tracking, end, conflicts } = resolve(m.task, m.sources);
    const task = end === m.task.deadline.end ? m.task : { ...m.task, deadline: { ...m.task.deadline, end } };
    const agencies = [...new Set(agencyOf(task))];
    return { docKey: m.docKey, task, tracking, status: taskStatus(task, tracking, o), agencies, sources: m.sources, conflicts };
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
  // A completion date after the report date is a typing slip or a promise, not a fact: counted as typed, shown for checking.
  const future = tasks.flatMap((t) => {
    const d = t.tracking.doneDate;
    const src = d !== null && d > o.asOf ? t.sources.find((x) => x.tracking.doneDate === d) : undefined;
    return src ? [{ file: src.file, sheet: src.sheet, row: src.row, tt: t.task.tt, message: `ngày hoàn thành ${dmy(d!)} sau ngày báo cáo ${dmy(o.asOf)}: cần xem lại ngày đã ghi` }] : [];
  });
  return {
    asOf: o.asOf,
    dueSoonDays: o.dueSoonDays,
    grouping,
    excludeRoutine: o.excludeRoutine,
    byAgency,
    byDocument,
    tasks,
    overdue,
    dueSoon,
    conflicts: tasks.filter((t) => t.conflicts.length > 0),
    issues: [...live.flatMap((r) => r.issues.map((message) => ({ file: r.file, sheet: r.sheet, row: r.row, tt: r.task.tt, message }))), ...ambiguous, ...future],
    files: workbooks.map((w) => ({
      file: w.file,
      sheet: w.sheet,
      rows: w.rows.filter((r) => !r.removed).length,
      removed: w.rows.filter((r) => r.removed).length,
      notes: [...w.notes, ...(mergeNotes.get(w.file) ?? [])],
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

type Issue = Report['issues'][number];

/**
 * One entry per distinct task. A plan is known by its id, not by a file
 * name (read-tracked.ts), so every copy of it, renamed or not, and the
 * backup an update keeps, are one plan. Copies are taken newest version of
 * the plan first: its tasks are the plan's tasks. A copy of an older version
 * (returned before an amendment, or an update's backup) gives its answers to
 * the tasks it shares with the newest, and its other rows (tasks since
 * removed or reworded beyond matching) are not counted, with a note. Each
 * copy is matched against the tasks known so far for the same plan, one to
 * one, by TT, content and lead (match.ts); a guess between equal candidates
 * is listed for checking. Rows a re-import marked as gone are left out.
 */
function mergeCopies(workbooks: readonly TrackedWorkbook[]): { merged: Merged[]; notes: Map<string, string[]>; ambiguous: Issue[] } {
  const versionOf = (w: TrackedWorkbook, key: string): number => w.documents.find((d) => d.key === key)?.version ?? 0;
  // One slice per workbook and plan, the newest version of each plan first (file order among equals).
  const slices = workbooks.flatMap((w, i) => {
    const byDoc = new Map<string, TrackedRow[]>();
    for (const r of w.rows) if (!r.removed) byDoc.set(r.docKey, [...(byDoc.get(r.docKey) ?? []), r]);
    return [...byDoc].map(([key, rows]) => ({ w, i, key, rows, version: versionOf(w, key) }));
  });
  const newest = new Map<string, number>();
  for (const x of slices) newest.set(x.key, Math.max(newest.get(x.key) ?? 0, x.version));
  slices.sort((x, y) => y.version - x.version || x.i - y.i);

  const merged: Merged[] = [];
  const notes = new Map<string, string[]>();
  const ambiguous: Issue[] = [];
  for (const { w, key, rows, version } of slices) {
    const stale = version < (newest.get(key) ?? 0);
    const known = merged.filter((m) => m.docKey === key);
    const pairs = matchTasks(known.map((m) => m.task), rows.map((r) => r.task));
    const twin = new Map(pairs.map((p) => [p.b, { m: known[p.a]!, ambiguous: p.ambiguous }]));
    let dropped = 0;
    rows.forEach((r, i) => {
      const seen: Observation = {
        file: r.file,
        sheet: r.sheet,
        row: r.row,
        tracking: r.tracking,
        typed: r.typed,
        end: r.task.deadline.end,
        version,
        agency: w.agency,
        lineage: lineageOf(r.file),
      };
      const t = twin.get(i);
      if (t) {
        t.m.sources.push(seen);
        if (t.ambiguous) {
          ambiguous.push({ file: r.file, sheet: r.sheet, row: r.row, tt: r.task.tt, message: 'dòng này giống hệt một nhiệm vụ khác (cùng nội dung, số thứ tự và cơ quan chủ trì): đã ghép theo thứ tự, cần xem lại' });
        }
      } else if (stale) dropped++;
      else merged.push({ docKey: key, task: r.task, sources: [seen] });
    });
    if (dropped > 0) {
      const list = notes.get(w.file) ?? [];
      list.push(`${dropped} nhiệm vụ chỉ có trong bản cũ (phiên bản ${version}) của kế hoạch, không còn trong bản mới nhất (phiên bản ${newest.get(key)}): không tính`);
      notes.set(w.file, list);
    }
  }
  return { merged, notes, ambiguous };
}

/**
 * Copies of one workbook over time: the file and the dated copies an update
 * keeps beside it ("x.xlsx", "x.truoc-cap-nhat-2026-07-01.xlsx"). Within one
 * lineage the newer version speaks; across lineages (two agencies) the
 * answers are peers.
 */
function lineageOf(file: string): string {
  return workbookStem(file).toLowerCase();
}

/**
 * Rows of a copy that has no `Văn bản` sheet (a CSV, a sheet copied into an
 * agency's own file) are keyed by their plan's file name: when another copy
 * names that file on its `Văn bản` sheet, they are that plan's rows.
 */
function keyedByPlan(workbooks: readonly TrackedWorkbook[]): TrackedWorkbook[] {
  const planOfFile = new Map<string, string>();
  for (const w of workbooks) for (const d of w.documents) if (!planOfFile.has(docKey(d.file))) planOfFile.set(docKey(d.file), d.key);
  return workbooks.map((w) =>
    w.rows.some((r) => planOfFile.has(r.docKey)) ? { ...w, rows: w.rows.map((r) => (planOfFile.has(r.docKey) ? { ...r, docKey: planOfFile.get(r.docKey)! } : r)) } : w,
  );
}

/**
 * Merge what the copies say about one task. The lead agency's own copy
 * speaks for its task: when it answered, a pre-filled or stale value in
 * other agencies' copies is not a disagreement. Within one workbook's
 * lineage (a file and the backups an update kept) the newest version
 * speaks. Blanks say nothing. What is left and still differs is a conflict,
 * never settled by file order: the least advanced status, the latest
 * completion date and the earliest deadline are counted, so a disputed task
 * never raises the completion rate or hides a delay.
 */
function resolve(task: Task, sources: readonly Observation[]): { tracking: Tracking; end: string | null; conflicts: ReportTask['conflicts'] } {
  const conflicts: ReportTask['conflicts'] = [];
  const leads = new Set(task.leadCanonical);
  const fromLead = sources.filter((s) => s.agency !== null && leads.has(s.agency));
  const speaking = (pick: (s: Observation) => string | null, pool: readonly Observation[] = sources): string[] => {
    const answered = (fromLead.some((s) => filled(pick(s))) ? fromLead : pool).filter((s) => filled(pick(s)));
    return distinct(newestOfLineage(answered).map(pick));
  };

  const statuses = speaking((s) => s.tracking.status);
  if (statuses.length > 1) conflicts.push('status');
  // Least advanced first; text that is no status at all ranks below "Chưa thực hiện".
  const status = [...statuses].sort((a, b) => statusRank(a) - statusRank(b))[0] ?? null;
  // A completion date counts from the copies that say the task is done (from all when none says anything).
  const dates = speaking((s) => s.tracking.doneDate, sources.filter((s) => s.tracking.status === 'Hoàn thành' || statuses.length === 0));
  if (status === 'Hoàn thành' && dates.length > 1) conflicts.push('doneDate');
  const doneDate = [...dates].sort().pop() ?? null;
  const notes = distinct(sources.map((s) => s.tracking.notes));

  // Deadlines are the plan's: the newest version's copies decide; a copy without one says nothing.
  const latest = Math.max(...sources.map((s) => s.version));
  const ends = distinct(sources.filter((s) => s.version === latest).map((s) => s.end));
  if (ends.length > 1) conflicts.push('deadline');
  const end = [...ends].sort()[0] ?? null;
  return { tracking: { status, doneDate, notes: notes.length > 0 ? notes.join('\n') : null }, end, conflicts };
}

/** Of each lineage's observations, those of its newest version. */
function newestOfLineage(list: readonly Observation[]): Observation[] {
  const top = new Map<string, number>();
  for (const s of list) top.set(s.lineage, Math.max(top.get(s.lineage) ?? -1, s.version));
  return list.filter((s) => s.version === top.get(s.lineage));
}

function filled(v: string | null): boolean {
  return v !== null && v.trim() !== '';
}

/** Distinct non-blank values, first seen first; statuses compare as the reader normalised them. */
function distinct(values: ReadonlyArray<string | null>): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== null && v.trim() !== '' && !out.includes(v)) out.push(v);
  return out;
}


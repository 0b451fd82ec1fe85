import type { ConvertedDocument } from '../model/document.js';
import { emptyRaw } from '../model/raw.js';
import type { Task } from '../model/task.js';
import type { Tracking } from '../model/tracking.js';
import { dmy, parseDeadline } from '../normalise/deadline.js';
import { normaliseTask } from '../normalise/task.js';
import { cleanText } from '../normalise/text.js';
import { matchTasks, ttKey } from './match.js';
import { tokenSet } from '../normalise/similarity.js';
import { PlanError } from '../model/errors.js';
import { canonicalAgency } from '../normalise/agencies.js';
import { perAgencyDocs } from '../write/per-agency.js';
import { readOldWorkbook, type OldRow, type OldWorkbook } from './reimport-read.js';
import { writeReimported, type MergedRow } from './reimport-write.js';
import type { Change, ChangeKind, ReimportOptions } from './changes.js';
import { readDay, readStatus } from './values.js';

/**
 * Re-import: an amended version of a plan into the tracking workbook staff
 * have been filling in (`convert <amended plan> --into <tracking.xlsx>`).
 * Pure: bytes in, bytes out.
 *
 * Rows are matched to the amended tasks by TT and content, then content
 * alone (match.ts), so rows inserted above a task, or a reworded task, do
 * not lose their status. Then the workbook is rebuilt from the merged task
 * list with the same sheet builders as write/workbook.ts, and what the user
 * typed is written back into it (reimport-write.ts).
 *
 * Why rebuild rather than edit in place: `Phân công` has a row per task and
 * agency, `Tổng hợp` a row per lead agency, `Danh mục` the agency list, and
 * the table, validations and conditional formats span the task rows; a new
 * task or a changed agency touches all of them. Rebuilding makes every
 * formula right by construction, and is the code the plain workbook is
 * already tested with (LibreOffice recalculation). What is the user's is
 * carried over explicitly: the status, completion date and notes cells
 * (value, format, comment), every column and sheet that is not ours, the
 * due-soon setting, agencies added to the dropdown list, and the change log.
 * What is not kept: the order and widths of our columns and formats the
 * user put on cells we write (cosmetic); what exceljs cannot read at all
 * (charts, pictures, pivot tables); and a user's formula that points at a
 * `Nhiệm vụ` row by address keeps its address while tasks move.
 *
 * Nothing is ever deleted: a task gone from the plan stays, struck through,
 * marked "Đã bỏ khỏi kế hoạch" and no longer counted; a plan value that
 * changed (or that the user had edited in a plan column) is replaced and its
 * old value kept in the change log.
 */
export { CHANGE_LABEL, type Change, type ChangeKind, type ReimportOptions } from './changes.js';

export async function reimport(
  existing: Uint8Array,
  amended: ConvertedDocument,
  options: ReimportOptions,
): Promise<{ bytes: Uint8Array; changes: Change[] }> {
  const file = options.file ?? 'sổ theo dõi';
  const old = await readOldWorkbook(file, existing);
  // An agency's own copy (convert --per-agency) is updated with that agency's share of the amended plan.
  if (old.plan?.reporter) amended = shareOf(amended, old.plan.reporter);
  const merged = mergeRows(old.rows, amended.tasks);
  if (!options.force) refuseOtherPlan(file, old, amended, merged);
  const changes = merged.flatMap((m, i) => changesOf(m, i + 2));
  const { bytes, notes } = await writeReimported(old, amended, merged, changes, options);
  return { bytes, changes: [...changes, ...notes] };
}

function shareOf(doc: ConvertedDocument, reporter: string): ConvertedDocument {
  const agency = canonicalAgency(reporter).canonical;
  return perAgencyDocs(doc).copies.find((c) => c.agency === agency)?.doc ?? { ...doc, tasks: [], findings: [] };
}

/** Below this share of the workbook's tasks found again in the plan, the plan is taken for another one. */
export const SAME_PLAN_MIN = 0.5;

/**
 * An amendment keeps most of the plan's tasks; another plan shares next to
 * none, and updating with it would strike every task the agencies are
 * working on. Refused (the user may insist with --force) when at least three
 * tasks were tracked and fewer than half of them are found in the plan given.
 */
function refuseOtherPlan(file: string, old: OldWorkbook, amended: ConvertedDocument, merged: readonly MergedRow[]): void {
  const tracked = old.rows.filter((r) => !r.removed && !r.manual).length;
  const found = merged.filter((m) => m.old !== null && !m.old.removed && !m.old.manual && (m.state === 'kept' || m.state === 'restored')).length;
  if (tracked < 3 || found >= SAME_PLAN_MIN * tracked) return;
  const ours = old.plan?.number ?? old.plan?.label ?? file;
  const theirs = amended.document.number ?? amended.source.file;
  throw new PlanError(
    'tracking.other_plan',
    `${amended.source.file} (${theirs}) có vẻ không phải bản sửa đổi của kế hoạch mà ${file} theo dõi (${ours}): chỉ ${found}/${tracked} nhiệm vụ khớp. Không cập nhật; nếu đúng là bản sửa đổi, chạy lại với --force`,
    `${amended.source.file} (${theirs}) does not look like an amendment of the plan ${file} tracks (${ours}): only ${found} of ${tracked} tasks match. Nothing updated; if it is the amendment, run again with --force`,
  );
}

/**
 * The new task list: the amended plan's tasks in its order, each with its
 * old row when it had one; then every old row no task matched, kept after
 * the row it followed before (so a removed task stays among its neighbours).
 */
export function mergeRows(oldRows: readonly OldRow[], tasks: readonly Task[]): MergedRow[] {
  const oldTasks = oldRows.map((r, i) => taskOfRow(r, i));
  const pairs = matchTasks(oldTasks, tasks);
  const oldOf = new Map(pairs.map((p) => [p.b, p.a]));
  const newOf = new Map(pairs.map((p) => [p.a, p.b]));
  const guessed = new Set(pairs.filter((p) => p.ambiguous).map((p) => p.b));
  const splitOf = splitRows(oldRows, oldTasks, tasks, newOf);

  // Unmatched old rows, grouped under the amended task they should follow (-1: before the first).
  const after = new Map<number, MergedRow[]>();
  let anchor = -1;
  oldRows.forEach((r, i) => {
    const j = newOf.get(i);
    if (j !== undefined) {
      anchor = j;
      return;
    }
    const list = after.get(anchor) ?? [];
    list.push({ task: oldTasks[i]!, old: r, tracking: trackingOf(r), state: r.manual ? 'manual' : splitOf.has(i) ? 'split' : 'removed' });
    after.set(anchor, list);
  });

  const out: MergedRow[] = [...(after.get(-1) ?? [])];
  tasks.forEach((task, j) => {
    const i = oldOf.get(j);
    const r = i === undefined ? undefined : oldRows[i];
    if (!r) out.push({ task, old: null, tracking: undefined, state: 'added' });
    else {
      const state = r.removed ? 'restored' : 'kept';
      out.push({ task: keepUserDeadline(task, r), old: r, tracking: trackingOf(r), state, ...(guessed.has(j) ? { ambiguous: true } : {}) });
    }
    out.push(...(after.get(j) ?? []));
  });
  return out;
}

/**
 * Old rows a person made by splitting a plan task in two: unmatched, in a
 * run of adjacent rows with the same TT where one row matched (so a task "1"
 * of another section, where numbering restarts, is not taken for a part),
 * and nearly all of their words (80 %) among that task's words. They stay as
 * the user's rows, not struck as removed.
 */
function splitRows(oldRows: readonly OldRow[], oldTasks: readonly Task[], tasks: readonly Task[], newOf: ReadonlyMap<number, number>): Set<number> {
  const out = new Set<number>();
  const tt = (i: number): string | null => ttKey(oldTasks[i]?.tt);
  oldRows.forEach((r, i) => {
    if (newOf.has(i) || r.manual || r.removed || tt(i) === null) return;
    let j: number | undefined;
    for (const step of [-1, 1]) {
      for (let k = i + step; k >= 0 && k < oldRows.length && tt(k) === tt(i) && j === undefined; k += step) j = newOf.get(k);
    }
    if (j === undefined) return;
    const words = tokenSet(oldTasks[i]!.content);
    const within = tokenSet(tasks[j]!.content);
    let shared = 0;
    for (const w of words) if (within.has(w)) shared++;
    if (words.size > 0 && shared / words.size >= SPLIT_WITHIN) out.add(i);
  });
  return out;
}

const SPLIT_WITHIN = 0.8;

/** An old row as a task: how a removed task is written again, and what matching compares. */
function taskOfRow(r: OldRow, index: number): Task {
  const raw = emptyRaw('sheet', r.row, null);
  const orNull = (s: string): string | null => (s === '' ? null : s);
  raw.tt = orNull(r.text('tt'));
  raw.group = orNull(r.text('group'));
  raw.content = r.text('content');
  raw.lead = orNull(r.text('lead'));
  raw.support = orNull(r.text('support'));
  raw.deadline = orNull(r.text('deadlineRaw'));
  raw.approval = orNull(r.text('approval'));
  raw.product = orNull(r.text('product'));
  const task = normaliseTask(raw, index);
  // A prefix of its own, so a kept row never shares an id with an amended task (findings point by id).
  task.id = `X${task.id}`;
  const end = readDay(r.text('deadlineEnd'));
  if (end !== null || r.text('deadlineEnd') === '') task.deadline = { ...task.deadline, end };
  return task;
}

function trackingOf(r: OldRow): Tracking {
  const notes = r.text('notes');
  return {
    status: readStatus(r.text('status')).status,
    doneDate: readDay(r.text('doneDate')),
    notes: notes === '' ? null : notes,
  };
}

/**
 * A `Hạn cuối` the user typed (a conditional deadline that got a date, a
 * corrected day) is theirs while the plan's deadline text stays the same;
 * when the plan changes the deadline, the plan wins and the log keeps the old.
 */
function keepUserDeadline(task: Task, r: OldRow): Task {
  const typedEnd = r.text('deadlineEnd');
  const oldRaw = r.text('deadlineRaw');
  if (same(oldRaw, task.deadline.raw ?? '') && typedEnd !== '') {
    const end = readDay(typedEnd);
    if (end !== null && end !== parseDeadline(oldRaw === '' ? null : oldRaw).end) return { ...task, deadline: { ...task.deadline, end } };
  }
  return task;
}

function same(a: string, b: string): boolean {
  return cleanText(a) === cleanText(b);
}

const PLAIN_FIELDS: ReadonlyArray<[ChangeKind, (t: Task) => string, Parameters<OldRow['text']>[0]]> = [
  ['tt', (t) => t.tt ?? '', 'tt'],
  ['content', (t) => t.content, 'content'],
  ['lead', (t) => t.lead.join('; '), 'lead'],
  ['support', (t) => t.support.join('; '), 'support'],
  ['group', (t) => t.group ?? '', 'group'],
  ['approval', (t) => t.approval ?? '', 'approval'],
  ['product', (t) => t.product ?? '', 'product'],
];

/** What the update does to one row, for the log. */
function changesOf(m: MergedRow, row: number): Change[] {
  const base = { tt: m.task.tt, content: m.task.content, row };
  if (m.state === 'added') return [{ ...base, kind: 'added', old: null, new: m.task.content }];
  if (m.state === 'manual' || m.state === 'split' || !m.old) return [];
  if (m.state === 'removed') return m.old.removed ? [] : [{ ...base, kind: 'removed', old: m.task.content, new: null }];
  const r = m.old;
  const out: Change[] = [];
  if (m.state === 'restored') out.push({ ...base, kind: 'restored', old: null, new: m.task.content });
  if (m.ambiguous) out.push({ ...base, kind: 'ambiguous', old: null, new: null });
  for (const [kind, now, key] of PLAIN_FIELDS) {
    // A column the user deleted says nothing about the plan.
    if (!r.has(key)) continue;
    const before = r.text(key);
    if (!same(before, now(m.task))) out.push({ ...base, kind, old: before || null, new: now(m.task) || null });
  }
  const withEnd = r.has('deadlineEnd');
  const before = deadlineText(r.text('deadlineRaw'), withEnd ? readDay(r.text('deadlineEnd')) : null);
  const after = deadlineText(m.task.deadline.raw ?? '', withEnd ? m.task.deadline.end : null);
  if (!same(before, after)) out.push({ ...base, kind: 'deadline', old: before || null, new: after || null });
  return out;
}

/** "Quý II/2026 (hạn cuối 30/06/2026)": the text and the day the sheet computes with. */
function deadlineText(raw: string, end: string | null): string {
  if (end === null) return raw;
  return `${raw}${raw ? ' ' : ''}(hạn cuối ${dmy(end)})`.trim();
}

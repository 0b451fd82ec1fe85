/**
 * A task table on a sheet → the core's tasks. Two kinds of sheet:
 * - ours: the `Nhiệm vụ` layout (written by the add-in or the CLI), found by
 *   its headers; each row is a task, read column by column, the text
 *   normalised again by the core (agencies split, deadline parsed);
 * - any other sheet whose header row names task fields (the same synonyms
 *   the core uses for documents, find/headers.ts): its rows go through the
 *   core's table assembly, as a plan's appendix would.
 * Only the columns the rules need are read, and for `Nội dung` on our sheet
 * only whether it is empty, which keeps a 20,000-row read under Excel on the
 * web's payload cap.
 */
import type { Doc, TableRow } from '../../../pipeline/model/doc.js';
import { emptyRaw } from '../../../pipeline/model/raw.js';
import type { Task, TaskField } from '../../../pipeline/model/index.js';
import type { Tracking } from '../../../pipeline/model/tracking.js';
import { extractTasks } from '../../../pipeline/extract.js';
import { mapHeader, type Field } from '../../../pipeline/find/headers.js';
import { foldKey } from '../../../pipeline/normalise/text.js';
import { normaliseTask } from '../../../pipeline/normalise/task.js';
import { FIELD_COLUMN_KEY, TASK_COLUMNS } from '../../../pipeline/write/columns.js';
import { serialToIso } from '../excel/address.js';
import type { CellValue, ColumnRead, ReadPlan, SheetHead, SheetRead } from '../excel/adapter.js';

/** Tracking columns found by name on any sheet. */
type TrackKey = 'status' | 'doneDate' | 'warnings';

export type Located =
  | { kind: 'ours'; headerRow: number; col: Record<string, number> }
  | { kind: 'foreign'; headerRow: number; fields: Partial<Record<Field, number>>; track: Partial<Record<TrackKey, number>>; c0: number; c1: number };

const OUR_HEADERS = new Map(TASK_COLUMNS.map((c) => [foldKey(c.header), c.key]));
const TRACK_HEADERS: Record<string, TrackKey> = {
  [foldKey('Trạng thái')]: 'status',
  [foldKey('Ngày hoàn thành')]: 'doneDate',
  [foldKey('Cảnh báo')]: 'warnings',
};

const OUR_FIELD_KEY = FIELD_COLUMN_KEY;

const text = (v: CellValue | undefined): string => (v === undefined || v === null ? '' : String(v)).trim();

/** Find the header row in the sheet's top-left window. */
export function locate(head: SheetHead): Located | null {
  if (!head.used) return null;
  for (let r = 0; r < head.head.length; r++) {
    const cells = (head.head[r] ?? []).map((v) => text(v));
    if (cells.every((c) => c === '')) continue;
    const col: Record<string, number> = {};
    cells.forEach((c, j) => {
      const key = OUR_HEADERS.get(foldKey(c));
      if (key && col[key] === undefined) col[key] = j;
    });
    if (col.tt !== undefined && col.content !== undefined && (col.lead !== undefined || col.deadlineRaw !== undefined)) {
      return { kind: 'ours', headerRow: r, col };
    }
    const map = mapHeader(cells);
    if (map) {
      const fields: Partial<Record<Field, number>> = {};
      map.fields.forEach((f, j) => {
        if (f && fields[f] === undefined) fields[f] = j;
      });
      const track: Partial<Record<TrackKey, number>> = {};
      cells.forEach((c, j) => {
        const k = TRACK_HEADERS[foldKey(c)];
        if (k && track[k] === undefined) track[k] = j;
      });
      // The table ends with its header's last named column: a sheet formatted out to column XFD is not read that far.
      const first = cells.findIndex((c) => c !== '');
      const last = cells.reduce((m, c, j) => (c !== '' ? j : m), 0);
      return { kind: 'foreign', headerRow: r, fields, track, c0: Math.min(head.used.c0, first), c1: last };
    }
  }
  return null;
}

/** Columns a finding may point at, present on the sheet. */
function markableColumns(loc: Located): number[] {
  if (loc.kind === 'ours') {
    return ['tt', 'content', 'lead', 'deadlineRaw', 'status', 'doneDate', 'support', 'approval', 'product']
      .map((k) => loc.col[k])
      .filter((c): c is number => c !== undefined);
  }
  const cols = [...Object.values(loc.fields), loc.track.status, loc.track.doneDate].filter((c): c is number => c !== undefined);
  return [...new Set(cols)];
}

/** What to read of a located table; `withText` reads the task texts too (a report quotes them; a check only asks whether they are empty). */
export function readPlan(loc: Located, head: SheetHead, withText = false): ReadPlan {
  const firstRow = loc.headerRow + 1;
  // Values only where Excel can tell (a sheet formatted far down is not read to its end).
  const lastRow = Math.max(firstRow - 1, (head.usedValues ?? head.used)?.r1 ?? 0);
  if (loc.kind === 'ours') {
    const wanted: Array<[string, 'values' | 'types']> = [
      ['tt', 'values'],
      ['group', 'values'],
      ['content', withText ? 'values' : 'types'],
      ['lead', 'values'],
      ['deadlineRaw', 'values'],
      ['status', 'values'],
      ['doneDate', 'values'],
    ];
    const columns: ColumnRead[] = wanted.flatMap(([k, as]) => (loc.col[k] === undefined ? [] : [{ col: loc.col[k]!, as }]));
    // The note column is read exactly: a check overwrites it and must be able to put every cell back.
    if (loc.col.warnings !== undefined) columns.push({ col: loc.col.warnings, as: 'exact' });
    return { firstRow, lastRow, columns, fillColumns: markableColumns(loc) };
  }
  const columns: ColumnRead[] = [];
  for (let c = loc.c0; c <= loc.c1; c++) columns.push({ col: c, as: c === loc.track.warnings ? 'exact' : 'values' });
  // The header row is read again with the data, so the core sees the whole table.
  return { firstRow: loc.headerRow, lastRow, columns, fillColumns: markableColumns(loc) };
}

export interface SheetTasks {
  tasks: Task[];
  tracking: Array<Tracking | undefined>;
  /** 0-based sheet row of each task. */
  rowOf: number[];
  /** Column (0-based) a finding on a field points at. */
  columnOf: (field: TaskField) => number;
  /** First and last data row (0-based). */
  firstRow: number;
  lastRow: number;
}

/** A non-empty content cell on our sheet: the rules only ask whether it is empty, so its text is not read. */
export const CONTENT_PRESENT = '(có nội dung)';

export function tasksFromSheet(loc: Located, read: SheetRead): SheetTasks {
  const { plan } = read;
  const cell = (col: number | undefined, i: number): CellValue => (col === undefined ? '' : (read.columns.get(col)?.[i] ?? ''));
  const tasks: Task[] = [];
  const tracking: Array<Tracking | undefined> = [];
  const rowOf: number[] = [];

  if (loc.kind === 'ours') {
    const c = loc.col;
    const n = plan.lastRow - plan.firstRow + 1;
    // Read as text for a report; as types only for a check, which asks only whether it is empty.
    const contentAsText = plan.columns.some((x) => x.col === c.content && x.as === 'values');
    for (let i = 0; i < n; i++) {
      const tt = text(cell(c.tt, i));
      const group = text(cell(c.group, i));
      const hasContent = c.content !== undefined && cell(c.content, i) !== 'Empty' && cell(c.content, i) !== '';
      const lead = text(cell(c.lead, i));
      const deadline = text(cell(c.deadlineRaw, i));
      const status = text(cell(c.status, i));
      const done = cell(c.doneDate, i);
      if (!tt && !group && !hasContent && !lead && !deadline && !status && text(done) === '') continue;
      const row = plan.firstRow + i;
      const raw = emptyRaw('sheet', row + 1, null);
      raw.tt = tt || null;
      raw.group = group || null;
      raw.content = !hasContent ? '' : contentAsText ? text(cell(c.content, i)) : CONTENT_PRESENT;
      raw.lead = lead || null;
      raw.deadline = deadline || null;
      tasks.push(normaliseTask(raw, tasks.length));
      tracking.push(trackingOf(status, done));
      rowOf.push(row);
    }
    const columnOf = (field: TaskField) => c[OUR_FIELD_KEY[field]] ?? c.content ?? 0;
    return { tasks, tracking, rowOf, columnOf, firstRow: plan.firstRow, lastRow: plan.lastRow };
  }

  // Any other sheet: the core reads its rows as it reads a table in a document.
  const rows: TableRow[] = [];
  const n = plan.lastRow - plan.firstRow + 1;
  for (let i = 0; i < n; i++) {
    const cells = [];
    for (let col = loc.c0; col <= loc.c1; col++) {
      const v = cell(col, i);
      cells.push({ text: cellText(v, col === loc.fields.deadline) });
    }
    if (cells.every((x) => x.text.trim() === '')) continue;
    rows.push({ cells, line: plan.firstRow + i + 1 });
  }
  const doc: Doc = { file: read.head.sheetName, format: 'xlsx', blocks: rows.length ? [{ kind: 'table', line: rows[0]!.line, rows }] : [] };
  const raws = extractTasks(doc);
  raws.forEach((raw, k) => {
    const row = (raw.origin.line ?? plan.firstRow + 1) - 1;
    const i = row - plan.firstRow;
    tasks.push(normaliseTask(raw, k));
    tracking.push(trackingOf(text(cell(loc.track.status, i)), cell(loc.track.doneDate, i)));
    rowOf.push(row);
  });
  const f = loc.fields;
  const fieldCol: Record<TaskField, number | undefined> = {
    tt: f.tt,
    content: f.content,
    lead: f.lead,
    support: f.support,
    deadline: f.deadline,
    approval: f.approval,
    product: f.product,
    status: loc.track.status,
    doneDate: loc.track.doneDate,
  };
  const columnOf = (field: TaskField) => fieldCol[field] ?? f.content ?? loc.c0;
  return { tasks, tracking, rowOf, columnOf, firstRow: plan.firstRow + 1, lastRow: plan.lastRow };
}

/** A typed status and completion date; a date is an Excel serial or text "d/m/yyyy" / "yyyy-mm-dd". */
function trackingOf(status: string, done: CellValue): Tracking | undefined {
  const doneDate = dateOf(done);
  if (!status && !doneDate) return undefined;
  return { status: status || null, doneDate, notes: null };
}

export function dateOf(v: CellValue): string | null {
  if (typeof v === 'number' && v > 0 && v < 2_958_466) return serialToIso(v);
  const s = text(v);
  let m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})/);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

function iso(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/**
 * A cell as the core reads it. A date typed in a deadline column arrives as
 * an Excel serial: it becomes "d/m/yyyy", the way a plan writes a date.
 */
function cellText(v: CellValue, isDeadline: boolean): string {
  if (typeof v === 'number') {
    if (isDeadline && v > 20_000 && v < 80_000 && Number.isInteger(v)) {
      const [y, m, d] = serialToIso(v).split('-');
      return `${Number(d)}/${Number(m)}/${y}`;
    }
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v ?? '';
}

import type { TableRow } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { emptyRaw } from '../model/raw.js';
import type { Task } from '../model/task.js';
import { CATEGORIES, STATUSES, type Tracking } from '../model/tracking.js';
import { decodeText } from '../read/decode.js';
import { loadWorkbook, readCsv, sheetRows } from '../read/sheet.js';
import { normaliseTask } from '../normalise/task.js';
import { foldKey, stripDiacritics } from '../normalise/text.js';
import type { AgencyDictionary } from '../normalise/agency-dictionary.js';
import {
  cellOf,
  HEADER_SEARCH_ROWS,
  isTaskHeader,
  mapTrackingHeader,
  REMOVED_LABEL,
  statusByValues,
  type TrackingColumns,
} from './columns.js';
import { statusKind } from '../rollup/status.js';
import { deadlineKindOfLabel } from '../write/columns.js';
import { readDay, readStatus } from './values.js';
import { planId } from '../model/identity.js';
import { agencyOfCopy } from './copy-agency.js';
import { DOCUMENT_HEADERS } from '../write/workbook/layout.js';
import { REPORT_SHEETS } from './report.js';

/**
 * A tracking workbook as an agency sends it back → one row per task with
 * what staff typed. Pure (no Node imports): bytes in, rows out; the add-in
 * could roll up workbooks dropped into it the same way.
 *
 * Read through the sheet reader (read/sheet.ts), so a validation over whole
 * columns is dropped before exceljs sees it (exceljs #1842, #2929), cells
 * are text (dates ISO, formulas their cached result) and merged cells are
 * filled down. Columns are found by header (columns.ts): reordered, renamed
 * or extra columns do not matter.
 */
export interface TrackedRow {
  /** The returned file, as named to the reader. */
  file: string;
  sheet: string;
  /** 1-based row on that sheet. */
  row: number;
  /** Which plan the task belongs to (see `documentOf`), folded for comparing… */
  docKey: string;
  /** …and as written (the plan's file name, or the returned file's). */
  docName: string;
  /** Plan fields as the row shows them, normalised like a converted task. */
  task: Task;
  /** Status as one of the five when recognised (else as typed), completion date ISO, notes. */
  tracking: Tracking;
  /** What was typed, for the report. */
  typed: { status: string | null; doneDate: string | null };
  /** The user's own columns, by header. */
  extra: Record<string, string>;
  /** Marked as gone from the plan by a re-import: not counted. */
  removed: boolean;
  /** Cells we could not read (Vietnamese), for the report's "Cần kiểm tra". */
  issues: string[];
}

/** A plan named in the workbook, from its `Văn bản` sheet or its rows. */
export interface DocumentRef {
  /** The plan's id (model/identity.ts): the same in every copy and version of the workbook. */
  key: string;
  /** Short name: number when the plan has one, else the file name. */
  label: string;
  title: string | null;
  /** The plan's file as converted (the rows' `Nguồn`). */
  file: string;
  number: string | null;
  /** Version of the plan this copy follows (1 when converted, +1 per re-import); null in a workbook that does not say. */
  version: number | null;
  /** The agency this copy was written for (`convert --per-agency`). */
  reporter: string | null;
}

export interface TrackedWorkbook {
  file: string;
  sheet: string;
  headerRow: number;
  rows: TrackedRow[];
  documents: DocumentRef[];
  /** Things about the whole sheet worth telling (a missing status column). */
  notes: string[];
  /** The agency that sent this copy back, when known (copy-agency.ts): its answers count for its own tasks. */
  agency: string | null;
}

export interface ReadTrackedOptions {
  agencies?: AgencyDictionary;
}

/** Sheet rows as text cells, whatever the format. */
export interface Grid {
  name: string;
  index: number;
  rows: TableRow[];
}

export async function readTracked(file: string, bytes: Uint8Array, options: ReadTrackedOptions = {}): Promise<TrackedWorkbook> {
  const grids = await gridsOf(file, bytes);
  // A report from an earlier rollup lists tasks too (its overdue sheet): reading it back would count them twice.
  if (grids.some((g) => g.name === REPORT_SHEETS.byAgency)) {
    throw new PlanError(
      'tracking.not_workbook',
      `${file} là báo cáo tổng hợp của phuluc, không phải sổ theo dõi`,
      `${file} is a phuluc rollup report, not a tracking workbook`,
    );
  }
  const all = taskSheets(grids);
  const found = all[0];
  if (!found) {
    throw new PlanError(
      'tracking.not_workbook',
      `Không tìm thấy bảng nhiệm vụ trong ${file} (cần một dòng tiêu đề có "Nội dung" và "Trạng thái", "Cơ quan chủ trì" hoặc "Thời hạn")`,
      `No task table in ${file} (needs a header row with "Nội dung" and "Trạng thái", "Cơ quan chủ trì" or "Thời hạn")`,
    );
  }
  const { grid, header, columns } = found;
  const documents = documentsOf(grids);
  const rows: TrackedRow[] = [];
  for (const r of grid.rows) {
    if (r.line <= header.line) continue;
    const cells = r.cells.map((c) => c.text);
    if (!isTaskRow(cells, columns, header)) continue;
    rows.push(trackedRow(file, grid, r, cells, columns, documents, rows.length, options));
  }
  const notes: string[] = [];
  if (columns.at.status === undefined) notes.push('không có cột "Trạng thái": mọi nhiệm vụ được tính là chưa hoàn thành');
  // A copied sheet ("Nhiệm vụ (2)") is never counted (its tasks would count twice), but answers typed there are not ignored silently.
  for (const other of all.slice(1)) {
    const answered = other.grid.rows.filter((r) => r.line > other.header.line && cellOf(r.cells.map((c) => c.text), other.columns, 'status') !== '').length;
    if (answered > 0) {
      notes.push(
        `trang "${other.grid.name}" cũng có bảng nhiệm vụ với ${answered} trạng thái đã ghi nhưng không được tính (chỉ tính trang "${grid.name}"): hãy chép các trạng thái đó sang trang "${grid.name}"`,
      );
    }
  }
  const agency = agencyOfCopy(documents.find((d) => d.reporter !== null)?.reporter ?? null, file, options.agencies);
  return { file, sheet: grid.name, headerRow: header.line, rows, documents, notes, agency };
}

async function gridsOf(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const ext = file.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (ext === 'csv') {
    const doc = readCsv(file, decodeText(file, bytes));
    return doc.blocks.flatMap((b) => (b.kind === 'table' ? [{ name: file, index: 1, rows: b.rows }] : []));
  }
  if (ext !== 'xlsx' && ext !== 'xlsm') {
    throw new PlanError(
      'file.unsupported',
      `Chỉ đọc được sổ theo dõi .xlsx hoặc .csv: ${file}`,
      `Only .xlsx or .csv tracking workbooks can be read: ${file}`,
    );
  }
  return gridsOfWorkbook(await loadWorkbook(file, bytes));
}

/** Every sheet but the very hidden ones, as text rows; `index` is the sheet's position in `worksheets` (1-based). */
export function gridsOfWorkbook(wb: import('exceljs').Workbook): Grid[] {
  return wb.worksheets.flatMap((ws, i) => (ws.state === 'veryHidden' ? [] : [{ name: ws.name, index: i + 1, rows: sheetRows(ws, i + 1) }]));
}

const TASK_SHEET = 'nhiem vu';
/** What the `Tình trạng` formula shows: a typed value among them is the formula's, not an answer. */
export const CATEGORY_LABELS = new Set<string>(Object.values(CATEGORIES));

/** Text that is a status, as typed by a person (not blank, not just a word the reader keeps as typed). */
export function isStatusText(text: string): boolean {
  return text.trim() !== '' && readStatus(text).known;
}

/**
 * A status typed in `Tình trạng` while `Trạng thái` is blank: the formula
 * gives a "done", "suspended" or "cancelled" category only for such a
 * status, so with none typed such a label ("Hoàn thành đúng hạn", "Tạm
 * dừng") is a person's answer too.
 */
export function typedInCategory(text: string): boolean {
  return isStatusText(text) && (!CATEGORY_LABELS.has(text) || statusKind(text) !== 'open');
}

/**
 * The sheet with the tasks: ours is `Nhiệm vụ`; an agency may have renamed
 * it or built its own, so any sheet with a task header will do, one with a
 * status column first. One sheet only: a copy of it elsewhere in the file
 * would count its tasks twice.
 */
export function locateTaskSheet(grids: readonly Grid[]): TaskSheet | null {
  return taskSheets(grids)[0] ?? null;
}

export interface TaskSheet {
  grid: Grid;
  header: TableRow;
  columns: TrackingColumns;
}

/** Every sheet with a task header, the one to read first. */
function taskSheets(grids: readonly Grid[]): TaskSheet[] {
  const found = grids.flatMap((grid) => {
    for (const row of grid.rows.slice(0, HEADER_SEARCH_ROWS)) {
      const named = mapTrackingHeader(row.cells.map((c) => c.text));
      if (!isTaskHeader(named)) continue;
      const below = grid.rows.filter((r) => r.line > row.line).map((r) => r.cells.map((c) => c.text));
      return [{ grid, header: row, columns: statusByValues(named, below, isStatusText) }];
    }
    return [];
  });
  const rank = (f: (typeof found)[number]): number =>
    (stripDiacritics(foldKey(f.grid.name)) === TASK_SHEET ? 2 : 0) + (f.columns.at.status !== undefined ? 1 : 0);
  return found.sort((a, b) => rank(b) - rank(a) || a.grid.index - b.grid.index);
}

/** A row holding a task: not blank, not a repeated header, not a group heading. */
function isTaskRow(cells: readonly string[], c: TrackingColumns, header: TableRow): boolean {
  const filled = cells.filter((t) => t.trim() !== '');
  if (filled.length === 0) return false;
  if (cells.every((t, i) => t === (header.cells[i]?.text ?? ''))) return false;
  // A group heading ("I. Nhóm nhiệm vụ …") merged across the row leaves the content cell empty.
  if (cellOf(cells, c, 'content') === '') return false;
  // An Excel table's Total Row ("Tổng", "Total" under STT or Nội dung) sums the tasks; it is not one.
  return ![cellOf(cells, c, 'index'), cellOf(cells, c, 'tt'), cellOf(cells, c, 'content')].some(isTotalLabel);
}

const TOTAL_LABELS = new Set(['tong', 'tong cong', 'tong so', 'cong', 'total', 'totals', 'grand total']);

export function isTotalLabel(text: string): boolean {
  return TOTAL_LABELS.has(stripDiacritics(foldKey(text)).replace(/[:.]+$/, '').trim());
}

function trackedRow(
  file: string,
  grid: Grid,
  r: TableRow,
  cells: readonly string[],
  c: TrackingColumns,
  documents: readonly DocumentRef[],
  index: number,
  options: ReadTrackedOptions,
): TrackedRow {
  const get = (k: Parameters<typeof cellOf>[2]): string => cellOf(cells, c, k);
  const orNull = (s: string): string | null => (s === '' ? null : s);
  const raw = emptyRaw('sheet', r.line, grid.index);
  raw.tt = orNull(get('tt'));
  raw.group = orNull(get('group'));
  raw.content = get('content');
  raw.lead = orNull(get('lead'));
  raw.support = orNull(get('support'));
  raw.deadline = orNull(get('deadlineRaw'));
  raw.product = orNull(get('product'));
  raw.approval = orNull(get('approval'));
  const task = normaliseTask(raw, index, options.agencies);
  const issues: string[] = [];

  // Hạn cuối is what the workbook's own formulas compare with: when the sheet has it, it decides.
  if (c.at.deadlineEnd !== undefined) {
    const text = get('deadlineEnd');
    const end = readDay(text);
    if (text === '' || end !== null) task.deadline = { ...task.deadline, end };
    else issues.push(`không đọc được hạn cuối "${text}"`);
  }
  // So is `Loại thời hạn` for whether the task is routine (left out of the rates): a label of ours decides; other text says nothing.
  if (c.at.deadlineKind !== undefined) {
    const kind = deadlineKindOfLabel(get('deadlineKind'));
    if (kind !== null && kind !== task.deadline.kind) task.deadline = { ...task.deadline, kind, recurring: kind === 'recurring' };
  }

  let statusText = get('status');
  // A status typed over the `Tình trạng` formula (the column beside it) is an answer all the same: read it, and say where it was.
  const categoryText = get('category');
  if (statusText === '' && typedInCategory(categoryText)) {
    statusText = categoryText;
    issues.push(`trạng thái "${categoryText}" ghi ở cột "Tình trạng" (cột do công thức tính) thay vì cột "Trạng thái": đã tính theo trạng thái này`);
  }
  const status = readStatus(statusText);
  if (!status.known) issues.push(`trạng thái "${status.status}" không thuộc danh sách (${STATUSES.join(' / ')})`);
  const doneText = get('doneDate');
  const doneDate = readDay(doneText);
  if (doneText !== '' && doneDate === null) issues.push(`không đọc được ngày hoàn thành "${doneText}"`);

  const planState = stripDiacritics(foldKey(get('planState') || get('category')));
  return {
    file,
    sheet: grid.name,
    row: r.line,
    ...documentOf(get('source'), get('document'), documents, file),
    task,
    tracking: { status: status.status, doneDate, notes: orNull(get('notes')) },
    typed: { status: orNull(statusText), doneDate: orNull(doneText) },
    extra: Object.fromEntries(c.extra.map((x) => [x.header, (cells[x.col] ?? '').trim()]).filter(([, v]) => v !== '')),
    removed: planState === stripDiacritics(foldKey(REMOVED_LABEL)),
    issues,
  };
}

/**
 * Which plan a row belongs to, the same in every copy of a workbook: the
 * `Văn bản` sheet's plan whose file the row's `Nguồn` names, else the one the
 * row's `Văn bản` column names (a combined workbook), else the only plan of
 * the `Văn bản` sheet; without that sheet, the plan's file, else the
 * returned file itself.
 */
function documentOf(
  source: string,
  document: string,
  documents: readonly DocumentRef[],
  file: string,
): { docKey: string; docName: string } {
  const named = (name: string): { docKey: string; docName: string } => ({ docKey: docKey(name), docName: name });
  const of = (d: DocumentRef): { docKey: string; docName: string } => ({ docKey: d.key, docName: d.label });
  const byFile = source === '' ? undefined : documents.find((d) => d.file === source);
  if (byFile) return of(byFile);
  if (document !== '') {
    const byLabel = documents.find((d) => d.label === document);
    return byLabel ? of(byLabel) : named(document);
  }
  // A one-plan workbook: every row is its plan's, whatever `Nguồn` says (an update keeps old rows' source file).
  if (documents.length === 1) return of(documents[0]!);
  return named(source !== '' ? source : file);
}

export function docKey(s: string): string {
  return foldKey(s);
}

/** The `Văn bản` sheet our workbook writes: each plan's file, label, title and identity. */
export function documentsOf(grids: readonly Grid[]): DocumentRef[] {
  const H = DOCUMENT_HEADERS;
  for (const grid of grids) {
    const header = grid.rows[0];
    if (!header) continue;
    const keys = header.cells.map((c) => stripDiacritics(foldKey(c.text)));
    const col = (h: string): number => keys.indexOf(stripDiacritics(foldKey(h)));
    const at = {
      file: col(H.file),
      label: col(H.label),
      title: col(H.title),
      number: col(H.number),
      issuer: col(H.issuer),
      date: col(H.date),
      id: col(H.planId),
      version: col(H.version),
      reporter: col(H.reporter),
    };
    if (at.file < 0 || at.label < 0) continue;
    return grid.rows.slice(1).flatMap((r) => {
      const cell = (i: number): string => (i >= 0 ? (r.cells[i]?.text.trim() ?? '') : '');
      const file = cell(at.file);
      if (file === '') return [];
      const orNull = (t: string): string | null => (t === '' ? null : t);
      const fields = { number: orNull(cell(at.number)), issuer: orNull(cell(at.issuer)), date: orNull(cell(at.date)), file, title: orNull(cell(at.title)) };
      const version = Number(cell(at.version));
      return [
        {
          // A workbook written before ids were: the id its plan's fields give, the same as a newer copy's.
          key: cell(at.id) || planId(fields),
          label: cell(at.label) || file,
          title: fields.title,
          file,
          number: fields.number,
          version: Number.isInteger(version) && version > 0 ? version : null,
          reporter: orNull(cell(at.reporter)),
        },
      ];
    });
  }
  return [];
}

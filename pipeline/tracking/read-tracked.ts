import type { TableRow } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { emptyRaw } from '../model/raw.js';
import type { Task } from '../model/task.js';
import type { Tracking } from '../model/tracking.js';
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
  type TrackingColumns,
} from './columns.js';
import { readDay, readStatus } from './values.js';
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
  /** Status as one of the three when recognised (else as typed), completion date ISO, notes. */
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
  key: string;
  /** Short name: number when the plan has one, else the file name. */
  label: string;
  title: string | null;
}

export interface TrackedWorkbook {
  file: string;
  sheet: string;
  headerRow: number;
  rows: TrackedRow[];
  documents: DocumentRef[];
  /** Things about the whole sheet worth telling (a missing status column). */
  notes: string[];
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
  const found = locateTaskSheet(grids);
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
  return { file, sheet: grid.name, headerRow: header.line, rows, documents, notes };
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

/**
 * The sheet with the tasks: ours is `Nhiệm vụ`; an agency may have renamed
 * it or built its own, so any sheet with a task header will do, one with a
 * status column first. One sheet only: a copy of it elsewhere in the file
 * would count its tasks twice.
 */
export function locateTaskSheet(grids: readonly Grid[]): { grid: Grid; header: TableRow; columns: TrackingColumns } | null {
  const found = grids.flatMap((grid) => {
    for (const row of grid.rows.slice(0, HEADER_SEARCH_ROWS)) {
      const columns = mapTrackingHeader(row.cells.map((c) => c.text));
      if (isTaskHeader(columns)) return [{ grid, header: row, columns }];
    }
    return [];
  });
  const rank = (f: (typeof found)[number]): number =>
    (stripDiacritics(foldKey(f.grid.name)) === TASK_SHEET ? 2 : 0) + (f.columns.at.status !== undefined ? 1 : 0);
  return found.sort((a, b) => rank(b) - rank(a) || a.grid.index - b.grid.index)[0] ?? null;
}

/** A row holding a task: not blank, not a repeated header, not a group heading. */
function isTaskRow(cells: readonly string[], c: TrackingColumns, header: TableRow): boolean {
  const filled = cells.filter((t) => t.trim() !== '');
  if (filled.length === 0) return false;
  if (cells.every((t, i) => t === (header.cells[i]?.text ?? ''))) return false;
  // A group heading ("I. Nhóm nhiệm vụ …") merged across the row leaves the content cell empty.
  return cellOf(cells, c, 'content') !== '';
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

  const status = readStatus(get('status'));
  if (!status.known) issues.push(`trạng thái "${status.status}" không thuộc danh sách (Chưa thực hiện / Đang thực hiện / Hoàn thành)`);
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
    typed: { status: orNull(get('status')), doneDate: orNull(doneText) },
    extra: Object.fromEntries(c.extra.map((x) => [x.header, (cells[x.col] ?? '').trim()]).filter(([, v]) => v !== '')),
    removed: planState === stripDiacritics(foldKey(REMOVED_LABEL)),
    issues,
  };
}

/**
 * Which plan a row belongs to, the same in every copy of a workbook: the
 * plan's file (`Nguồn`, written on every row), else the `Văn bản` column of
 * a combined workbook, else the only document of the `Văn bản` sheet, else
 * the returned file itself.
 */
function documentOf(
  source: string,
  document: string,
  documents: readonly DocumentRef[],
  file: string,
): { docKey: string; docName: string } {
  const named = (name: string): { docKey: string; docName: string } => ({ docKey: docKey(name), docName: name });
  if (source !== '') return named(source);
  if (document !== '') {
    const byLabel = documents.find((d) => d.label === document);
    return byLabel ? { docKey: byLabel.key, docName: byLabel.label } : named(document);
  }
  if (documents.length === 1) return { docKey: documents[0]!.key, docName: documents[0]!.label };
  return named(file);
}

export function docKey(s: string): string {
  return foldKey(s);
}

/** The `Văn bản` sheet our workbook writes: file, label and title of each plan. */
function documentsOf(grids: readonly Grid[]): DocumentRef[] {
  for (const grid of grids) {
    const header = grid.rows[0];
    if (!header) continue;
    const keys = header.cells.map((c) => stripDiacritics(foldKey(c.text)));
    const col = (k: string): number => keys.indexOf(k);
    const [file, label, title] = [col('tep'), col('van ban'), col('ten van ban')];
    if (file < 0 || label < 0) continue;
    return grid.rows.slice(1).flatMap((r) => {
      const f = r.cells[file]?.text.trim() ?? '';
      if (f === '') return [];
      const l = r.cells[label]?.text.trim() || f;
      return [{ key: docKey(f), label: l, title: (title >= 0 ? r.cells[title]?.text.trim() : '') || null }];
    });
  }
  return [];
}

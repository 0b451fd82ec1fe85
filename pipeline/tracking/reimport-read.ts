import type ExcelJS from 'exceljs';
import { PlanError } from '../model/errors.js';
import { loadWorkbook } from '../read/sheet.js';
import { foldKey, stripDiacritics } from '../normalise/text.js';
import { colLetter, SHEET } from '../write/workbook/layout.js';
import { readExcludeRoutine, ROLLUP_LAYOUT } from '../write/workbook/rollup-sheet.js';
import { DEADLINE_KIND_LABELS } from '../write/columns.js';
import { notKept, type Change } from './changes.js';
import { cellOf, REMOVED_LABEL, type TrackingColumns, type TrackingKey } from './columns.js';
import { readDay } from './values.js';
import { CATEGORY_LABELS, documentsOf, gridsOfWorkbook, isStatusText, isTotalLabel, locateTaskSheet, typedInCategory, type DocumentRef } from './read-tracked.js';

/**
 * The existing tracking workbook, as re-import needs it: each task row's
 * text (to match it with the amended plan and to see what changed) and the
 * cells the user owns (to carry them over untouched), plus the rest of what
 * the user added: sheets, settings, agencies in the dropdown list, the log.
 */

/** The name of the change log sheet re-import keeps. */
export const LOG_SHEET = 'Nhật ký thay đổi';

/** Columns the user fills in: carried over cell by cell, value, format and comment. */
export const USER_KEYS = ['status', 'doneDate', 'notes'] as const satisfies readonly TrackingKey[];

export interface OldRow {
  /** Row on the old `Nhiệm vụ`. */
  row: number;
  /** Text of every column we know, by key ('' when blank or missing). */
  text: (key: TrackingKey) => string;
  /** Whether the sheet has that column at all (the user may have deleted one). */
  has: (key: TrackingKey) => boolean;
  /** The user's cells: status, completion date, notes, by key. */
  user: Partial<Record<(typeof USER_KEYS)[number], ExcelJS.Cell>>;
  /** The user's own columns, by header. */
  extra: Array<{ header: string; col: number; cell: ExcelJS.Cell }>;
  /** Marked as gone from the plan by an earlier re-import. */
  removed: boolean;
  /** Typed in by hand (no `Nguồn`): never in the plan, so never "removed" from it. */
  manual: boolean;
}

export interface OldWorkbook {
  wb: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  columns: TrackingColumns;
  rows: OldRow[];
  /** The sheet has a `Văn bản` column (written with --combined). */
  combined: boolean;
  /** `Tổng hợp`'s due-soon window as the user left it. */
  dueSoonDays: number | null;
  /** `Tổng hợp`'s switch (routine tasks out of the rates) as the user left it; null in a workbook written before it was. */
  excludeRoutine: boolean | null;
  /** Names in the agency dropdown list (`Danh mục`), the user's additions among them. */
  agencies: string[];
  /** Sheets that are none of ours, in order. */
  userSheets: ExcelJS.Worksheet[];
  log: ExcelJS.Worksheet | null;
  /** The plan the workbook follows, from its `Văn bản` sheet (id, version, number); null for a workbook without one. */
  plan: DocumentRef | null;
  /** What the user typed on `Nhiệm vụ` that the rebuilt sheet has no cell for, for the log (and statuses moved). */
  loose: Change[];
}

/**
 * Cells of our computed columns that a person typed over: a text in `Hạn
 * cuối` ("Chờ Bộ hướng dẫn"), a word of their own in `Loại thời hạn`, `Tình
 * trạng` or `STT`, a comment on a plan column. The rebuilt row computes them
 * again, so the typed value is kept in the log. (A date typed in `Hạn cuối`
 * is kept in place by reimport.ts; user columns are carried whole.)
 */
function typedOverOurs(cells: readonly string[], c: TrackingColumns, excel: ExcelJS.Row, where: (col: number) => string): Change[] {
  const out: Change[] = [];
  const typed = (key: TrackingKey, ours: (text: string) => boolean): void => {
    const col = c.at[key];
    if (col === undefined) return;
    const text = (cells[col] ?? '').trim();
    if (text !== '' && !excel.getCell(col + 1).formula && !ours(text)) out.push(notKept(where(col), text));
  };
  typed('index', (t) => /^\d+$/.test(t));
  typed('deadlineKind', (t) => KIND_LABELS.has(t));
  typed('deadlineEnd', (t) => readDay(t) !== null);
  typed('category', (t) => CATEGORY_LABELS.has(t) || t === REMOVED_LABEL || isStatusText(t));
  const userCols = new Set([...USER_KEYS.map((k) => c.at[k]), ...c.extra.map((x) => x.col)]);
  excel.eachCell({ includeEmpty: false }, (cell, n) => {
    const note = cell.note;
    if (note === undefined || userCols.has(n - 1)) return;
    const text = typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
    if (text.trim() !== '') out.push(notKept(`ghi chú tại ${where(n - 1)}`, text.trim()));
  });
  return out;
}

const KIND_LABELS = new Set<string>(DEADLINE_KIND_LABELS);


const OURS = new Set<string>([...Object.values(SHEET), LOG_SHEET]);

export async function readOldWorkbook(file: string, bytes: Uint8Array): Promise<OldWorkbook> {
  const wb = await loadWorkbook(file, bytes);
  const grids = gridsOfWorkbook(wb);
  const found = locateTaskSheet(grids);
  const sheet = found ? wb.worksheets[found.grid.index - 1] : undefined;
  if (!found || !sheet) {
    throw new PlanError(
      'tracking.not_workbook',
      `${file} không phải sổ theo dõi: không có trang "${SHEET.tasks}" với cột "Nội dung"`,
      `${file} is not a tracking workbook: no "${SHEET.tasks}" sheet with a "Nội dung" column`,
    );
  }
  const { header } = found;
  const columns = withUnnamedColumns(found.columns, found.grid.rows.filter((r) => r.line > header.line).map((r) => r.cells.map((c) => c.text)));
  const rows: OldRow[] = [];
  const loose: Change[] = [];
  const where = (line: number, col: number): string => `${sheet.name}!${colLetter(col + 1)}${line}`;
  for (const r of found.grid.rows) {
    const cells = r.cells.map((c) => c.text);
    // Title rows above the header, footer lines and an Excel Total Row below the tasks: the rebuilt sheet starts with its header.
    const totals = [cellOf(cells, columns, 'index'), cellOf(cells, columns, 'tt'), cellOf(cells, columns, 'content')].some(isTotalLabel);
    if (r.line < header.line || (r.line > header.line && (cellOf(cells, columns, 'content') === '' || totals))) {
      cells.forEach((text, col) => text !== '' && !(r.cells[col]?.merged ?? false) && loose.push(notKept(where(r.line, col), text)));
      continue;
    }
    if (r.line === header.line) continue;
    const excel = sheet.getRow(r.line);
    const at = (key: TrackingKey): ExcelJS.Cell | undefined => {
      const col = columns.at[key];
      return col === undefined ? undefined : excel.getCell(col + 1);
    };
    loose.push(...typedOverOurs(cells, columns, excel, (col) => where(r.line, col)));
    const user = Object.fromEntries(USER_KEYS.flatMap((k) => (at(k) ? [[k, at(k)!]] : []))) as OldRow['user'];
    const text = (key: TrackingKey): string => cellOf(cells, columns, key);
    let statusText = text('status');
    // A status typed over the Tình trạng formula is an answer: it moves to Trạng thái (and the log says so).
    const category = at('category');
    if (statusText === '' && category && !category.formula && typedInCategory(text('category'))) {
      statusText = text('category');
      user.status = category;
      loose.push({ kind: 'moved', tt: text('tt') || null, content: text('content'), old: statusText, new: statusText, row: null });
    }
    const state = fold(cellOf(cells, columns, 'planState') || cellOf(cells, columns, 'category'));
    rows.push({
      row: r.line,
      text: (key) => (key === 'status' ? statusText : text(key)),
      has: (key) => columns.at[key] !== undefined,
      user,
      extra: columns.extra.map((x) => ({ header: x.header, col: x.col, cell: excel.getCell(x.col + 1) })),
      removed: state === fold(REMOVED_LABEL),
      manual: columns.at.source !== undefined && cellOf(cells, columns, 'source') === '',
    });
  }

  const documents = new Set(rows.map((r) => r.text('document')).filter((d) => d !== ''));
  if (documents.size > 1) {
    throw new PlanError(
      'tracking.combined',
      `${file} là sổ theo dõi chung của ${documents.size} văn bản; chỉ cập nhật được sổ của một văn bản`,
      `${file} is a combined workbook over ${documents.size} plans; only a one-plan workbook can be updated`,
    );
  }
  const plan = documentsOf(grids)[0] ?? null;
  return {
    loose,
    wb,
    sheet,
    columns,
    rows,
    plan,
    combined: columns.at.document !== undefined,
    dueSoonDays: dueSoonOf(wb),
    excludeRoutine: readExcludeRoutine(wb.getWorksheet(SHEET.rollup)?.getCell(ROLLUP_LAYOUT.excludeRoutineCell).value),
    agencies: agencyList(wb),
    userSheets: wb.worksheets.filter((ws) => !OURS.has(ws.name) && ws !== sheet),
    log: wb.getWorksheet(LOG_SHEET) ?? null,
  };
}

/**
 * A column the user filled in without a header is theirs too: it gets a name
 * ("Cột R") so it can be carried over like any other.
 */
function withUnnamedColumns(c: TrackingColumns, rows: ReadonlyArray<readonly string[]>): TrackingColumns {
  const used = new Set([...Object.values(c.at), ...c.extra.map((x) => x.col)]);
  const width = Math.max(0, ...rows.map((r) => r.length));
  const extra = [...c.extra];
  for (let col = 0; col < width; col++) {
    if (used.has(col) || !rows.some((r) => (r[col] ?? '').trim() !== '')) continue;
    extra.push({ col, header: `Cột ${colLetter(col + 1)}` });
  }
  return { at: c.at, extra: extra.sort((a, b) => a.col - b.col) };
}

function fold(s: string): string {
  return stripDiacritics(foldKey(s));
}

function dueSoonOf(wb: ExcelJS.Workbook): number | null {
  const v = wb.getWorksheet(SHEET.rollup)?.getCell(ROLLUP_LAYOUT.dueSoonCell).value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 366 ? v : null;
}

function agencyList(wb: ExcelJS.Workbook): string[] {
  const ws = wb.getWorksheet(SHEET.lists);
  if (!ws) return [];
  const out: string[] = [];
  ws.getColumn(1).eachCell((cell, row) => {
    const v = cell.value;
    if (row > 1 && typeof v === 'string' && v.trim() !== '') out.push(v.trim());
  });
  return out;
}

/// <reference types="office-js" />
/**
 * Every Office.js call of the add-in lives here. The pane and the core see
 * plain data (rows of values, 0-based cell positions, fill colours) and never
 * touch Excel.* or Office.*.
 *
 * How it talks to Excel:
 * - One bulk read and one bulk write per action, never a sync per row or per
 *   cell. Reads that Excel needs before it can answer (which sheet, where its
 *   header is) come first; large reads are split into blocks so that no
 *   request or response goes over Excel on the web's 5 MB cap, and large
 *   writes likewise.
 * - A batch writes values first, then the table, then formats.
 * - Requirement sets are checked at run time: the baseline needs only
 *   ExcelApi 1.1 (Office 2016 volume licence); column widths and row fitting
 *   (1.2), appending a table column (1.4), frozen header (1.7), dropdown
 *   validation (1.8), per-cell reads, multi-area writes, fill patterns and
 *   page layout (1.9) switch on where the host has them.
 * - Marks are recorded exactly (which cells, the fill each had, the value each
 *   had) so that clearing them restores every cell the user had.
 */
import { boxAddress, cellAddress, colLetter, parseAddress, type Box } from './address.js';

export type CellValue = string | number | boolean;

/** What the adapter needs from Office: Excel.run, the requirement check and the document settings. */
export interface Host {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(set: string, version: string): boolean;
  settings: Pick<Office.Settings, 'get' | 'set' | 'remove' | 'saveAsync'>;
  /** "OfficeOnline" for Excel on the web (the only host with the 5 MB cap), "PC", "Mac" … */
  platform: string;
}

/** The real host: the Office.js globals. */
export function officeHost(): Host {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (set, version) => Office.context.requirements.isSetSupported(set, version),
    settings: Office.context.document.settings,
    platform: String(Office.context.diagnostics?.platform ?? Office.context.platform ?? 'OfficeOnline'),
  };
}

/** Wait for Office.js to be ready (the pane calls this once). */
export async function officeReady(): Promise<{ host: string | null }> {
  const info = await Office.onReady();
  return { host: info.host ? String(info.host) : null };
}

export interface Capabilities {
  /** Highest ExcelApi version found (1.1 … 1.9 checked). */
  api: string;
  columnWidths: boolean;
  autofitRows: boolean;
  appendTableColumn: boolean;
  nullObjects: boolean;
  freezePanes: boolean;
  validation: boolean;
  cellProperties: boolean;
  rangeAreas: boolean;
  fillPattern: boolean;
  pageLayout: boolean;
}

export function capabilities(host: Pick<Host, 'isSetSupported'>): Capabilities {
  const has = (v: string) => {
    try {
      return host.isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  const versions = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9'];
  const api = versions.filter(has).pop() ?? '1.0';
  return {
    api,
    columnWidths: has('1.2'),
    autofitRows: has('1.2'),
    appendTableColumn: has('1.4'),
    nullObjects: has('1.4'),
    freezePanes: has('1.7'),
    validation: has('1.8'),
    cellProperties: has('1.9'),
    rangeAreas: has('1.9'),
    fillPattern: has('1.9'),
    pageLayout: has('1.9'),
  };
}

/** An Excel error with its code (ItemNotFound, ApiNotFound, RequestPayloadSizeLimitExceeded …). */
export class ExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExcelError';
  }
}

function wrapError(e: unknown): ExcelError {
  if (e instanceof ExcelError) return e;
  const err = e as { code?: string; message?: string; debugInfo?: { code?: string } };
  return new ExcelError(err?.code ?? err?.debugInfo?.code ?? 'GeneralException', err?.message ?? String(e));
}

// ---- sizes -----------------------------------------------------------------------

/**
 * Excel on the web refuses a request or a response over 5 MB: batches there
 * stay under these budgets (estimated; a read that still comes back too
 * large is split and read again). Desktop Excel has no such cap, so there the
 * budget only keeps one batch from growing without bound.
 */
export const WEB_REQUEST_BUDGET = 3_500_000;
export const WEB_RESPONSE_BUDGET = 4_000_000;
const DESKTOP_BUDGET = 64_000_000;
/** What Office.js adds around one action: object paths, ids, the action itself. */
const OP_OVERHEAD = 420;
const utf8 = new TextEncoder();
function jsonBytes(v: unknown): number {
  return utf8.encode(JSON.stringify(v)).length;
}

// ---- data exchanged with the app -------------------------------------------------

/** A fill as recorded for restoring: color null means no fill. */
export interface FillState {
  color: string | null;
  /** Pattern other than Solid (ExcelApi 1.9 hosts only). */
  pattern?: string;
  patternColor?: string;
}

/** The top-left window of a sheet, read to find a task table's header. */
export interface SheetHead {
  sheetId: string;
  sheetName: string;
  /** Used range (0-based, values and formats), null for a blank sheet. */
  used: Box | null;
  /** Values of rows 0…HEAD_ROWS-1, columns 0…HEAD_COLS-1. */
  head: CellValue[][];
  /** Excel tables on the sheet. */
  tables: string[];
}

export const HEAD_ROWS = 40;
export const HEAD_COLS = 60;

export interface ColumnRead {
  col: number;
  /** 'types' reads only whether a cell is empty, text or a number (valueTypes): cheap for long text. */
  as: 'values' | 'types';
}

export interface ReadPlan {
  /** Data rows to read (0-based, inclusive). */
  firstRow: number;
  lastRow: number;
  columns: ColumnRead[];
  /** Columns whose current fill (over the data rows) is wanted, to record marks exactly. */
  fillColumns: number[];
}

export interface SheetRead {
  head: SheetHead;
  plan: ReadPlan;
  /** Column → one entry per data row (values, or valueTypes for 'types'). */
  columns: Map<number, CellValue[]>;
  /** Column → its fill over the data rows when every cell has the same one, null when they differ. */
  fills: Map<number, FillState | null>;
  /** Excel tables on the sheet with their boxes. */
  tables: Array<{ name: string; box: Box }>;
}

export interface MarkCell {
  row: number;
  col: number;
  /** "#RRGGBB". */
  color: string;
}

/** The column where findings are written in words. */
export type NoteColumn =
  /** A column that exists (our Cảnh báo column): its cells are overwritten and their values recorded. */
  | { kind: 'existing'; col: number; firstRow: number; values: string[] }
  /** A new column after the data: header on headerRow, values from headerRow + 1; inside `table` when the data is an Excel table. */
  | { kind: 'append'; col: number; headerRow: number; header: string; values: string[]; table?: string };

export interface MarkRequest {
  sheetId: string;
  cells: MarkCell[];
  /** Known fills per column (from readSheet); columns missing or null are read cell by cell. */
  knownFills: Map<number, FillState | null>;
  note: NoteColumn | null;
}

/** Exactly what a check changed, to undo it. Stored in the document settings as JSON. */
export interface MarkLog {
  v: 2;
  sheetId: string;
  fills: Array<{ c: number; r0: number; r1: number; prev: FillState; ours: string }>;
  /**
   * Cells of an existing column whose value was changed, as runs down a column: the values (or
   * formulas) before (`prevs`, null when they were all empty) and a short hash of what we wrote
   * in each (HASH_WIDTH characters per row), enough to tell whether the user has changed it
   * since. Hashes rather than text keep the log small: it lives in the document's settings,
   * which hold a few MB at most, and a 100,000-row sheet marks about as many cells.
   */
  cells: Array<{ c: number; r0: number; prevs: CellValue[] | null; ours: string }>;
  added:
    | { kind: 'cells'; col: number; r0: number; hashes: string }
    | { kind: 'tableColumn'; table: string; name: string }
    | null;
}

const HASH_WIDTH = 6;

/** FNV-1a, 32 bits, as HASH_WIDTH base-36 characters. */
export function textHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(HASH_WIDTH, '0').slice(-HASH_WIDTH);
}

function hashAt(hashes: string, i: number): string {
  return hashes.slice(i * HASH_WIDTH, (i + 1) * HASH_WIDTH);
}

/**
 * The log as stored in the document's settings: fill runs as tuples whose
 * fill states and colours point into small tables (most runs share "no fill"
 * and one of three colours), which keeps a 100,000-row check well under the
 * settings' size.
 */
export interface PackedMarkLog {
  v: 2;
  sheetId: string;
  states: FillState[];
  colors: string[];
  fills: Array<[c: number, r0: number, r1: number, prev: number, ours: number]>;
  cells: MarkLog['cells'];
  added: MarkLog['added'];
}

export function packMarkLog(log: MarkLog): PackedMarkLog {
  const states: FillState[] = [];
  const stateIndex = new Map<string, number>();
  const colors: string[] = [];
  const colorIndex = new Map<string, number>();
  const fills = log.fills.map((f): [number, number, number, number, number] => {
    const key = JSON.stringify(f.prev);
    let si = stateIndex.get(key);
    if (si === undefined) stateIndex.set(key, (si = states.push(f.prev) - 1));
    let ci = colorIndex.get(f.ours);
    if (ci === undefined) colorIndex.set(f.ours, (ci = colors.push(f.ours) - 1));
    return [f.c, f.r0, f.r1, si, ci];
  });
  return { v: 2, sheetId: log.sheetId, states, colors, fills, cells: log.cells, added: log.added };
}

export function unpackMarkLog(p: PackedMarkLog): MarkLog {
  return {
    v: 2,
    sheetId: p.sheetId,
    fills: p.fills.map(([c, r0, r1, prev, ours]) => ({ c, r0, r1, prev: p.states[prev]!, ours: p.colors[ours]! })),
    cells: p.cells,
    added: p.added,
  };
}

/** Log one changed cell, extending the last run when it is the next row of the same column. */
function logCell(log: MarkLog, r: number, c: number, prev: CellValue, ours: string): void {
  const last = log.cells[log.cells.length - 1];
  const n = last ? last.ours.length / HASH_WIDTH : 0;
  const empty = prev === '' || prev === null;
  if (last && last.c === c && last.r0 + n === r) {
    if (last.prevs === null && !empty) last.prevs = Array.from({ length: n }, () => '');
    if (last.prevs !== null) last.prevs.push(prev);
    last.ours += textHash(ours);
    return;
  }
  log.cells.push({ c, r0: r, prevs: empty ? null : [prev], ours: textHash(ours) });
}

/** The logged cells one by one. */
function loggedCells(log: MarkLog): Array<{ r: number; c: number; prev: CellValue; ours: string }> {
  return log.cells.flatMap((run) =>
    Array.from({ length: run.ours.length / HASH_WIDTH }, (_, i) => ({
      r: run.r0 + i,
      c: run.c,
      prev: run.prevs ? (run.prevs[i] ?? '') : '',
      ours: hashAt(run.ours, i),
    })),
  );
}

export interface ClearResult {
  /** Cells whose fill was put back. */
  fills: number;
  /** Cells whose value was put back or emptied. */
  values: number;
  /** Marked cells the user changed since: left as they are. */
  skipped: number;
  sheetMissing: boolean;
}

export interface SheetColumn {
  header: string;
  kind: 'text' | 'date' | 'number' | 'formula' | 'general';
  /** Width in characters. */
  width: number;
  wrap?: boolean;
  center?: boolean;
  /** A dropdown list (ExcelApi 1.8). */
  list?: string[];
}

export interface TaskSheetSpec {
  baseName: string;
  tableName: string;
  columns: SheetColumn[];
  /** Data rows; formula columns hold the formula text ("=…"). */
  rows: Array<Array<CellValue | null>>;
  font: { name: string; size: number };
  tableStyle: string;
}

export interface WrittenSheet {
  sheetId: string;
  sheetName: string;
  tableName: string;
}

export interface ReportSpec {
  name: string;
  /** Rows written from A1; null cells left empty. */
  rows: Array<Array<CellValue | null>>;
  /** 0-based rows to set in bold. */
  boldRows: number[];
  /** Row of the column headers (bold, filled, wrapped, centred). */
  headerRow: number;
  /** The title cell row (bigger font). */
  titleRow: number;
  /** Rows of the table part (header + body + total), for borders and font. */
  tableRows: [number, number];
  percentColumns: number[];
  dateCells: Array<[number, number]>;
  widths: number[];
  font: { name: string; size: number };
}

const HEADER_FILL = '#D9E1F2';

// ---- the adapter ----------------------------------------------------------------------

export class ExcelAdapter {
  readonly caps: Capabilities;
  /** Syncs made by the last action (for the pane's log and the tests). */
  lastSyncs = 0;
  private readonly requestBudget: number;
  private readonly responseBudget: number;

  constructor(private readonly host: Host) {
    this.caps = capabilities(host);
    const web = /online|web/i.test(host.platform);
    this.requestBudget = web ? WEB_REQUEST_BUDGET : DESKTOP_BUDGET;
    this.responseBudget = web ? WEB_RESPONSE_BUDGET : DESKTOP_BUDGET;
  }

  private async run<T>(f: (ctx: Excel.RequestContext, sync: () => Promise<void>) => Promise<T>): Promise<T> {
    this.lastSyncs = 0;
    try {
      return await this.host.run(async (ctx) => {
        const sync = async () => {
          this.lastSyncs++;
          await ctx.sync();
        };
        return f(ctx, sync);
      });
    } catch (e) {
      throw wrapError(e);
    }
  }

  // ---- settings ----

  getSetting<T>(key: string): T | null {
    const v = this.host.settings.get(key) as T | undefined | null;
    return v === undefined ? null : v;
  }

  setSetting(key: string, value: unknown): void {
    this.host.settings.set(key, value);
  }

  removeSetting(key: string): void {
    this.host.settings.remove(key);
  }

  saveSettings(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.host.settings.saveAsync((r: Office.AsyncResult<void>) => {
        if (r && String(r.status) === 'failed') reject(new ExcelError('SettingsSaveFailed', String(r.error?.message ?? 'settings')));
        else resolve();
      });
    });
  }

  // ---- reading a task table ----

  /**
   * Read a task table in two steps: first the sheet's top-left window (to
   * find the header) and its used range; then the columns `locate` asks for
   * over the data rows, with the current fill of the columns that may be
   * marked. Returns null when `locate` finds no table.
   */
  async readSheet(locate: (head: SheetHead) => ReadPlan | null, sheetId?: string): Promise<SheetRead | null> {
    return this.run(async (ctx, sync) => {
      const ws = sheetId ? ctx.workbook.worksheets.getItem(sheetId) : ctx.workbook.worksheets.getActiveWorksheet();
      ws.load('id,name');
      const used = ws.getUsedRange();
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      const window = ws.getRange(`A1:${colLetter(HEAD_COLS - 1)}${HEAD_ROWS}`);
      window.load('values');
      ws.tables.load('items/name');
      await sync();

      const blank = used.rowCount === 1 && used.columnCount === 1 && window.values[used.rowIndex]?.[used.columnIndex] === '';
      const head: SheetHead = {
        sheetId: ws.id,
        sheetName: ws.name,
        used: blank
          ? null
          : { r0: used.rowIndex, c0: used.columnIndex, r1: used.rowIndex + used.rowCount - 1, c1: used.columnIndex + used.columnCount - 1 },
        head: window.values as CellValue[][],
        tables: ws.tables.items.map((t) => t.name),
      };
      const plan = locate(head);
      if (!plan) return null;

      const columns = new Map<number, CellValue[]>(plan.columns.map((c) => [c.col, []]));
      const fills = new Map<number, FillState | null>();
      // The small reads (fills, table ranges) ride with the first block that gets through.
      const tableNames = ws.tables.items.map((t) => t.name);
      type SmallReads = { tables: Array<{ name: string; r: Excel.Range }>; fills: Array<{ col: number; f: Excel.RangeFill }> };
      let small = null as SmallReads | null;
      let smallDone = false;
      const queueSmall = () => {
        small = {
          tables: tableNames.map((name) => {
            const r = ws.tables.getItem(name).getRange();
            r.load('address');
            return { name, r };
          }),
          fills: plan.fillColumns.map((col) => {
            const f = ws.getRange(boxAddress({ r0: plan.firstRow, c0: col, r1: plan.lastRow, c1: col })).format.fill;
            f.load(this.caps.fillPattern ? 'color,pattern,patternColor' : 'color');
            return { col, f };
          }),
        };
      };
      const readBlock = async (r0: number, r1: number): Promise<void> => {
        if (!smallDone) queueSmall();
        const reads = plan.columns.map((c) => {
          const range = ws.getRange(boxAddress({ r0, c0: c.col, r1, c1: c.col }));
          range.load(c.as === 'types' ? 'valueTypes' : 'values');
          return { c, range };
        });
        try {
          await sync();
        } catch (e) {
          // An estimate that fell short: read the block again in halves.
          if (wrapError(e).code === 'ResponsePayloadSizeLimitExceeded' && r1 > r0) {
            const mid = Math.floor((r0 + r1) / 2);
            await readBlock(r0, mid);
            await readBlock(mid + 1, r1);
            return;
          }
          throw e;
        }
        smallDone = true;
        for (const { c, range } of reads) {
          const grid = (c.as === 'types' ? range.valueTypes : range.values) as CellValue[][];
          const out = columns.get(c.col)!;
          for (const row of grid) out.push(row[0] ?? '');
        }
      };
      if (plan.lastRow >= plan.firstRow && plan.columns.length) {
        const perRow = estimateRowBytes(head.head, plan);
        const rowsPerBlock = Math.max(1, Math.floor(this.responseBudget / perRow));
        for (let r0 = plan.firstRow; r0 <= plan.lastRow; r0 += rowsPerBlock) await readBlock(r0, Math.min(plan.lastRow, r0 + rowsPerBlock - 1));
      } else {
        queueSmall();
        await sync();
      }
      const got = small as SmallReads | null;
      if (!got) throw new ExcelError('GeneralException', 'readSheet: no block was read');
      for (const { col, f } of got.fills) {
        fills.set(col, this.caps.fillPattern ? fillOf(f.color, f.pattern, f.patternColor) : fillOf(f.color));
      }
      const tables = got.tables.map(({ name, r }) => {
        const a = parseAddress(r.address);
        return { name, box: { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 } };
      });
      return { head, plan, columns, fills, tables };
    });
  }

  // ---- marks ----

  /**
   * Fill the cells and write the note column in one batch, reading each
   * cell's fill (where the column's fill was not uniform) and the note
   * cells' values in the same batch just before overwriting them, so the
   * log holds exactly what was there. A batch too large for one request is
   * split, each part complete in itself.
   */
  async applyMarks(req: MarkRequest): Promise<MarkLog> {
    const runs = toRuns(req.cells);
    const log: MarkLog = { v: 2, sheetId: req.sheetId, fills: [], cells: [], added: null };
    const caps = this.caps;
    return this.run(async (ctx, sync) => {
      const ws = ctx.workbook.worksheets.getItem(req.sheetId);
      let budget = 0;
      type Pending = () => void;
      let after: Pending[] = [];
      const flush = async () => {
        await sync();
        for (const f of after) f();
        after = [];
        budget = 0;
      };

      // The note column first: its old values come back with the same batch, in pieces a request can carry.
      const note = req.note;
      if (note && note.kind === 'existing' && note.values.length) {
        for (const [from, to] of pieces(note.values, this.requestBudget / 2)) {
          const r0 = note.firstRow + from;
          const part = note.values.slice(from, to);
          // Send what is queued first when this piece would take the request past the budget.
          if (budget > 0 && budget + jsonBytes(part) + OP_OVERHEAD * 2 > this.requestBudget) await flush();
          const range = ws.getRange(boxAddress({ r0, c0: note.col, r1: r0 + part.length - 1, c1: note.col }));
          range.load('formulas');
          range.values = part.map((v) => [safeText(v)]);
          budget += jsonBytes(part) + OP_OVERHEAD * 2;
          after.push(() => {
            range.formulas.forEach((row, i) => {
              const prev = (row[0] ?? '') as CellValue;
              const ours = part[i]!;
              if (String(prev) !== ours) logCell(log, r0 + i, note.col, prev, ours);
            });
          });
          if (budget > this.requestBudget) await flush();
        }
      } else if (note && note.kind === 'append') {
        const values = [note.header, ...note.values];
        if (note.table && caps.appendTableColumn) {
          const table = ws.tables.getItem(note.table);
          table.columns.add(null as unknown as number, values.map((v) => [safeText(v)]), note.header);
          budget += jsonBytes(values) + OP_OVERHEAD * 2;
          log.added = { kind: 'tableColumn', table: note.table, name: note.header };
        } else {
          for (const [from, to] of pieces(values, this.requestBudget / 2)) {
            const r0 = note.headerRow + from;
            const part = values.slice(from, to);
            ws.getRange(boxAddress({ r0, c0: note.col, r1: r0 + part.length - 1, c1: note.col })).values = part.map((v) => [safeText(v)]);
            budget += jsonBytes(part) + OP_OVERHEAD;
            if (budget > this.requestBudget) await flush();
          }
          log.added = { kind: 'cells', col: note.col, r0: note.headerRow, hashes: values.map((v) => textHash(v)).join('') };
        }
      }

      // Fills: read what is not known, then paint; by runs of rows (1.1) or many areas at once (1.9).
      const paint: Array<{ run: Run }> = [];
      for (const run of runs) {
        const known = req.knownFills.get(run.c);
        if (known) {
          log.fills.push({ c: run.c, r0: run.r0, r1: run.r1, prev: known, ours: run.color });
        } else if (caps.cellProperties) {
          const props = ws
            .getRange(boxAddress({ r0: run.r0, c0: run.c, r1: run.r1, c1: run.c }))
            .getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } });
          budget += OP_OVERHEAD * 2;
          after.push(() => {
            const prevs = props.value.map((row) => {
              const f = row[0]?.format?.fill;
              return fillOf(f?.color ?? '#FFFFFF', f?.pattern, f?.patternColor) ?? { color: null };
            });
            pushSplit(log, run, prevs);
          });
        } else {
          const loads: Excel.RangeFill[] = [];
          for (let r = run.r0; r <= run.r1; r++) {
            const f = ws.getCell(r, run.c).format.fill;
            f.load('color');
            loads.push(f);
          }
          budget += OP_OVERHEAD * 3 * loads.length;
          after.push(() => pushSplit(log, run, loads.map((f) => fillOf(f.color) ?? { color: null })));
        }
        paint.push({ run });
        if (!caps.rangeAreas) {
          ws.getRange(boxAddress({ r0: run.r0, c0: run.c, r1: run.r1, c1: run.c })).format.fill.color = run.color;
          budget += OP_OVERHEAD * 2;
        }
        if (budget > this.requestBudget) {
          if (caps.rangeAreas) paintAreas(ws, paint.splice(0).map((p) => p.run));
          await flush();
        }
      }
      if (caps.rangeAreas) paintAreas(ws, paint.map((p) => p.run));
      await flush();
      log.fills.sort((a, b) => a.c - b.c || a.r0 - b.r0);
      return log;
    });
  }

  /**
   * Undo a check: put back each fill and value it recorded, only where the
   * cell still shows what the check put there (a cell the user changed since
   * is left alone); empty the note column it added, or delete the table
   * column it added. Two batches: read what is there now, then restore.
   */
  async clearMarks(log: MarkLog): Promise<ClearResult> {
    const caps = this.caps;
    const result: ClearResult = { fills: 0, values: 0, skipped: 0, sheetMissing: false };
    return this.run(async (ctx, sync) => {
      // The sheet may have been deleted or the log may be stale.
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/id');
      await sync();
      if (!sheets.items.some((s) => s.id === log.sheetId)) {
        result.sheetMissing = true;
        return result;
      }
      const ws = sheets.getItem(log.sheetId);
      // Each phase is split into requests under the budget (its operations are independent).
      let budget = 0;
      const spend = async (bytes: number) => {
        budget += bytes;
        if (budget > this.requestBudget) {
          await sync();
          budget = 0;
        }
      };

      // 1. What is there now.
      const fillNow: Array<{ e: MarkLog['fills'][number]; props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null; fill: Excel.RangeFill | null }> = [];
      for (const e of log.fills) {
        const range = ws.getRange(boxAddress({ r0: e.r0, c0: e.c, r1: e.r1, c1: e.c }));
        if (caps.cellProperties && e.r1 > e.r0) {
          fillNow.push({ e, props: range.getCellProperties({ format: { fill: { color: true } } }), fill: null });
        } else {
          const fill = range.format.fill;
          fill.load('color');
          fillNow.push({ e, props: null, fill });
        }
        await spend(OP_OVERHEAD);
      }
      const logged = loggedCells(log);
      const valueSpans = spans(logged.map((c) => ({ r: c.r, c: c.c })));
      const valuesNow = valueSpans.map((s) => {
        const range = ws.getRange(boxAddress({ r0: s.r0, c0: s.c, r1: s.r1, c1: s.c }));
        range.load('values');
        return { s, range };
      });
      let addedNow: Excel.Range | null = null;
      let tables: Excel.TableCollection | null = null;
      if (log.added?.kind === 'cells') {
        const n = log.added.hashes.length / HASH_WIDTH;
        addedNow = ws.getRange(boxAddress({ r0: log.added.r0, c0: log.added.col, r1: log.added.r0 + n - 1, c1: log.added.col }));
        addedNow.load('values');
      } else if (log.added?.kind === 'tableColumn') {
        tables = ws.tables;
        tables.load('items/name');
      }
      await sync();

      // Cells of a run whose fill was changed since (1.1 hosts) are read one by one.
      const perCell: Array<{ e: MarkLog['fills'][number]; r: number; fill: Excel.RangeFill }> = [];
      for (const x of fillNow) {
        if (x.fill && x.fill.color === null) {
          for (let r = x.e.r0; r <= x.e.r1; r++) {
            const fill = ws.getCell(r, x.e.c).format.fill;
            fill.load('color');
            perCell.push({ e: x.e, r, fill });
            await spend(OP_OVERHEAD);
          }
        }
      }
      if (perCell.length) await sync();

      // 2. Restore.
      budget = 0;
      const restore = async (e: MarkLog['fills'][number], r0: number, r1: number) => {
        const fill = ws.getRange(boxAddress({ r0, c0: e.c, r1, c1: e.c })).format.fill;
        if (e.prev.color === null) fill.clear();
        else {
          fill.color = e.prev.color;
          if (caps.fillPattern && e.prev.pattern) {
            fill.pattern = e.prev.pattern as Excel.FillPattern;
            if (e.prev.patternColor) fill.patternColor = e.prev.patternColor;
          }
        }
        result.fills += r1 - r0 + 1;
        await spend(OP_OVERHEAD * 2);
      };
      for (const x of fillNow) {
        const { e } = x;
        let still: boolean[];
        if (x.props) still = x.props.value.map((row) => sameColor(row[0]?.format?.fill?.color, e.ours));
        else if (x.fill!.color !== null) still = Array.from({ length: e.r1 - e.r0 + 1 }, () => sameColor(x.fill!.color, e.ours));
        else still = perCell.filter((p) => p.e === e).map((p) => sameColor(p.fill.color, e.ours));
        for (const [a, b] of trueSpans(still)) await restore(e, e.r0 + a, e.r0 + b);
        result.skipped += still.filter((s) => !s).length;
      }
      const entries = new Map(logged.map((c) => [`${c.r},${c.c}`, c]));
      for (const { s, range } of valuesNow) {
        const out: Array<[CellValue | null]> = [];
        for (let r = s.r0; r <= s.r1; r++) {
          const entry = entries.get(`${r},${s.c}`);
          const now = range.values[r - s.r0]?.[0];
          if (entry && textHash(String(now ?? '')) === entry.ours) {
            out.push([entry.prev]);
            result.values++;
          } else {
            out.push([null]);
            if (entry) result.skipped++;
          }
        }
        if (out.some((x) => x[0] !== null)) {
          ws.getRange(boxAddress({ r0: s.r0, c0: s.c, r1: s.r1, c1: s.c })).formulas = out as unknown as string[][];
          await spend(jsonBytes(out) + OP_OVERHEAD);
        }
      }
      if (log.added?.kind === 'cells' && addedNow) {
        const added = log.added;
        const out = addedNow.values.map((row, i) => {
          const mine = textHash(String(row[0] ?? '')) === hashAt(added.hashes, i);
          if (mine) result.values++;
          else result.skipped++;
          return [mine ? '' : null];
        });
        if (out.some((x) => x[0] !== null)) addedNow.values = out as unknown as string[][];
      } else if (log.added?.kind === 'tableColumn' && tables) {
        const added = log.added;
        if (tables.items.some((t) => t.name === added.table)) {
          ws.tables.getItem(added.table).columns.getItem(added.name).delete();
          result.values++;
        }
      }
      await sync();
      return result;
    });
  }

  /** Show a cell: activate its sheet and select it. */
  async select(sheetId: string, row: number, col: number): Promise<void> {
    await this.run(async (ctx, sync) => {
      const ws = ctx.workbook.worksheets.getItem(sheetId);
      ws.activate();
      ws.getRange(cellAddress(row, col)).select();
      await sync();
    });
  }

  // ---- writing sheets ----

  /** A new sheet holding a task table: values, then the Excel table, then formats. */
  async writeTaskSheet(spec: TaskSheetSpec): Promise<WrittenSheet> {
    const caps = this.caps;
    return this.run(async (ctx, sync) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      const tables = ctx.workbook.tables;
      tables.load('items/name');
      await sync();
      const sheetName = uniqueName(spec.baseName, sheets.items.map((s) => s.name), (b, i) => `${b} (${i})`);
      const tableName = uniqueName(spec.tableName, tables.items.map((t) => t.name), (b, i) => `${b}${i}`);

      const ws = sheets.add(sheetName);
      const cols = spec.columns;
      const rows = spec.rows.length ? spec.rows : [cols.map(() => null)];
      const lastRow = rows.length; // 0-based index of the last data row (header is row 0)
      const lastCol = cols.length - 1;
      const colBox = (c: number, r0: number, r1: number) => boxAddress({ r0, c0: c, r1, c1: c });

      // Text columns are formatted as text before their values arrive, so "1.10", "30/6/2026" or "- …" stay text.
      let budget = 0;
      for (const [j, c] of cols.entries()) {
        if (c.kind !== 'text') continue;
        const cost = OP_OVERHEAD + 6 * (lastRow + 1);
        // Many text columns of a long sheet add up past the cap: send what is queued first.
        if (budget + cost > this.requestBudget && budget > 0) {
          await sync();
          budget = 0;
        }
        ws.getRange(colBox(j, 0, lastRow)).numberFormat = Array.from({ length: lastRow + 1 }, () => ['@']);
        budget += cost;
      }
      // Values (headers too), in blocks that keep each request under the cap.
      const header = cols.map((c) => c.header);
      ws.getRange(boxAddress({ r0: 0, c0: 0, r1: 0, c1: lastCol })).values = [header];
      const formulaCols = cols.flatMap((c, j) => (c.kind === 'formula' ? [j] : []));
      let block: Array<Array<CellValue | null>> = [];
      let blockStart = 1;
      const writeBlock = () => {
        if (!block.length) return;
        const r1 = blockStart + block.length - 1;
        ws.getRange(boxAddress({ r0: blockStart, c0: 0, r1, c1: lastCol })).values = block.map((r) =>
          r.map((v, j) => (cols[j]!.kind === 'formula' ? null : v)),
        ) as unknown as CellValue[][];
        for (const j of formulaCols) ws.getRange(colBox(j, blockStart, r1)).formulas = block.map((r) => [r[j] ?? '']) as unknown as string[][];
        blockStart = r1 + 1;
        block = [];
      };
      for (const r of rows) {
        block.push(r);
        budget += jsonBytes(r) + 8;
        if (budget > this.requestBudget) {
          writeBlock();
          await sync();
          budget = 0;
        }
      }
      writeBlock();

      // The table.
      const table = ws.tables.add(`${colLetter(0)}1:${colLetter(lastCol)}${lastRow + 1}`, true);
      table.name = tableName;
      table.style = spec.tableStyle;

      // Formats.
      const all = ws.getRange(boxAddress({ r0: 0, c0: 0, r1: lastRow, c1: lastCol }));
      all.format.font.name = spec.font.name;
      all.format.font.size = spec.font.size;
      all.format.verticalAlignment = 'Top';
      const head = ws.getRange(boxAddress({ r0: 0, c0: 0, r1: 0, c1: lastCol }));
      head.format.font.bold = true;
      head.format.wrapText = true;
      head.format.horizontalAlignment = 'Center';
      head.format.verticalAlignment = 'Center';
      // The budget carries on from the last block of values, still queued with the table and formats.
      for (const [j, c] of cols.entries()) {
        const body = ws.getRange(colBox(j, 1, lastRow));
        if (c.wrap) body.format.wrapText = true;
        if (c.center) body.format.horizontalAlignment = 'Center';
        if (c.kind === 'date') {
          const cost = OP_OVERHEAD + 16 * lastRow;
          if (budget + cost > this.requestBudget && budget > 0) {
            await sync();
            budget = 0;
          }
          body.numberFormat = Array.from({ length: lastRow }, () => ['dd/mm/yyyy']);
          budget += cost;
        }
        if (caps.columnWidths) ws.getRange(colBox(j, 0, 0)).format.columnWidth = charsToPoints(c.width);
        if (c.list && caps.validation) {
          body.dataValidation.clear();
          body.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(',') } };
          body.dataValidation.errorAlert = {
            showAlert: true,
            style: 'Stop',
            title: `${c.header} không hợp lệ`,
            message: `Chỉ chọn một trong: ${c.list.join(', ')}.`,
          };
        }
      }
      if (caps.autofitRows) all.format.autofitRows();
      if (caps.freezePanes) ws.freezePanes.freezeRows(1);
      if (caps.pageLayout) {
        ws.pageLayout.orientation = 'Landscape';
        ws.pageLayout.paperSize = 'A4';
        ws.pageLayout.setPrintTitleRows('$1:$1');
      }
      ws.activate();
      ws.load('id,name');
      table.load('name');
      await sync();
      return { sheetId: ws.id, sheetName: ws.name, tableName: table.name };
    });
  }

  /** Write or refresh a report sheet (Tổng hợp): cleared and rewritten when it exists, so it never goes stale. */
  async writeReportSheet(spec: ReportSpec): Promise<WrittenSheet> {
    const caps = this.caps;
    return this.run(async (ctx, sync) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await sync();
      const existing = sheets.items.find((s) => s.name.toLowerCase() === spec.name.toLowerCase());
      let ws: Excel.Worksheet;
      if (existing) {
        ws = sheets.getItem(existing.name);
        ws.getUsedRange().clear();
      } else {
        ws = sheets.add(spec.name);
      }
      const width = Math.max(...spec.rows.map((r) => r.length));
      const grid = spec.rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === undefined || r[j] === null ? '' : r[j]))) as CellValue[][];
      const last = grid.length - 1;
      const all = ws.getRange(boxAddress({ r0: 0, c0: 0, r1: last, c1: width - 1 }));
      // Agency names are text whatever they look like.
      ws.getRange(boxAddress({ r0: spec.headerRow + 1, c0: 1, r1: spec.tableRows[1], c1: 1 })).numberFormat = Array.from(
        { length: spec.tableRows[1] - spec.headerRow },
        () => ['@'],
      );
      all.values = grid;
      all.format.font.name = spec.font.name;
      all.format.font.size = spec.font.size;
      for (const r of spec.boldRows) ws.getRange(boxAddress({ r0: r, c0: 0, r1: r, c1: width - 1 })).format.font.bold = true;
      const title = ws.getRange(cellAddress(spec.titleRow, 0)).format.font;
      title.size = spec.font.size + 3;
      title.bold = true;
      const head = ws.getRange(boxAddress({ r0: spec.headerRow, c0: 0, r1: spec.headerRow, c1: width - 1 }));
      head.format.fill.color = HEADER_FILL;
      head.format.wrapText = true;
      head.format.horizontalAlignment = 'Center';
      head.format.verticalAlignment = 'Center';
      const [t0, t1] = spec.tableRows;
      for (const c of spec.percentColumns) {
        ws.getRange(boxAddress({ r0: t0 + 1, c0: c, r1: t1, c1: c })).numberFormat = Array.from({ length: t1 - t0 }, () => ['0.0%']);
      }
      for (const [r, c] of spec.dateCells) ws.getRange(cellAddress(r, c)).numberFormat = [['dd/mm/yyyy']];
      if (caps.columnWidths) spec.widths.forEach((w, j) => (ws.getRange(cellAddress(0, j)).format.columnWidth = charsToPoints(w)));
      if (caps.freezePanes) ws.freezePanes.freezeRows(spec.headerRow + 1);
      ws.activate();
      ws.load('id,name');
      await sync();
      return { sheetId: ws.id, sheetName: ws.name, tableName: '' };
    });
  }
}

// ---- helpers ------------------------------------------------------------------------------

interface Run {
  c: number;
  r0: number;
  r1: number;
  color: string;
}

/** Longest run: a run read cell by cell (ExcelApi 1.1, mixed fills) must fit in one request. */
const MAX_RUN = 2_000;

/** Marked cells → vertical runs of one colour in one column. */
function toRuns(cells: MarkCell[]): Run[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Run[] = [];
  for (const x of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.c === x.col && last.r1 + 1 === x.row && last.color === x.color && last.r1 - last.r0 + 1 < MAX_RUN) last.r1 = x.row;
    else if (last && last.c === x.col && last.r1 === x.row) continue;
    else runs.push({ c: x.col, r0: x.row, r1: x.row, color: x.color });
  }
  return runs;
}

/** [from, to) index ranges of `values` whose JSON stays under `maxBytes` each. */
function pieces(values: string[], maxBytes: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  let size = 0;
  values.forEach((v, i) => {
    const b = utf8.encode(v).length + 8;
    if (size + b > maxBytes && i > from) {
      out.push([from, i]);
      from = i;
      size = 0;
    }
    size += b;
  });
  if (from < values.length) out.push([from, values.length]);
  return out;
}

/** Paint runs through multi-area ranges, one per colour, a bounded number of areas each. */
function paintAreas(ws: Excel.Worksheet, runs: Run[]): void {
  const byColor = new Map<string, string[]>();
  for (const r of runs) {
    const list = byColor.get(r.color) ?? [];
    list.push(boxAddress({ r0: r.r0, c0: r.c, r1: r.r1, c1: r.c }));
    byColor.set(r.color, list);
  }
  for (const [color, list] of byColor) {
    let chunk: string[] = [];
    let len = 0;
    const emit = () => {
      if (chunk.length) ws.getRanges(chunk.join(',')).format.fill.color = color;
      chunk = [];
      len = 0;
    };
    for (const a of list) {
      if (len + a.length + 1 > 4000) emit();
      chunk.push(a);
      len += a.length + 1;
    }
    emit();
  }
}

/** Record a run's previous fills, cut where they differ. */
function pushSplit(log: MarkLog, run: Run, prevs: FillState[]): void {
  let start = 0;
  for (let i = 1; i <= prevs.length; i++) {
    if (i === prevs.length || !sameFill(prevs[i]!, prevs[start]!)) {
      log.fills.push({ c: run.c, r0: run.r0 + start, r1: run.r0 + i - 1, prev: prevs[start]!, ours: run.color });
      start = i;
    }
  }
}

function fillOf(color: string | null | undefined, pattern?: string | null, patternColor?: string | null): FillState | null {
  if (color === null || color === undefined) return null;
  if (pattern === 'None') return { color: null };
  // ExcelApi 1.1 cannot tell "no fill" from a white fill: white is taken as none.
  if (pattern === undefined && color.toUpperCase() === '#FFFFFF') return { color: null };
  const f: FillState = { color: color.toUpperCase() };
  if (pattern && pattern !== 'Solid') {
    f.pattern = pattern;
    if (patternColor) f.patternColor = patternColor.toUpperCase();
  }
  return f;
}

function sameFill(a: FillState, b: FillState): boolean {
  return a.color === b.color && a.pattern === b.pattern && a.patternColor === b.patternColor;
}

function sameColor(a: string | null | undefined, b: string): boolean {
  return !!a && a.toUpperCase() === b.toUpperCase();
}

/** Contiguous vertical spans of cells, per column. */
function spans(cells: Array<{ r: number; c: number }>): Array<{ c: number; r0: number; r1: number }> {
  const sorted = [...cells].sort((a, b) => a.c - b.c || a.r - b.r);
  const out: Array<{ c: number; r0: number; r1: number }> = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && last.c === x.c && last.r1 + 1 === x.r) last.r1 = x.r;
    else out.push({ c: x.c, r0: x.r, r1: x.r });
  }
  return out;
}

function trueSpans(flags: boolean[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  flags.forEach((f, i) => {
    if (f && start < 0) start = i;
    if ((!f || i === flags.length - 1) && start >= 0) {
      out.push([start, f ? i : i - 1]);
      start = -1;
    }
  });
  return out;
}

/** Text that Excel would read as a formula keeps a leading apostrophe. */
function safeText(v: string): string {
  return /^[=+\-@]/.test(v) ? `'${v}` : v;
}

function uniqueName(base: string, taken: string[], make: (base: string, i: number) => string): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const n = make(base, i);
    if (!lower.has(n.toLowerCase())) return n;
  }
}

/** Width in characters (Times New Roman 12) → points. */
function charsToPoints(chars: number): number {
  return Math.round(chars * 6.5 + 5);
}

/** Bytes one data row of the planned columns is likely to take in a response, from the rows seen in the window. */
function estimateRowBytes(head: CellValue[][], plan: ReadPlan): number {
  let total = 0;
  let n = 0;
  for (let r = plan.firstRow; r < head.length && r <= plan.lastRow; r++) {
    const row = head[r]!;
    let b = 0;
    for (const c of plan.columns) b += c.as === 'types' ? 10 : jsonBytes(row[c.col] ?? '') + 4;
    total += b;
    n++;
  }
  const avg = n ? total / n : plan.columns.length * 40;
  // Rows further down may be longer than the first few: leave room (and a read that overflows is split).
  return Math.max(16, Math.ceil(avg * 1.25));
}

/**
 * The mark log: exactly what a check changed on a sheet, so that clearing
 * the marks puts every cell back. Built *before* anything is written (from
 * the cells as read), stored, and only then are the marks written: a check
 * that fails halfway can always be undone.
 *
 * It lives in the document's settings, which hold a few MB at most and fail
 * to save beyond that. So what we wrote is kept as short hashes (enough to
 * tell whether the user has changed a cell since), and the old contents of
 * overwritten cells go, when they are large, to a hidden log sheet
 * (`kept`); the settings then hold only their count.
 *
 * In: the cells about to change, their contents and fills before. Out: a
 * MarkLog, and its packed form for the settings.
 */
import { jsonBytes } from './budget.js';
import type { ExactCell, FillState, RowKeys } from './types.js';

export const HASH_WIDTH = 6;

/** FNV-1a, 32 bits, as HASH_WIDTH base-36 characters. */
export function textHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(HASH_WIDTH, '0').slice(-HASH_WIDTH);
}

export function hashAt(hashes: string, i: number): string {
  return hashes.slice(i * HASH_WIDTH, (i + 1) * HASH_WIDTH);
}

/** Rows changed in one column: what each held before, and the hash of what we write. */
export interface CellRun {
  c: number;
  r0: number;
  /** One per row; null when they were all empty. */
  prevs: ExactCell[] | null;
  /** HASH_WIDTH characters per row. */
  ours: string;
}

export type AddedColumn =
  /** Cells written in a free column: header row first. */
  | { kind: 'cells'; col: number; r0: number; hashes: string }
  /** A column added to an Excel table (header `name`, at sheet column `col`), header row first. */
  | { kind: 'tableColumn'; table: string; name: string; col: number; r0: number; hashes: string };

export interface MarkLog {
  v: 3;
  sheetId: string;
  /** Sheets are found by id, then by this name (ids may change when the workbook is reopened). */
  sheetName: string;
  fills: Array<{ c: number; r0: number; r1: number; prev: FillState; ours: string }>;
  cells: CellRun[];
  added: AddedColumn | null;
  /** Our top-priority conditional rule (its formula), when one was added. */
  rule: string | null;
  /** Each data row's identity, to find it again after a sort. */
  keys: RowKeys | null;
}

export function emptyLog(sheetId: string, sheetName: string, keys: RowKeys | null = null): MarkLog {
  return { v: 3, sheetId, sheetName, fills: [], cells: [], added: null, rule: null, keys };
}

/** A row's identity hash from its key cells. */
export function rowKey(values: readonly unknown[]): string {
  return textHash(values.map((v) => (v === null || v === undefined ? '' : String(v).trim())).join('\u0001'));
}

const isEmpty = (v: ExactCell): boolean => v === '' || v === null || v === undefined;

/** Log one changed cell, extending the last run when it is the next row of the same column. */
export function logCell(log: MarkLog, r: number, c: number, prev: ExactCell, ours: string): void {
  const last = log.cells[log.cells.length - 1];
  const n = last ? last.ours.length / HASH_WIDTH : 0;
  if (last && last.c === c && last.r0 + n === r) {
    if (last.prevs === null && !isEmpty(prev)) last.prevs = Array.from({ length: n }, () => '');
    if (last.prevs !== null) last.prevs.push(prev);
    last.ours += textHash(ours);
    return;
  }
  log.cells.push({ c, r0: r, prevs: isEmpty(prev) ? null : [prev], ours: textHash(ours) });
}

/** The logged cells one by one. */
export function loggedCells(log: MarkLog): Array<{ r: number; c: number; prev: ExactCell; ours: string }> {
  return log.cells.flatMap((run) =>
    Array.from({ length: run.ours.length / HASH_WIDTH }, (_, i) => ({
      r: run.r0 + i,
      c: run.c,
      prev: run.prevs ? (run.prevs[i] ?? '') : '',
      ours: hashAt(run.ours, i),
    })),
  );
}

/**
 * The log as stored: fill runs as tuples pointing into small tables of fill
 * states and colours (most runs share "no fill" and one of three colours).
 */
export interface PackedMarkLog {
  v: 3;
  sheetId: string;
  sheetName: string;
  states: FillState[];
  colors: string[];
  fills: Array<[c: number, r0: number, r1: number, prev: number, ours: number]>;
  cells: CellRun[];
  added: AddedColumn | null;
  rule: string | null;
  keys: RowKeys | null;
  /**
   * Set on the stub kept in the settings when the log itself is in the log
   * sheet (it was too large for the settings): where, and the stamp in the
   * sheet's first cell that ties it to this stub.
   */
  kept?: { sheet: string; stamp: string; parts: number };
}

/** Settings stay small: a log larger than this goes to the log sheet, and the settings hold a stub. */
export const SETTINGS_LOG_BUDGET = 256_000;

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
  return { v: 3, sheetId: log.sheetId, sheetName: log.sheetName, states, colors, fills, cells: log.cells, added: log.added, rule: log.rule, keys: log.keys };
}

export function unpackMarkLog(p: PackedMarkLog): MarkLog {
  return {
    v: 3,
    sheetId: p.sheetId,
    sheetName: p.sheetName,
    fills: p.fills.map(([c, r0, r1, prev, ours]) => ({ c, r0, r1, prev: p.states[prev]!, ours: p.colors[ours]! })),
    cells: p.cells,
    added: p.added,
    rule: p.rule,
    keys: p.keys ?? null,
  };
}

/** Whether a stored value is a log this code can read (older versions are dropped, not misread). */
export function isPackedMarkLog(v: unknown): v is PackedMarkLog {
  const p = v as PackedMarkLog | null;
  return !!p && p.v === 3 && typeof p.sheetId === 'string' && Array.isArray(p.fills) && Array.isArray(p.cells);
}

/** A log too large for the settings: the stub for the settings, and the log's JSON in parts a cell can hold. */
export function stubFor(packed: PackedMarkLog, sheet: string, stamp: string): { stub: PackedMarkLog; parts: string[] } | null {
  const json = JSON.stringify(packed);
  if (jsonBytes(json) <= SETTINGS_LOG_BUDGET) return null;
  const parts = cutText(json, KEPT_PART).map((p) => `~${p}`);
  const stub: PackedMarkLog = { ...packed, states: [], colors: [], fills: [], cells: [], added: null, rule: null, keys: null, kept: { sheet, stamp, parts: parts.length } };
  return { stub, parts };
}

/** The log back from its parts (null when they do not make one). */
export function fromParts(parts: unknown[]): PackedMarkLog | null {
  const json = parts
    .map((p) => String(p ?? ''))
    .filter((p) => p.startsWith('~'))
    .map((p) => p.slice(1))
    .join('');
  try {
    const v = JSON.parse(json) as unknown;
    return isPackedMarkLog(v) ? v : null;
  } catch {
    return null;
  }
}

/** Characters per log-sheet cell: under Excel's 32,767, after the "~" that keeps Excel from parsing it. */
export const KEPT_PART = 30_000;

/** Text cut in parts of at most `n` characters, never between the halves of a surrogate pair (a lone half does not survive the trip to Excel). */
export function cutText(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let end = Math.min(s.length, i + n);
    const code = s.charCodeAt(end - 1);
    if (end < s.length && code >= 0xd800 && code <= 0xdbff) end--;
    out.push(s.slice(i, end));
    i = end;
  }
  return out;
}

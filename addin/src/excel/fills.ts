/**
 * Fills as the adapter records and paints them: Office.js fill properties
 * → FillState, and marked cells → vertical runs of one colour. Plain data.
 */
import type { FillState, MarkCell } from './types.js';

export function fillOf(color: string | null | undefined, pattern?: string | null, patternColor?: string | null): FillState | null {
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

export function sameColor(a: string | null | undefined, b: string): boolean {
  return !!a && a.toUpperCase() === b.toUpperCase();
}

export interface Run {
  c: number;
  r0: number;
  r1: number;
  color: string;
}

/** Longest run: a run read cell by cell (ExcelApi 1.1, mixed fills) stays a bounded request. */
export const MAX_RUN = 2_000;

/** Marked cells → vertical runs of one colour in one column. */
export function toRuns(cells: MarkCell[]): Run[] {
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

/** Contiguous vertical spans of cells, per column. */
export function spans(cells: Array<{ r: number; c: number }>): Array<{ c: number; r0: number; r1: number }> {
  const sorted = [...cells].sort((a, b) => a.c - b.c || a.r - b.r);
  const out: Array<{ c: number; r0: number; r1: number }> = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && last.c === x.c && last.r1 + 1 === x.r) last.r1 = x.r;
    else out.push({ c: x.c, r0: x.r, r1: x.r });
  }
  return out;
}

/** Runs → lists of A1 areas per colour, each list's text under `maxChars` (one multi-area range each). */
export function areaLists(runs: Array<{ c: number; r0: number; r1: number; color: string }>, address: (r: { c: number; r0: number; r1: number }) => string, maxChars = 4000): Array<{ color: string; areas: string[] }> {
  const byColor = new Map<string, string[]>();
  for (const r of runs) {
    const list = byColor.get(r.color) ?? [];
    list.push(address(r));
    byColor.set(r.color, list);
  }
  const out: Array<{ color: string; areas: string[] }> = [];
  for (const [color, list] of byColor) {
    let chunk: string[] = [];
    let len = 0;
    for (const a of list) {
      if (len + a.length + 1 > maxChars && chunk.length) {
        out.push({ color, areas: chunk });
        chunk = [];
        len = 0;
      }
      chunk.push(a);
      len += a.length + 1;
    }
    if (chunk.length) out.push({ color, areas: chunk });
  }
  return out;
}

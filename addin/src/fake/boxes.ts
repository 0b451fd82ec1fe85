/**
 * Box arithmetic for the fake workbook: rectangles of 0-based cells (the
 * adapter's Box). In: boxes. Out: tests and new boxes. Pure.
 */
import { MAX_COLS, MAX_ROWS, type Box } from '../excel/address.js';

export function inBox(b: Box, r: number, c: number): boolean {
  return r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function intersect(a: Box, b: Box): Box | null {
  if (!overlaps(a, b)) return null;
  return { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
}

export function contains(outer: Box, inner: Box): boolean {
  return inner.r0 >= outer.r0 && inner.r1 <= outer.r1 && inner.c0 >= outer.c0 && inner.c1 <= outer.c1;
}

/** `a` minus `b`, as up to four boxes (bands above, below, left, right of the cut). */
export function subtract(a: Box, b: Box): Box[] {
  const cut = intersect(a, b);
  if (!cut) return [a];
  const out: Box[] = [];
  if (a.r0 < cut.r0) out.push({ ...a, r1: cut.r0 - 1 });
  if (cut.r1 < a.r1) out.push({ ...a, r0: cut.r1 + 1 });
  if (a.c0 < cut.c0) out.push({ r0: cut.r0, r1: cut.r1, c0: a.c0, c1: cut.c0 - 1 });
  if (cut.c1 < a.c1) out.push({ r0: cut.r0, r1: cut.r1, c0: cut.c1 + 1, c1: a.c1 });
  return out;
}

export function cellsIn(b: Box): number {
  return (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
}

/** Whole columns: Excel stores their format once per column, not per cell. */
export function spansAllRows(b: Box): boolean {
  return b.r0 === 0 && b.r1 === MAX_ROWS - 1;
}

/** Whole rows: Excel stores their format once per row. */
export function spansAllColumns(b: Box): boolean {
  return b.c0 === 0 && b.c1 === MAX_COLS - 1;
}

export function sameBox(a: Box, b: Box): boolean {
  return a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
}

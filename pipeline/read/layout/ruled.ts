import type { GridRow, PageTable, RawPage, Region, Run, Seg } from './page.js';
import { covered, Union } from './rulings.js';
import { toLines } from './lines.js';

/** The grid cells of a ruled table merged where no rule parts them, with the runs inside. */
export interface Grid {
  xs: number[];
  ys: number[];
  hs: Seg[];
  vs: Seg[];
}

/** Grid cells (r * C + c) joined where no rule parts them: the cells as drawn. */
function cellUnion(grid: Grid): Union {
  const { xs, ys, hs, vs } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const u = new Union(R * C);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !covered(vs, xs[c + 1]!, ys[r]!, ys[r + 1]!)) u.union(r * C + c, r * C + c + 1);
      if (r + 1 < R && !covered(hs, ys[r + 1]!, xs[c]!, xs[c + 1]!)) u.union(r * C + c, (r + 1) * C + c);
    }
  }
  return u;
}

/** The cells of a ruled grid as drawn (merged cells whole), as boxes in page coordinates: OCR reads each alone. */
export function cellBoxes(grid: Grid): Array<{ x0: number; y0: number; x1: number; y1: number }> {
  const { xs, ys } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const u = cellUnion(grid);
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number }>();
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = u.find(r * C + c);
      const b = boxes.get(root);
      if (!b) boxes.set(root, { x0: xs[c]!, y0: ys[r]!, x1: xs[c + 1]!, y1: ys[r + 1]! });
      else {
        b.x0 = Math.min(b.x0, xs[c]!);
        b.y0 = Math.min(b.y0, ys[r]!);
        b.x1 = Math.max(b.x1, xs[c + 1]!);
        b.y1 = Math.max(b.y1, ys[r + 1]!);
      }
    }
  }
  return [...boxes.values()];
}

export function ruledTable(page: RawPage, grid: Grid, runs: Run[]): PageTable {
  const { xs, ys } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const u = cellUnion(grid);
  const regions = new Map<number, Region>();
  const at: Region[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = u.find(r * C + c);
      let reg = regions.get(root);
      if (!reg) {
        reg = { c0: c, c1: c + 1, parts: [] };
        regions.set(root, reg);
      }
      reg.c0 = Math.min(reg.c0, c);
      reg.c1 = Math.max(reg.c1, c + 1);
      at[r * C + c] = reg;
    }
  }
  const inside = new Map<Region, Run[]>();
  for (const run of runs) {
    const cx = (run.x0 + run.x1) / 2;
    const cy = run.y - 0.3 * run.size;
    const c = Math.min(C - 1, Math.max(0, upper(xs, cx) - 1));
    const r = Math.min(R - 1, Math.max(0, upper(ys, cy) - 1));
    const reg = at[r * C + c]!;
    const list = inside.get(reg) ?? [];
    list.push(run);
    inside.set(reg, list);
  }
  // Padding: how far text keeps from the left rule of its cell.
  let pad = Infinity;
  for (const [reg, list] of inside) for (const run of list) pad = Math.min(pad, run.x0 - xs[reg.c0]!);
  pad = Number.isFinite(pad) ? Math.max(1, Math.min(pad, 12)) : 5;
  for (const reg of regions.values()) {
    const list = inside.get(reg) ?? [];
    reg.parts = [{ lines: toLines(list), room: xs[reg.c1]! - xs[reg.c0]! - 2 * pad }];
  }
  const rows: GridRow[] = [];
  for (let r = 0; r < R; r++) {
    const row: GridRow = { page: page.n, regions: [] };
    for (let c = 0; c < C; c++) row.regions.push(at[r * C + c]!);
    rows.push(row);
  }
  return dropEmptyBands({ page: page.n, top: ys[0]!, bottom: ys[R]!, xs, rows, ruled: true, ...(page.ocr ? { ocr: true } : {}) });
}

/** Index of the first boundary greater than v. */
export function upper(bounds: number[], v: number): number {
  let i = 0;
  while (i < bounds.length && bounds[i]! <= v) i++;
  return i;
}

export function regionText(reg: Region): boolean {
  return reg.parts.some((p) => p.lines.length > 0);
}

/**
 * Rows with no text in any cell that starts in them or runs through them
 * (a band between double rules) go, and so do narrow empty columns.
 */
export function dropEmptyBands(t: PageTable): PageTable {
  const rows = t.rows.filter((row) => row.regions.some(regionText));
  const C = t.xs.length - 1;
  const keep: number[] = [];
  for (let c = 0; c < C; c++) {
    const w = t.xs[c + 1]! - t.xs[c]!;
    const anchored = rows.some((row) => row.regions[c]!.c0 === c && regionText(row.regions[c]!));
    if (w >= 6 || anchored) keep.push(c);
  }
  if (keep.length === C) return { ...t, rows };
  const xs = [...keep.map((c) => t.xs[c]!), t.xs[C]!];
  const remap = (c: number): number => {
    let k = 0;
    while (k < keep.length && keep[k]! < c) k++;
    return k;
  };
  const done = new Set<Region>();
  for (const row of rows) {
    for (const reg of row.regions) {
      if (done.has(reg)) continue;
      done.add(reg);
      reg.c0 = remap(reg.c0);
      reg.c1 = Math.max(reg.c0 + 1, remap(reg.c1));
    }
    row.regions = keep.map((c) => row.regions[c]!);
  }
  return { ...t, xs, rows };
}

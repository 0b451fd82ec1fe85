import { mapHeader } from '../../find/headers.js';
import type { GridRow, Line, PageTable, RawPage, Region, Run } from './page.js';
import { segmentsOf, toLines, type Spacing } from './lines.js';
import { upper } from './ruled.js';

/**
 * A task table drawn without rules: a header band (up to four close lines
 * whose pieces, grouped by column, name task fields) gives the columns; the
 * table runs on while lines keep close together, each row starting at a
 * line with text in the first column.
 */
export function unruledTables(
  page: RawPage,
  lines: Line[],
  spacing: Spacing,
  carry: number[] | null,
): { tables: PageTable[]; used: Set<Line>; open: number[] | null } {
  const tables: PageTable[] = [];
  const used = new Set<Line>();
  // Lines close to each other from `from` on: a table's body.
  const bodyFrom = (from: number): Line[] => {
    const body: Line[] = [];
    for (let j = from; j < lines.length; j++) {
      const l = lines[j]!;
      const prev = lines[j - 1];
      if (j > from && prev && l.y - prev.y > 3 * spacing.step(l.size)) break;
      body.push(l);
    }
    return body;
  };
  let i = 0;
  // A table without rules that ran to the foot of the page before goes on at the top of this one, without
  // its header: its columns carry over when the first line keeps to them.
  if (carry && lines.length > 0 && !headerBand(lines, 0, spacing) && keepsTo(lines[0]!, carry)) {
    const body = bodyFrom(0);
    const rows = unruledRows(page, [], body, carry);
    if (rows.length > 0) {
      tables.push({ page: page.n, top: body[0]!.y - body[0]!.size, bottom: body[body.length - 1]!.y, xs: carry, rows, ruled: false, ...(page.ocr ? { ocr: true } : {}) });
      for (const l of body) used.add(l);
      i = body.length;
    }
  }
  while (i < lines.length) {
    const head = headerBand(lines, i, spacing);
    if (!head) {
      i++;
      continue;
    }
    const { cols, end } = head;
    const body = end < lines.length && lines[end]!.y - lines[end - 1]!.y <= 3 * spacing.step(lines[end]!.size) ? bodyFrom(end) : [];
    const xs = columnBounds(cols, body);
    const rows = unruledRows(page, lines.slice(i, end), body, xs);
    if (rows.length > 0) {
      tables.push({ page: page.n, top: lines[i]!.y - lines[i]!.size, bottom: (body[body.length - 1] ?? lines[end - 1]!).y, xs, rows, ruled: false, ...(page.ocr ? { ocr: true } : {}) });
      for (let k = i; k < end + body.length; k++) used.add(lines[k]!);
    }
    i = end + body.length;
  }
  const last = tables[tables.length - 1];
  const open = last && lines.length > 0 && used.has(lines[lines.length - 1]!) ? last.xs : null;
  return { tables, used, open };
}

/** A line whose pieces each fall in one column, or a piece from the first column on (a title across). */
export function keepsTo(line: Line, xs: number[]): boolean {
  const C = xs.length - 1;
  return line.runs.every((s) => {
    if (s.x0 < xs[0]! - 4 || s.x1 > xs[C]! + 4) return false;
    const c0 = upper(xs, s.x0 + 1) - 1;
    const c1 = upper(xs, s.x1 - 1);
    return c1 - c0 <= 1 || c0 === 0;
  });
}

export interface HeaderBand {
  /** Header cells left to right: their x extent and text. */
  cols: Array<{ x0: number; x1: number; text: string }>;
  end: number;
}

export function headerBand(lines: Line[], i: number, spacing: Spacing): HeaderBand | null {
  const close = (a: Line, b: Line) => !spacing.isBreak(a, b);
  for (let k = 1; k <= 4 && i + k <= lines.length; k++) {
    if (k > 1 && !close(lines[i + k - 2]!, lines[i + k - 1]!)) return null;
    const cells = headerCells(lines.slice(i, i + k));
    // Each cell names one field at most: fewer than three cannot name the three asked for below.
    if (!cells || cells.length < 3) continue;
    const map = mapHeader(cells.map((c) => c.text));
    if (!map) continue;
    const named = (m: NonNullable<typeof map>) => m.fields.filter((f) => f !== null).length;
    if (named(map) < 3) continue;
    // A header cell wrapped onto the next line ("Cơ quan chủ" / "trì"): take the lines that keep close
    // and hold no TT, as long as the header still names as many fields.
    let end = i + k;
    let best = { cells, n: named(map) };
    while (end < lines.length && end - i < 4 && close(lines[end - 1]!, lines[end]!) && !segmentsOf(lines[end]!, 0.8).some((s) => TT_LIKE.test(s.text))) {
      const more = headerCells(lines.slice(i, end + 1));
      const m = more && mapHeader(more.map((c) => c.text));
      if (!more || !m || named(m) < best.n || more.length !== best.cells.length) break;
      best = { cells: more, n: named(m) };
      end++;
    }
    return { cols: best.cells, end };
  }
  return null;
}

export const TT_LIKE = /^(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]?$/;

/** Pieces of a band of lines grouped into header cells by x overlap, left to right. */
export function headerCells(band: Line[]): HeaderBand['cols'] | null {
  const segs = band.flatMap((l) => segmentsOf(l, 0.8).map((s) => ({ ...s, y: l.y })));
  if (segs.length < 3) return null;
  segs.sort((a, b) => a.x0 - b.x0);
  const cols: Array<{ x0: number; x1: number; parts: Array<{ y: number; text: string }> }> = [];
  for (const s of segs) {
    const last = cols[cols.length - 1];
    if (last && s.x0 < last.x1 - 1) {
      last.x1 = Math.max(last.x1, s.x1);
      last.parts.push({ y: s.y, text: s.text });
    } else cols.push({ x0: s.x0, x1: s.x1, parts: [{ y: s.y, text: s.text }] });
  }
  return cols.map((c) => ({
    x0: c.x0,
    x1: c.x1,
    text: c.parts
      .sort((a, b) => a.y - b.y)
      .map((p) => p.text)
      .join(' '),
  }));
}

/**
 * Column boundaries: between two header cells (their text is centred in their
 * columns, so a boundary lies between them), in the widest stretch no body
 * text covers, else half-way.
 */
export function columnBounds(cols: HeaderBand['cols'], body: Line[]): number[] {
  const centres = cols.map((c) => (c.x0 + c.x1) / 2);
  const pieces = body.flatMap((l) => l.runs);
  // A piece over two header centres (a group title across the table) says nothing about columns.
  const fits = pieces.filter((p) => centres.filter((x) => x >= p.x0 && x <= p.x1).length <= 1);
  const left = Math.min(cols[0]!.x0, ...fits.map((p) => p.x0)) - 1;
  const right = Math.max(cols[cols.length - 1]!.x1, ...fits.map((p) => p.x1)) + 1;
  const xs = [left];
  for (let c = 0; c + 1 < cols.length; c++) {
    const lo = cols[c]!.x1;
    const hi = Math.max(lo, cols[c + 1]!.x0);
    // Stretches covered by body text between the two header cells.
    const spans = fits
      .map((p) => [Math.max(lo, p.x0), Math.min(hi, p.x1)] as const)
      .filter(([a, b]) => b > a)
      .sort((a, b) => a[0] - b[0]);
    let best: [number, number] | null = null;
    let at = lo;
    for (const [a, b] of spans) {
      if (a > at && (!best || a - at > best[1] - best[0])) best = [at, a];
      at = Math.max(at, b);
    }
    if (hi > at && (!best || hi - at > best[1] - best[0])) best = [at, hi];
    xs.push(best ? (best[0] + best[1]) / 2 : (lo + hi) / 2);
  }
  xs.push(right);
  return xs;
}

export function unruledRows(page: RawPage, header: Line[], body: Line[], xs: number[]): GridRow[] {
  const C = xs.length - 1;
  const room = (c0: number, c1: number) => xs[c1]! - xs[c0]! - 4;
  /** Columns a run covers: the one it starts in, and more when it runs well past its right edge (a title across). */
  const colsOf = (r: { x0: number; x1: number }): [number, number] => {
    const c0 = Math.min(C - 1, Math.max(0, upper(xs, r.x0 + 1) - 1));
    const c1 = Math.min(C, Math.max(c0 + 1, upper(xs, r.x1 - 3)));
    return [c0, c1];
  };
  const toRegions = (lines: Line[], pieces: (l: Line) => Array<{ x0: number; x1: number; runs: Run[] }>): Region[] => {
    const per: Run[][] = Array.from({ length: C }, () => []);
    const spans: number[] = Array.from({ length: C }, () => 1);
    for (const l of lines) {
      for (const p of pieces(l)) {
        const [c0, c1] = colsOf(p);
        per[c0]!.push(...p.runs);
        spans[c0] = Math.max(spans[c0]!, c1 - c0);
      }
    }
    const regs: Region[] = [];
    for (let c = 0; c < C; ) {
      const span = Math.min(spans[c]!, C - c);
      const reg: Region = { c0: c, c1: c + span, parts: [] };
      const runs: Run[] = [];
      for (let k = c; k < c + span; k++) runs.push(...per[k]!);
      reg.parts = [{ lines: toLines(runs), room: room(c, c + span) }];
      for (let k = 0; k < span; k++) regs.push(reg);
      c += span;
    }
    return regs;
  };
  // Header cells are found as pieces of words; body text goes by the text items the page draws.
  const rows: GridRow[] = header.length > 0 ? [{ page: page.n, regions: toRegions(header, (l) => segmentsOf(l, 0.8)) }] : [];
  const byRun = (l: Line) => l.runs.map((r) => ({ x0: r.x0, x1: r.x1, runs: [r] }));
  let cur: Line[] = [];
  const flush = () => {
    if (cur.length > 0) rows.push({ page: page.n, regions: toRegions(cur, byRun) });
    cur = [];
  };
  for (const l of body) {
    // A row starts at a line with text in the first column (its TT), or a title running across.
    const first = l.runs[0];
    const startsRow = !!first && colsOf(first)[0] === 0;
    if (startsRow) flush();
    cur.push(l);
  }
  flush();
  return rows;
}

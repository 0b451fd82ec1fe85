import type { Line, Run } from './page.js';
import { isMarkOnly, toCombining } from './text.js';

/** Group runs into lines by baseline, top to bottom. */
export function toLines(runs: Run[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const groups: Run[][] = [];
  let cur: Run[] = [];
  let base = 0;
  let size = 0;
  for (const r of sorted) {
    if (cur.length > 0 && Math.abs(r.y - base) <= 0.4 * Math.max(size, r.size)) {
      cur.push(r);
      continue;
    }
    if (cur.length > 0) groups.push(cur);
    cur = [r];
    base = r.y;
    size = r.size;
  }
  if (cur.length > 0) groups.push(cur);
  return groups.map(lineOf);
}

export function lineOf(runs: Run[]): Line {
  const rs = [...runs].sort((a, b) => a.x0 - b.x0);
  // The main size and baseline are those of the most text.
  let main = rs[0]!;
  for (const r of rs) if (r.text.length > main.text.length) main = r;
  let text = '';
  let last: Run | null = null;
  const pieces: Array<{ text: string; x0: number; x1: number }> = [];
  for (const r of rs) {
    if (isMarkOnly(r.text)) {
      attachMark(pieces, r);
      continue;
    }
    const t = r.text;
    if (last !== null) {
      const gap = r.x0 - last.x1;
      const prev = pieces[pieces.length - 1]!;
      // Words OCR read apart are apart, however tight their boxes ("Sở" "Y tế").
      const apart = gap > 0.12 * Math.min(r.size, last.size) || (r.conf !== undefined && last.conf !== undefined);
      const needsSpace = apart && !/\s$/.test(prev.text) && !/^\s/.test(t) && !/^\p{M}/u.test(t);
      if (needsSpace) prev.text += ' ';
    }
    pieces.push({ text: t, x0: r.x0, x1: r.x1 });
    last = r;
  }
  text = pieces.map((p) => p.text).join('');
  return {
    text: text.normalize('NFC').replace(/\s+/g, ' ').trim(),
    x0: rs[0]!.x0,
    x1: Math.max(...rs.map((r) => r.x1)),
    y: main.y,
    size: main.size,
    bold: rs.every((r) => r.bold),
    runs: rs,
  };
}

/** A tone mark drawn on its own goes after the letter under it. */
export function attachMark(pieces: Array<{ text: string; x0: number; x1: number }>, r: Run): void {
  const mark = toCombining(r.text);
  const cx = (r.x0 + r.x1) / 2;
  let host = pieces[pieces.length - 1];
  for (const p of pieces) if (cx >= p.x0 && cx < p.x1) host = p;
  if (!host) return;
  const chars = [...host.text];
  const w = (host.x1 - host.x0) / Math.max(1, chars.length);
  let idx = cx >= host.x1 ? chars.length - 1 : Math.floor((cx - host.x0) / Math.max(w, 0.01));
  idx = Math.max(0, Math.min(chars.length - 1, idx));
  // Land on a letter: step back over spaces and marks.
  while (idx > 0 && /[\s\p{M}]/u.test(chars[idx]!)) idx--;
  let at = idx + 1;
  while (at < chars.length && /\p{M}/u.test(chars[at]!)) at++;
  chars.splice(at, 0, mark);
  host.text = chars.join('');
}

/** Usual distance between baselines of wrapped lines, by font size. */
export class Spacing {
  private gaps = new Map<number, Map<number, number>>();
  private steps = new Map<number, number>();

  add(lines: Line[]): void {
    this.steps.clear();
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (Math.abs(a.size - b.size) > 0.6) continue;
      const gap = b.y - a.y;
      const size = Math.max(a.size, b.size);
      if (gap < 0.8 * size || gap > 2.2 * size) continue;
      const key = Math.round(size * 2) / 2;
      const hist = this.gaps.get(key) ?? new Map<number, number>();
      const g = Math.round(gap * 4) / 4;
      hist.set(g, (hist.get(g) ?? 0) + 1);
      this.gaps.set(key, hist);
    }
  }

  /**
   * The smallest gap seen often (at least a fifth of the gaps, within half a
   * point): wrapped lines, even where paragraphs of one line outnumber them.
   */
  step(size: number): number {
    const key = Math.round(size * 2) / 2;
    const cached = this.steps.get(key);
    if (cached !== undefined) return cached;
    const hist = this.gaps.get(key);
    let step = 1.17 * size;
    if (hist) {
      const bins = [...hist].sort((a, b) => a[0] - b[0]);
      const total = bins.reduce((n, [, c]) => n + c, 0);
      for (const [g] of bins) {
        const window = bins.filter(([h]) => h >= g && h <= g + 0.5);
        const n = window.reduce((m, [, c]) => m + c, 0);
        if (n >= Math.max(2, 0.2 * total) || n === total) {
          step = window.reduce((m, [h, c]) => m + h * c, 0) / n;
          break;
        }
      }
    }
    this.steps.set(key, step);
    return step;
  }

  /** Whether the gap from a to b is wider than a wrapped line's: a new paragraph. */
  isBreak(a: Line, b: Line): boolean {
    const size = Math.max(a.size, b.size);
    const gap = b.y - a.y;
    return gap > this.step(size) * 1.1 + 0.3;
  }
}

/**
 * Join two lines of one paragraph with a space, except a range of numbers
 * broken after its hyphen ("2026-" / "2035" → "2026-2035"). Vietnamese is not
 * hyphenated at line ends, and whether "229-" / "KH/TU" broke at a space
 * after the hyphen or inside "229-KH/TU" cannot be told from the page: it
 * keeps the space, as the text forms do.
 */
export function joinWrapped(a: string, b: string): string {
  if (/\d[-–]$/.test(a) && /^\d/.test(b)) return a + b;
  return `${a} ${b}`;
}

/** Pieces of a line parted by a wide gap (text in different columns). */
export interface Segment {
  text: string;
  x0: number;
  x1: number;
  runs: Run[];
}

/** Segments already found, by line and gap: the header search asks for each line's several times over. */
const segmentCache = new WeakMap<Line, Map<number, Segment[]>>();

/** Shared by every caller asking for the same line and gap: read them, do not change them. */
export function segmentsOf(line: Line, gapEm = 1): Segment[] {
  let byGap = segmentCache.get(line);
  if (!byGap) segmentCache.set(line, (byGap = new Map()));
  let segs = byGap.get(gapEm);
  if (!segs) byGap.set(gapEm, (segs = findSegments(line, gapEm)));
  return segs;
}

function findSegments(line: Line, gapEm: number): Segment[] {
  const out: Run[][] = [];
  let last: Run | null = null;
  for (const r of line.runs) {
    if (last && r.x0 - last.x1 > gapEm * Math.min(r.size, last.size)) out.push([]);
    if (out.length === 0) out.push([]);
    out[out.length - 1]!.push(r);
    last = r;
  }
  return out.map((rs) => {
    const l = lineOf(rs);
    return { text: l.text, x0: l.x0, x1: l.x1, runs: rs };
  });
}

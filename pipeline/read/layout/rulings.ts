import type { RawPage, Seg } from './page.js';

/** Collinear segments that overlap or touch become one. */
export function mergeSegs(segs: Seg[]): Seg[] {
  const sorted = [...segs].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Seg[] = [];
  for (const s of sorted) {
    // Look back over segments on (almost) the same line.
    let merged = false;
    for (let k = out.length - 1; k >= 0 && out[k]!.at >= s.at - 1; k--) {
      const o = out[k]!;
      if (Math.abs(o.at - s.at) <= 1 && s.from <= o.to + 1.5 && s.to >= o.from - 1.5) {
        o.from = Math.min(o.from, s.from);
        o.to = Math.max(o.to, s.to);
        merged = true;
        break;
      }
    }
    if (!merged) out.push({ ...s });
  }
  return out;
}

export function cluster(values: number[], tol: number): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const x of v) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1]! <= tol) last.push(x);
    else out.push([x]);
  }
  return out.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}

export class Union {
  private p: number[];
  constructor(n: number) {
    this.p = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.p[i] !== i) {
      this.p[i] = this.p[this.p[i]!]!;
      i = this.p[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    this.p[this.find(a)] = this.find(b);
  }
}

export const TOUCH = 2.5;

/** Groups of touching horizontal and vertical rules with at least two columns: the page's ruled tables. */
export function ruledGrids(page: RawPage): Array<{ xs: number[]; ys: number[]; hs: Seg[]; vs: Seg[] }> {
  const { hs, vs } = page;
  const n = hs.length + vs.length;
  if (hs.length < 2 || vs.length < 2) return [];
  const u = new Union(n);
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i]!;
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j]!;
      if (v.at >= h.from - TOUCH && v.at <= h.to + TOUCH && h.at >= v.from - TOUCH && h.at <= v.to + TOUCH) {
        u.union(i, hs.length + j);
      }
    }
  }
  const groups = new Map<number, { hs: Seg[]; vs: Seg[] }>();
  for (let i = 0; i < n; i++) {
    const root = u.find(i);
    const g = groups.get(root) ?? { hs: [], vs: [] };
    if (i < hs.length) g.hs.push(hs[i]!);
    else g.vs.push(vs[i - hs.length]!);
    groups.set(root, g);
  }
  const out: Array<{ xs: number[]; ys: number[]; hs: Seg[]; vs: Seg[] }> = [];
  for (const g of groups.values()) {
    if (g.hs.length < 2 || g.vs.length < 1) continue;
    // Tables drawn without outer side rules still end where the horizontal rules end.
    const left = Math.min(...g.hs.map((h) => h.from));
    const right = Math.max(...g.hs.map((h) => h.to));
    const top = Math.min(...g.vs.map((v) => v.from), ...g.hs.map((h) => h.at));
    const bottom = Math.max(...g.vs.map((v) => v.to), ...g.hs.map((h) => h.at));
    const xs = cluster([left, right, ...g.vs.map((v) => v.at)], 3);
    const ys = cluster([top, bottom, ...g.hs.map((h) => h.at)], 3);
    if (xs.length < 3 || ys.length < 2) continue;
    out.push({ xs, ys, hs: g.hs, vs: g.vs });
  }
  return out;
}

export function covered(segs: Seg[], at: number, from: number, to: number): boolean {
  const len = to - from;
  if (len <= 0) return true;
  let sum = 0;
  for (const s of segs) {
    if (Math.abs(s.at - at) > 3) continue;
    sum += Math.max(0, Math.min(s.to, to) - Math.max(s.from, from));
  }
  return sum >= 0.5 * len;
}

import type { Run } from './page.js';
import { clusters, isMarkOnly } from './text.js';

/**
 * Text drawn two or more times at almost the same place (fake bold, a
 * shadow, each glyph overprinted) is kept once, and marked bold. pdf.js gives
 * overprinted glyphs as overlapping items ("K", "KẾ", "Ế" …), so this works
 * on characters: a character that repeats the same character of a kept item
 * within less than half an advance is dropped, and the item is cut around it.
 * Character positions inside an item are estimated from its width.
 */
export function dropDoubles(runs: Run[]): Run[] {
  const buckets = new Map<number, Run[]>();
  const out: Run[] = [];
  const keep = (r: Run) => {
    out.push(r);
    const b = Math.round(r.y);
    const list = buckets.get(b) ?? [];
    list.push(r);
    buckets.set(b, list);
  };
  for (const r of runs) {
    if (r.x1 - r.x0 <= 0.01 || isMarkOnly(r.text)) {
      keep(r);
      continue;
    }
    const tol = 0.2 * r.size + 0.3;
    const near: Run[] = [];
    for (let dy = -2; dy <= 2; dy++) {
      for (const o of buckets.get(Math.round(r.y) + dy) ?? []) {
        if (Math.abs(o.y - r.y) <= tol && o.x1 > r.x0 - 1 && o.x0 < r.x1 + 1 && o.x1 - o.x0 > 0.01) near.push(o);
      }
    }
    if (near.length === 0) {
      keep(r);
      continue;
    }
    const cl = clusters(r.text);
    const adv = (r.x1 - r.x0) / Math.max(1, cl.length);
    const dup = cl.map((c, k) => c.trim() !== '' && near.some((o) => hasClusterAt(o, c, r.x0 + k * adv, 0.45 * adv + 0.3)));
    if (!dup.some(Boolean)) {
      keep(r);
      continue;
    }
    for (const o of near) o.bold = true;
    // What is left: the stretches of characters that are not repeats.
    let k = 0;
    while (k < cl.length) {
      if (dup[k] || cl[k]!.trim() === '') {
        k++;
        continue;
      }
      let e = k;
      while (e < cl.length && !dup[e]) e++;
      const text = cl.slice(k, e).join('').trimEnd();
      if (text) keep({ ...r, text, x0: r.x0 + k * adv, x1: r.x0 + (k + [...clusters(text)].length) * adv, bold: true });
      k = e;
    }
  }
  return out;
}

export function hasClusterAt(o: Run, c: string, x: number, tol: number): boolean {
  const cl = clusters(o.text);
  const adv = (o.x1 - o.x0) / Math.max(1, cl.length);
  const k = Math.round((x - o.x0) / Math.max(adv, 0.01));
  for (let j = k - 1; j <= k + 1; j++) {
    if (cl[j] === c && Math.abs(o.x0 + j * adv - x) <= tol) return true;
  }
  return false;
}

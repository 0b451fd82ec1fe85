import { dice, tokenSet } from '../normalise/similarity.js';

/**
 * Which row of one list is which task of another: two returned copies of a
 * tracking workbook (tracking/report.ts), or a workbook and the amended plan
 * (tracking/reimport.ts). Same rule as eval/score.ts: TT and content, then
 * content alone.
 *
 * A pair qualifies with the same TT and content similarity ≥ 0.5, or with
 * similarity ≥ 0.6 whatever the TT. Pairs are then taken greedily, best
 * first, where a shared TT adds a little: so a row renumbered because rows
 * were inserted above it still finds its twin (identical text beats a shared
 * number), and of two similar rows the one with the same number wins.
 */
export interface Matchable {
  tt: string | null;
  content: string;
}

export interface Pair {
  a: number;
  b: number;
  similarity: number;
  sameTt: boolean;
}

export const SAME_TT_MIN = 0.5;
export const CONTENT_MIN = 0.6;
const TT_BONUS = 0.1;

/** TT as compared: "1." = "1" = " 1 ", case folded; empty = none. */
export function ttKey(tt: string | null | undefined): string | null {
  const t = (tt ?? '').normalize('NFC').replace(/\s+/g, '').replace(/\.+$/, '').toLowerCase();
  return t === '' ? null : t;
}

export function matchTasks(a: readonly Matchable[], b: readonly Matchable[]): Pair[] {
  const ta = a.map((x) => tokenSet(x.content));
  const tb = b.map((x) => tokenSet(x.content));
  const candidates: Array<Pair & { score: number }> = [];
  a.forEach((x, i) => {
    const kx = ttKey(x.tt);
    b.forEach((y, j) => {
      const sameTt = kx !== null && kx === ttKey(y.tt);
      const similarity = dice(ta[i]!, tb[j]!);
      if (similarity >= CONTENT_MIN || (sameTt && similarity >= SAME_TT_MIN)) {
        candidates.push({ a: i, b: j, similarity, sameTt, score: similarity + (sameTt ? TT_BONUS : 0) });
      }
    });
  });
  // Ties by position, so the result never depends on sort stability.
  candidates.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push({ a: c.a, b: c.b, similarity: c.similarity, sameTt: c.sameTt });
  }
  return pairs.sort((p, q) => p.a - q.a);
}

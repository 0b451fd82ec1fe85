import { dice, tokenSet } from '../normalise/similarity.js';

/**
 * Which row of one list is which task of another: two returned copies of a
 * tracking workbook (tracking/report.ts), or a workbook and the amended plan
 * (tracking/reimport.ts). Same rule as eval/score.ts: TT and content, then
 * content alone.
 *
 * A pair qualifies with the same TT and content similarity ≥ 0.5, or with
 * similarity ≥ 0.6 whatever the TT. Pairs are then taken greedily, best
 * first, where a shared TT adds a little and the lead agency more: so a row
 * renumbered because rows were inserted above it still finds its twin
 * (identical text beats a shared number), of two similar rows the one with
 * the same number wins, and of three tasks worded alike for three agencies
 * each finds its own agency's row whatever the order or numbering. A lead
 * that changed (the amendment reassigned the task) lowers a pair but does not
 * forbid it. A pair whose runner-up scored the same is marked ambiguous: the
 * caller says so rather than trusting it.
 *
 * Candidates come from an index of each row's rarest words (prefix
 * filtering), so 10,000 tasks against 10,000 rows take seconds, not minutes.
 */
export interface Matchable {
  tt: string | null;
  content: string;
  /** Lead agencies (canonical); empty or absent when unknown. */
  leadCanonical?: readonly string[];
}

export interface Pair {
  a: number;
  b: number;
  similarity: number;
  sameTt: boolean;
  /** Another candidate for either side scored as well: the pairing is a guess. */
  ambiguous: boolean;
}

export const SAME_TT_MIN = 0.5;
export const CONTENT_MIN = 0.6;
const TT_BONUS = 0.1;
const LEAD_BONUS = 0.15;
const TIE = 1e-9;

/** TT as compared: "1." = "1" = " 1 ", case folded; empty = none. */
export function ttKey(tt: string | null | undefined): string | null {
  const t = (tt ?? '').normalize('NFC').replace(/\s+/g, '').replace(/\.+$/, '').toLowerCase();
  return t === '' ? null : t;
}

export function matchTasks(a: readonly Matchable[], b: readonly Matchable[]): Pair[] {
  const ta = a.map((x) => tokenSet(x.content));
  const tb = b.map((x) => tokenSet(x.content));
  // Most rows of an update or a returned copy are the same words, TT and lead on both sides: such a
  // pair scores the most any pair can, and when its words are found once on each side no other pair
  // ties with it, so the greedy pass below would take it first. Take those at once, by hash.
  const sure = surePairs(a, b, ta, tb);
  if (sure.length > 0) {
    const usedA = new Set(sure.map((p) => p.a));
    const usedB = new Set(sure.map((p) => p.b));
    const restA = a.flatMap((_x, i) => (usedA.has(i) ? [] : [i]));
    const restB = b.flatMap((_y, j) => (usedB.has(j) ? [] : [j]));
    const rest = matchTasks(restA.map((i) => a[i]!), restB.map((j) => b[j]!)).map((p) => ({ ...p, a: restA[p.a]!, b: restB[p.b]! }));
    return [...sure, ...rest].sort((p, q) => p.a - q.a);
  }
  // Prefix filtering (set-similarity joins): with words ordered rarest first, two sets whose Dice
  // reaches SAME_TT_MIN share a word among the first |x| − ⌈t·|x|/(2−t)⌉ + 1 of each. Only rows
  // sharing such a word are compared: 10,000 tasks against 10,000 rows in seconds, not minutes.
  const freq = new Map<string, number>();
  for (const set of [...ta, ...tb]) for (const w of set) freq.set(w, (freq.get(w) ?? 0) + 1);
  const prefix = (set: ReadonlySet<string>): string[] => {
    const words = [...set].sort((x, y) => freq.get(x)! - freq.get(y)! || (x < y ? -1 : x > y ? 1 : 0));
    const overlap = Math.ceil((SAME_TT_MIN * words.length) / (2 - SAME_TT_MIN) - 1e-9);
    return words.slice(0, words.length - overlap + 1);
  };
  const byWord = new Map<string, number[]>();
  tb.forEach((set, j) => {
    for (const w of prefix(set)) {
      let list = byWord.get(w);
      if (!list) byWord.set(w, (list = []));
      list.push(j);
    }
  });
  const emptyB = tb.flatMap((set, j) => (set.size === 0 ? [j] : []));
  const candidates: Array<Omit<Pair, 'ambiguous'> & { score: number }> = [];
  a.forEach((x, i) => {
    const kx = ttKey(x.tt);
    const near = new Set<number>();
    for (const w of prefix(ta[i]!)) for (const j of byWord.get(w) ?? []) near.add(j);
    // Two empty contents share no word but are identical (dice gives 1): keep them comparable.
    if (ta[i]!.size === 0) for (const j of emptyB) near.add(j);
    for (const j of [...near].sort((p, q) => p - q)) {
      const y = b[j]!;
      const sameTt = kx !== null && kx === ttKey(y.tt);
      const similarity = dice(ta[i]!, tb[j]!);
      if (similarity >= CONTENT_MIN || (sameTt && similarity >= SAME_TT_MIN)) {
        candidates.push({ a: i, b: j, similarity, sameTt, score: similarity + (sameTt ? TT_BONUS : 0) + leadScore(x, y) });
      }
    }
  });
  // Ties by position, so the result never depends on sort stability.
  candidates.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
  const ofA = new Map<number, typeof candidates>();
  const ofB = new Map<number, typeof candidates>();
  for (const c of candidates) {
    ofA.set(c.a, [...(ofA.get(c.a) ?? []), c]);
    ofB.set(c.b, [...(ofB.get(c.b) ?? []), c]);
  }
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const guessA = new Set<number>();
  const guessB = new Set<number>();
  const pairs: Pair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    // Ambiguous: a rival as good is still free on either side, or was taken by a guess of the same tie.
    const ambiguous =
      (ofA.get(c.a) ?? []).some((r) => r !== c && (!usedB.has(r.b) || guessB.has(r.b)) && c.score - r.score < TIE) ||
      (ofB.get(c.b) ?? []).some((r) => r !== c && (!usedA.has(r.a) || guessA.has(r.a)) && c.score - r.score < TIE);
    usedA.add(c.a);
    usedB.add(c.b);
    if (ambiguous) {
      guessA.add(c.a);
      guessB.add(c.b);
    }
    pairs.push({ a: c.a, b: c.b, similarity: c.similarity, sameTt: c.sameTt, ambiguous });
  }
  return pairs.sort((p, q) => p.a - q.a);
}

/** Pairs with the same words (found once on each side), TT and lead set: the best any pair can be. */
function surePairs(a: readonly Matchable[], b: readonly Matchable[], ta: ReadonlyArray<Set<string>>, tb: ReadonlyArray<Set<string>>): Pair[] {
  const wordsKey = (set: ReadonlySet<string>): string => [...set].sort().join(' ');
  const count = (sets: ReadonlyArray<Set<string>>): Map<string, number[]> => {
    const m = new Map<string, number[]>();
    sets.forEach((set, i) => m.set(wordsKey(set), [...(m.get(wordsKey(set)) ?? []), i]));
    return m;
  };
  const inA = count(ta);
  const inB = count(tb);
  const pairs: Pair[] = [];
  for (const [key, [i, ...moreA]] of inA) {
    const js = inB.get(key);
    if (i === undefined || moreA.length > 0 || !js || js.length !== 1) continue;
    const j = js[0]!;
    const x = a[i]!;
    const y = b[j]!;
    const kx = ttKey(x.tt);
    if (kx === null || kx !== ttKey(y.tt) || !sameLeads(x, y)) continue;
    pairs.push({ a: i, b: j, similarity: 1, sameTt: true, ambiguous: false });
  }
  return pairs;
}

function sameLeads(x: Matchable, y: Matchable): boolean {
  return leadScore(x, y) === LEAD_BONUS;
}

/** Same lead agencies: a bonus; leads known on both sides and disjoint: as much off. */
function leadScore(x: Matchable, y: Matchable): number {
  const lx = x.leadCanonical ?? [];
  const ly = y.leadCanonical ?? [];
  if (lx.length === 0 || ly.length === 0) return 0;
  const shared = lx.filter((l) => ly.includes(l)).length;
  if (shared === 0) return -LEAD_BONUS;
  return shared === lx.length && shared === ly.length ? LEAD_BONUS : 0;
}

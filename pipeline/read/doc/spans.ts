/**
 * The one of sorted, non-overlapping ranges [start, end) that holds a
 * position, by binary search: pieces by character position, formatting runs
 * by file position. A damaged file may claim very many of either, and the
 * lookup runs per character.
 */
export function spanAt<T>(list: readonly T[], x: number, start: (t: T) => number, end: (t: T) => number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = list[mid]!;
    if (x < start(t)) hi = mid - 1;
    else if (x >= end(t)) lo = mid + 1;
    else return t;
  }
  return undefined;
}

/**
 * Text similarity for telling whether two rows are the same task: scoring
 * against gold (eval/score.ts), merging returned tracking workbooks and
 * re-importing an amended plan (tracking/match.ts). Moved here from
 * eval/score.ts so the core does not depend on the Node-only eval shell.
 *
 * Token-set Dice: 2·|A∩B| / (|A|+|B|) over the sets of words (letters, marks
 * and digits) of the NFC, lower-cased text. It ignores punctuation, spacing
 * and line wrapping, falls in proportion when a row loses words or is
 * reworded, and is linear in length.
 */

export function tokenSet(s: string): Set<string> {
  const t = s.normalize('NFC');
  // White space is no part of a word, so folding it changes nothing, except for the one letter whose lower case
  // depends on what follows it (a final "Σ" before a U+FEFF, which \s also folds).
  const spaced = t.includes('Σ') ? t.replace(/\s+/gu, ' ').trim() : t;
  return new Set(spaced.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []);
}

/** Token-set Dice coefficient; two empty texts are equal. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return (2 * common) / (a.size + b.size);
}

import { foldKey } from '../normalise/text.js';
import { headingRank, type Item } from './outline.js';

/**
 * Where an outline item stands in the plan, for the finders of duties and of
 * sentences that assign: the organisation section ("Tổ chức thực hiện") it
 * lies in, the heading that encloses it, and the TT its numbering gives.
 * In: the outline's items. Out: plain facts about them; nothing is found here.
 */

/** "TỔ CHỨC THỰC HIỆN", "Trách nhiệm thực hiện", "… và phân công nhiệm vụ" as a (short) heading. */
export function isOrganisationHeading(it: Item): boolean {
  const t = foldKey(it.text).replace(/[.:]+$/, '');
  const named =
    // One letter off: a heading read by OCR from a scan ("TỔ CHỨC LHỰC HIỆN").
    ORGANISATION_HEADINGS.some((h) => withinOneEdit(t, h)) ||
    /(?:^|\s)(?:và |, )?phân công (?:nhiệm vụ|thực hiện|trách nhiệm)$/.test(t) ||
    /^trách nhiệm của các (?:cơ quan|sở|đơn vị)/.test(t);
  // A heading is short; a sentence ending "… theo phân công nhiệm vụ." opens nothing. (Words are counted
  // only for the few lines that name the section.)
  return named && t.split(/\s+/).length <= 12;
}

const ORGANISATION_HEADINGS = ['tổ chức thực hiện', 'trách nhiệm thực hiện', 'phân công nhiệm vụ', 'phân công thực hiện'];

/** Equal, or one letter changed, added or dropped. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length, b.length) - i - j <= 1;
}

/** The next Roman section, "Nơi nhận", or the signature block ends the duties. */
export function endsSection(it: Item): boolean {
  if (it.kind === 'heading' && (it.numKind === 'roman' || it.numKind === 'upper')) return true;
  // Folded, such a line starts with "n", "t", "k" or "p": so does the line as written, after the white space
  // and invisible characters that folding drops ("K" also stands for the Kelvin sign, which folds to "k").
  if (!CLOSING_START_RE.test(it.written)) return false;
  const t = foldKey(it.written);
  return /^(nơi nhận|tm\.|kt\.|tm |kt |phụ lục)/.test(t);
}

const CLOSING_START_RE = /^[\s\u200B-\u200D\uFEFF\u00AD]*[nNtTkKpP\u212A]/;

/** For each item, whether it lies under a "Tổ chức thực hiện" heading (the heading itself included). */
export function organisationSections(items: readonly Item[]): boolean[] {
  let inSection = false;
  return items.map((it) => {
    if (isOrganisationHeading(it)) inSection = true;
    else if (endsSection(it)) inSection = false;
    return inSection;
  });
}

/** Nesting level of an item: a heading's rank, then "-" bullets, "+" bullets and plain text below every heading. */
export function levelOf(it: Item): number {
  if (it.kind === 'bullet') return it.mark === '+' ? 12 : 11;
  if (it.kind !== 'heading') return 13;
  return headingRank(it.numKind!, it.num!);
}

/** The index of the nearest heading above item `i` that encloses it (a lower rank), or -1. */
export function parentOf(items: readonly Item[], i: number): number {
  const level = levelOf(items[i]!);
  for (let j = i - 1; j >= 0; j--) {
    const x = items[j]!;
    if (x.kind === 'heading' && levelOf(x) < level) return j;
  }
  return -1;
}

/** "3" + "a" → "3.a": the item's own number under the nearest outer numbered heading; "" for none. */
export function ttPrefix(items: readonly Item[], index: number): string {
  if (index < 0) return '';
  const it = items[index]!;
  const outer = (below: number, kinds: Array<Item['numKind']>): number => {
    for (let j = below - 1; j >= 0; j--) {
      const x = items[j]!;
      if (x.kind !== 'heading') continue;
      if (x.numKind === 'roman' || x.numKind === 'upper') return -1;
      if (kinds.includes(x.numKind)) return j;
    }
    return -1;
  };
  if (it.kind !== 'heading') {
    // An assignment line: its duties are numbered under the heading above it.
    return ttPrefix(items, outer(index, ['arabic', 'dotted', 'letter']));
  }
  if (it.numKind !== 'letter') return it.num!;
  const up = outer(index, ['arabic', 'dotted']);
  return up >= 0 ? `${items[up]!.num}.${it.num}` : it.num!;
}

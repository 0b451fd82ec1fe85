/**
 * Deadline cells ("Thời gian hoàn thành", "Thời hạn", "Tiến độ" …) → a `Deadline`.
 *
 * Pure code, no Node imports: the Excel add-in bundles it too.
 *
 * How it reads a cell:
 * 1. The text is folded to plain lower-case ASCII ("Quí IV-2025" → "qui iv-2025", "Hằng năm" → "hang nam"),
 *    so old tone placement, NFD input, "Ð" and missing accents all read the same.
 * 2. A small tokenizer cuts it into numbers, words and punctuation.
 * 3. A recursive-descent reader over the tokens recognises, in this order:
 *    a recurring phrase ("Thường xuyên", "Định kỳ, hàng năm …"), a conditional one ("Sau khi …", "Theo hướng dẫn …"),
 *    then a time clause: optional lead words ("Hoàn thành trong", "Trước", "Chậm nhất") + a period or a range
 *    + what follows ("và các năm tiếp theo" makes it recurring; ", sau đó duy trì …" is follow-on work and ignored).
 * 4. Text that does not open with any of these is searched for a time clause further in, then for recurring or
 *    conditional words; else it is `unparsed`.
 *
 * Besides the deadline, the reader records whether the whole text is a deadline phrase (`whole`), which
 * `looksLikeDeadline` needs to tell a deadline cell from a task sentence that merely mentions a year.
 */
import type { Deadline } from '../model/deadline.js';
import { readCell } from './deadline-cell.js';

// The reader's stages, one module each: deadline-calendar (days and periods), deadline-tokens (fold, tokenize,
// cursor), deadline-vocabulary (phrase tables), deadline-periods, deadline-clauses, deadline-text, deadline-cell.
export { dmy } from './deadline-calendar.js';

// ───────────────────────────── public API ─────────────────────────────

/**
 * Read a deadline cell as written in a plan's appendix. `year` is the year a
 * day or month written without one belongs to: the deadline column's header
 * ("Thời gian (Năm 2026)") or, failing that, the plan's own year.
 */
export function parseDeadline(raw: string | null | undefined, opts: { year?: number | null } = {}): Deadline {
  if (raw === null || raw === undefined) return { raw: null, kind: 'missing', start: null, end: null, recurring: false };
  const { display, reading } = readCell(raw, opts.year ?? null);
  return {
    raw: display,
    kind: reading.kind,
    start: reading.start,
    end: reading.end,
    recurring: reading.kind === 'recurring',
  };
}

/** A deadline phrase is short; longer text is a task sentence that happens to mention a time. */
const MAX_DEADLINE_WORDS = 16;

/**
 * True when the whole text reads as a deadline phrase ("Quý 3/2024", "Nhiệm vụ thường xuyên",
 * "Theo hướng dẫn của Bộ Y tế"): used to find the deadline column in text where columns run together.
 * False for agency names and for task sentences that merely mention a year ("Xây dựng kế hoạch năm 2026").
 */
export function looksLikeDeadline(text: string): boolean {
  const { display, reading } = readCell(text);
  if (display === null || !reading.whole) return false;
  if (reading.kind === 'missing' || reading.kind === 'unparsed') return false;
  return display.split(' ').length <= MAX_DEADLINE_WORDS;
}

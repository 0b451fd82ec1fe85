/**
 * Text as Excel keeps it. Excel reads a value set from the API as if typed:
 * "001" becomes 1, "1/2" a date, "- đã nhắc" or "+84…" a formula. What we
 * write, and what we put back, must come out as the same text: such a value
 * is written with a leading apostrophe, which Excel drops and keeps as
 * "this is text". A cell holds at most 32,767 characters.
 */
import type { CellValue, ExactCell } from './types.js';

export const MAX_CELL_CHARS = 32_767;

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
/** Text Excel would take for something else: a formula, a number, a date or time, a boolean, an error. */
const NOT_PLAIN = [
  /^[=+\-@'#]/,
  /^[\s(]*[$€£¥₫]?\s*[-+]?\s*[\d.,]/,
  /^\s*(true|false)\s*$/i,
  new RegExp(`^\\s*(${MONTHS})[a-z]*[\\s\\-/.,]*\\d`, 'i'),
];

/** Whether text written as a value would not stay that text. */
export function needsQuote(s: string): boolean {
  return NOT_PLAIN.some((re) => re.test(s));
}

/** Text to write as a value so that the cell holds exactly this text. */
export function asText(s: string): string {
  return needsQuote(s) ? `'${s}` : s;
}

/** What to write in `values` to get the cell back exactly: a formula as its formula, text as text, numbers and booleans as they are. */
export function asWritten(v: ExactCell): CellValue {
  if (Array.isArray(v)) return v[0];
  return typeof v === 'string' ? asText(v) : v;
}

/**
 * The cell as read: a formula when its formula differs from its value (a
 * text cell's "formula" is its text); text in a text-formatted cell kept
 * with that format, so it is put back without an apostrophe.
 */
export function exactOf(value: CellValue, formula: CellValue, numberFormat?: string): ExactCell {
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return [formula];
  if (typeof value === 'string' && value !== '' && numberFormat === '@') return [value, '@'];
  return value;
}

/** Same content, whatever the cell's format. */
export function sameExact(a: ExactCell, b: ExactCell): boolean {
  return exactKey(a) === exactKey(b);
}

function exactKey(v: ExactCell): string {
  if (Array.isArray(v)) return v.length === 1 ? `f:${v[0]}` : `s:${v[0]}`;
  return typeof v === 'string' ? `s:${v}` : `${typeof v}:${String(v)}`;
}

/** Cut text to what a cell holds, marking the cut; never inside a surrogate pair. */
export function clipText(s: string): { text: string; clipped: boolean } {
  if (s.length <= MAX_CELL_CHARS) return { text: s, clipped: false };
  let end = MAX_CELL_CHARS - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { text: `${s.slice(0, end)}…`, clipped: true };
}

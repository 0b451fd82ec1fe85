/**
 * Calendar arithmetic for deadlines, and the spans and periods a deadline can name.
 * In: year, month and day numbers. Out: ISO days ("2026-06-30"), `Span`s (first and last day of a period)
 * and the `Period` shape the readers build ("Quý III" with or without its year).
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */

// ───────────────────────────── calendar ─────────────────────────────

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[m - 1] ?? 0;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An ISO day as Vietnamese offices write it: "2026-06-30" → "30/06/2026". */
export function dmy(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

export function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (d > 1) return iso(y, m, d - 1);
  if (m > 1) return iso(y, m - 1, daysInMonth(y, m - 1));
  return iso(y - 1, 12, 31);
}

// ───────────────────────────── periods ─────────────────────────────

export type TimedKind = 'date' | 'month' | 'quarter' | 'half_year' | 'year' | 'range';

/** A stretch of calendar time: first and last day (ISO). */
export interface Span {
  kind: TimedKind;
  start: string;
  end: string;
}

/**
 * A period as written, possibly without its year ("Quý III" in "Quý III-IV/2026", "Tháng 12" in
 * "Tháng 12 hằng năm"); the year then comes from the other end of a range, or never.
 */
export interface Period {
  kind: TimedKind;
  year: number | null;
  /** The period in `year`; null when it does not exist there (29/02 of a common year). */
  in(year: number): Span | null;
}

export const daySpan = (y: number, m: number, d: number): Span => ({ kind: 'date', start: iso(y, m, d), end: iso(y, m, d) });
export const monthSpan = (y: number, m: number): Span => ({ kind: 'month', start: iso(y, m, 1), end: iso(y, m, daysInMonth(y, m)) });
export const quarterSpan = (y: number, q: number): Span => ({
  kind: 'quarter',
  start: iso(y, q * 3 - 2, 1),
  end: iso(y, q * 3, daysInMonth(y, q * 3)),
});
export const halfSpan = (y: number, second: boolean): Span =>
  second ? { kind: 'half_year', start: iso(y, 7, 1), end: iso(y, 12, 31) } : { kind: 'half_year', start: iso(y, 1, 1), end: iso(y, 6, 30) };
export const yearSpan = (y: number): Span => ({ kind: 'year', start: iso(y, 1, 1), end: iso(y, 12, 31) });

/** "Quý III-IV", "Tháng 3-9": one period from the first part to the last, sharing a year. */
export function innerRange(year: number | null, first: (y: number) => Span, last: (y: number) => Span): Period | null {
  const probe = year ?? 2000;
  if (last(probe).end < first(probe).start) return null;
  return { kind: 'range', year, in: (y) => ({ kind: 'range', start: first(y).start, end: last(y).end }) };
}

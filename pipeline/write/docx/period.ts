/**
 * A report period: a quarter, a half-year or a year. In: what the user typed
 * ("2026-Q1", "2026-H1", "2026"; case and spaces forgiven). Out: the first
 * and last day (ISO) and the words a title uses ("quý I năm 2026", "6 tháng
 * đầu năm 2026", "năm 2026"), or null when the text is no such period. Pure.
 */

export interface Period {
  /** As given, normalised: "2026-Q1". */
  label: string;
  start: string;
  end: string;
  /** "quý I năm 2026", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "năm 2026". */
  words: string;
}

const QUARTER_WORDS = ['I', 'II', 'III', 'IV'];
const LAST_DAY = ['03-31', '06-30', '09-30', '12-31'];

export function parsePeriod(text: string): Period | null {
  const m = /^(\d{4})(?:-?(Q[1-4]|H[12]))?$/.exec(text.replace(/\s+/g, '').toUpperCase());
  if (!m) return null;
  const year = m[1]!;
  const part = m[2];
  if (Number(year) < 1900 || Number(year) > 2999) return null;
  if (part === undefined) return { label: year, start: `${year}-01-01`, end: `${year}-12-31`, words: `năm ${year}` };
  const n = Number(part[1]);
  if (part[0] === 'Q') {
    const startMonth = String((n - 1) * 3 + 1).padStart(2, '0');
    return { label: `${year}-${part}`, start: `${year}-${startMonth}-01`, end: `${year}-${LAST_DAY[n - 1]}`, words: `quý ${QUARTER_WORDS[n - 1]} năm ${year}` };
  }
  return n === 1
    ? { label: `${year}-H1`, start: `${year}-01-01`, end: `${year}-06-30`, words: `6 tháng đầu năm ${year}` }
    : { label: `${year}-H2`, start: `${year}-07-01`, end: `${year}-12-31`, words: `6 tháng cuối năm ${year}` };
}

/** Whether a deadline's last day falls in the period (a task without one does not). */
export function inPeriod(end: string | null, p: Period): boolean {
  return end !== null && end >= p.start && end <= p.end;
}

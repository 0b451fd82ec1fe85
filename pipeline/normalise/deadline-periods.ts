/**
 * Reading periods from tokens: a day, a month, a quarter, a half year, a year, or a range of them.
 * In: a `Cursor` at the start of a period. Out: a `Period` (periodItem) or the `Span` of the last of
 * several periods in a row (timeList); null, cursor unmoved, when none is there.
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */
import {
  type Period,
  type Span,
  daySpan,
  halfSpan,
  innerRange,
  isValidDay,
  monthSpan,
  quarterSpan,
  yearSpan,
} from './deadline-calendar.js';
import type { Cursor } from './deadline-tokens.js';
import { EVERY_YEAR, LIST_WORDS, RANGE_SEPARATORS } from './deadline-vocabulary.js';

// ───────────────────────────── periods: the readers ─────────────────────────────

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function quarterNumber(cur: Cursor): number | null {
  const t = cur.peek();
  if (t?.type === 'word' && ROMAN[t.text] !== undefined) {
    cur.pos++;
    return ROMAN[t.text]!;
  }
  return cur.attempt(() => {
    const q = cur.num(1);
    return q !== null && q >= 1 && q <= 4 ? q : null;
  });
}

/** The year after a month or quarter: "/2026", "-2025", " năm 2026", " Năm 2026", "/năm 2026". */
function yearPart(cur: Cursor): number | null {
  return cur.attempt(() => {
    cur.punct('/', '-', '.', ',');
    cur.words('nam');
    return cur.year();
  });
}

/**
 * "31/05/2025", "ngày 15-12-2025", "01 tháng 01 năm 2026"; without a year ("15/12") only as part of a
 * range or a yearly phrase. An impossible day ("30/2/2026") is not a date.
 */
function dateItem(cur: Cursor): Period | null {
  return cur.attempt(() => {
    cur.words('ngay');
    const d = cur.num(2);
    if (d === null) return null;
    let m: number | null;
    let y: number | null = null;
    const sep = cur.punct('/', '-', '.');
    if (sep) {
      m = cur.num(2);
      if (m === null) return null;
      if (cur.punct(sep)) {
        y = cur.year();
        if (y === null) return null;
      }
    } else {
      if (!cur.words('thang')) return null;
      m = cur.num(2);
      if (m === null) return null;
      y = cur.attempt(() => ((cur.words('nam') || cur.punct(',', '/')) && cur.year()) || null);
    }
    if (y === null) {
      // Without a year: check against a leap year so that 29/02 survives until a year is known.
      if (!isValidDay(2000, m, d)) return null;
      if (cur.peek()?.type === 'punct' && cur.peek(1)?.type === 'num' && ['/', '-', '.'].includes(cur.peek()!.text)) return null;
      return { kind: 'date', year: null, in: (yy) => (isValidDay(yy, m, d) ? daySpan(yy, m, d) : null) };
    }
    if (!isValidDay(y, m, d)) return null;
    const year = y;
    return { kind: 'date', year, in: () => daySpan(year, m, d) };
  });
}

/** "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "nửa cuối năm 2026". */
function halfYearItem(cur: Cursor): Period | null {
  return cur.attempt(() => {
    const six = cur.attempt(() => (cur.attempt(() => cur.num(2) === 6) || cur.words('sau')) && cur.words('thang'));
    if (!six && !cur.words('nua')) return null;
    const part = cur.oneOf(['dau', 'cuoi']);
    if (!part) return null;
    const second = part === 'cuoi';
    cur.words('nam');
    const year = cur.year();
    return { kind: 'half_year', year, in: (y) => halfSpan(y, second) };
  });
}

/**
 * A list of months or quarters after their word, then the year: "6, 7/2026" or "II và III/2026" → the last;
 * "3-9/2026" or "III-IV/2026" → a range from the first to the last. `repeat` reads the unit word again
 * where a plan writes it before each number ("Quý II - Quý IV/2026", "tháng 3 đến tháng 9/2026").
 */
function unitList(
  cur: Cursor,
  kind: 'month' | 'quarter',
  read: () => number | null,
  repeat: readonly string[],
  span: (y: number, n: number) => Span,
): Period | null {
  const first = read();
  if (first === null) return null;
  let last = first;
  let isRange = false;
  for (;;) {
    const next = cur.attempt(() => {
      const sep = cur.punct(',', '-', '&') ?? cur.oneOf(LIST_WORDS) ?? cur.oneOf(RANGE_SEPARATORS);
      if (!sep) return null;
      cur.oneOf(repeat);
      const n = read();
      return n === null ? null : { n, range: sep === '-' || (RANGE_SEPARATORS as readonly string[]).includes(sep) };
    });
    if (!next) break;
    last = next.n;
    isRange ||= next.range;
  }
  const year = yearPart(cur);
  const lastN = last;
  if (isRange) return innerRange(year, (y) => span(y, first), (y) => span(y, lastN));
  return { kind, year, in: (y) => span(y, lastN) };
}

/** "Tháng 6/2026", "tháng 6 năm 2026", "Tháng 06-2026"; several months "Tháng 6, 7/2026"; "Tháng 3-9/2026". */
function monthItem(cur: Cursor): Period | null {
  return cur.attempt(() => {
    if (!cur.words('thang')) return null;
    return unitList(cur, 'month', () => cur.month(), ['thang'], monthSpan);
  });
}

/** "Quý II/2026", "Quý 3 năm 2024", "Quí IV-2025"; "Quý II và III/2015", "Quý I, II/2015"; "Quý III-IV/2026". */
function quarterItem(cur: Cursor): Period | null {
  return cur.attempt(() => {
    const q = cur.peek();
    const word = cur.oneOf(['quy', 'qui']) ?? (q?.text === 'q' && cur.peek(1)?.type === 'num' && cur.words('q') ? 'q' : null);
    if (!word) return null;
    return unitList(cur, 'quarter', () => quarterNumber(cur), ['quy', 'qui'], quarterSpan);
  });
}

/** Bare "6/2025", "12/2025": month/year (a day/month/year date has three parts and is read first). */
function bareMonthItem(cur: Cursor): Period | null {
  return cur.attempt(() => {
    const m = cur.month();
    if (m === null || !cur.punct('/', '-')) return null;
    const year = cur.year();
    return year === null ? null : { kind: 'month', year, in: (y) => monthSpan(y, m) };
  });
}

/** "2025", "Năm 2025", "Cả năm 2015". */
function yearItem(cur: Cursor): Period | null {
  return cur.attempt(() => {
    if (cur.words('ca nam') || cur.words('nam')) {
      const year = cur.year();
      return year === null ? null : { kind: 'year', year, in: yearSpan };
    }
    const year = cur.year();
    return year === null ? null : { kind: 'year', year, in: yearSpan };
  });
}

export function periodItem(cur: Cursor): Period | null {
  return dateItem(cur) ?? halfYearItem(cur) ?? monthItem(cur) ?? quarterItem(cur) ?? bareMonthItem(cur) ?? yearItem(cur);
}

/** One period, or two joined into a range ("2026 - 2030", "Quý IV/2025 - Quý II/2026", "tháng 3 đến tháng 9/2026"). */
function timeExpr(cur: Cursor): Span | null {
  return cur.attempt(() => {
    const first = periodItem(cur);
    if (!first) return null;
    const second = cur.attempt(() => (cur.punct('-', '~') || cur.oneOf(RANGE_SEPARATORS)) && periodItem(cur));
    if (second) {
      // The first part may borrow the year of the last: "Quý III - Quý IV/2026", "01/7 - 31/12/2025".
      const secondYear = second.year ?? cur.defaultYear;
      if (secondYear === null) return null;
      const a = first.in(first.year ?? secondYear);
      const b = second.in(secondYear);
      if (!a || !b || b.end < a.start) return null;
      return { kind: 'range', start: a.start, end: b.end };
    }
    if (first.year !== null) return first.in(first.year);
    // "Ngày 23 tháng 1" in a column headed "Thời gian (Năm 2026)": that year, unless the period recurs ("… hằng năm").
    if (cur.defaultYear === null || cur.attempt(() => cur.oneOf(EVERY_YEAR)) !== null) return null;
    return first.in(cur.defaultYear);
  });
}

/** Several deadlines in a row ("Quý II/2026, Quý IV/2026"): the last one counts. */
export function timeList(cur: Cursor): Span | null {
  let last = timeExpr(cur);
  if (!last) return null;
  for (;;) {
    // Bullets joined onto one line lose their separator: "Quý II/2026 Quý IV/2026".
    const next =
      cur.attempt(() => (cur.punct(',', ';') || cur.oneOf(LIST_WORDS)) && timeExpr(cur)) ?? cur.attempt(() => timeExpr(cur));
    if (!next) return last;
    last = next;
  }
}

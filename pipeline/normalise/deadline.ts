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
import { cleanText, foldKey, hasBullet, stripBullet, stripDiacritics } from './text.js';
import { Memo } from './memo.js';

// ───────────────────────────── calendar ─────────────────────────────

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  const days = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[m - 1] ?? 0;
}

function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An ISO day as Vietnamese offices write it: "2026-06-30" → "30/06/2026". */
export function dmy(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  if (d > 1) return iso(y, m, d - 1);
  if (m > 1) return iso(y, m - 1, daysInMonth(y, m - 1));
  return iso(y - 1, 12, 31);
}

// ───────────────────────────── periods ─────────────────────────────

type TimedKind = 'date' | 'month' | 'quarter' | 'half_year' | 'year' | 'range';

/** A stretch of calendar time: first and last day (ISO). */
interface Span {
  kind: TimedKind;
  start: string;
  end: string;
}

/**
 * A period as written, possibly without its year ("Quý III" in "Quý III-IV/2026", "Tháng 12" in
 * "Tháng 12 hằng năm"); the year then comes from the other end of a range, or never.
 */
interface Period {
  kind: TimedKind;
  year: number | null;
  /** The period in `year`; null when it does not exist there (29/02 of a common year). */
  in(year: number): Span | null;
}

const daySpan = (y: number, m: number, d: number): Span => ({ kind: 'date', start: iso(y, m, d), end: iso(y, m, d) });
const monthSpan = (y: number, m: number): Span => ({ kind: 'month', start: iso(y, m, 1), end: iso(y, m, daysInMonth(y, m)) });
const quarterSpan = (y: number, q: number): Span => ({
  kind: 'quarter',
  start: iso(y, q * 3 - 2, 1),
  end: iso(y, q * 3, daysInMonth(y, q * 3)),
});
const halfSpan = (y: number, second: boolean): Span =>
  second ? { kind: 'half_year', start: iso(y, 7, 1), end: iso(y, 12, 31) } : { kind: 'half_year', start: iso(y, 1, 1), end: iso(y, 6, 30) };
const yearSpan = (y: number): Span => ({ kind: 'year', start: iso(y, 1, 1), end: iso(y, 12, 31) });

/** "Quý III-IV", "Tháng 3-9": one period from the first part to the last, sharing a year. */
function innerRange(year: number | null, first: (y: number) => Span, last: (y: number) => Span): Period | null {
  const probe = year ?? 2000;
  if (last(probe).end < first(probe).start) return null;
  return { kind: 'range', year, in: (y) => ({ kind: 'range', start: first(y).start, end: last(y).end }) };
}

// ───────────────────────────── tokens ─────────────────────────────

interface Token {
  type: 'num' | 'word' | 'punct';
  text: string;
}

/** Lower-case ASCII: case, tone placement, accents, "đ" and look-alike characters all folded away. */
function asciiFold(s: string): string {
  return stripDiacritics(foldKey(s)).replace(/[–—‐‑−]/g, '-');
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  // A quarter is I to IV: "Quý 11/2026", "Quý 1V" are its Roman numeral read by OCR as ones and ells.
  const folded = asciiFold(s).replace(/(qu[yi])\s*([1il|]{2,3}|[1il|]v)(?![\da-z])/g, (_m, q: string, n: string) => `${q} ${n.replace(/[1l|]/g, 'i')}`);
  for (const m of folded.matchAll(/\d+|[a-z]+|[^\s\da-z]/g)) {
    const text = m[0];
    if (/^\d/.test(text)) tokens.push({ type: 'num', text });
    else if (/^[a-z]/.test(text)) {
      // "QuýII/2026" typed without the space.
      const glued = /^(quy|qui)(i{1,3}|iv)$/.exec(text);
      if (glued) tokens.push({ type: 'word', text: glued[1]! }, { type: 'word', text: glued[2]! });
      else tokens.push({ type: 'word', text });
    } else tokens.push({ type: 'punct', text });
  }
  return tokens;
}

/** A reading position over the tokens, with backtracking. */
class Cursor {
  constructor(
    readonly tokens: Token[],
    public pos = 0,
    /** The year a day or month written without one belongs to (from the column header or the plan), if known. */
    readonly defaultYear: number | null = null,
  ) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  /** Run `read`; on null put the cursor back where it was. */
  attempt<T>(read: () => T | null | undefined | false): T | null {
    const at = this.pos;
    const result = read();
    if (result === null || result === undefined || result === false) {
      this.pos = at;
      return null;
    }
    return result;
  }

  /** Accept the word sequence `phrase` ("hoan thanh"). */
  words(phrase: string): boolean {
    const parts = phrase.split(' ');
    for (let i = 0; i < parts.length; i++) {
      const t = this.peek(i);
      if (t?.type !== 'word' || t.text !== parts[i]) return false;
    }
    this.pos += parts.length;
    return true;
  }

  /** Accept the first of `phrases` that matches, longest listed first. */
  oneOf(phrases: readonly string[]): string | null {
    for (const p of phrases) if (this.words(p)) return p;
    return null;
  }

  punct(...chars: string[]): string | null {
    const t = this.peek();
    if (t?.type === 'punct' && chars.includes(t.text)) {
      this.pos++;
      return t.text;
    }
    return null;
  }

  /** A number of 1..maxDigits digits (leading zeros allowed: "06"). */
  num(maxDigits: number, minDigits = 1): number | null {
    const t = this.peek();
    if (t?.type !== 'num' || t.text.length > maxDigits || t.text.length < minDigits) return null;
    this.pos++;
    return Number(t.text);
  }

  /** A plausible calendar year, four digits. */
  year(): number | null {
    return this.attempt(() => {
      const y = this.num(4, 4);
      return y !== null && y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
    });
  }

  /** A month number 1..12. */
  month(): number | null {
    return this.attempt(() => {
      const m = this.num(2);
      return m !== null && m >= 1 && m <= 12 ? m : null;
    });
  }
}

// ───────────────────────────── vocabulary ─────────────────────────────

/** Words that open a time clause; order matters where one is a prefix of another. */
const LEAD_WORDS = [
  'thoi gian', 'thoi han', 'tien do', // labels: "Thời gian thực hiện: Quý II/2026"
  'hoan thanh', 'hoan tat', 'xong', 'thuc hien', 'trien khai',
  'cham nhat la', 'cham nhat',
  'du kien', 'trong', 'vao', 'giai doan', 'den het', 'den', 'cuoi',
] as const;

const RANGE_SEPARATORS = ['cho den het', 'cho den', 'den het', 'den', 'toi'] as const;

/** Joining two periods of which the last one counts ("Quý II/2026, Quý IV/2026"). */
const LIST_WORDS = ['va', 'hoac'] as const;

/** After a deadline: "… và các năm tiếp theo" turns it into work that goes on. */
const ONWARD_PHRASES = [
  'cac nam tiep theo', 'nhung nam tiep theo', 'cac nam sau', 'nhung nam sau', 'cac nam tiep',
  'cac giai doan tiep theo', 'tro di', 'tro ve sau',
] as const;

/** Words after a deadline that start follow-on text rather than more of the deadline. */
const FOLLOW_ON_WORDS = ['va', 'sau do', 'roi', 'de', 'tiep tuc', 'hoac', 'trong do'] as const;
const FOLLOW_ON_PUNCT = [',', ';', '(', ':', '.', '-', '/'];

/** The building blocks of a recurring phrase: "Định kỳ, hàng năm, đột xuất". */
const RECURRING_ATOMS = [
  'nhiem vu thuong xuyen', 'thuc hien thuong xuyen', 'trien khai thuong xuyen', 'thuong xuyen',
  'lien tuc', 'hang nam', 'hang quy', 'hang thang', 'hang tuan', 'hang ngay', 'moi nam', 'hang ky',
  'dinh ky', 'dot xuat',
] as const;

/** "Tháng 12 hằng năm": a period without a year that comes back every year. */
const EVERY_YEAR = ['hang nam', 'moi nam', 'cac nam'] as const;

/** After "theo": the things a deadline can be made to depend on. */
const CONDITION_NOUNS = [
  'huong dan', 'lo trinh', 'ke hoach', 'tien do', 'yeu cau', 'chi dao', 'quy dinh', 'thong bao', 'van ban',
  'de nghi', 'thoi gian', 'thoi han', 'phan cong', 'nghi quyet', 'quyet dinh', 'chuong trinh', 'de an',
  'thuc te', 'dieu kien', 'nhu cau', 'kha nang',
  // References to where the time is set: "Theo Điều 17 Nghị định … ngày 28/5/2015", "Theo các mốc thời gian tại …".
  'dieu', 'khoan', 'nghi dinh', 'thong tu', 'cac moc thoi gian', 'moc thoi gian', 'cac moc', 'phu luc', 'luat',
] as const;

const CONDITION_LEADS = [
  'ngay sau khi', 'sau khi', 'khi', 'tuy theo', 'tuy thuoc', 'can cu', 'cho huong dan', 'cho y kien',
] as const;

/** Words that may follow a recurring phrase and still leave it a deadline phrase. */
const RECURRING_TAILS = ['theo', 'khi', 'sau khi', 'trong qua trinh', 'trong', 'tai', 'nham'] as const;

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

function periodItem(cur: Cursor): Period | null {
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
function timeList(cur: Cursor): Span | null {
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

// ───────────────────────────── clauses ─────────────────────────────

/** What the reader makes of a text, before it becomes a `Deadline`. */
interface Reading {
  kind: Deadline['kind'];
  start: string | null;
  end: string | null;
  /** The text is a deadline phrase from start to end, not a sentence that contains one. */
  whole: boolean;
}

/** Only a range states where the work starts; a lone period is just the deadline. */
function fromSpan(span: Span, whole: boolean): Reading {
  return { kind: span.kind, start: span.kind === 'range' ? span.start : null, end: span.end, whole };
}

/** "Trước năm 2027" → the day before 2027 starts; "Trước ngày 15/12/2025" → that day (the plans' usage). */
function before(span: Span): Span {
  return span.kind === 'date' ? span : { kind: 'date', start: span.start, end: dayBefore(span.start) };
}

/** Lead words of a time clause; returns whether one of them was "trước" (before). */
function leadWords(cur: Cursor): { before: boolean } {
  let isBefore = false;
  for (;;) {
    if (cur.words('truoc')) isBefore = true;
    else if (!cur.oneOf(LEAD_WORDS) && !cur.punct(':')) return { before: isBefore };
  }
}

function atFollowOn(cur: Cursor): boolean {
  return cur.done || cur.attempt(() => cur.punct(...FOLLOW_ON_PUNCT) || cur.oneOf(FOLLOW_ON_WORDS)) !== null;
}

/** A document number ("2025/QĐ-UBND", "12/2025/NĐ-CP") is not a deadline. */
function atDocumentNumber(cur: Cursor): boolean {
  const a = cur.peek();
  const b = cur.peek(1);
  return a?.type === 'punct' && a.text === '/' && (b?.type === 'word' || b?.type === 'num');
}

/** What follows a deadline: onward work ("và các năm tiếp theo") or follow-on work that does not move it. */
function afterDeadline(cur: Cursor, span: Span): Reading | null {
  if (atDocumentNumber(cur)) return null;
  const onward = cur.attempt(() => {
    cur.punct(',', ';') ?? cur.oneOf(LIST_WORDS);
    return cur.oneOf(ONWARD_PHRASES);
  });
  if (onward) return { kind: 'recurring', start: span.start, end: null, whole: atFollowOn(cur) };
  return fromSpan(span, atFollowOn(cur));
}

/** "Từ 01/7/2025", "Từ Quý I năm 2026 … và thường xuyên": a start and no end; "Từ tháng 3 đến tháng 9/2026": a range. */
function fromClause(cur: Cursor): Reading | null {
  return cur.attempt(() => {
    if (!cur.oneOf(['bat dau tu', 'ke tu', 'tu'])) return null;
    if (cur.words('nay')) {
      // "Từ nay đến (hết) năm 2025": just the deadline.
      const { before: isBefore } = leadWords(cur);
      const span = timeList(cur);
      return span && afterDeadline(cur, isBefore ? before(span) : span);
    }
    const span = timeList(cur);
    if (!span) return null;
    if (span.kind === 'range') return afterDeadline(cur, span);
    return { kind: 'recurring', start: span.start, end: null, whole: atFollowOn(cur) };
  });
}

/** "Hoàn thành trong Quý II/2026", "Trước ngày 15/12/2025", "Giai đoạn 2026 - 2030", "Năm 2026 và các năm tiếp theo". */
function completionClause(cur: Cursor): Reading | null {
  return cur.attempt(() => {
    const { before: isBefore } = leadWords(cur);
    const span = timeList(cur);
    return span && afterDeadline(cur, isBefore ? before(span) : span);
  });
}

/** "Tháng 12 hằng năm", "Trước ngày 15/12 hằng năm", "Quý IV hằng năm": a yearly deadline, so no end. */
function yearlyClause(cur: Cursor): Reading | null {
  return cur.attempt(() => {
    leadWords(cur);
    const period = periodItem(cur);
    if (!period || period.year !== null || !cur.oneOf(EVERY_YEAR)) return null;
    return { kind: 'recurring', start: null, end: null, whole: atFollowOn(cur) };
  });
}

function timeClause(cur: Cursor): Reading | null {
  return fromClause(cur) ?? completionClause(cur) ?? yearlyClause(cur);
}

function recurringAtom(cur: Cursor): boolean {
  const atom = cur.oneOf(RECURRING_ATOMS);
  if (!atom) return false;
  // "Định kỳ 6 tháng", "định kỳ 01 năm/lần".
  if (atom === 'dinh ky') cur.attempt(() => cur.num(2) !== null && cur.oneOf(['thang', 'nam', 'quy', 'tuan']));
  return true;
}

/** "Thường xuyên", "Nhiệm vụ thường xuyên", "Định kỳ, hàng năm, đột xuất theo chỉ đạo của Trung ương". */
function recurringPhrase(cur: Cursor): Reading | null {
  return cur.attempt(() => {
    if (!recurringAtom(cur)) return null;
    while (cur.attempt(() => (cur.punct(',', ';', '-', '/') || cur.oneOf(LIST_WORDS) || true) && recurringAtom(cur)));
    const start = cur.attempt(() => {
      cur.punct(',');
      return cur.oneOf(['ke tu', 'tu']) ? timeList(cur) : null;
    });
    const whole =
      cur.done ||
      cur.peek()?.text === '(' ||
      cur.attempt(() => {
        cur.punct(',', ';');
        return cur.oneOf(RECURRING_TAILS);
      }) !== null ||
      cur.attempt(() => {
        cur.punct(',', ';');
        return yearlyTail(cur);
      }) !== null;
    return { kind: 'recurring', start: start?.start ?? null, end: null, whole } satisfies Reading;
  });
}

/** After "Hằng năm": a yearly day or period without a year ("trước ngày 15/12"). */
function yearlyTail(cur: Cursor): boolean {
  leadWords(cur);
  const period = periodItem(cur);
  return period !== null && period.year === null && atFollowOn(cur);
}

/** "Sau khi …", "Theo hướng dẫn …", "Theo lộ trình …", "Khi có phát sinh": the end depends on something else. */
function conditionalPhrase(cur: Cursor): Reading | null {
  return cur.attempt(() => {
    const lead = cur.oneOf(CONDITION_LEADS) ?? (cur.words('theo') && cur.oneOf(CONDITION_NOUNS));
    return lead ? ({ kind: 'conditional', start: null, end: null, whole: true } satisfies Reading) : null;
  });
}

/** Tokens where a time clause may begin inside a longer text. */
const CLAUSE_START_WORDS = new Set([
  'tu', 'ke', 'bat', 'truoc', 'cham', 'hoan', 'xong', 'trong', 'vao', 'giai', 'den', 'du', 'cuoi',
  'ngay', 'thang', 'quy', 'qui', 'nam', 'ca', 'nua',
]);

/** A text that does not open with a deadline: look for a time clause further in ("… tại kỳ họp cuối năm 2026"). */
function searchTimeClause(tokens: Token[], year: number | null): Reading | null {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1]!;
    // A bare number only after an ordinary word, never after "số" (a document number) or inside "34/NQ-CP".
    const startsHere =
      (t.type === 'word' && CLAUSE_START_WORDS.has(t.text)) || (t.type === 'num' && prev.type === 'word' && prev.text !== 'so');
    if (!startsHere) continue;
    const found = timeClause(new Cursor(tokens, i, year));
    if (found) return { ...found, whole: false };
  }
  return null;
}

function containsPhrase(tokens: Token[], phrases: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const cur = new Cursor(tokens, i);
    if (cur.oneOf(phrases)) return true;
  }
  return false;
}

const RECURRING_HINTS = ['thuong xuyen', 'hang nam', 'hang quy', 'hang thang', 'dinh ky', 'lien tuc', 'moi nam'] as const;
const CONDITIONAL_HINTS = ['sau khi', 'theo huong dan', 'theo lo trinh', 'theo ke hoach', 'theo tien do', 'theo yeu cau', 'theo chi dao', 'khi co'] as const;

/**
 * Deadlines counted from the period they report on: "Trước ngày 05 của tháng liền kề" (every month, so
 * recurring); "Trước ngày 31/01 năm liền kề" (the year after the plan's: a date once that year is known).
 */
function relativeDeadline(folded: string, year: number | null): Reading | null {
  // Both forms name a day ("ngay 05 …"); most cells name none, and are spared the two patterns.
  if (!folded.includes('ngay ')) return null;
  // A day of the next period: "trước ngày 05 của tháng liền kề" (not "trong 01 tháng sau khi …").
  if (/\bngay \d{1,2} (?:cua )?(?:thang|quy|tuan) (?:lien ke|tiep theo|ke tiep|sau)\b(?! khi)/.test(folded)) {
    return { kind: 'recurring', start: null, end: null, whole: true };
  }
  const m = folded.match(/\bngay (\d{1,2}) ?[/.-] ?(\d{1,2}) (?:cua )?nam (?:lien ke|tiep theo|ke tiep|sau)\b/);
  if (!m) return null;
  const [d, mo] = [Number(m[1]), Number(m[2])];
  if (year === null || !isValidDay(year + 1, mo, d)) return { kind: 'recurring', start: null, end: null, whole: true };
  return { kind: 'date', start: null, end: iso(year + 1, mo, d), whole: true };
}

/** Read one line of deadline text. */
function readText(text: string, year: number | null = null): Reading {
  // An ISO date, as spreadsheets and our own JSON write it ("2026-06-30").
  const isoDay = text.trim().match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (isoDay) {
    const [y, m, d] = [Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3])];
    if (isValidDay(y, m, d)) return { kind: 'date', start: null, end: iso(y, m, d), whole: true };
  }
  const relative = relativeDeadline(asciiFold(text), year);
  if (relative) return relative;
  const tokens = tokenize(text);
  const cur = new Cursor(tokens, 0, year);
  const opening = recurringPhrase(cur) ?? conditionalPhrase(cur) ?? timeClause(cur);
  if (opening) return opening;
  const inner = searchTimeClause(tokens, year);
  if (inner) return inner;
  // A vague phrase somewhere in a longer text ("Triển khai thực hiện thường xuyên").
  if (containsPhrase(tokens, RECURRING_HINTS)) return { kind: 'recurring', start: null, end: null, whole: false };
  if (containsPhrase(tokens, CONDITIONAL_HINTS)) return { kind: 'conditional', start: null, end: null, whole: false };
  return { kind: 'unparsed', start: null, end: null, whole: false };
}

// ───────────────────────────── cells ─────────────────────────────

/** Drop one trailing full stop (not an ellipsis). */
function dropFullStop(s: string): string {
  if (s.endsWith('...') || s.endsWith('…') || !s.endsWith('.')) return s;
  return s.slice(0, -1).trimEnd();
}

/** A cell with no letter or digit ("", "-", "—", "…") gives no deadline. */
function isBlank(s: string): boolean {
  return !/[\p{L}\p{N}]/u.test(s);
}

/**
 * Read a whole cell. A cell listing several deadlines on their own lines ("- 30/6/2026\n- 31/12/2026") takes the
 * last dated one; other line breaks are just wrapping ("Nhiệm vụ\nthường xuyên").
 */
function readCell(raw: string, year: number | null = null): CellReading {
  // Deadline cells repeat ("Năm 2026", "Thường xuyên", "Quý IV/2026"), within a plan and across plans.
  return CELL_MEMO.get(year, () => new Memo<string, CellReading>(MEMO_CELLS)).get(raw, (text) => readCellOnce(text, year));
}

/** A cell's text as shown and how it reads. Shared by every caller that asks about the same cell: never changed. */
interface CellReading {
  readonly display: string | null;
  readonly reading: Readonly<Reading>;
}

/** Readings remembered, by the year a bare day or month falls in, then by the cell as written (cleared when full). */
const MEMO_YEARS = 64;
const MEMO_CELLS = 20_000;
const CELL_MEMO = new Memo<number | null, Memo<string, CellReading>>(MEMO_YEARS);

function readCellOnce(raw: string, year: number | null): CellReading {
  const display = dropFullStop(cleanText(raw));
  if (isBlank(display)) return { display: null, reading: { kind: 'missing', start: null, end: null, whole: false } };

  const lines = raw.split(/\r\n|\r|\n/).map(cleanText).filter((l) => !isBlank(l));
  if (lines.length > 1) {
    const items = lines.map((l) => readText(stripBullet(l), year));
    const bulleted = lines.filter(hasBullet).length >= 2;
    const allDated = items.every((r) => r.whole && r.end !== null);
    const dated = items.filter((r) => r.end !== null);
    const last = dated[dated.length - 1];
    if ((bulleted || allDated) && last) return { display, reading: { ...last, whole: items.every((r) => r.whole) } };
  }
  return { display, reading: readText(stripBullet(lines.join(' ')), year) };
}

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

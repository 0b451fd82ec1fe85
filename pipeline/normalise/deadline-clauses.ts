/**
 * Reading the clauses a deadline phrase is made of: a time clause, a recurring phrase, a conditional phrase.
 * In: a `Cursor` at the start of a clause. Out: a `Reading` (kind, start, end, whether the clause is the
 * whole text) or null, cursor unmoved.
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */
import type { Deadline } from '../model/deadline.js';
import { type Span, dayBefore } from './deadline-calendar.js';
import { periodItem, timeList } from './deadline-periods.js';
import type { Cursor } from './deadline-tokens.js';
import {
  CONDITION_LEADS,
  CONDITION_NOUNS,
  EVERY_YEAR,
  FOLLOW_ON_PUNCT,
  FOLLOW_ON_WORDS,
  LEAD_WORDS,
  LIST_WORDS,
  ONWARD_PHRASES,
  RECURRING_ATOMS,
  RECURRING_TAILS,
} from './deadline-vocabulary.js';

// ───────────────────────────── clauses ─────────────────────────────

/** What the reader makes of a text, before it becomes a `Deadline`. */
export interface Reading {
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

export function timeClause(cur: Cursor): Reading | null {
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
export function recurringPhrase(cur: Cursor): Reading | null {
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
export function conditionalPhrase(cur: Cursor): Reading | null {
  return cur.attempt(() => {
    const lead = cur.oneOf(CONDITION_LEADS) ?? (cur.words('theo') && cur.oneOf(CONDITION_NOUNS));
    return lead ? ({ kind: 'conditional', start: null, end: null, whole: true } satisfies Reading) : null;
  });
}

/**
 * Reading one line of deadline text.
 * In: the text and the year a bare day or month belongs to (or null). Out: its `Reading`: an ISO date,
 * a day relative to the reported period, a phrase that opens the text, a time clause further in,
 * recurring or conditional words somewhere, or `unparsed`.
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */
import { isValidDay, iso } from './deadline-calendar.js';
import { type Reading, conditionalPhrase, recurringPhrase, timeClause } from './deadline-clauses.js';
import { type Token, Cursor, asciiFold, tokenize } from './deadline-tokens.js';

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
export function readText(text: string, year: number | null = null): Reading {
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

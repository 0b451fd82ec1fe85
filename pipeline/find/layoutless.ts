import type { Doc, Paragraph } from '../model/doc.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import type { Field } from './headers.js';
import { headerKey } from './headers.js';
import { parseHeaderText, isHeaderText } from './header-text.js';
import { splitNumbering } from './tt.js';
import { isAgencyList, isCollective, splitAgencies, startsWithAgency } from '../normalise/agencies.js';
import { looksLikeDeadline } from '../normalise/deadline.js';

/**
 * Tables whose columns were lost: a PDF's text layer dumped without layout.
 * Cells wrap over several lines, neighbouring cells run together on one line,
 * the header repeats on each page and page numbers sit between rows. Rows
 * are found by their TT running 1, 2, 3 …; the text of a row is then cut
 * into the header's fields by what each field can hold (agencies, a
 * deadline, free text), preferring cuts at line breaks and blank lines.
 */
export function findLayoutlessTasks(doc: Doc): RawTask[] {
  const paras = doc.blocks.filter((b): b is Paragraph => b.kind === 'para');
  const tasks: RawTask[] = [];
  let i = 0;
  while (i < paras.length) {
    const header = headerAt(paras, i);
    if (!header) {
      i++;
      continue;
    }
    const { rows, next } = collectRows(paras, header.end, header.fields);
    for (const r of rows) {
      const t = segmentRow(r, header.fields);
      // A lead cell merged down over the rows of a group is printed once: a row with no agency at all
      // under one that had a lead, in the same group, shares it.
      const prev = tasks[tasks.length - 1];
      const sameGroup = prev?.lead && prev.group === t.group;
      if (sameGroup && !t.lead && !t.support) t.lead = prev.lead;
      // One list of "các cơ quan, đơn vị liên quan"-like agencies under a merged lead is the support column.
      if (sameGroup && t.lead && !t.support && hasSupportColumn(header.fields) && splitAgencies(t.lead).every(isCollective)) {
        t.support = t.lead;
        t.lead = prev.lead;
      }
      tasks.push(t);
    }
    i = next;
  }
  return tasks;
}

function hasSupportColumn(fields: Field[]): boolean {
  return fields.includes('support');
}

interface HeaderAt {
  fields: Field[];
  /** Index of the first paragraph after the header. */
  end: number;
}

// A header wraps each cell over up to three lines ("Cơ quan" / "chủ trì", "Căn cứ" / "bổ sung"): seven columns take a dozen.
const MAX_HEADER_LINES = 14;

function headerAt(paras: Paragraph[], i: number): HeaderAt | null {
  const first = headerKey(paras[i]!.text);
  if (!/^(s?tt|so tt|so thu tu)\b/.test(first)) return null;
  // The header's cells wrap over several lines ("Thời gian hoàn" / "thành"): take the longest run of
  // lines that reads as a complete header, stopping at the first row or group heading.
  let text = '';
  let best: HeaderAt | null = null;
  for (let j = i; j < Math.min(paras.length, i + MAX_HEADER_LINES); j++) {
    const line = paras[j]!.text;
    if (j > i && (/^\d{1,3}\.?(\s|$)/.test(line.trim()) || splitNumbering(line)?.kind === 'roman')) break;
    text = text ? `${text} ${line}` : line;
    if (isHeaderText(text)) best = { fields: parseHeaderText(text).fields, end: j + 1 };
  }
  return best;
}

interface Line {
  text: string;
  line: number;
  page: number | null;
  /** A blank line (or more) stood before this one in the source. */
  afterBlank: boolean;
}

interface RowLines {
  tt: string;
  group: string | null;
  lines: Line[];
}

function collectRows(paras: Paragraph[], start: number, fields: Field[]): { rows: RowLines[]; next: number } {
  const rows: RowLines[] = [];
  let cur: RowLines | null = null;
  let last: number[] | null = null;
  let group: string | null = null;
  // A group heading came after the last row: numbering may restart at 1.
  let groupSinceRow = false;
  let i = start;
  const hasTt = fields[0] === 'tt';
  while (i < paras.length) {
    const p = paras[i]!;
    const prevLine = i > 0 ? paras[i - 1]!.line : p.line - 1;
    const line: Line = { text: p.text, line: p.line, page: p.page ?? null, afterBlank: p.line - prevLine > 1 };
    const key = headerKey(p.text);
    if (/^(noi nhan|phu luc\b)/.test(key) && !cur?.lines.length) break;
    if (/^noi nhan\b/.test(key)) break;
    // The header repeated on a new page.
    const h = headerAt(paras, i);
    if (h) {
      i = h.end;
      continue;
    }
    if (cur && isFootnote(p.text.trim(), last, groupSinceRow)) {
      // A footnote at the foot of a page ("1 Nghị quyết số 66-NQ/TW ngày …") and its wrapped lines, up to
      // the next blank line: the page's furniture, not a row.
      i++;
      while (i < paras.length && paras[i]!.line - paras[i - 1]!.line <= 1) i++;
      continue;
    }
    const start = rowStart(p.text, last, hasTt);
    if (start) {
      if (start.loneNumber && nextIsHeader(paras, i + 1)) {
        i++; // a page number before the repeated header
        continue;
      }
      if (cur) rows.push(cur);
      cur = { tt: start.tt, group, lines: [] };
      if (start.rest) cur.lines.push({ ...line, text: start.rest, afterBlank: true });
      last = start.parts;
      groupSinceRow = false;
      i++;
      continue;
    }
    if (/^\d{1,3}$/.test(p.text.trim())) {
      i++; // a page number in the middle of a row
      continue;
    }
    const heading = splitNumbering(p.text);
    if (heading && (heading.kind === 'roman' || heading.kind === 'upper') && (!cur || line.afterBlank)) {
      if (cur) rows.push(cur);
      cur = null;
      group = p.text.trim();
      groupSinceRow = true;
      last = null;
      i++;
      continue;
    }
    if (cur) cur.lines.push(line);
    i++;
  }
  if (cur) rows.push(cur);
  return { rows: numberedGroups(rows), next: i };
}

/**
 * A footnote's number, then the document it cites ("1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 …"), where the
 * number is not the next row's: a table of laws has rows "2 Luật Giao thông đường bộ …" after "1 …", but a
 * footnote's "1" comes after row 3 with no new group to restart the numbering.
 */
function isFootnote(text: string, last: number[] | null, groupSinceRow: boolean): boolean {
  if (!FOOTNOTE_RE.test(text)) return false;
  const n = Number(text.match(/^\d+/)![0]);
  if (!last) return true;
  const next = last.length === 1 && n === last[0]! + 1;
  const restart = n === 1 && groupSinceRow;
  return !next && !restart;
}

/** "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 …": a footnote's number, then the document it cites. */
const FOOTNOTE_RE =
  /^\d{1,2}\s+(?:Nghị quyết|Quyết định|Nghị định|Thông tư|Chỉ thị|Kết luận|Chương trình|Luật|Công văn|Kế hoạch|Văn bản|Thông báo|Hiến pháp)\s+(?:số\s+)?[\d\p{Lu}]/u;

/**
 * A numbered row whose next row is its child ("1. Trạm Y tế phường" then
 * "1.1", "1.2") is a group title, not a task: the rows under it take it as
 * their group.
 */
function numberedGroups(rows: RowLines[]): RowLines[] {
  const out: RowLines[] = [];
  let group: { parts: number[]; title: string } | null = null;
  rows.forEach((row, k) => {
    const parts = ttNumbers(row.tt);
    const next = rows[k + 1] ? ttNumbers(rows[k + 1]!.tt) : null;
    if (parts && next && next.length === parts.length + 1 && parts.every((x, j) => x === next[j])) {
      const text = row.lines.map((l) => l.text).join(' ').trim();
      group = { parts, title: `${row.tt.replace(/\.$/, '')}. ${text}` };
      return;
    }
    const under = group && parts && parts.length > group.parts.length && group.parts.every((x, j) => x === parts[j]);
    out.push(under ? { ...row, group: group!.title } : row);
  });
  return out;
}

function ttNumbers(tt: string): number[] | null {
  const t = tt.replace(/\.$/, '');
  return /^\d{1,3}(\.\d{1,3})*$/.test(t) ? t.split('.').map(Number) : null;
}

/**
 * A row starts with the next TT: alone on its line, or followed by the task
 * text. The next TT follows the last one: "3" after "2", "1.2" after "1.1",
 * "2" or "2.1" after "1.3", "1.1" under "1", or "1" again under a new group;
 * anything else at the start of a line ("2030, …", "5 năm") is cell text.
 */
function rowStart(
  text: string,
  last: number[] | null,
  hasTt: boolean,
): { tt: string; parts: number[]; rest: string; loneNumber: boolean } | null {
  if (!hasTt) return null;
  const m = text.trim().match(/^(\d{1,3}(?:\.\d{1,3})*)(\.?)(?:\s+(.*))?$/);
  if (!m) return null;
  const parts = m[1]!.split('.').map(Number);
  if (!followsTt(last, parts)) return null;
  const rest = m[3] ?? '';
  // The task text starts with a capital.
  if (rest && !/^[A-ZĐÀ-Ỹ"“(]/u.test(rest)) return null;
  return { tt: m[1]! + m[2]!, parts, rest, loneNumber: rest === '' };
}

function followsTt(last: number[] | null, next: number[]): boolean {
  if (next.every((x) => x === 1)) return true; // a (re)start: "1", "1.1"
  if (!last) return false;
  // A child of the last: "1" → "1.1".
  if (next.length === last.length + 1 && last.every((x, j) => x === next[j])) return next[next.length - 1] === 1;
  // The next sibling at some level: same prefix, that level one more, nothing deeper or a fresh ".1".
  for (let level = 0; level < Math.min(last.length, next.length); level++) {
    const samePrefix = last.slice(0, level).every((x, j) => x === next[j]);
    if (!samePrefix) return false;
    if (next[level] === last[level]! + 1) return next.slice(level + 1).every((x) => x === 1);
    if (next[level] !== last[level]) return false;
  }
  return false;
}

function nextIsHeader(paras: Paragraph[], i: number): boolean {
  return i < paras.length && headerAt(paras, i) !== null;
}

// ---- cutting a row's text into fields --------------------------------------------

interface Token {
  word: string;
  /** Strength of the break before this token: 0 space, 1 line break, 2 blank line / row start. */
  brk: number;
}

function tokenize(lines: Line[]): Token[] {
  const out: Token[] = [];
  lines.forEach((l, li) => {
    const words = l.text.split(/\s+/).filter(Boolean);
    words.forEach((w, wi) => {
      const brk = wi > 0 ? 0 : li === 0 || l.afterBlank ? 2 : 1;
      out.push({ word: w, brk });
    });
  });
  return out;
}

type Kind = 'free' | 'agency' | 'deadline';

function kindOf(f: Field): Kind {
  if (f === 'lead' || f === 'support' || f === 'approval') return 'agency';
  if (f === 'deadline') return 'deadline';
  return 'free';
}

const MAX_AGENCY_TOKENS = 45;
const MAX_DEADLINE_TOKENS = 16;
/** What an empty field costs: the lead is the one a row almost always has, so a lone agency list goes there. */
const EMPTY_PENALTY: Partial<Record<Field, number>> = { content: 100, lead: 4, deadline: 3 };
const DEFAULT_EMPTY_PENALTY = 2;
const IMPOSSIBLE = -1e9;

/**
 * Best cut of the row's tokens into the header's fields (after TT), by
 * dynamic programming: each field takes a contiguous run; agency fields must
 * read as agency lists, the deadline as a deadline; a cut scores the
 * strength of the line break it falls on; an empty field costs a little,
 * an empty task text a lot.
 */
export function segmentRow(row: RowLines, headerFields: Field[]): RawTask {
  const fields = headerFields[0] === 'tt' ? headerFields.slice(1) : headerFields;
  const tokens = tokenize(row.lines);
  const n = tokens.length;
  const F = fields.length;
  // What a run of tokens can hold depends on the kind of field only: the lead and the support column ask alike.
  const cache = new Map<number, boolean>();
  const text = (a: number, b: number) =>
    tokens
      .slice(a, b)
      .map((t) => t.word)
      .join(' ');

  // Whether a text starts like an agency is read off its first words (a head word, a dictionary name of at
  // most ten words): asked of the first HEAD_WORDS words only, every longer cell from `a` shares one answer.
  const headEnds: number[] = [];
  const headEnd = (a: number): number => (headEnds[a] ??= wordsEnd(tokens, a, HEAD_WORDS));

  const fits = (k: number, a: number, b: number): boolean => {
    const kind = kindOf(fields[k]!);
    if (a === b) return true;
    if (kind === 'free') return true;
    const len = b - a;
    if (kind === 'agency' && len > MAX_AGENCY_TOKENS) return false;
    if (kind === 'deadline' && len > MAX_DEADLINE_TOKENS) return false;
    const id = ((kind === 'agency' ? 0 : 1) * (n + 1) + a) * (n + 1) + b;
    const known = cache.get(id);
    if (known !== undefined) return known;
    const t = text(a, b);
    // A list ending in "," or "và" goes on in the next cell of the same column.
    const open = /[,;]$|\s(và|với)$/.test(t);
    // A deadline cell starts with a capital or a digit; "… theo quy định." is the end of the task text.
    const ok =
      kind === 'agency'
        ? !open && startsWithAgency(text(a, Math.min(b, headEnd(a)))) && isAgencyList(t)
        : /^[\p{Lu}\d]/u.test(t) && looksLikeDeadline(t);
    cache.set(id, ok);
    return ok;
  };

  // best[k][p]: best score for fields k.. given they start at token p.
  const best: number[][] = Array.from({ length: F + 1 }, () => new Array<number>(n + 1).fill(IMPOSSIBLE));
  const choice: number[][] = Array.from({ length: F + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[F]![n] = 0;
  for (let k = F - 1; k >= 0; k--) {
    const f = fields[k]!;
    for (let p = n; p >= 0; p--) {
      let top = IMPOSSIBLE;
      let arg = -1;
      for (let q = p; q <= n; q++) {
        const rest = best[k + 1]![q]!;
        if (rest <= IMPOSSIBLE / 2) continue;
        if (!fits(k, p, q)) {
          if (kindOf(f) !== 'free' && q - p > Math.max(MAX_AGENCY_TOKENS, MAX_DEADLINE_TOKENS)) break;
          continue;
        }
        let score = rest;
        if (p === q) score -= EMPTY_PENALTY[f] ?? DEFAULT_EMPTY_PENALTY;
        else if (q < n && k < F - 1) score += tokens[q]!.brk; // the cut after this field
        if (p !== q && f === 'content' && q < n && /[.;:]$/.test(tokens[q - 1]!.word)) score += 1;
        if (score > top) {
          top = score;
          arg = q;
        }
      }
      best[k]![p] = top;
      choice[k]![p] = arg;
    }
  }

  const first = row.lines[0];
  const raw = emptyRaw('table', first?.line ?? null, first?.page ?? null);
  raw.tt = row.tt;
  raw.group = row.group;
  let p = 0;
  for (let k = 0; k < F; k++) {
    const q = choice[k]![p]!;
    if (q < 0) break;
    const value = text(p, q);
    assign(raw, fields[k]!, value, k);
    p = q;
  }
  return raw;
}

/**
 * Words enough to decide `startsWithAgency`: it looks at the first ten words after a bullet mark and at some
 * 30 characters of the folded text, so twenty words that stay words after cleaning (a token of invisible
 * characters alone does not) decide it as the whole text would. The words end where a space follows, which
 * is where lower-casing and the tone rules stop looking ahead.
 */
export const HEAD_WORDS = 20;

/** The index after the `count`-th token from `a` that is more than invisible characters (or the end). */
function wordsEnd(tokens: Token[], a: number, count: number): number {
  let seen = 0;
  for (let i = a; i < tokens.length; i++) {
    if (VISIBLE_RE.test(tokens[i]!.word) && ++seen === count) return i + 1;
  }
  return tokens.length;
}

/** A character `cleanText` keeps (tokens hold no white space; it drops zero-width characters and soft hyphens). */
const VISIBLE_RE = /[^\u200B-\u200D\uFEFF\u00AD]/;

function assign(raw: RawTask, field: Field, value: string, index: number): void {
  const v = value.trim();
  switch (field) {
    case 'content':
      raw.content = v;
      break;
    case 'group':
      if (v) raw.group = v;
      break;
    case 'lead':
    case 'support':
    case 'deadline':
    case 'product':
    case 'approval':
      raw[field] = v || null;
      break;
    default:
      if (v) raw.extra[field === 'note' ? 'Ghi chú' : `Cột ${index + 2}`] = v;
  }
}

/**
 * One agency cell → its agencies as written, in order: `joinWrappedLines` makes the cell's lines one text
 * (step 1), `splitJoined` cuts that text into agencies (steps 2–8).
 *
 * Pure code, no Node imports: the Excel add-in bundles it too.
 *
 * How a cell is read (named steps, in this order):
 * 1. `joinWrappedLines`: a cell's lines are one text again. A bullet starts a new agency; any other line
 *    break is a separator only when the text before it ends a complete agency and the next line starts a new
 *    one ("Sở Y tế\nSở Giáo dục"); otherwise it is a wrapped line ("UBND cấp \nhuyện") and joins with a space.
 * 2. `dropQualifiers`: role clauses that are not agencies go ("theo chức năng, nhiệm vụ được giao",
 *    "theo quy định", "(chủ trì)", a leading "Đề nghị").
 * 3. `tokenize`: words, commas, semicolons and bracket groups ("(cơ quan thường trực)" is one token, so
 *    nothing inside brackets ever splits).
 * 4. Split on ";" — always a separator.
 * 5. Split on "," into parts, then `splitRunTogether`: two names with the separator lost
 *    ("Sở Khoa học và Công nghệ Sở Công Thương") are cut where a capitalised head word follows a complete,
 *    known name.
 * 6. `mergeContinuations`: a part that does not start a new agency continues the one before
 *    ("các sở" + "ngành"; "UBND các huyện" + "thành phố"); a dictionary name with commas is taken whole
 *    ("Sở Văn hóa, Thể thao và Du lịch").
 * 7. `splitAtVa`: "và" splits where it joins two agencies ("Sở Nội vụ và các cơ quan …") but not inside a
 *    name ("Sở Khoa học và Công nghệ", "Văn phòng HĐND và UBND").
 * 8. `finish`: a leading "và" and a trailing full stop go; the rest is kept as written.
 */
import { FIELD_KEYS, agencyKey, lookupEntry, type Index } from './agency-index.js';
import { endsDangling, headOf, isComplete, startsNewItem, startsUpper } from './agency-heads.js';
import { cleanText, dropTrailingStop, foldKey, hasBullet, stripBullet } from './text.js';

// ───────────────────────────── step 1: lines ─────────────────────────────

/** "Cơ quan chủ trì:", "Phối hợp:" … in front of the agencies (labelled prose tasks). */
const LABEL_RE = /^(?:(?:cơ\s+quan|đơn\s+vị)\s+)?(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)\s*:\s*/iu;

export function joinWrappedLines(cell: string, idx: Index): string {
  let text = '';
  for (const raw of cell.split(/\r\n|\r|\n/)) {
    const c = cleanText(raw);
    if (!c) continue;
    const bullet = hasBullet(c);
    const line = cleanText(stripBullet(c).replace(LABEL_RE, ''));
    if (!line) continue;
    text = text ? text + breakBetween(text, line, bullet, idx) + line : line;
  }
  return text;
}

/** What joins two lines of a cell: a separator "; ", a space, or nothing (a word cut at its hyphen). */
function breakBetween(left: string, next: string, bullet: boolean, idx: Index): string {
  if (bullet) return '; ';
  if (/[;,]$/.test(left)) return ' ';
  if (/\p{L}-$/u.test(left)) return '';
  const chunk = left.slice(left.lastIndexOf(';') + 1);
  if (unbalanced(chunk)) return ' ';
  const last = splitJoined(chunk, idx).pop();
  if (last && isComplete(last, idx) && startsNewItem(last, next, idx, 'line')) return '; ';
  return ' ';
}

function unbalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

// ───────────────────────────── step 2: qualifiers ─────────────────────────────

/** Role clauses: they say how an agency takes part, they are not agencies. */
const QUALIFIERS: RegExp[] = [
  /theo\s+chức\s+năng\s*,?\s*nhiệm\s+vụ(?:\s*\(?\s*(?:được\s+giao|thực\s+hiện|của\s+(?:mình|ngành|đơn\s+vị)|quản\s+lý)\s*\)?)?(?:\s+(?:được\s+giao|thực\s+hiện))?/giu,
  /theo\s+quy\s+định(?:\s+(?:của\s+pháp\s+luật|hiện\s+hành))?/giu,
  /chủ\s+trì\s+hướng\s+dẫn\s*,?\s*tổng\s+hợp/giu,
  /thúc\s+đẩy\s*,?\s*theo\s+dõi\s*,?\s*báo\s+cáo/giu,
  /theo\s+(?:thẩm\s+quyền|phân\s+cấp|lĩnh\s+vực\s+(?:quản\s+lý|phụ\s+trách|được\s+giao))/giu,
  // A role verb closing the list: "…; Sở Nông nghiệp và Môi trường tổng hợp."
  /\s+(?:chủ\s+trì|phối\s+hợp|tổng\s+hợp|thực\s+hiện|theo\s+dõi)(?:\s*,\s*(?:chủ\s+trì|phối\s+hợp|tổng\s+hợp|thực\s+hiện|theo\s+dõi))*\s*(?=[;.]|$)/giu,
];

/** "(chủ trì)", "(phối hợp)": the column already says the role. */
const ROLE_GROUP_RE = /^\(\s*(?:chủ\s+trì|phối\s+hợp|đầu\s+mối|chủ\s+trì\s*,\s*phối\s+hợp)\s*\)$/iu;

/** "Đề nghị Ủy ban Mặt trận …", "Giao Sở Y tế …": the request, not the agency. */
const REQUEST_RE = /^(?:đề\s+nghị|giao|yêu\s+cầu)\s+/iu;

function dropQualifiers(text: string, idx: Index): string {
  let t = text;
  for (const re of QUALIFIERS) t = t.replace(re, ' ');
  const m = REQUEST_RE.exec(t);
  if (m && startsNewItem('', t.slice(m[0].length), idx, 'line')) t = t.slice(m[0].length);
  return t;
}

// ───────────────────────────── step 3: tokens ─────────────────────────────

type TokKind = 'word' | 'comma' | 'semi' | 'group';
interface Tok {
  kind: TokKind;
  text: string;
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push({ kind: 'word', text: word });
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (/\s/.test(c)) flush();
    else if (c === ';') {
      flush();
      out.push({ kind: 'semi', text: ';' });
    } else if (c === ',') {
      // "Sở VH,TT&DL": a comma between capitals with no space is part of an abbreviation.
      if (/\p{Lu}/u.test(s.charAt(i - 1)) && /\p{Lu}/u.test(s.charAt(i + 1))) word += c;
      else {
        flush();
        out.push({ kind: 'comma', text: ',' });
      }
    } else if (c === '(' && closingParen(s, i) > 0) {
      flush();
      const end = closingParen(s, i);
      const group = cleanText(s.slice(i, end + 1));
      if (!ROLE_GROUP_RE.test(group)) out.push({ kind: 'group', text: group });
      i = end;
    } else word += c;
  }
  flush();
  return out;
}

function render(toks: Tok[]): string {
  let s = '';
  for (const t of toks) {
    if (t.kind === 'comma' || t.kind === 'semi') s += t.text;
    else s += (s ? ' ' : '') + t.text;
  }
  return s;
}

function splitOn(toks: Tok[], kind: TokKind): Tok[][] {
  const out: Tok[][] = [[]];
  for (const t of toks) {
    if (t.kind === kind) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((p) => p.length > 0);
}

// ───────────────────────────── steps 5–8: parts → agencies ─────────────────────────────

interface Part {
  toks: Tok[];
  /** Starts a new agency whatever it says: it was cut from a run-together name. */
  hard: boolean;
}

/** Does a dictionary or field name cover the words on both sides of the gap before token `j`? */
function spansKnownName(toks: Tok[], j: number, idx: Index, gapIsToken = false): boolean {
  const lo = Math.max(0, j - 8);
  const hi = Math.min(toks.length, j + 9);
  for (let s = lo; s < j; s++) {
    for (let e = j + (gapIsToken ? 2 : 1); e <= hi; e++) {
      const k = agencyKey(render(toks.slice(s, e)));
      if (idx.byKey.has(k) || FIELD_KEYS.has(k)) return true;
    }
  }
  return false;
}

/** Text after the last "và", or the whole text. */
function afterLastVa(s: string): string {
  const parts = s.split(/\s+và\s+/iu);
  return parts[parts.length - 1] ?? s;
}

/**
 * Cut a part where a name runs into the next without a separator: the left side must be a known name (or end
 * with one after "và") and the right side must begin with a capitalised head word.
 */
function splitRunTogether(parts: Tok[][], idx: Index): Part[] {
  const out: Part[] = [];
  for (const toks of parts) {
    let start = 0;
    let hard = false;
    for (let j = start + 1; j < toks.length; j++) {
      const w = toks[j]!;
      if (w.kind !== 'word' || !startsUpper(w.text)) continue;
      if (!headOf(render(toks.slice(j)), { capital: true, noSuffixHeads: true })) continue;
      const left = render(toks.slice(start, j));
      if (!lookupEntry(left, idx) && !lookupEntry(afterLastVa(left), idx)) continue;
      if (spansKnownName(toks, j, idx)) continue;
      out.push({ toks: toks.slice(start, j), hard });
      start = j;
      hard = true;
    }
    out.push({ toks: toks.slice(start), hard });
  }
  return out;
}

const COMMA: Tok = { kind: 'comma', text: ',' };

function joinParts(parts: Part[]): Tok[] {
  const out: Tok[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(COMMA);
    out.push(...p.toks);
  });
  return out;
}

/** The end (exclusive) of the longest dictionary name with commas starting at part `i`, else `i + 1`. */
function knownSpan(parts: Part[], i: number, idx: Index): number {
  let maxEnd = i + 1;
  while (maxEnd < parts.length && maxEnd < i + 8 && !parts[maxEnd]!.hard) maxEnd++;
  for (let e = maxEnd; e > i + 1; e--) {
    const text = render(joinParts(parts.slice(i, e))).replace(/^và\s+/iu, '');
    if (lookupEntry(text, idx)) return e;
  }
  return i + 1;
}

function mergeContinuations(parts: Part[], idx: Index): Tok[][] {
  const items: Tok[][] = [];
  let i = 0;
  while (i < parts.length) {
    const end = knownSpan(parts, i, idx);
    let cur = joinParts(parts.slice(i, end));
    i = end;
    while (i < parts.length && !parts[i]!.hard) {
      const rest = render(joinParts(parts.slice(i)));
      if (startsNewItem(render(cur), rest, idx, 'comma')) break;
      cur = [...cur, COMMA, ...parts[i]!.toks];
      i++;
    }
    items.push(cur);
  }
  return items;
}


/** The word "và" however written: only "v" or "V" folds to its first letter, so other words are not folded. */
function isVa(word: string): boolean {
  return (word.includes('v') || word.includes('V')) && foldKey(word) === 'và';
}

/** Split at each "và" that joins two agencies. */
function splitAtVa(item: Tok[], idx: Index): Tok[][] {
  const out: Tok[][] = [];
  let start = 0;
  for (let j = 0; j < item.length; j++) {
    const t = item[j]!;
    if (t.kind !== 'word' || !isVa(t.text)) continue;
    if (j === start) {
      start = j + 1; // a leading "và" (", và các cơ quan …")
      continue;
    }
    const left = render(item.slice(start, j));
    const right = render(item.slice(j + 1));
    if (!right || endsDangling(left)) continue;
    if (spansKnownName(item, j, idx, true)) continue;
    if (!startsNewItem(left, right, idx, 'va')) continue;
    out.push(item.slice(start, j));
    start = j + 1;
  }
  out.push(item.slice(start));
  return out;
}

function finish(toks: Tok[]): string | null {
  let s = render(toks).replace(/^và\s+/iu, '');
  s = dropTrailingStop(stripBullet(s));
  // Separators left at either end ("Sở Y tế , .") are not part of the name.
  s = s.replace(/^[\s,;:.\-–]+/u, '').replace(/[\s,;:.]+$/u, '').trim();
  return /\p{L}/u.test(s) ? s : null;
}

/** Steps 2–8 on one line of text. */
export function splitJoined(text: string, idx: Index): string[] {
  const toks = tokenize(splitSlashedNames(dropQualifiers(text, idx)));
  const out: string[] = [];
  for (const chunk of splitOn(toks, 'semi')) {
    const parts = splitRunTogether(splitOn(chunk, 'comma'), idx);
    for (const item of mergeContinuations(parts, idx)) {
      for (const piece of splitAtVa(item, idx)) {
        const s = finish(piece);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

/**
 * "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh": two names joined by a slash become two items;
 * "UBND các tỉnh/thành phố", "Sở KH/CN" stay whole (the right side is no capitalised agency name).
 */
function splitSlashedNames(text: string): string {
  return text.replace(/([^\s/;,]{2,})\s*\/\s*(?=\p{Lu})/gu, (whole, left: string, offset: number, all: string) => {
    const right = all.slice(offset + whole.length);
    const leftStart = Math.max(all.lastIndexOf(';', offset), all.lastIndexOf(',', offset)) + 1;
    const leftName = all.slice(leftStart, offset + left.length);
    return headOf(right) && headOf(leftName.trim()) && leftName.trim().split(/\s+/).length >= 2 ? `${left}; ` : whole;
  });
}

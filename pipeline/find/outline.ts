import type { Doc, Paragraph } from '../model/doc.js';
import { cleanText, stripMarkdown } from '../normalise/text.js';
import { splitNumbering, type TtKind } from './tt.js';
import { parseLabel } from './labels.js';

/**
 * The body of a plan as a list of items: numbered headings, bullet items and
 * plain paragraphs, with wrapped lines joined back. Text from a PDF or a
 * converter breaks a paragraph over lines (and over blank lines at page
 * breaks); a line carries on the previous item when it starts in lower case
 * or the previous item had not finished its sentence.
 */
export interface Item {
  kind: 'heading' | 'bullet' | 'text';
  /** Numbering as written, for headings ("1", "2.1", "a", "II"). */
  num?: string;
  numKind?: TtKind;
  /** Bullet mark for bullet items ("-", "+", "•"). */
  mark?: string;
  /** Text without numbering, bullet or emphasis marks; wrapped lines joined by spaces. */
  text: string;
  /** The source line as written (markdown removed), for group names. */
  written: string;
  line: number;
  page: number | null;
  bold: boolean;
}

const BULLET_RE = /^\s*([-–—•●▪◦∙·+*])\s+(.*)$/;

export function outline(doc: Doc): Item[] {
  // Text and PDF break a paragraph over lines; a Word (.docx or .doc) or HTML paragraph is whole.
  const lineWrapped = doc.format !== 'docx' && doc.format !== 'doc' && doc.format !== 'html';
  const blocks = doc.blocks.filter((b): b is Paragraph => b.kind === 'para');
  const paras = lineWrapped ? joinBoldSpans(blocks) : blocks;
  const items: Item[] = [];
  let prevLine: number | null = null;
  for (const p of paras) {
    const raw = p.text.trim();
    if (!raw || isPageFurniture(raw)) continue;
    const bold = p.bold === true || /^\*\*.+\*\*$/.test(raw);
    const plain = cleanText(stripMarkdown(raw.replace(/^\*\*(.*)\*\*$/, '$1')));
    const prev = items[items.length - 1];
    const made = classify(plain, p, bold);
    const afterBlank = prevLine !== null && p.line - prevLine > 1;
    prevLine = p.line;
    if (prev && continues(prev, made, plain, afterBlank, lineWrapped)) {
      prev.text = joinWrapped(prev.text, plain);
      prev.written = joinWrapped(prev.written, plain);
      continue;
    }
    items.push(made);
  }
  return items;
}

/**
 * A bold span that a converter wrapped over lines ("**1." / "Sở Công Thương:**", "**IV." / "PHÂN CÔNG
 * NHIỆM VỤ**") is one line: a heading's number must stay with its words.
 */
function joinBoldSpans(paras: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  const marks = (p: Paragraph) => (p.text.match(/\*\*/g) ?? []).length;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    // An opening "**" closed within the next few lines, each next to the last: one line. An unclosed one
    // ("**IV. TỔ CHỨC THỰC HIỆN" and nothing closes it) joins nothing.
    let end = -1;
    if (marks(p) % 2 === 1) {
      for (let j = i + 1; j < Math.min(paras.length, i + MAX_BOLD_LINES); j++) {
        if (paras[j]!.line - paras[j - 1]!.line > 2) break;
        if (marks(paras[j]!) % 2 === 1) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) {
      out.push(p);
      continue;
    }
    const text = paras
      .slice(i, end + 1)
      .map((x) => x.text.trim())
      .join(' ');
    out.push({ ...p, text, ...(/^\*\*[^*].*\*\*$/.test(text) ? { bold: true } : {}) });
    i = end;
  }
  return out;
}

/** A heading wrapped by a web converter spans a few lines; a longer "span" is an unclosed marker. */
const MAX_BOLD_LINES = 4;

/** Rank of a numbering style: lower is an outer level ("A." 0, "I." 1, "1." 2, "1.1." 3, "a)" 10). */
export function headingRank(kind: TtKind, num: string): number {
  switch (kind) {
    case 'upper':
      return 0;
    case 'roman':
      return 1;
    case 'arabic':
      return 2;
    case 'dotted':
      return 2 + num.split('.').length - 1;
    case 'mixed':
      return 2 + num.split('.').length;
    case 'letter':
      return 10;
  }
}

/** Page numbers and running page labels between paragraphs of a PDF's text. */
function isPageFurniture(s: string): boolean {
  return (
    /^(?:-\s*)?\d{1,3}(?:\s*-)?$/.test(s) ||
    /^(?:trang|page)\s+\d+(?:\s*\/\s*\d+)?$/i.test(s) ||
    // The running head of the official gazette: "CÔNG BÁO/Số 281/Ngày 21-05-2026".
    /^công báo\s*\/\s*số\s*\d+/iu.test(s)
  );
}

function classify(plain: string, p: Paragraph, bold: boolean): Item {
  const line = p.line;
  const page = p.page ?? null;
  const b = plain.match(BULLET_RE);
  if (b) return { line, page, bold, written: plain, kind: 'bullet', mark: normaliseMark(b[1]!), text: b[2]!.trim() };
  const n = splitNumbering(plain);
  if (n && n.rest !== '') return { line, page, bold, written: plain, kind: 'heading', num: n.num, numKind: n.kind, text: n.rest.trim() };
  return { line, page, bold, written: plain, kind: 'text', text: plain };
}

function normaliseMark(m: string): string {
  return m === '+' ? '+' : m === '*' ? '•' : /[•●▪◦∙·]/.test(m) ? '•' : '-';
}

const TERMINAL_RE = /[.;:!?…)"”]$/;

function startsLower(s: string): boolean {
  const ch = s[0] ?? '';
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/**
 * Whether `next` (as classified) is really the tail of `prev`.
 * A plain line continues when it starts in lower case or prev did not end
 * its sentence; a bullet or number line continues only when it starts in
 * lower case after an unfinished sentence ("… phối hợp với các sở\n- ngành").
 */
function continues(prev: Item, next: Item, plain: string, afterBlank: boolean, lineWrapped: boolean): boolean {
  // A label line ("Cơ quan chủ trì: …") always starts an item of its own.
  if (parseLabel(next.text) || parseLabel(plain)) return false;
  const unfinished = !TERMINAL_RE.test(prev.text.trim());
  if (next.kind === 'text') {
    if (startsLower(plain)) return true;
    if (!unfinished) return false;
    // After a heading a capitalised line is the paragraph below it, unless the heading breaks off mid-phrase
    // or is a lettered item, a sentence wrapped onto a line that starts with a name ("… sử dụng trái phép" "VLNCN, …").
    if (prev.kind === 'heading') {
      return DANGLING_RE.test(prev.text.trim()) || (lineWrapped && prev.numKind === 'letter' && !afterBlank);
    }
    // A blank line then a capital: a new paragraph even after an unfinished one (a title, a caption).
    return !afterBlank || DANGLING_RE.test(prev.text.trim());
  }
  if (next.kind === 'bullet') return unfinished && startsLower(next.text) && prev.kind !== 'heading';
  return false;
}

/** A line ending on a word that cannot end a phrase ("của", "và", ",") continues on the next line. */
const DANGLING_RE = /(?:[,\-–]|\s(?:của|và|cho|với|các|tại|về|theo|trong|đến|từ|là|do|bằng|hoặc|những|được|trên|dưới|số))$/iu;

function joinWrapped(a: string, b: string): string {
  // A word broken by a hyphen at the line end stays broken as written ("229-" + "KH/TU" → "229- KH/TU").
  return `${a.trimEnd()} ${b.trimStart()}`;
}

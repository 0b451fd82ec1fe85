/**
 * Text clean-up shared by every stage. Two levels:
 * - `cleanText` keeps what the user reads (only fixes encoding noise);
 * - `foldKey` is for matching only (case, tone placement, spacing folded).
 */
import { remembered } from './memo.js';

/** Old-style tone placement → new style, for matching only ("hoà" = "hòa"). */
const OLD_TONE: Record<string, string> = {
  'oà': 'òa', 'oá': 'óa', 'oả': 'ỏa', 'oã': 'õa', 'oạ': 'ọa',
  'oè': 'òe', 'oé': 'óe', 'oẻ': 'ỏe', 'oẽ': 'õe', 'oẹ': 'ọe',
  'uỳ': 'ùy', 'uý': 'úy', 'uỷ': 'ủy', 'uỹ': 'ũy', 'uỵ': 'ụy',
};
const OLD_TONE_RE = new RegExp(`(${Object.keys(OLD_TONE).join('|')})(?![a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])`, 'g');

/** Characters that look Vietnamese but are not: fixed in what the user reads too. */
const LOOKALIKES: Array<[RegExp, string]> = [
  [/\u00D0/g, 'Đ'], // Icelandic Eth typed for Đ
  [/\u00F0/g, 'đ'],
  [/[\u00A0\u2007\u202F\u3000]/g, ' '],
  [/[\u200B-\u200D\uFEFF\u00AD]/g, ''],
  [/\uFB01/g, 'fi'],
  [/\uFB02/g, 'fl'],
];


/** NFC, look-alike characters fixed, runs of white space folded to one space, trimmed. */
export const cleanText: (s: string) => string = remembered(cleanTextOnce);

function cleanTextOnce(s: string): string {
  let t = s.normalize('NFC');
  // One scan decides whether any look-alike needs replacing: most text has none.
  if (ANY_LOOKALIKE.test(t)) for (const [re, to] of LOOKALIKES) t = t.replace(re, to);
  return t.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
}

const ANY_LOOKALIKE = /[\u00D0\u00F0\u00A0\u2007\u202F\u3000\u200B-\u200D\uFEFF\u00AD\uFB01\uFB02]/;

/** Like `cleanText` but keeps line breaks (one per paragraph inside a cell). */
export function cleanLines(s: string): string {
  return s
    .split(/\r\n|\r|\n/)
    .map(cleanText)
    .filter((l) => l.length > 0)
    .join('\n');
}

/** A key for comparing text: lower case, new tone placement, spacing folded. */
export const foldKey: (s: string) => string = remembered(foldKeyOnce);

function foldKeyOnce(s: string): string {
  const t = cleanText(s).toLowerCase();
  return t.replace(OLD_TONE_RE, (m) => OLD_TONE[m] ?? m);
}

/** Strip Vietnamese diacritics (đ → d), for forgiving matches of headers and labels. */
export const stripDiacritics: (s: string) => string = remembered(stripDiacriticsOnce);

function stripDiacriticsOnce(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Leading bullet marks of a list item: "-", "–", "•", "+", "*", "·". */
const BULLET_RE = /^\s*(?:[-–—•●▪◦∙·+*]|\*\*?-)\s+/;

export function stripBullet(s: string): string {
  return s.replace(BULLET_RE, '');
}

export function hasBullet(s: string): boolean {
  return BULLET_RE.test(s);
}

/** A character some markdown rule of `stripMarkdown` acts on (U+E000 is its own placeholder for escapes). */
const MARKDOWN_CHAR_RE = /[\\*_\uE000]/;

/** Markdown emphasis and escapes removed: "**Sở Y tế**" → "Sở Y tế", "\\*" → "*". */
export function stripMarkdown(s: string): string {
  // Every rule below needs one of these characters; most cells and paragraphs have none.
  if (!MARKDOWN_CHAR_RE.test(s)) return s;
  // Escaped characters are literal: hide them from the emphasis rules, then put them back.
  const escaped: string[] = [];
  const hidden = s.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, (_m, ch: string) => {
    escaped.push(ch);
    return `\uE000${escaped.length - 1}\uE001`;
  });
  return hidden
    // Emphasis closed after a space, as web converters write it: "*a) *Tổ chức", "**03/7 cơ sở **theo".
    .replace(/(^|\s)(\*\*?)(?=[^*\s])([^*]*?)\s+\2(?=[^*\s])/g, '$1$3 ')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1$2')
    .replace(/(^|\W)_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(/^\*\*|\*\*$/g, '')
    .replace(/\uE000(\d+)\uE001/g, (_m, i: string) => escaped[Number(i)] ?? '');
}

/** Drop one trailing full stop (not an ellipsis) and surrounding spaces. */
export function dropTrailingStop(s: string): string {
  const t = s.trim();
  if (t.endsWith('...') || t.endsWith('…')) return t;
  return t.replace(/[.;,]+$/, '').trim();
}

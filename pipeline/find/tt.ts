/**
 * The numbering written in a TT cell or in front of a heading. Kept as
 * written in the output; classified here so the assembler can tell a group
 * ("I.", "A.") from a task ("1", "1.1", "a", "II.3").
 */
export type TtKind = 'arabic' | 'dotted' | 'letter' | 'roman' | 'upper' | 'mixed';

const ROMAN = '(?:X{0,3})(?:IX|IV|V?I{0,3})';
const LETTERS = 'a-zđ';

// Built once: a table's every TT cell and every line of a plan is classified.
const LETTER_RE = new RegExp(`^[${LETTERS}]$`);
const ROMAN_RE = new RegExp(`^${ROMAN}$`);
const MIXED_RE = new RegExp(`^${ROMAN}\\.\\d{1,3}(\\.\\d{1,3})*$`);

export function ttKind(tt: string): TtKind | null {
  const t = tt.trim().replace(/[.):]+$/, '');
  if (!t) return null;
  if (/^\d{1,3}$/.test(t)) return 'arabic';
  if (/^\d{1,3}(\.\d{1,3})+$/.test(t)) return 'dotted';
  if (LETTER_RE.test(t)) return 'letter';
  if (ROMAN_RE.test(t) && t.length > 0) return 'roman';
  if (/^[A-ZĐ]$/.test(t)) return 'upper';
  if (MIXED_RE.test(t)) return 'mixed';
  if (/^\d{1,3}(\.\d{1,3})*\.[a-zđ]$/.test(t)) return 'mixed';
  return null;
}

/** TT as written, trailing punctuation kept off: "1." → "1.", kept; only spacing cleaned. */
export function cleanTt(tt: string): string {
  return tt.replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');
}

/** The value of a number-like TT for gap checks: "3" → 3, "2.4" → [2,4]. */
export function ttParts(tt: string): number[] | null {
  const t = tt.trim().replace(/[.)]+$/, '');
  if (!/^\d+(\.\d+)*$/.test(t)) return null;
  return t.split('.').map(Number);
}

const NUMBERING_RE = new RegExp(
  `^\\s*(\\d{1,3}(?:\\.\\d{1,3})*(?:\\.[${LETTERS}])?|[${LETTERS}]|${ROMAN}|[A-ZĐ])\\s*([.):])\\s*(.*)$`,
  'u',
);

/**
 * A numbered heading or list item at the start of a line: "1.", "2.1.",
 * "a)", "đ)", "II.", "A.", "3.1.a)". Returns the number as written
 * (without the trailing separator) and the rest of the line.
 */
export function splitNumbering(line: string): { num: string; kind: TtKind; rest: string } | null {
  const m = line.match(NUMBERING_RE);
  if (!m) return null;
  const num = m[1]!;
  const sep = m[2]!;
  const rest = m[3]!;
  if (!num) return null;
  const kind = ttKind(num);
  if (!kind) return null;
  // "a." is an abbreviation risk; letters must be followed by ")" or "." then a space.
  if ((kind === 'letter' || kind === 'upper') && rest === '') return null;
  // A date or decimal ("1.000 người") is not a heading.
  if (sep === '.' && /^\d/.test(rest)) return null;
  // Nor a time or a code wrapped to the line start ("01:2019/BCT", "10:30").
  if (sep === ':' && /^\d/.test(rest)) return null;
  // Roman numerals need a dot: "I Tổ chức" is not a heading, "I. Tổ chức" is.
  if (kind === 'roman' && sep !== '.') return null;
  return { num, kind, rest };
}

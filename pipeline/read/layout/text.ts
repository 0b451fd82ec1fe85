export const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
  '\u0132': 'IJ',
  '\u0133': 'ij',
};

/** Spacing forms of the tone marks, drawn as glyphs of their own over a letter. */
export const SPACING_MARKS: Record<string, string> = {
  '\u00B4': '\u0301',
  '\u02CA': '\u0301',
  '\u0060': '\u0300',
  '\u02CB': '\u0300',
  '\u02DC': '\u0303',
  '\u02C6': '\u0302',
  '\u02C7': '\u030C',
  '\u02D8': '\u0306',
  '\u00A8': '\u0308',
  '\u02D9': '\u0307',
};

export function cleanRunText(s: string): string {
  return s
    .replace(/[\uFB00-\uFB06\u0132\u0133]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t\r\n]/g, ' ');
}

export function isMarkOnly(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  // Most runs are words: stop at their first letter rather than split them.
  for (const c of t) if (!(c in SPACING_MARKS) && !/\p{M}/u.test(c)) return false;
  return true;
}

export function toCombining(s: string): string {
  return [...s.trim()].map((c) => SPACING_MARKS[c] ?? c).join('');
}

/** Characters with the combining marks that follow them. */
export function clusters(s: string): string[] {
  return s.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
}

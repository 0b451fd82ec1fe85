/**
 * The text of a list label, the same for .docx (numbering.xml) and .doc
 * (the LST/LFO tables): a counter in a number format ("decimal",
 * "upperRoman", "lowerLetter" …) and a bullet character made readable.
 */

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const parts: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of parts) while (n >= v) (out += s), (n -= v);
  return out;
}

/** a … z, then aa … zz, as Word counts. */
function letters(n: number): string {
  if (n <= 0 || n > 26 * 20) return String(n);
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

/** Symbol / Wingdings bullets are private-use characters: read them as "•"; Courier's "o" as "◦". */
export function bulletText(s: string): string {
  const t = s.trim();
  if (t === '') return '•';
  if (t === 'o') return '◦';
  return t.replace(/[\uF000-\uF0FF]/g, '•');
}

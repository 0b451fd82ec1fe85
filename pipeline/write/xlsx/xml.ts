/** XML text, cell references and serial dates for the SpreadsheetML writer. */

/**
 * What needs escaping in element text: markup characters, characters XML 1.0
 * cannot carry (C0 controls but tab and line feed; U+FFFE, U+FFFF), the
 * carriage return (XML readers turn it into a line feed), and text that already
 * looks like an OOXML escape ("_x0041_"), which Excel would decode.
 */
const TEXT_SPECIAL = /[&<>\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const TEXT_SPECIAL_G = new RegExp(TEXT_SPECIAL.source, 'g');

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

function escapeTextMatch(m: string): string {
  switch (m) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    default:
      // "_x0041_" as typed: its underscore escaped, so Excel reads it back verbatim.
      if (m.length > 1) return `_x005F${m}`;
      // A control character as Excel writes it (ST_Xstring): _x000B_.
      return `_x${hex4(m.charCodeAt(0))}_`;
  }
}

/** Text for an element's content (<t>, <v>, <f>, <formula1>…). */
export function escapeText(s: string): string {
  return TEXT_SPECIAL.test(s) ? s.replace(TEXT_SPECIAL_G, escapeTextMatch) : s;
}

const ATTR_SPECIAL = /[&<>"\u0000-\u001F\uFFFE\uFFFF]/;
const ATTR_SPECIAL_G = new RegExp(ATTR_SPECIAL.source, 'g');

function escapeAttrMatch(m: string): string {
  switch (m) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\t':
      return '&#9;';
    case '\n':
      return '&#10;';
    case '\r':
      return '&#13;';
    default:
      // Not representable in XML 1.0 at all.
      return '';
  }
}

/** Text for an attribute value in double quotes. */
export function escapeAttr(s: string): string {
  return ATTR_SPECIAL.test(s) ? s.replace(ATTR_SPECIAL_G, escapeAttrMatch) : s;
}

const letters: string[] = [''];

/** 1 → "A", 27 → "AA" (cached: every cell reference needs one). */
export function columnName(n: number): string {
  let s = letters[n];
  if (s === undefined) {
    s = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    letters[n] = s;
  }
  return s;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-06-30" → 46203, Excel's serial day number (1900 date system). */
export function dateSerial(iso: string): number {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new Error(`not an ISO date (YYYY-MM-DD): "${iso}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return ms / 86_400_000 + 25_569;
}

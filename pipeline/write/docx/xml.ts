/**
 * XML text for the WordprocessingML writer. In: any string. Out: the string
 * escaped for element text or an attribute value, with the characters XML 1.0
 * cannot carry (C0 controls but tab and line feed, lone surrogates, U+FFFE,
 * U+FFFF) dropped. Word does not decode "_x0041_" in w:t, so no OOXML escape
 * is applied (unlike SpreadsheetML). Pure.
 */

const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text an XML 1.0 document can hold: invalid characters removed, CR and CRLF as LF. */
export function xmlSafe(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(INVALID, '');
}

export function escapeText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

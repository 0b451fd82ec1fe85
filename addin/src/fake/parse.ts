/**
 * What Excel makes of a string written to a cell through Range.values (the
 * same as a user typing it). In: the text, the cell's number format, the
 * workbook's date order and year. Out: a value, or a formula, and whether the
 * text was quote-prefixed. Pure.
 *
 * Rules, in Excel's order:
 * - a cell formatted as text ("@") keeps the string as it is;
 * - a leading apostrophe keeps the rest as text and marks the cell
 *   quotePrefix (Excel's style flag; Range.formulas then reads the text
 *   without the apostrophe, OfficeDev/office-js#6687);
 * - "=…" is a formula;
 * - numbers ("001" → 1, "-2.5", "1e3", "5%" → 0.05) and dates become numbers;
 * - "TRUE"/"FALSE" in any case become booleans;
 * - any other text that starts with "+" or "-" is taken as a formula, as
 *   typing it is: "- đã nhắc" becomes =- đã nhắc, an error value. Excel
 *   parses such strings as formulas also through the API (OfficeDev/office-js#3256:
 *   a long string starting with "-" fails the sync). The fake stores the
 *   formula with the value #NAME?; it does not model the strings Excel cannot
 *   parse at all ("+84 912 345 678": the space is the intersection operator
 *   between two numbers), which Excel refuses rather than stores.
 */
import type { Scalar } from './state-types.js';

export type DateOrder = 'mdy' | 'dmy';

export interface Parsed {
  v?: Scalar;
  f?: string;
  quotePrefix?: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;

export function parseTyped(text: string, numberFormat: string | undefined, order: DateOrder, year: number): Parsed {
  if (numberFormat === '@') return { v: text };
  // Most text starts with a letter; only T/F can begin a value Excel converts (TRUE, FALSE).
  if (startsPlain(text)) return { v: text };
  if (text.startsWith("'")) return { v: text.slice(1), quotePrefix: true };
  if (text.startsWith('=') && text.length > 1) return { f: text };
  const t = text.trim();
  if (NUMBER.test(t)) return { v: Number(t) };
  const pct = t.match(PERCENT);
  if (pct) return { v: Number(pct[1]) / 100 };
  const date = parseDate(t, order, year);
  if (date !== null) return { v: date };
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === 'true' };
  if (/^[+-]/.test(t) && t.length > 1) return { f: `=${t}`, v: '#NAME?' };
  return { v: text };
}

function startsPlain(text: string): boolean {
  const c = text.charCodeAt(0);
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0;
  return letter && c !== 0x54 && c !== 0x74 && c !== 0x46 && c !== 0x66;
}

/** "1/2/2026", "1/2" (this year) in the workbook's order, or ISO "2026-01-02": a date serial, else null. */
export function parseDate(t: string, order: DateOrder, year: number): number | null {
  let m = t.match(/^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const y = m[3] ? Number(m[3]) : year;
    return order === 'mdy' ? dateSerial(y, a, b) : dateSerial(y, b, a);
  }
  m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (m) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

export function dateSerial(y: number, m: number, d: number): number | null {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000 + 25569;
}

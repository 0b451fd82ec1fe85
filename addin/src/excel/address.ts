/**
 * A1 addresses, 0-based indexes. Pure helpers shared by the adapter and the
 * fake workbook; nothing here talks to Excel.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Box {
  /** First row, 0-based. */
  r0: number;
  c0: number;
  /** Last row (inclusive), 0-based. */
  r1: number;
  c1: number;
}

/** 0 → "A", 26 → "AA". */
export function colLetter(c: number): string {
  let s = '';
  for (let x = c + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** "A" → 0, "AA" → 26. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(r: number, c: number): string {
  return `${colLetter(c)}${r + 1}`;
}

/** "B2:D9", or "B2" for one cell. */
export function boxAddress(b: Box): string {
  const a = cellAddress(b.r0, b.c0);
  return b.r0 === b.r1 && b.c0 === b.c1 ? a : `${a}:${cellAddress(b.r1, b.c1)}`;
}

/** A sheet name as an address prefix: 'Nhiệm vụ'. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export interface ParsedAddress extends Box {
  sheet?: string;
}

/**
 * "A1", "A1:C3", "A:C", "2:5", "'Nhiệm vụ'!B2:C9" → a box. Whole columns
 * and rows span the sheet. Throws on anything else.
 */
export function parseAddress(address: string): ParsedAddress {
  let sheet: string | undefined;
  let ref = address.trim();
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const parts = ref.replace(/\$/g, '').toUpperCase().split(':');
  if (parts.length < 1 || parts.length > 2) throw new Error(`bad address ${address}`);
  const first = parts[0]!;
  const last = parts[1] ?? first;
  const cell = /^([A-Z]+)(\d+)$/;
  const col = /^([A-Z]+)$/;
  const row = /^(\d+)$/;
  let box: Box;
  const a = first.match(cell);
  const b = last.match(cell);
  if (a && b) {
    box = { r0: Number(a[2]) - 1, c0: colIndex(a[1]!), r1: Number(b[2]) - 1, c1: colIndex(b[1]!) };
  } else if (col.test(first) && col.test(last)) {
    box = { r0: 0, c0: colIndex(first), r1: MAX_ROWS - 1, c1: colIndex(last) };
  } else if (row.test(first) && row.test(last)) {
    box = { r0: Number(first) - 1, c0: 0, r1: Number(last) - 1, c1: MAX_COLS - 1 };
  } else {
    throw new Error(`bad address ${address}`);
  }
  const norm: ParsedAddress = {
    r0: Math.min(box.r0, box.r1),
    r1: Math.max(box.r0, box.r1),
    c0: Math.min(box.c0, box.c1),
    c1: Math.max(box.c0, box.c1),
  };
  if (norm.r0 < 0 || norm.c0 < 0 || norm.r1 >= MAX_ROWS || norm.c1 >= MAX_COLS) throw new Error(`bad address ${address}`);
  if (sheet !== undefined) norm.sheet = sheet;
  return norm;
}

/** Excel's date serial (1900 system; 1 = 1900-01-01, with the phantom 29 Feb 1900) ↔ ISO date. */
export function serialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoToSerial(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
}

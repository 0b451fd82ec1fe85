import { u16, u32 } from './container.js';
import type { Span } from './fib.js';

/**
 * The piece table (MS-DOC 2.9.38 Clx): the document's characters are pieces
 * of `WordDocument`, each 8-bit (Windows-1252, "compressed") or UTF-16. In:
 * the streams and the Clx span; out: the text of characters [0, cpEnd) and,
 * for each character, its file position (FC), which the formatting pages
 * are indexed by.
 */
export interface Text {
  text: string;
  /** File position of character `cp`. */
  fcOf(cp: number): number;
}

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

const MAX_GAP = 1 << 20;

/** Windows-1252 0x80–0x9F, for compressed pieces (the rest of the byte range is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function readPieces(word: Uint8Array, table: Uint8Array, clx: Span): Piece[] {
  let at = clx.fc;
  const end = clx.fc + clx.lcb;
  while (at < end) {
    const kind = table[at];
    if (kind === 0x01) {
      // Prc: property modifiers for pieces; not needed for the text.
      at += 3 + u16(table, at + 1);
    } else if (kind === 0x02) {
      const lcb = u32(table, at + 1);
      const plc = at + 5;
      const n = Math.floor((lcb - 4) / 12);
      const pieces: Piece[] = [];
      for (let i = 0; i < n; i++) {
        const raw = u32(table, plc + (n + 1) * 4 + i * 8 + 2);
        const compressed = (raw & 0x40000000) !== 0;
        const fc = raw & 0x3fffffff;
        pieces.push({ cpStart: u32(table, plc + i * 4), cpEnd: u32(table, plc + (i + 1) * 4), fc: compressed ? fc / 2 : fc, compressed });
      }
      // Pieces in order of their characters, none overlapping: what a damaged table says otherwise is dropped.
      let last = 0;
      return pieces.filter((p) => {
        const ok = p.cpStart >= last && p.cpEnd > p.cpStart && p.fc + (p.cpEnd - p.cpStart) * (p.compressed ? 1 : 2) <= word.length;
        if (ok) last = p.cpEnd;
        return ok;
      });
    } else {
      throw new RangeError('bad Clx');
    }
  }
  throw new RangeError('no piece table');
}

export function readText(word: Uint8Array, pieces: readonly Piece[], cpEnd: number): Text {
  const parts: string[] = [];
  const used: Piece[] = [];
  let cursor = 0;
  for (const p of pieces) {
    if (p.cpStart >= cpEnd) break;
    // Text positions are character positions: a gap between pieces (a damaged table) is filled with spaces.
    if (p.cpStart > cursor) {
      if (p.cpStart - cursor > MAX_GAP) break;
      parts.push(' '.repeat(p.cpStart - cursor));
    }
    cursor = Math.min(p.cpEnd, cpEnd);
    const count = Math.min(p.cpEnd, cpEnd) - p.cpStart;
    let s = '';
    for (let i = 0; i < count; i++) {
      if (p.compressed) {
        const b = word[p.fc + i]!;
        s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
      } else {
        s += String.fromCharCode(word[p.fc + i * 2]! | (word[p.fc + i * 2 + 1]! << 8));
      }
    }
    parts.push(s);
    used.push(p);
  }
  return {
    text: parts.join(''),
    fcOf: (cp) => {
      // Binary search: a damaged file may claim many pieces, and this runs per character.
      let lo = 0;
      let hi = used.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const p = used[mid]!;
        if (cp < p.cpStart) hi = mid - 1;
        else if (cp >= p.cpEnd) lo = mid + 1;
        else return p.fc + (cp - p.cpStart) * (p.compressed ? 1 : 2);
      }
      return -1;
    },
  };
}

import { u16, u32 } from './container.js';
import type { Span } from './fib.js';
import { spanAt } from './spans.js';

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
      // Pieces in order of their characters, none overlapping in characters or in file bytes (a hostile table
      // could point many pieces at the same bytes and make a text far larger than the file).
      let last = 0;
      const inOrder = pieces.filter((p) => {
        const ok = p.cpStart >= last && p.cpEnd > p.cpStart && p.fc + bytesOf(p) <= word.length;
        if (ok) last = p.cpEnd;
        return ok;
      });
      const byFile = [...inOrder].sort((a, b) => a.fc - b.fc);
      const overlapping = new Set<Piece>();
      let end = -1;
      for (const p of byFile) {
        if (p.fc < end) overlapping.add(p);
        else end = p.fc + bytesOf(p);
      }
      return inOrder.filter((p) => !overlapping.has(p));
    } else {
      throw new RangeError('bad Clx');
    }
  }
  throw new RangeError('no piece table');
}

function bytesOf(p: Piece): number {
  return (p.cpEnd - p.cpStart) * (p.compressed ? 1 : 2);
}

export function readText(word: Uint8Array, pieces: readonly Piece[], cpEnd: number): Text {
  const parts: string[] = [];
  const used: Piece[] = [];
  let cursor = 0;
  // Characters never outnumber the stream's bytes once pieces do not overlap; gaps are bounded the same way.
  let budget = word.length;
  const utf16 = new TextDecoder('utf-16le');
  for (const p of pieces) {
    if (p.cpStart >= cpEnd) break;
    // Text positions are character positions: a gap between pieces (a damaged table) is filled with spaces.
    if (p.cpStart > cursor) {
      const gap = p.cpStart - cursor;
      if (gap > MAX_GAP || gap > budget) break;
      parts.push(' '.repeat(gap));
      budget -= gap;
    }
    cursor = Math.min(p.cpEnd, cpEnd);
    const count = Math.min(p.cpEnd, cpEnd) - p.cpStart;
    if (count > budget) break;
    budget -= count;
    let s: string;
    if (p.compressed) {
      const chars: string[] = [];
      for (let i = 0; i < count; i++) {
        const b = word[p.fc + i]!;
        chars.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b));
      }
      s = chars.join('');
    } else {
      s = utf16.decode(word.subarray(p.fc, p.fc + count * 2));
    }
    parts.push(s);
    used.push(p);
  }
  return {
    text: parts.join(''),
    fcOf: (cp) => {
      const p = spanAt(used, cp, (x) => x.cpStart, (x) => x.cpEnd);
      return p ? p.fc + (cp - p.cpStart) * (p.compressed ? 1 : 2) : -1;
    },
  };
}

/**
 * An XML part's UTF-8 bytes decoded as pieces the XML scanner reads in turn.
 *
 * In: the part's bytes (UTF-8, a BOM allowed). Out: an XmlSource: the text as
 * one string, or cut before tags into pieces of at most PIECE_BYTES bytes.
 *
 * Why: V8 puts a string past 128 kB (64k characters once any is beyond
 * Latin-1, as Vietnamese text is) in its large-object space, with a memory
 * mapping of its own; making one took 0.6 ms where a string half its size
 * took 0.03. A plan's document part is often just past that size, and a
 * batch worker reads one per file.
 *
 * A cut is made only where it cannot fall inside a token: before a "<" in a
 * part without comments, CDATA, DOCTYPE or processing instructions past the
 * XML declaration (the only places a "<" may stand other than at a tag). A
 * part with any of them, or with a run of text longer than a piece, is
 * decoded whole, as before. "<" is ASCII, never part of a multi-byte
 * sequence, so each piece decodes as that stretch of the whole does.
 */
import { decodeUtf8 } from './zip-read.js';
import type { XmlSource } from './xml-scan.js';

/** Most bytes of one piece: at most as many characters, 120 kB as UTF-16. */
export const PIECE_BYTES = 60_000;

const LT = 0x3c;
const BANG = 0x21;
const QUESTION = 0x3f;
const GT = 0x3e;

export function decodeXmlPieces(bytes: Uint8Array, pieceBytes = PIECE_BYTES): XmlSource {
  const n = bytes.length;
  if (n <= pieceBytes || !cuttable(bytes)) return decodeUtf8(bytes);
  const pieces: string[] = [];
  let start = 0;
  while (n - start > pieceBytes) {
    let cut = start + pieceBytes;
    while (cut > start && bytes[cut] !== LT) cut--;
    if (cut === start) return decodeUtf8(bytes);
    pieces.push(decodeUtf8(bytes.subarray(start, cut)));
    start = cut;
  }
  pieces.push(decodeUtf8(bytes.subarray(start)));
  return pieces;
}

/**
 * Whether every "<" past the XML declaration starts a start or end tag (a malformed one included):
 * no "<!" anywhere, no "<?" but the first markup, and no "<" inside that first one. Searched by the
 * rarer second byte, natively.
 */
function cuttable(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(BANG); i >= 0; i = bytes.indexOf(BANG, i + 1)) if (bytes[i - 1] === LT) return false;
  const firstLt = bytes.indexOf(LT);
  for (let i = bytes.indexOf(QUESTION); i >= 0; i = bytes.indexOf(QUESTION, i + 1)) if (bytes[i - 1] === LT && i - 1 !== firstLt) return false;
  if (bytes[firstLt + 1] === QUESTION) {
    let close = bytes.indexOf(QUESTION, firstLt + 2);
    while (close >= 0 && bytes[close + 1] !== GT) close = bytes.indexOf(QUESTION, close + 1);
    if (close < 0) return false;
    const inner = bytes.indexOf(LT, firstLt + 1);
    if (inner >= 0 && inner < close) return false;
  }
  return true;
}

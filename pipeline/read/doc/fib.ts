import { u16, u32 } from './container.js';

/**
 * The File Information Block at the start of `WordDocument` (MS-DOC 2.5):
 * how long the main text is, and where in the table stream the piece table
 * and the paragraph and character property indexes are.
 */
export interface Fib {
  /** Characters of the main document (the body; footnotes and headers follow it). */
  ccpText: number;
  /** Characters of text boxes (a story of their own, not read: a stamp such as "DỰ THẢO" in a box). */
  ccpTxbx: number;
  clx: Span;
  papx: Span;
  chpx: Span;
  plfLst: Span;
  plfLfo: Span;
  fonts: Span;
}

export interface Span {
  fc: number;
  lcb: number;
}

/** Pairs of FibRgFcLcb97 by index. */
const FC_LCB = { chpx: 12, papx: 13, fonts: 15, clx: 33, plfLst: 73, plfLfo: 74 } as const;

export function readFib(word: Uint8Array): Fib {
  let at = 32;
  const csw = u16(word, at);
  at += 2 + csw * 2;
  const cslw = u16(word, at);
  const rgLw = at + 2;
  at = rgLw + cslw * 4;
  const cbRgFcLcb = u16(word, at);
  const blob = at + 2;
  const pair = (i: number): Span => (i < cbRgFcLcb ? { fc: u32(word, blob + i * 8), lcb: u32(word, blob + i * 8 + 4) } : { fc: 0, lcb: 0 });
  return {
    ccpText: u32(word, rgLw + 3 * 4),
    ccpTxbx: u32(word, rgLw + 9 * 4),
    clx: pair(FC_LCB.clx),
    papx: pair(FC_LCB.papx),
    chpx: pair(FC_LCB.chpx),
    plfLst: pair(FC_LCB.plfLst),
    plfLfo: pair(FC_LCB.plfLfo),
    fonts: pair(FC_LCB.fonts),
  };
}

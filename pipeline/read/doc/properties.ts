import { i16, u16, u32 } from './container.js';
import type { Span } from './fib.js';
import { sprms } from './sprms.js';
import { spanAt } from './spans.js';

/**
 * Paragraph and character properties by file position, from the formatting
 * pages (MS-DOC 2.9.176 PapxFkp, 2.9.33 ChpxFkp) that the table stream's
 * PlcBtePapx / PlcBteChpx index. Only what the reader needs: whether a
 * paragraph sits in a table, ends a table row (and then the row's cell
 * boundaries, merges and header flag), and whether characters are bold.
 */
export interface ParaProps {
  inTable: boolean;
  /** The paragraph mark ends a table row (TTP). */
  rowEnd: boolean;
  /** Nesting depth (1 = a top-level table); 0 outside tables. */
  depth: number;
  /** A row end of a nested table, or a cell end inside one. */
  innerRowEnd: boolean;
  innerCell: boolean;
  row: RowDef | null;
  /** List instance (1-based; 0 = none) and level of a numbered or bulleted paragraph. */
  ilfo: number;
  ilvl: number;
}

export interface RowDef {
  /** Cell boundaries in twips: n + 1 of them for n cells. */
  edges: number[];
  /** Per cell: continues a vertical merge from the row above. */
  vMergeContinue: boolean[];
  /** Per cell: merged into the cell to its left (old-style horizontal merge). */
  hMergeContinue: boolean[];
  header: boolean;
  /** Space left before the first cell or after the last (Word's gridBefore / gridAfter): an empty cell there. */
  before?: boolean;
  after?: boolean;
}

interface Run<T> {
  fcStart: number;
  fcEnd: number;
  value: T;
}

const NO_PARA: ParaProps = { inTable: false, rowEnd: false, depth: 0, innerRowEnd: false, innerCell: false, row: null, ilfo: 0, ilvl: 0 };

export class Properties {
  private readonly paras: Array<Run<ParaProps>>;
  private readonly chars: Array<Run<CharProps>>;

  constructor(word: Uint8Array, table: Uint8Array, data: Uint8Array, papx: Span, chpx: Span) {
    this.paras = runs(word, table, papx, (start, end) => paraProps(word, start, end, data), 'papx', NO_PARA);
    this.chars = runs(word, table, chpx, (start, end) => charProps(word, start, end), 'chpx', NO_CHAR);
  }

  paraAt(fc: number): ParaProps {
    return find(this.paras, fc) ?? NO_PARA;
  }

  boldAt(fc: number): boolean {
    return (find(this.chars, fc) ?? NO_CHAR).bold;
  }

  /** Index in the font table of the run's Latin font; -1 when the run does not say (the style's font). */
  fontAt(fc: number): number {
    return (find(this.chars, fc) ?? NO_CHAR).font;
  }
}

function find<T>(list: ReadonlyArray<Run<T>>, fc: number): T | undefined {
  return spanAt(list, fc, (r) => r.fcStart, (r) => r.fcEnd)?.value;
}

/** Every run of every formatting page the index lists, sorted by position. */
function runs<T>(
  word: Uint8Array,
  table: Uint8Array,
  bte: Span,
  valueOf: (grpprlStart: number, grpprlEnd: number) => T,
  kind: 'papx' | 'chpx',
  none: T,
): Array<Run<T>> {
  if (bte.lcb < 12) return [];
  const n = (bte.lcb - 4) / 8;
  const out: Array<Run<T>> = [];
  // A page named twice adds nothing (a hostile index could name one page a million times).
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const pn = u32(table, bte.fc + (n + 1) * 4 + i * 4) & 0x3fffff;
    if (seen.has(pn)) continue;
    seen.add(pn);
    const page = pn * 512;
    if (page + 512 > word.length) continue;
    const crun = word[page + 511]!;
    for (let k = 0; k < crun; k++) {
      const fcStart = u32(word, page + k * 4);
      const fcEnd = u32(word, page + (k + 1) * 4);
      let value = none;
      if (kind === 'papx') {
        const bOffset = word[page + (crun + 1) * 4 + k * 13]!;
        if (bOffset !== 0) {
          const at = page + bOffset * 2;
          const cb = word[at]!;
          // PapxInFkp: a size byte (or a zero and then the size), then istd (2 bytes) and the sprms.
          const [start, len] = cb === 0 ? [at + 2, word[at + 1]! * 2] : [at + 1, cb * 2 - 1];
          value = valueOf(start + 2, Math.min(start + len, page + 511));
        }
      } else {
        const b = word[page + (crun + 1) * 4 + k]!;
        if (b !== 0) {
          const at = page + b * 2;
          value = valueOf(at + 1, Math.min(at + 1 + word[at]!, page + 511));
        }
      }
      out.push({ fcStart, fcEnd, value });
    }
  }
  return out.sort((a, b) => a.fcStart - b.fcStart);
}

const S = {
  inTable: 0x2416,
  ttp: 0x2417,
  itap: 0x6649,
  innerCell: 0x244b,
  innerTtp: 0x244c,
  defTable: 0xd608,
  tableHeader: 0x3404,
  widthBefore: 0xf617,
  widthAfter: 0xf618,
  ilfo: 0x460b,
  ilvl: 0x260a,
  hugePapx: 0x6646,
  bold: 0x0835,
  /** sprmCRgFtc0: the font of ASCII text. */
  font: 0x4a4f,
} as const;

function paraProps(b: Uint8Array, start: number, end: number, data: Uint8Array | null): ParaProps {
  const p: ParaProps = { ...NO_PARA };
  for (const s of sprms(b, start, end)) {
    if (s.code === S.hugePapx) {
      // The properties did not fit the page: they are in the Data stream, a 16-bit size then the sprms.
      // Followed from a page only (data is null inside the Data stream): one pointing on would loop.
      const at = u32(b, s.at);
      if (data && at + 2 <= data.length) Object.assign(p, paraProps(data, at + 2, Math.min(data.length, at + 2 + u16(data, at)), null));
      continue;
    }
    if (s.code === S.inTable) p.inTable = b[s.at] !== 0;
    else if (s.code === S.ttp) p.rowEnd = b[s.at] !== 0;
    else if (s.code === S.itap) p.depth = u32(b, s.at);
    else if (s.code === S.innerCell) p.innerCell = b[s.at] !== 0;
    else if (s.code === S.innerTtp) p.innerRowEnd = b[s.at] !== 0;
    else if (s.code === S.defTable) p.row = { header: false, ...p.row, ...rowDef(b, s.at, s.size) };
    else if (s.code === S.ilfo) p.ilfo = i16(b, s.at);
    else if (s.code === S.ilvl) p.ilvl = Math.min(b[s.at]!, 8);
    else if (s.code === S.widthBefore || s.code === S.widthAfter) {
      // FtsWWidth_TablePart: a unit byte, then the width; a width of zero is no space.
      if (u16(b, s.at + 1) > 0) p.row = { ...(p.row ?? { edges: [], vMergeContinue: [], hMergeContinue: [], header: false }), [s.code === S.widthBefore ? 'before' : 'after']: true };
    } else if (s.code === S.tableHeader) p.row = { ...(p.row ?? { edges: [], vMergeContinue: [], hMergeContinue: [] }), header: b[s.at] !== 0 };
  }
  if (p.inTable && p.depth === 0) p.depth = 1;
  return p;
}

/** TDefTableOperand: cb (2), cell count (1), the n + 1 edges, then a 20-byte TC80 per cell (as many as fit). */
function rowDef(b: Uint8Array, at: number, size: number): Omit<RowDef, 'header'> {
  const end = at + size;
  const n = b[at + 2] ?? 0;
  const edges: number[] = [];
  for (let i = 0; i <= n && at + 3 + i * 2 + 2 <= end; i++) edges.push(i16(b, at + 3 + i * 2));
  const vMergeContinue: boolean[] = [];
  const hMergeContinue: boolean[] = [];
  const tcs = at + 3 + (n + 1) * 2;
  for (let i = 0; i < n; i++) {
    const tc = tcs + i * 20;
    if (tc + 2 > end) break;
    const grf = u16(b, tc);
    // TCGRF: horzMerge in bits 0–1 (2 = merged into the previous cell), vertMerge in bits 5–6 (1 = continues, 3 = starts).
    hMergeContinue.push((grf & 0x3) === 2);
    vMergeContinue.push(((grf >> 5) & 0x3) === 1);
  }
  return { edges, vMergeContinue, hMergeContinue };
}

interface CharProps {
  bold: boolean;
  font: number;
}

const NO_CHAR: CharProps = { bold: false, font: -1 };

function charProps(b: Uint8Array, start: number, end: number): CharProps {
  const c = { ...NO_CHAR };
  for (const s of sprms(b, start, end)) {
    if (s.code === S.bold) c.bold = b[s.at] === 1 || b[s.at] === 0x81;
    else if (s.code === S.font) c.font = u16(b, s.at);
  }
  return c;
}

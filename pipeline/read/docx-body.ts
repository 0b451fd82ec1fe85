import type { Block, Paragraph, Table, TableCell, TableRow } from '../model/doc.js';
import { repairFontText, type LegacyFont } from './legacy.js';
import { child, isEl, isOn, intVal, unwrapped, type El } from './docx-tree.js';
import type { Formatting } from './docx-format.js';
import { fileTooLarge as tooLarge } from '../model/errors.js';
import type { DocxLimits } from './docx.js';

/**
 * The body of a .docx (its pruned tree) → blocks: paragraphs split at line
 * breaks, tables by grid position, pages, list labels (see docx.ts for the
 * rules).
 */

interface Ctx {
  /** Paragraphs seen so far (the last paragraph's index). */
  line: number;
  page: number;
  /** Count pages by w:lastRenderedPageBreak (else by explicit breaks). */
  rendered: boolean;
  /** Whether anything has been read yet (a "page break before" on the first paragraph adds no page). */
  started: boolean;
  fmt: Formatting;
  /** Table cells made so far, against the limit. */
  cells: number;
  file: string;
  lim: DocxLimits;
}

/** A paragraph or table read from a container (the body, a cell, a text box). */
type Item =
  | { kind: 'para'; text: string; bold: boolean; line: number; page: number; lines: Array<{ text: string; page: number }> }
  | { kind: 'table'; table: Table; nested: Table[]; text: string };

/** `rendered`: count pages by Word's w:lastRenderedPageBreak marks (the body has some). */
export function readBody(root: El, rendered: boolean, fmt: Formatting, file: string, lim: DocxLimits): Block[] {
  const body = child(root, 'body');
  if (!body) return [];
  const ctx: Ctx = { line: 0, page: 1, rendered, started: false, fmt, cells: 0, file, lim };
  const blocks: Block[] = [];
  for (const item of readItems(body, ctx)) {
    if (item.kind === 'para') {
      for (const { text, page } of item.lines) {
        const p: Paragraph = { kind: 'para', text, line: item.line, page };
        if (item.bold) p.bold = true;
        blocks.push(p);
      }
    } else {
      blocks.push(item.table, ...item.nested);
    }
  }
  return blocks;
}

function readItems(container: El, ctx: Ctx): Item[] {
  const items: Item[] = [];
  const els = unwrapped(container);
  for (let i = 0; i < els.length; i++) {
    const el = els[i]!;
    if (el.tag === 'p') readParagraph(el, ctx, items);
    else if (el.tag === 'tbl') {
      const t = readTable(el, ctx);
      if (t) items.push(t);
    }
  }
  return items;
}

interface ParaAcc {
  text: string;
  /** Runs with visible text, and whether all of them are bold. */
  any: boolean;
  allBold: boolean;
  /** Page where the first visible text of each line (between line breaks) sits. */
  linePages: Array<number | null>;
  /** Text boxes anchored in the paragraph, read after it. */
  floating: Item[];
  pStyle: string | null;
}

function readParagraph(p: El, ctx: Ctx, out: Item[]): void {
  const line = ++ctx.line;
  const pPr = child(p, 'pPr');
  if (!ctx.rendered && ctx.started && isOn(pPr && child(pPr, 'pageBreakBefore'))) ctx.page++;
  ctx.started = true;
  const startPage = ctx.page;
  const label = ctx.fmt.label(pPr);
  const pStyle = ctx.fmt.paragraphStyle(pPr);
  const acc: ParaAcc = { text: '', any: false, allBold: true, linePages: [null], floating: [], pStyle };
  readInline(p, acc, ctx, false);
  // A section break that starts a new page ends this paragraph's page.
  const sect = pPr && child(pPr, 'sectPr');
  if (sect && !ctx.rendered) {
    const type = child(sect, 'type')?.attrs['val'] ?? 'nextPage';
    if (type !== 'continuous' && type !== 'nextColumn') ctx.page++;
  }
  const lines = paragraphLines(acc.text, acc.linePages, startPage);
  // A list number shows even on an empty paragraph (an auto-numbered TT cell); a lone bullet is nothing.
  if (label && (lines.length > 0 || !label.bullet)) {
    const first = lines[0];
    if (first) first.text = nfc(label.text + first.text).trim();
    else lines.push({ text: nfc(label.text).trim(), page: startPage });
  }
  const text = lines.length === 1 ? lines[0]!.text : lines.map((l) => l.text).join('\n');
  out.push({ kind: 'para', text, bold: acc.any && acc.allBold, line, page: lines[0]?.page ?? startPage, lines });
  for (let i = 0; i < acc.floating.length; i++) out.push(acc.floating[i]!);
}

/** The text split at line breaks, NFC, trimmed, empty lines dropped; each line on the page where its text starts. */
function paragraphLines(all: string, linePages: Array<number | null>, startPage: number): Array<{ text: string; page: number }> {
  if (all.indexOf('\n') < 0) {
    // One line (most paragraphs): arrays of the exact size.
    const text = nfc(all).trim();
    return text ? [{ text: detached(text), page: linePages[0] ?? startPage }] : [];
  }
  const lines: Array<{ text: string; page: number }> = [];
  let page = startPage;
  let from = 0;
  for (let i = 0; ; i++) {
    const nl = all.indexOf('\n', from);
    const raw = nl < 0 ? (from === 0 ? all : all.slice(from)) : all.slice(from, nl);
    page = linePages[i] ?? page;
    const text = nfc(raw).trim();
    if (text) lines.push({ text: detached(text), page });
    if (nl < 0) return lines;
    from = nl + 1;
  }
}

/**
 * A copy of `s` that does not point into the part's XML. The scanner hands out
 * text as slices of document.xml (no copy); kept as it is, one short paragraph
 * held in a cache that lives across documents (normalise/, find/) would keep
 * that whole document in memory, and a long batch would run out of it.
 * (V8 flattens the joined string into a new one and slices that.)
 */
function detached(s: string): string {
  return (` ${s}`).slice(1);
}

/**
 * Characters that never change under NFC, in any order: below U+0300 (no
 * combining marks), Latin Extended Additional (Vietnamese precomposed
 * letters), general punctuation but the two quads that NFC maps to spaces.
 */
const SURELY_NFC = /^[\u0000-\u02ff\u1e00-\u1eff\u2002-\u206f]*$/;

/** `s` in NFC; the normaliser is skipped for text that cannot change (most text, Vietnamese included). */
function nfc(s: string): string {
  return SURELY_NFC.test(s) ? s : s.normalize('NFC');
}

/** Paragraph content: runs and what wraps them. */
function readInline(el: El, acc: ParaAcc, ctx: Ctx, bold: boolean, legacy: LegacyFont | null = null): void {
  const els = unwrapped(el);
  for (let i = 0; i < els.length; i++) {
    const k = els[i]!;
    switch (k.tag) {
      case 'r': {
        const rPr = child(k, 'rPr');
        if (isOn(rPr && child(rPr, 'vanish'))) {
          // Hidden text: not shown, not read; its page marks still count.
          readInline(k, { ...acc, text: '', linePages: [null], floating: [] }, ctx, false);
        } else {
          readInline(k, acc, ctx, ctx.fmt.runBold(rPr, acc.pStyle), ctx.fmt.runLegacy(rPr, acc.pStyle));
        }
        break;
      }
      case 't': {
        const kids = k.kids;
        const raw =
          kids.length === 1 && typeof kids[0] === 'string'
            ? kids[0]
            : kids.filter((x): x is string => typeof x === 'string').join('');
        const s = legacy ? repairFontText(raw, legacy) : raw;
        if (s.trim() !== '') {
          acc.any = true;
          if (!bold) acc.allBold = false;
          const last = acc.linePages.length - 1;
          acc.linePages[last] ??= ctx.page;
        }
        acc.text += s;
        break;
      }
      case 'tab':
      case 'ptab':
        acc.text += ' ';
        break;
      case 'noBreakHyphen':
        acc.text += '-';
        break;
      case 'br':
        if (k.attrs['type'] === 'page' && !ctx.rendered) ctx.page++;
        acc.text += '\n';
        acc.linePages.push(null);
        break;
      case 'cr':
        acc.text += '\n';
        acc.linePages.push(null);
        break;
      case 'lastRenderedPageBreak':
        if (ctx.rendered) ctx.page++;
        break;
      case 'txbxContent':
        acc.floating.push(...readItems(k, ctx));
        break;
      case 'p':
      case 'tbl':
        // Not valid inside a paragraph, but read rather than lose it.
        acc.floating.push(...readItems({ tag: 'txbxContent', attrs: {}, kids: [k] }, ctx));
        break;
      case 'pPr':
      case 'rPr':
        break;
      default:
        // Drawings, pictures, objects, ruby: look inside for text boxes and text.
        readInline(k, acc, ctx, bold, legacy);
    }
  }
}

// ---- tables ------------------------------------------------------------------

interface GridCell {
  cell: TableCell;
  /** Text of the cell covering this grid column (for vMerge fill-down). */
  owner: string;
}

function readTable(tbl: El, ctx: Ctx): Item | null {
  const grid = child(tbl, 'tblGrid');
  const gridWidth = grid ? grid.kids.filter((k) => isEl(k) && k.tag === 'gridCol').length : 0;
  const rows: TableRow[] = [];
  const nested: Table[] = [];
  const texts: string[] = [];
  let above: GridCell[] = [];

  const trs = unwrapped(tbl);
  for (let r = 0; r < trs.length; r++) {
    const tr = trs[r]!;
    if (tr.tag !== 'tr') continue;
    const trPr = child(tr, 'trPr');
    if (trPr && child(trPr, 'del')) continue; // a deleted row (tracked change)
    const line = ctx.line + 1;
    const p0 = ctx.page;
    let endPage = p0;
    let rowPage: number | null = null;
    const cells: GridCell[] = [];
    for (let i = 0; i < gridCount(trPr && child(trPr, 'gridBefore'), 0); i++) emptyCell(ctx, cells);
    let lastOwner: GridCell | null = null;

    const tcs = unwrapped(tr);
    for (let c = 0; c < tcs.length; c++) {
      const tc = tcs[c]!;
      if (tc.tag !== 'tc') continue;
      const tcPr = child(tc, 'tcPr');
      if (tcPr && child(tcPr, 'cellDel')) continue;
      const span = Math.max(1, gridCount(tcPr && child(tcPr, 'gridSpan'), 1));
      const vMerge = tcPr && child(tcPr, 'vMerge');
      const hMerge = tcPr && child(tcPr, 'hMerge');

      // Every cell of a row starts on the row's page; a row split over pages ends on the furthest one.
      ctx.page = p0;
      const items = readItems(tc, ctx);
      endPage = Math.max(endPage, ctx.page);
      const own = cellText(items);
      if (rowPage === null) {
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          if (it.kind === 'para' && it.text !== '') {
            rowPage = it.page;
            break;
          }
        }
      }
      for (let i = 0; i < items.length; i++) {
        const it = items[i]!;
        if (it.kind === 'table') nested.push(it.table, ...it.nested);
      }

      const col = cells.length;
      if (hMerge && (hMerge.attrs['val'] ?? 'continue') !== 'restart' && lastOwner) {
        // Old-style horizontal merge: this cell widens the one before it.
        lastOwner.cell.span = (lastOwner.cell.span ?? 1) + span;
        if (own) lastOwner.cell.text = lastOwner.cell.text ? `${lastOwner.cell.text}\n${own}` : own;
        spend(ctx, span);
        for (let i = 0; i < span; i++) cells.push({ cell: { text: '' }, owner: lastOwner.cell.text });
        continue;
      }
      const cell: TableCell = { text: own };
      if (vMerge && (vMerge.attrs['val'] ?? 'continue') !== 'restart') {
        const up = above[col];
        if (up) {
          cell.text = own && own !== up.owner ? (up.owner ? `${up.owner}\n${own}` : own) : up.owner;
          cell.merged = true;
        }
      }
      if (span > 1) cell.span = span;
      const gc: GridCell = { cell, owner: cell.text };
      spend(ctx, span);
      cells.push(gc);
      for (let i = 1; i < span; i++) cells.push({ cell: { text: '' }, owner: cell.text });
      lastOwner = gc;
    }
    for (let i = 0; i < gridCount(trPr && child(trPr, 'gridAfter'), 0); i++) emptyCell(ctx, cells);
    // A cell widened by hMerge may have taken more text after its covered columns were pushed.
    fixOwners(cells);

    ctx.page = endPage;
    const row: TableRow = { cells: cells.map((c) => c.cell), line, page: rowPage ?? p0 };
    if (trPr && isOn(child(trPr, 'tblHeader'))) row.header = true;
    rows.push(row);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!.cell;
      if (cell.text && !cell.merged) texts.push(cell.text);
    }
    above = cells;
  }
  if (rows.length === 0) return null;

  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), gridWidth);
  for (const r of rows) {
    spend(ctx, Math.max(0, width - r.cells.length));
    while (r.cells.length < width) r.cells.push({ text: '' });
  }
  const first = rows[0]!;
  const table: Table = { kind: 'table', rows, line: first.line, page: first.page };
  return { kind: 'table', table, nested, text: texts.join('\n') };
}

/** Count cells against the limit: a small file must not make a huge grid. */
function spend(ctx: Ctx, n: number): void {
  ctx.cells += n;
  if (ctx.cells > ctx.lim.maxCells) {
    throw tooLarge(
      ctx.file,
      `bảng có hơn ${ctx.lim.maxCells.toLocaleString('vi-VN')} ô`,
      `its tables have more than ${ctx.lim.maxCells.toLocaleString('en-US')} cells`,
    );
  }
}

/** Word tables have at most 63 columns; a larger count in a file is not believed. */
const MAX_GRID = 63;

function gridCount(el: El | undefined, fallback: number): number {
  return Math.min(MAX_GRID, Math.max(0, intVal(el, fallback)));
}

/** Each grid column carries the final text of the cell covering it. */
function fixOwners(cells: GridCell[]): void {
  let owner = '';
  let left = 0;
  for (let i = 0; i < cells.length; i++) {
    const gc = cells[i]!;
    if (left > 0) {
      gc.owner = owner;
      left--;
      continue;
    }
    owner = gc.owner = gc.cell.text;
    left = (gc.cell.span ?? 1) - 1;
  }
}

/** Paragraphs of a cell, and the text of tables nested in it, one per line. */
function cellText(items: Item[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const t = items[i]!.text;
    if (t !== '') out = out === '' ? t : `${out}\n${t}`;
  }
  return out;
}

/** A grid position no cell covers (gridBefore, gridAfter). */
function emptyCell(ctx: Ctx, cells: GridCell[]): void {
  spend(ctx, 1);
  cells.push({ cell: { text: '' }, owner: '' });
}

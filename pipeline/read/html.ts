import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { Block, Doc, Paragraph, Table, TableCell, TableRow } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { detectLegacyEncoding, repairPiece } from './legacy.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/**
 * HTML page → Doc. Legal portals (thuvienphapluat, vanban.chinhphu.vn …) and
 * Word's "Save as Web Page" publish plans this way:
 * - block elements (p, div, headings, li …) give paragraphs; a `br` outside a
 *   table ends a line, and each line is its own paragraph (as in the text
 *   reader, where finders expect one line per paragraph); `li` keeps its
 *   bullet as "- " (or its number in an `ol`); a paragraph whose text is all
 *   bold (b, strong, headings, font-weight) is `bold`;
 * - tables are expanded into a grid by rowspan / colspan: every row has the
 *   grid's width; a colspan cell puts its text in its first column with
 *   `span` and empty cells after; a rowspan cell repeats its text down with
 *   `merged`. Rows of `thead` or made only of `th` are headers. Paragraphs
 *   and `br` inside a cell are separated by "\n". A table nested in a cell
 *   gives its text to the cell and is also emitted as its own Table after
 *   the outer one. A table of a single cell is a layout box: its content is
 *   read as if the table were not there.
 * - script, style, noscript, template, the head and hidden elements are dropped.
 * `line` numbers blocks in reading order (1-based) the way lines number them in
 * the text forms, which finders read: a paragraph or `br` line, and each table
 * row, takes the next number, and a block element's edge counts as a blank
 * line (one number skipped), so finders see paragraphs apart and the lines of
 * one paragraph (split by `br`) together. A table's line is its first row's.
 */
export function readHtml(file: string, text: string): Doc {
  const document = parse(text);
  const body = findBody(document);
  if (body) repairLegacyNodes(body);
  const out = new Emitter();
  if (body) {
    const reader = new FlowReader(out);
    reader.walk(body);
    reader.flush();
  }
  return { file, format: 'html', blocks: out.blocks };
}

// ---- bytes → text ------------------------------------------------------------

/**
 * Bytes of an HTML page → text. The charset comes from a BOM, else from
 * `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`
 * in the first 16 KB; without either, UTF-8, falling back to Windows-1258
 * (what a browser in a Vietnamese locale assumes) when the bytes are not UTF-8.
 */
export function decodeHtml(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) {
    throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = declaredCharset(bytes);
  if (declared) {
    const decoder = decoderFor(declared);
    // A page declaring UTF-16 without a BOM is in fact ASCII-compatible (HTML spec): read it as UTF-8.
    // Windows-1258 writes tones as combining marks: compose them (NFC).
    if (decoder && !decoder.encoding.startsWith('utf-16')) return decoder.decode(bytes).normalize('NFC');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1258').decode(bytes).normalize('NFC');
  }
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/** The charset a `<meta>` in the head declares, read from the raw bytes as Latin-1. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, 16_384));
  for (const m of head.matchAll(/<meta\b([^>]*)>/gi)) {
    const attrs = m[1] ?? '';
    const direct = attrs.match(/\bcharset\s*=\s*["']?\s*([\w.:-]+)/i);
    if (direct) return direct[1]!.toLowerCase();
  }
  return null;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

// ---- tree helpers --------------------------------------------------------------

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

function children(n: Node): Node[] {
  if (isElement(n) && n.tagName === 'template') return [];
  return 'childNodes' in n ? n.childNodes : [];
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function findBody(n: Node): Element | null {
  if (isElement(n) && n.tagName === 'body') return n;
  for (const c of children(n)) {
    const b = findBody(c);
    if (b) return b;
  }
  return null;
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'math']);

/**
 * Text typed in .VnTime / VNI fonts shows as "KÕ ho¹ch": when most of the
 * page reads so, its text nodes are repaired before the soft hyphen ("ư" in
 * TCVN3) is dropped with the other invisible characters.
 */
function repairLegacyNodes(body: Element): void {
  const texts: DefaultTreeAdapterTypes.TextNode[] = [];
  const collect = (n: Node): void => {
    if (n.nodeName === '#text' && 'value' in n) texts.push(n as DefaultTreeAdapterTypes.TextNode);
    else if (!isElement(n) || !SKIPPED.has(n.tagName)) for (const c of children(n)) collect(c);
  };
  collect(body);
  const encoding = detectLegacyEncoding(texts.map((t) => t.value));
  if (encoding) for (const t of texts) t.value = repairPiece(t.value, encoding);
}

function isSkipped(el: Element): boolean {
  if (SKIPPED.has(el.tagName)) return true;
  if (attr(el, 'hidden') !== undefined) return true;
  const style = attr(el, 'style');
  return !!style && /(?:^|;)\s*display\s*:\s*none\b/i.test(style);
}

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul', 'tr', 'td',
  'th', 'option',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Whether an element turns bold on (true), off (false) or leaves it (undefined). */
function boldOf(el: Element): boolean | undefined {
  const style = attr(el, 'style');
  const weight = style?.match(/font-weight\s*:\s*([a-z0-9]+)/i)?.[1]?.toLowerCase();
  if (weight) {
    if (weight === 'bold' || weight === 'bolder' || /^[6-9]00$/.test(weight)) return true;
    if (weight === 'normal' || weight === 'lighter' || /^[1-5]00$/.test(weight)) return false;
  }
  if (el.tagName === 'b' || el.tagName === 'strong' || HEADINGS.has(el.tagName) || el.tagName === 'th') return true;
  return undefined;
}

// ---- text lines ------------------------------------------------------------------

interface Run {
  text: string;
  bold: boolean;
}

interface Line {
  text: string;
  bold: boolean;
  /** A block boundary (not just a `br`) came before this line: a blank line in the text forms. */
  gap?: boolean;
}

/**
 * Inline text gathered into lines: runs of text with their boldness, a line
 * ending at a block boundary or a `br`. Whitespace collapses as a browser
 * shows it (except in `pre`).
 */
class LineBuilder {
  private runs: Run[] = [];
  private prefix: string | null = null;
  private gap = true;
  readonly lines: Line[] = [];

  text(s: string, bold: boolean, pre: boolean): void {
    let t = s.replace(/[\u200b\u00ad\ufeff]/g, '').replace(/\u00a0/g, ' ');
    if (pre) {
      const parts = t.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((p, i) => {
        if (i > 0) this.newline();
        if (p) this.runs.push({ text: p, bold });
      });
      return;
    }
    t = t.replace(/[ \t\n\r\f]+/g, ' ');
    if (t) this.runs.push({ text: t, bold });
  }

  /** A list item's bullet or number, put before the next line that has text. */
  setPrefix(p: string): void {
    this.boundary();
    this.prefix = p;
  }

  /** End the current line at a block element's edge: the next line starts a new paragraph. */
  boundary(): void {
    this.newline();
    this.gap = true;
  }

  /** End the current line (a `br` or a block boundary); an empty line is dropped. */
  newline(): void {
    const text = this.runs
      .map((r) => r.text)
      .join('')
      .replace(/[ \t]+/g, ' ')
      .trim();
    if (text) {
      const inked = this.runs.filter((r) => r.text.trim() !== '');
      const bold = inked.length > 0 && inked.every((r) => r.bold);
      const prefix = this.prefix && !/^[-–—•●▪◦+*]\s/.test(text) ? this.prefix : '';
      this.lines.push({ text: `${prefix}${text}`.normalize('NFC'), bold, gap: this.gap });
      this.prefix = null;
      this.gap = false;
    }
    this.runs = [];
  }

  /** Take the finished lines (and end the current one). */
  take(): Line[] {
    this.newline();
    return this.lines.splice(0);
  }
}

interface Style {
  bold: boolean;
  pre: boolean;
}

/** "1", "a", "A", "i", "I" numbering of an ordered list. */
function listMarker(n: number, type: string): string {
  switch (type) {
    case 'a':
      return letters(n).toLowerCase();
    case 'A':
      return letters(n);
    case 'i':
      return roman(n).toLowerCase();
    case 'I':
      return roman(n);
    default:
      return String(n);
  }
}

function letters(n: number): string {
  let s = '';
  let k = Math.max(1, n);
  while (k > 0) {
    k--;
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26);
  }
  return s;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let k = Math.max(1, Math.min(n, 3999));
  let s = '';
  for (const [v, r] of table) {
    while (k >= v) {
      s += r;
      k -= v;
    }
  }
  return s;
}

/**
 * Walks content into a LineBuilder. `onTable` decides what a table does:
 * in the page flow it becomes a block; inside a cell its text joins the cell.
 */
abstract class Walker {
  protected readonly lines = new LineBuilder();
  private readonly lists: Array<{ ordered: boolean; next: number; type: string }> = [];

  protected abstract onTable(el: Element, style: Style): void;

  walk(node: Node, style: Style = { bold: false, pre: false }): void {
    if (node.nodeName === '#text' && 'value' in node) {
      this.lines.text(node.value, style.bold, style.pre);
      return;
    }
    if (!isElement(node)) {
      for (const c of children(node)) this.walk(c, style);
      return;
    }
    const el = node;
    if (isSkipped(el)) return;
    const tag = el.tagName;
    if (tag === 'br') {
      this.lines.newline();
      return;
    }
    if (tag === 'table') {
      const box = singleCell(el);
      if (box) {
        this.lines.boundary();
        this.walk(box, style);
        this.lines.boundary();
        return;
      }
      this.onTable(el, style);
      return;
    }
    const b = boldOf(el);
    const inner: Style = { bold: b ?? style.bold, pre: style.pre || tag === 'pre' || tag === 'textarea' };
    const block = BLOCKS.has(tag);
    if (block) this.lines.boundary();
    if (tag === 'ul' || tag === 'ol' || tag === 'menu' || tag === 'dir') {
      const start = Number.parseInt(attr(el, 'start') ?? '1', 10);
      this.lists.push({ ordered: tag === 'ol', next: Number.isFinite(start) ? start : 1, type: attr(el, 'type') ?? '1' });
    }
    if (tag === 'li') {
      const list = this.lists[this.lists.length - 1];
      if (list?.ordered) {
        const value = Number.parseInt(attr(el, 'value') ?? '', 10);
        if (Number.isFinite(value)) list.next = value;
        this.lines.setPrefix(`${listMarker(list.next, attr(el, 'type') ?? list.type)}. `);
        list.next++;
      } else {
        this.lines.setPrefix('- ');
      }
    }
    for (const c of children(el)) this.walk(c, inner);
    if (tag === 'ul' || tag === 'ol' || tag === 'menu' || tag === 'dir') this.lists.pop();
    if (block) this.lines.boundary();
  }
}

/** The page body: lines become paragraphs; tables become Table blocks. */
class FlowReader extends Walker {
  constructor(private readonly out: Emitter) {
    super();
  }

  protected onTable(el: Element): void {
    this.flush();
    this.lines.boundary();
    const built = buildTable(el);
    built.caption.forEach((caption, i) => this.out.para(i === 0 ? { ...caption, gap: true } : caption));
    this.out.table(built);
  }

  /** Emit the lines still pending (call after walking the body). */
  flush(): void {
    for (const l of this.lines.take()) this.out.para(l);
  }
}

/** One cell's content: lines joined with "\n"; nested tables give their text and are kept for later. */
class CellReader extends Walker {
  readonly nested: BuiltTable[] = [];

  protected onTable(el: Element): void {
    this.lines.boundary();
    const built = buildTable(el);
    this.nested.push(built);
    for (const l of built.caption) this.lines.lines.push(l);
    for (const row of built.rows) {
      for (const cell of row.cells) {
        if (cell.merged || cell.text === '') continue;
        for (const t of cell.text.split('\n')) this.lines.lines.push({ text: t, bold: false });
      }
    }
    this.lines.boundary();
  }

  text(): string {
    return this.lines
      .take()
      .map((l) => l.text)
      .join('\n');
  }
}

// ---- tables --------------------------------------------------------------------

interface BuiltRow {
  cells: TableCell[];
  header: boolean;
}

interface BuiltTable {
  caption: Line[];
  rows: BuiltRow[];
  /** Tables nested in this table's cells, in reading order. */
  nested: BuiltTable[];
}

interface SourceRow {
  tr: Element;
  /** Index of the row group (thead, tbody, tfoot, or rows directly under the table). */
  group: number;
  inHead: boolean;
}

function tableRows(table: Element): SourceRow[] {
  const rows: SourceRow[] = [];
  let group = 0;
  for (const c of table.childNodes) {
    if (!isElement(c)) continue;
    if (c.tagName === 'tr') rows.push({ tr: c, group, inHead: false });
    else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') {
      group++;
      for (const r of c.childNodes) {
        if (isElement(r) && r.tagName === 'tr') rows.push({ tr: r, group, inHead: c.tagName === 'thead' });
      }
      group++;
    }
  }
  return rows;
}

function rowCells(tr: Element): Element[] {
  return tr.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
}

/** The only cell of a one-cell table (a layout box), or null. */
function singleCell(table: Element): Element | null {
  const rows = tableRows(table);
  if (rows.length !== 1) return null;
  const cells = rowCells(rows[0]!.tr);
  return cells.length === 1 ? cells[0]! : null;
}

function spanAttr(el: Element, name: string, max: number): number {
  const v = Number.parseInt(attr(el, name) ?? '', 10);
  if (!Number.isFinite(v)) return 1;
  if (name === 'rowspan' && v === 0) return 0;
  return Math.max(1, Math.min(v, max));
}

/** Most grid slots one table may fill by spanning; past it a cell covers its own row only. */
export const MAX_SPAN_SLOTS = 1_000_000;

/**
 * How far right a colspan may reach: the widest row's cell count, plus one
 * column for each cell that spans rows (it pushes the cells of the rows below
 * to the right). A colspan past that only makes empty columns: the HTML
 * limit of 1000, in a table of a few thousand rows, is millions of slots.
 */
function tableExtent(source: readonly SourceRow[]): number {
  let widest = 0;
  let spanning = 0;
  for (const row of source) {
    const cells = rowCells(row.tr).filter((td) => !isSkipped(td));
    widest = Math.max(widest, cells.length);
    for (const td of cells) if (spanAttr(td, 'rowspan', 65534) !== 1) spanning++;
  }
  return Math.max(1, widest + spanning);
}

/**
 * The HTML table model: each cell takes the first free column of its row and
 * covers colspan × rowspan slots (rowspan stops at the end of its row group;
 * rowspan="0" runs to it). Slots already taken by an earlier cell stay as they are.
 * Bounds so a hostile table cannot take the memory (see tableExtent,
 * MAX_SPAN_SLOTS): a colspan stops at the table's extent, and once a table
 * has spanned MAX_SPAN_SLOTS slots a further cell spans its own row only.
 */
function buildTable(table: Element): BuiltTable {
  const caption: Line[] = [];
  for (const c of table.childNodes) {
    if (isElement(c) && c.tagName === 'caption' && !isSkipped(c)) {
      const reader = new CellReader();
      reader.walk(c);
      const text = reader.text();
      if (text) caption.push(...text.split('\n').map((t) => ({ text: t, bold: false })));
    }
  }
  const source = tableRows(table);
  const grid: Array<Array<TableCell | undefined>> = source.map(() => []);
  const nested: BuiltTable[] = [];
  // Last row of each row's group, found once (a table of many rows would otherwise walk its group per row).
  const groupEnds: number[] = new Array<number>(source.length);
  for (let r = source.length - 1; r >= 0; r--) {
    groupEnds[r] = r + 1 < source.length && source[r + 1]!.group === source[r]!.group ? groupEnds[r + 1]! : r;
  }
  const extent = tableExtent(source);
  let spanned = 0;
  source.forEach((row, r) => {
    const groupEnd = groupEnds[r]!;
    let col = 0;
    for (const td of rowCells(row.tr)) {
      if (isSkipped(td)) continue;
      const line = grid[r]!;
      while (line[col] !== undefined) col++;
      let colspan = Math.min(spanAttr(td, 'colspan', 1000), Math.max(1, extent - col));
      const rs = spanAttr(td, 'rowspan', 65534);
      let rowspan = rs === 0 ? groupEnd - r + 1 : Math.min(rs, groupEnd - r + 1);
      if (colspan * rowspan > 1) {
        if (spanned + colspan * rowspan > MAX_SPAN_SLOTS) {
          rowspan = 1;
          colspan = Math.min(colspan, Math.max(1, MAX_SPAN_SLOTS - spanned));
        }
        spanned += colspan * rowspan;
      }
      const reader = new CellReader();
      reader.walk(td);
      const text = reader.text();
      nested.push(...reader.nested);
      for (let dr = 0; dr < rowspan; dr++) {
        const target = grid[r + dr]!;
        for (let dc = 0; dc < colspan; dc++) {
          if (target[col + dc] !== undefined) continue;
          const cell: TableCell = { text: dc === 0 ? text : '' };
          if (dc === 0 && colspan > 1) cell.span = colspan;
          if (dr > 0) cell.merged = true;
          target[col + dc] = cell;
        }
      }
      col += colspan;
    }
  });
  const width = grid.reduce((m, line) => Math.max(m, line.length), 0);
  const rows: BuiltRow[] = source.map((row, r) => {
    const line = grid[r]!;
    const cells: TableCell[] = [];
    for (let c = 0; c < width; c++) cells.push(line[c] ?? { text: '' });
    const own = rowCells(row.tr);
    const header = row.inHead || (own.length > 0 && own.every((td) => td.tagName === 'th'));
    return { cells, header };
  });
  return { caption, rows, nested };
}

// ---- output ----------------------------------------------------------------------

/** Blocks in reading order; every paragraph and table row takes the next line number. */
class Emitter {
  readonly blocks: Block[] = [];
  private line = 0;

  para(l: Line): void {
    this.line += l.gap && this.line > 0 ? 2 : 1;
    const p: Paragraph = { kind: 'para', text: l.text, line: this.line };
    if (l.bold) p.bold = true;
    this.blocks.push(p);
  }

  /** The table, then the tables nested in it (each followed by its own nested ones). */
  table(t: BuiltTable): void {
    if (t.rows.length > 0) {
      if (this.line > 0) this.line++; // a table stands apart like a paragraph
      const rows: TableRow[] = t.rows.map((r) => {
        const row: TableRow = { cells: r.cells, line: ++this.line };
        if (r.header) row.header = true;
        return row;
      });
      const table: Table = { kind: 'table', rows, line: rows[0]!.line };
      this.blocks.push(table);
    }
    for (const inner of t.nested) {
      inner.caption.forEach((caption, i) => this.para(i === 0 ? { ...caption, gap: true } : caption));
      this.table(inner);
    }
  }
}

import type { Block, Doc, Paragraph, Table, TableCell, TableRow } from '../model/doc.js';
import { stripMarkdown } from '../normalise/text.js';

/**
 * Plain text → Doc. Recognises the table forms a plan takes as text:
 * - tab-separated rows (copied from Word or a browser);
 * - markdown pipe tables (pandoc, docling, GitHub);
 * - web pages converted to text, each cell on its own lines between lines holding only "|";
 * everything else becomes one paragraph per line, so that finders can see
 * wrapped lines (a PDF's text layer) and decide how to join them.
 * Form feeds count pages.
 */
export function readText(file: string, text: string, format: Doc['format'] = 'txt'): Doc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const pages = pageNumbers(lines);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!.replace(/\f/g, '');
    if (isTabRow(line)) {
      i = readTabTable(lines, i, pages, blocks);
    } else if (isPipeRow(line)) {
      i = readPipeTable(lines, i, pages, blocks);
    } else if (isBar(line) && startsCellTable(lines, i)) {
      i = readCellTable(lines, i, pages, blocks);
    } else {
      if (line.trim() !== '') blocks.push(para(line, i, pages));
      i++;
    }
  }
  return { file, format, blocks };
}

function pageNumbers(lines: string[]): number[] {
  const pages: number[] = [];
  let page = 1;
  for (const l of lines) {
    page += (l.match(/\f/g) ?? []).length;
    pages.push(page);
  }
  return pages;
}

function para(text: string, i: number, pages: number[]): Paragraph {
  const trimmed = text.trim();
  const bold = /^\*\*[^*].*\*\*$/.test(trimmed);
  const p: Paragraph = { kind: 'para', text: trimmed, line: i + 1, page: pages[i] };
  if (bold) p.bold = true;
  return p;
}

// ---- tab-separated ---------------------------------------------------------

function isTabRow(line: string): boolean {
  return line.includes('\t');
}

/** Rows are tab-separated lines; a blank line between two tab rows (a page break) stays inside the table. */
function readTabTable(lines: string[], start: number, pages: number[], out: Block[]): number {
  const rows: TableRow[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!.replace(/\f/g, '');
    if (isTabRow(line)) {
      rows.push({ cells: line.split('\t').map(textCell), line: i + 1, page: pages[i] });
      i++;
      continue;
    }
    if (line.trim() === '') {
      let j = i;
      while (j < lines.length && lines[j]!.replace(/\f/g, '').trim() === '') j++;
      if (j < lines.length && isTabRow(lines[j]!)) {
        i = j;
        continue;
      }
    }
    break;
  }
  out.push(table(rows, start, pages));
  return i;
}

function textCell(s: string): TableCell {
  return { text: s.trim() };
}

function table(rows: TableRow[], start: number, pages: number[]): Table {
  return { kind: 'table', rows, line: start + 1, page: pages[start] };
}

// ---- markdown pipe tables --------------------------------------------------

function isPipeRow(line: string): boolean {
  const t = line.trim();
  return t.startsWith('|') && t.length > 1 && splitPipes(t).length >= 2 && !isBar(line);
}

const SEPARATOR_RE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function readPipeTable(lines: string[], start: number, pages: number[], out: Block[]): number {
  const rows: TableRow[] = [];
  let i = start;
  while (i < lines.length && (isPipeRow(lines[i]!) || SEPARATOR_RE.test(lines[i]!))) {
    const line = lines[i]!;
    if (SEPARATOR_RE.test(line)) {
      // The row above the separator is the header.
      const last = rows[rows.length - 1];
      if (last) last.header = true;
    } else {
      rows.push({ cells: splitPipes(line.trim()).map(mdCell), line: i + 1, page: pages[i] });
    }
    i++;
  }
  out.push(table(rows, start, pages));
  return i;
}

/** Split on "|" not escaped with a backslash; drop the outer empty pieces. */
function splitPipes(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let k = 0; k < line.length; k++) {
    const ch = line[k]!;
    if (ch === '\\' && line[k + 1] === '|') {
      cur += '\\|';
      k++;
    } else if (ch === '|') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  if (cells[0]?.trim() === '') cells.shift();
  if (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
  return cells;
}

/** "<br>" inside a markdown cell is a paragraph break in the source cell. */
function mdCell(s: string): TableCell {
  const text = s
    .split(/<br\s*\/?>/i)
    .map((p) => stripMarkdown(p.trim()))
    .filter((p) => p !== '')
    .join('\n');
  return { text };
}

// ---- web page converted to text: cells between "|" lines --------------------

function isBar(line: string): boolean {
  return line.trim() === '|';
}

/** A "|" line starts a cell table when more bars follow closely. */
function startsCellTable(lines: string[], i: number): boolean {
  let bars = 0;
  for (let j = i; j < Math.min(lines.length, i + 40); j++) if (isBar(lines[j]!)) bars++;
  return bars >= 4;
}

/**
 * A web page saved as text (trafilatura, html2text, a browser's copy): each
 * cell is its own lines between lines holding only "|"; two bars together
 * end a row. Such converters drop what they consider empty: an empty cell
 * may be a bar, a blank line, a bar; extra bars at a row's end; or nothing
 * at all, like a cell merged from the row above. So a row can have fewer
 * cells than the header, and the table is marked `loose`: the finder aligns
 * its cells to the columns by what they hold (find/align.ts).
 * A stretch of text with a blank line inside, or longer than any cell, is
 * never a cell: it is the prose between two tables (the letterhead table,
 * the body, the signature table).
 */
function readCellTable(lines: string[], start: number, pages: number[], out: Block[]): number {
  const rows: TableRow[] = [];
  let cells: TableCell[] = [];
  let rowStart = start;
  let i = start;
  const closeRow = () => {
    if (cells.length) rows.push({ cells, line: rowStart + 1, page: pages[rowStart] });
    cells = [];
  };
  let first = true;
  while (i < lines.length) {
    // A run of bars.
    let r = 0;
    while (i + r < lines.length && isBar(lines[i + r]!)) r++;
    if (r > 0) {
      if (!first && r >= 2) {
        // Bars beyond the two that end the row are empty cells at its end.
        for (let k = 2; k < r; k++) cells.push({ text: '' });
        closeRow();
        rowStart = i + r - 1;
      }
      first = false;
      i += r;
      continue;
    }
    // Cell text: the lines up to the next bar.
    let j = i;
    while (j < lines.length && !isBar(lines[j]!)) j++;
    const cellLines = lines.slice(i, j).map((l) => l.replace(/\f/g, ''));
    if (j >= lines.length || isProse(cellLines)) break; // prose after the table's last bar
    cells.push({ text: cellText(cellLines) });
    i = j;
  }
  closeRow();
  out.push({ ...table(rows, start, pages), loose: true });
  return i;
}

/**
 * Text between two bars that is no cell: the prose between two tables. It runs longer than a cell (the
 * longest cells of saved legal-portal pages are under 20 lines; a body between two tables is longer), or it
 * has paragraphs (blank lines) and a line that only prose has: an emphasised title ("**PHỤ LỤC**"), a caption
 * "(Kèm theo …)", an opening "Căn cứ …" / "Kính gửi …". A cell may hold paragraphs too, so blank lines alone
 * do not end a table.
 */
function isProse(cellLines: string[]): boolean {
  if (cellLines.length > MAX_CELL_LINES) return true;
  const blank = cellLines.some((l) => l.trim() === '') && cellLines.some((l) => l.trim() !== '');
  if (!blank) return false;
  return cellLines.length > MAX_PARAGRAPHED_CELL_LINES || cellLines.some((l) => PROSE_LINE_RE.test(l.trim()));
}

const MAX_CELL_LINES = 30;
const MAX_PARAGRAPHED_CELL_LINES = 15;
const PROSE_LINE_RE = /^(?:\*\*[^*]+\*\*$|\*?\(kèm theo\s|căn cứ\s|kính gửi|phụ lục\b|#)/iu;

function cellText(lines: string[]): string {
  // Wrapped lines of one paragraph join with a space; a blank line separates paragraphs.
  const paras: string[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l.trim() === '') {
      if (cur.length) paras.push(cur.join(' '));
      cur = [];
    } else cur.push(l.trim());
  }
  if (cur.length) paras.push(cur.join(' '));
  return paras.map((p) => stripMarkdown(p)).join('\n');
}

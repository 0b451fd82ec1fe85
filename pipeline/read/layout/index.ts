/**
 * The position-based layout engine: pages of positioned text runs and ruling
 * segments → Blocks (paragraphs and tables) in reading order. Fed by the PDF
 * reader (pdf.js text items and vector paths) and by OCR (tesseract's words
 * and the rules found in the page image) alike; coordinates in points, y
 * growing downwards, baselines for runs.
 *
 * Stages, one module each: page.ts (types), text.ts and overprint.ts (run
 * text), lines.ts (runs → lines, line spacing), rulings.ts (rules → grids),
 * ruled.ts (a ruled table on a page), unruled.ts (a table without rules),
 * furniture.ts (page numbers, running headers), stitch.ts (one table across
 * pages), emit.ts (lines and tables → Blocks).
 *
 * - Ruled tables: ruling lines that touch form a table; their x positions are
 *   the column boundaries and their y positions the row boundaries of a grid.
 *   Two neighbouring grid cells with no rule between them are one cell: a
 *   cell across several columns puts its text in its first column with `span`
 *   (covered columns empty), a cell down several rows (a vertical merge) gives
 *   its text to every row it covers, `merged` after the first (as the docx
 *   reader does). Text goes to the cell holding its centre; the lines of a cell
 *   are joined with "\n" where the gap between them is wider than the usual
 *   line spacing (a new paragraph: agencies one per paragraph), else with a
 *   space (a wrapped line; none inside a number range broken after its
 *   hyphen, "2026-" / "2035", nor after a lone word that fills the cell, a
 *   word broken because it could not fit).
 * - One logical table across pages: a table that ends a page and a table that
 *   starts the next one with the same column boundaries are one Table block.
 *   Header rows printed again on the new page are dropped (and the first
 *   ones marked `header`); a row split by the page break (its first cell
 *   empty on the new page) is joined to the row above, cell by cell: the line
 *   after the break starts a paragraph ("\n") when the line before it stopped
 *   short of the cell's width or the cell's lines before the break were each
 *   a paragraph of their own, else it is a wrapped line (" "). A merged cell
 *   running over the break gives its text to the rows below.
 * - Tables without rules: a header naming task fields (the synonym list of
 *   find/headers; a wrapped header cell is one cell) gives the columns, each
 *   text item goes to the column holding it, and rows start at a line with
 *   text in the first column. On later pages the same header continues the
 *   table, and without a header the columns carry over to lines that keep
 *   to them.
 * - Outside tables, each visual line is a Paragraph (`page` set); `line`
 *   numbers lines in reading order and skips one number between paragraphs
 *   (a gap wider than the usual line spacing, or a first-line indent), as
 *   the text reader's blank line. Each table row takes the next number.
 *   Lines holding text side by side (the letterhead, the signature) are read
 *   column by column, left first.
 * - Page numbers (a lone number at the top or bottom of a page) and running
 *   headers and footers (the same line at the top or bottom of several
 *   pages, digits aside, standing apart from the text) are dropped.
 * - Text: NFC, combining marks drawn as glyphs of their own joined to their
 *   letter, ligatures (ﬁ ﬂ …) expanded, soft hyphens and zero-width characters
 *   dropped, text drawn twice at almost the same place (fake bold, shadows,
 *   overprinted glyphs) kept once.
 *
 */
import type { Block } from '../../model/doc.js';
import type { Line, PageTable, RawPage, Run } from './page.js';
import { Spacing, toLines } from './lines.js';
import { ruledGrids } from './rulings.js';
import { ruledTable } from './ruled.js';
import { unruledTables } from './unruled.js';
import { dropFurniture } from './furniture.js';
import { LogicalTable } from './stitch.js';
import { Emitter } from './emit.js';

export interface PageLayout {
  page: RawPage;
  /** Text outside tables, as lines. */
  lines: Line[];
  tables: PageTable[];
}

export type Piece = { kind: 'lines'; top: number; lines: Line[] } | { kind: 'table'; top: number; table: PageTable };

export function layOut(pages: RawPage[]): Block[] {
  const spacing = new Spacing();
  const layouts: PageLayout[] = pages.map((page) => {
    const grids = ruledGrids(page);
    const tables: PageTable[] = [];
    const inTable = new Set<Run>();
    for (const g of grids) {
      const [x0, x1] = [g.xs[0]!, g.xs[g.xs.length - 1]!];
      const [y0, y1] = [Math.min(...g.ys), Math.max(...g.ys)];
      const runs = page.runs.filter((r) => {
        const cx = (r.x0 + r.x1) / 2;
        const cy = r.y - 0.3 * r.size;
        return !inTable.has(r) && cx >= x0 - 1 && cx <= x1 + 1 && cy >= y0 - 1 && cy <= y1 + 1;
      });
      for (const r of runs) inTable.add(r);
      tables.push(ruledTable(page, g, runs));
    }
    const lines = toLines(page.runs.filter((r) => !inTable.has(r)));
    spacing.add(lines);
    for (const t of tables) for (const row of t.rows) for (const reg of row.regions) for (const p of reg.parts) spacing.add(p.lines);
    return { page, lines, tables };
  });
  dropFurniture(layouts);
  let carry: number[] | null = null;
  for (const l of layouts) {
    // A ruled table on the page, or none that ran to its foot, ends the one without rules.
    const { tables, used, open } = unruledTables(l.page, l.lines, spacing, l.tables.length === 0 ? carry : null);
    if (tables.length > 0) {
      l.tables.push(...tables);
      l.lines = l.lines.filter((x) => !used.has(x));
    }
    carry = open;
  }

  const out = new Emitter(spacing);
  let open: { table: LogicalTable; page: number } | null = null;
  for (const l of layouts) {
    const pieces = piecesOf(l);
    pieces.forEach((piece, k) => {
      if (piece.kind === 'table') {
        const prev = open;
        if (k === 0 && prev && prev.page === l.page.n - 1 && prev.table.accepts(piece.table)) {
          prev.table.append(piece.table);
        } else {
          const t = new LogicalTable(piece.table);
          out.table(t);
        }
        const last = k === pieces.length - 1;
        const current = out.lastTable();
        open = last && current ? { table: current, page: l.page.n } : null;
      } else {
        out.lines(piece.lines, l.page.n);
        open = null;
      }
    });
    if (pieces.length === 0) open = null;
  }
  return out.finish();
}

/** Tables and runs of lines of a page, top to bottom. */
export function piecesOf(l: PageLayout): Piece[] {
  const pieces: Piece[] = l.tables.map((t) => ({ kind: 'table' as const, top: t.top, table: t }));
  let run: Line[] = [];
  const flushRun = () => {
    if (run.length > 0) pieces.push({ kind: 'lines', top: run[0]!.y - run[0]!.size, lines: run });
    run = [];
  };
  // Lines between two tables belong between them.
  const tops = l.tables.map((t) => t.top).sort((a, b) => a - b);
  let zone = -1;
  for (const line of l.lines) {
    const z = tops.filter((t) => t <= line.y - line.size).length;
    if (z !== zone) flushRun();
    zone = z;
    run.push(line);
  }
  flushRun();
  return pieces.sort((a, b) => a.top - b.top);
}

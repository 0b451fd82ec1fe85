import type { Block, Paragraph, Table, TableCell, TableRow } from '../../model/doc.js';
import type { Line, Region, Run } from './page.js';
import { joinWrapped, lineOf, segmentsOf, type Spacing } from './lines.js';
import { LogicalTable } from './stitch.js';
import { LOW_CONFIDENCE } from '../ocr-port.js';

export interface ParaEntry {
  text: string;
  page: number;
  bold: boolean;
  /** Starts a new paragraph (a blank line before it). */
  fresh: boolean;
  unsure: string[];
}

/**
 * Collects paragraphs and tables in reading order; numbers them at the end,
 * when every table has all its rows (a table grows as later pages continue it).
 */
export class Emitter {
  private items: Array<ParaEntry | LogicalTable> = [];
  private prev: { line: Line; page: number } | null = null;

  constructor(private spacing: Spacing) {}

  lines(lines: Line[], page: number): void {
    for (const group of columnsOf(lines)) {
      group.forEach((l, i) => {
        let fresh: boolean;
        if (i > 0) fresh = this.isNewParagraph(group[i - 1]!, l);
        else if (this.prev && this.prev.page !== page) {
          // Text running on from the page before, mid-sentence.
          fresh = !/^\p{Ll}/u.test(l.text);
        } else fresh = true;
        this.items.push({ text: l.text, page, bold: l.bold, fresh, unsure: unsureWords(l.runs) });
        this.prev = { line: l, page };
      });
    }
  }

  private isNewParagraph(a: Line, b: Line): boolean {
    if (this.spacing.isBreak(a, b)) return true;
    // A first-line indent.
    return b.x0 - a.x0 > 0.8 * b.size && b.x1 <= a.x1 + 2;
  }

  table(t: LogicalTable): void {
    this.items.push(t);
    this.prev = null;
  }

  lastTable(): LogicalTable | null {
    const b = this.items[this.items.length - 1];
    return b instanceof LogicalTable ? b : null;
  }

  finish(): Block[] {
    const out: Block[] = [];
    let line = 0;
    let afterTable = false;
    for (const item of this.items) {
      if (item instanceof LogicalTable) {
        const table = emitTable(item, line + (line > 0 ? 2 : 1), this.spacing);
        if (table) {
          out.push(table);
          line = table.rows[table.rows.length - 1]!.line;
          afterTable = true;
        }
        continue;
      }
      line += (item.fresh || afterTable) && line > 0 ? 2 : 1;
      afterTable = false;
      const p: Paragraph = { kind: 'para', text: item.text, line, page: item.page };
      if (item.bold) p.bold = true;
      if (item.unsure.length > 0) p.unsure = item.unsure;
      out.push(p);
    }
    return out;
  }
}

/**
 * Side-by-side text (letterhead, signature): when lines hold pieces far apart
 * and those pieces fall into columns, the block is read column by column.
 */
export function columnsOf(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let i = 0;
  let plain: Line[] = [];
  const flushPlain = () => {
    if (plain.length > 0) out.push(plain);
    plain = [];
  };
  while (i < lines.length) {
    const segs = segmentsOf(lines[i]!, 1.5);
    if (segs.length < 2) {
      plain.push(lines[i]!);
      i++;
      continue;
    }
    // Grow a block of lines whose pieces keep to the same columns.
    let cols = intervals(segs);
    let j = i + 1;
    while (j < lines.length) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      if (l.y - prev.y > 2.5 * Math.max(l.size, prev.size)) break;
      const next = intervals([...cols.map((c) => ({ x0: c[0], x1: c[1] })), ...segmentsOf(l, 1.5)]);
      if (next.length < cols.length) break;
      cols = next;
      j++;
    }
    if (cols.length < 2 || j - i < 2) {
      plain.push(lines[i]!);
      i++;
      continue;
    }
    flushPlain();
    const per: Run[][][] = cols.map(() => []);
    for (let k = i; k < j; k++) {
      const row: Run[][] = cols.map(() => []);
      for (const s of segmentsOf(lines[k]!, 1.5)) {
        const c = cols.findIndex(([a, b]) => s.x0 >= a - 0.5 && s.x1 <= b + 0.5);
        row[Math.max(0, c)]!.push(...s.runs);
      }
      row.forEach((rs, c) => {
        if (rs.length > 0) per[c]!.push(rs);
      });
    }
    for (const col of per) if (col.length > 0) out.push(col.map(lineOf));
    i = j;
  }
  flushPlain();
  return out;
}

/** Union of x extents, as separate intervals. */
export function intervals(pieces: Array<{ x0: number; x1: number }>): Array<[number, number]> {
  const s = [...pieces].sort((a, b) => a.x0 - b.x0);
  const out: Array<[number, number]> = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p.x0 <= last[1] + 2) last[1] = Math.max(last[1], p.x1);
    else out.push([p.x0, p.x1]);
  }
  return out;
}

export function emitTable(t: LogicalTable, start: number, spacing: Spacing): Table | null {
  const rows: TableRow[] = [];
  const seenText = new Map<Region, string>();
  const textOf = (reg: Region): string => {
    let s = seenText.get(reg);
    if (s === undefined) {
      s = regionToText(reg, spacing);
      seenText.set(reg, s);
    }
    return s;
  };
  const started = new Set<Region>();
  let line = start;
  t.rows.forEach((row, r) => {
    const cells: TableCell[] = row.regions.map((reg, c) => {
      if (reg.c0 !== c) return { text: '' };
      const cell: TableCell = { text: textOf(reg) };
      if (started.has(reg)) cell.merged = true;
      if (reg.c1 - reg.c0 > 1) cell.span = reg.c1 - reg.c0;
      const unsure = started.has(reg) ? [] : unsureWords(reg.parts.flatMap((p) => p.lines.flatMap((l) => l.runs)));
      if (unsure.length > 0) cell.unsure = unsure;
      return cell;
    });
    for (const reg of row.regions) started.add(reg);
    if (cells.every((c) => c.text === '')) return;
    const tr: TableRow = { cells, line: line++, page: row.page };
    if (r < t.headerRows) tr.header = true;
    rows.push(tr);
  });
  if (rows.length === 0) return null;
  const first = rows[0]!;
  return { kind: 'table', rows, line: first.line, page: first.page };
}

/**
 * A cell's text. Within a page, lines are joined by paragraph ("\n" after a
 * gap wider than a wrapped line's) and a lone word that fills the cell's
 * width is glued to the next line (a word broken because it could not fit,
 * "15/12/202" / "6"). Across a page break the gap is unknown: the line on the
 * new page starts a paragraph when the last line before the break stopped
 * short of the cell's width (the next word would have fitted), or when the
 * lines before the break were each a paragraph of its own (agencies one per
 * paragraph); else it is a wrapped line.
 */
export function regionToText(reg: Region, spacing: Spacing): string {
  let partShape = { lines: 0, breaks: 0 };
  let text = '';
  let prev: Line | null = null;
  let prevRoom = 0;
  for (const part of reg.parts) {
    let lines = 0;
    let breaks = 0;
    part.lines.forEach((l, i) => {
      if (!l.text) return;
      if (prev === null) text = l.text;
      else if (i === 0) {
        const word = l.text.split(' ')[0] ?? '';
        const wordWidth = ((l.x1 - l.x0) * [...word].length) / Math.max(1, [...l.text].length);
        const fits = prev.x1 - prev.x0 + 0.25 * l.size + wordWidth <= prevRoom - 1;
        const list = partShape.lines >= 2 && partShape.breaks === partShape.lines - 1;
        text = fits || list ? `${text}\n${l.text}` : joinWrapped(text, l.text);
      } else if (spacing.isBreak(prev, l)) {
        text = `${text}\n${l.text}`;
        breaks++;
      } else if (!prev.text.includes(' ') && prev.x1 - prev.x0 >= 0.85 * part.room) {
        text += l.text;
      } else text = joinWrapped(text, l.text);
      lines++;
      prev = l;
    });
    partShape = { lines, breaks };
    prevRoom = part.room;
  }
  return text;
}

/** Words OCR gave little confidence, once each, in reading order. */
function unsureWords(runs: Run[]): string[] {
  const out: string[] = [];
  for (const r of runs) if (r.conf !== undefined && r.conf < LOW_CONFIDENCE && !out.includes(r.text)) out.push(r.text);
  return out;
}

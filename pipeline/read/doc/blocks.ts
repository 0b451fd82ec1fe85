import type { Block, Paragraph, Table, TableCell, TableRow } from '../../model/doc.js';
import type { Text } from './pieces.js';
import { legacyFont, repairFontText } from '../legacy.js';
import type { Numbering } from './lists.js';
import type { Properties, RowDef } from './properties.js';

/**
 * The main text of a Word binary, with its paragraph properties → blocks,
 * the same shape the .docx reader gives. Paragraphs end with CR; a table
 * cell ends with BEL (0x07) and a row with BEL on a paragraph marked as the
 * row's end, whose properties hold the row's cell edges: cells that span
 * several columns of the table's grid get `span`, cells continuing a
 * vertical merge get the text above and `merged`. A nested table's cells
 * read as lines of the outer cell. Field codes are dropped, their results kept;
 * runs in legacy Vietnamese fonts are decoded.
 */
export function docBlocks(t: Text, props: Properties, numbering: Numbering, fonts: readonly string[] = []): Block[] {
  const blocks: Block[] = [];
  let table: PendingRow[] | null = null;
  let cells: string[] = [];
  let cellLines: string[] = [];
  let line = 0;
  let start = 0;
  // Pages as Word's explicit breaks and new-page sections count them (a .doc keeps no rendered page breaks).
  let page = 1;

  const closeTable = (): void => {
    if (table && table.length > 0) blocks.push(tableOf(table));
    table = null;
    cells = [];
    cellLines = [];
  };

  for (let cp = 0; cp < t.text.length; cp++) {
    const ch = t.text[cp];
    if (ch !== '\r' && ch !== '\x07' && ch !== '\x0c') continue;
    const raw = inFonts(t, props, fonts, start, cp);
    const from = start;
    start = cp + 1;
    line++;
    const pageOfPara = page;
    if (ch === '\x0c') page++;
    const fc = t.fcOf(cp);
    const p = props.paraAt(fc);
    const label = p.ilfo > 0 ? numbering.label(p.ilfo, p.ilvl) : null;
    // A list number shows even on an empty paragraph (an auto-numbered TT cell); a lone bullet is nothing.
    const labelled = (s: string): string => (label && (s.trim() !== '' || !label.bullet) ? `${label.text}${s.trim()}`.trim() : s);
    if (p.inTable || p.depth > 0) {
      table ??= [];
      const text = labelled(cleanText(raw));
      if (ch === '\x07' && p.rowEnd && !p.innerRowEnd) {
        table.push({ cells, def: p.row, line });
        cells = [];
        cellLines = [];
      } else if (ch === '\x07' && !p.innerCell) {
        cellLines.push(text);
        // As the .docx reader does: each line trimmed, empty lines (spacing before a signature) dropped.
        cells.push(cellLines.flatMap((l) => l.split('\n')).map((l) => l.trim()).filter((l) => l !== '').join('\n').normalize('NFC'));
        cellLines = [];
      } else if (!p.innerRowEnd) {
        cellLines.push(text);
      }
      continue;
    }
    closeTable();
    // A line break (Shift+Enter) starts a new line of the paragraph: one block per line, as the .docx reader gives.
    const lines = labelled(cleanText(raw).trim())
      .normalize('NFC')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const bold = lines.length > 0 && isBold(t, props, from, cp);
    for (const text of lines) {
      const para: Paragraph = { kind: 'para', text, line, page: pageOfPara };
      if (bold) para.bold = true;
      blocks.push(para);
    }
  }
  closeTable();
  return blocks;
}

interface PendingRow {
  cells: string[];
  def: RowDef | null;
  line: number;
}

/** Rows on one grid: the union of every row's cell edges; a cell spans the grid columns between its edges. */
function tableOf(rows: readonly PendingRow[]): Table {
  const edges = [...new Set(rows.flatMap((r) => r.def?.edges ?? []))].sort((a, b) => a - b);
  const index = new Map(edges.map((x, i) => [x, i]));
  const column = (x: number): number => index.get(x) ?? -1;
  const out: TableRow[] = [];
  // Text of the cell that starts at each grid column on the row above, for vertical merges.
  let above = new Map<number, string>();
  for (const r of rows) {
    const cells: TableCell[] = [];
    const here = new Map<number, string>();
    let lastReal: TableCell | null = null;
    r.cells.forEach((text, i) => {
      const def = r.def;
      if (def?.hMergeContinue[i] && lastReal) {
        // Old-style horizontal merge: the first cell spans it, and it stands in the grid as an empty one.
        lastReal.span = (lastReal.span ?? 1) + 1;
        cells.push({ text: '' });
        return;
      }
      const left = def && def.edges.length === r.cells.length + 1 ? column(def.edges[i]!) : -1;
      const right = def && def.edges.length === r.cells.length + 1 ? column(def.edges[i + 1]!) : -1;
      const cell: TableCell = { text };
      if (left >= 0 && right - left > 1) cell.span = right - left;
      if (def?.vMergeContinue[i] && left >= 0) {
        cell.text = above.get(left) ?? text;
        cell.merged = true;
      }
      if (left >= 0) here.set(left, cell.text);
      cells.push(cell);
      lastReal = cell;
      // As the .docx reader does: a spanning cell is followed by empty cells, so cells line up with the grid.
      for (let k = 1; k < (cell.span ?? 1); k++) cells.push({ text: '' });
    });
    above = here;
    // Space before the first cell or after the last (Word's gridBefore / gridAfter): as many empty cells as the
    // table's grid columns it covers, as the .docx reader gives; one when the row says so but its edges do not tell.
    const def = r.def;
    const first = def && def.edges.length > 0 ? column(def.edges[0]!) : -1;
    const last = def && def.edges.length > 0 ? column(def.edges[def.edges.length - 1]!) : -1;
    const before = first > 0 ? first : def?.before ? 1 : 0;
    const after = last >= 0 && last < edges.length - 1 ? edges.length - 1 - last : def?.after ? 1 : 0;
    for (let k = 0; k < before; k++) cells.unshift({ text: '' });
    for (let k = 0; k < after; k++) cells.push({ text: '' });
    const row: TableRow = { cells, line: r.line };
    if (r.def?.header) row.header = true;
    out.push(row);
  }
  return { kind: 'table', rows: out, line: rows[0]!.line };
}

/**
 * Characters [from, to) with each run set in a legacy Vietnamese font
 * (".VnTime", "VNI-Times": the font table names it) decoded from that
 * font's encoding; other runs as they are.
 */
function inFonts(t: Text, props: Properties, fonts: readonly string[], from: number, to: number): string {
  const plain = t.text.slice(from, to);
  if (fonts.length === 0 || !fonts.some((f) => legacyFont(f))) return plain;
  let out = '';
  let runStart = from;
  let runFont = from < to ? props.fontAt(t.fcOf(from)) : -1;
  const flush = (end: number): void => {
    const text = t.text.slice(runStart, end);
    const legacy = runFont >= 0 ? legacyFont(fonts[runFont]) : null;
    // Word stores a soft hyphen (U+00AD) as its optional-hyphen mark 0x1F: in TCVN3 that byte is "ư".
    out += legacy ? repairFontText(text.replace(/\x1f/g, '\u00ad'), legacy).replace(/\u00ad/g, '') : text;
  };
  for (let cp = from + 1; cp < to; cp++) {
    const f = props.fontAt(t.fcOf(cp));
    if (f === runFont) continue;
    flush(cp);
    runStart = cp;
    runFont = f;
  }
  if (from < to) flush(to);
  return out;
}

/** A paragraph's characters as text: fields keep their result, special marks become what they stand for. */
export function cleanText(raw: string): string {
  let out = '';
  // Field nesting: each open field is in its instructions (dropped) until its separator, then in its result (kept).
  const stack: boolean[] = [];
  let inInstructions = 0;
  for (const ch of raw) {
    const code = ch.charCodeAt(0);
    if (code === 0x13) {
      stack.push(true);
      inInstructions++;
      continue;
    }
    if (code === 0x14) {
      if (stack.length > 0 && stack[stack.length - 1]) {
        stack[stack.length - 1] = false;
        inInstructions--;
      }
      continue;
    }
    if (code === 0x15) {
      if (stack.pop()) inInstructions--;
      continue;
    }
    if (inInstructions > 0) continue;
    if (code === 0x0b) out += '\n';
    else if (code === 0x1e) out += '-';
    // Word's optional hyphen: kept as a soft hyphen, which is TCVN3's "ư" if the text turns out to be TCVN3
    // (the reader's last step drops the ones that are still soft hyphens).
    else if (code === 0x1f) out += '\u00ad';
    else if (code === 0x01 || code === 0x08 || code === 0x02 || code === 0x05) continue;
    else if (code === 0x09) out += ' ';
    else if (code < 0x20) continue;
    else out += ch;
  }
  return out.replace(/[ \t]+\n/g, '\n');
}

/** Whole-paragraph bold, as the .docx reader marks it: every visible character bold. */
function isBold(t: Text, props: Properties, from: number, to: number): boolean {
  let any = false;
  for (let cp = from; cp < to; cp++) {
    const ch = t.text[cp]!;
    if (/\s/.test(ch) || ch.charCodeAt(0) < 0x20) continue;
    if (!props.boldAt(t.fcOf(cp))) return false;
    any = true;
  }
  return any;
}

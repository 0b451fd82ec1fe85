import { p, type Cell, type Paragraph, type Row, type Table } from './model.js';

/**
 * Table pieces in the report's look: 12 pt text, header cells bold and
 * centred on a light grey, numbers centred, a bold total row. In: texts,
 * numbers, widths (twips). Out: Cells, Rows and Tables of model.ts. Pure.
 */

export const TABLE_PT = 12;
const HEADER_SHADE = 'F2F2F2';

const cellPara = (text: string, o: Omit<Paragraph, 'kind' | 'runs'> & { bold?: boolean; italic?: boolean; size?: number } = {}): Paragraph => {
  const { bold, italic, size, ...para } = o;
  return p([{ text, size: size ?? TABLE_PT, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) }], { before: 2, after: 2, ...para });
};

export function headerCell(text: string, o: Partial<Pick<Cell, 'span' | 'vMerge'>> = {}): Cell {
  return { blocks: [cellPara(text, { bold: true, align: 'center' })], shade: HEADER_SHADE, vAlign: 'center', ...o };
}

/** The lower part of a vertically merged header cell. */
export const mergedBelow: Cell = { blocks: [], vMerge: 'continue', shade: HEADER_SHADE };

export function textCell(text: string, o: { bold?: boolean; note?: string | null } = {}): Cell {
  const blocks = text.split('\n').map((line) => cellPara(line, { ...(o.bold ? { bold: true } : {}) }));
  if (o.note) blocks.push(cellPara(o.note, { italic: true, size: 11 }));
  return { blocks, vAlign: 'center' };
}

export function centreCell(text: string | number, o: { bold?: boolean } = {}): Cell {
  return { blocks: [cellPara(String(text), { align: 'center', ...(o.bold ? { bold: true } : {}) })], vAlign: 'center' };
}

/** A bordered table whose first `headerRows` rows repeat on every page. */
export function gridTable(widths: number[], header: Row[], body: Row[]): Table {
  return {
    kind: 'table',
    widths,
    borders: true,
    cellPadding: 70,
    rows: [...header.map((r) => ({ ...r, header: true, cantSplit: true })), ...body.map((r) => ({ cantSplit: true, ...r }))],
  };
}

/** A total row: every cell bold on the header's grey. */
export function totalRow(cells: Cell[]): Row {
  return {
    cells: cells.map((c) => ({ ...c, shade: HEADER_SHADE, blocks: c.blocks.map((b) => ({ ...b, runs: b.runs.map((r) => ({ ...r, bold: true })) })) })),
  };
}

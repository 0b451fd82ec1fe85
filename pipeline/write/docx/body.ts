import type { Block, Cell, Paragraph, Row, Run, Table } from './model.js';
import { escapeAttr, escapeText } from './xml.js';

/**
 * Blocks (model.ts) → WordprocessingML body XML. In: paragraphs, tables and
 * charts; for a chart, the relationship id of its part (given by the
 * package, in order). Out: the XML of w:p / w:tbl elements. Pure.
 */

/** A paragraph; its properties in the order the schema wants them (Word refuses a file otherwise). */
export function paragraphXml(para: Paragraph): string {
  const pr: string[] = [];
  if (para.keepNext) pr.push('<w:keepNext/>');
  if (para.keepLines) pr.push('<w:keepLines/>');
  if (para.pageBreakBefore) pr.push('<w:pageBreakBefore/>');
  if (para.ruleTop) pr.push('<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>');
  const spacing: string[] = [];
  if (para.before !== undefined) spacing.push(`w:before="${Math.round(para.before * 20)}"`);
  if (para.after !== undefined) spacing.push(`w:after="${Math.round(para.after * 20)}"`);
  if (para.lineExact !== undefined) spacing.push(`w:line="${Math.round(para.lineExact * 20)}" w:lineRule="exact"`);
  else if (para.line !== undefined) spacing.push(`w:line="${Math.round(para.line * 240)}" w:lineRule="auto"`);
  if (spacing.length) pr.push(`<w:spacing ${spacing.join(' ')}/>`);
  const ind: string[] = [];
  if (para.left) ind.push(`w:left="${para.left}"`);
  if (para.right) ind.push(`w:right="${para.right}"`);
  if (para.firstLine) ind.push(`w:firstLine="${para.firstLine}"`);
  if (ind.length) pr.push(`<w:ind ${ind.join(' ')}/>`);
  if (para.align) pr.push(`<w:jc w:val="${para.align}"/>`);
  // An empty paragraph still takes the size of its first run (a rule line is a few points high).
  const mark = para.runs[0] && para.runs.every((r) => r.text === '') ? runPr(para.runs[0]) : '';
  if (mark) pr.push(mark);
  return `<w:p>${pr.length ? `<w:pPr>${pr.join('')}</w:pPr>` : ''}${para.runs.map(runXml).join('')}</w:p>`;
}

function runPr(r: Run): string {
  const pr: string[] = [];
  if (r.bold) pr.push('<w:b/><w:bCs/>');
  if (r.italic) pr.push('<w:i/><w:iCs/>');
  // The schema's order: b, i, color, sz, u.
  if (r.color) pr.push(`<w:color w:val="${escapeAttr(r.color)}"/>`);
  if (r.size !== undefined) pr.push(`<w:sz w:val="${Math.round(r.size * 2)}"/><w:szCs w:val="${Math.round(r.size * 2)}"/>`);
  if (r.underline) pr.push('<w:u w:val="single"/>');
  return pr.length ? `<w:rPr>${pr.join('')}</w:rPr>` : '';
}

/** A run; line feeds in its text become line breaks. */
export function runXml(r: Run): string {
  const pr = runPr(r);
  if (r.field) {
    // A complex field, so Word and LibreOffice both update it: begin, instruction, separate, cached result, end.
    return (
      `<w:r>${pr}<w:fldChar w:fldCharType="begin"/></w:r>` +
      `<w:r>${pr}<w:instrText xml:space="preserve"> ${r.field} </w:instrText></w:r>` +
      `<w:r>${pr}<w:fldChar w:fldCharType="separate"/></w:r>` +
      `<w:r>${pr}<w:t>${escapeText(r.text)}</w:t></w:r>` +
      `<w:r>${pr}<w:fldChar w:fldCharType="end"/></w:r>`
    );
  }
  if (r.text === '') return '';
  const parts = r.text.split('\n').map((t) => (t === '' ? '' : `<w:t xml:space="preserve">${escapeText(t)}</w:t>`));
  return `<w:r>${pr}${parts.join('<w:br/>')}</w:r>`;
}

export function tableXml(t: Table): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const border = t.borders
    ? ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('')
    : ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="nil"/>`).join('');
  const pad = t.cellPadding ?? 108;
  const pr =
    `<w:tblPr><w:tblW w:w="${total}" w:type="dxa"/>${t.align === 'center' ? '<w:jc w:val="center"/>' : ''}` +
    (t.indent ? `<w:tblInd w:w="${t.indent}" w:type="dxa"/>` : '') +
    `<w:tblBorders>${border}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="${pad}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="${pad}" w:type="dxa"/></w:tblCellMar>` +
    `<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`;
  const grid = `<w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  return `<w:tbl>${pr}${grid}${t.rows.map((r) => rowXml(r, t.widths)).join('')}</w:tbl>`;
}

function rowXml(row: Row, widths: readonly number[]): string {
  const pr: string[] = [];
  if (row.cantSplit) pr.push('<w:cantSplit/>');
  if (row.header) pr.push('<w:tblHeader/>');
  let col = 0;
  const cells = row.cells.map((c) => {
    const span = c.span ?? 1;
    const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    col += span;
    return cellXml(c, width);
  });
  if (col !== widths.length) throw new Error(`a table row covers ${col} of ${widths.length} grid columns`);
  return `<w:tr>${pr.length ? `<w:trPr>${pr.join('')}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
}

function cellXml(c: Cell, width: number): string {
  const pr = [`<w:tcW w:w="${width}" w:type="dxa"/>`];
  if (c.span && c.span > 1) pr.push(`<w:gridSpan w:val="${c.span}"/>`);
  if (c.vMerge) pr.push(c.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>');
  if (c.shade) pr.push(`<w:shd w:val="clear" w:color="auto" w:fill="${escapeAttr(c.shade)}"/>`);
  if (c.vAlign) pr.push(`<w:vAlign w:val="${c.vAlign}"/>`);
  // A cell must hold at least one paragraph.
  const blocks = c.blocks.length ? c.blocks.map(paragraphXml).join('') : '<w:p/>';
  return `<w:tc><w:tcPr>${pr.join('')}</w:tcPr>${blocks}</w:tc>`;
}

/** The body's blocks; `chartRel(i)` names the relationship of the i-th chart (0-based). */
export function bodyXml(blocks: readonly Block[], chartRel: (i: number) => string, chartXml: (rel: string, i: number, c: Extract<Block, { kind: 'chart' }>) => string): string {
  let charts = 0;
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'p') out.push(paragraphXml(b));
    else if (b.kind === 'table') {
      out.push(tableXml(b));
      // Two tables in a row would merge into one: Word keeps them apart with a paragraph.
      if (blocks[i + 1]?.kind === 'table') out.push('<w:p/>');
    } else {
      const n = charts++;
      out.push(chartXml(chartRel(n), n, b));
    }
  });
  return out.join('');
}

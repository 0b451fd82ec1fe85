/**
 * What the WordprocessingML writer writes: a document described as data
 * (paragraphs, tables, charts; a page setup; header and footer text). In:
 * nothing (types only). Out: the shapes body.ts and package.ts serialise.
 * Lengths are twips (1/20 pt, 1/1440 in) unless named otherwise; font sizes
 * are points. Pure, browser-safe.
 */

/** Twips per millimetre. */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (x: number): number => Math.round(x * TWIPS_PER_MM);

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points; the paragraph's style size when absent. */
  size?: number;
  /** RGB hex "C00000". */
  color?: string;
  /** A field instead of text: the page number. `text` is its cached result. */
  field?: 'PAGE';
}

export interface Paragraph {
  kind: 'p';
  runs: Run[];
  align?: 'left' | 'center' | 'right' | 'both';
  /** Indents, twips. */
  firstLine?: number;
  left?: number;
  right?: number;
  /** Space before / after, points. */
  before?: number;
  after?: number;
  /** Line spacing as a multiple of single (1, 1.15 …), or exact points when `lineExact`. */
  line?: number;
  lineExact?: number;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  /** A rule (thin line) drawn along the paragraph's top edge, between its indents. */
  ruleTop?: boolean;
}

export interface Cell {
  blocks: Paragraph[];
  /** Grid columns covered (1 when absent). */
  span?: number;
  /** Vertical merge: `restart` opens a merged range, `continue` extends the one above. */
  vMerge?: 'restart' | 'continue';
  /** Background, RGB hex. */
  shade?: string;
  vAlign?: 'top' | 'center' | 'bottom';
}

export interface Row {
  cells: Cell[];
  /** Repeated at the top of every page the table runs onto (w:tblHeader). */
  header?: boolean;
  /** Never split across pages. */
  cantSplit?: boolean;
}

export interface Table {
  kind: 'table';
  /** Grid column widths, twips. */
  widths: number[];
  rows: Row[];
  /** Single lines around and between cells; none for a layout table (the letterhead). */
  borders: boolean;
  /** Left and right cell padding, twips (Word's default 108). */
  cellPadding?: number;
  align?: 'left' | 'center';
  /** Shift from the left margin, twips (negative: into the margin). */
  indent?: number;
}

/** A bar chart (DrawingML), one category per bar, series stacked when `stacked`. */
export interface Chart {
  kind: 'chart';
  title: string;
  categories: string[];
  series: Array<{ name: string; color: string; values: number[] }>;
  /** Bars run left to right (`bar`) or bottom to top (`col`). */
  direction: 'bar' | 'col';
  stacked: boolean;
  /** Size on the page, twips. */
  width: number;
  height: number;
  /** Alternative text for the picture. */
  description: string;
  /** The chart's data as a workbook (.xlsx) embedded beside it, so Word's "Edit Data" opens it. */
  workbook?: Uint8Array;
}

export type Block = Paragraph | Table | Chart;

export interface PageSetup {
  /** Page size, twips (A4: 11906 × 16838). */
  width: number;
  height: number;
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
}

export const A4: Pick<PageSetup, 'width' | 'height'> = { width: 11906, height: 16838 };

export interface DocxDocument {
  title: string;
  creator: string;
  /** Stamped in docProps/core.xml and on the zip entries. */
  created: Date;
  /** Default font and size (points) of the Normal style. */
  font: string;
  size: number;
  page: PageSetup;
  body: Block[];
  /** Header from page 2 on (the first page has none, as Decree 30 wants the number from page 2). */
  header?: Paragraph[];
  /** Footer on every page. */
  footer?: Paragraph[];
}

export const p = (runs: Run[] | string, o: Omit<Paragraph, 'kind' | 'runs'> = {}): Paragraph => ({
  kind: 'p',
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  ...o,
});

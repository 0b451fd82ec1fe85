/**
 * The common shape every reader produces: an ordered list of blocks, each
 * a paragraph or a table, each knowing where it came from. Finders work on
 * this and never on bytes, so a new format needs only a new reader.
 */

/** Where a piece of text sits in its source, for messages and for `origin`. */
export interface Place {
  /** 1-based line in a text source, or paragraph index in a docx body. */
  line: number;
  /** 1-based page where the source has pages (PDF, page-broken text). */
  page?: number;
}

export interface Paragraph extends Place {
  kind: 'para';
  text: string;
  /** A whole-paragraph emphasis, where the reader can tell (docx, html, markdown). */
  bold?: boolean;
  /** Words OCR was unsure of (a scanned page), for a person to check. */
  unsure?: string[];
}

export interface TableCell {
  /** Cell text; paragraphs inside the cell are separated by "\n". */
  text: string;
  /**
   * The cell continues a vertical merge from the row above (docx vMerge,
   * html rowspan). Readers fill the text down and set this flag, so the
   * assembler can tell a merged row from a typed one.
   */
  merged?: boolean;
  /** Number of grid columns this cell covers (1 when absent). */
  span?: number;
  /** Words OCR was unsure of (a scanned page), for a person to check. */
  unsure?: string[];
}

export interface TableRow extends Place {
  cells: TableCell[];
  /** Marked as a header row by the source (docx tblHeader, html th, markdown head). */
  header?: boolean;
}

export interface Table extends Place {
  kind: 'table';
  rows: TableRow[];
  /**
   * Cells may be missing from a row (a web page saved as text drops empty
   * cells and cells merged from the row above): the finder aligns each row's
   * cells to the header's columns by what they hold.
   */
  loose?: boolean;
}

export type Block = Paragraph | Table;

export type SourceFormat = 'txt' | 'tsv' | 'md' | 'docx' | 'doc' | 'pdf' | 'html' | 'xlsx' | 'csv';

export interface Doc {
  file: string;
  format: SourceFormat;
  blocks: Block[];
  /** Pages read by OCR from their image (a scan, or a text layer that was garbage). */
  ocrPages?: number[];
  /** Picture pages OCR could not read in a document whose other pages have text (why, in both languages). */
  unread?: { pages: number[]; code: string; vi: string; en: string };
}

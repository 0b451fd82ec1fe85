/** A piece of text on one baseline, in page coordinates with y growing downwards. */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
  /** OCR's confidence in the word (0–100); absent for text a PDF draws. */
  conf?: number;
}

/** A horizontal (at y = `at`, from `from` to `to` in x) or vertical ruling segment. */
export interface Seg {
  at: number;
  from: number;
  to: number;
}

export interface RawPage {
  n: number;
  width: number;
  height: number;
  runs: Run[];
  hs: Seg[];
  vs: Seg[];
  /** The page was read by OCR from its image. */
  ocr?: boolean;
  /** OCR found no ink on the page image. */
  blank?: boolean;
  /** The page paints an image (a scan, a photo, a signature). */
  hasImage?: boolean;
}

/** Runs on one baseline, left to right, as text. */
export interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
  runs: Run[];
}

/** A cell of the grid as drawn: grid cells not parted by a rule, with its text. */
export interface Region {
  /** Grid columns covered: c0 ≤ c < c1 (rows are counted through the rows that hold the region). */
  c0: number;
  c1: number;
  /** Text lines, by page part: a cell continued on the next page adds a part. */
  parts: Part[];
}

export interface Part {
  lines: Line[];
  /** Room for text across the cell (its width less the padding). */
  room: number;
}

/** One row of a table as read: per grid column the region covering it. */
export interface GridRow {
  page: number;
  regions: Region[];
}

export interface PageTable {
  page: number;
  top: number;
  bottom: number;
  /** Column boundaries. */
  xs: number[];
  rows: GridRow[];
  ruled: boolean;
  /** Read by OCR from a page image: a scanner may have shifted the page a few points. */
  ocr?: boolean;
}

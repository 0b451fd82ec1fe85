import type { RawPage } from './layout/page.js';

/**
 * What the PDF reader asks of OCR, which only the command line has (it runs
 * tesseract): the core stays free of Node so the add-in runs it unchanged.
 *
 * In: the PDF's bytes and the pages to read. Out: each page as the layout
 * engine takes it (words as runs with their confidence, rules from the
 * image), or a PlanError (tesseract missing, a page that cannot be read).
 */
export interface PageOcr {
  /** auto: pages without a usable text layer; force: every page. */
  mode: 'auto' | 'force';
  readPages(file: string, bytes: Uint8Array, pages: PageSize[]): Promise<RawPage[]>;
}

/** A page to read and its size in points (a large page is rendered at a lower resolution). */
export interface PageSize {
  n: number;
  width: number;
  height: number;
}

/** Words tesseract gives less confidence than this are shown to a person to check. */
export const LOW_CONFIDENCE = 70;

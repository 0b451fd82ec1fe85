import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.min.mjs';

/** One page as pdf.js gives it: its operators with their arguments, and its text items. */
export type PdfjsPage = { fns: number[]; args: unknown[]; text: unknown[] };

/**
 * Every page of a PDF read by pdf.js itself (operator list and text content), as plain data to compare
 * two ways of running pdf.js: through JSON, since a cloning port makes plain objects of class instances
 * that a sharing one passes as they are; fonts are named after the document ("g_d3_f1"), so the same
 * file read twice differs there only, and the name is made neutral.
 */
export async function pdfjsPages(file: string, options: { worker?: pdfjs.PDFWorker; disableFontFace?: boolean } = {}): Promise<PdfjsPage[]> {
  const task = pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...options,
  });
  const doc = await task.promise;
  const pages: PdfjsPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    const content = await page.getTextContent();
    const json = JSON.stringify({ fns: ops.fnArray, args: ops.argsArray, text: content.items }).replace(/\bg_d\d+_/g, 'g_d_');
    pages.push(JSON.parse(json) as PdfjsPage);
  }
  await task.destroy();
  return pages;
}

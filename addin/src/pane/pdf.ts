/**
 * pdf.js in the pane: the core loads pdf.js on its first PDF, and in a
 * browser pdf.js parses in a worker it must be told where to fetch. The
 * build copies the worker next to taskpane.js; this points pdf.js at it
 * (the same module instance the core imports: one chunk of the bundle).
 */
let ready: Promise<void> | null = null;

export function preparePdf(): Promise<void> {
  ready ??= import('pdfjs-dist/legacy/build/pdf.min.mjs').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', document.baseURI).href;
  });
  return ready;
}

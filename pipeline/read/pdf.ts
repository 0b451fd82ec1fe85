import type { Doc } from '../model/doc.js';
import { fileTooLarge as tooLarge, PlanError } from '../model/errors.js';
import type { RawPage, Run, Seg } from './layout/page.js';
import { layOut } from './layout/index.js';
import { toLines } from './layout/lines.js';
import { mergeSegs } from './layout/rulings.js';
import { cleanRunText } from './layout/text.js';
import { dropDoubles } from './layout/overprint.js';
import type { PageOcr } from './ocr-port.js';
import { textQuality } from './text-quality.js';
import { detectLegacyEncoding, legacyFont, repairFontText, repairPiece, type LegacyFont } from './legacy.js';
import { MAX_INFLATED, syncDecompressionStream, type ZlibSync } from './pdf-inflate.js';
import { withoutDrawing } from './pdf-load.js';
import { inNode, nodeBuiltin } from './host.js';
import { mul, type Matrix } from './affine.js';
import type { sameThreadWorker } from './pdf-port.js';

/**
 * PDF → Doc, with pdf.js (pdfjs-dist). Pure TypeScript with no Node import:
 * the add-in runs it in the browser too (see `loadPdfJs` for the worker).
 *
 * In: the file's bytes. Out: a Doc laid out by ./layout from what each page
 * gives: text items with their position (pdf.js `getTextContent`) and the
 * vector paths drawn on it (`getOperatorList`), from which the ruling lines of
 * tables are taken: stroked straight segments and thin filled rectangles,
 * horizontal or vertical, under the current transformation. This file keeps
 * only what is pdf.js: the layout engine is shared with OCR (node/ocr).
 *
 * Text: NFC, combining marks drawn as glyphs of their own joined to their
 * letter, ligatures (ﬁ ﬂ …) expanded, soft hyphens and zero-width characters
 * dropped, text drawn twice at almost the same place (fake bold, shadows,
 * overprinted glyphs) kept once; legacy Vietnamese fonts (TCVN3, VNI) repaired.
 *
 * Errors: not a PDF, or one pdf.js cannot parse → pdf.corrupt; encrypted
 * with a password we were not given → pdf.encrypted; no text on any page
 * (a scan) → pdf.scanned.
 */

export interface PdfLimits {
  /** Most pages read. */
  maxPages: number;
  /** Most text items on one page (a map or a drawing made of text is not a plan). */
  maxItemsPerPage: number;
  /** Most bytes one stream may inflate to, in Node only (see ./pdf-inflate: a small file may unpack to gigabytes; a browser inflates with its own). */
  maxInflatedBytes: number;
}

export const PDF_LIMITS: PdfLimits = {
  maxPages: 2000,
  maxItemsPerPage: 200_000,
  maxInflatedBytes: MAX_INFLATED,
};

export async function readPdf(file: string, bytes: Uint8Array, limits: Partial<PdfLimits> = {}, ocr?: PageOcr): Promise<Doc> {
  const lim: PdfLimits = { ...PDF_LIMITS, ...limits };
  if (bytes.length === 0) throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
  if (!hasPdfHeader(bytes)) throw corrupt(file);
  let pages = await readPages(file, bytes, lim);
  // pdf.js rebuilds a damaged cross-reference table; a file cut short may open with nothing on it.
  if (!pages.some((p) => p.runs.length > 0) && !hasEof(bytes)) throw corrupt(file);
  // Only OCR asks whether a text layer is usable (judging it is a tenth of a page's layout).
  const usable = ocr ? pages.map((p) => hasUsableText(p)) : [];
  // OCR reads what a page shows as a picture: a page with no text and no image is blank, nothing to read.
  const wanted = ocr ? pages.filter((p, i) => ocr.mode === 'force' || (!usable[i] && (p.hasImage || p.runs.length > 0))) : [];
  let unread: Doc['unread'];
  if (ocr && wanted.length > 0) {
    try {
      const read = new Map((await ocr.readPages(file, bytes, wanted.map((p) => ({ n: p.n, width: p.width, height: p.height })))).map((p) => [p.n, p]));
      pages = pages.map((p) => read.get(p.n) ?? p);
    } catch (e) {
      // Pages with text of their own still make a document: a picture page OCR could not read is named, not fatal.
      if (!(e instanceof PlanError) || !usable.some(Boolean)) throw e;
      unread = { pages: wanted.map((p) => p.n), code: e.code, vi: e.vi, en: e.en };
    }
  }
  if (!pages.some((p) => p.runs.length > 0)) {
    if (wanted.length === 0) throw scanned(file);
    throw pages.every((p) => p.blank || (!p.hasImage && p.runs.length === 0)) ? blankScan(file) : unreadableScan(file);
  }
  const doc: Doc = { file, format: 'pdf', blocks: layOut(pages) };
  const ocrPages = pages.filter((p) => p.ocr).map((p) => p.n);
  if (ocrPages.length > 0) doc.ocrPages = ocrPages;
  if (unread) doc.unread = unread;
  return doc;
}

/**
 * A page's text layer is usable when it has text and that text reads as
 * Vietnamese (not a broken OCR layer), judged on its lines as laid out (a PDF
 * may draw each glyph apart).
 */
function hasUsableText(page: RawPage): boolean {
  if (page.runs.length === 0) return false;
  return textQuality(toLines(page.runs).map((l) => l.text).join('\n')).usable;
}

// ---- errors ------------------------------------------------------------------

function corrupt(file: string): PlanError {
  return new PlanError(
    'pdf.corrupt',
    `Tệp ${file} bị hỏng hoặc không phải PDF, không mở được`,
    `${file} is corrupt or not a PDF and cannot be opened`,
  );
}

function encrypted(file: string): PlanError {
  return new PlanError(
    'pdf.encrypted',
    `Tệp ${file} được đặt mật khẩu; hãy bỏ mật khẩu (hoặc in lại ra PDF không mật khẩu) rồi thử lại`,
    `${file} is password-protected; remove the password (or print it again to a PDF without one) and try again`,
  );
}

function scanned(file: string): PlanError {
  return new PlanError(
    'pdf.scanned',
    `Tệp ${file} là bản quét (ảnh), không có lớp chữ; cần nhận dạng ký tự (OCR): hãy chuyển bằng dòng lệnh phuluc (có OCR tiếng Việt) rồi thử lại`,
    `${file} is a scanned image with no text layer and needs OCR: convert it with the phuluc command line (Vietnamese OCR) and try again`,
  );
}

function blankScan(file: string): PlanError {
  return new PlanError(
    'ocr.blank',
    `Tệp ${file} là bản quét nhưng các trang đều trắng, không có chữ để đọc; hãy quét lại văn bản`,
    `${file} is a scan whose pages are all blank, with no text to read; scan the document again`,
  );
}

function unreadableScan(file: string): PlanError {
  return new PlanError(
    'ocr.unreadable',
    `Tệp ${file} là bản quét nhưng không nhận dạng được chữ nào (ảnh quá mờ, quá nhỏ hoặc không phải văn bản); hãy quét lại rõ hơn (200–300 dpi)`,
    `${file} is a scan in which no text could be recognised (too blurred, too small or not text); scan it again more clearly (200–300 dpi)`,
  );
}


/** "%PDF-" within the first KB, where readers look for it. */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = latin1(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function hasEof(bytes: Uint8Array): boolean {
  return latin1(bytes.subarray(Math.max(0, bytes.length - 2048))).includes('%%EOF');
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

// ---- pdf.js ------------------------------------------------------------------

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;
type PdfPage = import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy;
type PdfWorker = import('pdfjs-dist/legacy/build/pdf.mjs').PDFWorker;

let pdfjs: Promise<PdfJs> | null = null;
/**
 * The document pdf.js's font loader is given in Node, which has none: a font
 * "installed" there is dropped. Nothing is drawn, so fonts are needed only for
 * their names (bold) and the text pdf.js reads with them. Why not
 * `disableFontFace`, pdf.js's answer for Node: then it turns every glyph shown
 * into a path and posts it, for a canvas we never draw on (nearly half the
 * operator list's cost); with font faces on, it posts each font once as a file,
 * and our port flags it not to be loaded as a face (pdf-port: withoutFontFace),
 * so this document is only the fallback should pdf.js load one anyway.
 * What it reads from a page is the same either way.
 */
const FONTLESS_DOCUMENT = {
  createElement: () => ({ sheet: { cssRules: [], insertRule() {} }, remove() {} }),
  documentElement: { getElementsByTagName: () => [{ append() {} }] },
};
/**
 * The inflate limit of the document being read in this thread, and whether a stream went past it (a
 * thread reads its PDFs one after another: a batch worker runs one file at a time). Checked after
 * opening the document and after each page.
 */
const inflated = { max: MAX_INFLATED, over: false };
const inflateLimit = { maxOutputLength: () => inflated.max, onOverLimit: () => void (inflated.over = true) };

function checkInflated(file: string, lim: PdfLimits): void {
  if (!inflated.over) return;
  const mb = Math.round(lim.maxInflatedBytes / 1024 / 1024);
  throw tooLarge(file, `có luồng dữ liệu giải nén ra hơn ${mb} MB`, `a stream in it unpacks to more than ${mb} MB`);
}

/** In Node: the one same-thread worker every document is parsed by (see ./pdf-port). */
let nodeWorker: PdfWorker | undefined;
const PDF_WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';

/** pdf.js exceptions that say the bytes are not a readable PDF (worker-side errors arrive as UnknownErrorException). */
const FILE_FAULTS = new Set(['InvalidPDFException', 'FormatError', 'XRefParseException', 'UnknownErrorException', 'MissingPDFException']);

/**
 * pdf.js, loaded on first use (most inputs are not PDFs). The legacy build
 * runs in Node and in browsers. In Node it parses on the main thread, over
 * a port of ours that does not clone its messages (./pdf-port); in a browser pdf.js
 * wants its worker named before the first PDF: see `configurePdfWorker`.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    // The legacy build bundles core-js, whose feature tests are stricter than
    // V8: loading it swaps Array.prototype.push, JSON.parse and JSON.stringify
    // for slower polyfills, for every later caller in this thread (a batch
    // worker's .docx and .txt files too). pdf.js does not need them: keep the natives.
    const natives = [
      [Array.prototype, 'push', Array.prototype.push],
      [JSON, 'parse', JSON.parse],
      [JSON, 'stringify', JSON.stringify],
    ] as const;
    try {
      const g = globalThis as { pdfjsWorker?: unknown; DecompressionStream?: unknown };
      // In Node, without the drawing and fetching code pdf.js loads for nothing here (./pdf-load).
      const { lib, workerModule } = await withoutDrawing(async () => ({
        // The minified build: the same code, about half the bytes for each thread to decode and compile.
        lib: await import('pdfjs-dist/legacy/build/pdf.min.mjs'),
        // In Node pdf.js parses in this thread ("fake worker") and would import its worker module itself;
        // imported here, its polyfills are undone too. Always the worker of the same build as `lib`,
        // whatever another pdf.js in this thread set as its fake worker. (A specifier in a variable:
        // browser bundles, which name a worker file instead, leave it out.)
        workerModule: inNode() ? ((await import(PDF_WORKER_MODULE)) as Parameters<typeof sameThreadWorker>[1]) : null,
      }));
      if (workerModule) {
        // Loaded here only: a browser (the add-in) runs pdf.js's own worker and never needs the port.
        const { sameThreadWorker } = await import('./pdf-port.js');
        if (g.pdfjsWorker === undefined) g.pdfjsWorker = workerModule;
        nodeWorker = sameThreadWorker(lib, workerModule, lib.VerbosityLevel.ERRORS);
        // Given Node's DecompressionStream, pdf.js inflates every content stream and
        // font through web streams and the thread pool: for plan-sized streams that
        // is slower than its own inflate (about a fifth of a small PDF's time), and a
        // batch worker sits idle while it waits. zlib's one-shot inflate, native and in
        // this thread, costs less than either (see ./pdf-inflate); without it (Node
        // before getBuiltinModule) pdf.js inflates on its own. Nothing else of ours
        // decompresses with it (the .xlsx writer compresses, with CompressionStream).
        const zlib = nodeBuiltin<ZlibSync>('node:zlib');
        if (zlib) g.DecompressionStream = syncDecompressionStream(zlib, inflateLimit);
        else delete g.DecompressionStream;
      }
      return lib;
    } finally {
      for (const [owner, key, fn] of natives) {
        if ((owner as unknown as Record<string, unknown>)[key] !== fn) Object.defineProperty(owner, key, { value: fn, writable: true, configurable: true, enumerable: false });
      }
    }
  })();
  return pdfjs;
}

/**
 * Where pdf.js finds its worker, for a browser bundle: the URL of the bundled
 * pdf.worker.min.mjs (`src`) or a module Worker already started on it (`port`).
 * Call once before the first PDF is read; Node needs nothing.
 */
export async function configurePdfWorker(worker: { src?: string; port?: Worker }): Promise<void> {
  const lib = await loadPdfJs();
  if (worker.port) lib.GlobalWorkerOptions.workerPort = worker.port;
  if (worker.src) lib.GlobalWorkerOptions.workerSrc = worker.src;
}

async function readPages(file: string, bytes: Uint8Array, lim: PdfLimits): Promise<RawPage[]> {
  const lib = await loadPdfJs();
  inflated.max = lim.maxInflatedBytes;
  inflated.over = false;
  const task = lib.getDocument({
    // pdf.js may take ownership of the buffer it is given: hand it a copy.
    data: bytes.slice(),
    useWorkerFetch: false,
    isEvalSupported: false,
    // Node: fonts handed over whole, into a document that drops them (see FONTLESS_DOCUMENT);
    // a browser keeps them out of the add-in's page (its fonts would pile up there).
    disableFontFace: !nodeWorker,
    ...(nodeWorker ? { ownerDocument: FONTLESS_DOCUMENT as unknown as Document, useSystemFonts: false } : {}),
    verbosity: lib.VerbosityLevel.ERRORS,
    // Node: parsed in this thread, messages handed over uncloned; a browser starts its own worker.
    worker: nodeWorker,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    checkInflated(file, lim);
    const name = String((e as { name?: unknown } | null)?.name ?? '');
    if (name === 'PasswordException') throw encrypted(file);
    if (FILE_FAULTS.has(name)) throw corrupt(file);
    // Not the file's fault (pdf.js without its worker in a browser, say): let it show as it is.
    throw e;
  }
  try {
    checkInflated(file, lim);
    if (doc.numPages > lim.maxPages) {
      throw tooLarge(file, `có ${doc.numPages} trang (tối đa ${lim.maxPages})`, `it has ${doc.numPages} pages (at most ${lim.maxPages})`);
    }
    const pages: RawPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page: PdfPage;
      try {
        page = await doc.getPage(n);
      } catch {
        throw corrupt(file);
      }
      pages.push(await readPage(lib, page, n, file, lim));
      page.cleanup();
      checkInflated(file, lim);
    }
    return pages;
  } catch (e) {
    if (e instanceof PlanError) throw e;
    throw corrupt(file);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

// ---- one page: text runs and ruling lines --------------------------------------

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

async function readPage(lib: PdfJs, page: PdfPage, n: number, file: string, lim: PdfLimits): Promise<RawPage> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as unknown as Matrix;
  // The operator list first: it also loads the fonts, whose names tell bold.
  const ops = await page.getOperatorList();
  const { hs, vs } = rulings(lib, ops.fnArray, ops.argsArray, vt);
  const images = imageOps(lib);
  const hasImage = ops.fnArray.some((fn) => images.has(fn));
  const content = await page.getTextContent();
  if (content.items.length > lim.maxItemsPerPage) {
    throw tooLarge(file, `trang ${n} có quá nhiều đoạn chữ`, `page ${n} has too many text items`);
  }
  const boldFont = new Map<string, boolean>();
  const isBold = (fontName: string): boolean => {
    let b = boldFont.get(fontName);
    if (b === undefined) {
      b = false;
      try {
        if (page.commonObjs.has(fontName)) {
          const f = page.commonObjs.get(fontName) as { bold?: boolean; black?: boolean; name?: string } | null;
          b = !!f && (f.bold === true || f.black === true || /bold|black|heavy|semibold|demi/i.test(f.name ?? ''));
        }
      } catch {
        b = false;
      }
      boldFont.set(fontName, b);
    }
    return b;
  };
  const legacyFonts = new Map<string, LegacyFont | null>();
  const legacyOf = (fontName: string): LegacyFont | null => {
    if (!legacyFonts.has(fontName)) {
      let f: LegacyFont | null = null;
      try {
        if (page.commonObjs.has(fontName)) f = legacyFont((page.commonObjs.get(fontName) as { name?: string } | null)?.name);
      } catch {
        f = null;
      }
      legacyFonts.set(fontName, f);
    }
    return legacyFonts.get(fontName) ?? null;
  };
  const legacy = legacyPageText(content.items, legacyOf);
  const runs: Run[] = [];
  for (const [i, item] of content.items.entries()) {
    if (!('str' in item)) continue;
    const text = cleanRunText(legacy[i] ?? item.str);
    if (text.trim() === '') continue;
    const m = mul(vt, item.transform as number[]);
    // Only text running left to right is laid out; rotated text (stamps, watermarks) is read where it starts.
    const size = Math.hypot(m[2], m[3]) || item.height || 10;
    const x0 = m[4];
    const width = Math.max(0, item.width);
    runs.push({ text, x0, x1: x0 + width, y: m[5], size, bold: isBold(item.fontName) });
  }
  return { n, width: viewport.width, height: viewport.height, runs: dropDoubles(runs), hs, vs, hasImage };
}

/**
 * Text items drawn in a legacy Vietnamese font (TCVN3 .VnTime, VNI-Times) give
 * their bytes read as Windows-1252 ("KÕ ho¹ch"): repaired by the font's name,
 * else by what the page's text reads as (fonts renamed by the printer). Raw
 * strings: the soft hyphen cleanRunText drops is "ư" in TCVN3.
 */
/** pdf.js operators that paint a picture: a page drawing one may be a scan. */
function imageOps(lib: PdfJs): Set<number> {
  const O = lib.OPS as unknown as Record<string, number>;
  return new Set(
    ['paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintJpegXObject', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup', 'paintImageMaskXObjectGroup', 'paintImageMaskXObjectRepeat', 'paintSolidColorImageMask']
      .map((k) => O[k])
      .filter((v): v is number => typeof v === 'number'),
  );
}

function legacyPageText(
  items: ReadonlyArray<object>,
  legacyOf: (fontName: string) => LegacyFont | null,
): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  const rest: string[] = [];
  items.forEach((item, i) => {
    if (!('str' in item) || !('fontName' in item)) return;
    const str = String(item.str);
    const font = legacyOf(String(item.fontName));
    if (font) out[i] = repairFontText(font.encoding === 'tcvn3' ? tcvn3Hyphens(str) : str, font);
    else rest.push(str);
  });
  const encoding = detectLegacyEncoding(rest);
  if (encoding) {
    items.forEach((item, i) => {
      if (out[i] !== undefined || !('str' in item)) return;
      const str = String(item.str);
      const fixed = encoding === 'tcvn3' ? tcvn3Hyphens(str) : str;
      const repaired = repairPiece(fixed, encoding);
      out[i] = repaired === fixed ? str : repaired;
    });
  }
  return out;
}

/** Under WinAnsiEncoding pdf.js reads byte 0xAD as "hyphen": in TCVN3 it is "ư" ("Ch-¬ng", "-u tiªn"). */
function tcvn3Hyphens(s: string): string {
  return s.replace(/(?<=\p{L}|^|\s)-(?=[a-z\u00A1-\u00FF])/gu, '\u00AD');
}

const PATH = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

interface GState {
  ctm: Matrix;
  stroke: string;
  fill: string;
}

/**
 * Ruling lines drawn on a page: straight horizontal or vertical segments of
 * stroked paths, and filled rectangles thin enough to be a line, in page
 * coordinates (y down). White ones are invisible and ignored.
 */
function rulings(lib: PdfJs, fns: number[], args: unknown[][], vt: Matrix): { hs: Seg[]; vs: Seg[] } {
  const O = lib.OPS;
  const strokeOps = new Set<number>([O.stroke, O.closeStroke]);
  const fillOps = new Set<number>([O.fill, O.eoFill]);
  const bothOps = new Set<number>([O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]);
  const hs: Seg[] = [];
  const vs: Seg[] = [];
  let g: GState = { ctm: [1, 0, 0, 1, 0, 0], stroke: '#000000', fill: '#000000' };
  const stack: GState[] = [];
  for (let i = 0; i < fns.length; i++) {
    const fn = fns[i]!;
    const a = args[i] ?? [];
    if (fn === O.save) stack.push({ ...g });
    else if (fn === O.restore) g = stack.pop() ?? g;
    else if (fn === O.transform) g = { ...g, ctm: mul(g.ctm, a as number[]) };
    else if (fn === O.paintFormXObjectBegin) {
      stack.push({ ...g });
      const m = a[0];
      if (Array.isArray(m) || ArrayBuffer.isView(m)) g = { ...g, ctm: mul(g.ctm, Array.from(m as ArrayLike<number>)) };
    } else if (fn === O.paintFormXObjectEnd) g = stack.pop() ?? g;
    else if (fn === O.setStrokeRGBColor) g = { ...g, stroke: colour(a) };
    else if (fn === O.setFillRGBColor) g = { ...g, fill: colour(a) };
    else if (fn === O.constructPath) {
      const paint = a[0] as number;
      const stroke = strokeOps.has(paint) || bothOps.has(paint);
      const fill = fillOps.has(paint) || bothOps.has(paint);
      if (!stroke && !fill) continue;
      const data = (a[1] as unknown[] | undefined)?.[0];
      if (!data || !(ArrayBuffer.isView(data) || Array.isArray(data))) continue;
      const t = mul(vt, g.ctm);
      const paths = subpaths(data as ArrayLike<number>, t);
      if (stroke && !isWhite(g.stroke)) for (const p of paths) strokeSegments(p, hs, vs);
      if (fill && !isWhite(g.fill)) for (const p of paths) thinRect(p, hs, vs);
    }
  }
  return { hs: mergeSegs(hs), vs: mergeSegs(vs) };
}

function colour(a: unknown[]): string {
  const c = a[0];
  if (typeof c === 'string') return c.toLowerCase();
  if (a.length >= 3 && a.every((x) => typeof x === 'number')) {
    const hex = (x: number) => Math.round(Math.max(0, Math.min(255, x))).toString(16).padStart(2, '0');
    return `#${hex(a[0] as number)}${hex(a[1] as number)}${hex(a[2] as number)}`;
  }
  return '#000000';
}

function isWhite(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(hex);
  return !!m && [m[1]!, m[2]!, m[3]!].every((h) => Number.parseInt(h, 16) >= 0xf0);
}

interface SubPath {
  pts: Array<[number, number]>;
  closed: boolean;
  curved: boolean;
}

function subpaths(d: ArrayLike<number>, t: Matrix): SubPath[] {
  const out: SubPath[] = [];
  let cur: SubPath | null = null;
  let i = 0;
  const take = (k: number): number[] => {
    const v: number[] = [];
    for (let j = 0; j < k; j++) v.push(d[i + j] ?? 0);
    i += k;
    return v;
  };
  while (i < d.length) {
    const op = d[i++];
    if (op === PATH.moveTo) {
      const [x, y] = take(2) as [number, number];
      cur = { pts: [apply(t, x, y)], closed: false, curved: false };
      out.push(cur);
    } else if (op === PATH.lineTo) {
      const [x, y] = take(2) as [number, number];
      if (!cur) out.push((cur = { pts: [], closed: false, curved: false }));
      cur.pts.push(apply(t, x, y));
    } else if (op === PATH.curveTo || op === PATH.quadraticCurveTo) {
      const v = take(op === PATH.curveTo ? 6 : 4);
      if (!cur) out.push((cur = { pts: [], closed: false, curved: false }));
      cur.curved = true;
      cur.pts.push(apply(t, v[v.length - 2]!, v[v.length - 1]!));
    } else if (op === PATH.closePath) {
      if (cur) cur.closed = true;
      // A new subpath starts where this one started.
      if (cur && cur.pts[0]) {
        cur = { pts: [cur.pts[0]], closed: false, curved: false };
        out.push(cur);
      }
    } else {
      break; // unknown drawing op: stop reading this path
    }
  }
  return out.filter((p) => p.pts.length > 0);
}

const AXIS_TOL = 0.8;

function strokeSegments(p: SubPath, hs: Seg[], vs: Seg[]): void {
  if (p.curved) return;
  const pts = p.closed && p.pts.length > 2 ? [...p.pts, p.pts[0]!] : p.pts;
  for (let k = 1; k < pts.length; k++) {
    const [x1, y1] = pts[k - 1]!;
    const [x2, y2] = pts[k]!;
    if (Math.abs(y1 - y2) <= AXIS_TOL && Math.abs(x1 - x2) >= 1) {
      hs.push({ at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    } else if (Math.abs(x1 - x2) <= AXIS_TOL && Math.abs(y1 - y2) >= 1) {
      vs.push({ at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
    }
  }
}

/** A filled axis-aligned rectangle at most 3 pt thick is a line along its length. */
function thinRect(p: SubPath, hs: Seg[], vs: Seg[]): void {
  if (p.curved || p.pts.length < 3 || p.pts.length > 5) return;
  const xs = p.pts.map((q) => q[0]);
  const ys = p.pts.map((q) => q[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const onCorners = p.pts.every(([x, y]) => (near(x, x0) || near(x, x1)) && (near(y, y0) || near(y, y1)));
  if (!onCorners) return;
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= 3 && w > 2 * h && w >= 2) hs.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
  else if (w <= 3 && h > 2 * w && h >= 2) vs.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
}

function near(a: number, b: number, tol = AXIS_TOL): boolean {
  return Math.abs(a - b) <= tol;
}

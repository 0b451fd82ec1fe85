import type { Block, Doc, Paragraph, Table, TableCell, TableRow } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { mapHeader } from '../find/headers.js';
import { detectLegacyEncoding, legacyFont, repairFontText, repairPiece, type LegacyFont } from './legacy.js';

/**
 * PDF → Doc, with pdf.js (pdfjs-dist). Pure TypeScript with no Node import:
 * the add-in runs it in the browser too (see `loadPdfJs` for the worker).
 *
 * What a page gives: text items with their position (pdf.js `getTextContent`)
 * and the vector paths drawn on it (`getOperatorList`), from which the ruling
 * lines of tables are taken: stroked straight segments and thin filled
 * rectangles, horizontal or vertical, under the current transformation.
 *
 * - Ruled tables: ruling lines that touch form a table; their x positions are
 *   the column boundaries and their y positions the row boundaries of a grid.
 *   Two neighbouring grid cells with no rule between them are one cell: a
 *   cell across several columns puts its text in its first column with `span`
 *   (covered columns empty), a cell down several rows (a vertical merge) gives
 *   its text to every row it covers, `merged` after the first (as the docx
 *   reader does). Text goes to the cell holding its centre; the lines of a cell
 *   are joined with "\n" where the gap between them is wider than the usual
 *   line spacing (a new paragraph: agencies one per paragraph), else with a
 *   space (a wrapped line; none inside a number range broken after its
 *   hyphen, "2026-" / "2035", nor after a lone word that fills the cell, a
 *   word broken because it could not fit).
 * - One logical table across pages: a table that ends a page and a table that
 *   starts the next one with the same column boundaries are one Table block.
 *   Header rows printed again on the new page are dropped (and the first
 *   ones marked `header`); a row split by the page break (its first cell
 *   empty on the new page) is joined to the row above, cell by cell: the line
 *   after the break starts a paragraph ("\n") when the line before it stopped
 *   short of the cell's width or the cell's lines before the break were each
 *   a paragraph of their own, else it is a wrapped line (" "). A merged cell
 *   running over the break gives its text to the rows below.
 * - Tables without rules: a header naming task fields (the synonym list of
 *   find/headers; a wrapped header cell is one cell) gives the columns, each
 *   text item goes to the column holding it, and rows start at a line with
 *   text in the first column. On later pages the same header continues the
 *   table, and without a header the columns carry over to lines that keep
 *   to them.
 * - Outside tables, each visual line is a Paragraph (`page` set); `line`
 *   numbers lines in reading order and skips one number between paragraphs
 *   (a gap wider than the usual line spacing, or a first-line indent), as
 *   the text reader's blank line. Each table row takes the next number.
 *   Lines holding text side by side (the letterhead, the signature) are read
 *   column by column, left first.
 * - Page numbers (a lone number at the top or bottom of a page) and running
 *   headers and footers (the same line at the top or bottom of several
 *   pages, digits aside, standing apart from the text) are dropped.
 * - Text: NFC, combining marks drawn as glyphs of their own joined to their
 *   letter, ligatures (ﬁ ﬂ …) expanded, soft hyphens and zero-width characters
 *   dropped, text drawn twice at almost the same place (fake bold, shadows,
 *   overprinted glyphs) kept once.
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
}

export const PDF_LIMITS: PdfLimits = {
  maxPages: 2000,
  maxItemsPerPage: 200_000,
};

export async function readPdf(file: string, bytes: Uint8Array, limits: Partial<PdfLimits> = {}): Promise<Doc> {
  const lim: PdfLimits = { ...PDF_LIMITS, ...limits };
  if (bytes.length === 0) throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
  if (!hasPdfHeader(bytes)) throw corrupt(file);
  const pages = await readPages(file, bytes, lim);
  if (!pages.some((p) => p.runs.length > 0)) {
    // pdf.js rebuilds a damaged cross-reference table; a file cut short may open with nothing on it.
    if (!hasEof(bytes)) throw corrupt(file);
    throw scanned(file);
  }
  return { file, format: 'pdf', blocks: layOut(pages) };
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
    `Tệp ${file} là bản quét (ảnh), không có lớp chữ; cần nhận dạng ký tự (OCR) trước rồi thử lại`,
    `${file} is a scanned image with no text layer; run OCR first and try again`,
  );
}

function tooLarge(file: string, vi: string, en: string): PlanError {
  return new PlanError('file.too_large', `Tệp ${file} quá lớn: ${vi}`, `${file} is too large: ${en}`);
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

let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js exceptions that say the bytes are not a readable PDF (worker-side errors arrive as UnknownErrorException). */
const FILE_FAULTS = new Set(['InvalidPDFException', 'FormatError', 'XRefParseException', 'UnknownErrorException', 'MissingPDFException']);

/**
 * pdf.js, loaded on first use (most inputs are not PDFs). The legacy build
 * runs in Node and in browsers. In Node it parses on the main thread (its
 * "fake worker", which imports pdf.worker.mjs itself); in a browser pdf.js
 * wants its worker named before the first PDF: see `configurePdfWorker`.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * Where pdf.js finds its worker, for a browser bundle: the URL of the bundled
 * pdf.worker.mjs (`src`) or a module Worker already started on it (`port`).
 * Call once before the first PDF is read; Node needs nothing.
 */
export async function configurePdfWorker(worker: { src?: string; port?: Worker }): Promise<void> {
  const lib = await loadPdfJs();
  if (worker.port) lib.GlobalWorkerOptions.workerPort = worker.port;
  if (worker.src) lib.GlobalWorkerOptions.workerSrc = worker.src;
}

async function readPages(file: string, bytes: Uint8Array, lim: PdfLimits): Promise<RawPage[]> {
  const lib = await loadPdfJs();
  const task = lib.getDocument({
    // pdf.js may take ownership of the buffer it is given: hand it a copy.
    data: bytes.slice(),
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = String((e as { name?: unknown } | null)?.name ?? '');
    if (name === 'PasswordException') throw encrypted(file);
    if (FILE_FAULTS.has(name)) throw corrupt(file);
    // Not the file's fault (pdf.js without its worker in a browser, say): let it show as it is.
    throw e;
  }
  try {
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

type Matrix = [number, number, number, number, number, number];

/** A piece of text on one baseline, in page coordinates with y growing downwards. */
interface Run {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
}

/** A horizontal (at y = `at`, from `from` to `to` in x) or vertical ruling segment. */
interface Seg {
  at: number;
  from: number;
  to: number;
}

interface RawPage {
  n: number;
  width: number;
  height: number;
  runs: Run[];
  hs: Seg[];
  vs: Seg[];
}

function mul(m: readonly number[], n: readonly number[]): Matrix {
  const [a, b, c, d, e, f] = m as Matrix;
  const [a2, b2, c2, d2, e2, f2] = n as Matrix;
  return [a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

async function readPage(lib: PdfJs, page: PdfPage, n: number, file: string, lim: PdfLimits): Promise<RawPage> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as unknown as Matrix;
  // The operator list first: it also loads the fonts, whose names tell bold.
  const ops = await page.getOperatorList();
  const { hs, vs } = rulings(lib, ops.fnArray, ops.argsArray, vt);
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
  return { n, width: viewport.width, height: viewport.height, runs: dropDoubles(runs), hs, vs };
}

/**
 * Text items drawn in a legacy Vietnamese font (TCVN3 .VnTime, VNI-Times) give
 * their bytes read as Windows-1252 ("KÕ ho¹ch"): repaired by the font's name,
 * else by what the page's text reads as (fonts renamed by the printer). Raw
 * strings: the soft hyphen cleanRunText drops is "ư" in TCVN3.
 */
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

/** Collinear segments that overlap or touch become one. */
function mergeSegs(segs: Seg[]): Seg[] {
  const sorted = [...segs].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Seg[] = [];
  for (const s of sorted) {
    // Look back over segments on (almost) the same line.
    let merged = false;
    for (let k = out.length - 1; k >= 0 && out[k]!.at >= s.at - 1; k--) {
      const o = out[k]!;
      if (Math.abs(o.at - s.at) <= 1 && s.from <= o.to + 1.5 && s.to >= o.from - 1.5) {
        o.from = Math.min(o.from, s.from);
        o.to = Math.max(o.to, s.to);
        merged = true;
        break;
      }
    }
    if (!merged) out.push({ ...s });
  }
  return out;
}

// ---- text clean-up -------------------------------------------------------------

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
  '\u0132': 'IJ',
  '\u0133': 'ij',
};

/** Spacing forms of the tone marks, drawn as glyphs of their own over a letter. */
const SPACING_MARKS: Record<string, string> = {
  '\u00B4': '\u0301',
  '\u02CA': '\u0301',
  '\u0060': '\u0300',
  '\u02CB': '\u0300',
  '\u02DC': '\u0303',
  '\u02C6': '\u0302',
  '\u02C7': '\u030C',
  '\u02D8': '\u0306',
  '\u00A8': '\u0308',
  '\u02D9': '\u0307',
};

function cleanRunText(s: string): string {
  return s
    .replace(/[\uFB00-\uFB06\u0132\u0133]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t\r\n]/g, ' ');
}

function isMarkOnly(s: string): boolean {
  const t = s.trim();
  return t !== '' && [...t].every((c) => /\p{M}/u.test(c) || c in SPACING_MARKS);
}

function toCombining(s: string): string {
  return [...s.trim()].map((c) => SPACING_MARKS[c] ?? c).join('');
}

/** Characters with the combining marks that follow them. */
function clusters(s: string): string[] {
  return s.match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
}

/**
 * Text drawn two or more times at almost the same place (fake bold, a
 * shadow, each glyph overprinted) is kept once, and marked bold. pdf.js gives
 * overprinted glyphs as overlapping items ("K", "KẾ", "Ế" …), so this works
 * on characters: a character that repeats the same character of a kept item
 * within less than half an advance is dropped, and the item is cut around it.
 * Character positions inside an item are estimated from its width.
 */
function dropDoubles(runs: Run[]): Run[] {
  const buckets = new Map<number, Run[]>();
  const out: Run[] = [];
  const keep = (r: Run) => {
    out.push(r);
    const b = Math.round(r.y);
    const list = buckets.get(b) ?? [];
    list.push(r);
    buckets.set(b, list);
  };
  for (const r of runs) {
    if (r.x1 - r.x0 <= 0.01 || isMarkOnly(r.text)) {
      keep(r);
      continue;
    }
    const tol = 0.2 * r.size + 0.3;
    const near: Run[] = [];
    for (let dy = -2; dy <= 2; dy++) {
      for (const o of buckets.get(Math.round(r.y) + dy) ?? []) {
        if (Math.abs(o.y - r.y) <= tol && o.x1 > r.x0 - 1 && o.x0 < r.x1 + 1 && o.x1 - o.x0 > 0.01) near.push(o);
      }
    }
    if (near.length === 0) {
      keep(r);
      continue;
    }
    const cl = clusters(r.text);
    const adv = (r.x1 - r.x0) / Math.max(1, cl.length);
    const dup = cl.map((c, k) => c.trim() !== '' && near.some((o) => hasClusterAt(o, c, r.x0 + k * adv, 0.45 * adv + 0.3)));
    if (!dup.some(Boolean)) {
      keep(r);
      continue;
    }
    for (const o of near) o.bold = true;
    // What is left: the stretches of characters that are not repeats.
    let k = 0;
    while (k < cl.length) {
      if (dup[k] || cl[k]!.trim() === '') {
        k++;
        continue;
      }
      let e = k;
      while (e < cl.length && !dup[e]) e++;
      const text = cl.slice(k, e).join('').trimEnd();
      if (text) keep({ ...r, text, x0: r.x0 + k * adv, x1: r.x0 + (k + [...clusters(text)].length) * adv, bold: true });
      k = e;
    }
  }
  return out;
}

function hasClusterAt(o: Run, c: string, x: number, tol: number): boolean {
  const cl = clusters(o.text);
  const adv = (o.x1 - o.x0) / Math.max(1, cl.length);
  const k = Math.round((x - o.x0) / Math.max(adv, 0.01));
  for (let j = k - 1; j <= k + 1; j++) {
    if (cl[j] === c && Math.abs(o.x0 + j * adv - x) <= tol) return true;
  }
  return false;
}

// ---- lines -------------------------------------------------------------------

/** Runs on one baseline, left to right, as text. */
interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
  runs: Run[];
}

/** Group runs into lines by baseline, top to bottom. */
function toLines(runs: Run[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const groups: Run[][] = [];
  let cur: Run[] = [];
  let base = 0;
  let size = 0;
  for (const r of sorted) {
    if (cur.length > 0 && Math.abs(r.y - base) <= 0.4 * Math.max(size, r.size)) {
      cur.push(r);
      continue;
    }
    if (cur.length > 0) groups.push(cur);
    cur = [r];
    base = r.y;
    size = r.size;
  }
  if (cur.length > 0) groups.push(cur);
  return groups.map(lineOf);
}

function lineOf(runs: Run[]): Line {
  const rs = [...runs].sort((a, b) => a.x0 - b.x0);
  // The main size and baseline are those of the most text.
  let main = rs[0]!;
  for (const r of rs) if (r.text.length > main.text.length) main = r;
  let text = '';
  let last: Run | null = null;
  const pieces: Array<{ text: string; x0: number; x1: number }> = [];
  for (const r of rs) {
    if (isMarkOnly(r.text)) {
      attachMark(pieces, r);
      continue;
    }
    const t = r.text;
    if (last !== null) {
      const gap = r.x0 - last.x1;
      const prev = pieces[pieces.length - 1]!;
      const needsSpace = gap > 0.12 * Math.min(r.size, last.size) && !/\s$/.test(prev.text) && !/^\s/.test(t) && !/^\p{M}/u.test(t);
      if (needsSpace) prev.text += ' ';
    }
    pieces.push({ text: t, x0: r.x0, x1: r.x1 });
    last = r;
  }
  text = pieces.map((p) => p.text).join('');
  return {
    text: text.normalize('NFC').replace(/\s+/g, ' ').trim(),
    x0: rs[0]!.x0,
    x1: Math.max(...rs.map((r) => r.x1)),
    y: main.y,
    size: main.size,
    bold: rs.every((r) => r.bold),
    runs: rs,
  };
}

/** A tone mark drawn on its own goes after the letter under it. */
function attachMark(pieces: Array<{ text: string; x0: number; x1: number }>, r: Run): void {
  const mark = toCombining(r.text);
  const cx = (r.x0 + r.x1) / 2;
  let host = pieces[pieces.length - 1];
  for (const p of pieces) if (cx >= p.x0 && cx < p.x1) host = p;
  if (!host) return;
  const chars = [...host.text];
  const w = (host.x1 - host.x0) / Math.max(1, chars.length);
  let idx = cx >= host.x1 ? chars.length - 1 : Math.floor((cx - host.x0) / Math.max(w, 0.01));
  idx = Math.max(0, Math.min(chars.length - 1, idx));
  // Land on a letter: step back over spaces and marks.
  while (idx > 0 && /[\s\p{M}]/u.test(chars[idx]!)) idx--;
  let at = idx + 1;
  while (at < chars.length && /\p{M}/u.test(chars[at]!)) at++;
  chars.splice(at, 0, mark);
  host.text = chars.join('');
}

/** Usual distance between baselines of wrapped lines, by font size. */
class Spacing {
  private gaps = new Map<number, Map<number, number>>();
  private steps = new Map<number, number>();

  add(lines: Line[]): void {
    this.steps.clear();
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (Math.abs(a.size - b.size) > 0.6) continue;
      const gap = b.y - a.y;
      const size = Math.max(a.size, b.size);
      if (gap < 0.8 * size || gap > 2.2 * size) continue;
      const key = Math.round(size * 2) / 2;
      const hist = this.gaps.get(key) ?? new Map<number, number>();
      const g = Math.round(gap * 4) / 4;
      hist.set(g, (hist.get(g) ?? 0) + 1);
      this.gaps.set(key, hist);
    }
  }

  /**
   * The smallest gap seen often (at least a fifth of the gaps, within half a
   * point): wrapped lines, even where paragraphs of one line outnumber them.
   */
  step(size: number): number {
    const key = Math.round(size * 2) / 2;
    const cached = this.steps.get(key);
    if (cached !== undefined) return cached;
    const hist = this.gaps.get(key);
    let step = 1.17 * size;
    if (hist) {
      const bins = [...hist].sort((a, b) => a[0] - b[0]);
      const total = bins.reduce((n, [, c]) => n + c, 0);
      for (const [g] of bins) {
        const window = bins.filter(([h]) => h >= g && h <= g + 0.5);
        const n = window.reduce((m, [, c]) => m + c, 0);
        if (n >= Math.max(2, 0.2 * total) || n === total) {
          step = window.reduce((m, [h, c]) => m + h * c, 0) / n;
          break;
        }
      }
    }
    this.steps.set(key, step);
    return step;
  }

  /** Whether the gap from a to b is wider than a wrapped line's: a new paragraph. */
  isBreak(a: Line, b: Line): boolean {
    const size = Math.max(a.size, b.size);
    const gap = b.y - a.y;
    return gap > this.step(size) * 1.1 + 0.3;
  }
}

/**
 * Join two lines of one paragraph with a space, except a range of numbers
 * broken after its hyphen ("2026-" / "2035" → "2026-2035"). Vietnamese is not
 * hyphenated at line ends, and whether "229-" / "KH/TU" broke at a space
 * after the hyphen or inside "229-KH/TU" cannot be told from the page: it
 * keeps the space, as the text forms do.
 */
function joinWrapped(a: string, b: string): string {
  if (/\d[-–]$/.test(a) && /^\d/.test(b)) return a + b;
  return `${a} ${b}`;
}

// ---- ruled tables on a page ------------------------------------------------------

/** A cell of the grid as drawn: grid cells not parted by a rule, with its text. */
interface Region {
  /** Grid columns covered: c0 ≤ c < c1 (rows are counted through the rows that hold the region). */
  c0: number;
  c1: number;
  /** Text lines, by page part: a cell continued on the next page adds a part. */
  parts: Part[];
}

interface Part {
  lines: Line[];
  /** Room for text across the cell (its width less the padding). */
  room: number;
}

/** One row of a table as read: per grid column the region covering it. */
interface GridRow {
  page: number;
  regions: Region[];
}

interface PageTable {
  page: number;
  top: number;
  bottom: number;
  /** Column boundaries. */
  xs: number[];
  rows: GridRow[];
  ruled: boolean;
}

function cluster(values: number[], tol: number): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const x of v) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1]! <= tol) last.push(x);
    else out.push([x]);
  }
  return out.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
}

class Union {
  private p: number[];
  constructor(n: number) {
    this.p = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.p[i] !== i) {
      this.p[i] = this.p[this.p[i]!]!;
      i = this.p[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    this.p[this.find(a)] = this.find(b);
  }
}

const TOUCH = 2.5;

/** Groups of touching horizontal and vertical rules with at least two columns: the page's ruled tables. */
function ruledGrids(page: RawPage): Array<{ xs: number[]; ys: number[]; hs: Seg[]; vs: Seg[] }> {
  const { hs, vs } = page;
  const n = hs.length + vs.length;
  if (hs.length < 2 || vs.length < 2) return [];
  const u = new Union(n);
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i]!;
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j]!;
      if (v.at >= h.from - TOUCH && v.at <= h.to + TOUCH && h.at >= v.from - TOUCH && h.at <= v.to + TOUCH) {
        u.union(i, hs.length + j);
      }
    }
  }
  const groups = new Map<number, { hs: Seg[]; vs: Seg[] }>();
  for (let i = 0; i < n; i++) {
    const root = u.find(i);
    const g = groups.get(root) ?? { hs: [], vs: [] };
    if (i < hs.length) g.hs.push(hs[i]!);
    else g.vs.push(vs[i - hs.length]!);
    groups.set(root, g);
  }
  const out: Array<{ xs: number[]; ys: number[]; hs: Seg[]; vs: Seg[] }> = [];
  for (const g of groups.values()) {
    if (g.hs.length < 2 || g.vs.length < 1) continue;
    // Tables drawn without outer side rules still end where the horizontal rules end.
    const left = Math.min(...g.hs.map((h) => h.from));
    const right = Math.max(...g.hs.map((h) => h.to));
    const top = Math.min(...g.vs.map((v) => v.from), ...g.hs.map((h) => h.at));
    const bottom = Math.max(...g.vs.map((v) => v.to), ...g.hs.map((h) => h.at));
    const xs = cluster([left, right, ...g.vs.map((v) => v.at)], 3);
    const ys = cluster([top, bottom, ...g.hs.map((h) => h.at)], 3);
    if (xs.length < 3 || ys.length < 2) continue;
    out.push({ xs, ys, hs: g.hs, vs: g.vs });
  }
  return out;
}

function covered(segs: Seg[], at: number, from: number, to: number): boolean {
  const len = to - from;
  if (len <= 0) return true;
  let sum = 0;
  for (const s of segs) {
    if (Math.abs(s.at - at) > 3) continue;
    sum += Math.max(0, Math.min(s.to, to) - Math.max(s.from, from));
  }
  return sum >= 0.5 * len;
}

/** The grid cells of a ruled table merged where no rule parts them, with the runs inside. */
function ruledTable(page: RawPage, grid: { xs: number[]; ys: number[]; hs: Seg[]; vs: Seg[] }, runs: Run[]): PageTable {
  const { xs, ys, hs, vs } = grid;
  const R = ys.length - 1;
  const C = xs.length - 1;
  const u = new Union(R * C);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (c + 1 < C && !covered(vs, xs[c + 1]!, ys[r]!, ys[r + 1]!)) u.union(r * C + c, r * C + c + 1);
      if (r + 1 < R && !covered(hs, ys[r + 1]!, xs[c]!, xs[c + 1]!)) u.union(r * C + c, (r + 1) * C + c);
    }
  }
  const regions = new Map<number, Region>();
  const at: Region[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const root = u.find(r * C + c);
      let reg = regions.get(root);
      if (!reg) {
        reg = { c0: c, c1: c + 1, parts: [] };
        regions.set(root, reg);
      }
      reg.c0 = Math.min(reg.c0, c);
      reg.c1 = Math.max(reg.c1, c + 1);
      at[r * C + c] = reg;
    }
  }
  const inside = new Map<Region, Run[]>();
  for (const run of runs) {
    const cx = (run.x0 + run.x1) / 2;
    const cy = run.y - 0.3 * run.size;
    const c = Math.min(C - 1, Math.max(0, upper(xs, cx) - 1));
    const r = Math.min(R - 1, Math.max(0, upper(ys, cy) - 1));
    const reg = at[r * C + c]!;
    const list = inside.get(reg) ?? [];
    list.push(run);
    inside.set(reg, list);
  }
  // Padding: how far text keeps from the left rule of its cell.
  let pad = Infinity;
  for (const [reg, list] of inside) for (const run of list) pad = Math.min(pad, run.x0 - xs[reg.c0]!);
  pad = Number.isFinite(pad) ? Math.max(1, Math.min(pad, 12)) : 5;
  for (const reg of regions.values()) {
    const list = inside.get(reg) ?? [];
    reg.parts = [{ lines: toLines(list), room: xs[reg.c1]! - xs[reg.c0]! - 2 * pad }];
  }
  const rows: GridRow[] = [];
  for (let r = 0; r < R; r++) {
    const row: GridRow = { page: page.n, regions: [] };
    for (let c = 0; c < C; c++) row.regions.push(at[r * C + c]!);
    rows.push(row);
  }
  return dropEmptyBands({ page: page.n, top: ys[0]!, bottom: ys[R]!, xs, rows, ruled: true });
}

/** Index of the first boundary greater than v. */
function upper(bounds: number[], v: number): number {
  let i = 0;
  while (i < bounds.length && bounds[i]! <= v) i++;
  return i;
}

function regionText(reg: Region): boolean {
  return reg.parts.some((p) => p.lines.length > 0);
}

/**
 * Rows with no text in any cell that starts in them or runs through them
 * (a band between double rules) go, and so do narrow empty columns.
 */
function dropEmptyBands(t: PageTable): PageTable {
  const rows = t.rows.filter((row) => row.regions.some(regionText));
  const C = t.xs.length - 1;
  const keep: number[] = [];
  for (let c = 0; c < C; c++) {
    const w = t.xs[c + 1]! - t.xs[c]!;
    const anchored = rows.some((row) => row.regions[c]!.c0 === c && regionText(row.regions[c]!));
    if (w >= 6 || anchored) keep.push(c);
  }
  if (keep.length === C) return { ...t, rows };
  const xs = [...keep.map((c) => t.xs[c]!), t.xs[C]!];
  const remap = (c: number): number => {
    let k = 0;
    while (k < keep.length && keep[k]! < c) k++;
    return k;
  };
  const done = new Set<Region>();
  for (const row of rows) {
    for (const reg of row.regions) {
      if (done.has(reg)) continue;
      done.add(reg);
      reg.c0 = remap(reg.c0);
      reg.c1 = Math.max(reg.c0 + 1, remap(reg.c1));
    }
    row.regions = keep.map((c) => row.regions[c]!);
  }
  return { ...t, xs, rows };
}

// ---- tables without rules --------------------------------------------------------

/** Pieces of a line parted by a wide gap (text in different columns). */
interface Segment {
  text: string;
  x0: number;
  x1: number;
  runs: Run[];
}

function segmentsOf(line: Line, gapEm = 1): Segment[] {
  const out: Run[][] = [];
  let last: Run | null = null;
  for (const r of line.runs) {
    if (last && r.x0 - last.x1 > gapEm * Math.min(r.size, last.size)) out.push([]);
    if (out.length === 0) out.push([]);
    out[out.length - 1]!.push(r);
    last = r;
  }
  return out.map((rs) => {
    const l = lineOf(rs);
    return { text: l.text, x0: l.x0, x1: l.x1, runs: rs };
  });
}

/**
 * A task table drawn without rules: a header band (up to four close lines
 * whose pieces, grouped by column, name task fields) gives the columns; the
 * table runs on while lines keep close together, each row starting at a
 * line with text in the first column.
 */
function unruledTables(
  page: RawPage,
  lines: Line[],
  spacing: Spacing,
  carry: number[] | null,
): { tables: PageTable[]; used: Set<Line>; open: number[] | null } {
  const tables: PageTable[] = [];
  const used = new Set<Line>();
  // Lines close to each other from `from` on: a table's body.
  const bodyFrom = (from: number): Line[] => {
    const body: Line[] = [];
    for (let j = from; j < lines.length; j++) {
      const l = lines[j]!;
      const prev = lines[j - 1];
      if (j > from && prev && l.y - prev.y > 3 * spacing.step(l.size)) break;
      body.push(l);
    }
    return body;
  };
  let i = 0;
  // A table without rules that ran to the foot of the page before goes on at the top of this one, without
  // its header: its columns carry over when the first line keeps to them.
  if (carry && lines.length > 0 && !headerBand(lines, 0, spacing) && keepsTo(lines[0]!, carry)) {
    const body = bodyFrom(0);
    const rows = unruledRows(page, [], body, carry);
    if (rows.length > 0) {
      tables.push({ page: page.n, top: body[0]!.y - body[0]!.size, bottom: body[body.length - 1]!.y, xs: carry, rows, ruled: false });
      for (const l of body) used.add(l);
      i = body.length;
    }
  }
  while (i < lines.length) {
    const head = headerBand(lines, i, spacing);
    if (!head) {
      i++;
      continue;
    }
    const { cols, end } = head;
    const body = end < lines.length && lines[end]!.y - lines[end - 1]!.y <= 3 * spacing.step(lines[end]!.size) ? bodyFrom(end) : [];
    const xs = columnBounds(cols, body);
    const rows = unruledRows(page, lines.slice(i, end), body, xs);
    if (rows.length > 0) {
      tables.push({ page: page.n, top: lines[i]!.y - lines[i]!.size, bottom: (body[body.length - 1] ?? lines[end - 1]!).y, xs, rows, ruled: false });
      for (let k = i; k < end + body.length; k++) used.add(lines[k]!);
    }
    i = end + body.length;
  }
  const last = tables[tables.length - 1];
  const open = last && lines.length > 0 && used.has(lines[lines.length - 1]!) ? last.xs : null;
  return { tables, used, open };
}

/** A line whose pieces each fall in one column, or a piece from the first column on (a title across). */
function keepsTo(line: Line, xs: number[]): boolean {
  const C = xs.length - 1;
  return line.runs.every((s) => {
    if (s.x0 < xs[0]! - 4 || s.x1 > xs[C]! + 4) return false;
    const c0 = upper(xs, s.x0 + 1) - 1;
    const c1 = upper(xs, s.x1 - 1);
    return c1 - c0 <= 1 || c0 === 0;
  });
}

interface HeaderBand {
  /** Header cells left to right: their x extent and text. */
  cols: Array<{ x0: number; x1: number; text: string }>;
  end: number;
}

function headerBand(lines: Line[], i: number, spacing: Spacing): HeaderBand | null {
  const close = (a: Line, b: Line) => !spacing.isBreak(a, b);
  for (let k = 1; k <= 4 && i + k <= lines.length; k++) {
    if (k > 1 && !close(lines[i + k - 2]!, lines[i + k - 1]!)) return null;
    const cells = headerCells(lines.slice(i, i + k));
    const map = cells && mapHeader(cells.map((c) => c.text));
    if (!cells || !map) continue;
    const named = (m: NonNullable<typeof map>) => m.fields.filter((f) => f !== null).length;
    if (named(map) < 3) continue;
    // A header cell wrapped onto the next line ("Cơ quan chủ" / "trì"): take the lines that keep close
    // and hold no TT, as long as the header still names as many fields.
    let end = i + k;
    let best = { cells, n: named(map) };
    while (end < lines.length && end - i < 4 && close(lines[end - 1]!, lines[end]!) && !segmentsOf(lines[end]!, 0.8).some((s) => TT_LIKE.test(s.text))) {
      const more = headerCells(lines.slice(i, end + 1));
      const m = more && mapHeader(more.map((c) => c.text));
      if (!more || !m || named(m) < best.n || more.length !== best.cells.length) break;
      best = { cells: more, n: named(m) };
      end++;
    }
    return { cols: best.cells, end };
  }
  return null;
}

const TT_LIKE = /^(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]?$/;

/** Pieces of a band of lines grouped into header cells by x overlap, left to right. */
function headerCells(band: Line[]): HeaderBand['cols'] | null {
  const segs = band.flatMap((l) => segmentsOf(l, 0.8).map((s) => ({ ...s, y: l.y })));
  if (segs.length < 3) return null;
  segs.sort((a, b) => a.x0 - b.x0);
  const cols: Array<{ x0: number; x1: number; parts: Array<{ y: number; text: string }> }> = [];
  for (const s of segs) {
    const last = cols[cols.length - 1];
    if (last && s.x0 < last.x1 - 1) {
      last.x1 = Math.max(last.x1, s.x1);
      last.parts.push({ y: s.y, text: s.text });
    } else cols.push({ x0: s.x0, x1: s.x1, parts: [{ y: s.y, text: s.text }] });
  }
  return cols.map((c) => ({
    x0: c.x0,
    x1: c.x1,
    text: c.parts
      .sort((a, b) => a.y - b.y)
      .map((p) => p.text)
      .join(' '),
  }));
}

/**
 * Column boundaries: between two header cells (their text is centred in their
 * columns, so a boundary lies between them), in the widest stretch no body
 * text covers, else half-way.
 */
function columnBounds(cols: HeaderBand['cols'], body: Line[]): number[] {
  const centres = cols.map((c) => (c.x0 + c.x1) / 2);
  const pieces = body.flatMap((l) => l.runs);
  // A piece over two header centres (a group title across the table) says nothing about columns.
  const fits = pieces.filter((p) => centres.filter((x) => x >= p.x0 && x <= p.x1).length <= 1);
  const left = Math.min(cols[0]!.x0, ...fits.map((p) => p.x0)) - 1;
  const right = Math.max(cols[cols.length - 1]!.x1, ...fits.map((p) => p.x1)) + 1;
  const xs = [left];
  for (let c = 0; c + 1 < cols.length; c++) {
    const lo = cols[c]!.x1;
    const hi = Math.max(lo, cols[c + 1]!.x0);
    // Stretches covered by body text between the two header cells.
    const spans = fits
      .map((p) => [Math.max(lo, p.x0), Math.min(hi, p.x1)] as const)
      .filter(([a, b]) => b > a)
      .sort((a, b) => a[0] - b[0]);
    let best: [number, number] | null = null;
    let at = lo;
    for (const [a, b] of spans) {
      if (a > at && (!best || a - at > best[1] - best[0])) best = [at, a];
      at = Math.max(at, b);
    }
    if (hi > at && (!best || hi - at > best[1] - best[0])) best = [at, hi];
    xs.push(best ? (best[0] + best[1]) / 2 : (lo + hi) / 2);
  }
  xs.push(right);
  return xs;
}

function unruledRows(page: RawPage, header: Line[], body: Line[], xs: number[]): GridRow[] {
  const C = xs.length - 1;
  const room = (c0: number, c1: number) => xs[c1]! - xs[c0]! - 4;
  /** Columns a run covers: the one it starts in, and more when it runs well past its right edge (a title across). */
  const colsOf = (r: { x0: number; x1: number }): [number, number] => {
    const c0 = Math.min(C - 1, Math.max(0, upper(xs, r.x0 + 1) - 1));
    const c1 = Math.min(C, Math.max(c0 + 1, upper(xs, r.x1 - 3)));
    return [c0, c1];
  };
  const toRegions = (lines: Line[], pieces: (l: Line) => Array<{ x0: number; x1: number; runs: Run[] }>): Region[] => {
    const per: Run[][] = Array.from({ length: C }, () => []);
    const spans: number[] = Array.from({ length: C }, () => 1);
    for (const l of lines) {
      for (const p of pieces(l)) {
        const [c0, c1] = colsOf(p);
        per[c0]!.push(...p.runs);
        spans[c0] = Math.max(spans[c0]!, c1 - c0);
      }
    }
    const regs: Region[] = [];
    for (let c = 0; c < C; ) {
      const span = Math.min(spans[c]!, C - c);
      const reg: Region = { c0: c, c1: c + span, parts: [] };
      const runs: Run[] = [];
      for (let k = c; k < c + span; k++) runs.push(...per[k]!);
      reg.parts = [{ lines: toLines(runs), room: room(c, c + span) }];
      for (let k = 0; k < span; k++) regs.push(reg);
      c += span;
    }
    return regs;
  };
  // Header cells are found as pieces of words; body text goes by the text items the page draws.
  const rows: GridRow[] = header.length > 0 ? [{ page: page.n, regions: toRegions(header, (l) => segmentsOf(l, 0.8)) }] : [];
  const byRun = (l: Line) => l.runs.map((r) => ({ x0: r.x0, x1: r.x1, runs: [r] }));
  let cur: Line[] = [];
  const flush = () => {
    if (cur.length > 0) rows.push({ page: page.n, regions: toRegions(cur, byRun) });
    cur = [];
  };
  for (const l of body) {
    // A row starts at a line with text in the first column (its TT), or a title running across.
    const first = l.runs[0];
    const startsRow = !!first && colsOf(first)[0] === 0;
    if (startsRow) flush();
    cur.push(l);
  }
  flush();
  return rows;
}

// ---- laying out the document ------------------------------------------------------

interface PageLayout {
  page: RawPage;
  /** Text outside tables, as lines. */
  lines: Line[];
  tables: PageTable[];
}

type Piece = { kind: 'lines'; top: number; lines: Line[] } | { kind: 'table'; top: number; table: PageTable };

function layOut(pages: RawPage[]): Block[] {
  const spacing = new Spacing();
  const layouts: PageLayout[] = pages.map((page) => {
    const grids = ruledGrids(page);
    const tables: PageTable[] = [];
    const inTable = new Set<Run>();
    for (const g of grids) {
      const [x0, x1] = [g.xs[0]!, g.xs[g.xs.length - 1]!];
      const [y0, y1] = [Math.min(...g.ys), Math.max(...g.ys)];
      const runs = page.runs.filter((r) => {
        const cx = (r.x0 + r.x1) / 2;
        const cy = r.y - 0.3 * r.size;
        return !inTable.has(r) && cx >= x0 - 1 && cx <= x1 + 1 && cy >= y0 - 1 && cy <= y1 + 1;
      });
      for (const r of runs) inTable.add(r);
      tables.push(ruledTable(page, g, runs));
    }
    const lines = toLines(page.runs.filter((r) => !inTable.has(r)));
    spacing.add(lines);
    for (const t of tables) for (const row of t.rows) for (const reg of row.regions) for (const p of reg.parts) spacing.add(p.lines);
    return { page, lines, tables };
  });
  dropFurniture(layouts);
  let carry: number[] | null = null;
  for (const l of layouts) {
    // A ruled table on the page, or none that ran to its foot, ends the one without rules.
    const { tables, used, open } = unruledTables(l.page, l.lines, spacing, l.tables.length === 0 ? carry : null);
    if (tables.length > 0) {
      l.tables.push(...tables);
      l.lines = l.lines.filter((x) => !used.has(x));
    }
    carry = open;
  }

  const out = new Emitter(spacing);
  let open: { table: LogicalTable; page: number } | null = null;
  for (const l of layouts) {
    const pieces = piecesOf(l);
    pieces.forEach((piece, k) => {
      if (piece.kind === 'table') {
        const prev = open;
        if (k === 0 && prev && prev.page === l.page.n - 1 && prev.table.accepts(piece.table)) {
          prev.table.append(piece.table);
        } else {
          const t = new LogicalTable(piece.table);
          out.table(t);
        }
        const last = k === pieces.length - 1;
        const current = out.lastTable();
        open = last && current ? { table: current, page: l.page.n } : null;
      } else {
        out.lines(piece.lines, l.page.n);
        open = null;
      }
    });
    if (pieces.length === 0) open = null;
  }
  return out.finish();
}

/** Tables and runs of lines of a page, top to bottom. */
function piecesOf(l: PageLayout): Piece[] {
  const pieces: Piece[] = l.tables.map((t) => ({ kind: 'table' as const, top: t.top, table: t }));
  let run: Line[] = [];
  const flushRun = () => {
    if (run.length > 0) pieces.push({ kind: 'lines', top: run[0]!.y - run[0]!.size, lines: run });
    run = [];
  };
  // Lines between two tables belong between them.
  const tops = l.tables.map((t) => t.top).sort((a, b) => a - b);
  let zone = -1;
  for (const line of l.lines) {
    const z = tops.filter((t) => t <= line.y - line.size).length;
    if (z !== zone) flushRun();
    zone = z;
    run.push(line);
  }
  flushRun();
  return pieces.sort((a, b) => a.top - b.top);
}

// ---- page furniture -------------------------------------------------------------

const PAGE_NUMBER = /^(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*\/\s*\d{1,4})?$/i;

/**
 * Page numbers and running headers / footers: the first or last line of a
 * page (above or below everything else). A lone number ("3", "- 3 -",
 * "Trang 3") centred or in the outer tenth of the page is a page number. A
 * line in the top (bottom) tenth whose text, digits aside, is the first (last)
 * line of other pages too, and that stands apart from the text below (above)
 * it, is a running header (footer); a heading that repeats at the top of two
 * pages ("PHỤ LỤC") sits close to its caption and stays.
 */
function dropFurniture(layouts: PageLayout[]): void {
  const key = (s: string) => s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const edges = layouts.map((l) => {
    const tableTop = Math.min(...l.tables.map((t) => t.top));
    const tableBottom = Math.max(...l.tables.map((t) => t.bottom));
    const first = l.lines[0];
    const last = l.lines[l.lines.length - 1];
    return {
      top: first && first.y < tableTop ? first : null,
      bottom: last && last.y - last.size > tableBottom ? last : null,
    };
  });
  const tops = new Map<string, number>();
  const bottoms = new Map<string, number>();
  layouts.forEach((l, i) => {
    const { top, bottom } = edges[i]!;
    const h = l.page.height;
    if (top && top.y < 0.12 * h) tops.set(key(top.text), (tops.get(key(top.text)) ?? 0) + 1);
    if (bottom && bottom.y > 0.88 * h) bottoms.set(key(bottom.text), (bottoms.get(key(bottom.text)) ?? 0) + 1);
  });
  const enough = Math.max(2, Math.ceil(0.4 * layouts.length));
  layouts.forEach((l, i) => {
    const h = l.page.height;
    const isNumber = (line: Line) => {
      if (!PAGE_NUMBER.test(line.text)) return false;
      const cx = (line.x0 + line.x1) / 2;
      return Math.abs(cx - l.page.width / 2) < 0.12 * l.page.width || line.y < 0.1 * h || line.y > 0.9 * h;
    };
    // Space between a line and what follows (precedes) it on the page.
    const below = (line: Line, rest: Line[]) =>
      Math.min(...rest.filter((x) => x.y > line.y).map((x) => x.y - x.size), ...l.tables.map((t) => t.top).filter((t) => t > line.y)) - line.y;
    const above = (line: Line, rest: Line[]) =>
      line.y - line.size - Math.max(...rest.filter((x) => x.y < line.y).map((x) => x.y + 0.25 * x.size), ...l.tables.map((t) => t.bottom).filter((t) => t < line.y));
    const drop = new Set<Line>();
    const tryTop = (line: Line | undefined) => {
      if (!line || line.y >= Math.min(...l.tables.map((t) => t.top))) return false;
      const rest = l.lines.filter((x) => x !== line && !drop.has(x));
      const running = line.y < 0.12 * h && (tops.get(key(line.text)) ?? 0) >= enough && below(line, rest) >= 0.7 * line.size;
      if (!isNumber(line) && !running) return false;
      drop.add(line);
      return true;
    };
    const tryBottom = (line: Line | undefined) => {
      if (!line || line.y - line.size <= Math.max(...l.tables.map((t) => t.bottom))) return false;
      const rest = l.lines.filter((x) => x !== line && !drop.has(x));
      const running = line.y > 0.88 * h && (bottoms.get(key(line.text)) ?? 0) >= enough && above(line, rest) >= 0.5 * line.size;
      if (!isNumber(line) && !running) return false;
      drop.add(line);
      return true;
    };
    // A running header above a page number (or the other way round): two lines at most at each edge.
    const { top, bottom } = edges[i]!;
    if (top && tryTop(top)) tryTop(l.lines.find((x) => !drop.has(x)));
    if (bottom && tryBottom(bottom)) tryBottom([...l.lines].reverse().find((x) => !drop.has(x)));
    if (drop.size > 0) l.lines = l.lines.filter((x) => !drop.has(x));
  });
}

// ---- one table across pages -------------------------------------------------------

class LogicalTable {
  readonly rows: GridRow[];
  /** Column boundaries of the first piece. */
  readonly xs: number[];
  private first: PageTable;
  headerRows = 0;

  constructor(t: PageTable) {
    this.first = t;
    this.xs = t.xs;
    this.rows = [...t.rows];
  }

  /** A table starting the next page continues this one when it has the same columns. */
  accepts(t: PageTable): boolean {
    if (t.xs.length !== this.xs.length) return false;
    const scale = Math.max(1, (this.xs[this.xs.length - 1]! - this.xs[0]!) * 0.01);
    if (t.xs.every((x, i) => Math.abs(x - this.xs[i]!) <= Math.max(3, scale))) return true;
    // Columns of a table without rules are estimated on each page: the same header says it is the same table.
    const head = t.rows[0];
    return !t.ruled && !this.first.ruled && !!head && rowKey(head) !== '' && rowKey(head) === rowKey(this.first.rows[0]!);
  }

  append(t: PageTable): void {
    let rows = [...t.rows];
    // The header printed again: leading rows that repeat the first rows of the table.
    let h = 0;
    while (h < Math.min(4, rows.length, this.first.rows.length) && rowKey(rows[h]!) === rowKey(this.first.rows[h]!) && rowKey(rows[h]!) !== '') h++;
    if (h > 0) {
      this.headerRows = Math.max(this.headerRows, h);
      rows = rows.slice(h);
    }
    const last = this.rows[this.rows.length - 1];
    const next = rows[0];
    if (last && next) {
      const C = next.regions.length;
      const firstCell = next.regions[0]!;
      const split = firstCell.c0 === 0 && !regionText(firstCell) && rowsOf(firstCell, rows) === 1 && next.regions.some(regionText);
      const joinable = (c: number) => {
        const a = last.regions[c]!;
        const b = next.regions[c]!;
        return a.c0 === b.c0 && a.c1 === b.c1;
      };
      if (split && next.regions.every((_r, c) => joinable(c))) {
        // The tail of the row above: each cell's lines go to the cell above, and so does any merge it starts.
        for (let c = 0; c < C; c++) {
          const b = next.regions[c]!;
          if (b.c0 !== c) continue;
          link(last.regions[c]!, b, rows);
        }
        rows = rows.slice(1);
      } else {
        // A merged cell running over the break: an empty cell on top continuing a cell that covers rows above.
        for (let c = 0; c < C; c++) {
          const a = last.regions[c]!;
          const b = next.regions[c]!;
          if (b.c0 !== c || !joinable(c) || regionText(b) || !regionText(a)) continue;
          const aRows = rowsOf(a, this.rows);
          const bRows = rowsOf(b, rows);
          if (aRows > 1 || bRows > 1) link(a, b, rows);
        }
      }
    }
    this.rows.push(...rows);
  }
}

/** Region b (on a new page) continues region a: its lines join a's, and its rows now show a. */
function link(a: Region, b: Region, rows: GridRow[]): void {
  if (a === b) return;
  a.parts.push(...b.parts);
  for (const row of rows) row.regions = row.regions.map((r) => (r === b ? a : r));
}

function rowsOf(reg: Region, rows: GridRow[]): number {
  return rows.filter((r) => r.regions.includes(reg)).length;
}

function rowKey(row: GridRow): string {
  return row.regions
    .map((reg, c) => (reg.c0 === c ? reg.parts.flatMap((p) => p.lines.map((l) => l.text)).join(' ') : ''))
    .join('|')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\|+$/, '');
}

// ---- emitting blocks ---------------------------------------------------------------

interface ParaEntry {
  text: string;
  page: number;
  bold: boolean;
  /** Starts a new paragraph (a blank line before it). */
  fresh: boolean;
}

/**
 * Collects paragraphs and tables in reading order; numbers them at the end,
 * when every table has all its rows (a table grows as later pages continue it).
 */
class Emitter {
  private items: Array<ParaEntry | LogicalTable> = [];
  private prev: { line: Line; page: number } | null = null;

  constructor(private spacing: Spacing) {}

  lines(lines: Line[], page: number): void {
    for (const group of columnsOf(lines)) {
      group.forEach((l, i) => {
        let fresh: boolean;
        if (i > 0) fresh = this.isNewParagraph(group[i - 1]!, l);
        else if (this.prev && this.prev.page !== page) {
          // Text running on from the page before, mid-sentence.
          fresh = !/^\p{Ll}/u.test(l.text);
        } else fresh = true;
        this.items.push({ text: l.text, page, bold: l.bold, fresh });
        this.prev = { line: l, page };
      });
    }
  }

  private isNewParagraph(a: Line, b: Line): boolean {
    if (this.spacing.isBreak(a, b)) return true;
    // A first-line indent.
    return b.x0 - a.x0 > 0.8 * b.size && b.x1 <= a.x1 + 2;
  }

  table(t: LogicalTable): void {
    this.items.push(t);
    this.prev = null;
  }

  lastTable(): LogicalTable | null {
    const b = this.items[this.items.length - 1];
    return b instanceof LogicalTable ? b : null;
  }

  finish(): Block[] {
    const out: Block[] = [];
    let line = 0;
    let afterTable = false;
    for (const item of this.items) {
      if (item instanceof LogicalTable) {
        const table = emitTable(item, line + (line > 0 ? 2 : 1), this.spacing);
        if (table) {
          out.push(table);
          line = table.rows[table.rows.length - 1]!.line;
          afterTable = true;
        }
        continue;
      }
      line += (item.fresh || afterTable) && line > 0 ? 2 : 1;
      afterTable = false;
      const p: Paragraph = { kind: 'para', text: item.text, line, page: item.page };
      if (item.bold) p.bold = true;
      out.push(p);
    }
    return out;
  }
}

/**
 * Side-by-side text (letterhead, signature): when lines hold pieces far apart
 * and those pieces fall into columns, the block is read column by column.
 */
function columnsOf(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let i = 0;
  let plain: Line[] = [];
  const flushPlain = () => {
    if (plain.length > 0) out.push(plain);
    plain = [];
  };
  while (i < lines.length) {
    const segs = segmentsOf(lines[i]!, 1.5);
    if (segs.length < 2) {
      plain.push(lines[i]!);
      i++;
      continue;
    }
    // Grow a block of lines whose pieces keep to the same columns.
    let cols = intervals(segs);
    let j = i + 1;
    while (j < lines.length) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      if (l.y - prev.y > 2.5 * Math.max(l.size, prev.size)) break;
      const next = intervals([...cols.map((c) => ({ x0: c[0], x1: c[1] })), ...segmentsOf(l, 1.5)]);
      if (next.length < cols.length) break;
      cols = next;
      j++;
    }
    if (cols.length < 2 || j - i < 2) {
      plain.push(lines[i]!);
      i++;
      continue;
    }
    flushPlain();
    const per: Run[][][] = cols.map(() => []);
    for (let k = i; k < j; k++) {
      const row: Run[][] = cols.map(() => []);
      for (const s of segmentsOf(lines[k]!, 1.5)) {
        const c = cols.findIndex(([a, b]) => s.x0 >= a - 0.5 && s.x1 <= b + 0.5);
        row[Math.max(0, c)]!.push(...s.runs);
      }
      row.forEach((rs, c) => {
        if (rs.length > 0) per[c]!.push(rs);
      });
    }
    for (const col of per) if (col.length > 0) out.push(col.map(lineOf));
    i = j;
  }
  flushPlain();
  return out;
}

/** Union of x extents, as separate intervals. */
function intervals(pieces: Array<{ x0: number; x1: number }>): Array<[number, number]> {
  const s = [...pieces].sort((a, b) => a.x0 - b.x0);
  const out: Array<[number, number]> = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p.x0 <= last[1] + 2) last[1] = Math.max(last[1], p.x1);
    else out.push([p.x0, p.x1]);
  }
  return out;
}

function emitTable(t: LogicalTable, start: number, spacing: Spacing): Table | null {
  const rows: TableRow[] = [];
  const seenText = new Map<Region, string>();
  const textOf = (reg: Region): string => {
    let s = seenText.get(reg);
    if (s === undefined) {
      s = regionToText(reg, spacing);
      seenText.set(reg, s);
    }
    return s;
  };
  const started = new Set<Region>();
  let line = start;
  t.rows.forEach((row, r) => {
    const cells: TableCell[] = row.regions.map((reg, c) => {
      if (reg.c0 !== c) return { text: '' };
      const cell: TableCell = { text: textOf(reg) };
      if (started.has(reg)) cell.merged = true;
      if (reg.c1 - reg.c0 > 1) cell.span = reg.c1 - reg.c0;
      return cell;
    });
    for (const reg of row.regions) started.add(reg);
    if (cells.every((c) => c.text === '')) return;
    const tr: TableRow = { cells, line: line++, page: row.page };
    if (r < t.headerRows) tr.header = true;
    rows.push(tr);
  });
  if (rows.length === 0) return null;
  const first = rows[0]!;
  return { kind: 'table', rows, line: first.line, page: first.page };
}

/**
 * A cell's text. Within a page, lines are joined by paragraph ("\n" after a
 * gap wider than a wrapped line's) and a lone word that fills the cell's
 * width is glued to the next line (a word broken because it could not fit,
 * "15/12/202" / "6"). Across a page break the gap is unknown: the line on the
 * new page starts a paragraph when the last line before the break stopped
 * short of the cell's width (the next word would have fitted), or when the
 * lines before the break were each a paragraph of its own (agencies one per
 * paragraph); else it is a wrapped line.
 */
function regionToText(reg: Region, spacing: Spacing): string {
  let partShape = { lines: 0, breaks: 0 };
  let text = '';
  let prev: Line | null = null;
  let prevRoom = 0;
  for (const part of reg.parts) {
    let lines = 0;
    let breaks = 0;
    part.lines.forEach((l, i) => {
      if (!l.text) return;
      if (prev === null) text = l.text;
      else if (i === 0) {
        const word = l.text.split(' ')[0] ?? '';
        const wordWidth = ((l.x1 - l.x0) * [...word].length) / Math.max(1, [...l.text].length);
        const fits = prev.x1 - prev.x0 + 0.25 * l.size + wordWidth <= prevRoom - 1;
        const list = partShape.lines >= 2 && partShape.breaks === partShape.lines - 1;
        text = fits || list ? `${text}\n${l.text}` : joinWrapped(text, l.text);
      } else if (spacing.isBreak(prev, l)) {
        text = `${text}\n${l.text}`;
        breaks++;
      } else if (!prev.text.includes(' ') && prev.x1 - prev.x0 >= 0.85 * part.room) {
        text += l.text;
      } else text = joinWrapped(text, l.text);
      lines++;
      prev = l;
    });
    partShape = { lines, breaks };
    prevRoom = part.room;
  }
  return text;
}

import { PlanError } from '../../model/errors.js';
import type { RawPage, Seg } from '../../read/layout/page.js';
import type { PageOcr, PageSize } from '../../read/ocr-port.js';
import { mergeSegs } from '../../read/layout/rulings.js';
import { binarize, inkShare, otsu, parsePgm, rotate, skewAngle, toPgm, type Gray } from './raster.js';
import { eraseRules, findRules, type PixelSeg } from './rules.js';
import { ocrTools, ocrUnavailable, recognise, renderPage, ToolTimeout, type ToolCheck } from './tools.js';
import { byLine, parseTsv, usualEm, wordsToRuns, type OcrWord } from './words.js';
import { orphanBoxes } from './orphans.js';
import { restoreDiacritics } from './diacritics.js';
import { despeckle } from './specks.js';
import { buildStrips, hasInk, whiten, type Box } from './strip.js';
import { ruledGrids } from '../../read/layout/rulings.js';
import { cellBoxes } from '../../read/layout/ruled.js';

/**
 * Scanned pages → the layout engine's pages. For each page: render it grey
 * (pdftoppm), find and undo its skew, find its ruling lines and whiten them,
 * remove specks, let tesseract read each table cell apart and the rest as a
 * page, read again what it passed over, restore tone marks, turn the words
 * into runs. Pages run side by side, `parallel` at a time (within --jobs).
 *
 * In: a PDF's bytes and the pages to read with their size. Out: RawPage per
 * page (`ocr` set; `blank` when the image holds no ink), or a PlanError:
 * tools missing (ocr.unavailable), a page that could not be read
 * (ocr.failed), the file's time spent (file.timeout). The PDF reader tells a
 * blank or unreadable scan from these pages.
 */

export interface OcrOptions {
  mode: 'auto' | 'force';
  /** Pages read at once. */
  parallel: number;
  /** Resolution pages are rendered at (lower for a page too large to hold at it). */
  dpi: number;
  /** Time for one page (render and recognition), in ms. */
  pageTimeoutMs: number;
  /** When the file's time is up (epoch ms): no program is started, or left running, past it. */
  deadline?: number;
  /** Called as each page is done (for progress on a terminal). */
  onPage?: (done: number, total: number) => void;
}

export const OCR_DEFAULTS: Omit<OcrOptions, 'mode'> = { parallel: 1, dpi: 300, pageTimeoutMs: 120_000 };

/** Most pixels a rendered page may have (an A4 page at 300 dpi has 8.7 M; an A0 map would have 140 M). */
const MAX_PIXELS = 40e6;

/** Strips are cut below tesseract's largest image side (32,767 pixels). */
const MAX_STRIP = 30_000;

export function createPageOcr(o: Partial<OcrOptions> & { mode: OcrOptions['mode'] }): PageOcr {
  const opts: OcrOptions = { ...OCR_DEFAULTS, ...o };
  return {
    mode: opts.mode,
    readPages: (file, bytes, pages) => readScannedPages(file, bytes, pages, opts),
  };
}

export async function readScannedPages(file: string, bytes: Uint8Array, pages: PageSize[], o: OcrOptions): Promise<RawPage[]> {
  const tools = ocrTools();
  // Rendering tells a blank scan from a page to read; tesseract is needed only for the latter.
  if (!tools.render) throw ocrUnavailable(file, tools.missing);
  const out: RawPage[] = new Array(pages.length);
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // One page failing ends the file: the other loops stop taking pages.
    while (next < pages.length && !failed) {
      const i = next++;
      try {
        out[i] = await readPage(file, bytes, pages[i]!, o, tools);
      } catch (e) {
        failed = true;
        throw e;
      }
      o.onPage?.(++done, pages.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, pages.length)) }, worker));
  return out;
}

async function readPage(file: string, bytes: Uint8Array, size: PageSize, o: OcrOptions, tools: ToolCheck): Promise<RawPage> {
  const n = size.n;
  const started = Date.now();
  const left = (): number => {
    const ms = Math.min(o.pageTimeoutMs - (Date.now() - started), (o.deadline ?? Infinity) - Date.now());
    if (ms < 500) throw new ToolTimeout('ocr', o.pageTimeoutMs);
    return ms;
  };
  const inches = (Math.max(1, size.width) / 72) * (Math.max(1, size.height) / 72);
  const dpi = Math.max(50, Math.min(o.dpi, Math.floor(Math.sqrt(MAX_PIXELS / inches))));
  let img: Gray;
  try {
    img = parsePgm(await renderPage(bytes, n, dpi, left()));
  } catch (e) {
    throw pageFault(file, n, e);
  }
  const k = 72 / dpi;
  const page: RawPage = { n, width: img.width * k, height: img.height * k, runs: [], hs: [], vs: [], ocr: true };
  const threshold = otsu(img);
  // A blank page (or one with a speck or two) has nothing for tesseract.
  if (inkShare(img, threshold) < 0.0005) return { ...page, blank: true };
  if (!tools.ok) throw ocrUnavailable(file, tools.missing);
  const level = rotate(img, skewAngle(img, threshold));
  const rules = findRules(level, threshold, { dpi });
  const erased = eraseRules(level, rules);
  // Letter size from the rules' page before any word is read: the ink's typical stroke height is not known yet,
  // so specks are judged against the body text size of a printed plan at this resolution (13 pt).
  const clean = despeckle(erased, threshold, (13 * dpi) / 72);
  page.hs = mergeSegs(rules.hs.map((s) => toPoints(s, k)));
  page.vs = mergeSegs(rules.vs.map((s) => toPoints(s, k)));
  // Ruled tables: each cell read on its own (a strip of cells), the rest of the page as a page.
  const grids = ruledGrids(page);
  const px = (b: Box): Box => ({ x0: b.x0 / k, y0: b.y0 / k, x1: b.x1 / k, y1: b.y1 / k });
  const inset = Math.max(2, Math.round(dpi / 60));
  const cells = grids
    .flatMap((g) => cellBoxes(g).map(px))
    .map((b) => ({ x0: b.x0 + inset, y0: b.y0 + inset, x1: b.x1 - inset, y1: b.y1 - inset }))
    .filter((b) => b.x1 > b.x0 && b.y1 > b.y0 && hasInk(clean, b, threshold));
  const tables = grids.map((g) => px({ x0: g.xs[0]!, y0: g.ys[0]!, x1: g.xs[g.xs.length - 1]!, y1: g.ys[g.ys.length - 1]! }));
  const gap = Math.round(dpi / 5);
  /** Boxes read in strips (cut below tesseract's size limit), their words put back on the page. */
  const readBoxes = async (boxes: Box[], pad: number, tag: string, only?: string, bw = false): Promise<OcrWord[]> => {
    const found: OcrWord[] = [];
    for (const [i, strip] of buildStrips(clean, boxes, pad, gap, MAX_STRIP).entries()) {
      const image = bw ? binarize(strip.image, threshold) : strip.image;
      found.push(...strip.place(parseTsv(await recognise(toPgm(image), dpi, left(), 6, only)), `${tag}${i}`));
    }
    return found;
  };
  let words: OcrWord[] = [];
  try {
    words.push(...(await readBoxes(cells, 0, 'cell')));
    const rest = tables.length > 0 ? whiten(clean, tables) : clean;
    if (inkShare(rest, threshold) > 0) words.push(...parseTsv(await recognise(toPgm(rest), dpi, left())));
    // Short text standing alone (TT numbers) that the page layout passed over: read again.
    const em = usualEm(words);
    words.push(...(await readBoxes(orphanBoxes(clean, threshold, words, em), Math.round(0.4 * em), 'orphan')));
    // Numbers alone in a narrow cell (TT "3" read as "Ẫ", "7" as "vị"): read again as numbering only, in
    // black and white (a lone digit in grey JPEG noise is what tesseract misreads most).
    const numbering = cells.filter((b) => isNumberingCell(b, words, usualEm(words)));
    words = replaceIn(words, numbering, await readBoxes(numbering, 0, 'num', NUMBERING_CHARS, true));
  } catch (e) {
    throw pageFault(file, n, e);
  }
  const { runs } = wordsToRuns(restoreMarks(words), dpi);
  page.runs = runs.filter((r) => isText(r.text, r.conf ?? 100));
  return page;
}

/**
 * Tone marks tesseract misreads on Times New Roman ("nổ" as "nỗ", "thẩm" as
 * "thâm"), chosen again line by line from a word-pair table of real plans
 * (diacritics.ts); sure words stay as read. And a heading number read "1:".
 */
export function restoreMarks(words: OcrWord[]): OcrWord[] {
  const fixed = new Map<OcrWord, string>();
  for (const list of byLine(words).values()) {
    list.sort((a, b) => a.left - b.left);
    restoreDiacritics(list).forEach((text, i) => {
      if (text !== list[i]!.text) fixed.set(list[i]!, text);
    });
    // A heading's number read with a colon ("1: Sở Công Thương"): plans number headings "1.", never "1:".
    const [first, second] = list;
    if (first && second && /^\d{1,2}:$/u.test(first.text) && /^\p{Lu}/u.test(second.text)) fixed.set(first, first.text.replace(':', '.'));
  }
  return fixed.size === 0 ? words : words.map((w) => (fixed.has(w) ? { ...w, text: fixed.get(w)! } : w));
}

/** What a TT cell holds: 1, 1.2, III, a), đ, -; and its header, TT or STT. */
const NUMBERING_CHARS = '0123456789.,:;()-IVXLivxlabcdđeghkST';

/**
 * A narrow cell (at most three ems wide: a TT column) whose words are short and
 * not clearly a number: tesseract's guess at a lone digit is often a letter.
 */
function isNumberingCell(b: Box, words: OcrWord[], em: number): boolean {
  if (em <= 0 || b.x1 - b.x0 > 3 * em) return false;
  const inside = words.filter((w) => centreIn(w, b));
  if (inside.length === 0 || inside.length > 2 || inside.some((w) => w.text.length > 4)) return false;
  return inside.some((w) => w.conf < 80 || !/^(?:\d+(?:\.\d+)*|[IVXLC]+|[a-zđ])[.)]?$/u.test(w.text));
}

/** The words of the boxes read again take the place of the first reading there, where they are surer. */
function replaceIn(words: OcrWord[], boxes: Box[], again: OcrWord[]): OcrWord[] {
  let out = words;
  for (const b of boxes) {
    const old = out.filter((w) => centreIn(w, b));
    const fresh = again.filter((w) => centreIn(w, b));
    const conf = (ws: OcrWord[]) => (ws.length === 0 ? 0 : Math.min(...ws.map((w) => w.conf)));
    if (fresh.length > 0 && conf(fresh) > conf(old)) out = [...out.filter((w) => !old.includes(w)), ...fresh];
  }
  return out;
}

function centreIn(w: OcrWord, b: Box): boolean {
  const cx = w.left + w.width / 2;
  const cy = w.top + w.height / 2;
  return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
}

/** Specks read as marks ("-", "—", "*") with little confidence are not words; a real dash is read surely. */
function isText(text: string, conf: number): boolean {
  if (/[\p{L}\p{N}]/u.test(text)) return conf >= 10 || text.length > 2;
  return conf >= 80;
}

function toPoints(s: PixelSeg, k: number): Seg {
  return { at: s.at * k, from: s.from * k, to: (s.to + 1) * k };
}

function pageFault(file: string, n: number, e: unknown): PlanError {
  if (e instanceof ToolTimeout) {
    return new PlanError(
      'file.timeout',
      `Tệp ${file}: hết thời gian khi nhận dạng ký tự trang ${n} nên đã dừng (đổi bằng --timeout)`,
      `${file}: time ran out while OCR read page ${n}, so it was stopped (change with --timeout)`,
    );
  }
  const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return new PlanError(
    'ocr.failed',
    `Tệp ${file}: không nhận dạng được trang ${n} (${detail})`,
    `${file}: page ${n} could not be read by OCR (${detail})`,
  );
}

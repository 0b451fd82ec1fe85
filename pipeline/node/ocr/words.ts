import type { Run } from '../../read/layout/page.js';

/**
 * Tesseract's TSV → the layout engine's runs: one run per word, in points
 * (y down), on the baseline of its text line, with the font size guessed
 * from the line's height and tesseract's confidence kept.
 *
 * In: TSV text (levels 1–5: page, block, paragraph, line, word) and the
 * image's resolution. Out: runs.
 */

export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  /** block.paragraph.line, tesseract's own text line. */
  line: string;
}

export function parseTsv(tsv: string): OcrWord[] {
  const out: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = cleanWord(f.slice(11).join('\t').trim().normalize('NFC'));
    if (!text) continue;
    out.push({
      text,
      left: Number(f[6]),
      top: Number(f[7]),
      width: Number(f[8]),
      height: Number(f[9]),
      conf: Number(f[10]),
      line: `${f[2]}.${f[3]}.${f[4]}`,
    });
  }
  return out;
}

/** Names written with a capital inside a word, which OCR must not split. */
const INNER_CAPITALS = /^(?:VNeID|eKYC|eGov|iOS|iPhone|iPad|mSMS|PCs?)$/u;

/**
 * What tesseract leaves on a word from a scan: a speck read as a lone mark
 * ("'", ".", "‘") or stuck before the word ("'Sở"), and two words run together
 * where the space was narrow ("SởY tế" → "Sở Y tế"; Vietnamese has no capital
 * inside a word).
 */
export function cleanWord(text: string): string {
  if (/^[.,'`‘’"“”:;~_^|¦]+$/u.test(text)) return '';
  // A dash stuck to a word is a speck: bullets stand apart ("- Triển khai"), ranges are digits ("2026-2030").
  let t = text.replace(/^['`‘’,.]+(?=\p{L})/u, '').replace(/^[-–—](?=\p{Ll})/u, '').replace(/(?<=\p{L})[-–—]$/u, '');
  if (!INNER_CAPITALS.test(t.replace(/[^\p{L}]/gu, ''))) t = t.replace(/(?<=\p{Ll})(?=\p{Lu})/gu, ' ');
  return t;
}

/** Letters that reach below the baseline: a word holding one does not end on it. */
const DESCENDS = /[gjpqyạặậẹệịọộợụựỵỴẠẶẬẸỆỊỌỘỢỤỰ,;()[\]{}|/Qç]/u;

/** The em of a text line is about its height over this (capitals with tone marks above, descenders below). */
const LINE_PER_EM = 1.12;

export interface WordRuns {
  runs: Run[];
}

/** Words by tesseract's text line, in the order met. */
export function byLine(words: OcrWord[]): Map<string, OcrWord[]> {
  const out = new Map<string, OcrWord[]>();
  for (const w of words) {
    const list = out.get(w.line) ?? [];
    list.push(w);
    out.set(w.line, list);
  }
  return out;
}

/** The usual height of the page's text lines, in pixels (0 without words). */
export function usualLineHeight(words: OcrWord[]): number {
  const heights = [...byLine(words).values()].map(lineHeight).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** The usual em of the page, in pixels. */
export function usualEm(words: OcrWord[]): number {
  return usualLineHeight(words) / LINE_PER_EM;
}

export function wordsToRuns(words: OcrWord[], dpi: number): WordRuns {
  const k = 72 / dpi;
  const lines = byLine(words);
  // The usual line height of the page: text of the body size gets one size, so the layout's line spacing holds.
  const usual = usualLineHeight(words);
  const runs: Run[] = [];
  for (const list of lines.values()) {
    const h = lineHeight(list);
    const em = (Math.abs(h - usual) <= 0.25 * usual ? usual : h) / LINE_PER_EM;
    const base = baseline(list, em);
    for (const w of list) {
      runs.push({
        text: w.text.normalize('NFC'),
        x0: w.left * k,
        x1: (w.left + w.width) * k,
        // The line's baseline for every word: a speck beside a word stretches its box, not the line's median.
        y: base * k,
        size: Math.round(em * k * 2) / 2,
        bold: false,
        conf: w.conf,
      });
    }
  }
  return { runs };
}

function lineHeight(list: OcrWord[]): number {
  const top = Math.min(...list.map((w) => w.top));
  const bottom = Math.max(...list.map((w) => w.top + w.height));
  return bottom - top;
}

/** The bottom most words without descenders share; else the line's bottom less a descender. */
function baseline(list: OcrWord[], em: number): number {
  const flat = list.filter((w) => !DESCENDS.test(w.text)).map((w) => w.top + w.height);
  if (flat.length > 0) {
    flat.sort((a, b) => a - b);
    return flat[Math.floor(flat.length / 2)]!;
  }
  return Math.max(...list.map((w) => w.top + w.height)) - 0.22 * em;
}

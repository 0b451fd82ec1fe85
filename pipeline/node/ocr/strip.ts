import type { Box, Gray } from './raster.js';

export type { Box } from './raster.js';
import type { OcrWord } from './words.js';

/**
 * Pieces of a page read apart: each box (a table cell, a group of marks the
 * first pass missed) is cut out and the pieces are stacked, white between
 * them, into one image that tesseract reads in a single call as a block of
 * text. A text line of a cell then never runs into the next cell's (which
 * the page layout of a whole page does where cells' lines sit at different
 * heights), and one process start serves a whole table.
 *
 * In: the page image, boxes in pixels, margin and gap. Out: the strip, and
 * a function that puts the strip's words back where their box is.
 */

export interface Strip {
  image: Gray;
  /** The strip's words at their place on the page, line ids `<tag>.<box>.<line>`. */
  place(words: OcrWord[], tag: string): OcrWord[];
}

export function buildStrip(img: Gray, boxes: Box[], pad: number, gap: number): Strip | null {
  if (boxes.length === 0) return null;
  const b = boxes.map((x) => ({
    x0: Math.max(0, Math.floor(x.x0) - pad),
    y0: Math.max(0, Math.floor(x.y0) - pad),
    x1: Math.min(img.width - 1, Math.ceil(x.x1) + pad),
    y1: Math.min(img.height - 1, Math.ceil(x.y1) + pad),
  }));
  const width = Math.max(...b.map((x) => x.x1 - x.x0 + 1)) + 2 * gap;
  const at: number[] = [];
  let height = gap;
  for (const x of b) {
    at.push(height);
    height += x.y1 - x.y0 + 1 + gap;
  }
  const data = new Uint8Array(width * height).fill(255);
  b.forEach((x, i) => {
    const w = x.x1 - x.x0 + 1;
    for (let y = x.y0; y <= x.y1; y++) {
      const from = y * img.width + x.x0;
      data.set(img.data.subarray(from, from + w), (at[i]! + y - x.y0) * width + gap);
    }
  });
  const place = (words: OcrWord[], tag: string): OcrWord[] => {
    const out: OcrWord[] = [];
    for (const w of words) {
      const cy = w.top + w.height / 2;
      const i = at.findIndex((top, k) => cy >= top && cy <= top + b[k]!.y1 - b[k]!.y0);
      if (i < 0) continue;
      const x = b[i]!;
      out.push({ ...w, left: w.left - gap + x.x0, top: w.top - at[i]! + x.y0, line: `${tag}.${i}.${w.line}` });
    }
    return out;
  };
  return { image: { width, height, data }, place };
}

/** Strips of at most `maxHeight` pixels (tesseract refuses an image side over 32,767), boxes in order. */
export function buildStrips(img: Gray, boxes: Box[], pad: number, gap: number, maxHeight: number): Strip[] {
  const out: Strip[] = [];
  let group: Box[] = [];
  let height = gap;
  for (const b of boxes) {
    const h = Math.ceil(b.y1) - Math.floor(b.y0) + 1 + 2 * pad + gap;
    if (group.length > 0 && height + h > maxHeight) {
      out.push(buildStrip(img, group, pad, gap)!);
      group = [];
      height = gap;
    }
    group.push(b);
    height += h;
  }
  if (group.length > 0) out.push(buildStrip(img, group, pad, gap)!);
  return out;
}

/** Whether a box holds ink (a cell with text in it). */
export function hasInk(img: Gray, box: Box, threshold: number, min = 8): boolean {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y <= Math.min(img.height - 1, Math.ceil(box.y1)); y++) {
    const row = y * img.width;
    for (let x = Math.max(0, Math.floor(box.x0)); x <= Math.min(img.width - 1, Math.ceil(box.x1)); x++) {
      if (img.data[row + x]! < threshold && ++n >= min) return true;
    }
  }
  return false;
}

/** The image with the boxes painted white (what is left is read as a page). */
export function whiten(img: Gray, boxes: Box[]): Gray {
  const data = img.data.slice();
  for (const x of boxes) {
    const x0 = Math.max(0, Math.floor(x.x0));
    const x1 = Math.min(img.width - 1, Math.ceil(x.x1));
    for (let y = Math.max(0, Math.floor(x.y0)); y <= Math.min(img.height - 1, Math.ceil(x.y1)); y++) {
      data.fill(255, y * img.width + x0, y * img.width + x1 + 1);
    }
  }
  return { width: img.width, height: img.height, data };
}

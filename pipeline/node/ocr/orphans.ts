import { components, type Box, type Gray } from './raster.js';
import type { OcrWord } from './words.js';

/**
 * Ink tesseract's page layout passed over. On a whole page it drops short
 * text standing alone: the TT numbers of a table ("1", "2", "10") in their
 * narrow column, a lone "a)". Those are what rows are counted by, so the
 * marks no word covers are gathered (connected components of letter size,
 * grouped into words by line and gap), to be read again in one strip.
 *
 * In: the levelled page image (rules erased), its ink threshold, the words
 * already read, the usual em in pixels. Out: boxes to read again (strip.ts).
 */


/** Most groups read again on one page: a page of unread marks is noise, not text. */
const MAX_GROUPS = 150;

/** Boxes of the ink no word covers, grouped into words (none when there are too many to be text). */
export function orphanBoxes(img: Gray, threshold: number, words: OcrWord[], em: number): Box[] {
  if (em <= 0) return [];
  const covered = new BoxIndex(words.map((w) => ({ x0: w.left - 3, y0: w.top - 3, x1: w.left + w.width + 3, y1: w.top + w.height + 3 })));
  const marks = components(img, threshold).filter((c) => {
    const h = c.y1 - c.y0 + 1;
    const w = c.x1 - c.x0 + 1;
    if (h < 0.3 * em || h > 1.6 * em || w > 3 * em) return false;
    if (covered.hits({ x0: (c.x0 + c.x1) / 2, y0: (c.y0 + c.y1) / 2, x1: (c.x0 + c.x1) / 2, y1: (c.y0 + c.y1) / 2 })) return false;
    // Tesseract's box may stop short of its word's last letters ("UBND" boxed as "UBN"): marks touching a word are its own.
    return !covered.touches(c, 0.35 * em);
  });
  const groups = group(marks, em);
  return groups.length > MAX_GROUPS ? [] : groups;
}

/** Marks side by side on one line, less than half an em apart, are one word to read. */
function group(marks: Box[], em: number): Box[] {
  const sorted = [...marks].sort((a, b) => a.x0 - b.x0);
  const out: Box[] = [];
  for (const m of sorted) {
    const g = out.find((o) => {
      const overlap = Math.min(o.y1, m.y1) - Math.max(o.y0, m.y0);
      return overlap > 0.3 * Math.min(o.y1 - o.y0, m.y1 - m.y0) && m.x0 - o.x1 <= 0.5 * em && m.x0 >= o.x0;
    });
    if (g) {
      g.x1 = Math.max(g.x1, m.x1);
      g.y0 = Math.min(g.y0, m.y0);
      g.y1 = Math.max(g.y1, m.y1);
    } else out.push({ ...m });
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** Word boxes by a coarse grid, for "is this point inside a word already read". */
class BoxIndex {
  private cells = new Map<number, Box[]>();
  private static readonly SIZE = 64;

  constructor(boxes: Box[]) {
    for (const b of boxes) {
      for (let gy = Math.floor(b.y0 / BoxIndex.SIZE); gy <= Math.floor(b.y1 / BoxIndex.SIZE); gy++) {
        for (let gx = Math.floor(b.x0 / BoxIndex.SIZE); gx <= Math.floor(b.x1 / BoxIndex.SIZE); gx++) {
          const k = gy * 100_000 + gx;
          const list = this.cells.get(k) ?? [];
          list.push(b);
          this.cells.set(k, list);
        }
      }
    }
  }

  /** A word box on the same line within `dx` of the box, left or right. */
  touches(c: Box, dx: number): boolean {
    const seen = new Set<Box>();
    for (let gy = Math.floor(c.y0 / BoxIndex.SIZE); gy <= Math.floor(c.y1 / BoxIndex.SIZE); gy++) {
      for (let gx = Math.floor((c.x0 - dx) / BoxIndex.SIZE); gx <= Math.floor((c.x1 + dx) / BoxIndex.SIZE); gx++) {
        for (const b of this.cells.get(gy * 100_000 + gx) ?? []) {
          if (seen.has(b)) continue;
          seen.add(b);
          const overlap = Math.min(b.y1, c.y1) - Math.max(b.y0, c.y0);
          if (overlap > 0.5 * (c.y1 - c.y0) && c.x0 - dx <= b.x1 && c.x1 + dx >= b.x0) return true;
        }
      }
    }
    return false;
  }

  hits(p: Box): boolean {
    const k = Math.floor(p.y0 / BoxIndex.SIZE) * 100_000 + Math.floor(p.x0 / BoxIndex.SIZE);
    return (this.cells.get(k) ?? []).some((b) => p.x0 >= b.x0 && p.x0 <= b.x1 && p.y0 >= b.y0 && p.y0 <= b.y1);
  }
}

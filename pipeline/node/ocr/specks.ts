import { components, type Gray } from './raster.js';

/**
 * Specks off the glass: dots of dust or toner standing alone, which
 * tesseract reads as marks ("-", ".", "'") or as a wrong tone on the letter
 * beside them. A mark much smaller than a letter with no other ink around it
 * goes; the dots and tone marks of Vietnamese letters sit close to their
 * letter and stay.
 *
 * In: the levelled page (rules erased), its ink threshold, the usual em in
 * pixels. Out: the page without those specks.
 */
export function despeckle(img: Gray, threshold: number, em: number): Gray {
  if (em <= 0) return img;
  const { width: w, height: h, data } = img;
  // Ink counts over any box in O(1): a summed-area table of ink pixels.
  const W = w + 1;
  const sat = new Uint32Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      if (data[y * w + x]! < threshold) row++;
      sat[(y + 1) * W + x + 1] = sat[y * W + x + 1]! + row;
    }
  }
  const ink = (x0: number, y0: number, x1: number, y1: number): number => {
    const a = Math.max(0, x0);
    const b = Math.max(0, y0);
    const c = Math.min(w - 1, x1) + 1;
    const d = Math.min(h - 1, y1) + 1;
    return sat[d * W + c]! - sat[b * W + c]! - sat[d * W + a]! + sat[b * W + a]!;
  };
  const small = Math.max(2, 0.12 * em);
  const room = Math.max(3, Math.round(0.3 * em));
  let out: Uint8Array | null = null;
  for (const c of components(img, threshold)) {
    if (c.x1 - c.x0 + 1 > small || c.y1 - c.y0 + 1 > small) continue;
    const own = ink(c.x0, c.y0, c.x1, c.y1);
    if (ink(c.x0 - room, c.y0 - room, c.x1 + room, c.y1 + room) !== own) continue;
    out ??= data.slice();
    for (let y = c.y0; y <= c.y1; y++) out.fill(255, y * w + c.x0, y * w + c.x1 + 1);
  }
  return out ? { width: w, height: h, data: out } : img;
}

import type { Gray } from './raster.js';

/**
 * Ruling lines in a (deskewed) page image: long, thin, straight runs of ink,
 * horizontal or vertical. Table borders are found here where a PDF would
 * have drawn them as paths; tesseract is then given the image with those
 * lines whitened, so it does not read them as "|" or "_".
 *
 * In: a grey image and its ink threshold. Out: segments in pixels (`at` the
 * centre line, `from`–`to` along it) and the image with them erased.
 */

export interface PixelSeg {
  at: number;
  from: number;
  to: number;
  /** Thickness in pixels. */
  thick: number;
}

export interface Rules {
  hs: PixelSeg[];
  vs: PixelSeg[];
}

export interface RuleOptions {
  /** Resolution of the image, to turn lengths in points into pixels. */
  dpi: number;
}

/** Lengths in points: a rule is at least this long; thicker than 4 pt is a filled block, not a line. */
const MIN_H_PT = 16;
const MIN_V_PT = 15;
const MAX_THICK_PT = 4;
/** A gap in a printed line this short (speckle, a worn toner line) is bridged. */
const GAP_PT = 1.2;

export function findRules(img: Gray, threshold: number, o: RuleOptions): Rules {
  const px = (pt: number) => Math.max(1, Math.round((pt * o.dpi) / 72));
  const hs = scan(img, threshold, 'h', px(MIN_H_PT), px(GAP_PT), px(MAX_THICK_PT));
  const vs = scan(img, threshold, 'v', px(MIN_V_PT), px(GAP_PT), px(MAX_THICK_PT));
  return { hs, vs };
}

/**
 * Runs of ink along rows (h) or columns (v), gaps up to `gap` bridged, at
 * least `min` long and at least 90 % ink; runs on neighbouring rows that
 * overlap are one line, kept when no thicker than `maxThick`.
 */
function scan(img: Gray, threshold: number, dir: 'h' | 'v', min: number, gap: number, maxThick: number): PixelSeg[] {
  const { width: w, height: h, data } = img;
  const lines = dir === 'h' ? h : w;
  const along = dir === 'h' ? w : h;
  const at = dir === 'h' ? (line: number, k: number) => data[line * w + k]! : (line: number, k: number) => data[k * w + line]!;
  interface Open {
    first: number;
    last: number;
    from: number;
    to: number;
    sum: number;
    n: number;
  }
  let open: Open[] = [];
  const done: Open[] = [];
  for (let line = 0; line < lines; line++) {
    const runs: Array<[number, number]> = [];
    let start = -1;
    let lastInk = -1;
    let ink = 0;
    for (let k = 0; k <= along; k++) {
      const dark = k < along && at(line, k) < threshold;
      if (dark) {
        if (start < 0) {
          start = k;
          ink = 0;
        } else if (k - lastInk - 1 > gap) {
          if (lastInk - start + 1 >= min && ink >= 0.9 * (lastInk - start + 1)) runs.push([start, lastInk]);
          start = k;
          ink = 0;
        }
        lastInk = k;
        ink++;
      } else if (start >= 0 && (k === along || k - lastInk > gap)) {
        if (lastInk - start + 1 >= min && ink >= 0.9 * (lastInk - start + 1)) runs.push([start, lastInk]);
        start = -1;
      }
    }
    const next: Open[] = [];
    for (const [a, b] of runs) {
      const o = open.find((x) => x.last === line - 1 && a <= x.to && b >= x.from);
      if (o) {
        o.last = line;
        o.from = Math.min(o.from, a);
        o.to = Math.max(o.to, b);
        o.sum += line;
        o.n++;
        if (!next.includes(o)) next.push(o);
      } else next.push({ first: line, last: line, from: a, to: b, sum: line, n: 1 });
    }
    for (const o of open) if (!next.includes(o)) done.push(o);
    open = next;
  }
  done.push(...open);
  return done
    .filter((o) => o.last - o.first + 1 <= maxThick)
    .map((o) => ({ at: o.sum / o.n, from: o.from, to: o.to, thick: o.last - o.first + 1 }));
}

/** The image with the rules painted white (a pixel of margin each side, where antialiasing leaves grey). */
export function eraseRules(img: Gray, rules: Rules): Gray {
  const { width: w, height: h } = img;
  const data = img.data.slice();
  for (const s of rules.hs) {
    const y0 = Math.max(0, Math.floor(s.at - s.thick / 2) - 1);
    const y1 = Math.min(h - 1, Math.ceil(s.at + s.thick / 2) + 1);
    for (let y = y0; y <= y1; y++) data.fill(255, y * w + Math.max(0, s.from - 1), y * w + Math.min(w, s.to + 2));
  }
  for (const s of rules.vs) {
    const x0 = Math.max(0, Math.floor(s.at - s.thick / 2) - 1);
    const x1 = Math.min(w - 1, Math.ceil(s.at + s.thick / 2) + 1);
    for (let y = Math.max(0, s.from - 1); y <= Math.min(h - 1, s.to + 1); y++) data.fill(255, y * w + x0, y * w + x1 + 1);
  }
  return { width: w, height: h, data };
}

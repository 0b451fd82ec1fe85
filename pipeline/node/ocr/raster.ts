/**
 * A page image in memory and the few operations OCR needs before tesseract:
 * PGM in and out, a dark/light threshold, the skew of the text, rotation.
 *
 * In: 8-bit grey PNM (P5) as pdftoppm -gray writes it. Out: the same kind of
 * image, deskewed, and the boxes of its groups of ink; plain arrays, no
 * native image library.
 */

export interface Gray {
  width: number;
  height: number;
  /** One byte per pixel, row by row; 0 is black, 255 white. */
  data: Uint8Array;
}

/** A rectangle of pixels, edges included. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Parses a binary PGM (P5, maxval ≤ 255). Throws on anything else. */
export function parsePgm(buf: Uint8Array): Gray {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]!))) pos++;
      if (buf[pos] === 0x23) {
        while (pos < buf.length && buf[pos] !== 0x0a) pos++;
        continue;
      }
      break;
    }
    const start = pos;
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    return String.fromCharCode(...buf.subarray(start, pos));
  };
  if (token() !== 'P5') throw new Error('not a binary PGM image');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  pos++; // the single whitespace after maxval
  if (!(width > 0 && height > 0 && max > 0 && max <= 255)) throw new Error('bad PGM header');
  const data = buf.subarray(pos, pos + width * height);
  if (data.length < width * height) throw new Error('PGM image cut short');
  return { width, height, data: max === 255 ? data.slice() : data.map((v) => Math.round((v * 255) / max)) };
}

export function toPgm(img: Gray): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head);
  out.set(img.data, head.length);
  return out;
}

/** Otsu's threshold: the grey level that best parts ink from paper. */
export function otsu(img: Gray): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]!]!++;
  const total = img.data.length;
  let sum = 0;
  for (let t = 0; t < 256; t++) sum += t * hist[t]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let at = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      at = t;
    }
  }
  // A page with almost no ink has no valley: keep to a sensible dark level.
  return Math.min(Math.max(at, 60), 200);
}

/** Share of pixels darker than the threshold. */
export function inkShare(img: Gray, threshold: number): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i++) if (img.data[i]! < threshold) n++;
  return n / Math.max(1, img.data.length);
}

/**
 * The angle (degrees) by which `rotate` must turn the page to level its lines
 * of text and rules: the angle at which
 * the dark pixels, projected onto the vertical, give the sharpest profile
 * (lines fall into few rows). Searched within ±maxDeg, coarse then fine, on a
 * reduced copy of the image.
 */
export function skewAngle(img: Gray, threshold: number, maxDeg = 3): number {
  const step = Math.max(1, Math.round(img.width / 900));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += step) {
      if (img.data[row + x]! < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Map<number, number>();
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i]! + xs[i]! * t) / step);
      bins.set(b, (bins.get(b) ?? 0) + 1);
    }
    let s = 0;
    for (const v of bins.values()) s += v * v;
    return s;
  };
  const search = (from: number, to: number, by: number): number => {
    let best = 0;
    let bestScore = -1;
    for (let d = from; d <= to + 1e-9; d += by) {
      const s = score(d);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  };
  const coarse = search(-maxDeg, maxDeg, 0.2);
  const fine = search(coarse - 0.2, coarse + 0.2, 0.04);
  return Math.abs(fine) < 0.05 ? 0 : fine;
}

/**
 * The image turned by `deg` about its centre (bilinear), white where the
 * turned image leaves the page. Turning by skewAngle makes lines level.
 */
export function rotate(img: Gray, deg: number): Gray {
  if (deg === 0) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    // Source of (x, y): the inverse turn.
    let sx = cx + -cx * cos + dy * sin;
    let sy = cy - -cx * sin + dy * cos;
    for (let x = 0; x < w; x++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[y * w + x] = top + (bottom - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/** Ink black, paper white: what tesseract reads best where the scan is grey, noisy or compressed. */
export function binarize(img: Gray, threshold: number): Gray {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i]! < threshold ? 0 : 255;
  return { width: img.width, height: img.height, data };
}

/** Bounding boxes of the 8-connected groups of ink pixels (run-based labelling). */
export function components(img: Gray, threshold: number): Box[] {
  const { width: w, height: h, data } = img;
  const parent: number[] = [];
  const boxes: Box[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let prev: Array<[number, number, number]> = [];
  for (let y = 0; y < h; y++) {
    const cur: Array<[number, number, number]> = [];
    let x = 0;
    while (x < w) {
      if (data[y * w + x]! >= threshold) {
        x++;
        continue;
      }
      const s = x;
      while (x < w && data[y * w + x]! < threshold) x++;
      const e = x - 1;
      let label = -1;
      for (const [ps, pe, pl] of prev) {
        if (pe < s - 1 || ps > e + 1) continue;
        const root = find(pl);
        if (label < 0) label = root;
        else if (root !== label) {
          parent[root] = label;
          const a = boxes[label]!;
          const b = boxes[root]!;
          a.x0 = Math.min(a.x0, b.x0);
          a.y0 = Math.min(a.y0, b.y0);
          a.x1 = Math.max(a.x1, b.x1);
          a.y1 = Math.max(a.y1, b.y1);
        }
      }
      if (label < 0) {
        label = parent.length;
        parent.push(label);
        boxes.push({ x0: s, y0: y, x1: e, y1: y });
      } else {
        const b = boxes[label]!;
        b.x0 = Math.min(b.x0, s);
        b.x1 = Math.max(b.x1, e);
        b.y1 = y;
      }
      cur.push([s, e, label]);
    }
    prev = cur;
  }
  const out: Box[] = [];
  for (let i = 0; i < parent.length; i++) if (find(i) === i) out.push(boxes[i]!);
  return out;
}

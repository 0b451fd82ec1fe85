/**
 * pdf.js loaded in Node without what it wants only for drawing and fetching.
 *
 * In: a function that imports pdf.js's modules. Out: what it returns, with
 * the thread's globals and module cache as they were before.
 *
 * Why: at load, pdf.js (5.6, pinned) requires `@napi-rs/canvas` in Node, a
 * native drawing library (its binary opened and bound: 25–35 ms a thread),
 * and reads `Response.prototype` to polyfill `bytes()`, which makes Node load
 * its whole fetch implementation (undici: about 25 ms). Nothing here draws
 * (OCR renders pages with pdftoppm) or fetches. So while pdf.js loads:
 * - the canvas package resolves to a stand-in: `ImageData` and `Path2D`
 *   classes that do nothing, and `DOMMatrix` as AffineMatrix below;
 * - `Response` is a stand-in that already has `bytes()`.
 * Both are taken back afterwards: later code in the thread gets Node's own
 * `Response` and the real canvas package, and of the drawing classes only
 * `DOMMatrix` stays on `globalThis` (where pdf.js put the canvas package's
 * before): its parsing side uses one while reading, to outline the bitmap
 * glyphs of a Type3 font.
 * Loading pdf.js's two modules: 184–211 → 126–142 ms (4 runs each).
 *
 * In a browser (no `process.getBuiltinModule`) the function just runs.
 */

import { nodeBuiltin } from './host.js';
import { mul, type Matrix } from './affine.js';

type NodeModuleApi = {
  createRequire(from: string): NodeJS.Require;
  Module: new (id: string) => { filename: string; loaded: boolean; exports: unknown };
};

/** The drawing classes pdf.js takes from the canvas package when the thread has none. */
const DRAWING = ['DOMMatrix', 'ImageData', 'Path2D'] as const;

type Affine = Pick<AffineMatrix, 'a' | 'b' | 'c' | 'd' | 'e' | 'f'>;
const six = (m: Affine): Matrix => [m.a, m.b, m.c, m.d, m.e, m.f];

/**
 * The 2-D part of DOMMatrix, for pdf.js's parsing side: an affine transform
 * [a c e; b d f], changed in place as DOMMatrix's `…Self` methods do
 * (`translateSelf` and `scaleSelf` multiply on the right).
 */
export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: ArrayLike<number>) {
    if (init === undefined) return;
    if (init.length !== 6) throw new TypeError('AffineMatrix: only a 2-D matrix of 6 numbers');
    const [a, b, c, d, e, f] = Array.from(init) as [number, number, number, number, number, number];
    Object.assign(this, { a, b, c, d, e, f });
  }

  /** this × m */
  multiplySelf(m: Affine): this {
    return this.set(mul(six(this), six(m)));
  }

  /** m × this (pdf.js's reading side uses only scaleSelf and translateSelf; this and invertSelf complete DOMMatrix's 2-D core) */
  preMultiplySelf(m: Affine): this {
    return this.set(mul(six(m), six(this)));
  }

  private set([a, b, c, d, e, f]: Matrix): this {
    return Object.assign(this, { a, b, c, d, e, f });
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf({ a: 1, b: 0, c: 0, d: 1, e: tx, f: ty });
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf({ a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 });
  }

  invertSelf(): this {
    const { a, b, c, d, e, f } = this;
    const det = a * d - b * c;
    if (det === 0) return Object.assign(this, { a: NaN, b: NaN, c: NaN, d: NaN, e: NaN, f: NaN });
    return Object.assign(this, { a: d / det, b: -b / det, c: -c / det, d: a / det, e: (c * f - d * e) / det, f: (b * e - a * f) / det });
  }
}

export async function withoutDrawing<T>(load: () => Promise<T>): Promise<T> {
  const api = nodeBuiltin<NodeModuleApi>('node:module');
  if (!api) return load();
  const undo = [standInCanvas(api), standInResponse()];
  try {
    return await load();
  } finally {
    for (const u of undo) u();
  }
}

/** The canvas package as pdf.js would require it, answered by an inert stand-in; the undo. */
function standInCanvas(api: NodeModuleApi): () => void {
  let target: string;
  let cache: NodeJS.Require['cache'];
  try {
    // pdf.js requires it relative to its own module: resolve it the same way.
    const pdfjs = api.createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.min.mjs');
    const req = api.createRequire(pdfjs);
    target = req.resolve('@napi-rs/canvas');
    cache = req.cache;
  } catch {
    return () => undefined; // not installed: pdf.js loads without it, as before
  }
  if (cache[target]) return () => undefined; // the real one is loaded already
  const g = globalThis as Record<string, unknown>;
  const before = DRAWING.filter((k) => k in g);
  const standIns: Record<string, unknown> = { DOMMatrix: AffineMatrix, ImageData: class ImageData {}, Path2D: class Path2D {} };
  const m = new api.Module(target);
  m.filename = target;
  m.loaded = true;
  m.exports = standIns;
  cache[target] = m as unknown as NodeJS.Module;
  return () => {
    if (cache[target] === (m as unknown)) delete cache[target];
    // DOMMatrix stays: pdf.js's parsing side uses it (see the header).
    for (const k of DRAWING) if (k !== 'DOMMatrix' && !before.includes(k) && g[k] === standIns[k]) delete g[k];
  };
}

/** `Response` replaced while pdf.js loads, when Node has not loaded its own yet (a lazy global); the undo. */
function standInResponse(): () => void {
  const lazy = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!lazy?.get || !lazy.configurable) return () => undefined;
  class Response {
    bytes(): never {
      throw new Error('not available while pdf.js loads');
    }
  }
  Object.defineProperty(globalThis, 'Response', { value: Response, writable: true, configurable: true, enumerable: false });
  return () => {
    if ((globalThis as { Response?: unknown }).Response === Response) Object.defineProperty(globalThis, 'Response', lazy);
  };
}

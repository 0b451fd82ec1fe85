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
 * - the canvas package resolves to an inert stand-in: `DOMMatrix`,
 *   `ImageData` and `Path2D` classes that do nothing (pdf.js makes one
 *   DOMMatrix at load, for drawing);
 * - `Response` is a stand-in that already has `bytes()`.
 * Both are taken back afterwards: later code in the thread gets Node's own
 * `Response` and the real canvas package, and no drawing class is left on
 * `globalThis` that was not there before.
 * Loading pdf.js's two modules: 184–211 → 126–142 ms (4 runs each).
 *
 * In a browser (no `process.getBuiltinModule`) the function just runs.
 */

type NodeModuleApi = {
  createRequire(from: string): NodeJS.Require;
  Module: new (id: string) => { filename: string; loaded: boolean; exports: unknown };
};

/** The drawing classes pdf.js takes from the canvas package when the thread has none. */
const DRAWING = ['DOMMatrix', 'ImageData', 'Path2D'] as const;

export async function withoutDrawing<T>(load: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<string, unknown> & { process?: { getBuiltinModule?: (id: string) => unknown } };
  const api = g.process?.getBuiltinModule?.('node:module') as NodeModuleApi | undefined;
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
  const standIns = Object.fromEntries(DRAWING.map((k) => [k, { [k]: class {} }[k]]));
  const m = new api.Module(target);
  m.filename = target;
  m.loaded = true;
  m.exports = standIns;
  cache[target] = m as unknown as NodeJS.Module;
  return () => {
    if (cache[target] === (m as unknown)) delete cache[target];
    for (const k of DRAWING) if (!before.includes(k) && g[k] === standIns[k]) delete g[k];
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

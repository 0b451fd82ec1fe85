import { describe, expect, it } from 'vitest';
import { runProbe } from './helpers/spawn.js';
import { AffineMatrix } from '../pipeline/read/pdf-load.js';
import { TYPE3_TEXT } from '../scripts/fixtures/pdf-cases.js';
import { goldRows } from './helpers/gold.js';


interface Probe {
  tasks: number;
  type3Text: string;
  matrices: number;
  nativeOpened: string[];
  canvasInCache: string[];
  drawingGlobals: string[];
  responseLazy: boolean;
  fetchLoadedBefore: boolean;
  echoed: string;
}

/** The reader in a fresh process: what one PDF read made the thread load, and its globals afterwards. */
function probe(pdf: string, type3: string): Probe {
  return runProbe<Probe>('test/fixtures/pdf-load/probe.ts', [pdf, type3]);
}

describe('pdf.js is loaded without its drawing and fetching code (pipeline/read/pdf-load.ts)', () => {
  it('reads a PDF without opening the native canvas library or loading fetch, and leaves the globals as Node had them', () => {
    const p = probe('samples/pdf/000_608305ae69954cdd.pdf', 'test/fixtures/pdf/type3-bitmap.pdf');
    // The plan is read as before: every task of its gold.
    expect(p.tasks).toBe(goldRows('000_608305ae69954cdd'));
    // No native drawing library was opened, and no stand-in is left in the module cache.
    expect(p.nativeOpened.filter((f) => /canvas/i.test(f))).toEqual([]);
    expect(p.canvasInCache).toEqual([]);
    // Node 20 has no drawing classes; of the stand-ins only DOMMatrix is left, as pdf.js's parsing side uses one…
    expect(p.drawingGlobals).toEqual(['DOMMatrix']);
    // …to outline a Type3 font's bitmap glyphs, one per glyph: the line reads as it is written.
    expect(p.matrices).toBeGreaterThan(0);
    expect(p.type3Text.replace(/\s+/g, ' ').trim()).toBe(TYPE3_TEXT);
    // Response is Node's lazy global again, fetch was not loaded for pdf.js, and works when asked for.
    expect(p.responseLazy).toBe(true);
    expect(p.fetchLoadedBefore).toBe(false);
    expect(p.echoed).toBe('xin chào');
  }, 150_000);
});

describe('AffineMatrix: the 2-D DOMMatrix pdf.js reads with', () => {
  const m = (x: AffineMatrix) => [x.a, x.b, x.c, x.d, x.e, x.f];

  it('scales, then translates in the scaled space, as DOMMatrix does (pdf.js outlining an 8×8 glyph)', () => {
    expect(m(new AffineMatrix().scaleSelf(1 / 8, -1 / 8).translateSelf(0, -8))).toEqual([0.125, 0, 0, -0.125, 0, 1]);
    expect(m(new AffineMatrix().scaleSelf(3))).toEqual([3, 0, 0, 3, 0, 0]);
  });

  // The expected values are what @napi-rs/canvas's DOMMatrix gives for the same calls.
  it('multiplies on the right, pre-multiplies on the left, and inverts', () => {
    const t = [2, 1, 0.5, 3, 10, 20];
    const rot = { a: 0, b: 1, c: -1, d: 0, e: 0, f: 0 };
    expect(m(new AffineMatrix(t).multiplySelf(rot))).toEqual([0.5, 3, -2, -1, 10, 20]);
    expect(m(new AffineMatrix(t).preMultiplySelf(rot))).toEqual([-1, 2, -3, 0.5, -20, 10]);
    const back = new AffineMatrix(t).multiplySelf(new AffineMatrix(t).invertSelf());
    m(back).forEach((v, i) => expect(v).toBeCloseTo([1, 0, 0, 1, 0, 0][i]!, 12));
  });

  it('refuses a 3-D matrix rather than read it wrong', () => {
    expect(() => new AffineMatrix(new Array(16).fill(0))).toThrow(TypeError);
  });
});

import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DirectPort, handOver, sameThreadWorker } from '../pipeline/read/pdf-port.js';
import { pdfjsPages } from './helpers/pdfjs-pages.js';

/**
 * The same-thread port pdf.js is given in Node (pipeline/read/pdf-port.ts): messages handed over
 * uncloned but for the containers pdf.js reuses once sent, and pdf.js over it reading a plan exactly
 * as over its own cloning port.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples/pdf/b02_thuy_loi_son_la.pdf');

// (pdf.js ships no declarations for its worker module.)
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('handOver', () => {
  it('copies plain objects and arrays down to the depth asked, and shares what lies deeper', () => {
    const leaf = { x: 1 };
    const msg = { chunk: { items: [leaf], n: 1 } };
    const out = handOver(msg, 3) as typeof msg;
    expect(out).toEqual(msg);
    expect(out).not.toBe(msg);
    expect(out.chunk).not.toBe(msg.chunk);
    expect(out.chunk.items).not.toBe(msg.chunk.items);
    expect(out.chunk.items[0]).toBe(leaf);
  });

  it('shares class instances and typed arrays, as they are', () => {
    class Glyph {
      constructor(readonly unicode: string) {}
    }
    const g = new Glyph('ạ');
    const data = new Float32Array([1, 2]);
    const out = handOver({ args: [g, data] }, 5) as { args: [Glyph, Float32Array] };
    expect(out.args[0]).toBe(g);
    expect(out.args[1]).toBe(data);
  });

  it('keeps objects without a prototype so', () => {
    const styles = Object.create(null) as Record<string, unknown>;
    styles.f1 = { fontFamily: 'serif' };
    const out = handOver({ styles }, 3) as { styles: object };
    expect(Object.getPrototypeOf(out.styles)).toBeNull();
    expect(out.styles).toEqual(styles);
  });
});

describe('DirectPort', () => {
  it('delivers later, to every listener, what was posted even if the sender reuses its containers at once', async () => {
    const port = new DirectPort();
    const got: unknown[] = [];
    port.addEventListener('message', (e) => got.push(e.data));
    port.addEventListener('message', (e) => got.push(e.data));
    const glyphs = [{ unicode: 'a' }];
    // What pdf.js's operator list and text content do right after sending a chunk.
    const chunk = { fnArray: [1, 2, 3], argsArray: [glyphs, null, null], items: [{ str: 'Kế hoạch' }] };
    port.postMessage({ stream: 4, chunk });
    chunk.fnArray.length = 0;
    chunk.argsArray.length = 0;
    chunk.items = [];
    expect(got).toEqual([]);
    await tick();
    expect(got).toHaveLength(2);
    const data = got[0] as { chunk: typeof chunk };
    expect(data.chunk.fnArray).toEqual([1, 2, 3]);
    expect(data.chunk.items).toEqual([{ str: 'Kế hoạch' }]);
    // Not cloned: what the chunk holds is the sender's own.
    expect(data.chunk.argsArray[0]).toBe(glyphs);
  });

  it('drops a listener whose signal is aborted, as pdf.js removes a message handler', async () => {
    const port = new DirectPort();
    const ac = new AbortController();
    let n = 0;
    port.addEventListener('message', () => n++, { signal: ac.signal });
    expect(port.listenerCount).toBe(1);
    port.postMessage({ a: 1 });
    await tick();
    ac.abort();
    expect(port.listenerCount).toBe(0);
    port.postMessage({ a: 2 });
    await tick();
    expect(n).toBe(1);
  });
});

describe('pdf.js over a DirectPort', () => {
  const readAll = (worker?: pdfjs.PDFWorker) => pdfjsPages(SAMPLE, { disableFontFace: true, ...(worker ? { worker } : {}) });

  it('reads a plan to the same operators and text as over pdf.js own cloning port, and lets go of each document', async () => {
    const cloned = await readAll();
    const workerModule = (await import(WORKER_MODULE)) as Parameters<typeof sameThreadWorker>[1];
    const worker = sameThreadWorker(pdfjs, workerModule, pdfjs.VerbosityLevel.ERRORS);
    const port = worker.port as unknown as DirectPort;
    expect(port).toBeInstanceOf(DirectPort);
    const idle = port.listenerCount;
    const direct = await readAll(worker);
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.some((p) => p.text.length > 0 && p.fns.length > 0)).toBe(true);
    expect(direct).toEqual(cloned);
    // The worker serves the next document, and a destroyed document's handlers are gone.
    expect(port.listenerCount).toBe(idle);
    expect(await readAll(worker)).toEqual(cloned);
    expect(port.listenerCount).toBe(idle);
  });
});

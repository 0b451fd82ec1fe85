import { describe, it, expect, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.min.mjs';
import { DirectPort, handOver, sameThreadWorker, withoutFontFace } from '../pipeline/read/pdf-port.js';
import { convertDocument } from '../pipeline/convert.js';
import { pdfjsPages } from './helpers/pdfjs-pages.js';

/**
 * The same-thread port pdf.js is given in Node (pipeline/read/pdf-port.ts): messages handed over
 * uncloned but for the containers pdf.js reuses once sent, and pdf.js over it reading a plan exactly
 * as over its own cloning port.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples/pdf/b02_thuy_loi_son_la.pdf');

// (pdf.js ships no declarations for its worker module.)
const WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';
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

describe('withoutFontFace', () => {
  const fontMessage = (flags: number) => ({ sourceName: 'd1_worker', targetName: 'd1', action: 'commonobj', data: ['g_d1_f1', 'Font', { buffer: new Uint8Array([flags, 7, 7]).buffer }] });
  const flagsOf = (m: unknown) => [...new Uint8Array(((m as ReturnType<typeof fontMessage>).data[2] as { buffer: ArrayBuffer }).buffer)];

  it('sets the font face flag (the third two-bit flag) to true, and nothing else', () => {
    // black true (0b10), bold false (0b01), disableFontFace unset (0b00), fontExtraProperties false (0b01).
    expect(flagsOf(withoutFontFace(fontMessage(0b01_00_01_10)))).toEqual([0b01_10_01_10, 7, 7]);
    // disableFontFace false (0b01) becomes true.
    expect(flagsOf(withoutFontFace(fontMessage(0b00_01_00_00)))).toEqual([0b00_10_00_00, 7, 7]);
  });

  it('leaves every other message alone', () => {
    const image = () => ({ action: 'commonobj', data: ['img_1', 'Image', { width: 1 }] });
    const failed = () => ({ action: 'commonobj', data: ['g_d1_f2', 'Font', { error: 'bad font' }] });
    const text = () => ({ action: 'GetTextContent', data: { pageIndex: 0 } });
    expect(withoutFontFace(image())).toEqual(image());
    expect(withoutFontFace(failed())).toEqual(failed());
    expect(withoutFontFace(text())).toEqual(text());
    expect(withoutFontFace(null)).toBeNull();
  });

  it("gives the reading side pdf.js's own font objects, names and flags as over pdf.js's cloning port, but no font face", async () => {
    const fontsOf = async (options: { worker?: pdfjs.PDFWorker; disableFontFace: boolean }) => {
      const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(SAMPLE)), isEvalSupported: false, verbosity: pdfjs.VerbosityLevel.ERRORS, useSystemFonts: false, ...options });
      const doc = await task.promise;
      const fonts: Array<Record<string, unknown>> = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const ops = await page.getOperatorList();
        for (const [i, fn] of ops.fnArray.entries()) {
          if (fn !== pdfjs.OPS.setFont) continue;
          const f = page.commonObjs.get((ops.argsArray[i] as [string])[0]) as Record<string, unknown>;
          fonts.push({ name: f.name, bold: f.bold, black: f.black, italic: f.italic, loadedName: String(f.loadedName).replace(/^g_d\d+_/, ''), disableFontFace: f.disableFontFace });
        }
      }
      await task.destroy();
      return fonts;
    };
    // pdf.js's own port, faces off as pdf.js has them in Node (every glyph a path instead): the reference.
    const own = await fontsOf({ disableFontFace: true });
    const workerModule = (await import(WORKER_MODULE)) as Parameters<typeof sameThreadWorker>[1];
    // Ours, faces on as the reader asks (each font posted once as a file), and no document to load them into.
    const direct = await fontsOf({ worker: sameThreadWorker(pdfjs, workerModule, pdfjs.VerbosityLevel.ERRORS), disableFontFace: false });
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((f) => f.disableFontFace === true && typeof f.name === 'string' && f.name !== '')).toBe(true);
    expect(direct).toEqual(own);
  });

  it('so reading a plan PDF with embedded fonts turns no font file into base64 for a CSS rule', async () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    // The first read loads pdf.js, and with it core-js's Uint8Array.prototype.toBase64 where Node has none.
    const first = await convertDocument('b02_thuy_loi_son_la.pdf', bytes);
    const proto = Uint8Array.prototype as unknown as { toBase64?: () => string };
    expect(typeof proto.toBase64).toBe('function');
    const spy = vi.spyOn(proto as Required<typeof proto>, 'toBase64');
    try {
      const again = await convertDocument('b02_thuy_loi_son_la.pdf', bytes);
      expect(again.tasks.length).toBeGreaterThan(0);
      expect(again.tasks).toEqual(first.tasks);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
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

import { describe, it, expect, afterEach } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { syncDecompressionStream, type Chunk } from '../pipeline/read/pdf-inflate.js';
import { pdfjsPages } from './helpers/pdfjs-pages.js';

/**
 * The DecompressionStream pdf.js is given in Node (pipeline/read/pdf-inflate.ts): zlib's one-shot
 * inflate behind the web interface, failing as the web one does, and pdf.js reading a plan through
 * it exactly as with its own inflate.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples/pdf/b02_thuy_loi_son_la.pdf');
const Sync = syncDecompressionStream(zlib);
const text = 'Kế hoạch triển khai thực hiện nhiệm vụ năm 2026\n'.repeat(200);
const plain = new TextEncoder().encode(text);

async function readAll(stream: TransformStream<Chunk, Uint8Array>, chunks: Uint8Array[]): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void (async () => {
    for (const c of chunks) await writer.write(c);
    await writer.close();
  })().catch(() => undefined);
  const parts: Uint8Array[] = [];
  for await (const part of stream.readable as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

describe('syncDecompressionStream', () => {
  it.each([
    ['deflate', zlib.deflateSync(plain)],
    ['deflate-raw', zlib.deflateRawSync(plain)],
    ['gzip', zlib.gzipSync(plain)],
  ] as const)('inflates %s, given in one chunk or several', async (format, packed) => {
    const bytes = new Uint8Array(packed);
    expect(new TextDecoder().decode(await readAll(new Sync(format), [bytes]))).toBe(text);
    const cut = [bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)];
    expect(new TextDecoder().decode(await readAll(new Sync(format), cut))).toBe(text);
  });

  it('works through pipeThrough, as a web DecompressionStream does', async () => {
    const source = new Blob([zlib.deflateSync(plain)]).stream();
    const out = await new Response(source.pipeThrough(new Sync('deflate'))).text();
    expect(out).toBe(text);
  });

  it('refuses a format it does not know, as the web one does', () => {
    expect(() => new Sync('brotli')).toThrow(TypeError);
    expect(() => new Sync('toString')).toThrow(TypeError);
  });

  it('fails from the readable side on a stream that inflates past its cap (a zip bomb), not before', async () => {
    const Capped = syncDecompressionStream(zlib, 1024 * 1024);
    const zeros = (n: number) => new Uint8Array(zlib.deflateSync(new Uint8Array(n)));
    expect(zeros(8 * 1024 * 1024).length).toBeLessThan(16 * 1024);
    await expect(readAll(new Capped('deflate'), [zeros(8 * 1024 * 1024)])).rejects.toThrow(/buffer|large|length/i);
    expect((await readAll(new Capped('deflate'), [zeros(1024 * 1024)])).length).toBe(1024 * 1024);
  });

  it('fails from the readable side on a damaged stream (pdf.js then inflates on its own)', async () => {
    const cut = new Uint8Array(zlib.deflateSync(plain)).subarray(0, 50);
    await expect(readAll(new Sync('deflate'), [cut])).rejects.toThrow();
    const junk = new Uint8Array([1, 2, 3, 4, 5]);
    await expect(readAll(new Sync('deflate'), [junk])).rejects.toThrow();
  });
});

describe('pdf.js with it', () => {
  const g = globalThis as { DecompressionStream?: unknown };
  const native = g.DecompressionStream;
  afterEach(() => {
    g.DecompressionStream = native;
  });

  it('reads a plan as with its own inflate, and inflates its streams with it', async () => {
    delete g.DecompressionStream;
    const own = await pdfjsPages(SAMPLE);
    let made = 0;
    g.DecompressionStream = class extends Sync {
      constructor(format: string) {
        super(format);
        made++;
      }
    };
    const viaZlib = await pdfjsPages(SAMPLE);
    expect(made).toBeGreaterThan(0);
    expect(viaZlib).toEqual(own);
  });
});

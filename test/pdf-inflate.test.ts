import { describe, it, expect, afterEach } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { syncDecompressionStream, type Chunk, type OneShotDecompression } from '../pipeline/read/pdf-inflate.js';
import { pdfjsPages } from './helpers/pdfjs-pages.js';

/**
 * The DecompressionStream pdf.js is given in Node (pipeline/read/pdf-inflate.ts): zlib's one-shot
 * inflate behind the part of the web interface pdf.js uses, failing as the web one does, and pdf.js
 * reading a plan through it exactly as with its own inflate.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples/pdf/b02_thuy_loi_son_la.pdf');
const Sync = syncDecompressionStream(zlib);
const text = 'Kế hoạch triển khai thực hiện nhiệm vụ năm 2026\n'.repeat(200);
const plain = new TextEncoder().encode(text);

/** Written and read as pdf.js does (asyncGetBytesFromDecompressionStream): write, close, then iterate. */
async function readAll(stream: OneShotDecompression, chunks: Chunk[]): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  await writer.ready;
  void (async () => {
    for (const c of chunks) await writer.write(c);
    await writer.ready;
    await writer.close();
  })().catch(() => undefined);
  const parts: Uint8Array[] = [];
  for await (const part of stream.readable) parts.push(part);
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

  it('takes any view of bytes or an ArrayBuffer, and refuses anything else, as the web one does', async () => {
    const packed = new Uint8Array(zlib.deflateSync(plain));
    const copy = packed.slice().buffer;
    expect(new TextDecoder().decode(await readAll(new Sync('deflate'), [new DataView(copy, 0, 10), copy.slice(10)]))).toBe(text);
    // Something else fails the write and, as a web stream errors, the reading side with it.
    const wrong = new Sync('deflate');
    await expect(wrong.writable.getWriter().write('text' as unknown as Chunk)).rejects.toThrow(TypeError);
    await expect(readAll(wrong, [])).rejects.toThrow(TypeError);
  });

  it('reads through a reader as through iteration: the inflated bytes in one chunk, then done', async () => {
    const s = new Sync('deflate');
    const writer = s.writable.getWriter();
    await writer.write(new Uint8Array(zlib.deflateSync(plain)));
    await writer.close();
    const reader = s.readable.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(new TextDecoder().decode(first.value)).toBe(text);
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('refuses a write after close, and a second close; an abort fails the reading side with its reason', async () => {
    const s = new Sync('deflate');
    const writer = s.writable.getWriter();
    await writer.close();
    await expect(writer.write(new Uint8Array(4))).rejects.toThrow(TypeError);
    await expect(writer.close()).rejects.toThrow(TypeError);
    const aborted = new Sync('deflate');
    void aborted.writable.getWriter().abort(new Error('gave up'));
    await expect(readAll(aborted, [])).rejects.toThrow('gave up');
  });

  it('refuses a format it does not know, as the web one does', () => {
    expect(() => new Sync('brotli')).toThrow(TypeError);
    expect(() => new Sync('toString')).toThrow(TypeError);
  });

  it('reads a stream that would inflate past its limit (a zip bomb) as empty, and says so; not one within it', async () => {
    let over = 0;
    const Capped = syncDecompressionStream(zlib, { maxOutputLength: () => 1024 * 1024, onOverLimit: () => over++ });
    const zeros = (n: number) => new Uint8Array(zlib.deflateSync(new Uint8Array(n)));
    expect(zeros(8 * 1024 * 1024).length).toBeLessThan(16 * 1024);
    // Empty rather than failed: pdf.js would inflate a failed stream again on its own, with no limit.
    expect((await readAll(new Capped('deflate'), [zeros(8 * 1024 * 1024)])).length).toBe(0);
    expect(over).toBe(1);
    expect((await readAll(new Capped('deflate'), [zeros(1024 * 1024)])).length).toBe(1024 * 1024);
    expect(over).toBe(1);
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

describe('a PDF whose content unpacks to more than the limit', () => {
  // One page whose content stream is a line of text and then 2 MB of spaces: 2 kB in the file.
  function bombPdf(): Uint8Array {
    const content = zlib.deflateSync(Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td (Ke hoach nam 2026) Tj ET\n'), Buffer.alloc(2 * 1024 * 1024, 0x20)]));
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      null,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ];
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
    const offsets: number[] = [];
    let at = parts[0]!.length;
    objects.forEach((body, i) => {
      offsets.push(at);
      const obj =
        body === null
          ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream\nendobj\n')])
          : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`);
      parts.push(obj);
      at += obj.length;
    });
    const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
    return new Uint8Array(Buffer.concat(parts));
  }

  it('is refused as too large, naming the file, instead of being unpacked by pdf.js without a limit', async () => {
    const { readPdf } = await import('../pipeline/read/pdf.js');
    const bytes = bombPdf();
    expect(bytes.length).toBeLessThan(16 * 1024);
    // Within the limit the page reads.
    const doc = await readPdf('bom.pdf', bytes);
    expect(JSON.stringify(doc.blocks)).toContain('Ke hoach nam 2026');
    await expect(readPdf('bom.pdf', bytes, { maxInflatedBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'file.too_large', en: expect.stringContaining('bom.pdf') });
    // The limit is the document's own: the next one reads as before.
    expect(JSON.stringify((await readPdf('bom.pdf', bytes)).blocks)).toContain('Ke hoach nam 2026');
  });
});

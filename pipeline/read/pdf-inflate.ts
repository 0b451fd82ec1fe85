/**
 * The `DecompressionStream` pdf.js is given in Node: zlib's one-shot inflate,
 * in this thread, behind the part of the web interface pdf.js uses.
 *
 * In: Node's zlib (injected: this module imports nothing from Node). Out: a
 * class constructed as the web one is (`new DecompressionStream(format)`,
 * "deflate", "deflate-raw" or "gzip"; any other format throws a TypeError, as
 * the web one does) whose two sides are
 *   writable: getWriter() → ready, write(chunk), close(), abort(reason);
 *   readable: async iteration, or getReader() → read(), cancel(), releaseLock().
 * The input is inflated in one call once the writer closes, and read as one
 * chunk. Bad input rejects on the readable side, as the web one does. A stream
 * that would inflate past its limit reads as empty, and the limit's owner is
 * told (InflateLimit).
 *
 * Why: pdf.js inflates content streams and embedded fonts through
 * `DecompressionStream` when there is one, else with its own JavaScript
 * inflate, several times slower than zlib. Node's own goes through the thread
 * pool and many small chunks, slower still for plan-sized streams and leaving
 * a batch worker idle while it waits. zlib's one-shot call is both native and
 * in this thread. Web streams around it (a TransformStream) made a PDF batch
 * 2.5–6 % slower than these two small objects: Node builds each stream as a
 * transferable object, several per content stream and font.
 *
 * What it is not: a WHATWG stream (no pipeTo, pipeThrough or tee). It replaces
 * the global only in Node, in the thread that reads PDFs, where pdf.js is its
 * one user (pdf.ts); the add-in's browser keeps its own. When inflating fails
 * (a damaged stream), pdf.js falls back to its own inflate over the same
 * bytes, as it did before: what a page reads as does not change.
 */

export interface ZlibSync {
  inflateSync(buf: Uint8Array, options: { maxOutputLength: number }): Uint8Array;
  inflateRawSync(buf: Uint8Array, options: { maxOutputLength: number }): Uint8Array;
  gunzipSync(buf: Uint8Array, options: { maxOutputLength: number }): Uint8Array;
}

/**
 * Most bytes one stream may inflate to, by default (256 MB: a page scanned at 600 dpi in colour is about
 * 100 MB). Inflated bytes lie outside the worker's heap, which its memory limit does not cover, so a small
 * stream that inflates to gigabytes (a "zip bomb") could take the whole batch down.
 */
export const MAX_INFLATED = 256 * 1024 * 1024;

export interface InflateLimit {
  /** Most bytes one stream may inflate to (read at each stream). */
  maxOutputLength(): number;
  /**
   * Told of a stream past it. That stream then reads as empty: failing it instead would make pdf.js
   * inflate the same bytes on its own, with no limit at all; the caller fails the file.
   */
  onOverLimit(): void;
}

/** What may be written to it: bytes, or a view of them. */
export type Chunk = ArrayBufferView | ArrayBuffer;

export interface OneShotWriter {
  readonly ready: Promise<void>;
  write(chunk: Chunk): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

export interface OneShotReader {
  read(): Promise<{ done: false; value: Uint8Array } | { done: true; value: undefined }>;
  cancel(reason?: unknown): Promise<void>;
  releaseLock(): void;
}

export interface OneShotDecompression {
  readonly writable: { getWriter(): OneShotWriter };
  readonly readable: AsyncIterable<Uint8Array> & { getReader(): OneShotReader };
}

export type DecompressionStreamClass = new (format: string) => OneShotDecompression;

export function syncDecompressionStream(zlib: ZlibSync, limit: InflateLimit = { maxOutputLength: () => MAX_INFLATED, onOverLimit: () => undefined }): DecompressionStreamClass {
  const inflaters: Record<string, (buf: Uint8Array, cap: { maxOutputLength: number }) => Uint8Array> = {
    deflate: (b, cap) => zlib.inflateSync(b, cap),
    'deflate-raw': (b, cap) => zlib.inflateRawSync(b, cap),
    gzip: (b, cap) => zlib.gunzipSync(b, cap),
  };
  return class SyncDecompressionStream implements OneShotDecompression {
    readonly writable: { getWriter(): OneShotWriter };
    readonly readable: AsyncIterable<Uint8Array> & { getReader(): OneShotReader };

    constructor(format: string) {
      const inflate = Object.hasOwn(inflaters, format) ? inflaters[format] : undefined;
      if (!inflate) throw new TypeError(`Unsupported compression format: '${format}'`);
      const chunks: Uint8Array[] = [];
      // Settled by close() (the input is complete) or abort() (the reader fails with its reason).
      let state: 'open' | 'closed' | 'aborted' = 'open';
      let settle!: (error?: { reason: unknown }) => void;
      const input = new Promise<{ reason: unknown } | undefined>((resolve) => (settle = resolve));
      const ready = Promise.resolve();
      const writer: OneShotWriter = {
        ready,
        write(chunk) {
          if (state !== 'open') return Promise.reject(new TypeError('The stream is closed'));
          try {
            chunks.push(bytesOf(chunk));
          } catch (e) {
            // As a web stream does: the stream errors, and its reader fails with the same reason.
            state = 'aborted';
            settle({ reason: e });
            return Promise.reject(e);
          }
          return ready;
        },
        close() {
          if (state !== 'open') return Promise.reject(new TypeError('The stream is closed'));
          state = 'closed';
          settle();
          return ready;
        },
        abort(reason) {
          if (state === 'open') {
            state = 'aborted';
            settle({ reason });
          }
          return ready;
        },
      };
      this.writable = { getWriter: () => writer };

      // The output: one chunk, or none when past the limit; made once, when first read.
      let output: Promise<Uint8Array | null> | null = null;
      const inflated = (): Promise<Uint8Array | null> =>
        (output ??= input.then((aborted) => {
          if (aborted) throw aborted.reason;
          const data = chunks.length === 1 ? chunks[0]! : concat(chunks);
          chunks.length = 0;
          let out: Uint8Array;
          try {
            out = inflate(data, { maxOutputLength: limit.maxOutputLength() });
          } catch (e) {
            if ((e as { code?: unknown } | null)?.code !== 'ERR_BUFFER_TOO_LARGE') throw e;
            limit.onOverLimit();
            return null;
          }
          // A plain Uint8Array over zlib's Buffer (readers copy what they keep: pdf.js joins the chunks).
          return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
        }));
      const reader = (): OneShotReader => {
        let given = false;
        return {
          async read() {
            const out = given ? null : await inflated();
            given = true;
            return out === null ? { done: true, value: undefined } : { done: false, value: out };
          },
          cancel() {
            given = true;
            return Promise.resolve();
          },
          releaseLock() {},
        };
      };
      this.readable = {
        getReader: reader,
        async *[Symbol.asyncIterator]() {
          const out = await inflated();
          if (out !== null) yield out;
        },
      };
    }
  };
}

function bytesOf(chunk: Chunk): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError('The chunk must be a BufferSource');
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

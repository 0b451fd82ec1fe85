/**
 * A `DecompressionStream` that inflates in this thread with zlib's one-shot
 * calls, for pdf.js in Node.
 *
 * In: Node's zlib (injected: this module imports nothing from Node). Out: a
 * class with the web `DecompressionStream` interface (a TransformStream:
 * compressed chunks in, one decompressed chunk out when the input closes) for
 * the formats Node's own takes: "deflate", "deflate-raw", "gzip". Any other
 * format throws a TypeError, as the web one does; so does bad input, from the
 * readable side. A stream that would inflate past its limit reads as empty,
 * and the limit's owner is told (InflateLimit).
 *
 * Why: pdf.js inflates content streams and embedded fonts through
 * `DecompressionStream` when there is one, else with its own JavaScript
 * inflate, several times slower than zlib. Node's own goes through the thread
 * pool and many small chunks, slower still for plan-sized streams and leaving
 * a batch worker idle while it waits. zlib's one-shot call is both native and
 * in this thread; the web-stream wrapping around it is what remains. When it fails (a damaged stream), pdf.js falls
 * back to its own inflate over the same bytes, as it did before: what a page
 * reads as does not change.
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

export type DecompressionStreamClass = new (format: string) => TransformStream<Chunk, Uint8Array>;

export function syncDecompressionStream(zlib: ZlibSync, limit: InflateLimit = { maxOutputLength: () => MAX_INFLATED, onOverLimit: () => undefined }): DecompressionStreamClass {
  const inflaters: Record<string, (buf: Uint8Array, cap: { maxOutputLength: number }) => Uint8Array> = {
    deflate: (b, cap) => zlib.inflateSync(b, cap),
    'deflate-raw': (b, cap) => zlib.inflateRawSync(b, cap),
    gzip: (b, cap) => zlib.gunzipSync(b, cap),
  };
  return class SyncDecompressionStream extends TransformStream<Chunk, Uint8Array> {
    constructor(format: string) {
      const inflate = Object.hasOwn(inflaters, format) ? inflaters[format] : undefined;
      if (!inflate) throw new TypeError(`Unsupported compression format: '${format}'`);
      const chunks: Uint8Array[] = [];
      super({
        transform(chunk) {
          chunks.push(bytesOf(chunk));
        },
        flush(controller) {
          const input = chunks.length === 1 ? chunks[0]! : concat(chunks);
          let out: Uint8Array;
          try {
            out = inflate(input, { maxOutputLength: limit.maxOutputLength() });
          } catch (e) {
            if ((e as { code?: unknown } | null)?.code !== 'ERR_BUFFER_TOO_LARGE') throw e;
            limit.onOverLimit();
            return;
          }
          // A plain Uint8Array over zlib's Buffer (readers copy what they keep: pdf.js joins the chunks).
          controller.enqueue(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
        },
      });
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

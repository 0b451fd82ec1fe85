import { Deflate } from 'fflate';

/**
 * A .zip written entry by entry: each entry's bytes are deflated as they
 * arrive (so a sheet's XML is never held whole, only its compressed form),
 * then the local header, data and, at the end, the central directory.
 *
 * Compression is the platform's own zlib through CompressionStream
 * ("deflate-raw": Node ≥ 20.12, Chromium, Firefox, Safari ≥ 16.4) when
 * there is one: it is native and, in Node, runs on the thread pool while
 * JavaScript builds the next chunk. Otherwise fflate's deflate, in
 * JavaScript, at `level`.
 */
export type Compression = 'auto' | 'native' | 'fflate';

export interface ZipOptions {
  compression?: Compression;
  /** fflate's level (1 fastest … 9 smallest); the native stream uses zlib's default. */
  level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Modification time stamped on the entries. */
  date?: Date;
}

interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  compressedSize: number;
  data: Uint8Array[];
}

type Content = string | Uint8Array | Iterable<string | Uint8Array>;

/** Deflates one entry's bytes, keeping the compressed chunks. */
interface Deflater {
  /** Text as UTF-8, in a buffer this deflater may keep (or reuse, when it copies what it keeps). */
  encode(chunk: string): Uint8Array;
  /** Resolves when more may be pushed (back-pressure). */
  push(bytes: Uint8Array): Promise<void> | void;
  finish(): Promise<Uint8Array[]>;
  /** Give up (an entry's content failed): release what the compressor holds. */
  abort(reason: unknown): void;
}

const MAX32 = 0xffff_ffff;
/** Unsettled writes per native compressor: bounds the text waiting for zlib while the next chunks are built. */
const IN_FLIGHT = 4;

export function nativeDeflateAvailable(): boolean {
  if (typeof CompressionStream === 'undefined') return false;
  try {
    new CompressionStream('deflate-raw' as CompressionFormat);
    return true;
  } catch {
    return false;
  }
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private readonly native: boolean;
  private readonly level: NonNullable<ZipOptions['level']>;
  private readonly time: number;
  private readonly day: number;
  private readonly encoder = new TextEncoder();

  constructor(options: ZipOptions = {}) {
    const c = options.compression ?? 'auto';
    this.native = c === 'native' || (c === 'auto' && nativeDeflateAvailable());
    if (c === 'native' && !nativeDeflateAvailable()) throw new Error('CompressionStream("deflate-raw") is not available here');
    this.level = options.level ?? 1;
    const d = options.date ?? new Date();
    this.time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    this.day = ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  }

  /** Add an entry from text or bytes, given whole or as an iterable of chunks. */
  add(name: string, content: Content): Promise<void> {
    return this.addAll([{ name, content }]);
  }

  /**
   * Add several entries, pulling their chunks in turn (one chunk of each, then
   * the next of each…), each into its own compressor: with the platform's
   * deflate, two big sheets are compressed at once on two threads while this
   * one builds the next chunks. The order chunks are pulled in is fixed, so
   * the output does not depend on timing.
   */
  async addAll(list: ReadonlyArray<{ name: string; content: Content }>): Promise<void> {
    const running = list.map((e) => {
      const chunks = typeof e.content === 'string' || e.content instanceof Uint8Array ? [e.content] : e.content;
      return {
        name: e.name,
        iterator: chunks[Symbol.iterator](),
        deflater: this.native ? nativeDeflater() : fflateDeflater(this.level),
        crc: 0,
        size: 0,
        done: false,
      };
    });
    const waits: Array<Promise<void>> = [];
    try {
      for (let open = running.length; open > 0; ) {
        for (const r of running) {
          if (r.done) continue;
          const next = r.iterator.next();
          if (next.done) {
            r.done = true;
            open--;
            continue;
          }
          const chunk = next.value;
          if (chunk.length === 0) continue;
          const bytes = typeof chunk === 'string' ? r.deflater.encode(chunk) : chunk;
          r.crc = crc32(bytes, r.crc);
          r.size += bytes.length;
          const wait = r.deflater.push(bytes);
          if (wait) waits.push(wait);
        }
        // Let the compressors catch up before the next chunks are built: a few chunks in flight, not whole sheets.
        if (waits.length > 0) {
          await Promise.all(waits);
          waits.length = 0;
        }
      }
    } catch (e) {
      for (const r of running) r.deflater.abort(e);
      throw e;
    }
    for (const r of running) {
      const data = await r.deflater.finish();
      let compressedSize = 0;
      for (const d of data) compressedSize += d.length;
      if (r.size > MAX32 || compressedSize > MAX32) throw new Error(`${r.name}: too large for a zip without Zip64`);
      this.entries.push({ name: this.encoder.encode(r.name), crc: r.crc, size: r.size, compressedSize, data });
    }
  }

  /** The whole archive: local headers and data, central directory, end record. */
  finish(): Uint8Array {
    let total = 22;
    for (const e of this.entries) total += 30 + 46 + 2 * e.name.length + e.compressedSize;
    if (total > MAX32) throw new Error('too large for a zip without Zip64');
    const out = new Uint8Array(total);
    const v = new DataView(out.buffer);
    let at = 0;
    const offsets: number[] = [];
    for (const e of this.entries) {
      offsets.push(at);
      v.setUint32(at, 0x04034b50, true);
      v.setUint16(at + 4, 20, true);
      v.setUint16(at + 6, 0x0800, true); // names are UTF-8
      v.setUint16(at + 8, 8, true); // deflate
      v.setUint16(at + 10, this.time, true);
      v.setUint16(at + 12, this.day, true);
      v.setUint32(at + 14, e.crc, true);
      v.setUint32(at + 18, e.compressedSize, true);
      v.setUint32(at + 22, e.size, true);
      v.setUint16(at + 26, e.name.length, true);
      v.setUint16(at + 28, 0, true);
      out.set(e.name, at + 30);
      at += 30 + e.name.length;
      for (const d of e.data) {
        out.set(d, at);
        at += d.length;
      }
      e.data.length = 0;
    }
    const start = at;
    this.entries.forEach((e, i) => {
      v.setUint32(at, 0x02014b50, true);
      v.setUint16(at + 4, 20, true);
      v.setUint16(at + 6, 20, true);
      v.setUint16(at + 8, 0x0800, true);
      v.setUint16(at + 10, 8, true);
      v.setUint16(at + 12, this.time, true);
      v.setUint16(at + 14, this.day, true);
      v.setUint32(at + 16, e.crc, true);
      v.setUint32(at + 20, e.compressedSize, true);
      v.setUint32(at + 24, e.size, true);
      v.setUint16(at + 28, e.name.length, true);
      v.setUint32(at + 42, offsets[i]!, true);
      out.set(e.name, at + 46);
      at += 46 + e.name.length;
    });
    v.setUint32(at, 0x06054b50, true);
    v.setUint16(at + 8, this.entries.length, true);
    v.setUint16(at + 10, this.entries.length, true);
    v.setUint32(at + 12, at - start, true);
    v.setUint32(at + 16, start, true);
    return out;
  }
}

/** UTF-8 takes at most 3 bytes per UTF-16 unit: encodeInto a buffer that size needs no measuring pass. */
function encodeInto(encoder: TextEncoder, chunk: string, buffer: Uint8Array): Uint8Array {
  return buffer.subarray(0, encoder.encodeInto(chunk, buffer).written);
}

function fflateDeflater(level: NonNullable<ZipOptions['level']>): Deflater {
  const out: Uint8Array[] = [];
  const d = new Deflate({ level }, (data) => {
    out.push(data);
  });
  const encoder = new TextEncoder();
  // fflate copies what it keeps, so one buffer serves every chunk.
  let buffer = new Uint8Array(0);
  return {
    encode: (chunk) => {
      if (buffer.length < 3 * chunk.length) buffer = new Uint8Array(3 * chunk.length);
      return encodeInto(encoder, chunk, buffer);
    },
    push: (bytes) => d.push(bytes, false),
    finish: async () => {
      d.push(new Uint8Array(0), true);
      return out;
    },
    abort: () => {
      out.length = 0;
    },
  };
}

function nativeDeflater(): Deflater {
  const stream = new CompressionStream('deflate-raw' as CompressionFormat);
  const writer = stream.writable.getWriter();
  const out: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out.push(value);
    }
  })();
  const ignore = (): void => undefined;
  // Awaited in finish(); handled here too, so a failure before then is not an unhandled rejection.
  reading.catch(ignore);
  const encoder = new TextEncoder();
  // Back-pressure of our own: the stream's desiredSize counts chunks against a high-water mark of
  // thousands in Node, so it never says "wait". A write settles once the compressor has taken its
  // chunk; a few unsettled writes are allowed, then the next chunk waits for the oldest.
  const pending: Array<Promise<void>> = [];
  let failed: unknown = null;
  return {
    // A fresh buffer per chunk: the stream may hold a chunk after its write resolves.
    encode: (chunk) => encodeInto(encoder, chunk, new Uint8Array(3 * chunk.length)),
    push: (bytes) => {
      pending.push(
        writer.write(bytes as Uint8Array<ArrayBuffer>).catch((e: unknown) => {
          failed ??= e;
        }),
      );
      if (pending.length > IN_FLIGHT) return pending.shift();
    },
    finish: async () => {
      await Promise.all(pending);
      await writer.close();
      await reading;
      if (failed !== null) throw failed;
      return out;
    },
    abort: (reason) => {
      writer.abort(reason).catch(ignore);
    },
  };
}

/** CRC-32 (IEEE), slicing by 8. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

export function crc32(b: Uint8Array, previous = 0): number {
  const t = CRC_TABLE;
  let crc = ~previous;
  let i = 0;
  const n = b.length;
  for (; i + 8 <= n; i += 8) {
    const a = crc ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    crc =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + b[i + 4]!]! ^
      t[512 + b[i + 5]!]! ^
      t[256 + b[i + 6]!]! ^
      t[b[i + 7]!]!;
  }
  for (; i < n; i++) crc = t[(crc ^ b[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

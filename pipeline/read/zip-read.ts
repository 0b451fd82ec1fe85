import { inflateSync } from 'fflate';

/**
 * Reading a zip archive in memory: its central directory, then single
 * entries on demand. In: the archive's bytes. Out: the entries (name as
 * written, compression, sizes) and, for the ones asked for, their bytes.
 * Pure TypeScript (fflate inflates), so the add-in runs it too.
 *
 * This is fflate's `unzipSync` taken apart, with the same reading of the
 * records (zip64 included): listing is separate from inflating, so a caller
 * can check the directory before inflating anything and inflate each entry
 * once, without the archive being parsed again. An entry is inflated into a
 * buffer of its declared size, so one that lies about its size cannot grow
 * past it. Malformed archives throw plain Errors.
 *
 * A host with a native inflate (Node's zlib) may hand it over with
 * `useNativeInflate`: fflate in JavaScript is several times slower on the
 * first files of a fresh thread, before it is optimised. The native result is
 * taken only when it fits the declared size; anything else (a corrupt stream,
 * a part longer than declared) goes to fflate as before, so the bytes read and
 * the errors are the same either way.
 */

/** Inflates a raw deflate stream, refusing (throwing) output longer than `maxLength`. */
export type RawInflate = (raw: Uint8Array, maxLength: number) => Uint8Array;

let native: RawInflate | null = null;

/** Sets (or with null, clears) the native inflate of this thread. */
export function useNativeInflate(inflate: RawInflate | null): void {
  native = inflate;
}

function nativeInflate(raw: Uint8Array, size: number): Uint8Array | null {
  if (!native) return null;
  try {
    const out = native(raw, size);
    return out.length <= size ? out : null;
  } catch {
    return null;
  }
}

export interface ZipEntry {
  /** The name as stored (UTF-8 when flagged, else Latin-1). */
  name: string;
  /** 0 stored, 8 deflated (anything else cannot be read). */
  compression: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
  /** Where its central directory record lies: [central, central + centralLength). */
  central: number;
  centralLength: number;
}

const b2 = (d: Uint8Array, b: number): number => d[b]! | (d[b + 1]! << 8);
const b4 = (d: Uint8Array, b: number): number => (d[b]! | (d[b + 1]! << 8) | (d[b + 2]! << 16) | (d[b + 3]! << 24)) >>> 0;
const b8 = (d: Uint8Array, b: number): number => b4(d, b) + b4(d, b + 4) * 4294967296;

let utf8: TextDecoder | null = null;

/** UTF-8 bytes as text, with one decoder for the thread (an entry's name here, a part's XML in docx-package). */
export function decodeUtf8(bytes: Uint8Array): string {
  return (utf8 ??= new TextDecoder()).decode(bytes);
}

/** A file name: ASCII (nearly always) without a decoder call. */
function entryName(d: Uint8Array, start: number, end: number, isUtf8: boolean): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (d[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii && isUtf8) return decodeUtf8(d.subarray(start, end));
  let s = '';
  for (let i = start; i < end; i += 16384) s += String.fromCharCode.apply(null, d.subarray(i, Math.min(end, i + 16384)) as unknown as number[]);
  return s;
}

/** The entries of the central directory, in its order; at most `max` + 1 are read, so a caller can refuse more than `max`. */
export function zipEntries(data: Uint8Array, max = Infinity): ZipEntry[] {
  let e = data.length - 22;
  for (; b4(data, e) !== 0x6054b50; --e) {
    if (!e || data.length - e > 65558) throw new Error('invalid zip data');
  }
  let count = b2(data, e + 8);
  const out: ZipEntry[] = [];
  if (!count) return out;
  let o = b4(data, e + 16);
  let z64 = b4(data, e - 20) === 0x7064b50;
  if (z64) {
    const ze = b4(data, e - 12);
    z64 = b4(data, ze) === 0x6064b50;
    if (z64) {
      count = b4(data, ze + 32);
      o = b4(data, ze + 48);
    }
  }
  for (let i = 0; i < count && i <= max; ++i) {
    const fnl = b2(data, o + 28);
    const efl = b2(data, o + 30);
    const es = o + 46 + fnl;
    const name = entryName(data, o + 46, Math.min(es, data.length), (b2(data, o + 8) & 2048) !== 0);
    let compressedSize = b4(data, o + 20);
    let size = b4(data, o + 24);
    let offset = b4(data, o + 42);
    const nsc = compressedSize === 4294967295;
    const nsu = size === 4294967295;
    const noff = offset === 4294967295;
    if (z64 && (nsc || nsu || noff)) {
      // The zip64 extra field holds the sizes and offset that did not fit.
      let found = false;
      for (let b = es, end = es + efl; b + 4 < end; b += 4 + b2(data, b + 2)) {
        if (b2(data, b) === 1) {
          const ns = nsu ? 1 : 0;
          const nc = nsc ? 1 : 0;
          if (nsc) compressedSize = b8(data, b + 4 + 8 * ns);
          if (nsu) size = b8(data, b + 4);
          if (noff) offset = b8(data, b + 4 + 8 * (ns + nc));
          found = true;
          break;
        }
      }
      if (!found) throw new Error('invalid zip data');
    }
    const next = es + efl + b2(data, o + 32);
    out.push({ name, compression: b2(data, o + 10), compressedSize, size, offset, central: o, centralLength: next - o });
    o = next;
  }
  return out;
}

/** The bytes of one entry as stored (compressed or not). */
export function zipEntryRaw(data: Uint8Array, entry: ZipEntry): Uint8Array {
  const b = entry.offset + 30 + b2(data, entry.offset + 26) + b2(data, entry.offset + 28);
  return data.subarray(b, b + entry.compressedSize);
}

/**
 * The bytes of one entry. With `scratch` (at least the entry's size long)
 * they are written there and the result is a view of it, valid until the
 * scratch is used again; a stored entry is then a view of the archive.
 */
export function zipEntryData(data: Uint8Array, entry: ZipEntry, scratch?: Uint8Array): Uint8Array {
  const raw = zipEntryRaw(data, entry);
  if (entry.compression === 0) return scratch ? raw : new Uint8Array(raw);
  // The output buffer is exactly the declared size either way: a part that inflates to more is cut there.
  // (A reused buffer is cleared first: fflate hands back the whole buffer for an empty stream.)
  if (entry.compression === 8) {
    // fflate hands back what it wrote (a view of `out`), so a stream shorter than declared gives the same bytes.
    const fast = nativeInflate(raw, entry.size);
    if (fast) return fast;
    return inflateSync(raw, { out: scratch ? scratch.fill(0, 0, entry.size).subarray(0, entry.size) : new Uint8Array(entry.size) });
  }
  throw new Error(`unknown compression type ${entry.compression}`);
}

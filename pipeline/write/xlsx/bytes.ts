import { escapeText } from './xml.js';

/**
 * XML written straight into UTF-8 bytes. A sheet is mostly markup that never
 * changes (`<c r="B`, `" s="3" t="s"><v>`, `</v></c>`) around a few numbers:
 * copying prepared bytes and writing digits costs a fraction of building the
 * same text as JavaScript strings (ropes of small pieces, flattened and
 * transcoded before compression) and leaves almost nothing to collect.
 *
 * `take()` hands the bytes written so far to the caller, who owns them (a
 * compressor may keep them); writing goes on in a fresh buffer.
 */
export class ByteSink {
  private buf: Uint8Array;
  pos = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly size: number) {
    this.buf = new Uint8Array(size);
  }

  /** Room for `n` more bytes (a long text grows the buffer rather than splitting it). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** The bytes written, handed over; the sink starts a new buffer. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.size);
    this.pos = 0;
    return out;
  }

  /** The bytes written so far, as a view (valid until the next write). */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Prepared bytes (see utf8()). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    // Short runs copy faster by hand than through set().
    if (n < 24) for (let i = 0; i < n; i++) buf[p++] = b[i]!;
    else {
      buf.set(b, p);
      p += n;
    }
    this.pos = p;
  }

  /** A non-negative integer below 2^53, in decimal. */
  uint(n: number): void {
    this.room(16);
    const buf = this.buf;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    let x = n;
    do {
      buf[--p] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }

  /** Text known to be markup-safe ASCII (attribute values we make, numbers). */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Any text, escaped for element content, as UTF-8. */
  text(s: string): void {
    this.raw(escapeText(s));
  }

  /** Text already escaped, as UTF-8. */
  raw(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.room(3 * s.length);
    this.pos += this.encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }
}

const encoder = new TextEncoder();

/** Markup prepared once as bytes. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

import { deflateSync } from 'fflate';
import { zipEntries, zipEntryData, decodeUtf8, type ZipEntry } from '../../read/zip-read.js';
import { crc32 } from '../xlsx/zip.js';

/**
 * A finished .zip (an .xlsx package) opened for a few edits. In: the file's
 * bytes. Out: `text(name)` for the parts to read, and `rebuild(changes)`:
 * the same archive with some parts replaced or added, every other entry
 * copied byte for byte (never inflated nor deflated again, so a workbook's
 * big sheets cost a copy only). Pure: the directory and parts are read as the
 * readers read them (read/zip-read.ts); fflate deflates the parts it writes.
 *
 * What it cannot rebuild gives null, and the caller leaves the file as it is:
 * an archive that does not read, and one that needs Zip64 (no .xlsx this
 * project writes comes near 4 GB).
 */
export interface ZipPatch {
  /** Entry names, in archive order. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** A part's text (UTF-8), or null when there is no such entry. */
  text(name: string): string | null;
  /** The archive with `changes` (name → new text) applied: existing entries replaced in place, new ones appended. */
  rebuild(changes: ReadonlyMap<string, string>): Uint8Array;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX32 = 0xffff_ffff;

export function openZip(bytes: Uint8Array): ZipPatch | null {
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    return null;
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // An entry whose record defers a size or offset to Zip64 is refused, as is one whose headers are not where they say.
  const fits = (e: ZipEntry): boolean =>
    e.offset + 30 <= bytes.length &&
    e.central + 46 <= bytes.length &&
    v.getUint32(e.offset, true) === SIG_LOCAL &&
    v.getUint32(e.central, true) === SIG_CENTRAL &&
    [20, 24, 42].every((at) => v.getUint32(e.central + at, true) !== MAX32);
  if (entries.length >= 0xffff || !entries.every(fits)) return null;
  // zipEntries walks the directory in order: the first record is where it starts.
  const cdStart = entries[0]?.central ?? 0;
  const byName = new Map(entries.map((e) => [e.name, e]));
  // Each entry's bytes run from its local header to the next entry's (or the central directory): data descriptors included.
  const starts = [...entries.map((e) => e.offset), cdStart].sort((a, b) => a - b);
  const spanEnd = (e: ZipEntry): number => starts.find((s) => s > e.offset) ?? cdStart;

  return {
    names: entries.map((e) => e.name),
    has: (name) => byName.has(name),
    text: (name) => {
      const e = byName.get(name);
      return e ? decodeUtf8(zipEntryData(bytes, e)) : null;
    },
    rebuild: (changes) => {
      const encoder = new TextEncoder();
      const parts: Uint8Array[] = [];
      const records: Uint8Array[] = [];
      let offset = 0;
      const push = (b: Uint8Array): void => {
        parts.push(b);
        offset += b.length;
      };
      const fresh = (name: string, text: string): void => {
        const { local, record } = entryHeaders(encoder.encode(name), encoder.encode(text), offset);
        records.push(record);
        push(local.header);
        push(local.data);
      };
      for (const e of entries) {
        const text = changes.get(e.name);
        if (text !== undefined) {
          fresh(e.name, text);
          continue;
        }
        // Its central record as it was, with the local header's new offset.
        const record = bytes.slice(e.central, e.central + e.centralLength);
        new DataView(record.buffer).setUint32(42, offset, true);
        records.push(record);
        push(bytes.subarray(e.offset, spanEnd(e)));
      }
      for (const [name, text] of changes) if (!byName.has(name)) fresh(name, text);

      const cdOffset = offset;
      for (const r of records) push(r);
      const end = new Uint8Array(22);
      const ev = new DataView(end.buffer);
      ev.setUint32(0, SIG_EOCD, true);
      ev.setUint16(8, records.length, true);
      ev.setUint16(10, records.length, true);
      ev.setUint32(12, offset - cdOffset, true);
      ev.setUint32(16, cdOffset, true);
      push(end);
      if (offset > MAX32 || records.length > 0xfffe) throw new Error('too large for a zip without Zip64');

      const out = new Uint8Array(offset);
      let p = 0;
      for (const b of parts) {
        out.set(b, p);
        p += b.length;
      }
      return out;
    },
  };
}

/** A deflated entry's local header and data, and its central directory record at `offset`. */
function entryHeaders(name: Uint8Array, content: Uint8Array, offset: number): { local: { header: Uint8Array; data: Uint8Array }; record: Uint8Array } {
  const data = deflateSync(content, { level: 6 });
  const crc = crc32(content);
  // A fixed stamp (1980-01-01): the parts' dates carry nothing, and the output stays the same run to run.
  const time = 0;
  const day = (1 << 5) | 1;
  const header = new Uint8Array(30 + name.length);
  const h = new DataView(header.buffer);
  h.setUint32(0, SIG_LOCAL, true);
  h.setUint16(4, 20, true);
  h.setUint16(6, 0x0800, true); // UTF-8 names
  h.setUint16(8, 8, true);
  h.setUint16(10, time, true);
  h.setUint16(12, day, true);
  h.setUint32(14, crc, true);
  h.setUint32(18, data.length, true);
  h.setUint32(22, content.length, true);
  h.setUint16(26, name.length, true);
  header.set(name, 30);

  const record = new Uint8Array(46 + name.length);
  const r = new DataView(record.buffer);
  r.setUint32(0, SIG_CENTRAL, true);
  r.setUint16(4, 20, true);
  r.setUint16(6, 20, true);
  r.setUint16(8, 0x0800, true);
  r.setUint16(10, 8, true);
  r.setUint16(12, time, true);
  r.setUint16(14, day, true);
  r.setUint32(16, crc, true);
  r.setUint32(20, data.length, true);
  r.setUint32(24, content.length, true);
  r.setUint16(28, name.length, true);
  r.setUint32(42, offset, true);
  record.set(name, 46);
  return { local: { header, data }, record };
}

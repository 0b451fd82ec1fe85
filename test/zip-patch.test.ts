import { describe, it, expect } from 'vitest';
import { strToU8, zipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { openZip } from '../pipeline/write/chart/zip-patch.js';
import { zipEntries, zipEntryData, zipEntryRaw } from '../pipeline/read/zip-read.js';

/**
 * A finished .xlsx opened for a few edits (pipeline/write/chart/zip-patch.ts): parts read as text, and
 * the archive rebuilt with some parts replaced or added and every other entry copied byte for byte.
 */
const text = (zip: Uint8Array, name: string): string | null => {
  const e = zipEntries(zip).find((x) => x.name === name);
  return e ? new TextDecoder().decode(zipEntryData(zip, e)) : null;
};

/** An archive streamed as some writers do: sizes in a data descriptor after each entry's data. */
function streamed(files: Record<string, string>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, body] of Object.entries(files)) {
    const f = name.endsWith('.bin') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(body), true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}

describe('zip patch', () => {
  const original = zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/worksheets/sheet1.xml': strToU8('<worksheet>' + 'Sở Công Thương '.repeat(500) + '</worksheet>'),
    'docProps/app.xml': [strToU8('<app/>'), { level: 0 }],
  });

  it('lists the entries in order and reads a part as text, stored or deflated; null for a part it lacks', () => {
    const zip = openZip(original)!;
    expect(zip.names).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'docProps/app.xml']);
    expect(zip.has('docProps/app.xml')).toBe(true);
    expect(zip.has('xl/charts/chart1.xml')).toBe(false);
    expect(zip.text('docProps/app.xml')).toBe('<app/>');
    expect(zip.text('xl/worksheets/sheet1.xml')).toBe(text(original, 'xl/worksheets/sheet1.xml'));
    expect(zip.text('xl/charts/chart1.xml')).toBeNull();
  });

  it('rebuilds with a part replaced in place and one added at the end, the other entries copied byte for byte', () => {
    const zip = openZip(original)!;
    const out = zip.rebuild(new Map([['[Content_Types].xml', '<Types><Override/></Types>'], ['xl/charts/chart1.xml', '<chart>Biểu đồ</chart>']]));
    const entries = zipEntries(out);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'docProps/app.xml', 'xl/charts/chart1.xml']);
    expect(text(out, '[Content_Types].xml')).toBe('<Types><Override/></Types>');
    expect(text(out, 'xl/charts/chart1.xml')).toBe('<chart>Biểu đồ</chart>');
    const before = zipEntries(original);
    for (const name of ['xl/worksheets/sheet1.xml', 'docProps/app.xml']) {
      const a = before.find((e) => e.name === name)!;
      const b = entries.find((e) => e.name === name)!;
      expect(Buffer.from(zipEntryRaw(out, b)).equals(Buffer.from(zipEntryRaw(original, a)))).toBe(true);
    }
    // The rebuilt archive opens again, and rebuilding it unchanged gives the same bytes.
    expect(Buffer.from(openZip(out)!.rebuild(new Map())).equals(Buffer.from(out))).toBe(true);
  });

  it('keeps the data descriptors of an archive written as a stream', () => {
    const src = streamed({ 'a.xml': '<a>' + 'x'.repeat(3000) + '</a>', 'b.bin': 'raw bytes', 'c.xml': '<c/>' });
    const zip = openZip(src)!;
    expect(zip.names).toEqual(['a.xml', 'b.bin', 'c.xml']);
    const out = zip.rebuild(new Map([['c.xml', '<c>mới</c>']]));
    expect([text(out, 'a.xml'), text(out, 'b.bin'), text(out, 'c.xml')]).toEqual(['<a>' + 'x'.repeat(3000) + '</a>', 'raw bytes', '<c>mới</c>']);
    // The kept entries come over whole, from local header to the end of their data descriptor.
    const span = (zip: Uint8Array, i: number): Buffer => {
      const es = zipEntries(zip);
      return Buffer.from(zip.subarray(es[i]!.offset, es[i + 1]?.offset ?? es[0]!.central));
    };
    for (const i of [0, 1]) expect(span(out, i).equals(span(src, i))).toBe(true);
    expect(span(src, 0).length).toBeGreaterThan(30 + 'a.xml'.length + zipEntries(src)[0]!.compressedSize);
  });

  it('gives null for what it cannot patch: not a zip, a cut archive, an entry that leaves its size to Zip64', () => {
    expect(openZip(strToU8('not a zip at all, just text long enough to search'))).toBeNull();
    expect(openZip(original.subarray(0, original.length - 30))).toBeNull();
    const zip64 = original.slice();
    const sheet = zipEntries(zip64)[1]!;
    new DataView(zip64.buffer).setUint32(sheet.central + 24, 0xffff_ffff, true);
    expect(openZip(zip64)).toBeNull();
    expect(openZip(original)).not.toBeNull();
  });
});

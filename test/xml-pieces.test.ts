import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeXmlPieces, PIECE_BYTES } from '../pipeline/read/xml-pieces.js';
import { scanXml, type XmlSource } from '../pipeline/read/xml-scan.js';
import { events, fault } from './helpers/xml-events.js';
import { decodeUtf8, zipEntries, zipEntryData } from '../pipeline/read/zip-read.js';
import { openPackage } from '../pipeline/read/docx-package.js';
import { DOCX_LIMITS } from '../pipeline/read/docx.js';

/** The string cut before every "<" but the first. */
function cutAtEveryTag(xml: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = xml.indexOf('<', 1); i >= 0; i = xml.indexOf('<', i + 1)) {
    out.push(xml.slice(start, i));
    start = i;
  }
  out.push(xml.slice(start));
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);
const pieceList = (x: XmlSource): readonly string[] => (typeof x === 'string' ? [x] : x);

/** The document parts of the .docx plans in samples/ (seeds, and real ones where set-up found ../shared/real), as stored. */
const DOCX = [path.join('samples', 'docx'), path.join('samples', 'real', 'files')].filter((dir) => existsSync(dir)).flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.docx'))
    .map((f) => path.join(dir, f)),
);
function documentPart(file: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(file));
  const entry = zipEntries(bytes).find((e) => e.name === 'word/document.xml');
  if (!entry) throw new Error(`${file}: no word/document.xml`);
  return zipEntryData(bytes, entry);
}

describe('XML parts decoded in pieces', () => {
  it('has real document parts to work on', () => expect(DOCX.length).toBeGreaterThanOrEqual(10));

  for (const file of DOCX) {
    it(`${path.basename(file)}: the pieces are the part's text cut before tags, each within the size, and scan as the whole does`, () => {
      const bytes = documentPart(file);
      const whole = decodeUtf8(bytes);
      const wholeEvents = events(whole);
      for (const size of [PIECE_BYTES, 4096]) {
        const pieces = pieceList(decodeXmlPieces(bytes, size));
        expect(pieces.join('')).toBe(whole);
        for (const p of pieces.slice(1)) expect(p[0]).toBe('<');
        // Each document part is larger than 4 kB, so this also shows it was cut rather than decoded whole.
        for (const p of pieces) expect(enc(p).length).toBeLessThanOrEqual(size);
        expect(events(pieces)).toEqual(wholeEvents);
      }
    });
  }

  it('cuts a part past the piece size (a plan of 77 kB), and leaves a smaller one whole', () => {
    const file = path.join('samples', 'docx', '004_a698d7df3c568d60.docx');
    const big = documentPart(file);
    expect(big.length).toBeGreaterThan(PIECE_BYTES);
    expect(pieceList(decodeXmlPieces(big)).length).toBeGreaterThan(1);
    // The .docx reader hands the document part over in those pieces.
    const main = openPackage('004.docx', new Uint8Array(readFileSync(file)), DOCX_LIMITS).main;
    expect(Array.isArray(main) && main.join('')).toBe(decodeUtf8(big));
    expect(decodeXmlPieces(enc('<a><b>x</b></a>'))).toBe('<a><b>x</b></a>');
  });

  it('drops a UTF-8 BOM as the whole decode does, and keeps a multi-byte character next to a cut intact', () => {
    // Each text ends in a letter of two or three bytes, right before the "<" a cut falls at.
    const xml = `<?xml version="1.0"?><a>${'<b>Sở Công Thương Đắk Lắk ủy</b><c>Sở</c>'.repeat(20)}</a>`;
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(xml)]);
    const pieces = pieceList(decodeXmlPieces(withBom, 64));
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(xml);
  });

  it('decodes whole what it cannot cut safely: comments, CDATA, a DOCTYPE, a later processing instruction, text longer than a piece', () => {
    const body = '<b>x</b>'.repeat(40);
    for (const xml of [
      `<a>${body}<!-- a < b --></a>`,
      `<a>${body}<![CDATA[<b>]]></a>`,
      `<!DOCTYPE a><a>${body}</a>`,
      `<?xml version="1.0"?><a>${body}<?pi <x>?></a>`,
      // A "<" inside the first processing instruction: a cut there would split it.
      `<?pi ${'<x '.repeat(40)}?><a>${body}</a>`,
      `<a>${'y'.repeat(200)}${body}</a>`,
    ]) {
      expect(decodeXmlPieces(enc(xml), 100)).toBe(xml);
    }
    // The XML declaration alone does not stop the cutting.
    expect(pieceList(decodeXmlPieces(enc(`<?xml version="1.0"?><a>${body}</a>`), 100)).length).toBeGreaterThan(1);
  });
});

describe('XML scanner over pieces', () => {
  it('reports the same events whether a document comes whole or cut before every tag', () => {
    const xml =
      '<?xml version="1.0"?>\r\n<w:doc xmlns:w="urn:w" w:a="x&#9;y\tz&amp;"><w:p xmlns:w="urn:x"><w:r/>a &amp; b\r\nc</w:p>' +
      '<p xmlns="urn:d" v="1"/>tail&lt;</w:doc>\n';
    expect(events(cutAtEveryTag(xml))).toEqual(events(xml));
  });

  it('starts each piece afresh: white space in a later attribute value is normalised, "]]>" in later text refused', () => {
    // What the scanner remembered of the first piece (the next tab, line feed, "]]>") says nothing of the next.
    expect(events(['<r a="x">', '<b c="1\t2"/></r>'])).toEqual(events('<r a="x"><b c="1\t2"/></r>'));
    expect(events(['<r a="x">', '<b c="1\n2"/></r>'])).toEqual(events('<r a="x"><b c="1\n2"/></r>'));
    expect(events(['<r a="x">', '<b c="1\r\n2"/></r>'])).toEqual(events('<r a="x"><b c="1\r\n2"/></r>'));
    expect(events(['<r>a&amp;', '<b/>x&lt;y</r>'])).toEqual(events('<r>a&amp;<b/>x&lt;y</r>'));
    expect(fault('<r>a<b/>x]]>y</r>')).toBe('XmlError');
    expect(fault(['<r>a', '<b/>x]]>y</r>'])).toBe('XmlError');
  });

  it('refuses across pieces what it refuses whole', () => {
    for (const xml of [
      '<a><b></a></b>',
      '<a><b></b>',
      '<a/><b/>',
      '<a/>x',
      '<a>x]]>y</a>',
      '<a x="1" y="a<b"/>',
      '<r><a xmlns:w="urn:w"/><b w:x="1"/></r>',
      '<a><b>&nbsp;</b></a>',
      '<a><b>\u0001</b></a>',
      '<a><b x="1"',
    ]) {
      expect(fault(xml)).toBe('XmlError');
      expect(fault(cutAtEveryTag(xml))).toBe('XmlError');
    }
  });

  it('holds its caller to pieces that start at a tag', () => {
    expect(() => scanXml(['<a>', 'x</a>'], {})).toThrow(/must start at a tag/);
  });
});

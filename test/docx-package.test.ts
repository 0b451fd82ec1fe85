import { describe, it, expect } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readDocx } from '../pipeline/read/docx.js';
import { zlibInflate } from '../pipeline/node/zlib-inflate.js';
import { useNativeInflate, zipEntries, zipEntryData, type ZipEntry } from '../pipeline/read/zip-read.js';
import type { Paragraph } from '../pipeline/model/doc.js';
import { makeDocx, p, r } from './helpers/docx.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paras = (bytes: Uint8Array) =>
  readDocx('plan.docx', bytes)
    .blocks.filter((b): b is Paragraph => b.kind === 'para')
    .map((b) => `${b.text}${b.bold ? ' (bold)' : ''}`);

describe('zip reading: the central directory, then entries on demand', () => {
  const zip = zipSync({
    'a.txt': [strToU8('stored text'), { level: 0 }],
    'dir/b.xml': [strToU8('<b>'.repeat(200)), { level: 6 }],
    'Đ.txt': strToU8('tên UTF-8'),
  });

  it('lists the entries in order with their sizes, and reads stored and deflated ones', () => {
    const entries = zipEntries(zip);
    expect(entries.map((e) => [e.name, e.compression, e.size])).toEqual([
      ['a.txt', 0, 11],
      ['dir/b.xml', 8, 600],
      ['Đ.txt', 8, strToU8('tên UTF-8').length],
    ]);
    const text = (i: number) => new TextDecoder().decode(zipEntryData(zip, entries[i]!));
    expect([text(0), text(1), text(2)]).toEqual(['stored text', '<b>'.repeat(200), 'tên UTF-8']);
  });

  it('reads at most one entry past a limit, so a caller can refuse the package before reading the rest', () => {
    expect(zipEntries(zip, 1)).toHaveLength(2);
    expect(zipEntries(zip, 5)).toHaveLength(3);
  });

  it('inflates into a reused buffer without leaving the bytes of an earlier entry behind', () => {
    const entries = zipEntries(zip);
    const scratch = new Uint8Array(1024);
    expect(new TextDecoder().decode(zipEntryData(zip, entries[1]!, scratch))).toBe('<b>'.repeat(200));
    // An entry that declares 5 bytes but holds no deflate data: fflate gives back the whole buffer, which must be clean.
    const hollow = { ...entries[1]!, compressedSize: 0, size: 5 };
    expect([...zipEntryData(zip, hollow, scratch)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('gives the same bytes with a native inflate as with fflate, for honest entries and for lying or broken ones', () => {
    const entries = zipEntries(zip);
    const deflated = entries[1]!;
    const cases: Array<[string, ZipEntry]> = [
      ['honest', deflated],
      ['declares more than it holds', { ...deflated, size: 700 }],
      ['declares less than it holds (cut there)', { ...deflated, size: 10 }],
      ['no deflate data', { ...deflated, compressedSize: 0, size: 5 }],
      ['stream cut short', { ...deflated, compressedSize: 4 }],
    ];
    const read = (entry: ZipEntry): string => {
      try {
        return JSON.stringify([...zipEntryData(zip, entry, new Uint8Array(1024))]);
      } catch (e) {
        return `error: ${(e as Error).message}`;
      }
    };
    const withFflate = cases.map(([, e]) => read(e));
    let calls = 0;
    useNativeInflate((raw, maxLength) => {
      calls++;
      return zlibInflate(raw, maxLength);
    });
    try {
      expect(cases.map(([, e]) => read(e))).toEqual(withFflate);
    } finally {
      useNativeInflate(null);
    }
    expect(calls).toBe(cases.length);
    expect(withFflate[2]).toBe(JSON.stringify([...strToU8('<b>'.repeat(200)).subarray(0, 10)]));
  });

  it('refuses what is not a zip', () => {
    expect(() => zipEntries(strToU8('not a zip archive at all, only text'))).toThrow();
  });
});

describe('docx reader: a batch of documents', () => {
  const styles = (bold: boolean) =>
    `<w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr>${bold ? '<w:b/>' : ''}</w:rPr></w:style></w:styles>`;

  it('reads each document with its own styles, whether or not the one before had the same', () => {
    const bold = makeDocx(p('Một'), { 'word/styles.xml': styles(true) });
    const boldToo = makeDocx(p('Hai'), { 'word/styles.xml': styles(true) });
    const plain = makeDocx(p('Ba'), { 'word/styles.xml': styles(false) });
    const none = makeDocx(p('Bốn'));
    expect([bold, boldToo, plain, bold, none].map(paras)).toEqual([['Một (bold)'], ['Hai (bold)'], ['Ba'], ['Một (bold)'], ['Bốn']]);
  });

  it('numbers each document from the start, even when it shares its numbering with the one before', () => {
    const numbering =
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const item = (text: string) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${r(text)}</w:p>`;
    const doc = makeDocx(item('a') + item('b'), { 'word/numbering.xml': numbering });
    expect([paras(doc), paras(doc)]).toEqual([
      ['1. a', '2. b'],
      ['1. a', '2. b'],
    ]);
  });

  it('follows each package to its own main part, whatever the package before pointed to', () => {
    const rels = (target: string) =>
      strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`,
      );
    const body = (text: string) => strToU8(`<w:document ${W}><w:body>${p(text)}</w:body></w:document>`);
    const first = zipSync({ '_rels/.rels': rels('word/first.xml'), 'word/first.xml': body('Thứ nhất'), 'word/document.xml': body('Sai') });
    const second = zipSync({ '_rels/.rels': rels('word/second.xml'), 'word/second.xml': body('Thứ hai'), 'word/first.xml': body('Sai') });
    expect([paras(first), paras(second), paras(first)]).toEqual([['Thứ nhất'], ['Thứ hai'], ['Thứ nhất']]);
  });

  it('reads a package whose styles relationship points at the document part itself, without styles', () => {
    const docRels = (target: string) =>
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="${target}"/></Relationships>`;
    const selfStyled = makeDocx(p('Tự trỏ'), { 'word/_rels/document.xml.rels': docRels('document.xml') });
    const styled = makeDocx(p('Có kiểu'), { 'word/_rels/document.xml.rels': docRels('styles.xml'), 'word/styles.xml': styles(true) });
    expect([paras(selfStyled), paras(styled), paras(selfStyled)]).toEqual([['Tự trỏ'], ['Có kiểu (bold)'], ['Tự trỏ']]);
  });

  it('reads a document part larger than the one before it in full', () => {
    const small = makeDocx(p('ngắn'));
    const long = 'dài '.repeat(50_000).trim();
    expect(paras(small)).toEqual(['ngắn']);
    expect(paras(makeDocx(p(long)))).toEqual([long]);
    expect(paras(small)).toEqual(['ngắn']);
  });
});

/**
 * Word 97–2003 `.doc`: a plan saved in the old format gives the same tasks as
 * the same plan saved as .docx, for our samples (samples/doc, saved by
 * LibreOffice: scripts/fixtures/make-doc.sh) and for the real documents of
 * the development set (saved as .doc here, when LibreOffice is installed).
 * Damaged, encrypted and mislabelled files get clear errors, never a crash.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import CFB from 'cfb';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import { PlanError } from '../pipeline/model/errors.js';
import { readDocument } from '../pipeline/read/index.js';
import { openDoc } from '../pipeline/read/doc/container.js';
import { readFib } from '../pipeline/read/doc/fib.js';
import { readPieces, readText } from '../pipeline/read/doc/pieces.js';
import { sprms } from '../pipeline/read/doc/sprms.js';
import { findSoffice, removeProfile, runSoffice } from './helpers/libreoffice.js';

const ROOT = path.join(import.meta.dirname, '..');
const AS_OF = '2026-07-01';
const bytes = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

/** What a task is for the tracking sheet: every field the gold scores. */
function rows(doc: ConvertedDocument): string[] {
  return doc.tasks.map((t) => JSON.stringify([t.tt, t.group, t.content, t.lead, t.support, t.deadline.raw, t.deadline.end, t.approval, t.product]));
}

async function codeOf(file: string, data: Uint8Array): Promise<string> {
  try {
    await convertDocument(file, data, { asOf: AS_OF });
    return 'ok';
  } catch (e) {
    if (e instanceof PlanError) return e.code;
    throw e;
  }
}

describe('a .doc gives the tasks of the same plan as .docx', () => {
  const docs = readdirSync(path.join(ROOT, 'samples/doc')).filter((f) => f.endsWith('.doc')).sort();

  it('has every .docx sample as .doc', () => {
    expect(docs.map((f) => f.replace(/\.doc$/, ''))).toEqual(
      readdirSync(path.join(ROOT, 'samples/docx')).filter((f) => f.endsWith('.docx')).map((f) => f.replace(/\.docx$/, '')).sort(),
    );
  });

  it.each(docs)('%s', async (f) => {
    const stem = f.replace(/\.doc$/, '');
    const fromDocx = await convertDocument(`${stem}.docx`, bytes(path.join(ROOT, 'samples/docx', `${stem}.docx`)), { asOf: AS_OF });
    const fromDoc = await convertDocument(f, bytes(path.join(ROOT, 'samples/doc', f)), { asOf: AS_OF });
    expect(fromDoc.source.format).toBe('doc');
    expect(rows(fromDoc)).toEqual(rows(fromDocx));
    expect(fromDoc.tasks.length).toBeGreaterThan(0);
    // And what the finders saw: the same paragraphs (text, bold) and table cells (text, span, vertical merge).
    const shape = async (name: string, dir: string) =>
      (await readDocument(name, bytes(path.join(ROOT, dir, name)))).blocks.map((b) =>
        b.kind === 'table' ? b.rows.map((r) => r.cells.map((c) => [c.text, c.span ?? 1, c.merged === true])) : [b.text, b.bold === true],
      );
    expect(await shape(f, 'samples/doc')).toEqual(await shape(`${stem}.docx`, 'samples/docx'));
  });
});

// The development set's Word files (restored into samples/real/files by set-up), saved as .doc by LibreOffice now.
const REAL = path.join(ROOT, 'samples/real/files');
const realDocx = existsSync(REAL) ? readdirSync(REAL).filter((f) => f.endsWith('.docx')).sort() : [];
const soffice = findSoffice();

describe.skipIf((realDocx.length === 0 || !soffice) && !process.env.CI)('real documents saved as .doc', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-doc-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await removeProfile();
  });

  it('read the same tasks as their .docx, field by field (r02: auto-numbered lists, spanned cells, properties in the Data stream)', async () => {
    expect(realDocx.length).toBeGreaterThan(0);
    await runSoffice(['--convert-to', 'doc:MS Word 97', '--outdir', dir, ...realDocx.map((f) => path.join(REAL, f))]);
    for (const f of realDocx) {
      const stem = f.replace(/\.docx$/, '');
      const fromDocx = await convertDocument(f, bytes(path.join(REAL, f)), { asOf: AS_OF });
      const fromDoc = await convertDocument(`${stem}.doc`, bytes(path.join(dir, `${stem}.doc`)), { asOf: AS_OF });
      expect(rows(fromDoc), stem).toEqual(rows(fromDocx));
    }
  }, 240_000);
});

// Real files saved by Microsoft Word (samples/real/office-d, restored from their repository's snapshot by set-up):
// LibreOffice is the oracle, each is compared with the .docx LibreOffice makes of it.
const OFFICE = path.join(ROOT, 'samples/real/office-d');
const officeDocs = existsSync(OFFICE) ? readdirSync(OFFICE).filter((f) => f.endsWith('.doc')).sort() : [];

describe.skipIf(officeDocs.length === 0 || !soffice)('real .doc files saved by Microsoft Word', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-office-doc-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await removeProfile();
  });

  it('read to the tasks, paragraphs and table cells LibreOffice reads in them', async () => {
    await runSoffice(['--convert-to', 'docx', '--outdir', dir, ...officeDocs.map((f) => path.join(OFFICE, f))]);
    let tasks = 0;
    for (const f of officeDocs) {
      const stem = f.replace(/\.doc$/, '');
      const docx = bytes(path.join(dir, `${stem}.docx`));
      const doc = bytes(path.join(OFFICE, f));
      const text = (d: Awaited<ReturnType<typeof readDocument>>) =>
        d.blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.map((c) => c.text)) : [b.text, b.bold === true]));
      // Text boxes are a story of their own that the reader leaves out (LibreOffice puts them inline): od08's "DỰ THẢO" stamp.
      if (readFib(openDoc(f, doc).word).ccpTxbx === 0) expect(text(await readDocument(f, doc)), f).toEqual(text(await readDocument(`${stem}.docx`, docx)));
      const a = await convertDocument(f, doc, { asOf: AS_OF }).catch((e: PlanError) => e.code);
      const b = await convertDocument(`${stem}.docx`, docx, { asOf: AS_OF }).catch((e: PlanError) => e.code);
      expect(typeof a === 'string' ? a : rows(a), f).toEqual(typeof b === 'string' ? b : rows(b));
      if (typeof a !== 'string') tasks += a.tasks.length;
    }
    expect(tasks).toBeGreaterThan(0);
  }, 240_000);
});

describe('files that are not what their name says, or that are damaged', () => {
  const sample = bytes(path.join(ROOT, 'samples/doc/000_608305ae69954cdd.doc'));

  /** The sample's container with one stream changed (or removed, or added). */
  function withStream(name: string, edit: ((b: Uint8Array) => Uint8Array) | null): Uint8Array {
    const c = CFB.read(sample, { type: 'array' });
    const entry = CFB.find(c, name);
    if (edit === null) CFB.utils.cfb_del(c, `/${name}`);
    else if (entry) entry.content = edit(Uint8Array.from(entry.content as ArrayLike<number>)) as unknown as CFB.CFB$Blob;
    else CFB.utils.cfb_add(c, `/${name}`, edit(new Uint8Array(16)));
    return Uint8Array.from(CFB.write(c, { type: 'array' }) as ArrayLike<number>);
  }

  it('an encrypted .doc asks for the password to be removed', async () => {
    const encrypted = withStream('WordDocument', (b) => {
      const out = b.slice();
      out[0x0b]! |= 0x01; // fEncrypted, bit 8 of the FIB flags
      return out;
    });
    expect(await codeOf('mat-khau.doc', encrypted)).toBe('docx.encrypted');
  });

  it('a Word 6/95 file asks to be saved again: its layout is not Word 97’s', async () => {
    const word95 = withStream('WordDocument', (b) => {
      const out = b.slice();
      out[2] = 0x65; // nFib of Word 6
      out[3] = 0x00;
      return out;
    });
    expect(await codeOf('cu.doc', word95)).toBe('doc.old_word');
  });

  it('reads past a tab change too long for its size byte: a table flag after it is not lost', () => {
    // sprmPChgTabs in its long form (size byte 255): 1 deleted tab, 2 added; then sprmPFInTable = 1.
    const b = new Uint8Array([0x15, 0xc6, 255, 1, 0x10, 0x00, 0x20, 0x00, 2, 0x30, 0x00, 0x40, 0x00, 0x00, 0x00, 0x16, 0x24, 0x01]);
    expect([...sprms(b, 0, b.length)].map((x) => [x.code, x.at, x.size])).toEqual([
      [0xc615, 2, 13],
      [0x2416, 17, 1],
    ]);
  });

  it('a piece table pointing many pieces at the same bytes gives no text larger than the file', () => {
    // WordDocument: 1,024 bytes of "a"; the table: one Pcdt of 5,000 pieces of 500 characters, all at byte 0.
    const word = new Uint8Array(1024).fill(0x61);
    const n = 5000;
    const plc = new DataView(new ArrayBuffer(4 * (n + 1) + 8 * n));
    for (let i = 0; i <= n; i++) plc.setUint32(i * 4, i * 500, true);
    for (let i = 0; i < n; i++) plc.setUint32(4 * (n + 1) + i * 8 + 2, 0x40000000, true); // compressed, fc 0
    const table = new Uint8Array(5 + plc.byteLength);
    table[0] = 0x02;
    new DataView(table.buffer).setUint32(1, plc.byteLength, true);
    table.set(new Uint8Array(plc.buffer), 5);
    const pieces = readPieces(word, table, { fc: 0, lcb: table.length });
    expect(pieces).toHaveLength(1);
    expect(readText(word, pieces, n * 500).text.length).toBeLessThanOrEqual(word.length);
  });

  it('an old Excel or PowerPoint file under .doc says it is no Word document', async () => {
    expect(await codeOf('bang-tinh.doc', withStream('WordDocument', null))).toBe('doc.not_word');
  });

  it('a truncated .doc is damaged, whatever the cut', async () => {
    for (const keep of [600, 4096, 9000, sample.length - 2048]) {
      expect(['doc.corrupt', 'plan.no_tasks', 'ok']).toContain(await codeOf('cut.doc', sample.slice(0, keep)));
    }
    expect(await codeOf('cut.doc', sample.slice(0, 600))).toBe('doc.corrupt');
  });

  it('an RTF file named .doc says so; a web page or a .docx named .doc is read as what it is', async () => {
    expect(await codeOf('rtf.doc', new TextEncoder().encode('{\\rtf1\\ansi Kế hoạch}'))).toBe('doc.rtf');
    const html = bytes(path.join(ROOT, 'samples/forms/000_608305ae69954cdd.html'));
    const asHtml = await convertDocument('page.html', html, { asOf: AS_OF });
    expect(rows(await convertDocument('trang-web.doc', html, { asOf: AS_OF }))).toEqual(rows(asHtml));
    const docx = bytes(path.join(ROOT, 'samples/docx/000_608305ae69954cdd.docx'));
    expect(rows(await convertDocument('doi-ten.doc', docx, { asOf: AS_OF }))).toEqual(rows(await convertDocument('a.docx', docx, { asOf: AS_OF })));
  });

  it('damaged streams give tasks or a PlanError, never another error (bytes flipped in the text and the tables)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('WordDocument', '1Table'),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 24 }),
        async (name, flips) => {
          const broken = withStream(name, (b) => {
            const out = b.slice();
            for (const f of flips) out[f.at % out.length] = f.value;
            return out;
          });
          try {
            await readDocument('hong.doc', broken);
          } catch (e) {
            if (!(e instanceof PlanError)) throw e;
          }
        },
      ),
      { numRuns: 60, seed: 1203 },
    );
  }, 120_000);
});

/**
 * `Nhiệm vụ` on paper: LibreOffice prints a converted plan to PDF and the
 * first page is read back with pdftotext -bbox. The type must be 9 pt or
 * more (it was about 3.6 pt when all seventeen columns were fitted to one A4
 * width), and page 1 must hold the headers and the first task a reader looks for.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import { X_FONT } from '../pipeline/write/workbook/layout.js';
import { writeWorkbook } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { writeXlsx } from '../pipeline/write/xlsx/index.js';
import { libreOfficeOrSkip, removeProfile, runSoffice } from './helpers/libreoffice.js';

const AS_OF = '2026-06-30';
const SAMPLE = path.join(import.meta.dirname, '..', 'samples', '000_608305ae69954cdd.txt');
/** The sheet's type (Times New Roman 12), as printed at 100 %. */
const SHEET_PT = X_FONT.size!;

/** pdftotext, from poppler-utils, which the print check needs beside soffice. */
function hasPdftotext(): boolean {
  if (spawnSync('pdftotext', ['-v']).error === undefined) return true;
  const missing = 'pdftotext (poppler-utils) is not installed.';
  if (process.env.CI) throw new Error(`${missing} CI is set: the print test must run there.`);
  console.warn(`${missing} Skipping the print test.`);
  return false;
}

const canPrint = libreOfficeOrSkip() && hasPdftotext();

interface Word {
  text: string;
  height: number;
}

/** The words of one PDF page with their box heights (yMax − yMin, points). */
function words(pdf: string, page: number): Word[] {
  const r = spawnSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${r.stderr}`);
  const out: Word[] = [];
  for (const m of r.stdout.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    out.push({ text: m[3]!, height: Number(m[2]) - Number(m[1]) });
  }
  return out;
}

/** A page's text with every space and line break removed, so words wrapped or split by pdftotext still match. */
function squeezedText(pdf: string, page: number): string {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${r.stderr}`);
  return squeeze(r.stdout);
}

function squeeze(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, '');
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * A one-sheet workbook of Times New Roman 12 at 100 %, printed beside the
 * tracking workbook: the height pdftotext gives its words is what 12 pt
 * measures here (about 1.3 × the size with LibreOffice's Liberation Serif,
 * other with another font standing in), so the check does not depend on the
 * font a machine substitutes.
 */
async function referenceXlsx(): Promise<Uint8Array> {
  const text = 'Tổ chức tuyên truyền, phổ biến Nghị quyết số 34/NQ-CP của Chính phủ và các văn bản liên quan';
  return writeXlsx({
    creator: 'phuluc',
    fullCalcOnLoad: false,
    definedNames: [],
    sheets: [
      {
        name: 'Mẫu',
        columns: [100],
        rows: () => Array.from({ length: 10 }, (_x, i) => ({ r: i + 1, cells: [{ value: text, style: { font: X_FONT } }] })),
        page: { paperSize: 9, orientation: 'landscape' },
      },
    ],
  });
}

describe.skipIf(!canPrint)('Nhiệm vụ printed on A4 by LibreOffice', () => {
  let dir: string;
  let doc: ConvertedDocument;
  const pdf = (name: string): string => path.join(dir, 'out', `${name}.pdf`);

  beforeAll(async () => {
    doc = await convertDocument(path.basename(SAMPLE), new Uint8Array(readFileSync(SAMPLE)), { asOf: AS_OF });
    dir = mkdtempSync(path.join(tmpdir(), 'phuluc-print-'));
    mkdirSync(path.join(dir, 'in'));
    mkdirSync(path.join(dir, 'out'));
    const files: Array<[string, Uint8Array]> = [
      ['direct', await writeWorkbook([doc], { asOf: AS_OF })],
      ['exceljs', await workbookBytes(buildWorkbook([doc], { asOf: AS_OF }))],
      ['reference', await referenceXlsx()],
    ];
    const inputs = files.map(([name, bytes]) => {
      const p = path.join(dir, 'in', `${name}.xlsx`);
      writeFileSync(p, bytes);
      return p;
    });
    // One soffice start for the three (each start costs seconds); it prints every sheet, Nhiệm vụ first.
    await runSoffice(['--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), ...inputs], 240_000);
  }, 300_000);

  afterAll(async () => {
    await removeProfile();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['direct', 'exceljs'])('%s writer: type of 9 pt or more; headers and the first task on page 1, the tracking columns on page 2', (name) => {
    const page1 = words(pdf(name), 1);
    const reference = words(pdf('reference'), 1);
    expect(page1.length).toBeGreaterThan(50);
    // The median, not the minimum: pdftotext cuts Vietnamese words at some accented letters ("N" "ộ" "i"),
    // and those pieces, the footer and the odd symbol have boxes of other heights; the median is the body type.
    const measured = median(page1.map((w) => w.height));
    const pt = (SHEET_PT * measured) / median(reference.map((w) => w.height));
    expect(measured, `word height on page 1: ${measured.toFixed(2)}`).toBeGreaterThanOrEqual(9);
    expect(pt, `type on page 1: ${pt.toFixed(1)} pt`).toBeGreaterThanOrEqual(9);

    const text1 = squeezedText(pdf(name), 1);
    expect(text1).toContain(squeeze('Nội dung'));
    expect(text1).toContain(squeeze('Cơ quan chủ trì'));
    const first = doc.tasks[0]!.content.split(/\s+/).slice(0, 6).join(' ');
    expect(text1).toContain(squeeze(first));

    // Pages go over, then down: page 2 is the other half of the same rows, with STT and Mã again.
    const text2 = squeezedText(pdf(name), 2);
    for (const h of ['STT', 'Mã', 'Trạng thái', 'Kết quả/Ghi chú']) expect(text2).toContain(squeeze(h));
  });
});

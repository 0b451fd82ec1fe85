import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.min.mjs';
import { readPdf } from '../pipeline/read/pdf.js';
import { formatOf, readDocument } from '../pipeline/read/index.js';
import { convertDocument } from '../pipeline/convert.js';
import type { Doc, Paragraph, Table } from '../pipeline/model/doc.js';
import type { Task } from '../pipeline/model/task.js';
import { PlanError } from '../pipeline/model/errors.js';
import { GoldFile, goldId } from '../pipeline/eval/gold.js';
import { passesStrict, scoreDocument } from '../pipeline/eval/score.js';
import {
  FIDELITY_LINES,
  HEADERS,
  RECT_GROUP,
  RECT_HEADERS,
  RECT_ROWS,
  SPLIT_ROWS,
  UNRULED_ROWS,
  type CaseRow,
} from '../scripts/fixtures/pdf-cases.js';

/**
 * The PDF reader. The samples are plans printed to PDF by LibreOffice (scripts/fixtures/README.md); the cases
 * under test/fixtures/pdf were made once by scripts/fixtures/pdf-cases.ts, which says what each exercises.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples/pdf');
const CASES = path.join(ROOT, 'test/fixtures/pdf');

const bytesOf = (file: string) => new Uint8Array(readFileSync(file));
const tables = (doc: Doc) => doc.blocks.filter((b): b is Table => b.kind === 'table');
const paras = (doc: Doc) => doc.blocks.filter((b): b is Paragraph => b.kind === 'para');
const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlanError) return e.code;
    throw e;
  }
  return 'no error';
}

async function caseTasks(name: string): Promise<Task[]> {
  return (await convertDocument(name, bytesOf(path.join(CASES, name)))).tasks;
}

/** Each expected row came out as one task with every field as printed. */
function expectRows(tasks: Task[], rows: CaseRow[]): void {
  expect(tasks.map((t) => t.tt)).toEqual(rows.map((r) => r.tt));
  rows.forEach((r, i) => {
    const t = tasks[i]!;
    expect(norm(t.content), `content of ${r.tt}`).toBe(norm(r.content.join(' ')));
    expect(t.lead, `lead of ${r.tt}`).toEqual(r.lead);
    expect(t.support, `support of ${r.tt}`).toEqual(r.support);
    expect(t.deadline.raw, `deadline of ${r.tt}`).toBe(r.deadline);
  });
}

describe('pdf reader: the sample plans score like their docx and text forms', () => {
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.pdf')).sort();

  it('has the samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it.each(files)('%s: every row found, every field right', async (name) => {
    const gold = GoldFile.parse(JSON.parse(readFileSync(path.join(ROOT, 'samples/gold', `${goldId(name)}.json`), 'utf8')));
    const { tasks, source } = await convertDocument(name, bytesOf(path.join(SAMPLES, name)));
    expect(source.format).toBe('pdf');
    const score = scoreDocument(gold.rows, tasks);
    expect({ f1: score.f1, mismatches: score.mismatches }).toEqual({ f1: 1, mismatches: [] });
    expect(passesStrict(score)).toBe(true);
  }, 60_000);

  it('reads the letterhead column by column, as the meta finder expects', async () => {
    const doc = await readPdf('004.pdf', bytesOf(path.join(SAMPLES, '004_a698d7df3c568d60.pdf')));
    const head = paras(doc).slice(0, 4).map((p) => p.text);
    expect(head).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH NGHỆ AN', 'Số: /KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    // The page numbers printed at the top of pages 2–5 are gone.
    expect(paras(doc).some((p) => /^\d+$/.test(p.text))).toBe(false);
    // One logical table over three pages, its header marked once.
    const [table, ...more] = tables(doc);
    expect(more).toEqual([]);
    expect(new Set(table!.rows.map((r) => r.page))).toEqual(new Set([3, 4, 5]));
    expect(table!.rows.filter((r) => r.header).length).toBe(1);
  }, 60_000);
});

describe('pdf reader: a table over three pages', () => {
  let doc: Doc;
  let tasks: Task[];
  beforeAll(async () => {
    doc = await readDocument('split-rows.pdf', bytesOf(path.join(CASES, 'split-rows.pdf')));
    tasks = await caseTasks('split-rows.pdf');
  }, 60_000);

  it('is printed as the tests need: each break falls inside a row', async () => {
    // Read the pages as pdf.js gives them: the first line under the repeated header is the tail of a split row.
    const pdf = await getDocument({ data: bytesOf(path.join(CASES, 'split-rows.pdf')), useWorkerFetch: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    expect(pdf.numPages).toBe(3);
    const underHeader = async (n: number): Promise<string[]> => {
      const items = (await (await pdf.getPage(n)).getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [i] : []));
      const head = items.find((i) => i.str === 'Nội dung nhiệm vụ')!;
      // Under the header row, whose cells wrap ("Thời gian hoàn" / "thành"), above the footer.
      const below = items.filter((i) => i.transform[5] < head.transform[5] - 5 && i.transform[5] > 60 && !HEADERS.some((h) => h.includes(i.str.trim())));
      const top = Math.max(...below.map((i) => i.transform[5] as number));
      return below.filter((i) => Math.abs(i.transform[5] - top) < 2).map((i) => i.str);
    };
    // Only the last line of row 2's task text on page 2; only the last agency of row 5's support on page 3.
    expect(await underHeader(2)).toEqual(['quá trình tổ chức thực hiện']);
    expect(await underHeader(3)).toEqual(['các sở, ngành']);
    await pdf.destroy();
  }, 60_000);

  it('gives one table: header once (marked), no repeated header, running header and footer dropped', () => {
    const [table, ...more] = tables(doc);
    expect(more).toEqual([]);
    expect(table!.rows[0]!.cells.map((c) => c.text)).toEqual(HEADERS);
    expect(table!.rows[0]!.header).toBe(true);
    expect(table!.rows.filter((r) => r.cells[1]!.text === 'Nội dung nhiệm vụ').length).toBe(1);
    expect(table!.rows.length).toBe(1 + SPLIT_ROWS.length);
    expect(new Set(table!.rows.map((r) => r.page))).toEqual(new Set([1, 2, 3]));
    // Rows are numbered one after another; the table's line is its first row's.
    expect(table!.rows.map((r) => r.line)).toEqual(table!.rows.map((_r, i) => table!.line + i));
    const text = paras(doc).map((p) => p.text);
    expect(text.filter((t) => /UBND TỈNH MẪU|^Trang \d/.test(t))).toEqual([]);
    expect(text).toEqual(['PHỤ LỤC', 'Danh mục nhiệm vụ triển khai Kế hoạch']);
  });

  it('joins the rows split by the breaks: a wrapped line with a space, an agency of its own with a new paragraph', () => {
    const row = (tt: string) => tables(doc)[0]!.rows.find((r) => r.cells[0]!.text === tt)!;
    expect(row('2').cells[1]!.text.endsWith('phát sinh trong quá trình tổ chức thực hiện')).toBe(true);
    expect(row('5').cells[3]!.text).toBe('Sở Nội vụ\nSở Tài chính\nCông an tỉnh\ncác sở, ngành');
  });

  it('keeps a cell of two paragraphs apart by the paragraph gap', () => {
    const row3 = tables(doc)[0]!.rows.find((r) => r.cells[0]!.text === '3')!;
    expect(row3.cells[1]!.text.split('\n')).toEqual(SPLIT_ROWS[2]!.content);
  });

  it('extracts every task whole', () => {
    expectRows(tasks, SPLIT_ROWS);
  });
});

describe('pdf reader: other tables', () => {
  it('finds a table printed without rules from its header', async () => {
    expectRows(await caseTasks('unruled.pdf'), UNRULED_ROWS);
  }, 60_000);

  it.each(['unruled-pages.pdf', 'unruled-once.pdf'])(
    '%s: a table without rules over three pages, its header repeated or printed once, is one table',
    async (name) => {
      const doc = await readPdf(name, bytesOf(path.join(CASES, name)));
      expect(tables(doc).length).toBe(1);
      // Page 3 holds the tail of row 6 only: it went into the row, and nothing was left outside the table.
      expect(paras(doc).map((p) => p.text)).toEqual(['PHỤ LỤC', 'Danh mục nhiệm vụ triển khai Kế hoạch']);
      expectRows(await caseTasks(name), SPLIT_ROWS);
    },
    60_000,
  );

  it('reads rules drawn as thin filled rectangles under a transform: spans and merged cells', async () => {
    const doc = await readPdf('rects.pdf', bytesOf(path.join(CASES, 'rects.pdf')));
    const [t] = tables(doc);
    expect(t!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      RECT_HEADERS,
      [RECT_GROUP, '', '', ''],
      RECT_ROWS[0],
      RECT_ROWS[1],
    ]);
    expect(t!.rows[1]!.cells[0]!.span).toBe(4);
    expect(t!.rows[2]!.cells[2]!.merged).toBeUndefined();
    expect(t!.rows[3]!.cells[2]!.merged).toBe(true);
    const tasks = await caseTasks('rects.pdf');
    expect(tasks.map((x) => [x.tt, x.group, x.content, x.lead, x.deadline.raw])).toEqual(
      RECT_ROWS.map(([tt, content, lead, deadline]) => [tt, RECT_GROUP, content, [lead], deadline]),
    );
  }, 60_000);
});

describe('pdf reader: text fidelity', () => {
  it('keeps fake bold once, joins tone marks to their letter, expands ligatures, composes NFC, drops the page number', async () => {
    const doc = await readPdf('fidelity.pdf', bytesOf(path.join(CASES, 'fidelity.pdf')));
    const ps = paras(doc);
    expect(ps.map((p) => p.text)).toEqual(FIDELITY_LINES);
    expect(ps.every((p) => p.text === p.text.normalize('NFC'))).toBe(true);
    // Text drawn twice reads as bold.
    expect(ps[0]!.bold).toBe(true);
    expect(ps[1]!.bold).toBe(true);
    // One line each, a paragraph apart (the gaps are wide); page 1.
    expect(ps.map((p) => p.line)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(ps.every((p) => p.page === 1)).toBe(true);
  }, 60_000);
});

describe('pdf reader: files that cannot be read', () => {
  it('an encrypted PDF without its password', async () => {
    const p = readPdf('encrypted.pdf', bytesOf(path.join(CASES, 'encrypted.pdf')));
    await expect(p).rejects.toMatchObject({ code: 'pdf.encrypted', vi: expect.stringContaining('mật khẩu'), en: expect.stringContaining('password') });
  }, 60_000);

  it('a PDF with only a permissions password opens', async () => {
    const tasks = await caseTasks('owner-only.pdf');
    expect(tasks.map((t) => t.tt)).toEqual(['1']);
  }, 60_000);

  it('a scanned PDF without OCR (the add-in): no text layer, the command line reads it', async () => {
    const p = readPdf('scanned.pdf', bytesOf(path.join(CASES, 'scanned.pdf')));
    await expect(p).rejects.toMatchObject({
      code: 'pdf.scanned',
      vi: expect.stringMatching(/bản quét \(ảnh\), không có lớp chữ; cần nhận dạng ký tự \(OCR\): hãy chuyển bằng dòng lệnh phuluc/),
      en: expect.stringMatching(/scanned image with no text layer and needs OCR: convert it with the phuluc command line/),
    });
  }, 60_000);

  it('a truncated PDF, bytes that are not a PDF, an empty file', async () => {
    expect(await codeOf(readPdf('corrupt.pdf', bytesOf(path.join(CASES, 'corrupt.pdf'))))).toBe('pdf.corrupt');
    expect(await codeOf(readPdf('notes.pdf', new TextEncoder().encode('Kế hoạch số 12\n')))).toBe('pdf.corrupt');
    expect(await codeOf(readPdf('half.pdf', new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog')))).toBe('pdf.corrupt');
    expect(await codeOf(readPdf('empty.pdf', new Uint8Array(0)))).toBe('file.empty');
  }, 60_000);

  it('a PDF with more pages than allowed', async () => {
    expect(await codeOf(readPdf('split-rows.pdf', bytesOf(path.join(CASES, 'split-rows.pdf')), { maxPages: 2 }))).toBe('file.too_large');
  }, 60_000);

  it('goes through the format dispatch and the converter', async () => {
    expect(formatOf('Ke hoach.PDF')).toBe('pdf');
    expect(await codeOf(convertDocument('scan.pdf', bytesOf(path.join(CASES, 'scanned.pdf'))))).toBe('pdf.scanned');
  }, 60_000);
});

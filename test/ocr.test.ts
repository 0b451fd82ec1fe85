/**
 * Scanned plans: image-only PDFs read by tesseract, laid out by the same
 * engine as PDF text. The image steps (skew, rules, specks, strips) are
 * specified on drawn images; the whole path on scanned copies of our plans
 * (samples/scanned, made by scripts/fixtures/make-scans.py: 150–300 dpi,
 * turned by up to a degree, speckled, JPEG), scored as `npm run eval` scores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { phulucFromSources } from './helpers/spawn.js';
import { convertDocument } from '../pipeline/convert.js';
import { GoldFile } from '../pipeline/eval/gold.js';
import { scoreDocument, totalScore } from '../pipeline/eval/score.js';
import { createPageOcr, restoreMarks } from '../pipeline/node/ocr/index.js';
import { components, inkShare, otsu, parsePgm, rotate, skewAngle, toPgm, type Gray } from '../pipeline/node/ocr/raster.js';
import { eraseRules, findRules } from '../pipeline/node/ocr/rules.js';
import { despeckle } from '../pipeline/node/ocr/specks.js';
import { buildStrip, buildStrips } from '../pipeline/node/ocr/strip.js';

import { cleanWord, parseTsv, wordsToRuns } from '../pipeline/node/ocr/words.js';
import { ocrTools } from '../pipeline/node/ocr/tools.js';
import { readPdf } from '../pipeline/read/pdf.js';
import { textQuality } from '../pipeline/read/text-quality.js';
import { isPlanError } from '../pipeline/model/errors.js';
import type { Doc } from '../pipeline/model/doc.js';
import { extractTasks } from '../pipeline/extract.js';
import { normaliseTask } from '../pipeline/normalise/task.js';
import { ocrFindings } from '../pipeline/check/ocr-confidence.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANS = path.join(ROOT, 'samples/scanned');
const FIXTURES = path.join(ROOT, 'test/fixtures/scans');
const bytesOf = (f: string) => new Uint8Array(readFileSync(f));

// ── drawn images ───────────────────────────────────────────────────────────

function blank(width: number, height: number): Gray {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fill(img: Gray, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y <= y1; y++) img.data.fill(v, y * img.width + x0, y * img.width + x1 + 1);
}

/** A page at 200 dpi: a ruled table of 3 columns and 4 rows, "words" (ink blocks) in its cells and in lines of prose above. */
function drawnPage(): Gray {
  const img = blank(1600, 2000);
  // Prose: 12 lines of word-sized blocks, 36 px apart.
  for (let l = 0; l < 12; l++) for (let w = 0; w < 14; w++) fill(img, 150 + w * 90, 200 + l * 36, 150 + w * 90 + 60, 200 + l * 36 + 22);
  const xs = [150, 300, 1000, 1450];
  const ys = [800, 880, 1000, 1120, 1240];
  for (const y of ys) fill(img, xs[0]!, y, xs[3]!, y + 2);
  for (const x of xs) fill(img, x, ys[0]!, x + 2, ys[4]!);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 3; c++) fill(img, xs[c]! + 15, ys[r]! + 30, xs[c]! + 15 + 50, ys[r]! + 52);
  return img;
}

describe('the page image before tesseract', () => {
  it('reads and writes 8-bit grey PGM, and refuses other images', () => {
    const img = drawnPage();
    const back = parsePgm(toPgm(img));
    expect([back.width, back.height]).toEqual([img.width, img.height]);
    expect(back.data).toEqual(img.data);
    expect(() => parsePgm(new TextEncoder().encode('P6\n1 1\n255\n\0\0\0'))).toThrow(/PGM/);
  });

  it('finds how far a page is turned, and turning it back levels it', () => {
    const img = drawnPage();
    const t = otsu(img);
    expect(skewAngle(img, t)).toBe(0);
    for (const deg of [0.8, -0.6, 1.0]) {
      const turned = rotate(img, deg);
      const found = skewAngle(turned, t);
      expect(Math.abs(found + deg), `turned ${deg}°, found ${found}°`).toBeLessThanOrEqual(0.1);
      expect(Math.abs(skewAngle(rotate(turned, found), t))).toBeLessThanOrEqual(0.1);
    }
  });

  it('finds the table rules, not the strokes of text, and whitens them', () => {
    const img = drawnPage();
    const rules = findRules(img, 128, { dpi: 200 });
    expect(rules.hs.map((s) => Math.round(s.at))).toEqual([801, 881, 1001, 1121, 1241]);
    expect(rules.vs.map((s) => Math.round(s.at)).sort((a, b) => a - b)).toEqual([151, 301, 1001, 1451]);
    for (const s of rules.hs) expect([s.from, s.to]).toEqual([150, 1452]);
    const erased = eraseRules(img, rules);
    // Only the words are left: 12 × 14 in the prose, 12 in the cells.
    expect(components(erased, 128)).toHaveLength(12 * 14 + 12);
  });

  it('takes away specks standing alone, and keeps the marks beside letters', () => {
    const img = blank(400, 200);
    fill(img, 100, 100, 130, 130); // a letter
    fill(img, 115, 90, 118, 93); // its tone mark, close above
    fill(img, 300, 50, 302, 52); // a speck alone
    const clean = despeckle(img, 128, 36);
    const left = components(clean, 128);
    expect(left).toHaveLength(2);
    expect(left.some((c) => c.x0 === 300)).toBe(false);
  });

  it('stacks boxes into one strip and puts the words read there back in place', () => {
    const img = drawnPage();
    const strip = buildStrip(img, [{ x0: 165, y0: 830, x1: 215, y1: 852 }, { x0: 1015, y0: 1150, x1: 1065, y1: 1172 }], 4, 40)!;
    expect(inkShare(strip.image, 128)).toBeGreaterThan(0);
    // Tesseract's boxes in the strip: the second box starts below the first and its gap.
    const words = [
      { text: '1', left: 44, top: 44, width: 51, height: 23, conf: 96, line: '1.1.1' },
      { text: '2', left: 44, top: 40 + 31 + 40 + 4, width: 51, height: 23, conf: 96, line: '1.1.2' },
    ];
    const placed = strip.place(words, 'cell');
    expect(placed.map((w) => [w.left, w.top])).toEqual([
      [165, 830],
      [1015, 1150],
    ]);
    expect(placed[0]!.line).toBe('cell.0.1.1.1');
  });

  it('cuts strips below tesseract\'s largest image side', () => {
    const img = blank(200, 40_000);
    const boxes = Array.from({ length: 100 }, (_, i) => ({ x0: 10, y0: i * 400, x1: 150, y1: i * 400 + 300 }));
    const strips = buildStrips(img, boxes, 0, 60, 30_000);
    expect(strips.length).toBe(2);
    expect(strips.every((x) => x.image.height <= 30_000)).toBe(true);
    // Every box is in one strip, in order.
    expect(strips.reduce((n, x) => n + x.place([], 'c').length, 0)).toBe(0);
    const heights = strips.map((x) => x.image.height);
    expect(heights.reduce((a, b) => a + b, 0)).toBe(100 * (301 + 60) + 2 * 60);
  });
});

// ── tesseract's words ─────────────────────────────────────────────────────────

/** Rows of tesseract's TSV for the letterhead of a real letter (r06, 300 dpi). */
const TSV = [
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  '4\t1\t1\t1\t1\t0\t435\t233\t1778\t66\t-1\t',
  '5\t1\t1\t1\t1\t1\t435\t233\t75\t49\t92.927681\tUỶ',
  '5\t1\t1\t1\t1\t2\t527\t246\t111\t53\t94.515472\tBAN',
  '5\t1\t1\t1\t1\t3\t655\t235\t156\t49\t96.379173\tNHÂN',
  '5\t1\t1\t1\t1\t4\t827\t235\t114\t50\t94.455467\tDÂN',
  '5\t1\t1\t1\t1\t5\t1173\t242\t147\t50\t93.305267\tCỘNG',
].join('\n');

describe("tesseract's words as runs", () => {
  it('reads words with their boxes and confidence from the TSV, and nothing else', () => {
    const words = parseTsv(TSV);
    expect(words.map((w) => w.text)).toEqual(['UỶ', 'BAN', 'NHÂN', 'DÂN', 'CỘNG']);
    expect(words[2]).toMatchObject({ left: 655, top: 235, width: 156, height: 49, line: '1.1.1' });
    expect(words[0]!.conf).toBeCloseTo(92.93, 1);
  });

  it('puts a line of words on one baseline, in points, with a size from the line height', () => {
    const { runs } = wordsToRuns(parseTsv(TSV), 300);
    const k = 72 / 300;
    expect(new Set(runs.map((r) => r.y)).size).toBe(1);
    // Words without descenders end on the baseline: the median of their bottoms.
    expect(runs[0]!.y).toBeCloseTo(285 * k, 5);
    expect(runs[2]!.x0).toBeCloseTo(655 * k, 5);
    expect(runs[2]!.x1).toBeCloseTo((655 + 156) * k, 5);
    // Line from 233 to 299 px: 66 px ≈ 15.8 pt high, about a 14 pt font.
    expect(runs[0]!.size).toBeGreaterThanOrEqual(13);
    expect(runs[0]!.size).toBeLessThanOrEqual(15);
    expect(runs.every((r) => r.conf !== undefined)).toBe(true);
    expect(runs[0]!.conf).toBeCloseTo(92.93, 1);
  });

  it('restores tone marks line by line, and a heading number read with a colon', () => {
    const w = (text: string, left: number, conf = 97, line = '1.1.1') => ({ text, left, top: 100, width: 40, height: 30, conf, line });
    const fixed = restoreMarks([w('Sở', 150), w('1:', 100), w('Công', 200), w('Thương', 250), w('vật', 100, 97, '1.1.2'), w('liệu', 150, 97, '1.1.2'), w('nỗ', 200, 91, '1.1.2'), w('công', 250, 97, '1.1.2'), w('nghiệp', 300, 97, '1.1.2')]);
    const text = (line: string) => fixed.filter((x) => x.line === line).sort((a, b) => a.left - b.left).map((x) => x.text).join(' ');
    expect(text('1.1.1')).toBe('1. Sở Công Thương');
    expect(text('1.1.2')).toBe('vật liệu nổ công nghiệp');
    // A time of day is no heading.
    expect(restoreMarks([w('8:', 100), w('30', 150)]).map((x) => x.text)).toEqual(['8:', '30']);
  });

  it('cleans what specks leave on words', () => {
    expect(cleanWord('.')).toBe('');
    expect(cleanWord('|')).toBe('');
    expect(cleanWord("'Sở")).toBe('Sở');
    expect(cleanWord('SởY')).toBe('Sở Y');
    expect(cleanWord('-liệu')).toBe('liệu');
    expect(cleanWord('toán-')).toBe('toán');
    // What is written so stays.
    expect(cleanWord('VNeID')).toBe('VNeID');
    expect(cleanWord('2026-')).toBe('2026-');
    expect(cleanWord('KH-UBND')).toBe('KH-UBND');
    expect(cleanWord('-')).toBe('-');
  });
});

// ── words to check ────────────────────────────────────────────────────────────────

describe('ocr.low_confidence: the words OCR was unsure of, on the field that holds them', () => {
  it('names the unsure words of a row on the fields they landed in, whole words only', async () => {
    const doc: Doc = {
      file: 'quet.pdf',
      format: 'pdf',
      ocrPages: [2],
      blocks: [
        {
          kind: 'table',
          line: 1,
          page: 2,
          rows: [
            { line: 1, page: 2, cells: [{ text: 'TT' }, { text: 'Nội dung' }, { text: 'Cơ quan chủ trì' }, { text: 'Thời gian' }] },
            {
              line: 2,
              page: 2,
              cells: [
                { text: '1' },
                { text: 'Rà soát quy định về vật liệu nỗ công nghiệp', unsure: ['nỗ', 'an'] },
                { text: 'Ủy ban nhân dân tỉnh' },
                { text: 'Quý 11/2026', unsure: ['11/2026'] },
              ],
            },
          ],
        },
      ],
    };
    const tasks = extractTasks(doc).map((r, i) => normaliseTask(r, i));
    const found = ocrFindings(doc, tasks);
    expect(found.map((f) => [f.field, f.rule, f.severity])).toEqual([
      ['content', 'ocr.low_confidence', 'warning'],
      ['deadline', 'ocr.low_confidence', 'warning'],
    ]);
    expect(found[0]!.messageVi).toBe('TT 1: chữ đọc từ bản quét có thể sai: «nỗ» (trang 2); hãy đối chiếu với bản gốc');
    expect(found[0]!.messageEn).toContain('«nỗ» (page 2)');
    // A document not read by OCR has none.
    expect(ocrFindings({ ...doc, ocrPages: undefined }, tasks)).toEqual([]);
  });
});

// ── which pages need OCR ─────────────────────────────────────────────────────────

describe('a text layer worth reading', () => {
  it('takes Vietnamese text as it is and sends a broken OCR layer back to OCR', () => {
    const good = 'Thực hiện Nghị quyết số 34/NQ-CP ngày 05/3/2026 của Chính phủ về việc ban hành Kế hoạch triển khai thực hiện Nghị quyết số 262/2025/QH15, Ủy ban nhân dân (UBND) tỉnh ban hành Kế hoạch như sau';
    expect(textQuality(good).usable).toBe(true);
    // Tesseract's English model on the same line, as a scanner's own OCR leaves it.
    const broken = 'Thuc hién Nghi quyét s6 34/NQ-CP ngay 05/3/2026 cua Chinh phu vé viéc ban hanh Ké hoach trién khai thuc hién Nghi quyét s6 262/2025/QH15, Uy ban nhan dan (UBND) tinh ban hanh Ké hoach nhu sau';
    expect(textQuality(broken).usable).toBe(false);
    // TCVN3 bytes read as Windows-1252, unrepaired.
    expect(textQuality('KÕ ho¹ch thùc hiÖn NghÞ quyÕt cña ChÝnh phñ vÒ viÖc ban hµnh KÕ ho¹ch triÓn khai').usable).toBe(false);
    // A page with a few words only (a stamp, a signature) is too little to judge: kept.
    expect(textQuality('Nguyễn Văn A').usable).toBe(true);
    // An English annex, or names of systems: another language, not Vietnamese read wrong.
    expect(textQuality('The national public service portal, the VNeID application, Zalo and the provincial website publish the forms and the schedule of the project').usable).toBe(true);
  });

  it('never sends a page of our text PDFs or the real corpus to OCR', { timeout: 120_000 }, async () => {
    const dirs = [path.join(ROOT, 'samples/pdf'), ...['files', 'office-a', 'office-b', 'office-c'].map((d) => path.join(ROOT, 'samples/real', d))];
    const asked: string[] = [];
    const ocr = {
      mode: 'auto' as const,
      readPages: async (file: string, _b: Uint8Array, pages: Array<{ n: number }>) => {
        asked.push(`${file} ${pages.map((p) => p.n).join(',')}`);
        throw new Error('no OCR here');
      },
    };
    let read = 0;
    for (const dir of dirs.filter((d) => existsSync(d))) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
        await readPdf(name, bytesOf(path.join(dir, name)), {}, ocr);
        read++;
      }
    }
    expect(read).toBeGreaterThanOrEqual(14);
    expect(asked).toEqual([]);
  });
});

// ── the whole path, with tesseract ────────────────────────────────────────────────

const tools = ocrTools();
if (!tools.ok && !process.env.CI) console.warn(`ocr.test: ${tools.missing.join(', ')} missing, OCR tests skipped (run scripts/setup.sh)`);
const ocr = createPageOcr({ mode: 'auto', parallel: 2 });

describe.skipIf(!tools.ok && !process.env.CI)('scanned plans read by OCR', () => {
  it('finds the tasks of scanned copies of our plans to the issue\'s bars', { timeout: 300_000 }, async () => {
    // Three of the eight (150, 200 dpi; turned −1° to +0.6°; speckled): `npm run eval` scores them all.
    const stems = ['000_608305ae69954cdd', '003_9fe0b5bdb1f2cdf3', 'b05_nong_thon_moi_phu_tho'];
    const scores = [];
    for (const stem of stems) {
      const doc = await convertDocument(`${stem}.pdf`, bytesOf(path.join(SCANS, `${stem}.pdf`)), { ocr });
      expect(doc.source.ocrPages?.length, stem).toBeGreaterThan(0);
      expect(doc.tasks.every((t) => t.origin.ocr === true), stem).toBe(true);
      const gold = GoldFile.parse(JSON.parse(readFileSync(path.join(ROOT, 'samples/gold', `${stem}.json`), 'utf8')));
      scores.push(scoreDocument(gold.rows, doc.tasks));
      // Words tesseract was unsure of are named on the field that holds them.
      for (const f of doc.findings.filter((x) => x.rule === 'ocr.low_confidence')) {
        const task = doc.tasks.find((t) => t.id === f.task)!;
        const words = [...f.messageVi.matchAll(/«([^»]+)»/g)].map((m) => m[1]!);
        const text = JSON.stringify(task).toLowerCase();
        for (const w of words) expect(text, f.messageVi).toContain(w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
      }
    }
    const total = totalScore(scores);
    expect(total.f1).toBeGreaterThanOrEqual(0.95);
    for (const [field, v] of Object.entries(total.fields)) expect.soft(v, field).toBeGreaterThanOrEqual(0.85);
  });

  it('reads again a page whose text layer is broken, unless told not to', { timeout: 120_000 }, async () => {
    const bytes = bytesOf(path.join(FIXTURES, 'broken-layer.pdf'));
    const read = await readPdf('broken-layer.pdf', bytes, {}, ocr);
    expect(read.ocrPages).toEqual([1, 2]);
    const text = read.blocks.map((b) => (b.kind === 'para' ? b.text : b.rows.map((r) => r.cells.map((c) => c.text).join(' ')).join(' '))).join(' ');
    expect(text).toContain('Nghị quyết');
    const asIs = await readPdf('broken-layer.pdf', bytes);
    expect(asIs.ocrPages).toBeUndefined();
  });

  it('reads every page when forced, even a page with good text', { timeout: 120_000 }, async () => {
    const doc = await convertDocument('b05.pdf', bytesOf(path.join(ROOT, 'samples/pdf/b05_nong_thon_moi_phu_tho.pdf')), {
      ocr: createPageOcr({ mode: 'force', parallel: 2 }),
    });
    expect(doc.source.ocrPages).toEqual([1, 2, 3]);
    expect(doc.tasks.length).toBeGreaterThanOrEqual(9);
  });

  it('says a blank scan is blank', { timeout: 60_000 }, async () => {
    const e = await convertDocument('blank.pdf', bytesOf(path.join(FIXTURES, 'blank.pdf')), { ocr }).catch((x: unknown) => x);
    expect(isPlanError(e) && e.code).toBe('ocr.blank');
  });

  it('gives a scan without OCR the message it needs', async () => {
    const e = await convertDocument('000.pdf', bytesOf(path.join(SCANS, '000_608305ae69954cdd.pdf'))).catch((x: unknown) => x);
    expect(isPlanError(e) && e.code).toBe('pdf.scanned');
  });
});

// ── the command line ──────────────────────────────────────────────────────────────

const phuluc = (args: string[], env: NodeJS.ProcessEnv = {}) => phulucFromSources(args, { env });

describe.skipIf(!tools.ok && !process.env.CI)('OCR from the command line', () => {
  it('says how to install tesseract where it is missing, stops a scan past --timeout, and obeys --ocr off', { timeout: 240_000 }, () => {
    const out = mkdtempSync(path.join(tmpdir(), 'phuluc-ocr-'));
    try {
      const scan = path.join(SCANS, '000_608305ae69954cdd.pdf');
      // No tesseract on PATH (node is called by its full path).
      const missing = phuluc(['convert', scan, '--out', out, '--format', 'json'], { PATH: '/nonexistent' });
      expect(missing.status).toBe(1);
      const failure = JSON.parse(readFileSync(path.join(out, '000_608305ae69954cdd.error.json'), 'utf8'));
      expect(failure.error.code).toBe('ocr.unavailable');
      expect(failure.error.vi).toContain('apt-get install');
      expect(failure.error.en).toContain('tesseract-ocr');

      // A text PDF with a picture page still converts without tesseract: a blank page needs no OCR at all, a
      // scanned page is named as not read, with the reason.
      const bin = path.join(out, 'render-only');
      mkdirSync(bin);
      for (const tool of ['pdftoppm', 'timeout']) symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), path.join(bin, tool));
      const mixed = phuluc(['convert', path.join(FIXTURES, 'text-and-blank.pdf'), path.join(FIXTURES, 'text-and-scan.pdf'), '--out', out, '--format', 'json'], { PATH: bin });
      expect(mixed.status, mixed.stderr).toBe(0);
      const blankPage = JSON.parse(readFileSync(path.join(out, 'text-and-blank.json'), 'utf8'));
      const scanPage = JSON.parse(readFileSync(path.join(out, 'text-and-scan.json'), 'utf8'));
      expect(blankPage.tasks.length).toBe(14);
      expect(blankPage.source.unread).toBeUndefined();
      expect(scanPage.tasks.length).toBe(14);
      expect(scanPage.source.unread).toMatchObject({ pages: [6], code: 'ocr.unavailable' });
      expect(mixed.stderr).toMatch(/⚠ .*text-and-scan\.pdf: chưa đọc trang 6 .*\[ocr\.unavailable\]/);

      const off = phuluc(['convert', scan, '--out', out, '--format', 'json', '--ocr', 'off']);
      expect(off.status).toBe(1);
      expect(off.stderr).toContain('[pdf.scanned]');

      // A tesseract that gets stuck: the file's --timeout stops the file, and its processes die with it.
      const fake = path.join(out, 'bin');
      mkdirSync(fake);
      const pids = path.join(out, 'pids');
      writeFileSync(
        path.join(fake, 'tesseract'),
        // Its first two calls take 3 s and find nothing, so the last pages start late in the file's time; then stuck.
        `#!/bin/sh\nif [ "$1" = "--list-langs" ]; then echo vie; exit 0; fi\ncat > /dev/null\necho $$ >> ${pids}\n` +
          `if [ $(wc -l < ${pids}) -le 2 ]; then sleep 3; echo "level"; exit 0; fi\nexec sleep 60\n`,
        { mode: 0o755 },
      );
      const slow = phuluc(['convert', scan, '--out', out, '--format', 'json', '--timeout', '12'], { PATH: `${fake}:${process.env.PATH}` });
      expect(slow.status).toBe(1);
      expect(slow.stderr).toContain('[file.timeout]');
      const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
      expect(started.length).toBeGreaterThan(0);
      const alive = () => started.filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
      // Killed at the file's deadline, not a page's whole budget after the page started.
      const until = Date.now() + 1500;
      while (alive().length > 0 && Date.now() < until) spawnSync('sleep', ['0.2']);
      expect(alive()).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});


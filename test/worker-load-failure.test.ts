/**
 * When a batch worker cannot load the code a job needs (a file of the install
 * missing or unreadable), each file it was given fails with a line saying so,
 * and the command ends with its summary and exit code: no worker dies with an
 * unhandled rejection, no file waits for the time limit, none is reported as
 * "worker stopped".
 *
 * The CLI runs from the sources with a preload (test/fixtures/worker-load)
 * that, in worker threads only, makes one module fail to resolve.
 */
import type { SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phulucFromSources } from './helpers/spawn.js';
import { EXIT_FAILED } from '../pipeline/cli/usage.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PRELOAD = path.join(ROOT, 'test/fixtures/worker-load/fail-in-workers.mjs');
/** The reason given: the install, not the file (job.ts LOAD_FAILED). */
const LOAD_FAILED_LINE = 'phuluc không nạp được phần mã cần cho tệp này (bản cài đặt có thể đã hỏng: hãy cài lại) / phuluc could not load the code this file needs (the install may be damaged: reinstall it)';
/** What the pool says of a worker that died or hung (worker-pool.ts), which a load failure must not become. */
const NOT_PER_FILE = /the worker stopped|tiến trình xử lý bị dừng|stopped after running more than|nên đã dừng/;

/** The CLI with `module` (a path ending) failing to load in its workers, or in every thread; missing, or there but damaged. */
function phulucWithout(module: string, args: string[], { threads = 'workers', as = 'missing' }: { threads?: 'workers' | 'all'; as?: 'missing' | 'damaged' } = {}): SpawnSyncReturns<string> {
  return phulucFromSources(args, {
    imports: [PRELOAD],
    env: { PHULUC_TEST_FAIL_MODULE: module, PHULUC_TEST_FAIL_THREADS: threads, PHULUC_TEST_FAIL_AS: as },
    // Under vitest's own limit, so that a hang shows as this run's output rather than a bare timeout.
    timeout: 90_000,
  });
}

describe('a worker that cannot load what a job needs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'phuluc-load-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('convert: every file fails with the reason, each gets its error report, and the batch ends', () => {
    const plans = ['000_608305ae69954cdd', '001_506cf5c9823d68a4', '002_5e7367c98a0b8369'];
    const inputs = plans.map((p) => path.join(ROOT, 'samples/docx', `${p}.docx`));
    const out = path.join(dir, 'convert');
    const r = phulucWithout('pipeline/convert.ts', ['convert', ...inputs, '--out', out, '--format', 'csv', '--jobs', '2', '--timeout', '30']);
    expect(r.status, r.stderr).toBe(EXIT_FAILED);
    const said = `${r.stdout}\n${r.stderr}`;
    for (const p of plans) {
      const line = said.split('\n').find((l) => l.includes(`${p}.docx`));
      expect(line, said).toContain(LOAD_FAILED_LINE);
      const report = JSON.parse(readFileSync(path.join(out, `${p}.error.json`), 'utf8')) as { error: { code: string; detail?: string } };
      expect(report.error.code).toBe('internal.load_failed');
      expect(report.error.detail).toMatch(/could not load the conversion core: .*pipeline\/convert\.[jt]s/);
      expect(existsSync(path.join(out, `${p}.csv`))).toBe(false);
    }
    expect(said).not.toMatch(NOT_PER_FILE);
    expect(said).toMatch(/Không chuyển được \/ Failed:\s+3/);
  });

  it("convert: a module loaded deeper, on the way (pdf.js for a PDF), is the install's fault too", () => {
    const out = path.join(dir, 'convert-pdf');
    const pdf = path.join(ROOT, 'samples/pdf/000_608305ae69954cdd.pdf');
    const r = phulucWithout('pdfjs-dist/legacy/build/pdf.min.mjs', ['convert', pdf, '--out', out, '--format', 'csv', '--timeout', '30']);
    expect(r.status, r.stderr).toBe(EXIT_FAILED);
    const said = `${r.stdout}\n${r.stderr}`;
    expect(said.split('\n').find((l) => l.includes('000_608305ae69954cdd.pdf')), said).toContain(LOAD_FAILED_LINE);
    const report = JSON.parse(readFileSync(path.join(out, '000_608305ae69954cdd.error.json'), 'utf8')) as { error: { code: string } };
    expect(report.error.code).toBe('internal.load_failed');
    expect(said).not.toMatch(NOT_PER_FILE);
  });

  // The reader's own module (loaded as the worker starts), and exceljs (loaded with the first workbook read).
  it.each(['pipeline/tracking/read-tracked.ts', 'exceljs/lib/doc/workbook.js'])('rollup without %s: the workbook fails alone, with the reason', (missing) => {
    const returned = path.join(dir, `returned-${path.basename(missing)}`);
    const workbook = path.join(dir, 'so-tu-phap.xlsx');
    copyFileSync(path.join(ROOT, 'test/fixtures/xlsx-tools/libreoffice.xlsx'), workbook);
    const r = phulucWithout(missing, ['rollup', workbook, '--as-of', '2026-12-01', '--out', path.join(returned, 'report.xlsx'), '--timeout', '30']);
    expect(r.status, r.stderr).toBe(EXIT_FAILED);
    const said = `${r.stdout}\n${r.stderr}`;
    const line = said.split('\n').find((l) => l.includes('so-tu-phap.xlsx'));
    expect(line, said).toContain(LOAD_FAILED_LINE);
    // The detail names the module (as the hook does, or as tsx does once it has tried the .ts beside the .js).
    expect(line, said).toContain(path.basename(missing, path.extname(missing)));
    expect(said).not.toMatch(NOT_PER_FILE);
    expect(existsSync(path.join(returned, 'report.xlsx'))).toBe(false);
  });

  it("convert: the core there but damaged (no 'module not found' from Node) is the install's fault too", () => {
    const out = path.join(dir, 'convert-damaged');
    const plan = path.join(ROOT, 'samples/docx/000_608305ae69954cdd.docx');
    const r = phulucWithout('pipeline/convert.ts', ['convert', plan, '--out', out, '--format', 'csv', '--timeout', '30'], { as: 'damaged' });
    expect(r.status, r.stderr).toBe(EXIT_FAILED);
    const said = `${r.stdout}\n${r.stderr}`;
    expect(said.split('\n').find((l) => l.includes('000_608305ae69954cdd.docx')), said).toContain(LOAD_FAILED_LINE);
    const report = JSON.parse(readFileSync(path.join(out, '000_608305ae69954cdd.error.json'), 'utf8')) as { error: { code: string; detail?: string } };
    expect(report.error.code).toBe('internal.load_failed');
    expect(report.error.detail).toMatch(/could not load the conversion core: .*is damaged/);
    expect(said).not.toMatch(NOT_PER_FILE);
  });

  it("a command's own code missing in the main thread (the rollup command's graph holds the reader): one line naming the install", () => {
    const workbook = path.join(dir, 'so-noi-vu.xlsx');
    copyFileSync(path.join(ROOT, 'test/fixtures/xlsx-tools/libreoffice.xlsx'), workbook);
    const out = path.join(dir, 'main-thread', 'report.xlsx');
    const r = phulucWithout('pipeline/tracking/read-tracked.ts', ['rollup', workbook, '--as-of', '2026-12-01', '--out', out, '--jobs', '0'], { threads: 'all' });
    expect(r.status, r.stderr).toBe(EXIT_FAILED);
    expect(r.stderr).toContain(
      'phuluc: không nạp được phần mã của chương trình (bản cài đặt có thể đã hỏng: hãy cài lại) / could not load part of the program (the install may be damaged: reinstall it): ',
    );
    expect(r.stderr).toContain('read-tracked');
    expect(r.stderr).not.toContain('unexpected error');
    expect(existsSync(out)).toBe(false);
  });

  it('convert --into: the update fails with the reason, and the workbook is left as it was', () => {
    const workbook = path.join(dir, 'so-theo-doi.xlsx');
    copyFileSync(path.join(ROOT, 'test/fixtures/xlsx-tools/libreoffice.xlsx'), workbook);
    const before = readFileSync(workbook);
    const plan = path.join(ROOT, 'samples/docx/000_608305ae69954cdd.docx');
    const r = phulucWithout('pipeline/convert.ts', ['convert', plan, '--into', workbook, '--timeout', '30']);
    expect(r.status, r.stderr).toBe(EXIT_FAILED);
    const said = `${r.stdout}\n${r.stderr}`;
    expect(said.split('\n').find((l) => l.includes('000_608305ae69954cdd.docx')), said).toContain(LOAD_FAILED_LINE);
    expect(said).not.toMatch(NOT_PER_FILE);
    expect(readFileSync(workbook).equals(before)).toBe(true);
  });
});

/**
 * Benchmark parts that exercise other shells: rolling up returned workbooks
 * (the `rollup` command's core) and the add-in's Excel adapter on the fake
 * workbook (sync count and request sizes, the limits Excel on the web sets).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { PhulucApp } from '../../addin/src/app/app.js';
import { ExcelAdapter } from '../../addin/src/excel/adapter.js';
import { createFake, fakeHost } from '../../addin/src/fake/host.js';
import { check } from '../../pipeline/check/rules.js';
import { convertDocument } from '../../pipeline/convert.js';
import type { ConvertedDocument } from '../../pipeline/model/document.js';
import { readTracked } from '../../pipeline/tracking/read-tracked.js';
import { buildReport } from '../../pipeline/tracking/report.js';
import { writeReportWorkbook } from '../../pipeline/write/report-workbook.js';
import { writeWorkbook } from '../../pipeline/write/workbook.js';
import { cell, fmt, repeat, stat, Table } from './stats.js';

export interface Section {
  title: string;
  table: Table;
}

const AS_OF = '2026-07-01';

/** Tasks of the five seeds, cycled to any count, renumbered: a plan of n tasks. */
async function planOf(n: number, name: string): Promise<ConvertedDocument> {
  const seeds = ['000_608305ae69954cdd', '001_506cf5c9823d68a4', '002_5e7367c98a0b8369', '003_9fe0b5bdb1f2cdf3', '004_a698d7df3c568d60'];
  const docs = await Promise.all(seeds.map((s) => convertDocument(`${s}.txt`, new Uint8Array(readFileSync(`samples/${s}.txt`)))));
  const pool = docs.flatMap((d) => d.tasks);
  const tasks = Array.from({ length: n }, (_, i) => ({ ...pool[i % pool.length]!, id: `T${i + 1}`, tt: String(i + 1) }));
  return { ...docs[0]!, source: { file: name, format: 'txt' }, tasks, findings: check(tasks, { asOf: AS_OF }) };
}

export async function extraSections(o: { full: boolean; runs: number; work: string; want: (n: number) => boolean }): Promise<Section[]> {
  const out: Section[] = [];
  if (o.want(4)) out.push(await rollupSection(o));
  if (o.want(5)) out.push(await addinSection(o));
  if (o.want(6)) out.push(await scanSection());
  return out;
}

/**
 * Scanned plans (samples/scanned: image-only PDFs, 150–300 dpi) through the
 * command line as a user runs it: every file at once on all cores, then one
 * file alone (its pages side by side). Seconds per page is the figure the
 * issue sets (at most 4 on two cores).
 */
async function scanSection(): Promise<Section> {
  console.log('\n6. Bản quét (OCR) / Scanned plans (OCR)');
  const dir = 'samples/scanned';
  const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).map((f) => path.join(dir, f));
  const pagesOf = (f: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1] ?? 0);
  const t = new Table(['run', 'files', 'pages', 'jobs', 'seconds', 's / page']);
  const out = mkdtempSync(path.join(tmpdir(), 'phuluc-bench-scan-'));
  const run = (label: string, inputs: string[], jobs: number) => {
    const pages = inputs.reduce((n, f) => n + pagesOf(f), 0);
    const t0 = performance.now();
    let note = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/cli/main.ts', 'convert', ...inputs, '--out', out, '--format', 'json', '--jobs', String(jobs)], {
        stdio: 'ignore',
      });
    } catch {
      // A file that failed (tesseract missing, say) is reported in the table; the other parts still run.
      note = ' (some files failed)';
    }
    const secs = (performance.now() - t0) / 1000;
    t.add([label + note, String(inputs.length), String(pages), String(jobs), fmt(secs, 1), fmt(secs / pages, 2)]);
  };
  const jobs = Math.max(1, availableParallelism());
  run('batch', files, jobs);
  run('one file', [files[0]!], jobs);
  rmSync(out, { recursive: true, force: true });
  return { title: `Scanned plans by OCR (tesseract, ${jobs} cores)`, table: t };
}

async function rollupSection(o: { full: boolean; runs: number; work: string }): Promise<Section> {
  const count = o.full ? 200 : 50;
  console.log(`\n4. Tổng hợp ${count} sổ trả về, mỗi sổ 50 nhiệm vụ / Rolling up ${count} returned workbooks of 50 tasks`);
  // Returned workbooks: 20 plans, each sent back by several agencies with statuses typed in; made once and cached.
  const dir = path.join(o.work, 'returned');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = path.join(dir, `so-${String(i).padStart(3, '0')}.xlsx`);
    if (!existsSync(f)) {
      const doc = await planOf(50, `ke-hoach-${i % 20}.txt`);
      writeFileSync(f, await writeWorkbook([doc], { asOf: AS_OF }));
    }
    files.push(f);
  }
  const t = new Table(['workbooks', 'tasks', 'seconds', 'workbooks/s']);
  const times = await repeat(
    Math.max(1, Math.floor(o.runs / 2)),
    async () => {
      const t0 = performance.now();
      const tracked = [];
      for (const f of files) tracked.push(await readTracked(path.basename(f), new Uint8Array(readFileSync(f))));
      const report = buildReport(tracked, { asOf: AS_OF });
      await writeReportWorkbook(report);
      return (performance.now() - t0) / 1000;
    },
    false,
  );
  const s = stat(times);
  t.add([String(count), String(count * 50), cell(s, 2), fmt(count / s.median)]);
  return { title: `Rolling up ${count} returned workbooks of 50 tasks (read, match, report workbook)`, table: t };
}

async function addinSection(o: { full: boolean; runs: number }): Promise<Section> {
  console.log('\n5. Add-in: Kiểm tra trên sổ giả lập / Add-in: check on the fake workbook');
  const t = new Table(['rows', 'host', 'import syncs', 'check syncs', 'largest request (MB)', 'largest response (MB)', 'check seconds']);
  const sizes = [1000, 20_000, 100_000];
  for (const n of sizes) {
    const plan = await planOf(n, 'ke-hoach-lon.txt');
    for (const [label, options] of [
      ['web 1.9, 5 MB cap', { api: '1.9', platform: 'OfficeOnline' }],
      ['desktop 1.1', { api: '1.1', platform: 'PC' }],
    ] as const) {
      if (n === 100_000 && label === 'desktop 1.1' && !o.full) continue;
      const fake = createFake(options);
      const app = new PhulucApp(new ExcelAdapter(fakeHost(fake)), async () => plan);
      await app.importPlan('ke-hoach-lon.txt', new Uint8Array(1), AS_OF);
      const importSyncs = fake.syncs.length;
      fake.reset();
      const t0 = performance.now();
      await app.check(AS_OF);
      const secs = (performance.now() - t0) / 1000;
      const p = fake.peak();
      t.add([String(n), label, String(importSyncs), String(fake.syncs.length), fmt(p.requestBytes / 1e6, 2), fmt(p.responseBytes / 1e6, 2), fmt(secs, 2)]);
    }
  }
  return { title: 'The add-in adapter on the fake workbook (syncs and request sizes per action)', table: t };
}

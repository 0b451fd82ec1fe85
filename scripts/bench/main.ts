/**
 * `npm run bench`: how fast, how big, how it grows. Prints a table per part
 * (median of several runs, with min and max) and writes them to
 * out/bench/results.md. Small sizes by default (under two minutes);
 * `--full` adds the large ones (100× plans as PDF, 1,000 plans, 100k tasks).
 *
 *   npm run bench [-- --full] [-- --runs 5] [-- --only 7]
 *
 * Part 7 packs and installs the package and times it against python-docx and
 * pdftotext (scripts/bench/package.ts).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { convertDocument } from '../../pipeline/convert.js';
import { WorkerPool } from '../../pipeline/node/worker-pool.js';
import { benchFiles, type BenchFiles } from './plans.js';
import { cell, fmt, repeat, stat, Table } from './stats.js';
import { extraSections } from './sections.js';
import { packageSections } from './package.js';

const { values } = parseArgs({ options: { full: { type: 'boolean' }, runs: { type: 'string' }, only: { type: 'string' } } });
/** `--only 1,3`: run just those parts. */
const only = values.only ? new Set(values.only.split(',').map(Number)) : null;
const want = (n: number) => only === null || only.has(n);
const full = values.full === true;
const runs = Number(values.runs ?? (full ? 5 : 3));
const work = path.join(tmpdir(), 'phuluc-bench');
const started = performance.now();
const report: string[] = [`# Benchmark (${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, ${full ? 'full' : 'default'} sizes, ${runs} runs)`];

function section(title: string, t: Table): void {
  report.push(`\n## ${title}\n\n${t.markdown()}`);
}

async function pdfPages(file: string): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.min.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, disableFontFace: true }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

// ---- 1. one plan at a time, by format and size ------------------------------------
const sets: BenchFiles[] = [];
if (want(1) || want(2)) {
console.log('\n1. Một văn bản, theo định dạng và cỡ / One plan, by format and size');
const scales = full ? [1, 10, 100] : [1, 10, 100];
const pdfScales = full ? [1, 10, 100] : [1, 10];
for (const k of scales) sets.push(await benchFiles(work, k, pdfScales.includes(k)));
const perFormat = new Table(['format', 'rows', 'pages', 'ms / doc', 'docs/s', 'pages/s', 'ms per 100 rows']);
// Pages of a plan: counted in its PDF; without one (100× unless --full), scaled from the largest PDF made.
const measured = new Map<number, number>();
for (const set of sets) if (set.pdf) measured.set(set.rows, await pdfPages(set.pdf));
const [refRows, refPages] = [...measured].sort((a, b) => b[0] - a[0])[0]!;
for (const set of sets) {
  const pages = measured.get(set.rows) ?? Math.round((set.rows / refRows) * refPages);
  for (const [format, file] of [['txt', set.txt], ['docx', set.docx], ['pdf', set.pdf]] as const) {
    if (!file) continue;
    const bytes = new Uint8Array(readFileSync(file));
    const name = path.basename(file);
    const times = await repeat(runs, async () => {
      const t0 = performance.now();
      const doc = await convertDocument(name, bytes);
      if (doc.tasks.length < set.rows * 0.9) throw new Error(`${name}: ${doc.tasks.length} tasks, expected ${set.rows}`);
      return performance.now() - t0;
    });
    const s = stat(times);
    perFormat.add([format, String(set.rows), String(pages), cell(s), fmt(1000 / s.median), fmt((1000 / s.median) * pages), fmt((s.median / set.rows) * 100, 2)]);
  }
}
section('One plan at a time (this thread)', perFormat);
}

// ---- 2. a batch of mixed plans on all cores ------------------------------------------
const batchSize = full ? 1000 : 200;
if (want(2)) {
console.log(`\n2. ${batchSize} văn bản hỗn hợp, mọi nhân / ${batchSize} mixed plans, all cores`);
const small = sets.find((s) => s.k === 1)!;
const mixed = [small.txt, small.docx, small.pdf].filter((f): f is string => f !== null);
const batch = new Table(['plans', 'threads', 'seconds', 'plans/s']);
{
  const size = availableParallelism();
  const times = await repeat(
    Math.max(1, Math.floor(runs / 2)),
    async () => {
      const pool = new WorkerPool({ size, timeoutMs: 120_000, memoryMb: 1536 });
      const t0 = performance.now();
      const results = await Promise.all(
        Array.from({ length: batchSize }, (_, i) =>
          pool.run({ path: mixed[i % mixed.length]!, formats: ['json', 'csv'], workbookDate: '2026-07-01', maxBytes: 5e7 }),
        ),
      );
      const ms = performance.now() - t0;
      await pool.close();
      if (results.some((r) => !r.ok)) throw new Error('a batch plan failed');
      return ms / 1000;
    },
    false,
  );
  const s = stat(times);
  batch.add([String(batchSize), String(size), cell(s, 2), fmt(batchSize / s.median)]);
}
section(`A batch of ${batchSize} mixed plans (.txt, .docx, .pdf), JSON + CSV, worker threads`, batch);
}

// ---- 3. the tracking workbook ---------------------------------------------------------
if (want(3)) {
console.log('\n3. Sổ theo dõi / Tracking workbook');
const sizes = full ? [1000, 10_000, 100_000] : [1000, 10_000];
const wb = new Table(['tasks', 'seconds', 'peak RSS (MB)', 'file (MB)', 'µs per task']);
let lastWb = { ms: 0, rssMb: 0, bytes: 0 };
const rss: number[] = [];
for (const n of sizes) {
  const samples = await repeat(
    n >= 100_000 ? Math.min(runs, 3) : runs,
    async () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', path.join('scripts/bench/workbook-child.ts'), String(n)], {
        encoding: 'utf8',
        maxBuffer: 1e6,
        timeout: 600_000,
      });
      const r = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; rssMb: number; bytes: number };
      lastWb = r;
      rss.push(r.rssMb);
      return r.ms / 1000;
    },
    false,
  );
  const s = stat(samples);
  wb.add([String(n), cell(s, 2), cell(stat(rss)), fmt(lastWb.bytes / 1e6, 2), fmt((s.median * 1e6) / n)]);
  rss.length = 0;
}
section('Writing a tracking workbook (a fresh process per run, so peak RSS is its own)', wb);
}

// ---- 4 and 5: parts that live elsewhere (rollup of returned workbooks, the add-in adapter) ----
for (const s of await extraSections({ full, runs, work, want })) section(s.title, s.table);

// ---- 7: the installed package: start-up, and throughput against python-docx and pdftotext ----
if (want(7)) for (const s of await packageSections({ runs })) section(s.title, s.table);

const secs = (performance.now() - started) / 1000;
report.push(`\nTotal benchmark time: ${secs.toFixed(0)} s.`);
mkdirSync('out/bench', { recursive: true });
writeFileSync('out/bench/results.md', `${report.join('\n')}\n`);
console.log(`\nKết quả / Results: out/bench/results.md (${secs.toFixed(0)} s)`);

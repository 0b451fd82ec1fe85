import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { earlyWaiting, startWorkersEarly, WORKER_MEMORY_MB, WorkerPool } from '../pipeline/node/worker-pool.js';
import { writeWorkbook } from '../pipeline/write/workbook.js';
import { convertDocument } from '../pipeline/convert.js';
import { goldRows } from './helpers/gold.js';

/**
 * The whole corpus of hostile and broken inputs (test/corpus/make-corpus.ts)
 * through `convert` in ONE batch, plus a 200 MB text file made here: every
 * good file converted, every bad one reported on one line with its code and
 * a <name>.error.json, no stack trace, exit code 1, and the batch finishes.
 */
const root = path.resolve(new URL('..', import.meta.url).pathname);
const corpus = path.join(root, 'test/corpus/files');
const expected: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'test/corpus/expected.json'), 'utf8'));

let dir: string;
let run: { status: number | null; stderr: string; stdout: string };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-corpus-'));
  // 200 MB of text, written in 1 MB blocks (never held in memory at once).
  const big = path.join(dir, 'huge.txt');
  const fd = openSync(big, 'w');
  const block = Buffer.alloc(1024 * 1024, 'Nhiệm vụ thường xuyên\n');
  for (let i = 0; i < 200; i++) writeSync(fd, block);
  closeSync(fd);
  const out = path.join(dir, 'out');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'pipeline/cli/main.ts', 'convert', corpus, big, '--out', out, '--format', 'json,csv'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, PHULUC_DEBUG: '' },
  });
  run = { status: r.status, stderr: r.stderr, stdout: r.stdout };
}, 200_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the bad-input corpus in one batch', () => {
  it('finishes with exit code 1 (some inputs failed) and a summary', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Không chuyển được \/ Failed: +\d+/);
  });

  /** Output name: the input without its extension, or with it where two inputs would clash (junk.txt, junk.pdf). */
  const stemOf = (file: string) => {
    const bare = file.replace(/\.[^.]+$/, '');
    const clash = Object.keys(expected).filter((f) => f.replace(/\.[^.]+$/, '') === bare).length > 1;
    return clash ? file : bare;
  };

  it.each(Object.entries(expected))('%s → %s', (file, outcome) => {
    const stem = stemOf(file);
    const lines = run.stderr.split('\n').filter((l) => l.includes(`${path.sep}${file}:`));
    expect(lines).toHaveLength(1);
    if (outcome === 'ok') {
      expect(lines[0]).toMatch(/^✓ /);
      expect(existsSync(path.join(dir, 'out', `${stem}.json`))).toBe(true);
    } else {
      expect(lines[0]).toMatch(new RegExp(`^✗ .*: .+ / .+ \\[${outcome.replace('.', '\\.')}\\]$`));
      const err = JSON.parse(readFileSync(path.join(dir, 'out', `${stem}.error.json`), 'utf8'));
      expect(err.error.code).toBe(outcome);
      expect(existsSync(path.join(dir, 'out', `${stem}.json`))).toBe(false);
    }
  });

  it('refuses the 200 MB text file unread', () => {
    expect(run.stderr).toMatch(/✗ .*huge\.txt: Tệp huge\.txt quá lớn .* \[file\.too_large\]/);
  });

  it('prints no stack trace and touches nothing outside the output folder', () => {
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const written = readdirSync(path.join(dir, 'out'));
    expect(written.every((f) => /\.(json|csv)$/.test(f))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['huge.txt', 'out']);
  });

  it('converts legacy encodings like the Unicode seed', () => {
    const unicode = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'pipeline/cli/main.ts', 'convert', 'samples/000_608305ae69954cdd.txt', '--out', path.join(dir, 'u'), '--format', 'json', '--jobs', '0'], { cwd: root, encoding: 'utf8' });
    expect(unicode.status).toBe(0);
    const tasks = (f: string) => JSON.parse(readFileSync(f, 'utf8')).tasks;
    const seed = tasks(path.join(dir, 'u/000_608305ae69954cdd.json'));
    for (const f of ['seed-windows-1258', 'seed-tcvn3', 'seed-vni', 'seed-nfd', 'seed-old-tones']) {
      expect(tasks(path.join(dir, 'out', `${f}.json`)), f).toEqual(seed);
    }
    rmSync(path.join(dir, 'u'), { recursive: true, force: true });
  });

  it('keeps CSV cells that look like formulas as text', () => {
    const csv = readFileSync(path.join(dir, 'out', 'formula-injection.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(`"'@Sở Nội vụ"`);
  });
});

describe('the time limit', () => {
  it('stops a file that runs past it and reports file.timeout; the pool goes on', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 1, memoryMb: 512 });
    try {
      const job = { path: path.join(root, 'samples/004_a698d7df3c568d60.txt'), formats: ['json' as const], workbookDate: '2026-01-01', maxBytes: 1e8 };
      const r = await pool.run(job);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.failure.code).toBe('file.timeout');
    } finally {
      await pool.close();
    }
  });

  it('gives the jobs waiting behind a stopped one to a fresh worker, none lost', { timeout: 120_000 }, async () => {
    // A worker holds its next job while it runs one (worker-pool.ts IN_FLIGHT). The first job reads a named
    // pipe nobody writes to, so it blocks until its time limit; the job sent behind it must still be converted.
    const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-pool-'));
    const fifo = path.join(dir, 'treo.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const pool = new WorkerPool({ size: 1, timeoutMs: 10_000, memoryMb: 512 });
    try {
      const job = (file: string) => ({ path: file, formats: ['json' as const], workbookDate: '2026-01-01', maxBytes: 1e8 });
      const plan = path.join(root, 'samples/004_a698d7df3c568d60.txt');
      const [stuck, next, last] = [pool.run(job(fifo)), pool.run(job(plan)), pool.run(job(plan))];
      const r = await stuck;
      expect(r.ok ? 'converted' : r.failure.code).toBe('file.timeout');
      // Let the stopped thread's read return, so it can end.
      try {
        const fd = openSync(fifo, 'w');
        writeSync(fd, 'x');
        closeSync(fd);
      } catch {
        // No reader left: the thread is gone already.
      }
      // Nothing lost behind the stopped thread: both find every task of the plan's gold, as this thread does.
      const inThread = (await convertDocument(path.basename(plan), new Uint8Array(readFileSync(plan)))).tasks.length;
      expect(inThread).toBe(goldRows('004_a698d7df3c568d60'));
      for (const done of [await next, await last]) expect(done.ok && done.digest.tasks).toBe(inThread);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a pool with room converts the same file, and sends the document back only to a batch that asks for it', async () => {
    const pool = new WorkerPool({ size: 1, timeoutMs: 60_000, memoryMb: 512 });
    try {
      const job = { path: path.join(root, 'samples/004_a698d7df3c568d60.txt'), formats: ['json' as const], workbookDate: '2026-01-01', maxBytes: 1e8 };
      const [digestOnly, whole] = [await pool.run(job), await pool.run({ ...job, wholeDoc: true })];
      if (!digestOnly.ok || !whole.ok) throw new Error('not converted');
      // Without --combined or --per-agency the batch needs the counts only: the document stays in the worker.
      expect(digestOnly.doc).toBeUndefined();
      const inThread = await convertDocument(path.basename(job.path), new Uint8Array(readFileSync(job.path)));
      expect(inThread.tasks.length).toBe(goldRows('004_a698d7df3c568d60'));
      expect(whole.doc!.tasks).toEqual(inThread.tasks);
      expect(digestOnly.digest).toEqual({ tasks: inThread.tasks.length, findingRules: whole.doc!.findings.map((f) => f.rule) });
      expect(digestOnly.digest.findingRules.length).toBeGreaterThan(0);
      expect(digestOnly.outputs).toEqual(whole.outputs);
    } finally {
      await pool.close();
    }
  });
});

describe('workers started for a use (pipeline/node/convert-worker.ts)', () => {
  it('a pool takes only the early workers of its own use; a converting pool converts, a rollup pool reads returned workbooks', { timeout: 120_000 }, async () => {
    const plan = path.join(root, 'samples/004_a698d7df3c568d60.txt');
    const doc = await convertDocument(path.basename(plan), new Uint8Array(readFileSync(plan)));
    const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-use-'));
    const returned = path.join(dir, 'so-theo-doi.xlsx');
    writeFileSync(returned, await writeWorkbook([doc], { asOf: '2026-01-01' }));

    startWorkersEarly(1, 'read-tracked');
    expect(earlyWaiting()).toEqual(['read-tracked']);
    // A converting pool leaves the rollup's early worker waiting…
    const converting = new WorkerPool({ size: 1, timeoutMs: 60_000, memoryMb: WORKER_MEMORY_MB });
    expect(earlyWaiting()).toEqual(['read-tracked']);
    // …which a rollup's pool takes.
    const rolling = new WorkerPool({ size: 1, timeoutMs: 60_000, memoryMb: WORKER_MEMORY_MB, preload: 'read-tracked' });
    expect(earlyWaiting()).toEqual([]);
    try {
      const converted = await converting.run({ path: plan, formats: ['csv'], workbookDate: '2026-01-01', maxBytes: 1e8 });
      expect(converted.ok && converted.digest.tasks).toBe(goldRows('004_a698d7df3c568d60'));
      const read = await rolling.run({ kind: 'read-tracked', path: returned, maxBytes: 1e8 });
      expect(read.ok && read.tracked.rows.length).toBe(doc.tasks.length);
      // Each does the other's work too, loading what it lacks on first use.
      const crossed = await rolling.run({ path: plan, formats: ['csv'], workbookDate: '2026-01-01', maxBytes: 1e8 });
      expect(crossed.ok && crossed.digest.tasks).toBe(doc.tasks.length);
    } finally {
      await Promise.all([converting.close(), rolling.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

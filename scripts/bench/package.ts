/**
 * The installed package against the clock and against the tools a user would
 * reach for instead (`npm run bench -- --only 7`).
 *
 * The package is packed and installed offline into a temporary folder
 * (scripts/build/install.ts), and its bin is run as a user runs it.
 *
 * Start-up: `phuluc --help`, and a one-file convert of a .txt, a .docx and a
 * .pdf (all three formats, and CSV only), each a fresh process and a fresh
 * output folder; beside them the same from the sources through tsx
 * (`npm run phuluc`, as before the package existed).
 *
 * Throughput: the 14 .docx and 14 .pdf plans of samples/ copied 15 times
 * (210 files each), converted to CSV by `phuluc convert <folder> --format csv`,
 * and in the same run by the reference tools:
 *   .docx: a python-docx table dump (one python3 process over all files:
 *          every table's rows written as CSV) — skipped, and said, when no
 *          python3 here has python-docx (Debian: apt-get install python3-docx);
 *   .pdf:  pdftotext -layout, one process per file (a shell loop), as a
 *          user converts a folder with it.
 * Runs alternate between the two, median of --runs (default 3).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packAndInstall, ROOT, runBin } from '../build/install.js';
import { cell, fmt, stat, Table } from './stats.js';
import type { Section } from './sections.js';

const TXT = path.join(ROOT, 'samples/000_608305ae69954cdd.txt');
const DOCX = path.join(ROOT, 'samples/docx/000_608305ae69954cdd.docx');
const PDF = path.join(ROOT, 'samples/pdf/000_608305ae69954cdd.pdf');
const COPIES = 15;

const PY_DOCX_DUMP = [
  'import sys, csv, docx',
  'w = csv.writer(sys.stdout)',
  'for f in sys.argv[1:]:',
  '    for t in docx.Document(f).tables:',
  '        for r in t.rows:',
  '            w.writerow([c.text for c in r.cells])',
].join('\n');

/** Milliseconds of one run of a command; throws when it fails. */
function timed(command: string, args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(command, [...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')}… exit ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
}

function binTimed(bin: string, args: readonly string[], cwd: string): number {
  const t0 = performance.now();
  const r = runBin(bin, args, cwd);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`phuluc ${args.join(' ')}: exit ${r.status ?? r.signal}\n${r.stderr.slice(-2000)}`);
  return ms;
}

/** A python3 that can `import docx`, or null. */
function pythonWithDocx(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import docx'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

function copies(from: string, ext: string, to: string): string[] {
  mkdirSync(to, { recursive: true });
  const out: string[] = [];
  for (const f of readdirSync(from).filter((n) => n.endsWith(ext)).sort()) {
    for (let i = 1; i <= COPIES; i++) {
      const target = path.join(to, `${path.basename(f, ext)}_${String(i).padStart(2, '0')}${ext}`);
      copyFileSync(path.join(from, f), target);
      out.push(target);
    }
  }
  return out;
}

export async function packageSections(o: { runs: number }): Promise<Section[]> {
  console.log('\n7. Gói đã cài: khởi động và tốc độ so với công cụ khác / The installed package: start-up and throughput against other tools');
  const work = mkdtempSync(path.join(tmpdir(), 'phuluc-bench-package-'));
  try {
    const { bin } = packAndInstall(work);
    const runs = Math.max(3, o.runs);
    const fresh = (() => {
      let n = 0;
      return () => path.join(work, `out-${n++}`);
    })();

    // ---- start-up ----
    const start = new Table(['command', 'installed (ms)', 'from the sources, tsx (ms)']);
    const tsx = (args: readonly string[]) => timed(process.execPath, ['--import', 'tsx', 'pipeline/cli/main.ts', ...args], ROOT);
    const rows: Array<[string, readonly string[] | (() => readonly string[])]> = [
      ['--help', ['--help']],
      ['convert one .txt (json, csv, xlsx)', () => ['convert', TXT, '--out', fresh()]],
      ['convert one .docx (json, csv, xlsx)', () => ['convert', DOCX, '--out', fresh()]],
      ['convert one .pdf (json, csv, xlsx)', () => ['convert', PDF, '--out', fresh()]],
      ['convert one .txt (csv)', () => ['convert', TXT, '--out', fresh(), '--format', 'csv']],
      ['convert one .docx (csv)', () => ['convert', DOCX, '--out', fresh(), '--format', 'csv']],
      ['convert one .pdf (csv)', () => ['convert', PDF, '--out', fresh(), '--format', 'csv']],
    ];
    for (const [label, argsOf] of rows) {
      const args = () => (typeof argsOf === 'function' ? argsOf() : argsOf);
      binTimed(bin, args(), work); // warm-up: the file cache, as on a machine in use
      const installed: number[] = [];
      const sources: number[] = [];
      for (let i = 0; i < runs; i++) {
        installed.push(binTimed(bin, args(), work));
        sources.push(tsx(args()));
      }
      start.add([`phuluc ${label}`, cell(stat(installed), 0), cell(stat(sources), 0)]);
    }

    // ---- throughput against the reference tools ----
    const docx = copies(path.join(ROOT, 'samples/docx'), '.docx', path.join(work, 'docx'));
    const pdf = copies(path.join(ROOT, 'samples/pdf'), '.pdf', path.join(work, 'pdf'));
    const py = pythonWithDocx();
    const through = new Table(['files', 'phuluc convert --format csv (s)', 'reference', 'reference (s)', 'ratio', 'target']);
    const side = (label: string, files: string[], ref: (() => number) | null): { ours: number[]; theirs: number[] } => {
      const ours: number[] = [];
      const theirs: number[] = [];
      const dir = path.dirname(files[0]!);
      for (let i = 0; i < runs; i++) {
        const out = fresh();
        ours.push(binTimed(bin, ['convert', dir, '--out', out, '--format', 'csv'], work) / 1000);
        const made = readdirSync(out).filter((f) => f.endsWith('.csv')).length;
        if (made !== files.length) throw new Error(`${label}: ${made} CSV for ${files.length} files`);
        if (ref) theirs.push(ref() / 1000);
      }
      return { ours, theirs };
    };
    {
      const r = side('.docx', docx, py ? () => timed(py, ['-c', PY_DOCX_DUMP, ...docx], work) : null);
      const ours = stat(r.ours);
      if (py) {
        const theirs = stat(r.theirs);
        through.add([`${docx.length} .docx`, cell(ours, 2), `python-docx table dump (${py})`, cell(theirs, 2), `${fmt(theirs.median / ours.median, 2)}× faster`, '≥ 5× faster']);
      } else {
        through.add([`${docx.length} .docx`, cell(ours, 2), 'python-docx: not installed here (apt-get install python3-docx)', '–', '–', '≥ 5× faster']);
      }
    }
    {
      const txtOut = path.join(work, 'pdftotext');
      mkdirSync(txtOut);
      // Parameter expansion, not basename: the loop spawns nothing but pdftotext.
      const loop = 'out=$1; shift; for f in "$@"; do n=${f##*/}; pdftotext -layout "$f" "$out/${n%.pdf}.txt" || exit 1; done';
      const has = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
      const r = side('.pdf', pdf, has ? () => timed('bash', ['-c', loop, 'pdftotext-loop', txtOut, ...pdf], work) : null);
      const ours = stat(r.ours);
      if (has) {
        const theirs = stat(r.theirs);
        through.add([`${pdf.length} .pdf`, cell(ours, 2), 'pdftotext -layout, one process per file', cell(theirs, 2), `${fmt(ours.median / theirs.median, 2)}× its time`, '≤ 2× its time']);
      } else {
        through.add([`${pdf.length} .pdf`, cell(ours, 2), 'pdftotext: not installed here (poppler-utils)', '–', '–', '≤ 2× its time']);
      }
    }
    return [
      { title: `Start-up of the installed package (median of ${runs}, min–max; a fresh process and output folder each)`, table: start },
      { title: `Throughput against other tools, in one run on the same files (median of ${runs} runs each, alternating)`, table: through },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

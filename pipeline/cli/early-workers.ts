/**
 * How many worker threads to start before a command parses its arguments.
 *
 * In: the raw arguments (and the default --jobs). Out: a count: none for help
 * or --jobs 0 (this thread), else as many as the inputs can use, at most
 * --jobs (or its default). A guess: a wrong one costs a little time, never a
 * result (a pool starts what it lacks; an early worker no pool took is dropped
 * at exit). Started early, workers load what the command needs (the
 * conversion core, or a rollup's workbook reader) on the other cores while
 * the main thread loads the command; one started for nothing takes a core from the
 * one that works (a one-file folder converted 11 % slower with two).
 */
import { opendirSync, statSync, type Dir } from 'node:fs';
import { walked } from '../node/files.js';
import { wantsHelp } from './usage.js';
import type { WorkerPreload } from '../node/worker-pool.js';

/** Options of convert and rollup followed by their value (the others are flags, or written --name=value). */
const TAKES_VALUE = new Set([
  '-o', '--out', '-f', '--format', '--as-of', '--combined', '--into', '--timeout', '--max-size', '--ocr', '--csv',
  '--report', '--period', '--plan', '--since', '--report-settings', '--issuer', '--superior', '--number', '--place',
  '--report-date', '--signer', '--signer-title',
]);

export function earlyWorkers(args: readonly string[], defaultJobs: number): number {
  if (args[0] !== 'convert' && args[0] !== 'rollup') return 0;
  if (wantsHelp(args)) return 0;
  let jobs = defaultJobs;
  const paths: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const inline = /^(?:--jobs|-j)=?(\d+)$/.exec(a);
    if (inline) jobs = Number(inline[1]);
    else if ((a === '--jobs' || a === '-j') && /^\d+$/.test(args[i + 1] ?? '')) jobs = Number(args[++i]);
    else if (TAKES_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) paths.push(a);
  }
  if (jobs === 0) return 0;
  let inputs = 0;
  for (const p of paths) {
    if (inputs >= jobs) break;
    const info = statSync(p, { throwIfNoEntry: false });
    inputs += info?.isDirectory() ? folderInputs(p, jobs - inputs) : info?.isFile() ? 1 : 0;
  }
  return Math.max(1, Math.min(jobs, inputs));
}

/** What the command's workers load as they start: a rollup's read returned workbooks, the others convert. */
export function earlyWorkerUse(args: readonly string[]): WorkerPreload {
  return args[0] === 'rollup' ? 'read-tracked' : 'convert';
}

/** Inputs a folder may give, counted up to `enough`: each file the walk converts one, a sub-folder it enters any number (so `enough`). */
function folderInputs(dir: string, enough: number): number {
  let n = 0;
  let d: Dir | undefined;
  try {
    d = opendirSync(dir);
    for (let e = d.readSync(); e !== null && n < enough; e = d.readSync()) {
      const isDir = e.isDirectory();
      if (walked(e.name, isDir)) n += isDir ? enough : 1;
    }
  } catch {
    return enough;
  } finally {
    d?.closeSync();
  }
  return n;
}

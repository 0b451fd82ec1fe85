#!/usr/bin/env node
/**
 * Entry point: the `phuluc` bin (dist/phuluc.js, the installed package), and
 * `npm run phuluc -- <command> …` from the sources. Everything else lives in
 * dispatch.ts so tests can run it in-process.
 *
 * Start-up is kept short: dispatch loads a command's code only when that
 * command runs, and a command that reads files in worker threads (convert,
 * rollup) gets its workers started here, so they load the core while this
 * thread loads the command.
 */
import { statSync } from 'node:fs';
import { defaultJobs } from './args.js';
import { processIo } from './io.js';
import { wantsHelp } from './usage.js';

/** Options of convert and rollup followed by their value (the others are flags, or written --name=value). */
const TAKES_VALUE = new Set([
  '-o', '--out', '-f', '--format', '--as-of', '--combined', '--into', '--timeout', '--max-size', '--ocr', '--csv',
  '--report', '--period', '--plan', '--since', '--report-settings', '--issuer', '--superior', '--number', '--place',
  '--report-date', '--signer', '--signer-title',
]);

const argv = process.argv.slice(2);
const early = earlyWorkers(argv);
if (early > 0) (await import('../node/worker-pool.js')).startWorkersEarly(early);
const { runCli } = await import('./dispatch.js');
// exitCode rather than process.exit(): lets stdout and stderr drain when piped.
process.exitCode = await runCli(argv, processIo());

/**
 * Workers worth starting before the command parses its arguments: none for
 * help or --jobs 0 (this thread), one for a single file, else as many as the
 * command will use (--jobs, or its default). A guess from the raw arguments:
 * a wrong one costs a little time, never a result (a pool starts what it
 * lacks; an early worker no pool took is dropped at exit).
 */
function earlyWorkers(args: readonly string[]): number {
  if (args[0] !== 'convert' && args[0] !== 'rollup') return 0;
  if (wantsHelp(args)) return 0;
  let jobs = defaultJobs();
  let inputs = 0;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const inline = /^(?:--jobs|-j)=?(\d+)$/.exec(a);
    if (inline) jobs = Number(inline[1]);
    else if ((a === '--jobs' || a === '-j') && /^\d+$/.test(args[i + 1] ?? '')) jobs = Number(args[++i]);
    else if (TAKES_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) {
      const info = statSync(a, { throwIfNoEntry: false });
      // A folder may hold any number of files.
      inputs += info?.isDirectory() ? jobs : info?.isFile() ? 1 : 0;
    }
  }
  return jobs === 0 ? 0 : Math.max(1, Math.min(jobs, inputs));
}

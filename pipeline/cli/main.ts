#!/usr/bin/env node
/**
 * Entry point: the `phuluc` bin (dist/phuluc.js, the installed package), and
 * `npm run phuluc -- <command> …` from the sources. Everything else lives in
 * dispatch.ts so tests can run it in-process.
 *
 * Start-up is kept short: dispatch loads a command's code only when that
 * command runs, and a command that reads files in worker threads (convert,
 * rollup) gets its workers started here, so they load what it needs while this
 * thread loads the command.
 */
import { useCompileCache } from '../node/compile-cache.js';
import { defaultJobs } from './args.js';
import { earlyWorkers, earlyWorkerUse } from './early-workers.js';
import { processIo } from './io.js';

// Before the commands' code loads (dispatch and what it imports, all loaded on demand below), so that it comes
// from Node's compile cache where the Node has one.
useCompileCache();
const argv = process.argv.slice(2);
const early = earlyWorkers(argv, defaultJobs());
if (early > 0) (await import('../node/worker-pool.js')).startWorkersEarly(early, earlyWorkerUse(argv));
const { runCli } = await import('./dispatch.js');
// exitCode rather than process.exit(): lets stdout and stderr drain when piped.
process.exitCode = await runCli(argv, processIo());


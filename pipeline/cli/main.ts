/** Entry point: `npm run phuluc -- <command> …`. Everything else lives in dispatch.ts so tests can run it in-process. */
import { runCli } from './dispatch.js';
import { processIo } from './io.js';

// exitCode rather than process.exit(): lets stdout and stderr drain when piped.
process.exitCode = await runCli(process.argv.slice(2), processIo());

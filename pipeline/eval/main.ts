/** Entry point of `npm run eval` (= `phuluc eval samples`). */
import { runCli } from '../cli/dispatch.js';
import { processIo } from '../cli/io.js';

process.exitCode = await runCli(['eval', ...process.argv.slice(2)], processIo());

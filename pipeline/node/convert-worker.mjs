// Entry of a batch worker thread when running from the sources (tsx, vitest): TypeScript is loaded
// through tsx, as in the CLI itself. The built package starts dist/convert-worker.js instead, plain
// JavaScript (worker-pool.ts picks the entry); this file is not shipped.
import { register } from 'tsx/esm/api';

register();
await import('./convert-worker.ts');

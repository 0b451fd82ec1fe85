// Entry of a batch worker thread: TypeScript is loaded through tsx, as in the CLI itself.
import { register } from 'tsx/esm/api';

register();
await import('./convert-worker.ts');

import type { convertDocument } from '../convert.js';
import { loadOwn } from '../node/install-fault.js';

/**
 * The extraction core, imported on first use rather than at start-up: help
 * and usage errors then work even when the core cannot load (a broken build,
 * a missing optional reader), and a load failure becomes one line (a file's,
 * or the dispatcher's) instead of a stack trace from Node's module loader.
 */
export async function loadConvert(): Promise<typeof convertDocument> {
  return loadOwn('lõi chuyển đổi', 'the conversion core', async () => (await import('../convert.js')).convertDocument);
}

import type { convertDocument } from '../convert.js';

/**
 * The extraction core, imported on first use rather than at start-up: help
 * and usage errors then work even when the core cannot load (a broken build,
 * a missing optional reader), and a load failure becomes one line from the
 * dispatcher instead of a stack trace from Node's module loader.
 */
export async function loadConvert(): Promise<typeof convertDocument> {
  try {
    return (await import('../convert.js')).convertDocument;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`không nạp được lõi chuyển đổi / could not load the conversion core: ${message}`, { cause: e });
  }
}

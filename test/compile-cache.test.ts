/**
 * Node's compile cache (Node ≥ 22.1): the CLI's main thread and its batch
 * workers each turn it on before the code they load on demand, so the next run
 * loads that code compiled instead of compiling it again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { phulucFromSources } from './helpers/spawn.js';
import { useCompileCache } from '../pipeline/node/compile-cache.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeHasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe('the compile cache', () => {
  it("turns Node's cache on where Node has one", () => {
    let calls = 0;
    useCompileCache({ enableCompileCache: () => ((calls += 1), { status: 1 }) });
    expect(calls).toBe(1);
  });

  it('never fails a run: a Node without the cache (Node 20), or whatever enabling it throws', () => {
    expect(() => useCompileCache({})).not.toThrow();
    expect(() =>
      useCompileCache({
        enableCompileCache: () => {
          throw new Error('EACCES: the cache folder is read-only');
        },
      }),
    ).not.toThrow();
  });

  // Node 20 has no cache to turn on: this runs wherever the suite runs on Node 22.1 or later.
  it.runIf(nodeHasCompileCache)("keeps both threads' code: the command's in the main thread, the reader's in the worker", () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'phuluc-ccache-'));
    try {
      // Without NODE_COMPILE_CACHE only our calls turn the cache on, in its default folder under the system's
      // temporary folder, which TMPDIR moves here.
      const env = { TMPDIR: tmp, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };
      const docx = path.join(ROOT, 'samples/docx/000_608305ae69954cdd.docx');
      const r = phulucFromSources(['convert', docx, '--out', path.join(tmp, 'out'), '--format', 'csv', '--jobs', '1'], { env });
      expect(r.status, r.stderr).toBe(0);
      const cache = path.join(tmp, 'node-compile-cache');
      const entries = readdirSync(cache, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(path.join(e.parentPath, e.name)).toString('latin1'));
      // V8's cached code keeps a module's import specifiers: convert-command is loaded by the main thread only,
      // the XML scanner by the worker only.
      expect(entries.some((e) => e.includes('convert-command'))).toBe(true);
      expect(entries.some((e) => e.includes('xml-scan'))).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

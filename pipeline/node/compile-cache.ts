/**
 * Node's on-disk compile cache for the thread that calls it: the CLI's main
 * thread and each batch worker (Node runs one cache per thread).
 *
 * In: the `node:module` namespace (a parameter so a test can hand in its own).
 * Out: nothing; from then on, each module this thread compiles is kept as V8
 * code in Node's cache folder (NODE_COMPILE_CACHE, else the system's temporary
 * folder), and the next run loads it from there instead of compiling it again:
 * pdf.js, exceljs and our core are about 2 MB of JavaScript that every run
 * compiled afresh. The same call TypeScript's own CLI makes.
 *
 * Node 22.1 and later only (`module.enableCompileCache`); on Node 20 this does
 * nothing. The cache is an optimisation, never a reason to fail: Node reports
 * a folder it cannot use instead of throwing, and anything thrown is ignored.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch).
 */
import * as nodeModule from 'node:module';

/** What this needs of `node:module`: the function, where the Node has it. */
export interface CompileCacheHost {
  enableCompileCache?: () => unknown;
}

export function useCompileCache(host: CompileCacheHost = nodeModule as CompileCacheHost): void {
  try {
    host.enableCompileCache?.();
  } catch {
    // Only an optimisation: a run without the cache is a run all the same.
  }
}

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * `phuluc …` from the sources (`tsx pipeline/cli/main.ts`) in a fresh process,
 * without npx's own start-up and warnings. `env` is laid over this process's
 * (PHULUC_DEBUG off unless given; a variable given as undefined is removed);
 * `imports` are preloaded after tsx.
 */
export function phulucFromSources(
  args: readonly string[],
  { env = {}, imports = [], timeout = 120_000 }: { env?: NodeJS.ProcessEnv; imports?: readonly string[]; timeout?: number } = {},
): SpawnSyncReturns<string> {
  const merged: NodeJS.ProcessEnv = { ...process.env, PHULUC_DEBUG: '', ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  return spawnSync(process.execPath, ['--import', 'tsx', ...imports.flatMap((m) => ['--import', m]), 'pipeline/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: merged,
    timeout,
  });
}

/** A probe script (test/fixtures/…/probe.ts) in a fresh process: what it printed last, as JSON; throws when it fails. */
export function runProbe<T>(script: string, args: readonly string[]): T {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`probe failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/**
 * The package as a colleague installs it, for the package test and the
 * benchmark: `npm pack` (prepack builds dist/ and writes the shipped
 * lockfile), then the tarball installed into an empty folder with the runtime
 * packages only, offline, from the npm cache.
 *
 * Offline needs a lockfile: npm resolves a tarball's version ranges with the
 * registry's metadata, which `npm ci` does not cache (only package tarballs).
 * So the folder's package-lock.json is the tarball's own npm-shrinkwrap.json,
 * re-rooted under the package, and `npm ci --omit=dev --offline` fetches
 * nothing: every package comes from the cache by its integrity, and a package
 * missing from the shipped lockfile fails the install. With a network,
 * `npm install -g ./phuluc-<version>.tgz` is all a user runs.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Installed {
  /** The tarball npm pack wrote. */
  tarball: string;
  /** Its entries (package/…). */
  files: string[];
  /** The folder it was installed into (node_modules/phuluc, node_modules/.bin/phuluc). */
  app: string;
  /** The installed bin. */
  bin: string;
}

/**
 * The environment of a child npm: without the npm_* variables of an npm
 * script that runs us (npm_config_local_prefix would point the child at this
 * repository), with the same cache.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  const cache = process.env.npm_config_cache;
  if (cache) env.npm_config_cache = cache;
  return { ...env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Pack this repository into `work` and install the tarball into `work`/app, offline. */
export function packAndInstall(work: string): Installed {
  run('npm', ['pack', '--pack-destination', work], ROOT);
  const found = readdirSync(work).filter((f) => /^phuluc-.*\.tgz$/.test(f));
  if (found.length !== 1) throw new Error(`npm pack: ${found.length} tarballs in ${work}`);
  const tarball = path.join(work, found[0]!);
  const files = run('tar', ['tzf', tarball], work).stdout.split('\n').filter(Boolean);

  const app = path.join(work, 'app');
  const unpacked = path.join(work, 'unpacked');
  mkdirSync(app);
  mkdirSync(unpacked);
  run('tar', ['xzf', tarball, '-C', unpacked, 'package/package.json', 'package/npm-shrinkwrap.json'], work);
  const pkg = JSON.parse(readFileSync(path.join(unpacked, 'package/package.json'), 'utf8')) as Record<string, unknown>;
  const shrinkwrap = JSON.parse(readFileSync(path.join(unpacked, 'package/npm-shrinkwrap.json'), 'utf8')) as { packages: Record<string, unknown> };
  const spec = `file:${path.relative(app, tarball)}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'colleague', dependencies: { phuluc: spec } },
    'node_modules/phuluc': { version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [key, entry] of Object.entries(shrinkwrap.packages)) if (key !== '') packages[key] = entry;
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'colleague', private: true, dependencies: { phuluc: spec } }, null, 2)}\n`);
  writeFileSync(path.join(app, 'package-lock.json'), `${JSON.stringify({ name: 'colleague', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], app);
  return { tarball, files, app, bin: path.join(app, 'node_modules/.bin/phuluc') };
}

/** Run the installed bin as a user's shell would (its #! line finds this node on PATH). */
export function runBin(bin: string, args: readonly string[], cwd: string, timeoutMs = 110_000): SpawnSyncReturns<string> {
  return spawnSync(bin, [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...npmEnv(), PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, PHULUC_DEBUG: '' },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
}

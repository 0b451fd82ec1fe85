/**
 * The package's lockfile: `npm pack` ships npm-shrinkwrap.json, made here from
 * package-lock.json with the development packages left out, so an install of
 * the tarball (`npm install -g ./phuluc-*.tgz`, `npx`) gets exactly the
 * runtime packages the repository was tested with, and can be done offline
 * from the npm cache that `npm ci` filled (every entry has its integrity).
 *
 *   tsx scripts/build/shrinkwrap.ts write    (prepack: after the build)
 *   tsx scripts/build/shrinkwrap.ts remove   (postpack: the repository keeps package-lock.json only)
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOCK = path.join(root, 'package-lock.json');
const SHRINKWRAP = path.join(root, 'npm-shrinkwrap.json');

interface LockEntry {
  dev?: boolean;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  [key: string]: unknown;
}

/** package-lock.json without the development packages (and without the root's devDependencies). */
export function runtimeLock(lock: Lockfile): Lockfile {
  if (lock.lockfileVersion < 2) throw new Error(`package-lock.json v${lock.lockfileVersion}: cần v2 trở lên / needs v2 or later`);
  const packages: Record<string, LockEntry> = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (entry.dev === true) continue;
    if (key === '') {
      const { devDependencies: _dev, ...rootEntry } = entry;
      packages[key] = rootEntry;
    } else packages[key] = entry;
  }
  const { dependencies: _v1, ...rest } = lock;
  return { ...rest, packages };
}

function main(command: string | undefined): void {
  if (command === 'write') {
    const lock = JSON.parse(readFileSync(LOCK, 'utf8')) as Lockfile;
    const wrapped = runtimeLock(lock);
    writeFileSync(SHRINKWRAP, `${JSON.stringify(wrapped, null, 2)}\n`);
    console.error(`npm-shrinkwrap.json: ${Object.keys(wrapped.packages).length - 1} gói chạy / runtime packages`);
  } else if (command === 'remove') {
    if (existsSync(SHRINKWRAP)) rmSync(SHRINKWRAP);
  } else {
    throw new Error('dùng / use: shrinkwrap.ts write | remove');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv[2]);
  } catch (e) {
    console.error(`shrinkwrap: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}

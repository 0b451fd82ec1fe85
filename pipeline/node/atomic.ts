import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write a file so that readers see either the old content or the whole new
 * one, never half of it: write a temporary file in the same folder (a rename
 * is atomic only within one file system), flush it, then rename it over the
 * target. The temporary name starts with "." so that, if the process is
 * killed before the rename, the leftover is hidden and input walking skips it.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([[target, data]]);
}

/**
 * Several files that belong together (a plan's .json, .csv and .xlsx): every
 * one is written to its temporary file first, and only when all are written
 * are they renamed into place. A full disk or a failed write leaves the old
 * set (or nothing), never a .csv and .json without their .xlsx.
 */
export async function writeFilesAtomic(files: ReadonlyArray<readonly [string, string | Uint8Array]>): Promise<void> {
  const temps: Array<[string, string]> = [];
  try {
    for (const [target, data] of files) {
      const dir = path.dirname(target);
      const { temp, handle } = await createTemp(dir, path.basename(target));
      temps.push([temp, target]);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [temp, target] of temps) await rename(temp, target);
  } catch (e) {
    await Promise.all(temps.map(([temp]) => unlink(temp).catch(() => undefined)));
    throw e;
  }
}

/** Folders this process has made or found (a batch writes hundreds of files into a few). */
const madeDirs = new Set<string>();
let serial = 0;

/** The counter the next temporary name takes (for tests). */
export function nextTempSerial(): number {
  return serial;
}

/**
 * A new temporary file beside `name` in `dir`, named by this process's id and
 * a counter, and created only if no file has that name (a leftover of an
 * earlier process with the same id is stepped over, never written into).
 * The folder is made the first time, and again should it vanish mid-batch.
 */
async function createTemp(dir: string, name: string): Promise<{ temp: string; handle: FileHandle }> {
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  for (let attempt = 0; ; attempt++) {
    const temp = path.join(dir, `.${name}.${process.pid}.${(serial++).toString(36)}.tmp`);
    try {
      return { temp, handle: await open(temp, 'wx') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && attempt < 1000) continue;
      if (code === 'ENOENT' && attempt === 0) {
        await mkdir(dir, { recursive: true });
        continue;
      }
      throw e;
    }
  }
}

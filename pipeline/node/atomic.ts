import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

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
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push([temp, target]);
      const handle = await open(temp, 'w');
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

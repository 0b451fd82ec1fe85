import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Outputs against inputs, before anything is written: an output that is one
 * of the command's inputs would destroy it (`convert danh-sach.xlsx --out .`
 * writes danh-sach.xlsx; `rollup returned/ --out returned/so-noi-vu.xlsx`).
 * Paths in, the pairs that are the same file out. The same file is the same
 * inode when both exist (a symbolic link or another spelling of the path is
 * caught), else the same resolved path.
 */
export interface Collision {
  output: string;
  input: string;
}

export async function collisions(outputs: readonly string[], inputs: readonly string[]): Promise<Collision[]> {
  const [inputIds, outputIds] = await Promise.all([fileIds(inputs), fileIds(outputs)]);
  const inputOf = new Map<string, string>();
  inputIds.forEach((id, i) => {
    if (!inputOf.has(id)) inputOf.set(id, inputs[i]!);
  });
  const found: Collision[] = [];
  outputIds.forEach((id, i) => {
    const input = inputOf.get(id);
    if (input !== undefined) found.push({ output: outputs[i]!, input });
  });
  return found;
}

/**
 * Device and inode of each existing file; else its resolved path (the folder resolved through links).
 * All at once, each folder resolved once: a batch has a few outputs per input, hundreds of paths in a
 * few folders, and asking one path after another held the first conversion back by a tenth of a second.
 */
async function fileIds(paths: readonly string[]): Promise<string[]> {
  const folders = new Map<string, Promise<string>>();
  const realFolder = (dir: string): Promise<string> => {
    let real = folders.get(dir);
    if (!real) folders.set(dir, (real = realpath(dir).catch(() => dir)));
    return real;
  };
  return Promise.all(
    paths.map(async (p) => {
      const info = await stat(p).catch(() => null);
      if (info) return `${info.dev}:${info.ino}`;
      return path.join(await realFolder(path.dirname(path.resolve(p))), path.basename(p));
    }),
  );
}

/** Pairs of outputs that would overwrite each other (the combined workbook named like a plan's workbook). */
export async function clashingOutputs(groups: ReadonlyArray<readonly string[]>): Promise<Collision[]> {
  // Lower case: on Windows and macOS file systems Plan.xlsx and plan.xlsx are one file.
  const seen = new Map<string, { output: string; group: number }>();
  const found: Collision[] = [];
  for (const [group, outputs] of groups.entries()) {
    const ids = await fileIds(outputs);
    for (const [i, output] of outputs.entries()) {
      const id = ids[i]!.toLowerCase();
      const before = seen.get(id);
      if (before !== undefined && before.group !== group) found.push({ output, input: before.output });
      else seen.set(id, { output, group });
    }
  }
  return found;
}

/** The lines of a refusal: at most five pairs, then how many more. */
export function listCollisions(found: readonly Collision[], arrow: string): string {
  const shown = found.slice(0, 5).map((c) => `  ${c.output} ${arrow} ${c.input}`);
  if (found.length > 5) shown.push(`  … (+${found.length - 5})`);
  return shown.join('\n');
}

/**
 * Whether an existing workbook holds answers someone typed (a status, a
 * completion date, a note): converting again would write over them, which
 * only `--into` may do (it keeps them). False when the file is missing or
 * is no tracking workbook.
 */
export async function hasTypedAnswers(file: string): Promise<boolean> {
  if (!/\.xlsx$/i.test(file)) return false;
  const bytes = await readFile(file).catch(() => null);
  if (bytes === null) return false;
  try {
    const { readTracked } = await import('../tracking/read-tracked.js');
    const wb = await readTracked(file, new Uint8Array(bytes));
    return wb.rows.some((r) => r.typed.status !== null || r.typed.doneDate !== null || r.tracking.notes !== null);
  } catch {
    return false;
  }
}

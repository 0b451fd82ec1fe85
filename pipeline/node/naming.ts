import path from 'node:path';
import type { InputFile } from './files.js';

/**
 * Output names for a batch, without extension and relative to the output
 * folder ("forms/plan" → forms/plan.json, forms/plan.csv).
 *
 * One output per input, named after the input without its extension, in the
 * input's sub-folder when it was found by walking a folder. Two inputs that
 * would share a name (plan.md and plan.html) both keep their extension
 * instead (plan.md, plan.html → plan.md.json, plan.html.json); if even that
 * clashes (the same file name in two folders given on the command line), the
 * later ones get "-2", "-3" … in input order. Names are compared without case,
 * because Windows and macOS file systems do not tell Plan.json from plan.json.
 * A failed input writes `<stem>.error.json`, so a stem never equals another
 * stem plus ".error" (plan `x.error.md` beside `x.pdf`): the later one is
 * numbered, else one file's outputs would overwrite the other's error file, or
 * the clean-up of a stale error file would delete a good output.
 * Only the batch decides, never what is already on disk, so a re-run writes
 * the same names.
 */
export function outputStems(inputs: readonly InputFile[]): string[] {
  const stemOf = (f: InputFile, keepExt: boolean): string => {
    const base = path.basename(f.path);
    const bare = base.slice(0, base.length - path.extname(base).length);
    // Without its extension "..pdf" is "." and "...pdf" is "..", names that lead out of the output folder: keep the extension.
    const name = keepExt || /^\.*$/.test(bare) ? base : bare;
    return f.subdir ? `${f.subdir}/${name}` : name;
  };
  const key = (s: string): string => s.toLowerCase();

  const plainCount = new Map<string, number>();
  for (const f of inputs) {
    const k = key(stemOf(f, false));
    plainCount.set(k, (plainCount.get(k) ?? 0) + 1);
  }
  const wanted = inputs.map((f) => {
    const plain = stemOf(f, false);
    return (plainCount.get(key(plain)) ?? 0) > 1 ? stemOf(f, true) : plain;
  });

  // Reserve every first-choice name before numbering, so "-2" never takes a name another input wants.
  const taken = new Set(wanted.map(key));
  const given = new Set<string>();
  const clashes = (name: string, first: boolean): boolean =>
    given.has(key(name)) ||
    (!first && taken.has(key(name))) ||
    given.has(key(`${name}${ERROR_SUFFIX}`)) ||
    (name.toLowerCase().endsWith(ERROR_SUFFIX) && given.has(key(name.slice(0, -ERROR_SUFFIX.length))));
  return wanted.map((stem) => {
    let name = stem;
    for (let n = 2; clashes(name, name === stem); n++) name = `${stem}-${n}`;
    given.add(key(name));
    return name;
  });
}

/** What a failed input's stem gets before ".json". */
export const ERROR_SUFFIX = '.error';

/** Where a stem's error report goes (`<out>/<stem>.error.json` once `stem` is joined to the folder). */
export const errorReport = (stem: string): string => `${stem}${ERROR_SUFFIX}.json`;

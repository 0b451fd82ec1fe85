import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions the readers handle (lower case, with the dot). */
export const SUPPORTED_EXTENSIONS: readonly string[] = [
  '.txt', '.tsv', '.md', '.docx', '.docm', '.doc', '.pdf', '.html', '.htm', '.xlsx', '.csv',
];

export function isSupported(file: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/** One file to convert. */
export interface InputFile {
  /** Path as the user can read it (the argument, or the argument joined with the walked part). */
  path: string;
  /** Folder of the file relative to the folder the user gave ("" for a file given directly), "/"-separated. */
  subdir: string;
}

/** An argument that gave nothing to convert; told to the user as a per-input failure. */
export interface InputProblem {
  path: string;
  reason: 'missing' | 'empty-folder' | 'not-a-file';
}

export interface ExpandOptions {
  /** Folders never walked into (the output folder, so a second run does not read its own CSVs). */
  exclude?: readonly string[];
}

/**
 * Turn CLI arguments (files or folders) into the list of files to convert.
 *
 * - A file given directly is kept whatever its name or extension: the user
 *   asked for it, and an unsupported one is reported when it is converted.
 * - A folder given directly is walked, recursively. While walking, only
 *   supported extensions are kept, and hidden entries, folders named
 *   "gold" (answer keys beside the samples) and a folder's README.md /
 *   INDEX.md (its notes) are skipped.
 * - Order is the order of the arguments, and inside a folder a plain
 *   code-point sort (not locale-aware: the same on every machine).
 * - A file reached twice is listed once.
 */
export async function expandInputs(
  args: readonly string[],
  options: ExpandOptions = {},
): Promise<{ files: InputFile[]; problems: InputProblem[] }> {
  const exclude = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();

  const add = (file: InputFile): void => {
    const key = path.resolve(file.path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };

  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info === null) {
      problems.push({ path: arg, reason: 'missing' });
    } else if (info.isDirectory()) {
      const found = await walk(arg, '', exclude);
      if (found.length === 0) problems.push({ path: arg, reason: 'empty-folder' });
      found.forEach(add);
    } else if (info.isFile()) {
      add({ path: arg, subdir: '' });
    } else {
      problems.push({ path: arg, reason: 'not-a-file' });
    }
  }
  return { files, problems };
}

async function walk(dir: string, subdir: string, exclude: ReadonlySet<string>): Promise<InputFile[]> {
  if (exclude.has(path.resolve(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => compareCodePoints(a.name, b.name));
  const out: InputFile[] = [];
  for (const entry of entries) {
    const isDir = entry.isDirectory();
    if (!walked(entry.name, isDir)) continue;
    const full = path.join(dir, entry.name);
    if (isDir) {
      out.push(...(await walk(full, subdir ? `${subdir}/${entry.name}` : entry.name, exclude)));
      continue;
    }
    // Symbolic links are followed to files only: following them to folders could loop.
    const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(full).catch(() => null))?.isFile() === true);
    if (isFile) out.push({ path: full, subdir });
  }
  return out;
}

/** Whether a folder walk takes an entry of this name: a folder it enters, or a file it converts. */
export function walked(name: string, isDir: boolean): boolean {
  if (name.startsWith('.')) return false;
  return isDir ? name.toLowerCase() !== 'gold' : isSupported(name) && !FOLDER_NOTES.has(name.toLowerCase());
}

/** A folder's own notes (what its documents are, where they came from), never a plan of it. */
const FOLDER_NOTES = new Set(['readme.md', 'index.md']);

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

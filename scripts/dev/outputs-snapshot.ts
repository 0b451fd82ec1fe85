/**
 * Converts every supported file under samples/ (and ../shared/real when present) in this thread and
 * writes each document's JSON and CSV to a folder, so a change meant only for speed can be shown to
 * change no output: run it before and after, then `diff -r before after`.
 * In: an output folder. Out: <folder>/<path with / as __>.json|.csv|.error.txt; a count on stdout.
 * Usage: npx tsx scripts/dev/outputs-snapshot.ts /tmp/snap-before
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { convertDocument } from '../../pipeline/convert.js';
import { toCsv } from '../../pipeline/write/csv.js';
import { toJson } from '../../pipeline/write/json.js';
import { isSupported } from '../../pipeline/node/files.js';
import { useNativeInflate } from '../../pipeline/read/zip-read.js';
import { zlibInflate } from '../../pipeline/node/zlib-inflate.js';

// As the CLI's threads run the core: with zlib's inflate (node/job.ts). PHULUC_FFLATE=1: the core's own.
if (process.env.PHULUC_FFLATE !== '1') useNativeInflate(zlibInflate);

const AS_OF = '2026-06-30'; // fixed, so findings that depend on the date do not move between runs
const out = process.argv[2];
if (!out) throw new Error('usage: outputs-snapshot.ts <out-folder>');
mkdirSync(out, { recursive: true });

function walk(dir: string, acc: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (isSupported(p)) acc.push(p);
  }
  return acc;
}

const roots = ['samples', '../shared/real', '../shared/seeds', '../shared/examples'].filter((r) => existsSync(r));
const files = roots.flatMap((r) => walk(r));
let ok = 0;
for (const f of files) {
  const key = f.replace(/^\.\.\//, '').replaceAll('/', '__');
  try {
    const doc = await convertDocument(path.basename(f), new Uint8Array(readFileSync(f)), { asOf: AS_OF });
    writeFileSync(path.join(out, `${key}.json`), toJson(doc));
    writeFileSync(path.join(out, `${key}.csv`), toCsv([doc], { asOf: AS_OF }));
    ok++;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    writeFileSync(path.join(out, `${key}.error.txt`), `${err.code ?? ''} ${err.message ?? String(e)}\n`);
  }
}
console.log(`${files.length} files, ${ok} converted, ${files.length - ok} refused → ${out}`);

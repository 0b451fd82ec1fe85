// Converts every supported file of a folder N times in this thread and prints ms per file (profiling aid).
// As the CLI's threads run the core: with zlib's inflate for .docx parts (node/job.ts), as outputs-snapshot.ts does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertDocument } from '../../pipeline/convert.js';
import { toCsv } from '../../pipeline/write/csv.js';
import { isSupported } from '../../pipeline/node/files.js';
import { useNativeInflate } from '../../pipeline/read/zip-read.js';
import { zlibInflate } from '../../pipeline/node/zlib-inflate.js';

useNativeInflate(zlibInflate);
const [dir, rounds = '3'] = process.argv.slice(2);
const files = readdirSync(dir!)
  .filter((f) => isSupported(f))
  .sort()
  .map((f) => [f, new Uint8Array(readFileSync(path.join(dir!, f)))] as const);
for (let r = 0; r < Number(rounds); r++) {
  const t0 = performance.now();
  for (const [f, bytes] of files) toCsv([await convertDocument(f, bytes)], {});
  const ms = performance.now() - t0;
  console.log(`round ${r}: ${ms.toFixed(0)} ms, ${(ms / files.length).toFixed(2)} ms/file`);
}

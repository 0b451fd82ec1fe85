// Dev aid: print the blocks a reader gives for a file (OCR on for PDFs): `npx tsx scripts/dev/dump-doc.ts <file> [force]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../../pipeline/read/index.js';
import { createPageOcr } from '../../pipeline/node/ocr/index.js';

const file = process.argv[2]!;
const mode = process.argv[3] === 'force' ? 'force' : 'auto';
const doc = await readDocument(path.basename(file), new Uint8Array(readFileSync(file)), { ocr: createPageOcr({ mode, parallel: 2 }) });
for (const b of doc.blocks) {
  if (b.kind === 'para') console.log(`${b.page}:${b.line} P ${b.text}`);
  else for (const r of b.rows) console.log(`${r.page}:${r.line} R ${r.header ? 'H ' : ''}${r.cells.map((c) => c.text.replace(/\n/g, '⏎') + (c.merged ? '↑' : '')).join(' | ')}`);
}
console.log('ocrPages', doc.ocrPages);

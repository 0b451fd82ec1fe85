// Dev aid: the OCR runs of one page of a PDF, `npx tsx scripts/dev/ocr-runs.ts <file.pdf> <page> [grep]`.
import { readFileSync } from 'node:fs';
import { readScannedPages, OCR_DEFAULTS } from '../../pipeline/node/ocr/index.js';

const [file, page, grep] = process.argv.slice(2);
const [p] = await readScannedPages('x.pdf', new Uint8Array(readFileSync(file!)), [{ n: Number(page ?? 1), width: 595, height: 842 }], { ...OCR_DEFAULTS, mode: 'force' });
for (const r of p!.runs) if (!grep || r.text.includes(grep) || Math.abs(r.y - (p!.runs.find((x) => x.text.includes(grep))?.y ?? -99)) < 20) console.log(r.text, r.x0.toFixed(1), r.x1.toFixed(1), 'y', r.y.toFixed(1), 'size', r.size, 'conf', r.conf?.toFixed(0));
console.log('hs', p!.hs.length, 'vs', p!.vs.length);

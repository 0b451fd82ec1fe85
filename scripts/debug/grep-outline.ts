import { readFileSync } from 'node:fs';
import { readDocument } from '../../pipeline/read/index.js';
import { outline } from '../../pipeline/find/outline.js';
const f = process.argv[2]!; const pat = new RegExp(process.argv[3]!, 'i');
const doc = await readDocument(f.split('/').pop()!, new Uint8Array(readFileSync(f)));
for (const it of outline(doc)) if (pat.test(it.text)) console.log(it.line, it.kind, it.text);

import { readFileSync } from 'node:fs';
import { readDocument } from '../../pipeline/read/index.js';
import { outline } from '../../pipeline/find/outline.js';
const f = process.argv[2]!;
const doc = await readDocument(f.split('/').pop()!, new Uint8Array(readFileSync(f)));
for (const it of outline(doc)) console.log(`${it.line} ${it.kind}${it.num ? ' ' + it.num + '/' + it.numKind : ''}${it.mark ? ' ' + it.mark : ''}: ${it.text.slice(0, 100)}`);

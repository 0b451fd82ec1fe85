import { readFileSync } from 'node:fs';
import { readDocument } from '../../pipeline/read/index.js';
import { findLayoutlessTasks } from '../../pipeline/find/layoutless.js';
const f = process.argv[2]!;
const doc = await readDocument(f.split('/').pop()!, new Uint8Array(readFileSync(f)));
for (const t of findLayoutlessTasks(doc)) console.log(`${t.origin.line} [${t.tt}] ${t.lead} | ${t.support} | ${t.deadline} | ${t.content.slice(0, 70)}`);

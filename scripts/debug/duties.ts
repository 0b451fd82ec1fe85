import { readFileSync } from 'node:fs';
import { readDocument } from '../../pipeline/read/index.js';
import { findDuties } from '../../pipeline/find/duties.js';
const f = process.argv[2]!;
const doc = await readDocument(f.split('/').pop()!, new Uint8Array(readFileSync(f)));
for (const t of findDuties(doc)) console.log(`${t.origin.line} [${t.tt}] ${t.lead} | ${t.content.slice(0, 80)}`);

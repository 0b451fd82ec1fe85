import { readFileSync } from 'node:fs';
import { readDocument } from '../../pipeline/read/index.js';
const f = process.argv[2]!;
const doc = await readDocument(f.split('/').pop()!, new Uint8Array(readFileSync(f)));
for (const b of doc.blocks) {
  if (b.kind === 'para') console.log(`P${b.line}${b.page ? '/p' + b.page : ''}${b.bold ? ' B' : ''}: ${b.text.slice(0, 140)}`);
  else {
    console.log(`TABLE @${b.line} rows=${b.rows.length}`);
    for (const r of b.rows) console.log(`  R${r.line}${r.header ? 'H' : ''}: ` + r.cells.map((c) => (c.merged ? '^' : '') + (c.span && c.span > 1 ? `{${c.span}}` : '') + JSON.stringify(c.text.slice(0, 40))).join(' | '));
  }
}

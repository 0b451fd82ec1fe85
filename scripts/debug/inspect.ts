/**
 * What the finders see in one document, for reading a miss of `npm run eval --verbose`:
 *   npx tsx scripts/debug/inspect.ts blocks  <file>   # the Doc: paragraphs and table rows as read
 *   npx tsx scripts/debug/inspect.ts outline <file>   # headings, bullets and text as the prose finders see them
 *   npx tsx scripts/debug/inspect.ts duties  <file>   # duties per agency and assigning sentences
 *   npx tsx scripts/debug/inspect.ts layoutless <file> # rows of a table whose columns were lost
 */
import { readFileSync } from 'node:fs';
import { readDocument } from '../../pipeline/read/index.js';
import { outline } from '../../pipeline/find/outline.js';
import { findDuties } from '../../pipeline/find/duties.js';
import { findLayoutlessTasks } from '../../pipeline/find/layoutless.js';

const [what, file] = process.argv.slice(2);
if (!what || !file) {
  console.error('usage: npx tsx scripts/debug/inspect.ts blocks|outline|duties|layoutless <file>');
  process.exit(2);
}
const doc = await readDocument(file.split('/').pop()!, new Uint8Array(readFileSync(file)));
const cut = (s: string, n = Number(process.env.WIDTH ?? 140)) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
if (what === 'blocks') {
  for (const b of doc.blocks) {
    if (b.kind === 'para') console.log(`P${b.line}${b.page ? `/p${b.page}` : ''}${b.bold ? ' B' : ''}: ${cut(b.text)}`);
    else {
      console.log(`TABLE @${b.line} rows=${b.rows.length}${b.loose ? ' loose' : ''}`);
      for (const r of b.rows) console.log(`  R${r.line}: ${r.cells.map((c) => (c.merged ? '^' : '') + JSON.stringify(cut(c.text, 40))).join(' | ')}`);
    }
  }
} else if (what === 'outline') {
  for (const it of outline(doc)) console.log(`${it.line} ${it.kind}${it.num ? ` ${it.num}/${it.numKind}` : ''}${it.mark ? ` ${it.mark}` : ''}: ${cut(it.text)}`);
} else {
  const tasks = what === 'duties' ? findDuties(doc) : findLayoutlessTasks(doc);
  for (const t of tasks) console.log(`${t.origin.line} [${t.tt}] ${t.lead} | ${t.support ?? ''} | ${t.deadline ?? ''} | ${cut(t.content, 90)}`);
}

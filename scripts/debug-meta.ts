// Developer aid: print a plan's document info and the origin of its first task.
import { readFileSync } from 'node:fs';
import { convertDocument } from '../pipeline/convert.js';

for (const f of process.argv.slice(2)) {
  const d = await convertDocument(f, new Uint8Array(readFileSync(f)));
  console.log(f, JSON.stringify(d.document), JSON.stringify(d.tasks[0]?.origin));
}

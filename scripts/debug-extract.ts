// Developer aid: print the raw tasks a plan yields, before normalisation.
import { readFileSync } from 'node:fs';
import { readDocument } from '../pipeline/read/index.js';
import { extractTasks } from '../pipeline/extract.js';

for (const f of process.argv.slice(2)) {
  const doc = await readDocument(f, new Uint8Array(readFileSync(f)));
  const tasks = extractTasks(doc);
  console.log(`== ${f}: ${tasks.length} tasks`);
  for (const t of tasks) {
    console.log(
      [t.tt, t.group?.slice(0, 30), t.content.slice(0, 60), t.lead, t.support, t.deadline, t.approval, t.product]
        .map((x) => JSON.stringify(x))
        .join(' | '),
    );
  }
}

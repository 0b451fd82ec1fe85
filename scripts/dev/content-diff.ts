// Dev aid: word differences between gold and predicted contents (best match by token Dice): `npx tsx scripts/dev/content-diff.ts <file>`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { convertDocument } from '../../pipeline/convert.js';
import { createPageOcr } from '../../pipeline/node/ocr/index.js';
import { dice, tokenSet } from '../../pipeline/normalise/similarity.js';

for (const file of process.argv.slice(2)) {
  const stem = path.basename(file).split('.')[0]!;
  const gold = JSON.parse(readFileSync(`samples/gold/${stem}.json`, 'utf8')).rows as Array<Record<string, unknown>>;
  const doc = await convertDocument(path.basename(file), new Uint8Array(readFileSync(file)), { ocr: createPageOcr({ mode: 'auto', parallel: 2 }) });
  for (const g of gold) {
    const gt = tokenSet(String(g.content));
    let best = doc.tasks[0]!;
    for (const t of doc.tasks) if (dice(gt, tokenSet(t.content)) > dice(gt, tokenSet(best.content))) best = t;
    const a = String(g.content).split(/\s+/);
    const b = best.content.split(/\s+/);
    const miss = a.filter((w) => !b.includes(w));
    const extra = b.filter((w) => !a.includes(w));
    if (miss.length || extra.length) console.log(`${stem} [${g.tt}] gold-only: ${miss.join(' ')} || pred-only: ${extra.join(' ')}`);
    for (const f of ['lead', 'support', 'approval'] as const) {
      const gv = JSON.stringify(g[f] ?? null);
      const pv = JSON.stringify(f === 'approval' ? best.approval : best[f]);
      if (gv !== pv && !(gv === 'null' && pv === '[]') && !(gv === '[]' && pv === 'null')) console.log(`   ${f}: ${gv} ≠ ${pv}`);
    }
  }
}

import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertDocument } from '../pipeline/convert.js';
import { formatOf } from '../pipeline/read/index.js';
import { GoldFile, goldId } from '../pipeline/eval/gold.js';
import { scoreDocument, totalScore, type DocScore } from '../pipeline/eval/score.js';

/**
 * The development set of real documents (../shared/real: legal-portal pages
 * saved as text and office files as sent), scored as `npm run eval` scores
 * it. The bars are the issue's: rows F1 ≥ 0.98 over the set and every field
 * ≥ 0.95, except content, whose bar is 0.90 over the set: 23 gold rows of
 * c008 and c012 keep the "- " of bullets and "*" of italics that the
 * annotation rules remove (docs/accuracy.md), and we follow the rules. Each
 * document must also find most of its rows (recall ≥ 0.85), so one document
 * lost cannot hide behind the others; partial golds (c008, r03, r05) cannot
 * count extra rows, the others can.
 */
const shared = new URL('../../shared/real/', import.meta.url).pathname;
const present = existsSync(shared);
if (!present && !process.env.CI) console.warn(`real-documents.test: ${shared} is absent, the development set is skipped`);

interface Scored {
  file: string;
  score: DocScore;
}

async function scoreSet(dir: string): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!formatOf(name)) continue;
    const goldPath = join(dir, 'gold', `${goldId(name)}.json`);
    if (!existsSync(goldPath)) continue;
    const gold = GoldFile.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
    const doc = await convertDocument(name, new Uint8Array(readFileSync(join(dir, name))));
    out.push({ file: name, score: scoreDocument(gold.rows, doc.tasks, { partial: gold.partial === true }) });
  }
  return out;
}

describe.skipIf(!present && !process.env.CI)('the development set of real documents', () => {
  it('finds the tasks of every document to the issue\'s bars', { timeout: 120_000 }, async () => {
    const scored = [...(await scoreSet(join(shared, 'text'))), ...(await scoreSet(join(shared, 'files')))];
    expect(scored.length).toBeGreaterThanOrEqual(12);
    const total = totalScore(scored.map((s) => s.score));
    expect(total.f1).toBeGreaterThanOrEqual(0.98);
    for (const field of ['lead', 'support', 'deadlineKind', 'deadlineEnd', 'approval'] as const) {
      expect.soft(total.fields[field], field).toBeGreaterThanOrEqual(0.95);
    }
    expect(total.fields.content).toBeGreaterThanOrEqual(0.9);
    // No document of the set is lost: each finds most of its rows.
    for (const s of scored) expect.soft(s.score.recall, s.file).toBeGreaterThanOrEqual(0.85);
  });
});

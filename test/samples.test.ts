import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convertDocument } from '../pipeline/convert.js';
import { formatOf } from '../pipeline/read/index.js';
import { GoldFile, goldId } from '../pipeline/eval/gold.js';
import { scoreDocument, totalScore } from '../pipeline/eval/score.js';

/**
 * Every plan under samples/ that has a gold file is converted and scored the
 * way `npm run eval` does: rows matched one to one by TT and content, then
 * field by field. This is the acceptance bar of the extraction.
 */
const samples = new URL('../samples/', import.meta.url).pathname;
const goldDir = join(samples, 'gold');

function inputs(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      // Scanned copies are read by OCR, with their own bars (test/ocr.test.ts).
      if (statSync(p).isDirectory()) return name === 'gold' || name === 'scanned' ? [] : inputs(p);
      return formatOf(name) && existsSync(join(goldDir, `${goldId(name)}.json`)) ? [p] : [];
    });
}

const files = inputs(samples);

async function score(file: string) {
  const gold = GoldFile.parse(JSON.parse(readFileSync(join(goldDir, `${goldId(file.split('/').pop()!)}.json`), 'utf8')));
  const doc = await convertDocument(file, new Uint8Array(readFileSync(file)));
  return { doc, score: scoreDocument(gold.rows, doc.tasks) };
}

describe('every sample with a gold file is extracted to its gold', () => {
  it('finds the seeds, their other forms and the wild samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(18);
  });

  it.each(files.map((f) => [relative(samples, f), f]))('%s: every row found, nothing extra', async (_n, file) => {
    const { score: s } = await score(file);
    expect({ missing: s.gold - s.matched, extra: s.predicted - s.matched }).toEqual({ missing: 0, extra: 0 });
  });

  it('scores each field ≥ 0.98 over all samples', async () => {
    const scores = await Promise.all(files.map(async (f) => (await score(f)).score));
    const total = totalScore(scores);
    for (const [field, value] of Object.entries(total.fields)) {
      expect.soft(value, field).toBeGreaterThanOrEqual(0.98);
    }
  });
});

describe('each seed comes out of the form it is written in', () => {
  const seed = (id: string) => join(samples, readdirSync(samples).find((n) => n.startsWith(id))!);

  it('000: a tab-separated appendix, with row 5 joined across the page break', async () => {
    const { doc } = await score(seed('000_'));
    expect(doc.tasks.every((t) => t.origin.kind === 'table')).toBe(true);
    const row5 = doc.tasks.find((t) => t.tt === '5')!;
    expect(row5.support).toEqual(['Sở Tài chính', 'các sở, ngành', 'các đơn vị có liên quan']);
    expect(row5.deadline).toMatchObject({ kind: 'conditional', end: null });
    expect(row5.approval).toBe('UBND tỉnh');
  });

  it('004: a PDF text layer, header repeated per page, cells run together', async () => {
    const { doc } = await score(seed('004_'));
    expect(doc.tasks.map((t) => t.tt)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    const row9 = doc.tasks[8]!;
    expect(row9.lead).toEqual(['Sở Y tế', 'Sở KH và Đầu tư', 'UBND cấp huyện']);
    expect(row9.support).toEqual(['Sở Tài chính', 'các cơ quan đơn vị liên quan']);
    expect(doc.tasks[16]!.lead).toEqual(['Sở Y tế', 'Sở Giáo dục']);
    expect(doc.tasks[0]!.deadline).toMatchObject({ kind: 'quarter', end: '2024-09-30' });
  });

  it('003: labelled prose tasks, TT joined from the headings', async () => {
    const { doc } = await score(seed('003_'));
    expect(doc.tasks.every((t) => t.origin.kind === 'labelled')).toBe(true);
    expect(doc.tasks.map((t) => t.tt)).toEqual(['1.a', '1.b', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '3', '4']);
    const t3 = doc.tasks.find((t) => t.tt === '3')!;
    expect(t3.deadline.kind).toBe('missing');
    expect(doc.findings.some((f) => f.task === t3.id && f.rule === 'deadline.missing')).toBe(true);
  });

  it('001 and 002: duties listed per agency under TỔ CHỨC THỰC HIỆN', async () => {
    for (const id of ['001_', '002_']) {
      const { doc } = await score(seed(id));
      expect(doc.tasks.every((t) => t.origin.kind === 'duties')).toBe(true);
      expect(doc.tasks.every((t) => t.deadline.kind === 'missing')).toBe(true);
    }
    const { doc } = await score(seed('002_'));
    const inline = doc.tasks.find((t) => t.tt === '2')!;
    expect(inline.lead).toEqual(['Phòng Kinh tế xã']);
    expect(doc.tasks.find((t) => t.tt === '5')!.lead).toEqual(['Ủy ban Mặt trận Tổ quốc', 'các tổ chức chính trị - xã hội']);
  });

  it('writes canonical names beside the written ones', async () => {
    const { doc } = await score(seed('004_'));
    const row9 = doc.tasks[8]!;
    expect(row9.lead[1]).toBe('Sở KH và Đầu tư');
    expect(row9.leadCanonical[1]).toBe('Sở Kế hoạch và Đầu tư');
  });
});

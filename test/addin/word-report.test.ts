/**
 * Báo cáo (.docx) from the add-in: built in the pane from the task sheet
 * by the same core as `phuluc rollup --report`. Read back with the core's
 * .docx reader, its figures must be the sheet's rollup, its overdue list
 * the sheet's overdue tasks with their text (not a placeholder), and it
 * must equal what the command line builds from the same rows.
 */
import { describe, expect, it } from 'vitest';
import { COLUMN_OF, TASK_SHEET } from '../../addin/src/app/layout.js';
import { CONTENT_PRESENT } from '../../addin/src/app/table.js';
import { readDocx } from '../../pipeline/read/docx.js';
import { convertDocument } from '../../pipeline/convert.js';
import { rollup } from '../../pipeline/rollup/rollup.js';
import { taskStatus } from '../../pipeline/rollup/status.js';
import { AS_OF, bytesOf, rig, ROOT, WEB, OFFICE_2016 } from './helpers.js';

const SEED = `${ROOT}/samples/004_a698d7df3c568d60.txt`;
const REPORT_DATE = '2026-09-30';

function textOf(bytes: Uint8Array): { paragraphs: string[]; rows: string[][] } {
  const doc = readDocx('bao-cao.docx', bytes);
  const paragraphs: string[] = [];
  const rows: string[][] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'table') for (const r of b.rows) rows.push(r.cells.map((c) => c.text.trim()));
    else paragraphs.push(b.text);
  }
  return { paragraphs, rows };
}

describe('Báo cáo (.docx) from the add-in', () => {
  it.each([
    ['Excel on the web', WEB],
    ['ExcelApi 1.1', OFFICE_2016],
  ])('%s: the figures are the sheet’s rollup, the overdue tasks are listed with their text', async (_n, profile) => {
    const { fake, app } = rig(profile);
    await app.importPlan('004.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    // One task done on time, as a user types it.
    fake.wb.writeValues(s, { r0: 1, c0: COLUMN_OF.status!, r1: 1, c1: COLUMN_OF.doneDate! }, [['Hoàn thành', '15/3/2026']]);
    const r = await app.wordReport(REPORT_DATE, new Date('2026-09-30T08:00:00Z'));
    expect(r.file).toBe(`bao-cao-${REPORT_DATE}.docx`);
    const { paragraphs, rows } = textOf(r.bytes);
    const all = paragraphs.join('\n');
    expect(all).toMatch(/BÁO CÁO/);

    // The same tasks through the core: the overall sentence's count, and each agency row's total.
    const doc = await convertDocument('004.txt', bytesOf(SEED), { asOf: AS_OF });
    const tracking = doc.tasks.map((_, i) => (i === 0 ? { status: 'Hoàn thành', doneDate: '2026-03-15', notes: null } : undefined));
    const roll = rollup(doc.tasks, tracking, { asOf: REPORT_DATE, dueSoonDays: 14 });
    expect(all).toContain(`Tổng số ${roll.total.total} nhiệm vụ; đã hoàn thành 1 nhiệm vụ`);
    for (const row of roll.rows) {
      const line = rows.find((x) => x.includes(row.agency));
      expect([row.agency, line?.includes(String(row.total))]).toEqual([row.agency, true]);
    }
    // The overdue list quotes each overdue task's own words.
    const overdue = doc.tasks.filter((t, i) => taskStatus(t, tracking[i], { asOf: REPORT_DATE, dueSoonDays: 14 }).category === 'open_overdue');
    expect(overdue.length).toBeGreaterThan(0);
    const body = rows.map((x) => x.join(' | ')).join('\n');
    for (const t of overdue) expect(body).toContain(t.content.slice(0, 40));
    expect(body).not.toContain(CONTENT_PRESENT);
  });

  it('started from another sheet, it reports on the task sheet last used', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('004.txt', bytesOf(SEED), AS_OF);
    fake.wb.active = fake.wb.sheet('Sheet1')!;
    const r = await app.wordReport(REPORT_DATE);
    expect(r.tasks).toBeGreaterThan(0);
  });
});

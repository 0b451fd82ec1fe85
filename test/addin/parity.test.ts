/**
 * The add-in and the CLI agree. Each seed goes through the CLI (in process,
 * JSON output) and through the add-in (Nhập phụ lục into the fake workbook,
 * then Kiểm tra, then Tổng hợp, which read the rows back from the sheet):
 * the findings are the same, and the Tổng hợp sheet holds the core's rollup
 * of the CLI's tasks, with and without statuses typed on the sheet.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoToSerial } from '../../addin/src/excel/address.js';
import { COLUMN_OF } from '../../addin/src/app/layout.js';
import { REPORT_HEADER_ROW, REPORT_HEADERS, REPORT_SHEET, reportLine } from '../../addin/src/app/report.js';
import { runCli } from '../../pipeline/cli/dispatch.js';
import { check } from '../../pipeline/check/rules.js';
import type { ConvertedDocument } from '../../pipeline/model/document.js';
import { CATEGORY_KEYS, type Tracking } from '../../pipeline/model/tracking.js';
import { rollup, type Rollup } from '../../pipeline/rollup/rollup.js';
import { captureIo } from '../helpers/io.js';
import { AS_OF, bytesOf, rig, seeds, WEB, OFFICE_2016 } from './helpers.js';

const list = seeds();
const tmp = mkdtempSync(path.join(tmpdir(), 'phuluc-addin-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * The CLI's JSON for a seed. The CLI runs once per folder of seeds (names are
 * unique within a folder), in process, as `phuluc convert <files> --out <dir>
 * --format json --as-of <date>`.
 */
const runs = new Map<string, Promise<Map<string, ConvertedDocument>>>();
function cliFolder(dir: string): Promise<Map<string, ConvertedDocument>> {
  let run = runs.get(dir);
  if (!run) {
    run = (async () => {
      const files = list.filter((s) => path.dirname(s.file) === dir).map((s) => s.file);
      const out = path.join(tmp, String(runs.size));
      const cap = captureIo();
      const code = await runCli(['convert', ...files, '--out', out, '--format', 'json', '--as-of', AS_OF], cap.io);
      expect(code, cap.stderr()).toBe(0);
      const docs = new Map<string, ConvertedDocument>();
      for (const f of readdirSync(out)) {
        if (!f.endsWith('.json')) continue;
        const doc = JSON.parse(readFileSync(path.join(out, f), 'utf8')) as ConvertedDocument;
        docs.set(doc.source.file, doc);
      }
      return docs;
    })();
    runs.set(dir, run);
  }
  return run;
}

async function cli(file: string): Promise<ConvertedDocument> {
  const doc = (await cliFolder(path.dirname(file))).get(path.basename(file));
  expect(doc, `CLI output for ${file}`).toBeDefined();
  return doc!;
}

/** The Tổng hợp sheet's rows under its header, up to and including Tổng cộng. */
function reportRows(grid: Array<Array<string | number | boolean>>, roll: Rollup) {
  expect(grid[REPORT_HEADER_ROW]).toEqual(REPORT_HEADERS);
  return grid.slice(REPORT_HEADER_ROW + 1, REPORT_HEADER_ROW + 2 + roll.rows.length);
}

function expectedRows(roll: Rollup) {
  // Counts, total, due soon, then each rate after its denominator and numerator (blank when there is none).
  const line = (stt: number | '', r: Rollup['total']) => [
    stt, r.agency, ...CATEGORY_KEYS.map((k) => r.counts[k]), r.total, r.dueSoon, r.due, r.dueDone, r.rateDue ?? '', r.rated, r.ratedDone, r.rateAll ?? '',
  ];
  expect(line('', roll.total)).toEqual(reportLine('', roll.total));
  return [...roll.rows.map((r, i) => line(i + 1, r)), line('', roll.total)];
}

/** Statuses staff might type: done on time, done late, in progress, a typo, done without a date, suspended, cancelled. */
function tracking(doc: ConvertedDocument): Array<Tracking | undefined> {
  return doc.tasks.map((t, i): Tracking | undefined => {
    switch (i % 9) {
      case 0:
        return { status: 'Hoàn thành', doneDate: '2026-01-10', notes: null };
      case 1:
        return { status: 'Hoàn thành', doneDate: t.deadline.end ? '2026-12-31' : '2026-02-01', notes: null };
      case 2:
        return { status: 'Đang thực hiện', doneDate: null, notes: null };
      case 3:
        // Done in other words: counted as done by the rules, the rollup and the workbook's formula alike.
        return { status: 'đã xong', doneDate: null, notes: null };
      case 4:
        return { status: 'Hoàn thành', doneDate: null, notes: null };
      case 5:
        // Typed without accents: in no list, so an invalid status for every reader.
        return { status: 'Da xong', doneDate: null, notes: null };
      case 6:
        // Outside the rates, in the words of the tracking systems: a suspended and a cancelled task.
        return { status: 'Tạm ngừng', doneDate: null, notes: null };
      case 7:
        return { status: 'Đã huỷ', doneDate: null, notes: null };
      default:
        return undefined;
    }
  });
}

describe('the add-in and the CLI give the same findings and rollup', () => {
  it('has seeds to compare', () => {
    expect(list.length).toBeGreaterThanOrEqual(5);
  });

  it.each(list.map((s) => [s.name, s.file]))('%s', async (name, file) => {
    const expected = await cli(file);
    const { fake, app } = rig(WEB);
    const imp = await app.importPlan(name, bytesOf(file), AS_OF);
    expect(imp.tasks).toBe(expected.tasks.length);
    expect(imp.findings).toBe(expected.findings.length);

    // Kiểm tra reads the rows back from the sheet: same findings, in the same order.
    const checked = await app.check(AS_OF);
    expect(checked.tasks).toBe(expected.tasks.length);
    expect(checked.findings).toEqual(expected.findings);
    const counts = Object.fromEntries(checked.groups.map((g) => [g.rule, g.count]));
    const cliCounts: Record<string, number> = {};
    for (const f of expected.findings) cliCounts[f.rule] = (cliCounts[f.rule] ?? 0) + 1;
    expect(counts).toEqual(cliCounts);

    // Tổng hợp: the rollup of the CLI's tasks.
    await app.rollup(AS_OF);
    const roll = rollup(expected.tasks, [], { asOf: AS_OF, dueSoonDays: 14 });
    const grid = fake.wb.grid(fake.wb.sheet(REPORT_SHEET)!).values;
    expect(grid[1]).toContain(isoToSerial(AS_OF));
    expect(reportRows(grid, roll)).toEqual(expectedRows(roll));
  });

  it.each(list.slice(0, 5).map((s) => [s.name, s.file]))('%s, with statuses typed on the sheet (ExcelApi 1.1)', async (name, file) => {
    const expected = await cli(file);
    const { fake, app } = rig(OFFICE_2016);
    const imp = await app.importPlan(name, bytesOf(file), AS_OF);
    const ws = fake.wb.sheet(imp.sheetName)!;
    const tr = tracking(expected);
    tr.forEach((t, i) => {
      if (!t) return;
      const row = i + 1;
      fake.wb.writeValues(ws, { r0: row, c0: COLUMN_OF.status!, r1: row, c1: COLUMN_OF.doneDate! }, [[t.status ?? '', t.doneDate ? isoToSerial(t.doneDate) : '']]);
    });

    const checked = await app.check(AS_OF);
    const want = check(expected.tasks, { asOf: AS_OF, tracking: tr, issueDate: expected.document.date });
    expect(checked.findings).toEqual(want);
    expect(checked.findings.some((f) => f.rule === 'status.invalid')).toBe(true);

    await app.clearMarks();
    await app.rollup(AS_OF);
    const roll = rollup(expected.tasks, tr, { asOf: AS_OF, dueSoonDays: 14 });
    expect(reportRows(fake.wb.grid(fake.wb.sheet(REPORT_SHEET)!).values, roll)).toEqual(expectedRows(roll));
  });

  it('Tổng hợp started from the Tổng hợp sheet refreshes it from the task sheet, for another date', async () => {
    const s = list[0]!;
    const expected = await cli(s.file);
    const { fake, app } = rig(WEB);
    await app.importPlan(s.name, bytesOf(s.file), AS_OF);
    await app.rollup(AS_OF);
    expect(fake.wb.active!.name).toBe(REPORT_SHEET);
    const later = '2027-01-31';
    const r = await app.rollup(later);
    expect(r.source).toBe('Nhiệm vụ');
    const roll = rollup(expected.tasks, [], { asOf: later, dueSoonDays: 14 });
    const grid = fake.wb.grid(fake.wb.sheet(REPORT_SHEET)!).values;
    expect(grid[1]![1]).toBe(isoToSerial(later));
    expect(reportRows(grid, roll)).toEqual(expectedRows(roll));
    expect(fake.wb.sheets.filter((x) => x.name === REPORT_SHEET)).toHaveLength(1);
  });

  it('Cài đặt: days counted as due soon and whether recurring deadlines are vague reach the rules', async () => {
    const s = list[0]!;
    const { fake, app } = rig(WEB);
    const imp = await app.importPlan(s.name, bytesOf(s.file), AS_OF);
    const ws = fake.wb.sheet(imp.sheetName)!;
    // Row 3 (TT 2, "Quý II/2026", due 30/6/2026) is in progress: 107 days left on the report date.
    fake.wb.writeValues(ws, { r0: 2, c0: COLUMN_OF.status!, r1: 2, c1: COLUMN_OF.status! }, [['Đang thực hiện']]);
    const vagueRecurring = (r: Awaited<ReturnType<typeof app.check>>) =>
      r.findings.some((f) => f.rule === 'deadline.vague' && f.messageVi.includes('không có ngày kết thúc'));
    const dueSoon = (r: Awaited<ReturnType<typeof app.check>>) => r.findings.some((f) => f.rule === 'status.due_soon');

    const before = await app.check(AS_OF);
    expect([vagueRecurring(before), dueSoon(before)]).toEqual([true, false]);
    await app.rollup(AS_OF);
    const routineOut = fake.wb.grid(fake.wb.sheet(REPORT_SHEET)!).values;
    fake.wb.active = ws;
    await app.saveSettings({ dueSoonDays: 120, recurringIsVague: false, excludeRoutine: false });
    const after = await app.check(AS_OF);
    expect([vagueRecurring(after), dueSoon(after)]).toEqual([false, true]);
    await app.rollup(AS_OF);
    const grid = fake.wb.grid(fake.wb.sheet(REPORT_SHEET)!).values;
    expect(grid[2]).toContain(120);
    // Routine tasks back in the rates: the sheet says so, and the rated counts grow.
    expect(JSON.stringify(grid)).toContain('Không');
    expect(JSON.stringify(routineOut)).toContain('Có');
    expect(grid).not.toEqual(routineOut);
  });
});

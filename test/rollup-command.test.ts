/**
 * `rollup` over three tracking workbooks as agencies send them back, built
 * from seed conversions with the real workbook writer and then edited the
 * way people edit them: statuses and dates typed (as dates and as text),
 * columns reordered and renamed, a column added, a title row above the
 * header, and one task given different statuses in two copies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../pipeline/cli/dispatch.js';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import type { Task } from '../pipeline/model/task.js';
import type { Tracking } from '../pipeline/model/tracking.js';
import { agencyGrouper, rollup } from '../pipeline/rollup/rollup.js';
import { taskStatus } from '../pipeline/rollup/status.js';
import { readTracked, type TrackedWorkbook } from '../pipeline/tracking/read-tracked.js';
import { buildReport, type Report } from '../pipeline/tracking/report.js';
import { reportCsv } from '../pipeline/write/report-csv.js';
import { REPORT_SHEETS, SUMMARY_FIRST_ROW } from '../pipeline/write/report-workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { captureIo } from './helpers/io.js';
import { planFields, planId } from '../pipeline/model/identity.js';
import { columnOf, comparable } from './helpers/workbook-read.js';

const AS_OF = '2026-06-20';
const o = { asOf: AS_OF, dueSoonDays: 14 };
const SAMPLES = path.join(import.meta.dirname, '..', 'samples');
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

async function seed(name: string): Promise<ConvertedDocument> {
  return convertDocument(name, new Uint8Array(readFileSync(path.join(SAMPLES, name))), { asOf: AS_OF });
}

/** Type into `Nhiệm vụ` by header and task position, as a person does in Excel. */
function type(wb: ExcelJS.Workbook, index: number, values: Record<string, ExcelJS.CellValue>): void {
  const ws = wb.getWorksheet('Nhiệm vụ')!;
  for (const [header, v] of Object.entries(values)) ws.getRow(index + 2).getCell(columnOf(ws, header)).value = v;
}

/**
 * Workbook C as an agency rebuilt it: a title row above the header, the
 * columns in another order, ours renamed with the usual synonyms, a column of
 * its own, formulas pasted as values; the `Văn bản` sheet kept.
 */
async function reshaped(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const src = wb.getWorksheet('Nhiệm vụ')!;
  const headers = (src.getRow(1).values as unknown[]).slice(1).map(String);
  const rename: Record<string, string> = {
    'Trạng thái': 'Tình hình thực hiện',
    'Ngày hoàn thành': 'Ngày hoàn thành thực tế',
    'Kết quả/Ghi chú': 'Kết quả thực hiện',
    'Cơ quan chủ trì': 'Cơ quan, đơn vị chủ trì',
  };
  const order = ['Trạng thái', 'Mã', 'Nội dung', 'Người phụ trách', 'Ngày hoàn thành', 'Hạn cuối', 'Thời hạn', 'Cơ quan chủ trì',
    'Cơ quan phối hợp', 'Kết quả/Ghi chú', 'Nguồn', 'STT', 'Tình trạng'];
  const out = new ExcelJS.Workbook();
  const ws = out.addWorksheet('Báo cáo UBND huyện');
  ws.getCell('A1').value = 'BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ';
  order.forEach((h, j) => (ws.getRow(2).getCell(j + 1).value = rename[h] ?? h));
  for (let r = 2; r <= src.actualRowCount; r++) {
    order.forEach((h, j) => {
      const i = headers.indexOf(h);
      const cell = ws.getRow(r + 1).getCell(j + 1);
      if (h === 'Người phụ trách') cell.value = `Cán bộ ${r - 1}`;
      else {
        const v = src.getRow(r).getCell(i + 1);
        cell.value = v.formula ? (v.result as ExcelJS.CellValue) : v.value;
      }
    });
  }
  const docs = out.addWorksheet('Văn bản');
  wb.getWorksheet('Văn bản')!.eachRow((row, r) => (docs.getRow(r).values = row.values));
  return workbookBytes(out);
}

describe('phuluc rollup over three returned workbooks', () => {
  let dir: string;
  let plan: ConvertedDocument; // seed 000: copies A and B
  let other: ConvertedDocument; // seed 004: copy C, reshaped
  let workbooks: TrackedWorkbook[];
  let report: Report;
  /** What each task's status is once the copies are merged, by hand: the truth the report must show. */
  let truth: { tasks: Task[]; tracking: Array<Tracking | undefined>; docOf: string[] };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'phuluc-rollup-'));
    plan = await seed('000_608305ae69954cdd.txt');
    other = await seed('004_a698d7df3c568d60.txt');
    // A number that looks like a formula: it is the plan's label in the report and in the CSV.
    other = { ...other, document: { ...other.document, number: '=SUM(1)/KH-UBND' } };
    expect(plan.tasks[1]!.deadline.end).toBe('2026-06-30');
    expect(plan.tasks[2]!.deadline.end).toBe('2026-06-30');
    const dated = other.tasks.flatMap((t, i) => (t.deadline.end ? [i] : []));
    expect(dated.map((i) => other.tasks[i]!.deadline.end)).toEqual(['2024-09-30', '2024-09-30', '2025-06-30', '2025-12-31']);

    // A: Sở Y tế fills its tasks. TT 2 done, the date typed as text.
    const a = buildWorkbook([plan], { asOf: '2026-06-01' });
    type(a, 0, { 'Trạng thái': 'Đang thực hiện', 'Kết quả/Ghi chú': 'Đã tổ chức 3 hội nghị' });
    type(a, 1, { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': '15/6/2026', 'Kết quả/Ghi chú': 'Kế hoạch 45/KH-UBND' });
    // B: Sở Tài chính fills its task, and says TT 2 is still in progress: a conflict.
    const b = buildWorkbook([plan], { asOf: '2026-06-01' });
    type(b, 1, { 'Trạng thái': 'Đang thực hiện' });
    type(b, 5, { 'Trạng thái': 'Đã hoàn thành', 'Ngày hoàn thành': day('2026-03-01') });
    // C: plan 004, reshaped; one overdue task done late, one done on time, the other two left open.
    const c = buildWorkbook([other], { asOf: '2026-06-01' });
    type(c, dated[0]!, { 'Trạng thái': ' hoàn thành ', 'Ngày hoàn thành': day('2024-12-01') });
    type(c, dated[2]!, { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': '30/6/2025', 'Kết quả/Ghi chú': '=đã báo cáo' });
    type(c, dated[3]!, { 'Trạng thái': 'Xong rồi chứ?' });

    writeFileSync(path.join(dir, 'a-so-y-te.xlsx'), await workbookBytes(a));
    writeFileSync(path.join(dir, 'b-so-tai-chinh.xlsx'), await workbookBytes(b));
    writeFileSync(path.join(dir, 'c-ubnd-huyen.xlsx'), await reshaped(c));

    workbooks = await Promise.all(
      ['a-so-y-te.xlsx', 'b-so-tai-chinh.xlsx', 'c-ubnd-huyen.xlsx'].map(async (f) =>
        readTracked(f, new Uint8Array(readFileSync(path.join(dir, f)))),
      ),
    );
    report = buildReport(workbooks, o);

    const t = (status: string | null, doneDate: string | null = null, notes: string | null = null): Tracking => ({ status, doneDate, notes });
    const trackingOf000: Array<Tracking | undefined> = plan.tasks.map(() => undefined);
    trackingOf000[0] = t('Đang thực hiện', null, 'Đã tổ chức 3 hội nghị');
    // In conflict: counted at the lower status.
    trackingOf000[1] = t('Đang thực hiện', '2026-06-15');
    trackingOf000[5] = t('Hoàn thành', '2026-03-01');
    const trackingOf004: Array<Tracking | undefined> = other.tasks.map(() => undefined);
    trackingOf004[dated[0]!] = t('Hoàn thành', '2024-12-01');
    trackingOf004[dated[2]!] = t('Hoàn thành', '2025-06-30');
    trackingOf004[dated[3]!] = t('Xong rồi chứ?');
    truth = {
      tasks: [...plan.tasks, ...other.tasks],
      tracking: [...trackingOf000, ...trackingOf004],
      docOf: [...plan.tasks.map(() => plan.source.file), ...other.tasks.map(() => other.source.file)],
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the task table whatever the column order, names, title rows and extra columns', () => {
    const [a, b, c] = workbooks as [TrackedWorkbook, TrackedWorkbook, TrackedWorkbook];
    expect([a.sheet, b.sheet, c.sheet]).toEqual(['Nhiệm vụ', 'Nhiệm vụ', 'Báo cáo UBND huyện']);
    expect(c.headerRow).toBe(2);
    expect(c.rows).toHaveLength(other.tasks.length);
    expect(c.rows[0]!.extra).toEqual({ 'Người phụ trách': 'Cán bộ 1' });
    // The plan fields read back are the plan's: TT, content, canonical leads, deadline end.
    const fields = (t: Task) => [t.tt, t.content, t.leadCanonical, t.deadline.end];
    expect(c.rows.map((r) => fields(r.task))).toEqual(other.tasks.map(fields));
    expect(a.rows.map((r) => fields(r.task))).toEqual(plan.tasks.map(fields));
    // Dates typed as text and as dates; statuses in other words.
    expect(a.rows[1]!.tracking).toEqual({ status: 'Hoàn thành', doneDate: '2026-06-15', notes: 'Kế hoạch 45/KH-UBND' });
    expect(b.rows[5]!.tracking).toEqual({ status: 'Hoàn thành', doneDate: '2026-03-01', notes: null });
    // Rows are keyed by the plan they follow (its id from the Văn bản sheet), not by a file name.
    expect(c.rows.map((r) => r.docKey)).toEqual(other.tasks.map(() => planId(planFields(other))));
  });

  it('counts each task once across copies, per agency and per plan, exactly as rollup() does', () => {
    expect(report.tasks).toHaveLength(plan.tasks.length + other.tasks.length);
    const expected = rollup(truth.tasks, truth.tracking, o);
    expect(report.byAgency.rows.map(comparable)).toEqual(expected.rows.map(comparable));
    expect(comparable(report.byAgency.total)).toEqual(comparable(expected.total));

    const perDoc = [plan, other].map((d) => {
      const idx = truth.tasks.flatMap((_t, i) => (truth.docOf[i] === d.source.file ? [i] : []));
      return rollup(idx.map((i) => truth.tasks[i]!), idx.map((i) => truth.tracking[i]), o).total;
    });
    expect(report.byDocument.rows.map((r) => r.agency)).toEqual(['000_608305ae69954cdd.txt', '=SUM(1)/KH-UBND']);
    expect(report.byDocument.rows.map((r) => comparable({ ...r, agency: '' }))).toEqual(perDoc.map((r) => comparable({ ...r, agency: '' })));
    // The 2×2 split of plan 004: one done late, one done on time, two open and overdue.
    expect(report.byDocument.rows[1]!.counts).toMatchObject({ done_on_time: 1, done_late: 1, open_overdue: 2, open_on_time: 0 });
  });

  it('reports the conflicting status with both values and where they came from, and counts the lower one', () => {
    expect(report.conflicts).toHaveLength(1);
    const c = report.conflicts[0]!;
    expect(c.task.tt).toBe('2');
    expect(c.conflicts).toEqual(['status']);
    expect(c.sources.map((s) => [s.file, s.row, s.typed.status])).toEqual([
      ['a-so-y-te.xlsx', 3, 'Hoàn thành'],
      ['b-so-tai-chinh.xlsx', 3, 'Đang thực hiện'],
    ]);
    expect(c.tracking.status).toBe('Đang thực hiện');
    // A blank in one copy is no conflict: TT 1 (A only) and TT 6 (B only) are not listed.
    expect(report.tasks.find((t) => t.task.tt === '6' && t.docKey === planId(planFields(plan)))!.tracking.status).toBe('Hoàn thành');
  });

  it('lists overdue and due-soon tasks as taskStatus decides them', () => {
    const want = (pick: (s: ReturnType<typeof taskStatus>) => boolean) =>
      truth.tasks.flatMap((t, i) => (pick(taskStatus(t, truth.tracking[i], o)) ? [`${idOfFile(truth.docOf[i]!)}#${t.tt}`] : [])).sort();
    const idOfFile = (file: string): string => planId(planFields([plan, other].find((d) => d.source.file === file)!));
    const got = (list: Report['overdue']) => list.map((t) => `${t.docKey}#${t.task.tt}`).sort();
    expect(got(report.overdue)).toEqual(want((s) => s.category === 'open_overdue'));
    expect(got(report.dueSoon)).toEqual(want((s) => s.dueSoon));
    expect(report.overdue).toHaveLength(2);
    expect(report.overdue.map((t) => t.days)).toEqual([628, 171]);
    expect(report.dueSoon.map((t) => [t.task.tt, t.days])).toEqual([['2', 10], ['3', 10]]);
    // The status no one can read is listed, and counted as not done.
    expect(report.issues.map((i) => i.message)).toEqual([expect.stringContaining('Xong rồi chứ?')]);
  });

  it('--by-successor counts abolished agencies under today’s successor', () => {
    const today = buildReport(workbooks, { ...o, grouping: 'today' });
    const expected = rollup(truth.tasks, truth.tracking, o, agencyGrouper('today'));
    expect(today.byAgency.rows.map(comparable)).toEqual(expected.rows.map(comparable));
    expect(today.byAgency.rows.map((r) => r.agency)).not.toContain('Sở Kế hoạch và Đầu tư');
    expect(report.byAgency.rows.map((r) => r.agency)).toContain('Sở Kế hoạch và Đầu tư');
  });

  it('the CLI writes the report workbook and a CSV that no spreadsheet reads as formulas', async () => {
    const out = path.join(dir, 'bao-cao', 'tong-hop.xlsx');
    const csv = path.join(dir, 'bao-cao', 'tong-hop.csv');
    const cap = captureIo();
    const code = await runCli(['rollup', dir, '--as-of', AS_OF, '--out', out, '--csv', csv], cap.io);
    expect(cap.stderr()).not.toContain('✗');
    expect(code).toBe(0);
    expect(cap.stdout()).toMatch(/Mâu thuẫn \/ Conflicts: +1\n/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(REPORT_SHEETS));
    const byAgency = wb.getWorksheet(REPORT_SHEETS.byAgency)!;
    expect(byAgency.getCell('B5').value).toBe('Đã hoàn thành');
    expect(byAgency.getCell('B6').value).toBe('Đúng hạn');
    const shown = report.byAgency.rows.map((r, i) => {
      const row = byAgency.getRow(SUMMARY_FIRST_ROW + i);
      return [row.getCell(1).value, ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value)];
    });
    expect(shown).toEqual(
      report.byAgency.rows.map((r) => [
        r.agency, r.counts.done_on_time, r.counts.done_late, r.counts.open_on_time, r.counts.open_overdue, r.counts.no_deadline,
        r.counts.suspended, r.counts.cancelled, r.total, r.dueSoon,
      ]),
    );
    const conflicts = wb.getWorksheet(REPORT_SHEETS.conflicts)!;
    expect([2, 3].map((r) => [conflicts.getRow(r).getCell(5).value, conflicts.getRow(r).getCell(8).value])).toEqual([
      [path.join(dir, 'a-so-y-te.xlsx'), 'Hoàn thành'],
      [path.join(dir, 'b-so-tai-chinh.xlsx'), 'Đang thực hiện'],
    ]);
    const overdue = wb.getWorksheet(REPORT_SHEETS.overdue)!;
    expect(overdue.actualRowCount).toBe(3);

    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toBe(reportCsv(report));
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    // Every cell that starts like a formula is turned into text.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(rows.find((r) => r[0] === 'Văn bản' && r[1]!.includes('SUM'))?.[1]).toBe("'=SUM(1)/KH-UBND");
    const t = report.byAgency.total;
    expect(rows.at(-1)?.slice(0, 10)).toEqual(
      [
        'Tổng cộng', 'Tổng cộng', t.counts.done_on_time, t.counts.done_late, t.counts.open_on_time, t.counts.open_overdue, t.counts.no_deadline,
        t.counts.suspended, t.counts.cancelled, t.total,
      ].map(String),
    );
  });

  it('a workbook that cannot be read gets one line; the others are still rolled up (exit 1); usage errors exit 2', async () => {
    const broken = path.join(dir, 'hong.xlsx');
    writeFileSync(broken, 'not a zip');
    const out = path.join(dir, 'ra', 'bao-cao.xlsx');
    const cap = captureIo();
    const code = await runCli(['rollup', dir, '--as-of', AS_OF, '--out', out], cap.io);
    rmSync(broken);
    expect(code).toBe(1);
    expect(cap.stderr().split('\n').filter((l) => l.includes('hong.xlsx'))).toEqual([
      expect.stringMatching(/^✗ .*hong\.xlsx: .+ \/ .+/),
    ]);
    expect(readFileSync(out).length).toBeGreaterThan(0);

    const usage = captureIo();
    expect(await runCli(['rollup', dir, '--out', out], usage.io)).toBe(2);
    expect(usage.stderr()).toContain('--as-of');
    expect(await runCli(['rollup', dir, '--as-of', '06/20/2026', '--out', out], captureIo().io)).toBe(2);
  });
});

describe('readTracked: other shapes of a returned workbook', () => {
  it('reads a copy saved as CSV (";" as Excel in a Vietnamese locale writes it), statuses and text dates included', async () => {
    const plan = await seed('000_608305ae69954cdd.txt');
    const headers = ['STT', 'Mã', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn', 'Hạn cuối', 'Trạng thái', 'Ngày hoàn thành', 'Ghi chú', 'Nguồn'];
    const data = plan.tasks.map((t, i) => [
      String(i + 1), t.tt ?? '', t.content, t.lead.join('; '), t.deadline.raw ?? '', t.deadline.end ?? '',
      i === 1 ? 'Đã hoàn thành' : '', i === 1 ? '20/6/2026' : '', i === 1 ? 'ghi chú' : '', plan.source.file,
    ]);
    const csv = `\uFEFF${Papa.unparse({ fields: headers, data }, { delimiter: ';' })}`;
    const w = await readTracked('so-y-te.csv', new TextEncoder().encode(csv));
    expect(w.rows).toHaveLength(plan.tasks.length);
    expect(w.rows[1]!.tracking).toEqual({ status: 'Hoàn thành', doneDate: '2026-06-20', notes: 'ghi chú' });
    expect(w.rows.map((r) => r.task.leadCanonical)).toEqual(plan.tasks.map((t) => t.leadCanonical));
  });

  it('refuses a rollup report (its task lists would be counted twice) and a workbook with no task table', async () => {
    const plan = await seed('000_608305ae69954cdd.txt');
    const tracked = await readTracked('a.xlsx', await workbookBytes(buildWorkbook([plan], { asOf: AS_OF })));
    const { writeReportWorkbook } = await import('../pipeline/write/report-workbook.js');
    const bytes = await writeReportWorkbook(buildReport([tracked], o));
    await expect(readTracked('tong-hop.xlsx', bytes)).rejects.toMatchObject({ code: 'tracking.not_workbook' });
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1').getCell('A1').value = 'Danh sách cán bộ';
    await expect(readTracked('khac.xlsx', await workbookBytes(empty))).rejects.toMatchObject({ code: 'tracking.not_workbook' });
  });
});

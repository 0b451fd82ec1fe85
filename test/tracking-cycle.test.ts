/**
 * The tracking cycle as offices live it: a plan converted, copies sent out
 * (one per agency), filled in and sent back, rolled up, the plan amended and
 * the workbook updated. Nothing a person typed is lost, no task is counted
 * twice, and a disagreement is shown, never settled by the order of files.
 * Built on seed 000 (a real plan of Hà Tĩnh province) and edited as people do.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../pipeline/cli/dispatch.js';
import { runInto } from '../pipeline/cli/into.js';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import { readTracked } from '../pipeline/tracking/read-tracked.js';
import { reimport } from '../pipeline/tracking/reimport.js';
import { buildReport, type Report } from '../pipeline/tracking/report.js';
import { writeWorkbook } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { makeDoc, makeTask } from './helpers/docs.js';
import { captureIo } from './helpers/io.js';
import { columnOf } from './helpers/workbook-read.js';

const SEED = new URL('../samples/000_608305ae69954cdd.txt', import.meta.url).pathname;
const OTHER = new URL('../samples/001_506cf5c9823d68a4.txt', import.meta.url).pathname;
const AS_OF = '2026-07-15';

let dir: string;
let plan: ConvertedDocument;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-cycle-'));
  plan = await convertDocument(path.basename(SEED), new Uint8Array(readFileSync(SEED)), { asOf: AS_OF });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Type into `Nhiệm vụ` the way a person does: by header, on the row of the task with that TT. */
function type(wb: ExcelJS.Workbook, tt: string, values: Record<string, ExcelJS.CellValue>, sheetName = 'Nhiệm vụ'): void {
  const ws = wb.getWorksheet(sheetName)!;
  const ttCol = columnOf(ws, 'Mã');
  let row = 0;
  ws.eachRow((r, n) => {
    if (n > 1 && String(r.getCell(ttCol).value) === tt) row = n;
  });
  expect(row, `TT ${tt}`).toBeGreaterThan(0);
  for (const [header, v] of Object.entries(values)) ws.getRow(row).getCell(columnOf(ws, header)).value = v;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const statusOf = (r: Report, tt: string): string | null => r.tasks.find((t) => t.task.tt === tt)!.tracking.status;
const amendedText = (): string =>
  // The amendment drops task 6 and moves task 2 to the third quarter.
  readFileSync(SEED, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('6\t'))
    .join('\n')
    .replace('\tQuý II/2026\tUBND tỉnh\n3\t', '\tQuý III/2026\tUBND tỉnh\n3\t');

async function cli(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const cap = captureIo();
  const code = await runCli(args, cap.io);
  return { code, err: cap.stderr(), out: cap.stdout() };
}

describe('a plan is its document, not a file name', () => {
  it('counts a re-imported workbook and the backup the update kept beside it as one plan, the newest version deciding', async () => {
    const out = path.join(dir, 'versions');
    expect((await cli(['convert', SEED, '--out', out, '--format', 'xlsx', '--as-of', AS_OF, '--jobs', '0'])).code).toBe(0);
    const wbPath = path.join(out, '000_608305ae69954cdd.xlsx');
    const wb = await load(readFileSync(wbPath));
    type(wb, '1', { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': day('2026-05-02') });
    type(wb, '6', { 'Trạng thái': 'Đang thực hiện' });
    writeFileSync(wbPath, await workbookBytes(wb));
    const amended = path.join(dir, 'ke-hoach-sua-doi.txt');
    writeFileSync(amended, amendedText());
    expect((await cli(['convert', amended, '--into', wbPath, '--as-of', AS_OF])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['000_608305ae69954cdd.truoc-cap-nhat-2026-07-15.xlsx', '000_608305ae69954cdd.xlsx']);

    const copies = await Promise.all(readdirSync(out).map((f) => readTracked(f, new Uint8Array(readFileSync(path.join(out, f))))));
    const report = buildReport(copies, { asOf: AS_OF });
    // 11 tasks, one dropped by the amendment: 10 counted, not 21.
    expect(report.byAgency.total.total).toBe(plan.tasks.length - 1);
    expect(statusOf(report, '1')).toBe('Hoàn thành');
    expect(report.conflicts).toEqual([]);
    // Task 6 survives only in the backup (version 1): not counted, and said so.
    expect(report.tasks.some((t) => t.task.content.startsWith('Bố trí kinh phí'))).toBe(false);
    expect(report.files.flatMap((f) => f.notes).join('\n')).toMatch(/1 nhiệm vụ chỉ có trong bản cũ \(phiên bản 1\)/);
  });

  it('counts the CSV convert writes beside the workbook as the same plan, not a second one', async () => {
    const out = path.join(dir, 'csv-and-xlsx');
    expect((await cli(['convert', SEED, '--out', out, '--format', 'csv,xlsx', '--as-of', AS_OF, '--jobs', '0'])).code).toBe(0);
    const copies = await Promise.all(readdirSync(out).map((f) => readTracked(f, new Uint8Array(readFileSync(path.join(out, f))))));
    expect(copies).toHaveLength(2);
    expect(buildReport(copies, { asOf: AS_OF }).byAgency.total.total).toBe(plan.tasks.length);
  });

  it('lets a newer version speak over its own backup only: another agency’s older copy that disagrees is a conflict', async () => {
    const office = buildWorkbook([plan], { asOf: AS_OF });
    type(office, '1', { 'Trạng thái': 'Đang thực hiện' });
    const { bytes: v2 } = await reimport(await workbookBytes(office), plan, { asOf: AS_OF });
    const agency = buildWorkbook([plan], { asOf: AS_OF });
    type(agency, '1', { 'Trạng thái': 'Hoàn thành' });
    const copies = [await readTracked('van-phong.xlsx', v2), await readTracked('phong-a.xlsx', await workbookBytes(agency))];
    const report = buildReport(copies, { asOf: AS_OF });
    expect(report.conflicts.map((t) => [t.task.tt, t.conflicts])).toEqual([['1', ['status']]]);
    // The office's own backup (version 1, "Hoàn thành" overwritten since) gives way to its update.
    const backup = await readTracked('van-phong.truoc-cap-nhat-2026-07-15.xlsx', await workbookBytes(agency));
    expect(buildReport([copies[0]!, backup], { asOf: AS_OF }).conflicts).toEqual([]);
  });

  it('refuses to update a workbook from another plan unless told to (--force)', async () => {
    const bytes = await writeWorkbook([plan], { asOf: AS_OF });
    const target = path.join(dir, 'khac.xlsx');
    writeFileSync(target, bytes);
    const other = await convertDocument(path.basename(OTHER), new Uint8Array(readFileSync(OTHER)), { asOf: AS_OF });
    await expect(runInto(target, other, { asOf: AS_OF })).rejects.toThrow(/không phải bản sửa đổi của kế hoạch/);
    expect(readFileSync(target)).toEqual(Buffer.from(bytes));
    await expect(runInto(target, other, { asOf: AS_OF, force: true })).resolves.toMatchObject({ target });
  });
});

describe('tasks are matched by TT, content and lead agency', () => {
  // Three tasks worded alike for three agencies, as a plan assigns one duty to each.
  const alike = (order: Array<[string, string]>) =>
    makeDoc(
      order.map(([tt, lead], i) =>
        makeTask({ id: `t${i}`, tt, content: 'Rà soát, báo cáo kết quả thực hiện Chỉ thị số 05-CT/TU', lead: [lead], leadCanonical: [lead] }),
      ),
    );
  const GD = 'Sở Giáo dục và Đào tạo';
  const TP = 'Sở Tư pháp';
  const YT = 'Sở Y tế';

  it('keeps each agency’s answer on its own task when an amendment inserts a task above and reorders them', async () => {
    const wb = buildWorkbook([alike([['1', GD], ['2', TP], ['3', YT]])], { asOf: AS_OF });
    type(wb, '1', { 'Trạng thái': 'Hoàn thành', 'Kết quả/Ghi chú': 'Sở GD&ĐT đã báo cáo' });
    const amended = alike([['2', YT], ['3', GD], ['4', TP]]);
    amended.tasks.unshift(makeTask({ id: 'new', tt: '1', content: 'Tổ chức hội nghị sơ kết 6 tháng', lead: [YT], leadCanonical: [YT] }));
    const { bytes } = await reimport(await workbookBytes(wb), amended, { asOf: AS_OF });
    const after = await readTracked('sau.xlsx', bytes);
    const done = after.rows.filter((r) => r.tracking.status === 'Hoàn thành');
    expect(done.map((r) => [r.task.tt, r.task.lead])).toEqual([['3', [GD]]]);
    expect(done[0]!.tracking.notes).toBe('Sở GD&ĐT đã báo cáo');
  });
});

describe('a guess is said to be one', () => {
  it('reports rows that matched one of two identical tasks (same words, TT and lead) in the rollup and in the update log', async () => {
    const twin = (id: string) => makeTask({ id, tt: null, content: 'Tổng kết, đánh giá 5 năm thực hiện Đề án', lead: ['Sở Nội vụ'], leadCanonical: ['Sở Nội vụ'] });
    const doc = makeDoc([twin('a'), twin('b')]);
    const wb = buildWorkbook([doc], { asOf: AS_OF });
    const bytes = await workbookBytes(wb);
    const report = buildReport([await readTracked('a.xlsx', bytes), await readTracked('b.xlsx', bytes)], { asOf: AS_OF });
    expect(report.byAgency.total.total).toBe(2);
    expect(report.issues.filter((i) => /giống hệt/.test(i.message))).toHaveLength(2);
    const { changes } = await reimport(bytes, doc, { asOf: AS_OF });
    expect(changes.map((c) => c.kind)).toEqual(['ambiguous', 'ambiguous']);
  });
});

describe('an update keeps a row the user split, and a Total Row is no task', () => {
  it('keeps the half of a task the user cut into a row of its own, unstruck, and logs a Total Row instead of keeping it as a task', async () => {
    // Task 6 ("Bố trí kinh phí; hướng dẫn quản lý, sử dụng, thanh quyết toán kinh phí") split into two rows, one under the other.
    const six = plan.tasks.find((t) => t.tt === '6')!;
    const split = {
      ...plan,
      tasks: plan.tasks.flatMap((t) =>
        t === six ? [{ ...t, content: 'Bố trí kinh phí' }, { ...t, id: 'six-b', content: 'Hướng dẫn quản lý, sử dụng, thanh quyết toán kinh phí' }] : [t],
      ),
    };
    const wb = buildWorkbook([split], { asOf: AS_OF });
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    const half = ws.getRow(split.tasks.findIndex((t) => t.id === 'six-b') + 2);
    half.getCell(columnOf(ws, 'Trạng thái')).value = 'Đang thực hiện';
    const total = ws.getRow(split.tasks.length + 3);
    total.getCell(columnOf(ws, 'STT')).value = 'Tổng cộng';
    total.getCell(columnOf(ws, 'Nội dung')).value = 'Tổng cộng';

    const { bytes, changes } = await reimport(await workbookBytes(wb), plan, { asOf: AS_OF });
    expect(changes.filter((c) => c.kind === 'removed')).toEqual([]);
    const after = await readTracked('sau.xlsx', bytes);
    // The longer half matched the plan's task (and took its full wording); the other half stays, the user's, not struck.
    const six2 = after.rows.filter((r) => r.task.tt === '6');
    expect(six2.map((r) => [r.task.content, r.tracking.status, r.removed])).toEqual([
      ['Bố trí kinh phí', null, false],
      [plan.tasks.find((t) => t.tt === '6')!.content, 'Đang thực hiện', false],
    ]);
    const sheetAfter = (await load(bytes)).getWorksheet('Nhiệm vụ')!;
    const stateCol = columnOf(sheetAfter, 'Tình trạng kế hoạch');
    const labels: unknown[] = [];
    sheetAfter.eachRow((row, n) => n > 1 && row.getCell(columnOf(sheetAfter, 'Mã')).value === '6' && labels.push(row.getCell(stateCol).value));
    // The matched half had its wording replaced by the plan's: marked changed, its old text in the log.
    expect(labels).toEqual(['Tách ra từ một nhiệm vụ của kế hoạch', 'Đã sửa']);
    expect(after.rows.some((r) => r.task.content === 'Tổng cộng')).toBe(false);
    expect(changes.filter((c) => c.kind === 'not_kept').map((c) => c.old)).toContain('Tổng cộng');
  });
});

describe('who answered: the lead agency speaks for its own task', () => {
  it('writes one workbook per lead agency, naming it, and trusts its answer over a central pre-fill', async () => {
    const out = path.join(dir, 'per-agency');
    const r = await cli(['convert', SEED, '--out', out, '--format', 'xlsx', '--per-agency', '--as-of', AS_OF, '--jobs', '0']);
    expect(r.code).toBe(0);
    const folder = path.join(out, '000_608305ae69954cdd.theo-co-quan');
    // Seed 000's leads: Sở Y tế (8 tasks), Sở Tài chính, Sở GD&ĐT; "UBND các xã, phường" is no single agency.
    expect(readdirSync(folder).sort()).toEqual(['so-giao-duc-va-dao-tao.xlsx', 'so-tai-chinh.xlsx', 'so-y-te.xlsx']);
    expect(r.err).toMatch(/1 nhiệm vụ không có cơ quan chủ trì cụ thể/);
    const yt = await readTracked('so-y-te.xlsx', new Uint8Array(readFileSync(path.join(folder, 'so-y-te.xlsx'))));
    expect(yt.agency).toBe('Sở Y tế');
    expect(yt.rows).toHaveLength(8);
    expect(new Set(yt.rows.map((x) => x.docKey))).toEqual(new Set([(await readTracked('c.xlsx', await writeWorkbook([plan], { asOf: AS_OF }))).rows[0]!.docKey]));

    // The office pre-fills every status before sending the whole workbook round; the Sở Tài chính answers on its own copy.
    const central = buildWorkbook([plan], { asOf: AS_OF });
    for (const t of plan.tasks) type(central, t.tt!, { 'Trạng thái': 'Chưa thực hiện' });
    const tc = await load(readFileSync(path.join(folder, 'so-tai-chinh.xlsx')));
    type(tc, '6', { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': day('2026-06-01') });
    // And the Sở GD&ĐT answers on a copy of the whole workbook, saved under its own name.
    const gd = buildWorkbook([plan], { asOf: AS_OF });
    for (const t of plan.tasks) type(gd, t.tt!, { 'Trạng thái': 'Chưa thực hiện' });
    type(gd, '10', { 'Trạng thái': 'Hoàn thành' });

    const copies = [
      await readTracked('van-phong.xlsx', await workbookBytes(central)),
      await readTracked('so-tai-chinh.xlsx', await workbookBytes(tc)),
      await readTracked('so-giao-duc-va-dao-tao.xlsx', await workbookBytes(gd)),
    ];
    expect(copies.map((c) => c.agency)).toEqual([null, 'Sở Tài chính', 'Sở Giáo dục và Đào tạo']);
    const report = buildReport(copies, { asOf: AS_OF });
    expect(report.byAgency.total.total).toBe(plan.tasks.length);
    expect(statusOf(report, '6')).toBe('Hoàn thành');
    expect(statusOf(report, '10')).toBe('Hoàn thành');
    expect(statusOf(report, '2')).toBe('Chưa thực hiện');
    expect(report.conflicts).toEqual([]);
    // Which file came first does not matter.
    const reversed = buildReport([...copies].reverse(), { asOf: AS_OF });
    expect(reversed.byAgency.total).toEqual(report.byAgency.total);
  });

  it('updates an agency’s own copy with that agency’s share of the amended plan, still naming the agency', async () => {
    const out = path.join(dir, 'per-agency-into');
    expect((await cli(['convert', SEED, '--out', out, '--format', 'xlsx', '--per-agency', '--as-of', AS_OF, '--jobs', '0'])).code).toBe(0);
    const yt = readFileSync(path.join(out, '000_608305ae69954cdd.theo-co-quan', 'so-y-te.xlsx'));
    const amended = await convertDocument('ke-hoach-sua-doi.txt', new TextEncoder().encode(amendedText()), { asOf: AS_OF });
    const { bytes, changes } = await reimport(new Uint8Array(yt), amended, { asOf: AS_OF });
    // Task 6 (Sở Tài chính) left the plan and tasks of other agencies are not Sở Y tế's: nothing added, nothing removed.
    expect(changes.filter((c) => c.kind === 'added' || c.kind === 'removed')).toEqual([]);
    const after = await readTracked('so-y-te.xlsx', bytes);
    expect(after.agency).toBe('Sở Y tế');
    expect(after.rows).toHaveLength(8);
  });

  it('copies that disagree on a deadline are a conflict, counted at the earlier deadline whatever the file order', async () => {
    const a = buildWorkbook([plan], { asOf: AS_OF });
    const b = buildWorkbook([plan], { asOf: AS_OF });
    // Task 2 is due 30/06/2026 (overdue on 15/07); one copy moved it to the end of the year by hand.
    type(b, '2', { 'Hạn cuối': day('2026-12-31') });
    const copies = [await readTracked('a.xlsx', await workbookBytes(a)), await readTracked('b.xlsx', await workbookBytes(b))];
    const one = buildReport(copies, { asOf: AS_OF });
    const two = buildReport([...copies].reverse(), { asOf: AS_OF });
    expect(one.overdue.map((t) => t.task.tt)).toEqual(two.overdue.map((t) => t.task.tt));
    expect(one.overdue.map((t) => t.task.tt)).toContain('2');
    expect(one.conflicts.map((t) => [t.task.tt, t.conflicts])).toEqual([['2', ['deadline']]]);
  });
});

describe('answers are read wherever they were typed, or reported', () => {
  it('reads a status typed over the Tình trạng formula, a renamed status header, and says when a copied sheet holds answers', async () => {
    const wb = buildWorkbook([plan], { asOf: AS_OF });
    type(wb, '2', { 'Tình trạng': 'Hoàn thành' });
    const copy = wb.addWorksheet('Nhiệm vụ (2)');
    wb.getWorksheet('Nhiệm vụ')!.eachRow((row, n) => (copy.getRow(n).values = (row.values as ExcelJS.CellValue[]).map((v) => (v && typeof v === 'object' && 'formula' in v ? null : v))));
    type(wb, '3', { 'Trạng thái': 'Đang thực hiện' }, 'Nhiệm vụ (2)');
    const read = await readTracked('tra-lai.xlsx', await workbookBytes(wb));
    expect(read.rows.find((r) => r.task.tt === '2')!.tracking.status).toBe('Hoàn thành');
    expect(read.rows.find((r) => r.task.tt === '2')!.issues.join()).toMatch(/ghi ở cột "Tình trạng"/);
    expect(read.rows).toHaveLength(plan.tasks.length);
    expect(read.notes.join()).toMatch(/trang "Nhiệm vụ \(2\)" cũng có bảng nhiệm vụ với 1 trạng thái đã ghi/);

    const renamed = buildWorkbook([plan], { asOf: AS_OF });
    type(renamed, '5', { 'Trạng thái': 'Hoàn thành' });
    type(renamed, '6', { 'Trạng thái': 'Đang triển khai' });
    const ws = renamed.getWorksheet('Nhiệm vụ')!;
    ws.getRow(1).getCell(columnOf(ws, 'Trạng thái')).value = 'Tiến độ';
    const bytes = await workbookBytes(renamed);
    expect((await readTracked('x.xlsx', bytes)).rows.find((r) => r.task.tt === '5')!.tracking.status).toBe('Hoàn thành');
    // Re-import finds it the same way and keeps the answer.
    const { bytes: updated } = await reimport(bytes, plan, { asOf: AS_OF });
    expect((await readTracked('y.xlsx', updated)).rows.find((r) => r.task.tt === '5')!.tracking.status).toBe('Hoàn thành');
  });

  it('takes a renamed status column by its values, never a plan’s own "Tiến độ thực hiện" deadline column', async () => {
    // A task list as a department keeps it: "Tiến độ thực hiện" is when, "Trạng thái" is where it stands.
    const csv = (head: string, rows: string[][]) => [head, ...rows.map((r) => r.join(','))].join('\n');
    const plainPlan = csv('TT,Nội dung,Cơ quan chủ trì,Tiến độ thực hiện,Trạng thái', [
      ['1', 'Rà soát hồ sơ', 'Sở Tư pháp', '30/06/2026', 'Hoàn thành'],
      ['2', 'Tổng kết', 'Sở Nội vụ', '31/12/2026', ''],
    ]);
    const read = await readTracked('phong.csv', new TextEncoder().encode(plainPlan));
    expect(read.rows.map((r) => [r.task.deadline.raw, r.tracking.status])).toEqual([['30/06/2026', 'Hoàn thành'], ['31/12/2026', null]]);
    expect(read.rows.flatMap((r) => r.issues)).toEqual([]);
  });

  it('reads a done label typed in Tình trạng while Trạng thái is blank as an answer', async () => {
    const wb = buildWorkbook([plan], { asOf: AS_OF });
    type(wb, '4', { 'Tình trạng': 'Hoàn thành đúng hạn' });
    const read = await readTracked('x.xlsx', await workbookBytes(wb));
    expect(read.rows.find((r) => r.task.tt === '4')!.tracking.status).toBe('Hoàn thành');
    const { changes } = await reimport(await workbookBytes(wb), plan, { asOf: AS_OF });
    expect(changes.filter((c) => c.kind === 'moved').map((c) => [c.tt, c.old])).toEqual([['4', 'Hoàn thành đúng hạn']]);
  });

  it('never counts a Total Row as a task, and flags a completion date after the report date', async () => {
    const wb = buildWorkbook([plan], { asOf: AS_OF });
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    const total = ws.getRow(plan.tasks.length + 2);
    total.getCell(columnOf(ws, 'STT')).value = 'Tổng';
    total.getCell(columnOf(ws, 'Nội dung')).value = { formula: 'SUBTOTAL(103,D2:D12)', result: 11 };
    type(wb, '2', { 'Trạng thái': 'Hoàn thành', 'Ngày hoàn thành': day('2026-09-01') });
    const read = await readTracked('t.xlsx', await workbookBytes(wb));
    expect(read.rows).toHaveLength(plan.tasks.length);
    const report = buildReport([read], { asOf: AS_OF });
    expect(report.issues.map((i) => [i.tt, i.message])).toEqual([['2', 'ngày hoàn thành 01/09/2026 sau ngày báo cáo 15/07/2026: cần xem lại ngày đã ghi']]);
  });
});

describe('an update keeps everything a person typed, or logs it with its old value', () => {
  it('puts back what has a place, moves a status typed in Tình trạng, keeps defined names, and logs the rest', async () => {
    const wb = buildWorkbook([plan], { asOf: AS_OF });
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    type(wb, '3', { 'Hạn cuối': 'Chờ Bộ Y tế hướng dẫn', 'Tình trạng': 'Đã xong' });
    ws.getCell(`A${plan.tasks.length + 4}`).value = 'Người lập biểu: Nguyễn Văn A';
    ws.getCell('D2').note = 'Nội dung này đã được Sở Y tế đề nghị sửa';
    const summary = wb.getWorksheet('Tổng hợp')!;
    summary.getCell('A40').value = 'Ghi chú của Văn phòng: số liệu đến hết tháng 6';
    const docs = wb.getWorksheet('Văn bản')!;
    docs.getCell('P1').value = 'Người theo dõi';
    docs.getCell('P2').value = 'Chị Lan, phòng Kế hoạch';
    const mine = wb.addWorksheet('Theo dõi riêng');
    wb.definedNames.add("'Tổng hợp'!$B$2", 'NgayChot');
    mine.getCell('A1').value = { formula: 'NgayChot+30' } as ExcelJS.CellValue;

    const { bytes, changes } = await reimport(await workbookBytes(wb), plan, { asOf: AS_OF });
    const after = await load(bytes);
    const logged = changes.filter((c) => c.kind === 'not_kept').map((c) => [c.content, c.old]);
    expect(logged).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^Nhiệm vụ!I\d+$/), 'Chờ Bộ Y tế hướng dẫn'],
        [`Nhiệm vụ!A${plan.tasks.length + 4}`, 'Người lập biểu: Nguyễn Văn A'],
        ['ghi chú tại Nhiệm vụ!D2', 'Nội dung này đã được Sở Y tế đề nghị sửa'],
      ]),
    );
    expect(changes.filter((c) => c.kind === 'moved').map((c) => [c.tt, c.new])).toEqual([['3', 'Đã xong']]);
    expect((await readTracked('sau.xlsx', bytes)).rows.find((r) => r.task.tt === '3')!.tracking.status).toBe('Hoàn thành');
    // The log sheet holds every one of them, old value in full.
    const log: string[] = [];
    after.getWorksheet('Nhật ký thay đổi')!.eachRow((row) => log.push((row.values as unknown[]).map(String).join('|')));
    expect(log.join('\n')).toContain('Người lập biểu: Nguyễn Văn A');
    // Put back where nothing was rebuilt; the user's defined name still points where it did.
    expect(after.getWorksheet('Tổng hợp')!.getCell('A40').value).toBe('Ghi chú của Văn phòng: số liệu đến hết tháng 6');
    expect([after.getWorksheet('Văn bản')!.getCell('P1').value, after.getWorksheet('Văn bản')!.getCell('P2').value]).toEqual(['Người theo dõi', 'Chị Lan, phòng Kế hoạch']);
    const names = (after.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> }).model;
    expect(names.find((n) => n.name === 'NgayChot')?.ranges).toEqual(["'Tổng hợp'!$B$2"]);
    expect(after.getWorksheet('Theo dõi riêng')!.getCell('A1').formula).toBe('NgayChot+30');
    // The rebuilt lists print like the other sheets.
    expect(after.getWorksheet('Danh mục')!.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
  });
});

describe('rollup and updates run under the same limits as convert', () => {
  it('reads returned workbooks in workers: one over --max-size fails with a line, the others still count', async () => {
    const d = path.join(dir, 'limits');
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, 'lon.xlsx'), await writeWorkbook([plan], { asOf: AS_OF }));
    writeFileSync(path.join(d, 'nho.csv'), '\ufeffMã,Nội dung,Cơ quan chủ trì,Hạn cuối,Trạng thái\n1,Rà soát hồ sơ,Sở Tư pháp,30/06/2026,Hoàn thành\n');
    const r = await cli(['rollup', d, '--as-of', AS_OF, '--out', path.join(dir, 'bao-cao-limits.xlsx'), '--max-size', '0.005', '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lon\.xlsx.*quá lớn.*\[file\.too_large\]/);
    expect(r.out).toMatch(/Nhiệm vụ \/ Tasks: +1\n/);
    // An update refuses a workbook over the limit too, before reading it.
    const small = path.join(dir, 'nho.txt');
    writeFileSync(small, 'PHỤ LỤC\nTT\tNội dung\tCơ quan chủ trì\tThời gian\n1\tRà soát hồ sơ\tSở Tư pháp\tQuý II/2026\n');
    const into = await cli(['convert', small, '--into', path.join(d, 'lon.xlsx'), '--max-size', '0.005', '--jobs', '1']);
    expect(into.code).toBe(1);
    expect(into.err).toMatch(/lon\.xlsx.*quá lớn.*\[file\.too_large\]/);
  }, 60_000);
});

describe('convert --as-of', () => {
  it('flags a task whose deadline has passed as overdue even before any status is typed', async () => {
    const late = await convertDocument(path.basename(SEED), new Uint8Array(readFileSync(SEED)), { asOf: AS_OF });
    expect(late.findings.filter((f) => f.rule === 'status.overdue').map((f) => late.tasks.find((t) => t.id === f.task)!.tt)).toEqual(['2', '3']);
    const early = await convertDocument(path.basename(SEED), new Uint8Array(readFileSync(SEED)), { asOf: '2026-05-01' });
    expect(early.findings.filter((f) => f.rule === 'status.overdue')).toEqual([]);
  });
});

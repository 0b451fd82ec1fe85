/**
 * Re-import (`convert <amended plan> --into <tracking.xlsx>`) on seed 000:
 * staff have typed statuses, dates, notes, a column and a sheet of their own
 * into the tracking workbook; then the plan is amended (rows inserted, one
 * removed, one reworded, one deadline moved). Every typed value must still
 * be there, the change log must list each change, and the rebuilt formulas
 * must still compute what taskStatus and rollup compute (LibreOffice, once).
 *
 * Also: a workbook with data validation over whole columns (exceljs issues
 * #1842, #2929) is read by the tracked reader and by re-import in a second or two.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPath, runInto } from '../pipeline/cli/into.js';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import { CATEGORIES, type Tracking } from '../pipeline/model/tracking.js';
import { rollup } from '../pipeline/rollup/rollup.js';
import { taskStatus } from '../pipeline/rollup/status.js';
import { readTracked } from '../pipeline/tracking/read-tracked.js';
import { reimport, type Change } from '../pipeline/tracking/reimport.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { errorCells, libreOfficeOrSkip, recalc, removeProfile, shown } from './helpers/libreoffice.js';
import { columnOf, comparable, readRollup, sheet } from './helpers/workbook-read.js';

const SEED = path.join(import.meta.dirname, '..', 'samples', '000_608305ae69954cdd.txt');
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/**
 * The amended plan: the appendix rows of seed 000 edited as a new version of
 * a plan is, then renumbered: two tasks inserted (after TT 2 and TT 8), TT 4
 * removed, TT 6 reworded, TT 3's deadline moved from Quý II to Quý III/2026.
 */
function amendedText(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+)\t(.*)$/.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const tt = Number(m[1]);
    let rest = m[2]!;
    if (tt === 4) continue;
    if (tt === 3) rest = rest.replace('Quý II/2026', 'Quý III/2026');
    if (tt === 6) rest = rest.replace('thanh quyết toán kinh phí', 'thanh toán, quyết toán kinh phí thực hiện Chương trình');
    out.push(`#\t${rest}`);
    if (tt === 2) out.push('#\tXây dựng cơ sở dữ liệu điện tử về sức khỏe người dân trên địa bàn tỉnh\tSở Y tế\tSở Khoa học và Công nghệ\tQuý IV/2026\tUBND tỉnh');
    if (tt === 8) out.push('#\tTổ chức sơ kết, đánh giá giữa kỳ việc thực hiện Chương trình\tSở Y tế\tCác sở, ngành liên quan\t30/11/2026\tUBND tỉnh');
  }
  let n = 0;
  return out.map((l) => (l.startsWith('#\t') ? `${++n}\t${l.slice(2)}` : l)).join('\n');
}

/** What staff typed, by the task's TT in the original plan. */
interface Typed {
  status?: string;
  done?: ExcelJS.CellValue;
  notes?: string;
  owner?: string;
  /** A `Hạn cuối` typed over the plan's (the conditional deadline got a date). */
  end?: Date;
}
const TYPED: Record<string, Typed> = {
  '1': { status: 'Đang thực hiện', notes: 'Đã tổ chức 3 hội nghị', owner: 'Anh Hùng' },
  '2': { status: 'Hoàn thành', done: day('2026-06-20'), notes: 'Kế hoạch 45/KH-UBND' },
  '3': { status: 'Đang thực hiện', notes: 'Chờ HĐND họp', owner: 'Chị Lan' },
  '4': { status: 'Đang thực hiện', notes: 'Đã gửi danh mục', owner: 'Chị Mai' },
  '5': { end: day('2026-09-15') },
  '6': { status: 'Hoàn thành', done: '15/3/2026', notes: '=đã bố trí 2 tỷ', owner: 'Anh Tuấn' },
  '11': { owner: 'Anh Bình' },
};

/** The original task each amended task continues, by content (reworded TT 6 by its new words). */
function originalTt(content: string, plan: ConvertedDocument): string | null {
  if (content.startsWith('Bố trí kinh phí')) return '6';
  return plan.tasks.find((t) => t.content === content)?.tt ?? null;
}

const AS_OF = '2026-07-01';

describe('re-import an amended plan into a tracking workbook staff have filled in', () => {
  let plan: ConvertedDocument;
  let amended: ConvertedDocument;
  let before: Uint8Array;
  let after: ExcelJS.Workbook;
  let bytes: Uint8Array;
  let changes: Change[];

  beforeAll(async () => {
    const text = readFileSync(SEED, 'utf8');
    plan = await convertDocument('000_608305ae69954cdd.txt', new TextEncoder().encode(text), { asOf: '2026-06-01' });
    amended = await convertDocument('000_sua-doi.txt', new TextEncoder().encode(amendedText(text)), { asOf: AS_OF });
    expect(amended.tasks).toHaveLength(plan.tasks.length + 1);

    const wb = buildWorkbook([plan], { asOf: '2026-06-01' });
    const ws = sheet(wb, 'Nhiệm vụ');
    const owner = ws.columnCount + 1;
    ws.getCell(1, owner).value = 'Người theo dõi';
    plan.tasks.forEach((t, i) => {
      const typed = TYPED[t.tt!];
      if (!typed) return;
      const row = ws.getRow(i + 2);
      if (typed.status) row.getCell(columnOf(ws, 'Trạng thái')).value = typed.status;
      if (typed.done) row.getCell(columnOf(ws, 'Ngày hoàn thành')).value = typed.done;
      if (typed.notes) row.getCell(columnOf(ws, 'Kết quả/Ghi chú')).value = typed.notes;
      if (typed.owner) row.getCell(owner).value = typed.owner;
      if (typed.end) row.getCell(columnOf(ws, 'Hạn cuối')).value = typed.end;
    });
    ws.getRow(3).getCell(columnOf(ws, 'Trạng thái')).note = 'Đã xác nhận với Sở Y tế';
    ws.getRow(3).getCell(columnOf(ws, 'Kết quả/Ghi chú')).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    // A setting and a sheet of the user's.
    sheet(wb, 'Tổng hợp').getCell('B3').value = 7;
    const own = wb.addWorksheet('Ghi chép');
    own.getCell('A1').value = 'Họp giao ban 01/6';
    own.getCell('A2').value = { formula: "COUNTA('Nhiệm vụ'!L:L)-1", result: 5 };
    own.mergeCells('A1:C1');
    before = await workbookBytes(wb);

    ({ bytes, changes } = await reimport(before, amended, { asOf: AS_OF }));
    after = await load(bytes);
  });

  /** The rows of the new Nhiệm vụ, by header. */
  function rows(wb: ExcelJS.Workbook): Array<Record<string, unknown>> {
    const ws = sheet(wb, 'Nhiệm vụ');
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const out: Array<Record<string, unknown>> = [];
    for (let r = 2; r <= ws.actualRowCount; r++) {
      out.push(Object.fromEntries(headers.map((h, j) => [h, shown(ws.getRow(r).getCell(j + 1))])));
    }
    return out;
  }

  it('keeps every value typed, on the task it was typed for, removed and reworded ones included', () => {
    const got = rows(after);
    expect(got).toHaveLength(amended.tasks.length + 1); // the removed task stays
    for (const [tt, typed] of Object.entries(TYPED)) {
      const content = tt === '6' ? amended.tasks.find((t) => t.content.startsWith('Bố trí kinh phí'))!.content : plan.tasks.find((t) => t.tt === tt)!.content;
      const row = got.find((r) => r['Nội dung'] === content);
      expect(row, `task ${tt}`).toBeTruthy();
      expect(row!['Trạng thái'] ?? undefined, `status of ${tt}`).toBe(typed.status);
      expect(row!['Ngày hoàn thành'] ?? undefined, `date of ${tt}`).toEqual(typed.done);
      expect(row!['Kết quả/Ghi chú'] ?? undefined, `notes of ${tt}`).toBe(typed.notes);
      expect(row!['Người theo dõi'] ?? undefined, `own column of ${tt}`).toBe(typed.owner);
      if (typed.end) expect(row!['Hạn cuối'], `deadline typed on ${tt}`).toEqual(typed.end);
    }
    // Nothing typed appears anywhere it was not typed.
    const typedRows = got.filter((r) => r['Trạng thái'] || r['Kết quả/Ghi chú'] || r['Người theo dõi']);
    expect(typedRows).toHaveLength(Object.values(TYPED).filter((t) => t.status || t.notes || t.owner).length);
    // A comment and a fill the user put on their cells go with them.
    const ws = sheet(after, 'Nhiệm vụ');
    const r2 = got.findIndex((r) => r['Mã'] === '2') + 2;
    expect(ws.getRow(r2).getCell(columnOf(ws, 'Trạng thái')).note).toBe('Đã xác nhận với Sở Y tế');
    expect(ws.getRow(r2).getCell(columnOf(ws, 'Kết quả/Ghi chú')).fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    // Text that looks like a formula stays text.
    expect(got.find((r) => r['Kết quả/Ghi chú'] === '=đã bố trí 2 tỷ')).toBeTruthy();
  });

  it('marks the task gone from the plan, struck through, never deletes it, and stops counting it', () => {
    const got = rows(after);
    const removedContent = plan.tasks.find((t) => t.tt === '4')!.content;
    const i = got.findIndex((r) => r['Nội dung'] === removedContent);
    expect(got[i]).toMatchObject({ 'Tình trạng kế hoạch': 'Đã bỏ khỏi kế hoạch', 'Tình trạng': 'Đã bỏ khỏi kế hoạch', Nguồn: plan.source.file });
    expect(String(got[i]!['Cảnh báo'])).toContain('Đã bỏ khỏi kế hoạch');
    // It stays among its old neighbours: after the task that was TT 3.
    expect(got[i - 1]!['Nội dung']).toBe(plan.tasks.find((t) => t.tt === '3')!.content);
    const ws = sheet(after, 'Nhiệm vụ');
    expect(ws.getRow(i + 2).getCell(columnOf(ws, 'Nội dung')).font?.strike).toBe(true);
    // Not on Phân công: Tổng hợp does not count it.
    const assignments = sheet(after, 'Phân công');
    const contents = new Set<unknown>();
    assignments.eachRow((row, n) => n > 1 && contents.add(shown(row.getCell(columnOf(assignments, 'Nội dung')))));
    expect(contents.has(removedContent)).toBe(false);
    expect(contents.size).toBe(amended.tasks.length);
    // New tasks are flagged too.
    expect(got.filter((r) => r['Tình trạng kế hoạch'] === 'Mới bổ sung').map((r) => r['Mã'])).toEqual(['3', '9']);
  });

  it('updates what the plan changed and logs each change with old and new values', () => {
    const kinds = (kind: Change['kind']) => changes.filter((c) => c.kind === kind);
    expect(kinds('added').map((c) => [c.tt, c.new])).toEqual([
      ['3', 'Xây dựng cơ sở dữ liệu điện tử về sức khỏe người dân trên địa bàn tỉnh'],
      ['9', 'Tổ chức sơ kết, đánh giá giữa kỳ việc thực hiện Chương trình'],
    ]);
    expect(kinds('removed').map((c) => [c.tt, c.old])).toEqual([['4', plan.tasks.find((t) => t.tt === '4')!.content]]);
    const reworded = kinds('content');
    expect(reworded).toHaveLength(1);
    expect(reworded[0]!.old).toBe(plan.tasks.find((t) => t.tt === '6')!.content);
    expect(reworded[0]!.new).toContain('thanh toán, quyết toán kinh phí thực hiện Chương trình');
    expect(kinds('deadline').map((c) => [c.tt, c.old, c.new])).toEqual([
      ['4', 'Quý II/2026 (hạn cuối 30/06/2026)', 'Quý III/2026 (hạn cuối 30/09/2026)'],
    ]);
    // Renumbering is a change too: old TT 3 is now 4; 5 to 8 keep theirs (one in, one out); 9 → 10 …
    expect(kinds('tt').map((c) => `${c.old}→${c.new}`)).toEqual(['3→4', '9→10', '10→11', '11→12']);
    // The plan's new values are what the sheet shows.
    const got = rows(after);
    expect(got.find((r) => String(r['Nội dung']).startsWith('Tham mưu UBND tỉnh trình HĐND'))).toMatchObject({ 'Thời hạn': 'Quý III/2026', 'Hạn cuối': day('2026-09-30'), Mã: '4' });

    const log = sheet(after, 'Nhật ký thay đổi');
    const logged = [];
    for (let r = 2; r <= log.actualRowCount; r++) logged.push((log.getRow(r).values as unknown[]).slice(1, 8));
    expect(logged).toHaveLength(changes.length);
    for (const label of ['thêm', 'bỏ', 'sửa nội dung', 'đổi thời hạn', 'đổi số thứ tự']) expect(logged.some((l) => l[4] === label), label).toBe(true);
    expect(logged.find((l) => l[4] === 'sửa nội dung')?.[5]).toBe(plan.tasks.find((t) => t.tt === '6')!.content);
    expect(logged[0]![0]).toEqual(day(AS_OF));
  });

  it('keeps the user’s sheet and settings, and a second update changes nothing and appends to the log', async () => {
    expect(after.worksheets.map((w) => w.name)).toEqual(['Nhiệm vụ', 'Phân công', 'Tổng hợp', 'Kiểm tra', 'Văn bản', 'Danh mục', 'Nhật ký thay đổi', 'Ghi chép']);
    const own = sheet(after, 'Ghi chép');
    expect(own.getCell('A1').value).toBe('Họp giao ban 01/6');
    expect(own.getCell('A2').formula).toBe("COUNTA('Nhiệm vụ'!L:L)-1");
    expect(own.getCell('C1').isMerged).toBe(true);
    expect(sheet(after, 'Tổng hợp').getCell('B3').value).toBe(7);

    const again = await reimport(bytes, amended, { asOf: '2026-07-02' });
    expect(again.changes).toEqual([]);
    const wb = await load(again.bytes);
    expect(rows(wb)).toEqual(rows(after).map((r) => ({ ...r, 'Tình trạng kế hoạch': r['Tình trạng kế hoạch'] === 'Đã bỏ khỏi kế hoạch' ? r['Tình trạng kế hoạch'] : null })));
    const log = sheet(wb, 'Nhật ký thay đổi');
    expect(log.actualRowCount).toBe(changes.length + 2);
    expect(log.getRow(changes.length + 2).getCell(5).value).toBe('không có thay đổi');
  });

  it('runInto replaces the workbook atomically and keeps the one before beside it, one dated copy per update', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-into-'));
    try {
      const target = path.join(dir, 'theo-doi.xlsx');
      writeFileSync(target, before);
      const result = await runInto(target, amended, { asOf: AS_OF });
      expect(result.changes).toEqual(changes);
      expect(result.backup).toBe(path.join(dir, `theo-doi.truoc-cap-nhat-${AS_OF}.xlsx`));
      expect(readFileSync(backupPath(target, AS_OF))).toEqual(Buffer.from(before));
      const wb = await load(new Uint8Array(readFileSync(target)));
      expect(rows(wb)).toEqual(rows(after));
      // A second update the same day keeps the first copy and adds another: the state before each update survives.
      const firstUpdate = readFileSync(target);
      const second = await runInto(target, amended, { asOf: AS_OF });
      expect(second.backup).toBe(backupPath(target, AS_OF, 2));
      expect(readFileSync(backupPath(target, AS_OF))).toEqual(Buffer.from(before));
      expect(readFileSync(backupPath(target, AS_OF, 2))).toEqual(firstUpdate);
      await expect(runInto(path.join(dir, 'khong-co.xlsx'), amended)).rejects.toThrow(/không tìm thấy/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!libreOfficeOrSkip())('after LibreOffice recalculates', () => {
    afterAll(removeProfile);

    it('Tình trạng and Tổng hợp equal taskStatus and rollup over the live tasks, at a new report date', async () => {
      // A later report date makes every cached result stale: only the formulas can give the right values.
      const edited = await load(bytes);
      const asOf = '2026-10-05';
      sheet(edited, 'Tổng hợp').getCell('B2').value = day(asOf);
      const wb = await recalc(await workbookBytes(edited));
      expect(errorCells(wb)).toEqual([]);

      const o = { asOf, dueSoonDays: 7 };
      const got = rows(wb);
      const live: Array<{ task: ConvertedDocument['tasks'][number]; tracking: Tracking | undefined }> = [];
      for (const r of got) {
        if (r['Tình trạng kế hoạch'] === 'Đã bỏ khỏi kế hoạch') {
          expect(r['Tình trạng']).toBe('Đã bỏ khỏi kế hoạch');
          continue;
        }
        const task = amended.tasks.find((t) => t.content === r['Nội dung'])!;
        const typed = TYPED[originalTt(task.content, plan) ?? ''];
        const done = typed?.done instanceof Date ? typed.done.toISOString().slice(0, 10) : typed?.done === '15/3/2026' ? '2026-03-15' : null;
        const tracking = typed ? { status: typed.status ?? null, doneDate: done, notes: null } : undefined;
        // The Hạn cuối typed over a conditional deadline is what the sheet computes with.
        const end = typed?.end ? typed.end.toISOString().slice(0, 10) : task.deadline.end;
        const counted = { ...task, deadline: { ...task.deadline, end } };
        live.push({ task: counted, tracking });
        expect(r['Tình trạng'], `row ${task.tt}`).toBe(CATEGORIES[taskStatus(counted, tracking, o).category]);
      }
      expect(live).toHaveLength(amended.tasks.length);
      const expected = rollup(live.map((l) => l.task), live.map((l) => l.tracking), o);
      const shownRollup = readRollup(sheet(wb, 'Tổng hợp'));
      expect(shownRollup.rows.map(comparable)).toEqual(expected.rows.map(comparable));
      expect(comparable(shownRollup.total)).toEqual(comparable(expected.total));
      // The moved deadline and the typed one are overdue now; the inserted Quý IV task is not.
      expect(expected.total.counts.open_overdue).toBe(2);
    }, 120_000);
  });
});

/** A data validation over whole columns and the whole sheet, in every worksheet of a workbook. */
function withWholeColumnValidation(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const huge =
    '<dataValidation type="list" allowBlank="1" sqref="A1:A1048576"><formula1>"Có,Không"</formula1></dataValidation>' +
    '<dataValidation type="whole" allowBlank="1" sqref="A:XFD"><formula1>0</formula1></dataValidation>';
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    let xml = strFromU8(files[name]!);
    if (/<dataValidations count="(\d+)">/.test(xml)) {
      xml = xml.replace(/<dataValidations count="(\d+)">/, (_m, n: string) => `<dataValidations count="${Number(n) + 2}">${huge}`);
    } else {
      xml = xml.replace('<pageMargins', `<dataValidations count="2">${huge}</dataValidations><pageMargins`);
    }
    files[name] = strToU8(xml);
  }
  return zipSync(files);
}

describe('a workbook with validation over whole columns (exceljs #1842, #2929)', () => {
  it('is read by the tracked reader and re-imported within seconds, values intact', async () => {
    const text = readFileSync(SEED, 'utf8');
    const plan = await convertDocument('000.txt', new TextEncoder().encode(text), { asOf: AS_OF });
    const wb = buildWorkbook([plan], { asOf: AS_OF });
    const ws = sheet(wb, 'Nhiệm vụ');
    ws.getRow(3).getCell(columnOf(ws, 'Trạng thái')).value = 'Hoàn thành';
    const bytes = withWholeColumnValidation(await workbookBytes(wb));
    expect(strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!)).toContain('sqref="A:XFD"');

    let t = performance.now();
    const tracked = await readTracked('toan-cot.xlsx', bytes);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(tracked.rows).toHaveLength(plan.tasks.length);
    expect(tracked.rows[1]!.tracking.status).toBe('Hoàn thành');

    t = performance.now();
    const { bytes: out } = await reimport(bytes, plan, { asOf: AS_OF });
    expect(performance.now() - t).toBeLessThan(3000);
    const back = await load(out);
    const again = sheet(back, 'Nhiệm vụ');
    expect(again.getRow(3).getCell(columnOf(again, 'Trạng thái')).value).toBe('Hoàn thành');
  }, 20_000);
});

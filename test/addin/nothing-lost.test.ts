/**
 * The add-in in the Excel offices run: large sheets, users' own notes and
 * sheets, and real Excel's rules (the fake obeys them: 5,000,000-byte
 * payloads on the web, 32,767-character cells, merged cells, protection,
 * conditional formats that hide fills, defined names, cell-edit mode,
 * settings that fail to save, sheet ids that change on reopen).
 *
 * The promise under test: whatever fails, nothing a user had is lost, and
 * Xoá đánh dấu puts every cell back exactly (text as text, formulas as
 * formulas), with no request or response over Excel on the web's cap.
 */
import { describe, expect, it } from 'vitest';
import { boxAddress, parseAddress, isoToSerial } from '../../addin/src/excel/address.js';
import { KEY } from '../../addin/src/app/app.js';
import { COLUMN_OF, TASK_SHEET } from '../../addin/src/app/layout.js';
import { SEVERITY_FILL } from '../../addin/src/app/marks.js';
import { LOG_SHEET } from '../../addin/src/excel/log-sheet.js';
import type { FakeOffice } from '../../addin/src/fake/office.js';
import type { SheetState } from '../../addin/src/fake/state.js';
import { convertDocument } from '../../pipeline/convert.js';
import { workbookModel } from '../../pipeline/write/workbook.js';
import { PhulucApp } from '../../addin/src/app/app.js';
import { ExcelAdapter } from '../../addin/src/excel/adapter.js';
import { fakeHost } from '../../addin/src/fake/host.js';
import { AS_OF, bigPlan, bytesOf, OFFICE_2016, rig, ROOT, WEB } from './helpers.js';

const CAP = 5_000_000;
const SEED = `${ROOT}/samples/000_608305ae69954cdd.txt`;
const col = (key: string) => COLUMN_OF[key]!;

/** Every cell of one column of a sheet, as the fake holds it (value, formula, formats). */
function column(fake: FakeOffice, s: SheetState, c: number) {
  const out: Record<string, unknown> = {};
  for (const [addr, cell] of Object.entries(fake.wb.dump(s))) if (parseAddress(addr).c0 === c) out[addr] = cell;
  return out;
}

/** Notes a user types in Cảnh báo that Excel would turn into something else if written back carelessly. */
const TRICKY: Array<[string, (s: SheetState, r: number, c: number) => void]> = [
  ['001 typed as text', (s, r, c) => Object.assign(s.at(r, c), { v: '001' })],
  ['- đã nhắc', (s, r, c) => Object.assign(s.at(r, c), { v: '- đã nhắc lần 2' })],
  ['a phone number', (s, r, c) => Object.assign(s.at(r, c), { v: '+84 912 345 678' })],
  ['1/2', (s, r, c) => Object.assign(s.at(r, c), { v: '1/2' })],
  ['TRUE as text', (s, r, c) => Object.assign(s.at(r, c), { v: 'TRUE' })],
  ['=x as text', (s, r, c) => Object.assign(s.at(r, c), { v: '=chưa rõ' })],
  // The fake keeps formulas without computing them.
  ['a formula', (s, r, c) => Object.assign(s.at(r, c), { f: '=1+1' })],
  ['a number', (s, r, c) => Object.assign(s.at(r, c), { v: 42 })],
  ['a boolean', (s, r, c) => Object.assign(s.at(r, c), { v: true })],
  ['plain text', (s, r, c) => Object.assign(s.at(r, c), { v: 'Đã gửi công văn số 12/SNV' })],
];

/** The user's own notes in every row of Cảnh báo, the tricky ones among them. */
function typeNotes(s: SheetState, rows: number): void {
  const c = col('warnings');
  for (let r = 1; r <= rows; r++) {
    const cell = s.at(r, c);
    delete cell.f;
    delete cell.v;
    const [, put] = TRICKY[r % TRICKY.length]!;
    put(s, r, c);
  }
}

describe('nothing is lost when a write fails', () => {
  it('30,000 rows with the user’s own notes on Excel on the web: a batch fails mid-way, every note is back exactly', async () => {
    const plan = await bigPlan(30_000);
    // A host stricter than our budget (2,500,000 bytes): batches are refused for their size and sent again in halves.
    const { fake, app } = rig({ ...WEB, payloadLimit: 2_500_000 }, async () => plan);
    (fake as { payloadLimit: number }).payloadLimit = Number.POSITIVE_INFINITY;
    await app.importPlan('ke-hoach-lon.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    typeNotes(s, 30_000);
    const before = fake.wb.dump(s);
    (fake as { payloadLimit: number }).payloadLimit = 2_500_000;
    fake.reset();

    // Fail the second write after the log is stored: some marks are on the sheet by then.
    const id = s.id;
    let writes = 0;
    fake.onSync = (rec) =>
      fake.wb.settings.has(KEY.marks(id)) && rec.requestBytes > 50_000 && rec.requestBytes <= 2_500_000 && ++writes === 2 ? 'InvalidOperation' : null;
    await expect(app.check(AS_OF)).rejects.toThrow(/Không ghi được hết đánh dấu.*trả lại như trước/);
    fake.onSync = undefined;
    expect(writes).toBeGreaterThanOrEqual(2);

    expect(fake.wb.dump(s)).toEqual(before);
    // Every sync that got through stayed under this host's cap.
    for (const rec of fake.syncs.filter((x) => !x.failed)) expect(Math.max(rec.requestBytes, rec.responseBytes)).toBeLessThanOrEqual(2_500_000);
    // Nothing left to clear, and the log sheet is gone.
    expect(await app.clearMarks()).toMatchObject({ fills: 0, values: 0 });
    expect(fake.wb.sheet(LOG_SHEET)).toBeUndefined();
  }, 120_000);

  it('when even the undo fails, Xoá đánh dấu later puts every note back from the stored log', async () => {
    const plan = await bigPlan(8_000);
    const { fake, app } = rig(WEB, async () => plan);
    await app.importPlan('ke-hoach.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    typeNotes(s, 8_000);
    const before = fake.wb.dump(s);

    // From the first write of marks on, every sync fails (the connection is gone).
    let marking = false;
    fake.onSync = (rec) => {
      if (fake.wb.settings.has(KEY.marks(s.id)) && rec.requestBytes > 50_000) marking = true;
      return marking ? 'ServiceNotAvailable' : null;
    };
    await expect(app.check(AS_OF)).rejects.toThrow(/Bấm Xoá đánh dấu/);
    fake.onSync = undefined;

    const c = await app.clearMarks();
    expect(c.skipped).toBe(0);
    expect(fake.wb.dump(s)).toEqual(before);
  }, 60_000);

  it('a log that cannot be saved (settings full) stops the check before any mark is written', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    // The settings can take a little more, not the log.
    (fake as { settingsLimit: number }).settingsLimit = fake.settingsBytes + 300;
    const s = fake.wb.sheet(TASK_SHEET)!;
    const before = fake.wb.dump(s);
    await expect(app.check(AS_OF)).rejects.toThrow(/Không lưu được thông tin vào sổ làm việc/);
    expect(fake.wb.dump(s)).toEqual(before);
    fake.reopen();
    expect(fake.wb.settings.get('phuluc.marked') ?? '[]').toBe('[]');
  });

  it('Excel in cell-edit mode: told to leave the cell, nothing changed', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    const before = fake.wb.dump(s);
    fake.editing = true;
    await expect(app.check(AS_OF)).rejects.toThrow(/chế độ sửa ô.*Enter hoặc Esc/);
    fake.editing = false;
    expect(fake.wb.dump(s)).toEqual(before);
    await app.check(AS_OF);
  });

  it('a protected sheet is refused before anything is written, in words', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    fake.wb.protectSheet(s);
    const before = fake.wb.dump(s);
    const e = (await app.check(AS_OF).then(
      () => null,
      (x: unknown) => x,
    )) as { vi: string; en: string };
    expect(e.vi).toMatch(/đang được bảo vệ.*Xem lại → Bỏ bảo vệ Trang tính/);
    expect(e.en).toMatch(/is protected/);
    expect(fake.wb.dump(s)).toEqual(before);
    expect(fake.wb.settings.has(KEY.marks(s.id))).toBe(false);
  });
});

describe('Xoá đánh dấu is an exact inverse', () => {
  it.each([
    ['Excel on the web', WEB],
    ['ExcelApi 1.1', OFFICE_2016],
  ])('%s: notes typed as text stay text, formulas stay formulas, numbers stay numbers', async (_n, profile) => {
    const { fake, app } = rig(profile);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    const rows = s.used()!.r1;
    typeNotes(s, rows);
    // And one typed with an apostrophe in a General cell: Excel keeps it text.
    const general = s.at(1, col('warnings'));
    general.fmt = { ...general.fmt, numberFormat: 'General' };
    fake.wb.writeValues(s, { r0: 1, c0: col('warnings'), r1: 1, c1: col('warnings') }, [["'0123"]]);
    const before = column(fake, s, col('warnings'));
    const r = await app.check(AS_OF);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(column(fake, s, col('warnings'))).not.toEqual(before);
    await app.clearMarks();
    expect(column(fake, s, col('warnings'))).toEqual(before);
    expect(s.get(1, col('warnings'))!.v).toBe('0123');
    expect(s.get(2, col('warnings'))!.v).toBe('+84 912 345 678');
    expect(s.get(3, col('warnings'))!.v).toBe('1/2');
    expect(s.get(11, col('warnings'))!.v).toBe('- đã nhắc lần 2');
    expect(s.get(6, col('warnings'))!.f).toBe('=1+1');
  });

  it('a large log is kept in a very hidden sheet, the settings stay small, and clearing puts every note back', async () => {
    const plan = await bigPlan(10_000);
    const { fake, app } = rig(WEB, async () => plan);
    await app.importPlan('ke-hoach.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    const c = col('warnings');
    for (let r = 1; r <= 10_000; r++) s.at(r, c).v = `Ghi chú riêng của phòng số ${r}: đã đôn đốc, chờ báo cáo kết quả, hẹn họp lại vào tuần sau để thống nhất.`;
    const before = fake.wb.dump(s);
    await app.check(AS_OF);
    const settingsBytes = [...fake.wb.settings.values()].reduce((n, v) => n + v.length, 0);
    expect(settingsBytes).toBeLessThan(300_000);
    expect(fake.wb.sheet(LOG_SHEET)?.visibility).toBe('VeryHidden');
    // Closed and opened again: sheet ids change, the marks are found by name.
    const oldId = s.id;
    fake.reopen();
    expect(fake.wb.sheet(TASK_SHEET)!.id).not.toBe(oldId);
    const r = await app.clearMarks();
    expect(r).toMatchObject({ skipped: 0, logMissing: false });
    expect(fake.wb.dump(fake.wb.sheet(TASK_SHEET)!)).toEqual(before);
    expect(fake.wb.sheet(LOG_SHEET)).toBeUndefined();
  }, 60_000);

  it('the log sheet deleted by hand: Xoá đánh dấu says so instead of failing', async () => {
    const plan = await bigPlan(10_000);
    const { fake, app } = rig(WEB, async () => plan);
    await app.importPlan('ke-hoach.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    for (let r = 1; r <= 10_000; r++) s.at(r, col('warnings')).v = `Ghi chú riêng số ${r}, đủ dài để nhật ký không vừa phần cài đặt của tài liệu.`;
    await app.check(AS_OF);
    const log = fake.wb.sheet(LOG_SHEET)!;
    fake.wb.setVisibility(log, 'Hidden');
    fake.wb.deleteSheet(log);
    expect(await app.clearMarks()).toMatchObject({ logMissing: true });
    // And a check works again afterwards.
    await app.check(AS_OF);
    await app.clearMarks();
  }, 60_000);
});

describe('what the user did between Kiểm tra and Xoá đánh dấu', () => {
  it('rows sorted since the check: every note goes back to its own row', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    const c = col('warnings');
    const rows = s.used()!.r1;
    for (let r = 1; r <= rows; r++) s.at(r, c).v = `ghi chú của dòng TT ${String(s.get(r, col('tt'))!.v)}`;
    await app.check(AS_OF);
    // The user sorts: rows 1 and 3 change places, cells and formats with them.
    const swap = (a: number, b: number) => {
      const ra = s.rows.get(a)!;
      s.rows.set(a, s.rows.get(b)!);
      s.rows.set(b, ra);
    };
    swap(1, 3);
    const r = await app.clearMarks();
    for (let row = 1; row <= rows; row++) {
      expect([row, s.get(row, c)?.v]).toEqual([row, `ghi chú của dòng TT ${String(s.get(row, col('tt'))!.v)}`]);
    }
    expect(r.skipped).toBe(0);
  });

  it('a row added to the table and a note typed in our Cảnh báo column: the column stays with the note', async () => {
    const { fake, app } = rig(WEB);
    const s = fake.wb.addSheet('Danh mục');
    fake.wb.active = s;
    const rows = [
      ['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Thời gian hoàn thành'],
      ['1', 'Xây dựng kế hoạch', '', "'Quý II/2026"],
      ['2', 'Rà soát thủ tục', 'Sở Tư pháp', "'Thường xuyên"],
    ];
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: 2, c1: 3 }, rows);
    const t = fake.wb.addTable(s, { r0: 0, c0: 0, r1: 2, c1: 3 }, true);
    await app.check(AS_OF);
    expect(s.get(0, 4)?.v).toBe('Cảnh báo');
    // A new row, and the user's own words in the column we added.
    t.box = { ...t.box, r1: 3 };
    fake.wb.writeValues(s, { r0: 3, c0: 0, r1: 3, c1: 4 }, [['3', 'Tập huấn', 'Sở Nội vụ', "'Quý III/2026", 'đã hỏi lại Sở Nội vụ']]);
    await app.clearMarks();
    expect(s.get(3, 4)?.v).toBe('đã hỏi lại Sở Nội vụ');
    expect(s.get(1, 4)?.v ?? '').toBe('');
  });

  it('checked on the web with a large log, cleared in Office 2016 (ExcelApi 1.1): cleared, nothing thrown', async () => {
    const plan = await bigPlan(10_000);
    const { fake, app } = rig(WEB, async () => plan);
    await app.importPlan('ke-hoach.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    for (let r = 1; r <= 10_000; r++) s.at(r, col('warnings')).v = `Ghi chú riêng số ${r}, đủ dài để nhật ký không vừa phần cài đặt của tài liệu.`;
    const before = fake.wb.dump(s);
    await app.check(AS_OF);
    fake.reopen();
    (fake as unknown as { api: string }).api = '1.1';
    const old = new PhulucApp(new ExcelAdapter(fakeHost(fake)));
    await old.clearMarks();
    const after = fake.wb.dump(fake.wb.sheet(TASK_SHEET)!);
    for (let r = 1; r <= 10_000; r += 997) expect(after[`P${r + 1}`]?.v).toBe(before[`P${r + 1}`]?.v);
    // The log sheet no longer answers to any log: a second clear has nothing to do.
    expect(await old.clearMarks()).toMatchObject({ values: 0 });
  }, 60_000);

  it('a large log whose settings cannot be saved leaves no hidden copy of the notes behind', async () => {
    const plan = await bigPlan(10_000);
    const { fake, app } = rig(WEB, async () => plan);
    await app.importPlan('ke-hoach.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    for (let r = 1; r <= 10_000; r++) s.at(r, col('warnings')).v = `Ghi chú riêng số ${r}, đủ dài để nhật ký không vừa phần cài đặt của tài liệu.`;
    const before = fake.wb.dump(s);
    (fake as { settingsLimit: number }).settingsLimit = fake.settingsBytes + 100;
    await expect(app.check(AS_OF)).rejects.toThrow(/Không lưu được/);
    expect(fake.wb.sheet(LOG_SHEET)).toBeUndefined();
    expect(fake.wb.dump(s)).toEqual(before);
  }, 60_000);

  it('a “Tổng hợp” sheet of the user’s own is left alone: the report goes beside it', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    const mine = fake.wb.addSheet('Tổng hợp');
    fake.wb.writeValues(mine, { r0: 0, c0: 0, r1: 1, c1: 1 }, [['Số liệu của phòng', ''], ['Quý I', 12]]);
    const before = fake.wb.dump(mine);
    fake.wb.active = fake.wb.sheet(TASK_SHEET)!;
    const r = await app.rollup(AS_OF);
    expect(r.sheetName).toBe('Tổng hợp (2)');
    expect(fake.wb.dump(mine)).toEqual(before);
    // Ours is refreshed in place the next time.
    fake.wb.active = fake.wb.sheet(TASK_SHEET)!;
    expect((await app.rollup('2026-06-30')).sheetName).toBe('Tổng hợp (2)');
  });
});

describe('the user renamed or deleted the Cảnh báo column', () => {
  /** A list typed by hand, as an Excel table, with the header on row 1. */
  function foreignTable(fake: FakeOffice) {
    const s = fake.wb.addSheet('Danh mục');
    fake.wb.active = s;
    const rows = [
      ['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Thời gian hoàn thành', 'Ghi chú'],
      ['1', 'Xây dựng kế hoạch chuyển đổi số', 'Sở Khoa học và Công nghệ', "'Quý II/2026", ''],
      ['2', 'Rà soát thủ tục hành chính', '', "'30/6/2026", 'ưu tiên'],
      ['3', 'Tuyên truyền, phổ biến', 'Các sở, ngành, địa phương', "'Thường xuyên", ''],
    ];
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: rows.length - 1, c1: 4 }, rows);
    fake.wb.addTable(s, { r0: 0, c0: 0, r1: rows.length - 1, c1: 4 }, true);
    return s;
  }

  it('renamed: Xoá đánh dấu empties our notes and keeps the user’s column; Kiểm tra works again', async () => {
    const { fake, app } = rig(WEB);
    const s = foreignTable(fake);
    const before = fake.wb.dump(s);
    await app.check(AS_OF);
    expect(s.get(0, 5)?.v).toBe('Cảnh báo');
    fake.wb.writeValues(s, { r0: 0, c0: 5, r1: 0, c1: 5 }, [['Ý kiến kiểm tra']]);
    await app.clearMarks();
    // The user's renamed column stays (it is theirs now); our notes in it are gone, every other cell as before.
    expect(s.get(0, 5)?.v).toBe('Ý kiến kiểm tra');
    for (let r = 1; r <= 3; r++) expect(s.get(r, 5)?.v ?? '').toBe('');
    for (const [addr, cell] of Object.entries(before)) expect([addr, fake.wb.dump(s)[addr]]).toEqual([addr, cell]);
    await app.check(AS_OF);
    await app.clearMarks();
    await app.check(AS_OF);
    await app.clearMarks();
  });

  it('deleted: both commands still work', async () => {
    const { fake, app } = rig(WEB);
    const s = foreignTable(fake);
    const before = fake.wb.dump(s);
    await app.check(AS_OF);
    const t = fake.wb.tables.find((x) => x.sheet === s)!;
    fake.wb.deleteTableColumn(t, 5);
    await app.clearMarks();
    expect(fake.wb.dump(s)).toEqual(before);
    await app.check(AS_OF);
    await app.clearMarks();
    expect(fake.wb.dump(s)).toEqual(before);
  });

  it('our own sheet with Cảnh báo renamed: a new note column is added and taken away again', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    await app.check(AS_OF);
    fake.wb.writeValues(s, { r0: 0, c0: col('warnings'), r1: 0, c1: col('warnings') }, [['Ghi chú của tôi']]);
    await app.clearMarks();
    const before = fake.wb.dump(s);
    await app.check(AS_OF);
    await app.clearMarks();
    expect(fake.wb.dump(s)).toEqual(before);
  });
});

describe('no request or response over 5,000,000 bytes', () => {
  it('a 25,000-row Excel table of the user’s own, with a note column added, on the web', async () => {
    const { fake, app } = rig(WEB);
    const s = fake.wb.addSheet('Theo dõi');
    fake.wb.active = s;
    const n = 25_000;
    const rows: string[][] = [['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Thời gian hoàn thành', 'Kết quả']];
    for (let i = 1; i <= n; i++) {
      rows.push([`'${i}`, `Nhiệm vụ số ${i}: triển khai, đôn đốc và báo cáo kết quả thực hiện kế hoạch của tỉnh`, i % 3 ? 'Sở Nội vụ' : '', i % 2 ? "'Thường xuyên" : "'30/6/2026", '']);
    }
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: n, c1: 4 }, rows);
    fake.wb.addTable(s, { r0: 0, c0: 0, r1: n, c1: 4 }, true);
    const before = fake.wb.dump(s);
    fake.reset();
    const r = await app.check(AS_OF);
    expect(r.tasks).toBe(n);
    expect(s.get(0, 5)?.v).toBe('Cảnh báo');
    expect(fake.peak().requestBytes).toBeLessThanOrEqual(CAP);
    expect(fake.peak().responseBytes).toBeLessThanOrEqual(CAP);
    fake.reset();
    await app.clearMarks();
    expect(fake.peak().requestBytes).toBeLessThanOrEqual(CAP);
    expect(fake.peak().responseBytes).toBeLessThanOrEqual(CAP);
    expect(fake.wb.dump(s)).toEqual(before);
  }, 120_000);

  it('ExcelApi 1.1 on a banded sheet (every row its own fill, read cell by cell) under a 5,000,000-byte cap', async () => {
    const plan = await bigPlan(12_000);
    const { fake, app } = rig({ api: '1.1', platform: 'OfficeOnline' }, async () => plan);
    await app.importPlan('ke-hoach-lon.txt', new Uint8Array(1), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    // 36,000 cells with fills of their own, read one by one: as one batch, far over the cap.
    for (let r = 1; r <= 12_000; r++) for (const key of ['lead', 'deadlineRaw', 'status']) s.at(r, col(key)).fmt.fill = { color: r % 2 ? '#F2F2F2' : '#DDEBF7' };
    const before = fake.wb.dump(s);
    fake.reset();
    await app.check(AS_OF);
    expect(fake.peak().requestBytes).toBeLessThanOrEqual(CAP);
    expect(fake.peak().responseBytes).toBeLessThanOrEqual(CAP);
    fake.reset();
    await app.clearMarks();
    expect(fake.peak().requestBytes).toBeLessThanOrEqual(CAP);
    expect(fake.wb.dump(s)).toEqual(before);
  }, 120_000);

  it('a sheet formatted out to column XFD: read up to its header’s last column, the notes placed after the data', async () => {
    const { fake, app } = rig(WEB);
    const s = fake.wb.addSheet('Theo dõi');
    fake.wb.active = s;
    const rows: string[][] = [['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn']];
    for (let i = 1; i <= 2_000; i++) rows.push([`'${i}`, `Nhiệm vụ ${i}`, i % 4 ? 'Sở Tài chính' : '', "'Quý III/2026"]);
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: rows.length - 1, c1: 3 }, rows);
    // Banded by whole columns out to XFD, as a user selecting all columns and filling them does.
    fake.wb.formatColumns(s, 0, 16_383, { fontName: 'Times New Roman' });
    expect(s.used()!.c1).toBe(16_383);
    const before = fake.wb.dump(s);
    fake.reset();
    const r = await app.check(AS_OF);
    expect(r.tasks).toBe(2_000);
    expect(s.get(0, 4)?.v).toBe('Cảnh báo');
    expect(fake.peak().requestBytes).toBeLessThanOrEqual(CAP);
    expect(fake.peak().responseBytes).toBeLessThanOrEqual(CAP);
    expect(fake.syncs.length).toBeLessThan(12);
    await app.clearMarks();
    expect(fake.wb.dump(s)).toEqual(before);
  });
});

describe('real Excel’s other limits', () => {
  it('a task longer than a cell holds is cut to 32,767 characters with “…”, the sheet written whole', async () => {
    const doc = await convertDocument('000.txt', bytesOf(SEED), { asOf: AS_OF });
    const long = { ...doc, tasks: doc.tasks.map((t, i) => (i === 1 ? { ...t, content: `${t.content} ${'rất dài '.repeat(6_000)}` } : t)) };
    const { fake, app } = rig(WEB, async () => long);
    const r = await app.importPlan('000.txt', new Uint8Array(1), AS_OF);
    expect(r.clipped).toBe(1);
    const cell = String(fake.wb.sheet(TASK_SHEET)!.get(2, col('content'))!.v);
    expect(cell.length).toBeLessThanOrEqual(32_767);
    expect(cell.endsWith('…')).toBe(true);
    expect(fake.wb.sheet(TASK_SHEET)!.used()!.r1).toBe(doc.tasks.length);
  });

  it('a defined name already called NhiemVu: the table takes another name', async () => {
    const { fake, app } = rig(WEB);
    fake.wb.addName('NhiemVu', '=Sheet1!$A$1');
    await app.importPlan('000.txt', bytesOf(SEED), AS_OF);
    expect(fake.wb.tables.map((t) => t.name)).toEqual(['NhiemVu2']);
  });

  it('merged group rows on the user’s sheet: check and clear work around them', async () => {
    const { fake, app } = rig(WEB);
    const s = fake.wb.addSheet('Danh mục');
    fake.wb.active = s;
    const rows = [
      ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn'],
      ['I', 'NHÓM NHIỆM VỤ VỀ THỂ CHẾ', '', ''],
      ['1', 'Rà soát văn bản', 'Sở Tư pháp', "'Quý II/2026"],
      ['2', 'Sửa đổi quy chế', '', "'Thường xuyên"],
      ['II', 'NHÓM NHIỆM VỤ VỀ HẠ TẦNG', '', ''],
      ['3', 'Nâng cấp mạng', 'Sở Khoa học và Công nghệ', ''],
    ];
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: rows.length - 1, c1: 3 }, rows);
    fake.wb.merge(s, { r0: 1, c0: 1, r1: 1, c1: 3 });
    fake.wb.merge(s, { r0: 4, c0: 1, r1: 4, c1: 3 });
    const before = fake.wb.dump(s);
    const r = await app.check(AS_OF);
    expect(r.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['lead.missing', 'deadline.missing']));
    await app.clearMarks();
    expect(fake.wb.dump(s)).toEqual(before);
  });
});

describe('marks show on the command line’s workbooks, whose conditional formats fill whole rows', () => {
  /** The CLI's Nhiệm vụ sheet, as `phuluc convert` writes it: values, formulas, table, defined names and its conditional formats. */
  async function cliWorkbook(fake: FakeOffice) {
    const doc = await convertDocument('000.txt', bytesOf(SEED), { asOf: AS_OF });
    const model = workbookModel([doc], { asOf: AS_OF });
    const sheet = model.sheets[0]!;
    const s = fake.wb.addSheet(sheet.name);
    fake.wb.active = s;
    for (const row of sheet.rows()) {
      row.cells.forEach((cell, c) => {
        const v = cell?.value;
        if (v === null || v === undefined) return;
        const at = s.at(row.r - 1, c);
        if (typeof v === 'object' && 'formula' in v) {
          const f = typeof v.formula === 'string' ? v.formula : v.formula.text(row.r);
          at.f = f.startsWith('=') ? f : `=${f}`;
          at.v = typeof v.result === 'object' && v.result !== null ? isoToSerial(v.result.date) : (v.result ?? '');
        } else if (typeof v === 'object' && 'date' in v) at.v = isoToSerial(v.date);
        else at.v = v;
      });
    }
    if (sheet.table) fake.wb.addTable(s, parseAddress(sheet.table.ref), true);
    for (const cf of sheet.conditionalFormats ?? []) {
      for (const area of cf.sqref.split(' ')) {
        for (const rule of cf.rules) fake.wb.addConditionalFormat(s, parseAddress(area), `=${rule.formula}`, rule.style.fill ? `#${rule.style.fill.slice(2)}` : undefined, rule.priority);
      }
    }
    return s;
  }

  it.each([
    ['Excel on the web (one rule over many areas)', WEB],
    ['Excel 2019 (ExcelApi 1.8: one rule per run)', { api: '1.8', platform: 'PC' as const }],
  ])('%s: every marked cell shows its mark; Xoá đánh dấu leaves the CLI’s rules as they were', async (_n, profile) => {
    const { fake, app } = rig(profile);
    const s = await cliWorkbook(fake);
    const rulesBefore = JSON.stringify(s.rules);
    expect(s.rules.length).toBeGreaterThan(0);
    const before = fake.wb.dump(s);
    const shownBefore = fake.wb.displayedFill(s, 1, col('deadlineRaw'));
    const r = await app.check(AS_OF);
    expect(r.marked).toBeGreaterThan(0);
    for (const g of r.groups) {
      for (const it of g.items) {
        const shown = fake.wb.displayedFill(s, it.row, it.col);
        expect([it.address, shown?.color]).toEqual([it.address, expect.stringMatching(/^#(FFC7CE|FFEB9C|DDEBF7)$/)]);
      }
    }
    const vague = r.groups.find((g) => g.rule === 'deadline.vague')!.items[0]!;
    expect(fake.wb.displayedFill(s, vague.row, vague.col)?.color).toBe(SEVERITY_FILL.warning);
    await app.clearMarks();
    expect(fake.wb.dump(s)).toEqual(before);
    expect(JSON.stringify(s.rules)).toBe(rulesBefore);
    expect(fake.wb.displayedFill(s, 1, col('deadlineRaw'))).toEqual(shownBefore);
  });
});

export { boxAddress };

/**
 * The Excel adapter against the fake workbook: how many syncs an action
 * takes and how large each request and response is (Excel on the web refuses
 * more than 5 MB), that the baseline works on ExcelApi 1.1 (the fake refuses
 * any newer call there), and that marks and clearing them are exact
 * inverses, user formats included.
 */
import { describe, expect, it } from 'vitest';
import { boxAddress, isoToSerial } from '../../addin/src/excel/address.js';
import { capabilities } from '../../addin/src/excel/adapter.js';
import { COLUMN_OF, TASK_SHEET } from '../../addin/src/app/layout.js';
import { KEY } from '../../addin/src/app/app.js';
import { SEVERITY_FILL } from '../../addin/src/app/marks.js';
import type { FakeOffice } from '../../addin/src/fake/office.js';
import type { SheetState } from '../../addin/src/fake/state.js';
import { AS_OF, bigPlan, bytesOf, OFFICE_2016, rig, ROOT, WEB } from './helpers.js';

const FIVE_MB = 5_000_000;
const SEED = `${ROOT}/samples/000_608305ae69954cdd.txt`;

function peak(fake: FakeOffice) {
  return fake.peak();
}

/** Everything about a sheet a user could see or have set: cells (values, formulas, formats), tables, widths, validation, panes. */
function snapshot(fake: FakeOffice, name: string) {
  const s = fake.wb.sheet(name)!;
  return {
    cells: fake.wb.dump(s),
    tables: fake.wb.tables.filter((t) => t.sheet === s).map((t) => ({ name: t.name, box: boxAddress(t.box), style: t.style, columns: fake.wb.tableColumnNames(t) })),
    widths: [...s.colWidths.entries()].sort((a, b) => a[0] - b[0]),
    heights: [...s.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
    validations: s.validations.map((v) => ({ box: boxAddress(v.box), rule: v.rule })),
    frozen: s.frozenRows,
    used: s.used(),
  };
}

function setFill(s: SheetState, r: number, c: number, fill: { color: string; pattern?: string; patternColor?: string }) {
  const cell = s.at(r, c);
  cell.fmt = { ...cell.fmt, fill };
}

const col = (key: string) => COLUMN_OF[key]!;

describe('capabilities', () => {
  it('reads the requirement sets at run time', () => {
    const old = capabilities({ isSetSupported: (_s, v) => Number(v.split('.')[1]) <= 1 });
    expect(old).toMatchObject({ api: '1.1', columnWidths: false, freezePanes: false, validation: false, rangeAreas: false });
    const web = capabilities({ isSetSupported: () => true });
    expect(web).toMatchObject({ api: '1.9', columnWidths: true, freezePanes: true, validation: true, cellProperties: true, rangeAreas: true });
  });
});

describe('20,000 rows', () => {
  // The 5 MB cap is Excel on the web's (which always has the newest API sets); desktop Excel has none.
  // Kiểm tra reads every cell it will overwrite and stores its log before it writes a mark, so it takes
  // a few more syncs than one read and one write: head, data, log, marks.
  it.each([
    ['Excel on the web (ExcelApi 1.9, 5 MB cap)', WEB],
    ['Office 2016 volume licence (ExcelApi 1.1, desktop: no cap)', OFFICE_2016],
  ])('%s: Kiểm tra takes ≤ 8 syncs, no request or response over 5,000,000 bytes where the cap applies', async (_name, profile) => {
    const plan = await bigPlan(20_000);
    const { fake, app } = rig(profile, async () => plan);
    await app.importPlan('ke-hoach-lon.txt', new Uint8Array(1), AS_OF);
    // A big import is written in blocks, each under the cap on the web.
    if (profile === WEB) expect(peak(fake).requestBytes).toBeLessThanOrEqual(FIVE_MB);
    fake.reset();

    const r = await app.check(AS_OF);
    const p = peak(fake);
    console.info(
      `[phuluc] ${_name}: check of ${r.tasks} rows, ${r.findings.length} findings, ${r.marked} cells marked: ` +
        `${fake.syncs.length} syncs; ` +
        fake.syncs.map((s, i) => `#${i + 1} req ${(s.requestBytes / 1e6).toFixed(2)} MB / resp ${(s.responseBytes / 1e6).toFixed(2)} MB`).join(', '),
    );
    expect(r.tasks).toBe(20_000);
    expect(r.marked).toBeGreaterThan(10_000);
    expect(fake.syncs.length).toBeLessThanOrEqual(8);
    if (profile === WEB) {
      expect(p.requestBytes).toBeLessThanOrEqual(FIVE_MB);
      expect(p.responseBytes).toBeLessThanOrEqual(FIVE_MB);
    }
    // No sync per row: a handful of large batches.
    expect(fake.syncs.length).toBeGreaterThanOrEqual(2);

    fake.reset();
    const c = await app.clearMarks();
    console.info(
      `[phuluc] ${_name}: Xoá đánh dấu: ${fake.syncs.length} syncs, peak req ${(peak(fake).requestBytes / 1e6).toFixed(2)} MB / resp ${(peak(fake).responseBytes / 1e6).toFixed(2)} MB`,
    );
    expect(c.skipped).toBe(0);
    expect(c.fills).toBe(r.marked);
    if (profile === WEB) {
      expect(peak(fake).requestBytes).toBeLessThanOrEqual(FIVE_MB);
      expect(peak(fake).responseBytes).toBeLessThanOrEqual(FIVE_MB);
    }
  });

  it('ExcelApi 1.1 under a 5 MB cap (a worst case no real host has): more syncs, still no request over the cap', async () => {
    const plan = await bigPlan(20_000);
    const { fake, app } = rig({ api: '1.1', platform: 'OfficeOnline' }, async () => plan);
    await app.importPlan('ke-hoach-lon.txt', new Uint8Array(1), AS_OF);
    fake.reset();
    await app.check(AS_OF);
    console.info(`[phuluc] ExcelApi 1.1 with a 5 MB cap: check took ${fake.syncs.length} syncs, peak request ${(peak(fake).requestBytes / 1e6).toFixed(2)} MB`);
    expect(peak(fake).requestBytes).toBeLessThanOrEqual(FIVE_MB);
    expect(peak(fake).responseBytes).toBeLessThanOrEqual(FIVE_MB);
    expect(fake.syncs.length).toBeLessThanOrEqual(12);
  });

  it('a read that comes back larger than estimated is split and read again', async () => {
    const plan = await bigPlan(3_000);
    const { fake, app } = rig({ ...WEB, payloadLimit: 150_000 }, async () => plan);
    // Import under the small cap would need tiny blocks: write with no cap, then check under it.
    (fake as { payloadLimit: number }).payloadLimit = Number.POSITIVE_INFINITY;
    await app.importPlan('ke-hoach-lon.txt', new Uint8Array(1), AS_OF);
    (fake as { payloadLimit: number }).payloadLimit = 150_000;
    fake.reset();
    const adapter = app.excel;
    const read = await adapter.readSheet((head) => ({
      firstRow: 1,
      lastRow: head.used!.r1,
      columns: [{ col: col('content'), as: 'values' }],
      fillColumns: [],
    }));
    expect(read!.columns.get(col('content'))!.length).toBe(3_000);
    expect(read!.columns.get(col('content'))![2_999]).toBe(plan.tasks[2_999]!.content);
    expect(fake.syncs.length).toBeGreaterThan(3);
  });
});

describe('marks and Xoá đánh dấu are exact inverses', () => {
  async function userSheet(profile: typeof WEB) {
    const { fake, app } = rig(profile);
    await app.importPlan('000_608305ae69954cdd.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    // What a user does to the sheet: highlights, a patterned cell, fonts, number formats, notes, statuses.
    setFill(s, 1, col('deadlineRaw'), { color: '#FFFF00' }); // "Thường xuyên": marked by deadline.vague
    setFill(s, 5, col('lead'), { color: '#92D050' });
    if (profile.api === '1.9') {
      setFill(s, 3, col('deadlineRaw'), { color: '#FFFFFF' }); // an explicit white fill (1.9 tells it from no fill)
      setFill(s, 7, col('deadlineRaw'), { color: '#C00000', pattern: 'Gray50', patternColor: '#0070C0' });
    }
    for (let r = 1; r <= 11; r++) {
      const c = s.at(r, col('tt'));
      c.fmt = { ...c.fmt, fill: { color: '#DDEBF7' }, fontBold: true }; // a whole column shaded
    }
    const lead = s.at(2, col('lead'));
    lead.fmt = { ...lead.fmt, fontColor: '#C00000', fontItalic: true };
    fake.wb.writeValues(s, { r0: 2, c0: col('status'), r1: 2, c1: col('status') }, [['xong rồi']]); // status.invalid
    fake.wb.writeValues(s, { r0: 4, c0: col('status'), r1: 4, c1: col('doneDate') }, [['Hoàn thành', '']]); // done.no_date
    fake.wb.writeValues(s, { r0: 6, c0: col('notes'), r1: 6, c1: col('notes') }, [['Đã có báo cáo số 12/BC']]);
    fake.wb.writeValues(s, { r0: 8, c0: col('warnings'), r1: 8, c1: col('warnings') }, [['Ghi chú riêng của tôi']]);
    const nf = s.at(9, col('doneDate'));
    nf.fmt = { ...nf.fmt, numberFormat: 'd mmm yyyy' };
    s.colWidths.set(col('content'), 333);
    return { fake, app, s };
  }

  it.each([
    ['ExcelApi 1.9', WEB],
    ['ExcelApi 1.1', OFFICE_2016],
  ])('our Nhiệm vụ sheet, user formats present (%s)', async (_n, profile) => {
    const { fake, app, s } = await userSheet(profile);
    const before = snapshot(fake, TASK_SHEET);
    const r = await app.check(AS_OF);
    expect(r.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['status.invalid', 'done.no_date', 'deadline.vague']));

    // The marks are there: fills of the finding cells, the findings in Cảnh báo.
    const vague = r.groups.find((g) => g.rule === 'deadline.vague')!.items[0]!;
    expect(s.get(vague.row, vague.col)!.fmt.fill!.color).toBe(SEVERITY_FILL.warning);
    const invalid = r.groups.find((g) => g.rule === 'status.invalid')!.items[0]!;
    expect(s.get(invalid.row, invalid.col)!.fmt.fill!.color).toBe(SEVERITY_FILL.error);
    expect(String(s.get(8, col('warnings'))?.v ?? '')).not.toBe('Ghi chú riêng của tôi');

    // No user value changed: every cell outside Cảnh báo holds what it held.
    const after = snapshot(fake, TASK_SHEET);
    for (const [addr, cell] of Object.entries(before.cells)) {
      if (addr.startsWith('P')) continue; // Cảnh báo (column 16)
      expect([addr, after.cells[addr]?.v, after.cells[addr]?.f]).toEqual([addr, cell.v, cell.f]);
    }

    const c = await app.clearMarks();
    expect(c.skipped).toBe(0);
    expect(snapshot(fake, TASK_SHEET)).toEqual(before);
    expect(fake.wb.settings.get(KEY.marks(fake.wb.sheet(TASK_SHEET)!.id))).toBeUndefined();
  });

  it('Kiểm tra twice, then Xoá đánh dấu: still the user’s sheet', async () => {
    const { fake, app } = await userSheet(WEB);
    const before = snapshot(fake, TASK_SHEET);
    await app.check(AS_OF);
    await app.check(AS_OF);
    await app.clearMarks();
    expect(snapshot(fake, TASK_SHEET)).toEqual(before);
  });

  it('a cell the user changed after Kiểm tra keeps the user’s change', async () => {
    const { fake, app, s } = await userSheet(WEB);
    const r = await app.check(AS_OF);
    const item = r.groups.find((g) => g.rule === 'deadline.vague')!.items[1]!;
    setFill(s, item.row, item.col, { color: '#00B0F0' });
    fake.wb.writeValues(s, { r0: 8, c0: col('warnings'), r1: 8, c1: col('warnings') }, [['Sửa sau khi kiểm tra']]);
    const c = await app.clearMarks();
    expect(c.skipped).toBe(2);
    expect(s.get(item.row, item.col)!.fmt.fill).toEqual({ color: '#00B0F0' });
    expect(s.get(8, col('warnings'))!.v).toBe('Sửa sau khi kiểm tra');
  });

  /** A list typed by hand: a title, the header on row 3, synonyms of the core's headers, no Cảnh báo column. */
  function foreignSheet(fake: FakeOffice, asTable: boolean) {
    const s = fake.wb.addSheet('Danh mục');
    fake.wb.active = s;
    const rows = [
      ['DANH MỤC NHIỆM VỤ NĂM 2026', '', '', '', '', ''],
      ['', '', '', '', '', ''],
      ['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian hoàn thành', 'Ghi chú'],
      ['1', 'Xây dựng kế hoạch chuyển đổi số', 'Sở Khoa học và Công nghệ', 'Các sở, ngành', 'Quý II/2026', ''],
      ['2', 'Rà soát thủ tục hành chính', '', 'Văn phòng UBND tỉnh', '30/6/2026', 'ưu tiên'],
      ['3', 'Tuyên truyền, phổ biến', 'Các sở, ngành, địa phương', '', 'Thường xuyên', ''],
      ['5', 'Tổng kết, đánh giá', 'Sở Nội vụ', '', '', ''],
    ];
    for (let r = 3; r < rows.length; r++) rows[r]![4] = `'${rows[r]![4]}`; // typed as text
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: rows.length - 1, c1: 5 }, rows);
    setFill(s, 4, 2, { color: '#FFFF00' });
    const t = s.at(2, 1);
    t.fmt = { ...t.fmt, fontBold: true };
    if (asTable) fake.wb.addTable(s, { r0: 2, c0: 0, r1: 6, c1: 5 }, true);
    return s;
  }

  it.each([
    ['a plain range, ExcelApi 1.1', OFFICE_2016, false],
    ['an Excel table, ExcelApi 1.9 (a table column is added, then deleted)', WEB, true],
    ['an Excel table, ExcelApi 1.1 (the column is kept clear of the table)', OFFICE_2016, true],
  ])('any sheet whose headers match the synonyms: %s', async (_n, profile, asTable) => {
    const { fake, app } = rig(profile);
    const s = foreignSheet(fake, asTable);
    const before = snapshot(fake, 'Danh mục');
    const r = await app.check(AS_OF);
    const rules = r.findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['lead.missing', 'lead.collective', 'deadline.vague', 'deadline.missing', 'tt.gap']));
    // lead.missing on TT 2 points at its (empty) lead cell, C5.
    expect(r.groups.find((g) => g.rule === 'lead.missing')!.items[0]!.address).toBe('C5');
    expect(s.get(4, 2)!.fmt.fill!.color).toBe(SEVERITY_FILL.error);
    const noteCol = asTable && profile === WEB ? 6 : asTable ? 7 : 6;
    expect(s.get(2, noteCol)?.v).toBe('Cảnh báo');
    if (asTable) {
      const box = fake.wb.tables[0]!.box;
      expect(box.c1).toBe(profile === WEB ? 6 : 5); // joined on purpose (1.4+), or left alone (1.1)
    }
    await app.clearMarks();
    expect(snapshot(fake, 'Danh mục')).toEqual(before);
  });
});

describe('requirement sets', () => {
  it('on ExcelApi 1.1 no newer call is made (the fake refuses them), and the extras stay off', async () => {
    const { fake, app } = rig(OFFICE_2016);
    await app.importPlan('000_608305ae69954cdd.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    expect(s.frozenRows).toBe(0);
    expect(s.validations).toEqual([]);
    expect(s.colWidths.size).toBe(0);
    await app.check(AS_OF);
    await app.rollup(AS_OF);
    await app.clearMarks();
  });

  it('where present: dropdown validation (1.8), frozen header (1.7), widths (1.2), A4 landscape (1.9)', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000_608305ae69954cdd.txt', bytesOf(SEED), AS_OF);
    const s = fake.wb.sheet(TASK_SHEET)!;
    expect(s.frozenRows).toBe(1);
    expect(s.validations).toHaveLength(1);
    expect(boxAddress(s.validations[0]!.box)).toBe(`L2:L12`);
    expect(s.validations[0]!.rule).toEqual({ list: { inCellDropDown: true, source: 'Chưa thực hiện,Đang thực hiện,Hoàn thành,Tạm dừng,Bị hủy' } });
    expect(s.colWidths.get(col('content'))).toBeGreaterThan(s.colWidths.get(col('tt'))!);
    expect(s.pageLayout).toMatchObject({ orientation: 'Landscape', paperSize: 'A4' });
  });

  it('import writes values, then the table, then formats, in two syncs', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000_608305ae69954cdd.txt', bytesOf(SEED), AS_OF);
    expect(fake.syncs).toHaveLength(2);
    const s = fake.wb.sheet(TASK_SHEET)!;
    // Text stays text: "1.10"-like TTs and d/m/yyyy deadlines are not turned into numbers or dates.
    expect(s.get(1, col('deadlineRaw'))!.fmt.numberFormat).toBe('@');
    expect(typeof s.get(1, col('tt'))!.v).toBe('string');
    expect(s.get(2, col('deadlineEnd'))!.v).toBe(isoToSerial('2026-06-30'));
    expect(s.get(2, col('deadlineEnd'))!.fmt.numberFormat).toBe('dd/mm/yyyy');
    expect(fake.wb.tables.map((t) => [t.name, boxAddress(t.box)])).toEqual([['NhiemVu', 'A1:Q12']]);
  });

  it('a second import gets its own sheet and table names', async () => {
    const { fake, app } = rig(WEB);
    await app.importPlan('000_608305ae69954cdd.txt', bytesOf(SEED), AS_OF);
    const r = await app.importPlan('000_608305ae69954cdd.txt', bytesOf(SEED), AS_OF);
    expect(r.sheetName).toBe('Nhiệm vụ (2)');
    expect(fake.wb.tables.map((t) => t.name)).toEqual(['NhiemVu', 'NhiemVu2']);
  });

  it('a scanned PDF is refused with the way to read it: the command line, which has OCR', async () => {
    const { fake, app } = rig(WEB);
    await expect(app.importPlan('ke-hoach-quet.pdf', bytesOf(`${ROOT}/samples/scanned/003_9fe0b5bdb1f2cdf3.pdf`), AS_OF)).rejects.toThrow(
      /bản quét.*dòng lệnh phuluc/,
    );
    expect(fake.wb.sheets.map((x) => x.name)).not.toContain('Nhiệm vụ');
  });

  it('a sheet with no task table is refused in Vietnamese', async () => {
    const { app } = rig(WEB);
    await expect(app.check(AS_OF)).rejects.toThrow(/không có bảng nhiệm vụ/);
  });

  it('settings persist in the document', async () => {
    const { fake, app } = rig(WEB);
    expect(app.settings()).toEqual({ dueSoonDays: 14, recurringIsVague: true, excludeRoutine: true });
    await app.saveSettings({ dueSoonDays: 30, recurringIsVague: false, excludeRoutine: false });
    expect(JSON.parse(fake.wb.settings.get(KEY.settings)!)).toEqual({ dueSoonDays: 30, recurringIsVague: false, excludeRoutine: false });
    expect(app.settings()).toEqual({ dueSoonDays: 30, recurringIsVague: false, excludeRoutine: false });
  });
});

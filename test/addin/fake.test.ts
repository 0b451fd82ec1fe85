/**
 * The fake Office.js obeys the rules of real Excel that the adapter has to
 * cope with: the 5,000,000-byte payload cap, the 32,767-character cell,
 * merged cells, sheet and workbook protection, conditional formats (and the
 * fill a user sees through them), defined names, cell-edit mode, settings
 * that fail to save, closing and reopening, failures on demand, sheet
 * visibility, used ranges that reach XFD, and what Excel makes of typed text.
 * Each test drives the fake through its Office.js-like API.
 */
import { describe, expect, it } from 'vitest';
import { isoToSerial } from '../../addin/src/excel/address.js';
import { createFake } from '../../addin/src/fake/host.js';
import { PAYLOAD_LIMIT, type FakeContext, type FakeOffice } from '../../addin/src/fake/office.js';

type Batch<T> = (ctx: FakeContext) => Promise<T>;

const run = <T>(fake: FakeOffice, batch: Batch<T>): Promise<T> => fake.Excel.run(batch);
const code = (p: Promise<unknown>, c: string) => expect(p).rejects.toMatchObject({ code: c });
const sheet1 = (ctx: FakeContext) => ctx.workbook.worksheets.getItem('Sheet1');
const web = (api = '1.14') => createFake({ api, platform: 'OfficeOnline' });

describe('payload cap', () => {
  it('is 5,000,000 bytes (not 5 MiB) per request and per response, and every sync is measured', async () => {
    expect(PAYLOAD_LIMIT).toBe(5_000_000);
    const fake = web();
    // 168 cells of 30,000 characters: a request a little over 5,000,000 bytes, under 5 × 1024².
    const big = Array.from({ length: 168 }, () => ['x'.repeat(30_000)]);
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).getRange('A1:A168').values = big;
        await ctx.sync();
      }),
      'RequestPayloadSizeLimitExceeded',
    );
    const refused = fake.syncs.at(-1)!;
    expect(refused.requestBytes).toBeGreaterThan(5_000_000);
    expect(refused.requestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(fake.wb.sheet('Sheet1')!.get(0, 0)).toBeUndefined();

    // The same cells written from the state, then read: the response is over the cap.
    const s = fake.wb.sheet('Sheet1')!;
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: 167, c1: 0 }, big);
    const range = await run(fake, async (ctx) => {
      const r = sheet1(ctx).getRange('A1:A168');
      r.load('values');
      await ctx.sync().catch((e) => expect(e.code).toBe('ResponsePayloadSizeLimitExceeded'));
      return r;
    });
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    expect(fake.peak().responseBytes).toBeGreaterThan(5_000_000);

    // Desktop Excel has no such cap.
    const desk = createFake({ api: '1.9', platform: 'PC' });
    await run(desk, async (ctx) => {
      sheet1(ctx).getRange('A1:A168').values = big;
      await ctx.sync();
    });
    expect(desk.syncs).toHaveLength(1);
    expect(desk.peak().requestBytes).toBeGreaterThan(5_000_000);
  });
});

describe('32,767 characters per cell', () => {
  it('a longer text fails the sync with InvalidArgument; earlier actions stay, later ones never run', async () => {
    const fake = web();
    await code(
      run(fake, async (ctx) => {
        const ws = sheet1(ctx);
        ws.getRange('A1').values = [['before']];
        ws.getRange('A2').values = [['y'.repeat(32_767)]];
        ws.getRange('A3').values = [['z'.repeat(32_768)]];
        ws.getRange('A4').values = [['after']];
        await ctx.sync();
      }),
      'InvalidArgument',
    );
    const s = fake.wb.sheet('Sheet1')!;
    expect(s.get(0, 0)!.v).toBe('before');
    expect(String(s.get(1, 0)!.v)).toHaveLength(32_767);
    expect(s.get(2, 0)).toBeUndefined();
    expect(s.get(3, 0)).toBeUndefined();
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).getRange('B1').formulas = [[`="${'q'.repeat(32_800)}"`]];
        await ctx.sync();
      }),
      'InvalidArgument',
    );
  });
});

describe('merged cells', () => {
  it('merge keeps the top-left value; other cells of the area refuse a value and read ""', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    fake.wb.writeValues(s, { r0: 1, c0: 1, r1: 1, c1: 3 }, [['Tiêu đề', 'x', 'y']]);
    const read = await run(fake, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('B2:D3').merge();
      ws.getRange('F1:G2').merge(true); // across: one area per row
      const r = ws.getRange('B2:D2');
      r.load('values');
      await ctx.sync();
      return r.values;
    });
    expect(read).toEqual([['Tiêu đề', '', '']]);
    expect(s.merges).toHaveLength(3);

    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).getRange('C2').values = [['nope']];
        await ctx.sync();
      }),
      'InvalidOperation',
    );
    await run(fake, async (ctx) => {
      sheet1(ctx).getRange('B2:D2').values = [['Mới', '', null]]; // blanks for the rest are fine
      await ctx.sync();
    });
    expect(s.get(1, 1)!.v).toBe('Mới');
  });

  it('getMergedAreasOrNullObject (1.13) gives the areas whose top-left cell is in the range; unmerge (1.2) removes them', async () => {
    const fake = web();
    const [inside, offAnchor, after] = await run(fake, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('B2:D3').merge();
      ws.getRange('B5:C5').merge();
      const a = ws.getRange('A1:E9').getMergedAreasOrNullObject();
      a.load('areaCount,address');
      const b = ws.getRange('C2:D3').getMergedAreasOrNullObject();
      b.load('isNullObject');
      await ctx.sync();
      ws.getRange('A1:E9').unmerge();
      const c = ws.getRange('A1:E9').getMergedAreasOrNullObject();
      c.load('isNullObject');
      await ctx.sync();
      return [a, b, c];
    });
    expect(inside!.isNullObject).toBe(false);
    expect(inside!.areaCount).toBe(2);
    expect(inside!.address).toBe('Sheet1!B2:D3,Sheet1!B5:C5');
    expect(offAnchor!.isNullObject).toBe(true);
    expect(after!.isNullObject).toBe(true);
  });

  it('a table over merged cells fails with MergedRangeConflict; merge and getMergedAreas are gated by API version', async () => {
    const fake = web();
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).getRange('A1:B1').merge();
        sheet1(ctx).tables.add('A1:C4', true);
        await ctx.sync();
      }),
      'MergedRangeConflict',
    );
    expect(fake.wb.tables).toHaveLength(0);
    await code(
      run(createFake({ api: '1.1' }), async (ctx) => {
        sheet1(ctx).getRange('A1:B1').merge();
        await ctx.sync();
      }),
      'ApiNotFound',
    );
    await code(
      run(createFake({ api: '1.12' }), async (ctx) => {
        sheet1(ctx).getRange('A1:B1').getMergedAreasOrNullObject().load('isNullObject');
        await ctx.sync();
      }),
      'ApiNotFound',
    );
  });
});

describe('protection', () => {
  it('a protected sheet refuses every write with AccessDenied and still answers reads', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    fake.wb.writeValues(s, { r0: 0, c0: 0, r1: 1, c1: 1 }, [['a', 'b'], [1, 2]]);
    fake.wb.addTable(s, { r0: 0, c0: 0, r1: 1, c1: 1 }, true);
    const state = await run(fake, async (ctx) => {
      const p = sheet1(ctx).protection;
      p.protect();
      p.load('protected');
      await ctx.sync();
      return p.protected;
    });
    expect(state).toBe(true);

    const writes: Array<[string, (ctx: FakeContext) => void]> = [
      ['values', (ctx) => (sheet1(ctx).getRange('C1').values = [['x']])],
      ['formulas', (ctx) => (sheet1(ctx).getRange('C1').formulas = [['=1']])],
      ['numberFormat', (ctx) => (sheet1(ctx).getRange('C1').numberFormat = [['@']])],
      ['fill', (ctx) => (sheet1(ctx).getRange('C1').format.fill.color = '#FFFF00')],
      ['fill.clear', (ctx) => sheet1(ctx).getRange('A1').format.fill.clear()],
      ['font', (ctx) => (sheet1(ctx).getRange('C1').format.font.bold = true)],
      ['columnWidth', (ctx) => (sheet1(ctx).getRange('C1').format.columnWidth = 80)],
      ['clear', (ctx) => sheet1(ctx).getRange('A1:B2').clear()],
      ['tables.add', (ctx) => sheet1(ctx).tables.add('E1:F3', true)],
      ['table column add', (ctx) => sheet1(ctx).tables.getItem('Table1').columns.add(null, undefined, 'Mới')],
      ['table column delete', (ctx) => sheet1(ctx).tables.getItem('Table1').columns.getItem('b').delete()],
      ['conditional add', (ctx) => sheet1(ctx).getRange('A1:A9').conditionalFormats.add('Custom')],
      ['merge', (ctx) => sheet1(ctx).getRange('E5:F5').merge()],
    ];
    for (const [what, write] of writes) {
      await expect(
        run(fake, async (ctx) => {
          write(ctx);
          await ctx.sync();
        }),
        what,
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    }
    const values = await run(fake, async (ctx) => {
      const r = sheet1(ctx).getRange('A1:B2');
      r.load('values');
      r.format.fill.load('color');
      await ctx.sync();
      return r.values;
    });
    expect(values).toEqual([['a', 'b'], [1, 2]]);

    // Protecting twice fails; unprotect lets writes through again.
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).protection.protect();
        await ctx.sync();
      }),
      'AccessDenied',
    );
    await run(fake, async (ctx) => {
      sheet1(ctx).protection.unprotect();
      sheet1(ctx).getRange('C1').values = [['ok']];
      await ctx.sync();
    });
    expect(s.get(0, 2)!.v).toBe('ok');
  });

  it('options may allow formatting; a password needs 1.7; sheet rename and delete are workbook-structure changes', async () => {
    const fake = web();
    await run(fake, async (ctx) => {
      sheet1(ctx).protection.protect({ allowFormatCells: true }, 'mk');
      sheet1(ctx).getRange('A1').format.fill.color = '#FFFF00'; // allowed
      sheet1(ctx).name = 'Đổi tên'; // sheet protection does not cover the tabs
      await ctx.sync();
    });
    const s = fake.wb.sheets[0]!;
    expect(s.get(0, 0)!.fmt.fill!.color).toBe('#FFFF00');
    expect(s.name).toBe('Đổi tên');
    await code(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Đổi tên').protection.unprotect('sai');
        await ctx.sync();
      }),
      'InvalidArgument',
    );
    await code(
      run(fake, async (ctx) => {
        ctx.workbook.protection.protect();
        ctx.workbook.worksheets.add('Mới');
        await ctx.sync();
      }),
      'AccessDenied',
    );
    await code(
      run(createFake({ api: '1.6' }), async (ctx) => {
        sheet1(ctx).protection.protect({}, 'mk');
        await ctx.sync();
      }),
      'ApiNotFound',
    );
    await code(
      run(createFake({ api: '1.1' }), async (ctx) => {
        sheet1(ctx).protection.load('protected');
        await ctx.sync();
      }),
      'ApiNotFound',
    );
  });
});

describe('conditional formats', () => {
  it('add (top priority), getCount, items with nested loads, priority moves, getRange, delete', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    const out = await run(fake, async (ctx) => {
      const cfs = sheet1(ctx).getRange('A1:C10').conditionalFormats;
      const first = cfs.add('Custom');
      first.custom.rule.formula = '=TRUE';
      first.custom.format.fill.color = '#FFC7CE';
      const second = cfs.add('Custom');
      second.custom.rule.formula = '=$C1="Hoàn thành"';
      second.custom.format.font.color = '#006100';
      second.custom.format.font.bold = true;
      second.stopIfTrue = true;
      const count = cfs.getCount();
      await ctx.sync();
      const before = s.rules.map((r) => r.formula);
      const top = cfs.getItemAt(0);
      top.priority = 1; // the rule added last goes back below the first
      await ctx.sync();
      const whole = sheet1(ctx).getRange().conditionalFormats; // the whole sheet
      whole.load('items/type,items/priority,items/stopIfTrue,items/custom/rule/formula,items/custom/format/fill/color');
      const range = whole.getItemAt(1).getRange();
      range.load('address');
      await ctx.sync();
      return { count: count.value, before, items: whole.items, address: range.address };
    });
    expect(out.count).toBe(2);
    expect(out.before).toEqual(['=$C1="Hoàn thành"', '=TRUE']);
    expect(out.items.map((i) => [i.type, i.priority, i.stopIfTrue, i.custom.rule.formula, i.custom.format.fill.color])).toEqual([
      ['Custom', 0, false, '=TRUE', '#FFC7CE'],
      ['Custom', 1, true, '=$C1="Hoàn thành"', null],
    ]);
    expect(out.address).toBe('Sheet1!A1:C10');
    expect(s.rules[1]!.font).toEqual({ color: '#006100', bold: true });

    // Priority 0 puts a rule on top; delete removes it.
    await run(fake, async (ctx) => {
      const cfs = sheet1(ctx).getRange('B2').conditionalFormats;
      cfs.getItemAt(1).priority = 0;
      await ctx.sync();
      cfs.getItemAt(0).delete();
      await ctx.sync();
    });
    expect(s.rules.map((r) => [r.formula, r.priority])).toEqual([['=TRUE', 0]]);
  });

  it('clearAll takes the range out of the rules; RangeAreas.conditionalFormats (1.9); API gates', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    fake.wb.addConditionalFormat(s, { r0: 0, c0: 0, r1: 9, c1: 0 }, '=TRUE', '#FF0000');
    fake.wb.addConditionalFormat(s, { r0: 0, c0: 5, r1: 9, c1: 5 }, '=FALSE', '#00FF00');
    const n = await run(fake, async (ctx) => {
      sheet1(ctx).getRange('A3:A4').conditionalFormats.clearAll();
      const areas = sheet1(ctx).getRanges('A1,F1').conditionalFormats.getCount();
      await ctx.sync();
      return areas.value;
    });
    expect(n).toBe(2);
    expect(s.rules.find((r) => r.formula === '=TRUE')!.boxes).toEqual([
      { r0: 0, c0: 0, r1: 1, c1: 0 },
      { r0: 4, c0: 0, r1: 9, c1: 0 },
    ]);
    await code(
      run(createFake({ api: '1.5' }), async (ctx) => {
        sheet1(ctx).getRange('A1').conditionalFormats.add('Custom');
        await ctx.sync();
      }),
      'ApiNotFound',
    );
    await code(
      run(createFake({ api: '1.8' }), async (ctx) => {
        sheet1(ctx).getRanges('A1,B2').conditionalFormats.getCount();
        await ctx.sync();
      }),
      'ApiNotFound',
    );
  });

  it('displayedFill: the first true rule with a fill hides the cell’s own fill; an unknown formula counts as true', () => {
    const fake = createFake();
    const s = fake.wb.sheet('Sheet1')!;
    const own = s.at(1, 1);
    own.fmt.fill = { color: '#FFFF00' };
    expect(fake.wb.displayedFill(s, 1, 1)).toEqual({ color: '#FFFF00' });

    fake.wb.addConditionalFormat(s, { r0: 0, c0: 0, r1: 9, c1: 9 }, '=FALSE', '#111111');
    expect(fake.wb.displayedFill(s, 1, 1)).toEqual({ color: '#FFFF00' });
    fake.wb.addConditionalFormat(s, { r0: 0, c0: 0, r1: 9, c1: 9 }, '=N("chữ")=0', '#222222', 1);
    expect(fake.wb.displayedFill(s, 1, 1)).toEqual({ color: '#222222' });
    fake.wb.addConditionalFormat(s, { r0: 0, c0: 0, r1: 9, c1: 9 }, '=$L2="Hoàn thành"', '#333333', 0); // a CLI row-status rule
    expect(fake.wb.displayedFill(s, 1, 1)).toEqual({ color: '#333333' });
    expect(fake.wb.displayedFill(s, 20, 1)).toBeNull(); // outside every rule, no fill of its own

    // A true rule that stops and shows no fill leaves the cell's own fill visible.
    const other = createFake();
    const t = other.wb.sheet('Sheet1')!;
    t.at(0, 0).fmt.fill = { color: '#ABCDEF' };
    other.wb.addConditionalFormat(t, { r0: 0, c0: 0, r1: 0, c1: 0 }, '=TRUE()', '#444444');
    other.wb.addConditionalFormat(t, { r0: 0, c0: 0, r1: 0, c1: 0 }, '=TRUE', undefined, 0, true);
    expect(other.wb.displayedFill(t, 0, 0)).toEqual({ color: '#ABCDEF' });
    expect(t.rules.map((r) => r.priority)).toEqual([0, 1]);
  });
});

describe('defined names', () => {
  it('add, getItemOrNullObject, items; a name taken by a name or a table is refused', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    fake.wb.addTable(s, { r0: 0, c0: 0, r1: 2, c1: 1 }, true);
    const out = await run(fake, async (ctx) => {
      const names = ctx.workbook.names;
      names.add('NgayBaoCao', sheet1(ctx).getRange('D1'), 'ngày');
      names.add('Table2', '=0.5'); // the name a second table would take
      const there = names.getItemOrNullObject('ngaybaocao');
      there.load('name,formula,comment');
      const missing = names.getItemOrNullObject('KhongCo');
      missing.load('name');
      names.load('items/name');
      await ctx.sync();
      return { there, missing, list: names.items.map((n) => n.name) };
    });
    expect(out.there.isNullObject).toBe(false);
    expect([out.there.name, out.there.formula, out.there.comment]).toEqual(['NgayBaoCao', '=Sheet1!$D$1', 'ngày']);
    expect(out.missing.isNullObject).toBe(true);
    expect(out.list).toEqual(['NgayBaoCao', 'Table2']);

    await code(
      run(fake, async (ctx) => {
        ctx.workbook.names.add('TABLE1', '=1');
        await ctx.sync();
      }),
      'ItemAlreadyExists',
    );
    // A new table skips the name a defined name holds; renaming onto a taken name fails with InvalidArgument.
    await run(fake, async (ctx) => {
      sheet1(ctx).tables.add('F1:G3', true);
      await ctx.sync();
    });
    expect(fake.wb.tables.map((t) => t.name)).toEqual(['Table1', 'Table3']);
    for (const taken of ['ngaybaocao', 'table1']) {
      await code(
        run(fake, async (ctx) => {
          sheet1(ctx).tables.getItem('Table3').name = taken;
          await ctx.sync();
        }),
        'InvalidArgument',
      );
    }
    await code(
      run(createFake({ api: '1.3' }), async (ctx) => {
        ctx.workbook.names.add('X', '=1');
        await ctx.sync();
      }),
      'ApiNotFound',
    );
  });
});

describe('cell-edit mode', () => {
  it('every sync fails with InvalidOperationInCellEditMode until the user leaves the cell', async () => {
    const fake = web();
    fake.editing = true;
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).getRange('A1').values = [['x']];
        await ctx.sync();
      }),
      'InvalidOperationInCellEditMode',
    );
    expect(fake.wb.sheet('Sheet1')!.get(0, 0)).toBeUndefined();
    expect(fake.syncs.at(-1)!.failed).toBe('InvalidOperationInCellEditMode');
    fake.editing = false;
    await run(fake, async (ctx) => {
      sheet1(ctx).getRange('A1').values = [['x']];
      await ctx.sync();
    });
    expect(fake.wb.sheet('Sheet1')!.get(0, 0)!.v).toBe('x');
  });
});

const save = (fake: FakeOffice) =>
  new Promise<{ status: string }>((resolve) => fake.Office.context.document.settings.saveAsync((r) => resolve(r)));

describe('settings', () => {
  it('a save over the limit fails and the document keeps what was saved before', async () => {
    const fake = createFake({ settingsLimit: 1_000 });
    const settings = fake.Office.context.document.settings;
    settings.set('a', 'nhỏ');
    expect((await save(fake)).status).toBe('succeeded');
    const savedBytes = fake.settingsBytes;
    settings.set('b', 'x'.repeat(2_000));
    expect((await save(fake)).status).toBe('failed');
    expect([...fake.wb.settings.keys()]).toEqual(['a']);
    expect(fake.settingsBytes).toBe(savedBytes);
    expect(settings.get('b')).toHaveLength(2_000); // still in the add-in's memory…
    fake.reopen();
    expect(settings.get('b')).toBeNull(); // …until the workbook is opened again
    expect(settings.get('a')).toBe('nhỏ');
    expect(createFake().settingsLimit).toBe(2_000_000);
  });
});

describe('reopen', () => {
  it('every worksheet gets a new id, names stay; the old id is not found', async () => {
    const fake = createFake({ sheets: ['Sheet1', 'Nhiệm vụ'] });
    const old = fake.wb.sheets.map((s) => s.id);
    fake.reopen();
    expect(fake.wb.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Nhiệm vụ']);
    expect(fake.wb.sheets.map((s) => s.id).some((id) => old.includes(id))).toBe(false);
    expect(fake.wb.sheets[1]!.id).toMatch(/^\{[0-9A-F-]+\}$/i);
    await code(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem(old[1]!).load('name');
        await ctx.sync();
      }),
      'ItemNotFound',
    );
    const gone = await run(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(old[1]!);
      ws.load('name');
      await ctx.sync();
      return ws.isNullObject;
    });
    expect(gone).toBe(true);
  });
});

describe('failures on demand', () => {
  it('failSync(n, code) fails the n-th coming sync before any of its actions runs, once; onSync can fail any', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    fake.failSync(2, 'GeneralException');
    await run(fake, async (ctx) => {
      sheet1(ctx).getRange('A1').values = [['1']];
      await ctx.sync();
      await ctx.sync(); // empty: sends nothing, does not count
      sheet1(ctx).getRange('A2').values = [['2']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'GeneralException' });
      sheet1(ctx).getRange('A3').values = [['3']];
      await ctx.sync();
    });
    expect([s.get(0, 0)?.v, s.get(1, 0)?.v, s.get(2, 0)?.v]).toEqual([1, undefined, 3]);

    const seen: number[] = [];
    fake.reset();
    fake.onSync = (record, index) => {
      seen.push(index);
      return record.actions > 3 ? 'RequestPayloadSizeLimitExceeded' : null; // the second batch (two writes)
    };
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).getRange('B1').values = [['x']];
        await ctx.sync();
        sheet1(ctx).getRange('B2').values = [['y']];
        sheet1(ctx).getRange('B3').values = [['z']];
        await ctx.sync();
      }),
      'RequestPayloadSizeLimitExceeded',
    );
    expect(seen).toEqual([0, 1]);
    expect([s.get(0, 1)?.v, s.get(1, 1)?.v]).toEqual(['x', undefined]);
  });
});

describe('visibility', () => {
  it('is loadable (1.1) and settable (1.2); the last visible sheet stays; a very hidden sheet cannot be deleted', async () => {
    const fake = createFake({ sheets: ['Sheet1', 'Nhật ký'] });
    const v = await run(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Nhật ký');
      ws.visibility = 'VeryHidden';
      ws.load('visibility');
      await ctx.sync();
      return ws.visibility;
    });
    expect(v).toBe('VeryHidden');
    await code(
      run(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('Nhật ký').delete();
        await ctx.sync();
      }),
      'InvalidOperation',
    );
    await code(
      run(fake, async (ctx) => {
        sheet1(ctx).visibility = 'Hidden';
        await ctx.sync();
      }),
      'InvalidOperation',
    );
    await run(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Nhật ký');
      ws.visibility = 'Hidden';
      ws.delete();
      await ctx.sync();
    });
    expect(fake.wb.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    await code(
      run(createFake({ api: '1.1' }), async (ctx) => {
        sheet1(ctx).visibility = 'Hidden';
        await ctx.sync();
      }),
      'ApiNotFound',
    );
  });
});

describe('used range formatted to XFD', () => {
  it('whole-column formats reach XFD without a cell each; reads of the range are measured cell by cell', async () => {
    const desk = createFake({ api: '1.9', platform: 'PC' });
    const s = desk.wb.sheet('Sheet1')!;
    const rows = Array.from({ length: 200 }, (_, i) => Array.from({ length: 17 }, (_, j) => `r${i}c${j}`));
    desk.wb.writeValues(s, { r0: 0, c0: 0, r1: 199, c1: 16 }, rows);
    desk.wb.formatColumns(s, 17, 16_383, { fill: { color: '#DDEBF7' } }); // the user filled columns R:XFD
    const stored = [...s.rows.values()].reduce((n, r) => n + r.size, 0);
    expect(stored).toBe(200 * 17);

    const t0 = performance.now();
    const out = await run(desk, async (ctx) => {
      const used = sheet1(ctx).getUsedRange();
      used.load('address');
      const fill = sheet1(ctx).getRange('R1:XFD200').format.fill;
      fill.load('color');
      await ctx.sync();
      const all = sheet1(ctx).getRange(used.address.split('!')[1]!);
      all.load('values');
      await ctx.sync();
      return { address: used.address, color: fill.color, values: all.values };
    });
    expect(out.address).toBe('Sheet1!A1:XFD200');
    expect(out.color).toBe('#DDEBF7');
    expect(out.values).toHaveLength(200);
    expect(out.values[0]).toHaveLength(16_384);
    // Office.js sends every cell, blank ones included: about 3 bytes a blank cell.
    expect(desk.syncs.at(-1)!.responseBytes).toBeGreaterThan(200 * 16_384 * 3);
    expect(performance.now() - t0).toBeLessThan(5_000);

    // On the web the same read is refused, before anything is built.
    const webFake = web();
    const w = webFake.wb.sheet('Sheet1')!;
    webFake.wb.writeValues(w, { r0: 0, c0: 0, r1: 199, c1: 16 }, rows);
    webFake.wb.formatRows(w, 0, 0, { fontBold: true }); // a header row made bold by selecting row 1
    await code(
      run(webFake, async (ctx) => {
        const used = sheet1(ctx).getUsedRange();
        used.load('values');
        await ctx.sync();
      }),
      'ResponsePayloadSizeLimitExceeded',
    );
    // A cell typed into a formatted column takes the column's format.
    desk.wb.writeValues(s, { r0: 4, c0: 30, r1: 4, c1: 30 }, [['mới']]);
    expect(s.get(4, 30)!.fmt.fill).toEqual({ color: '#DDEBF7' });
  });
});

describe('typed text', () => {
  it('numbers, dates, booleans, formulas from "+"/"-", the quote prefix, and "@" cells that stay text', async () => {
    const fake = web();
    const s = fake.wb.sheet('Sheet1')!;
    const typed = ['001', "'001", '- đã nhắc', '+84 912 345 678', '1/2', 'TRUE', 'false', '=1+1', '5%', '-3', '-', 'Quý II/2026'];
    const out = await run(fake, async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:L1').values = [typed];
      const text = ws.getRange('A2:B2');
      text.numberFormat = [['@', '@']];
      text.values = [['- đã nhắc', '001']];
      const r = ws.getRange('A1:L1');
      r.load('values,formulas,valueTypes');
      await ctx.sync();
      return r;
    });
    const year = new Date().getFullYear();
    expect(out.values[0]).toEqual([1, '001', '#NAME?', '#NAME?', isoToSerial(`${year}-01-02`), true, false, '', 0.05, -3, '-', 'Quý II/2026']);
    expect(out.formulas[0]!.slice(0, 4)).toEqual([1, '001', '=- đã nhắc', '=+84 912 345 678']);
    expect(out.valueTypes[0]!.slice(0, 3)).toEqual(['Double', 'String', 'Error']);
    expect(s.get(0, 1)!.fmt.quotePrefix).toBe(true);
    expect(s.get(0, 0)!.fmt.quotePrefix).toBeUndefined();
    expect([s.get(1, 0)!.v, s.get(1, 1)!.v]).toEqual(['- đã nhắc', '001']);

    // Typing over a quote-prefixed cell drops the prefix; a vi-VN workbook reads "1/2" as 1 February.
    fake.wb.writeValues(s, { r0: 0, c0: 1, r1: 0, c1: 1 }, [['7']]);
    expect(s.get(0, 1)!.fmt.quotePrefix).toBeUndefined();
    fake.wb.dateOrder = 'dmy';
    fake.wb.writeValues(s, { r0: 2, c0: 0, r1: 2, c1: 0 }, [['1/2']]);
    expect(s.get(2, 0)!.v).toBe(isoToSerial(`${year}-02-01`));
  });
});

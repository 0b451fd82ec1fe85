/**
 * Office.js stand-in for the browser test page: defines window.Office and
 * window.Excel over a fake workbook, and window.__phuluc for the test to look
 * inside it (`fake` itself too: editing, failSync, reopen, the state helpers).
 * Query string: ?api=1.1 (ExcelApi version) &platform=PC.
 */
import { boxAddress } from '../excel/address.js';
import { FakeOffice } from './office.js';
import { WorkbookState } from './state.js';

const q = new URLSearchParams(location.search);
const fake = new FakeOffice(new WorkbookState(['Sheet1']), {
  api: q.get('api') ?? '1.9',
  platform: (q.get('platform') as 'OfficeOnline' | 'PC' | 'Mac' | null) ?? 'OfficeOnline',
});

const w = window as unknown as Record<string, unknown>;
w.Office = fake.Office;
w.Excel = fake.Excel;

const sheet = (name: string) => {
  const s = fake.wb.sheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

w.__phuluc = {
  fake,
  sheets: () => fake.wb.sheets.map((s) => s.name),
  active: () => fake.wb.active?.name ?? null,
  grid: (name: string) => fake.wb.grid(sheet(name)).values,
  dump: (name: string) => fake.wb.dump(sheet(name)),
  tables: () => fake.wb.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: boxAddress(t.box), style: t.style })),
  selection: () => {
    const s = fake.wb.active;
    return s ? { sheet: s.name, address: boxAddress(s.selection) } : null;
  },
  frozen: (name: string) => sheet(name).frozenRows,
  validations: (name: string) => sheet(name).validations.map((v) => ({ address: boxAddress(v.box), rule: v.rule })),
  settings: () => Object.fromEntries(fake.wb.settings),
  syncs: () => fake.syncs.map((s) => ({ ...s })),
  resetSyncs: () => fake.reset(),
  /** A user's own fill on a cell. */
  fill: (name: string, r: number, c: number, color: string) => {
    const cell = sheet(name).at(r, c);
    cell.fmt = { ...cell.fmt, fill: { color } };
  },
  /** The fill a user sees on a cell, conditional formats included. */
  displayedFill: (name: string, r: number, c: number) => fake.wb.displayedFill(sheet(name), r, c),
  /** Type into a cell as a user would (tests set statuses this way). */
  type: (name: string, r: number, c: number, value: string | number) => fake.wb.writeValues(sheet(name), { r0: r, c0: c, r1: r, c1: c }, [[value]]),
};

/**
 * Workbook, worksheets and what hangs off a worksheet (protection, panes,
 * page layout), as proxies. In: Office.js calls. Out: actions on the
 * workbook state; loads of sheet ids, names, positions, visibility,
 * protection.
 */
import { MAX_COLS, MAX_ROWS, parseAddress } from '../excel/address.js';
import { CollectionProxy, Proxy, type Readers } from './batch.js';
import type { AreasT, RangeT } from './cells.js';
import { FakeError } from './errors.js';
import { NamedItemsP } from './names.js';
import { RangeAreasP, RangeP } from './range.js';
import type { ProtectionOptions } from './state-types.js';
import type { SheetState, WorkbookState } from './state.js';
import { TablesP } from './tables.js';

export class WorkbookP extends Proxy {
  get worksheets(): WorksheetsP {
    return this._prop(WorksheetsP, 'worksheets', () => ({ t: 'sheets' }));
  }
  get tables(): TablesP {
    return this._prop(TablesP, 'tables', () => ({ t: 'tables', sheet: null }));
  }
  /** ExcelApi 1.1 (add and getItemOrNullObject: 1.4). */
  get names(): NamedItemsP {
    return this._prop(NamedItemsP, 'names', () => ({ t: 'names' }));
  }
  /** ExcelApi 1.7: workbook structure protection. */
  get protection(): WorkbookProtectionP {
    return this._prop(WorkbookProtectionP, 'protection', () => this._ctx.host.wb);
  }
  getSelectedRange(): RangeP {
    const wb = this._ctx.host.wb;
    return this._method(RangeP, 'getSelectedRange', [], () => {
      const s = wb.active!;
      return { t: 'range', sheet: s, box: s.selection } satisfies RangeT;
    });
  }
  _readers(): Readers {
    return {};
  }
}

function worksheetReaders(wb: WorkbookState): Readers {
  return {
    id: ['1.1', (s: SheetState) => s.id],
    name: ['1.1', (s: SheetState) => s.name],
    position: ['1.1', (s: SheetState) => wb.sheets.indexOf(s)],
    visibility: ['1.1', (s: SheetState) => s.visibility],
  };
}

export class WorksheetsP extends CollectionProxy<WorksheetP> {
  private get wb(): WorkbookState {
    return this._ctx.host.wb;
  }
  getItem(key: string): WorksheetP {
    return this._method(WorksheetP, 'getItem', [key], () => {
      const s = this.wb.sheet(key);
      if (!s) throw new FakeError('ItemNotFound', `Không có trang ${key}`);
      return s;
    });
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): WorksheetP {
    return this._method(WorksheetP, 'getItemOrNullObject', [key], () => this.wb.sheet(key) ?? null, '1.4', true);
  }
  getActiveWorksheet(): WorksheetP {
    return this._method(WorksheetP, 'getActiveWorksheet', [], () => this.wb.active);
  }
  add(name?: string): WorksheetP {
    return this._method(WorksheetP, 'add', name === undefined ? [] : [name], () => this.wb.addSheet(name));
  }
  _itemTargets(): SheetState[] {
    return this.wb.sheets;
  }
  _itemProxy(s: SheetState): WorksheetP {
    return new WorksheetP(this._ctx, this, 'getItem', [s.id], 3, () => s);
  }
  _itemReaders(): Readers {
    return worksheetReaders(this.wb);
  }
  _readers(): Readers {
    return { count: ['1.4', () => this.wb.sheets.length] };
  }
}

export class WorksheetP extends Proxy {
  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (s: SheetState, n) => this._ctx.host.wb.renameSheet(s, String(n)));
  }
  get position(): number {
    return this._get('position');
  }
  /** ExcelApi 1.1 to read, 1.2 to set ("Visible", "Hidden", "VeryHidden"). */
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this._set('visibility', v, (s: SheetState, x) => this._ctx.host.wb.setVisibility(s, String(x)), '1.2');
  }
  get tables(): TablesP {
    return this._prop(TablesP, 'tables', (s: SheetState) => ({ t: 'tables', sheet: s }));
  }
  get freezePanes(): FreezePanesP {
    return this._prop(FreezePanesP, 'freezePanes', (s: SheetState) => s);
  }
  get pageLayout(): PageLayoutP {
    return this._prop(PageLayoutP, 'pageLayout', (s: SheetState) => s);
  }
  /** ExcelApi 1.2. */
  get protection(): WorksheetProtectionP {
    return this._prop(WorksheetProtectionP, 'protection', (s: SheetState) => s);
  }
  /** With no address: the whole sheet (reading its conditional formats, clearing it). */
  getRange(address?: string): RangeP {
    return this._method(RangeP, 'getRange', address === undefined ? [] : [address], (s: SheetState) => {
      if (address === undefined) return { t: 'range', sheet: s, box: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const a = parseAddress(address);
      if (a.sheet && a.sheet.toLowerCase() !== s.name.toLowerCase()) throw new FakeError('InvalidArgument', 'Địa chỉ thuộc trang khác');
      return { t: 'range', sheet: s, box: { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 } } satisfies RangeT;
    });
  }
  /** ExcelApi 1.9. */
  getRanges(address: string): RangeAreasP {
    return this._method(RangeAreasP, 'getRanges', [address], (s: SheetState) => ({ t: 'areas', sheet: s, boxes: address.split(',').map((a) => parseAddress(a)) }) satisfies AreasT, '1.9');
  }
  getCell(row: number, column: number): RangeP {
    return this._method(RangeP, 'getCell', [row, column], (s: SheetState) => ({ t: 'range', sheet: s, box: { r0: row, c0: column, r1: row, c1: column } }));
  }
  getUsedRange(valuesOnly?: boolean): RangeP {
    return this._method(
      RangeP,
      'getUsedRange',
      valuesOnly === undefined ? [] : [valuesOnly],
      (s: SheetState) => ({ t: 'range', sheet: s, box: s.used(valuesOnly ?? false) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } }),
      valuesOnly === undefined ? '1.1' : '1.2',
    );
  }
  activate(): void {
    this._call('activate', [], (s: SheetState) => {
      if (s.visibility !== 'Visible') throw new FakeError('InvalidOperation', 'Không kích hoạt được trang ẩn');
      this._ctx.host.wb.active = s;
    });
  }
  delete(): void {
    this._call('delete', [], (s: SheetState) => this._ctx.host.wb.deleteSheet(s));
  }
  _readers(): Readers {
    return worksheetReaders(this._ctx.host.wb);
  }
}

/**
 * Sheet protection. protect() on a protected sheet fails (AccessDenied);
 * unprotect() with a wrong password fails (InvalidArgument); see
 * WorkbookState.protectSheet. Any write to a protected sheet then fails with
 * AccessDenied; reads still work.
 */
export class WorksheetProtectionP extends Proxy {
  get protected(): boolean {
    return this._get('protected');
  }
  get options(): ProtectionOptions {
    return this._get('options');
  }
  /** ExcelApi 1.2; the password needs 1.7. */
  protect(options?: ProtectionOptions, password?: string): void {
    const args = password === undefined ? (options === undefined ? [] : [options]) : [options ?? null, password];
    this._call('protect', args, (s: SheetState) => this._ctx.host.wb.protectSheet(s, options ?? {}, password), password === undefined ? '1.2' : '1.7');
  }
  /** ExcelApi 1.2; the password needs 1.7. */
  unprotect(password?: string): void {
    this._call('unprotect', password === undefined ? [] : [password], (s: SheetState) => this._ctx.host.wb.unprotectSheet(s, password), password === undefined ? '1.2' : '1.7');
  }
  _readers(): Readers {
    return {
      protected: ['1.2', (s: SheetState) => s.protection.protected],
      options: ['1.2', (s: SheetState) => ({ ...s.protection.options })],
    };
  }
}

/** Workbook structure protection (ExcelApi 1.7): no sheet added, deleted, renamed or hidden while on. */
export class WorkbookProtectionP extends Proxy {
  get protected(): boolean {
    return this._get('protected');
  }
  protect(password?: string): void {
    this._call(
      'protect',
      password === undefined ? [] : [password],
      (wb: WorkbookState) => {
        if (wb.protection.protected) throw new FakeError('AccessDenied', 'Sổ đã được bảo vệ');
        wb.protection = { protected: true, ...(password ? { password } : {}) };
      },
      '1.7',
    );
  }
  unprotect(password?: string): void {
    this._call(
      'unprotect',
      password === undefined ? [] : [password],
      (wb: WorkbookState) => {
        if (wb.protection.password && wb.protection.password !== password) throw new FakeError('InvalidArgument', 'Mật khẩu không đúng');
        wb.protection = { protected: false };
      },
      '1.7',
    );
  }
  _readers(): Readers {
    return { protected: ['1.7', (wb: WorkbookState) => wb.protection.protected] };
  }
}

export class FreezePanesP extends Proxy {
  freezeRows(count: number): void {
    this._call('freezeRows', [count], (s: SheetState) => (s.frozenRows = count), '1.7');
  }
  unfreeze(): void {
    this._call('unfreeze', [], (s: SheetState) => (s.frozenRows = 0), '1.7');
  }
  _readers(): Readers {
    return {};
  }
}

export class PageLayoutP extends Proxy {
  set orientation(v: string) {
    this._set('orientation', v, (s: SheetState, x) => (s.pageLayout.orientation = x), '1.9');
  }
  set paperSize(v: string) {
    this._set('paperSize', v, (s: SheetState, x) => (s.pageLayout.paperSize = x), '1.9');
  }
  setPrintTitleRows(address: string): void {
    this._call('setPrintTitleRows', [address], (s: SheetState) => (s.pageLayout.printTitleRows = address), '1.9');
  }
  _readers(): Readers {
    return {};
  }
}

/**
 * Tables and table columns as proxies. In: Office.js calls on
 * workbook.tables, worksheet.tables, a table and its columns. Out: actions
 * on the workbook state (tables-state.ts) and loads of names, ids, columns.
 */
import { parseAddress } from '../excel/address.js';
import { CollectionProxy, Proxy, type Readers } from './batch.js';
import { FakeError } from './errors.js';
import { RangeP } from './range.js';
import { WorksheetP } from './sheets.js';
import type { SheetState, TableState } from './state.js';

interface TablesT {
  t: 'tables';
  /** null: every table of the workbook. */
  sheet: SheetState | null;
}

interface ColumnT {
  table: TableState;
  index: number;
}

const TABLE_READERS: Readers = {
  id: ['1.1', (t: TableState) => t.id],
  name: ['1.1', (t: TableState) => t.name],
  style: ['1.1', (t: TableState) => t.style],
  showHeaders: ['1.1', () => true],
};

export class TablesP extends CollectionProxy<TableP> {
  private scope(t: TablesT): TableState[] {
    return this._ctx.host.wb.tables.filter((x) => t.sheet === null || x.sheet === t.sheet);
  }
  add(address: string, hasHeaders: boolean): TableP {
    return this._method(TableP, 'add', [address, hasHeaders], (t: TablesT) => {
      const a = parseAddress(address);
      const wb = this._ctx.host.wb;
      const sheet = a.sheet ? wb.sheet(a.sheet) : (t.sheet ?? wb.active);
      if (!sheet) throw new FakeError('ItemNotFound', 'Không có trang cho bảng');
      return wb.addTable(sheet, a, hasHeaders);
    });
  }
  getItem(name: string): TableP {
    return this._method(TableP, 'getItem', [name], (t: TablesT) => {
      const x = this.scope(t).find((y) => y.name.toLowerCase() === name.toLowerCase() || y.id === name);
      if (!x) throw new FakeError('ItemNotFound', `Không có bảng ${name}`);
      return x;
    });
  }
  get count(): number {
    return this._get('count');
  }
  _itemTargets(t: TablesT): TableState[] {
    return this.scope(t);
  }
  _itemProxy(t: TableState): TableP {
    return new TableP(this._ctx, this, 'getItem', [t.name], 3, () => t);
  }
  _itemReaders(): Readers {
    return TABLE_READERS;
  }
  _readers(): Readers {
    return { count: ['1.1', (t: TablesT) => this.scope(t).length] };
  }
}

export class TableP extends Proxy {
  get name(): string {
    return this._get('name');
  }
  /** A name taken by another table or a defined name fails with InvalidArgument (tables-state.ts). */
  set name(v: string) {
    this._set('name', v, (t: TableState, x) => this._ctx.host.wb.renameTable(t, String(x)));
  }
  get id(): string {
    return this._get('id');
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._set('style', v, (t: TableState, x) => {
      t.sheet.guardEdit();
      t.style = String(x);
    });
  }
  get columns(): TableColumnsP {
    return this._prop(TableColumnsP, 'columns', (t: TableState) => t);
  }
  get worksheet(): WorksheetP {
    return this._prop(WorksheetP, 'worksheet', (t: TableState) => t.sheet);
  }
  getRange(): RangeP {
    return this._method(RangeP, 'getRange', [], (t: TableState) => ({ t: 'range', sheet: t.sheet, box: t.box }));
  }
  getHeaderRowRange(): RangeP {
    return this._method(RangeP, 'getHeaderRowRange', [], (t: TableState) => ({ t: 'range', sheet: t.sheet, box: { ...t.box, r1: t.box.r0 } }));
  }
  getDataBodyRange(): RangeP {
    return this._method(RangeP, 'getDataBodyRange', [], (t: TableState) => ({ t: 'range', sheet: t.sheet, box: { ...t.box, r0: t.box.r0 + 1 } }));
  }
  _readers(): Readers {
    return TABLE_READERS;
  }
}

export class TableColumnsP extends CollectionProxy<TableColumnP> {
  add(index?: number | null, values?: unknown[][], name?: string): TableColumnP {
    const api = index === null || index === undefined || name !== undefined ? '1.4' : '1.1';
    return this._method(
      TableColumnP,
      'add',
      [index ?? null, values ?? null, name ?? null],
      (t: TableState) => {
        const width = t.box.c1 - t.box.c0 + 1;
        if (api === '1.1' && (index ?? width) >= width) throw new FakeError('InvalidArgument', 'ExcelApi 1.1: chỉ số cột phải nhỏ hơn số cột');
        const at = this._ctx.host.wb.addTableColumn(t, index ?? null, values, name);
        return { table: t, index: at } satisfies ColumnT;
      },
      api,
    );
  }
  getItem(key: string): TableColumnP {
    return this._method(TableColumnP, 'getItem', [key], (t: TableState) => {
      const i = this._ctx.host.wb.tableColumnNames(t).findIndex((n) => n === key);
      if (i < 0) throw new FakeError('ItemNotFound', `Không có cột ${key}`);
      return { table: t, index: i } satisfies ColumnT;
    });
  }
  _itemTargets(t: TableState): ColumnT[] {
    return this._ctx.host.wb.tableColumnNames(t).map((_, index) => ({ table: t, index }));
  }
  _itemProxy(c: ColumnT): TableColumnP {
    return new TableColumnP(this._ctx, this, 'getItemAt', [c.index], 3, () => c);
  }
  _itemReaders(): Readers {
    return columnReaders(this._ctx.host.wb.tableColumnNames.bind(this._ctx.host.wb));
  }
  _readers(): Readers {
    return { count: ['1.1', (t: TableState) => t.box.c1 - t.box.c0 + 1] };
  }
}

function columnReaders(names: (t: TableState) => string[]): Readers {
  return {
    name: ['1.1', (c: ColumnT) => names(c.table)[c.index]],
    index: ['1.1', (c: ColumnT) => c.index],
  };
}

export class TableColumnP extends Proxy {
  get name(): string {
    return this._get('name');
  }
  get index(): number {
    return this._get('index');
  }
  delete(): void {
    this._call('delete', [], (c: ColumnT) => this._ctx.host.wb.deleteTableColumn(c.table, c.index));
  }
  _readers(): Readers {
    return columnReaders(this._ctx.host.wb.tableColumnNames.bind(this._ctx.host.wb));
  }
}

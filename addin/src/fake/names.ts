/**
 * Workbook defined names (workbook.names) as proxies. In: add(name,
 * reference, comment?), getItem, getItemOrNullObject, getCount, loads of
 * items/name. Out: names in the workbook state. A name already used by a
 * defined name or a table fails with ItemAlreadyExists (WorkbookState.addName).
 * ExcelApi: the collection, getItem and items 1.1; add, getCount,
 * getItemOrNullObject, comment, delete 1.4; formula 1.7.
 */
import { boxAddress, quoteSheet } from '../excel/address.js';
import { CollectionProxy, Proxy, type ClientResult, type Readers } from './batch.js';
import type { RangeT } from './cells.js';
import { FakeError } from './errors.js';
import { RangeP } from './range.js';
import type { NameState } from './state.js';

const NAME_READERS: Readers = {
  name: ['1.1', (n: NameState) => n.name],
  type: ['1.1', (n: NameState) => (/^=('?[^!]+'?)!\$?[A-Z]+\$?\d+/.test(n.formula) ? 'Range' : /^="/.test(n.formula) ? 'String' : 'Double')],
  value: ['1.1', (n: NameState) => n.formula.slice(1)],
  visible: ['1.1', (n: NameState) => n.visible],
  comment: ['1.4', (n: NameState) => n.comment],
  formula: ['1.7', (n: NameState) => n.formula],
};

export class NamedItemsP extends CollectionProxy<NamedItemP> {
  add(name: string, reference: RangeP | string, comment?: string): NamedItemP {
    const args = comment === undefined ? [name, reference] : [name, reference, comment];
    return this._method(
      NamedItemP,
      'add',
      args,
      () => {
        const formula = typeof reference === 'string' ? reference : absolute(reference._resolve() as RangeT);
        return this._ctx.host.wb.addName(name, formula, comment ?? '');
      },
      '1.4',
    );
  }
  getItem(name: string): NamedItemP {
    return this._method(NamedItemP, 'getItem', [name], () => {
      const n = this._ctx.host.wb.name(name);
      if (!n) throw new FakeError('ItemNotFound', `Không có tên ${name}`);
      return n;
    });
  }
  getItemOrNullObject(name: string): NamedItemP {
    return this._method(NamedItemP, 'getItemOrNullObject', [name], () => this._ctx.host.wb.name(name) ?? null, '1.4', true);
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', [], () => this._ctx.host.wb.names.length, '1.4');
  }
  _itemTargets(): NameState[] {
    return this._ctx.host.wb.names;
  }
  _itemProxy(n: NameState): NamedItemP {
    return new NamedItemP(this._ctx, this, 'getItem', [n.name], 3, () => n);
  }
  _itemReaders(): Readers {
    return NAME_READERS;
  }
  _readers(): Readers {
    return {};
  }
}

export class NamedItemP extends Proxy {
  get name(): string {
    return this._get('name');
  }
  get formula(): string {
    return this._get('formula');
  }
  get comment(): string {
    return this._get('comment');
  }
  delete(): void {
    this._call(
      'delete',
      [],
      (n: NameState) => {
        const list = this._ctx.host.wb.names;
        list.splice(list.indexOf(n), 1);
      },
      '1.4',
    );
  }
  _readers(): Readers {
    return NAME_READERS;
  }
}

/** "=Sheet1!$A$1:$B$2", how Excel writes a name's reference. */
function absolute(r: RangeT): string {
  const abs = boxAddress(r.box).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `=${quoteSheet(r.sheet.name)}!${abs}`;
}

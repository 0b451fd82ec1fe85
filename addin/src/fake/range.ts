/**
 * Range, RangeAreas and the range collection of a RangeAreas, as proxies.
 * In: Office.js calls (values, formulas, numberFormat, navigation, merge,
 * clear, getCellProperties, …). Out: queued actions on the workbook state
 * and loads of grids measured the way Office.js sends them.
 */
import { boxAddress, MAX_COLS, MAX_ROWS, parseAddress, quoteSheet, type Box } from '../excel/address.js';
import { intersect, spansAllColumns, spansAllRows } from './boxes.js';
import { CollectionProxy, Proxy, type ClientResult, type Readers } from './batch.js';
import { areasAddress, cellCount, eagerGrid, fillColor, fillPattern, lazyGrid, rangeAddress, storedCells, valueOf, valueType, type AreasT, type RangeT } from './cells.js';
import { ConditionalFormatsP } from './conditional.js';
import { FakeError } from './errors.js';
import { RangeFormatP } from './format.js';
import { WorksheetP } from './sheets.js';
import { DEFAULTS } from './state-types.js';

const rangeReaders = (): Readers => ({
  address: ['1.1', (r: RangeT) => rangeAddress(r)],
  rowIndex: ['1.1', (r: RangeT) => r.box.r0],
  columnIndex: ['1.1', (r: RangeT) => r.box.c0],
  rowCount: ['1.1', (r: RangeT) => r.box.r1 - r.box.r0 + 1],
  columnCount: ['1.1', (r: RangeT) => r.box.c1 - r.box.c0 + 1],
  cellCount: ['1.1', (r: RangeT) => cellCount(r)],
  values: ['1.1', (r: RangeT) => lazyGrid(r, valueOf)],
  formulas: ['1.1', (r: RangeT) => lazyGrid(r, (c) => c?.f ?? c?.v ?? '')],
  numberFormat: ['1.1', (r: RangeT) => lazyGrid(r, (c, i, j) => (c ? c.fmt : r.sheet.fmtAt(i, j)).numberFormat ?? DEFAULTS.numberFormat)],
  valueTypes: ['1.1', (r: RangeT) => lazyGrid(r, valueType)],
  text: ['1.1', (r: RangeT) => lazyGrid(r, (c) => String(c?.v ?? ''))],
});

export class RangeP extends Proxy {
  get address(): string {
    return this._get('address');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get values(): unknown[][] {
    return this._get('values');
  }
  set values(v: unknown[][]) {
    this._set('values', v, (r: RangeT, x) => this._ctx.host.wb.writeValues(r.sheet, r.box, x as unknown[][]));
  }
  get formulas(): unknown[][] {
    return this._get('formulas');
  }
  set formulas(v: unknown[][]) {
    this._set('formulas', v, (r: RangeT, x) => this._ctx.host.wb.writeFormulas(r.sheet, r.box, x as unknown[][]));
  }
  get numberFormat(): string[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this._set('numberFormat', v, (r: RangeT, x) => {
      r.sheet.guardEdit('formatCells');
      const arr = x as unknown[][];
      if (arr.length !== r.box.r1 - r.box.r0 + 1 || arr.some((row) => row.length !== r.box.c1 - r.box.c0 + 1)) {
        throw new FakeError('InvalidArgument', 'Kích thước numberFormat không khớp');
      }
      arr.forEach((row, i) =>
        row.forEach((f, j) => {
          if (f === null || f === undefined) return;
          const cell = r.sheet.at(r.box.r0 + i, r.box.c0 + j);
          if (f === DEFAULTS.numberFormat) delete cell.fmt.numberFormat;
          else cell.fmt.numberFormat = String(f);
          r.sheet.prune(r.box.r0 + i, r.box.c0 + j);
        }),
      );
    });
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }
  get text(): string[][] {
    return this._get('text');
  }
  get format(): RangeFormatP {
    return this._prop(RangeFormatP, 'format', (r: RangeT) => r);
  }
  get dataValidation(): DataValidationP {
    return this._prop(DataValidationP, 'dataValidation', (r: RangeT) => r);
  }
  get worksheet(): WorksheetP {
    return this._prop(WorksheetP, 'worksheet', (r: RangeT) => r.sheet);
  }
  /** ExcelApi 1.6. */
  get conditionalFormats(): ConditionalFormatsP {
    return this._prop(ConditionalFormatsP, 'conditionalFormats', (r: RangeT) => r);
  }
  private sub(name: string, args: unknown[], f: (r: RangeT) => Box, api = '1.1'): RangeP {
    return this._method(RangeP, name, args, (r: RangeT) => ({ t: 'range', sheet: r.sheet, box: f(r) }), api);
  }
  getCell(row: number, column: number): RangeP {
    return this.sub('getCell', [row, column], ({ box }) => ({ r0: box.r0 + row, c0: box.c0 + column, r1: box.r0 + row, c1: box.c0 + column }));
  }
  getRow(row: number): RangeP {
    return this.sub('getRow', [row], ({ box }) => ({ r0: box.r0 + row, c0: box.c0, r1: box.r0 + row, c1: box.c1 }));
  }
  getColumn(column: number): RangeP {
    return this.sub('getColumn', [column], ({ box }) => ({ r0: box.r0, c0: box.c0 + column, r1: box.r1, c1: box.c0 + column }));
  }
  getEntireColumn(): RangeP {
    return this.sub('getEntireColumn', [], ({ box }) => ({ r0: 0, c0: box.c0, r1: MAX_ROWS - 1, c1: box.c1 }));
  }
  getEntireRow(): RangeP {
    return this.sub('getEntireRow', [], ({ box }) => ({ r0: box.r0, c0: 0, r1: box.r1, c1: MAX_COLS - 1 }));
  }
  getOffsetRange(rows: number, columns: number): RangeP {
    return this.sub('getOffsetRange', [rows, columns], ({ box }) => ({ r0: box.r0 + rows, c0: box.c0 + columns, r1: box.r1 + rows, c1: box.c1 + columns }));
  }
  getResizedRange(rows: number, columns: number): RangeP {
    return this.sub('getResizedRange', [rows, columns], ({ box }) => ({ ...box, r1: box.r1 + rows, c1: box.c1 + columns }), '1.2');
  }
  getIntersection(other: RangeP | string): RangeP {
    return this.sub('getIntersection', [other], (r) => {
      const b = typeof other === 'string' ? parseAddress(other) : (other._resolve() as RangeT).box;
      const i = intersect(r.box, b);
      if (!i) throw new FakeError('ItemNotFound', 'Hai vùng không giao nhau');
      return i;
    });
  }
  getBoundingRect(other: RangeP | string): RangeP {
    return this.sub('getBoundingRect', [other], (r) => {
      const b = typeof other === 'string' ? parseAddress(other) : (other._resolve() as RangeT).box;
      return { r0: Math.min(r.box.r0, b.r0), c0: Math.min(r.box.c0, b.c0), r1: Math.max(r.box.r1, b.r1), c1: Math.max(r.box.c1, b.c1) };
    });
  }
  getCellProperties(spec: { format?: { fill?: { color?: boolean; pattern?: boolean; patternColor?: boolean } }; address?: boolean }): ClientResult<unknown[][]> {
    return this._result<unknown[][]>(
      'getCellProperties',
      [spec],
      (r: RangeT) =>
        eagerGrid(r, (_c, i, j) => {
          const fmt = r.sheet.fmtAt(i, j);
          const p: Record<string, unknown> = {};
          if (spec.address) p.address = `${quoteSheet(r.sheet.name)}!${boxAddress({ r0: i, c0: j, r1: i, c1: j })}`;
          if (spec.format?.fill) {
            const fill: Record<string, unknown> = {};
            if (spec.format.fill.color) fill.color = fillColor(fmt);
            if (spec.format.fill.pattern) fill.pattern = fillPattern(fmt);
            if (spec.format.fill.patternColor) fill.patternColor = fmt.fill?.patternColor ?? '#000000';
            p.format = { fill };
          }
          return p;
        }),
      '1.9',
    );
  }
  select(): void {
    this._call('select', [], (r: RangeT) => {
      const wb = this._ctx.host.wb;
      if (wb.active !== r.sheet) throw new FakeError('InvalidSelection', 'Chỉ chọn được ô trên trang đang mở');
      r.sheet.selection = r.box;
    });
  }
  clear(applyTo?: string): void {
    this._call('clear', applyTo === undefined ? [] : [applyTo], (r: RangeT) => clearCells(r, applyTo ?? 'All'));
  }
  /** ExcelApi 1.2. */
  merge(across?: boolean): void {
    this._call('merge', across === undefined ? [] : [across], (r: RangeT) => this._ctx.host.wb.merge(r.sheet, r.box, across ?? false), '1.2');
  }
  /** ExcelApi 1.2. */
  unmerge(): void {
    this._call('unmerge', [], (r: RangeT) => this._ctx.host.wb.unmerge(r.sheet, r.box), '1.2');
  }
  /** ExcelApi 1.13: the merged areas whose top-left cell is in this range, or a null object. */
  getMergedAreasOrNullObject(): RangeAreasP {
    return this._method(
      RangeAreasP,
      'getMergedAreasOrNullObject',
      [],
      (r: RangeT) => {
        const boxes = this._ctx.host.wb.mergedAreasIn(r.sheet, r.box);
        return boxes.length ? ({ t: 'areas', sheet: r.sheet, boxes } satisfies AreasT) : null;
      },
      '1.13',
      true,
    );
  }
  _readers(): Readers {
    return rangeReaders();
  }
}

function clearCells(r: RangeT, what: string): void {
  r.sheet.guardEdit();
  for (const [i, j, cell] of [...storedCells(r)]) {
    if (what === 'All' || what === 'Contents') {
      delete cell.v;
      delete cell.f;
    }
    if (what === 'All' || what === 'Formats') cell.fmt = {};
    r.sheet.prune(i, j);
  }
  // Clearing the formats of whole columns or rows clears the format they carry.
  if (what === 'All' || what === 'Formats') {
    if (spansAllRows(r.box)) for (let c = r.box.c0; c <= r.box.c1; c++) r.sheet.colFmts.delete(c);
    if (spansAllColumns(r.box)) for (const k of [...r.sheet.rowFmts.keys()]) if (k >= r.box.r0 && k <= r.box.r1) r.sheet.rowFmts.delete(k);
  }
}

export class RangeAreasP extends Proxy {
  get format(): RangeFormatP {
    return this._prop(RangeFormatP, 'format', (a: AreasT) => a);
  }
  /** ExcelApi 1.9. */
  get conditionalFormats(): ConditionalFormatsP {
    return this._prop(ConditionalFormatsP, 'conditionalFormats', (a: AreasT) => a);
  }
  /** ExcelApi 1.9: one Range per area. */
  get areas(): RangeCollectionP {
    return this._prop(RangeCollectionP, 'areas', (a: AreasT) => a);
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get address(): string {
    return this._get('address');
  }
  _readers(): Readers {
    return {
      areaCount: ['1.9', (a: AreasT) => a.boxes.length],
      address: ['1.9', (a: AreasT) => areasAddress(a)],
      cellCount: ['1.9', (a: AreasT) => cellCount(a)],
    };
  }
}

export class RangeCollectionP extends CollectionProxy<RangeP> {
  _itemTargets(a: AreasT): RangeT[] {
    return a.boxes.map((box) => ({ t: 'range', sheet: a.sheet, box }));
  }
  _itemProxy(t: RangeT, i: number): RangeP {
    return new RangeP(this._ctx, this, 'getItemAt', [i], 3, () => t);
  }
  _itemReaders(): Readers {
    return rangeReaders();
  }
  protected override _api(): string {
    return '1.9';
  }
  _readers(): Readers {
    return { count: ['1.9', (a: AreasT) => a.boxes.length] };
  }
}

export class DataValidationP extends Proxy {
  set rule(v: unknown) {
    this._set(
      'rule',
      v,
      (r: RangeT, x) => {
        r.sheet.guardEdit();
        const list = r.sheet.validations.filter((d) => !(d.box.r0 >= r.box.r0 && d.box.r1 <= r.box.r1 && d.box.c0 >= r.box.c0 && d.box.c1 <= r.box.c1));
        r.sheet.validations.length = 0;
        r.sheet.validations.push(...list, { box: r.box, rule: JSON.parse(JSON.stringify(x)) });
      },
      '1.8',
    );
  }
  set errorAlert(v: unknown) {
    this._set(
      'errorAlert',
      v,
      (r: RangeT, x) => {
        r.sheet.guardEdit();
        const d = r.sheet.validations.find((z) => z.box.r0 === r.box.r0 && z.box.c0 === r.box.c0 && z.box.r1 === r.box.r1 && z.box.c1 === r.box.c1);
        if (d) (d as { errorAlert?: unknown }).errorAlert = x;
      },
      '1.8',
    );
  }
  clear(): void {
    this._call(
      'clear',
      [],
      (r: RangeT) => {
        r.sheet.guardEdit();
        const keep = r.sheet.validations.filter((d) => !intersect(d.box, r.box));
        r.sheet.validations.length = 0;
        r.sheet.validations.push(...keep);
      },
      '1.8',
    );
  }
  _readers(): Readers {
    return {};
  }
}


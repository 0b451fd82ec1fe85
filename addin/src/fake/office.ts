/**
 * A fake of the Office.js Excel API: the subset the adapter uses, with the
 * same batching model. Calls on proxy objects queue actions; `context.sync()`
 * runs them in order against a WorkbookState and fills in what was loaded;
 * reading a property that was not loaded throws, as Office.js does.
 *
 * Every sync is counted and measured: the request is serialised the way
 * Office.js serialises a batch (object paths plus actions, JSON) and the
 * response as the loaded values, and a batch over the payload cap fails with
 * the error Excel on the web gives (RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded). A call from a requirement set newer
 * than the fake host supports fails at sync time with ApiNotFound, as an
 * old Excel would.
 *
 * Browser-safe: the e2e stub bundles it as window.Excel / window.Office.
 */
import { boxAddress, MAX_COLS, MAX_ROWS, parseAddress, quoteSheet, type Box } from '../excel/address.js';
import {
  DEFAULTS,
  FakeError,
  intersect,
  WorkbookState,
  type Cell,
  type Fmt,
  type Scalar,
  type SheetState,
  type TableState,
} from './state.js';

/** Excel on the web: 5 MB per request and per response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
}

export interface FakeOptions {
  /** Highest ExcelApi version the host supports ("1.1" = Office 2016 volume licence). */
  api?: string;
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
  payloadLimit?: number;
}

const encoder = new TextEncoder();
const bytes = (v: unknown): number => encoder.encode(JSON.stringify(v)).length;

function versionAtLeast(have: string, need: string): boolean {
  const [a1, a2] = have.split('.').map(Number);
  const [b1, b2] = need.split('.').map(Number);
  return a1! > b1! || (a1 === b1 && a2! >= b2!);
}

// ---------------------------------------------------------------------------
// Host-side targets: what a proxy stands for once resolved.

interface RangeT {
  t: 'range';
  sheet: SheetState;
  box: Box;
}
interface AreasT {
  t: 'areas';
  sheet: SheetState;
  boxes: Box[];
}
type Cells = RangeT | AreasT;

function boxesOf(c: Cells): Box[] {
  return c.t === 'range' ? [c.box] : c.boxes;
}

function* cellsOf(c: Cells): Generator<[number, number]> {
  for (const b of boxesOf(c)) for (let r = b.r0; r <= b.r1; r++) for (let col = b.c0; col <= b.c1; col++) yield [r, col];
}

function cellCount(c: Cells): number {
  return boxesOf(c).reduce((n, b) => n + (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1), 0);
}

/** Cells that are actually stored (the rest are blank): keeps whole-column formatting cheap. */
function* storedCells(c: Cells): Generator<[number, number, Cell]> {
  for (const b of boxesOf(c)) {
    const rows = c.sheet.rows;
    // Walk the box's rows when it is smaller than the sheet, else the stored rows.
    if (b.r1 - b.r0 + 1 < rows.size) {
      for (let r = b.r0; r <= b.r1; r++) {
        const row = rows.get(r);
        if (!row) continue;
        if (b.c1 - b.c0 + 1 < row.size) {
          for (let col = b.c0; col <= b.c1; col++) {
            const cell = row.get(col);
            if (cell) yield [r, col, cell];
          }
        } else for (const [col, cell] of row) if (col >= b.c0 && col <= b.c1) yield [r, col, cell];
      }
    } else {
      for (const [r, row] of rows) {
        if (r < b.r0 || r > b.r1) continue;
        for (const [col, cell] of row) if (col >= b.c0 && col <= b.c1) yield [r, col, cell];
      }
    }
  }
}

/** A format property over cells: one value when all agree, else null (as Office.js reports mixed formats). */
function uniform<T>(c: Cells, read: (fmt: Fmt) => T): T | null {
  const total = cellCount(c);
  let stored = 0;
  let first: T | undefined;
  let have = false;
  for (const [, , cell] of storedCells(c)) {
    stored++;
    const v = read(cell.fmt);
    if (!have) {
      first = v;
      have = true;
    } else if (v !== first) return null;
  }
  if (stored < total) {
    const blank = read({});
    if (have && blank !== first) return null;
    return blank;
  }
  return first ?? null;
}

function setFmt(c: Cells, apply: (fmt: Fmt) => void): void {
  const total = cellCount(c);
  if (total > 5_000_000) throw new FakeError('InvalidOperation', 'Vùng quá lớn');
  // Each cell owns its format object (snapshots deep-copy), so it is changed in place.
  for (const [r, col] of cellsOf(c)) {
    apply(c.sheet.at(r, col).fmt);
    c.sheet.prune(r, col);
  }
}

function fillColor(f: Fmt): string {
  return f.fill?.color ?? '#FFFFFF';
}
function fillPattern(f: Fmt): string {
  return f.fill ? (f.fill.pattern ?? 'Solid') : 'None';
}

function normColor(v: unknown): string {
  const s = String(v).trim();
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', yellow: '#FFFF00' };
  const hex = named[s.toLowerCase()] ?? s;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new FakeError('InvalidArgument', `Màu không hợp lệ: ${s}`);
  return hex.toUpperCase();
}

function valueOf(cell: Cell | undefined): Scalar {
  // The fake does not calculate: a formula cell reads as "" (Excel would give its result).
  return cell?.v ?? '';
}

function valueType(cell: Cell | undefined): string {
  const v = cell?.v;
  if (v === undefined) return cell?.f ? 'String' : 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return 'String';
}

function grid<T>(r: RangeT, read: (cell: Cell | undefined) => T): T[][] {
  const out: T[][] = [];
  for (let i = r.box.r0; i <= r.box.r1; i++) {
    const row: T[] = [];
    const cells = r.sheet.rows.get(i);
    for (let j = r.box.c0; j <= r.box.c1; j++) row.push(read(cells?.get(j)));
    out.push(row);
  }
  return out;
}

function rangeAddress(r: RangeT): string {
  return `${quoteSheet(r.sheet.name)}!${boxAddress(r.box)}`;
}

// ---------------------------------------------------------------------------
// The request context and proxy objects.

interface Action {
  id: number;
  type: number;
  name: string;
  proxy: Proxy;
  args?: unknown[];
  run: () => unknown;
  /** Called with run()'s result after the batch, for loads. */
  deliver?: (value: unknown) => void;
  query?: boolean;
  api?: string;
  apiName?: string;
}

let pathIds = 0;

export class FakeContext {
  readonly workbook: WorkbookP;
  pending: Action[] = [];
  private nextAction = 1;

  constructor(readonly host: FakeOffice) {
    this.workbook = new WorkbookP(this, null, '', [], 1, () => ({ t: 'workbook' }));
    this.workbook._target = { t: 'workbook' };
  }

  queue(a: Omit<Action, 'id'>): void {
    this.pending.push({ ...a, id: this.nextAction++ });
  }

  async sync(): Promise<void> {
    const actions = this.pending;
    this.pending = [];
    await this.host.runBatch(actions);
  }
}

type Resolver = (parent: any) => any;

export abstract class Proxy {
  readonly _id = ++pathIds;
  _target: any;
  _loaded = new Map<string, unknown>();
  private props = new Map<string, Proxy>();

  constructor(
    readonly _ctx: FakeContext,
    readonly _parent: Proxy | null,
    readonly _name: string,
    readonly _args: unknown[],
    /** Office.js ObjectPathType: 1 static, 3 method, 4 property. */
    readonly _pathType: number,
    readonly _resolver: Resolver,
  ) {}

  get context(): FakeContext {
    return this._ctx;
  }

  _resolve(): any {
    if (this._target === undefined) {
      const parent = this._parent ? this._parent._resolve() : undefined;
      this._target = this._resolver(parent);
    }
    return this._target;
  }

  /** A child returned by a method: instantiated in the batch right away, like Office.js. */
  protected _method<T extends Proxy>(
    Ctor: new (...a: ConstructorParameters<typeof Proxy>) => T,
    name: string,
    args: unknown[],
    resolve: Resolver,
    api = '1.1',
  ): T {
    const child = new Ctor(this._ctx, this, name, args, 3, resolve);
    this._ctx.queue({ type: 1, name: '', proxy: child, run: () => child._resolve(), api, apiName: `${this.constructor.name}.${name}` });
    return child;
  }

  /** A child reached by a property: the same object each time, resolved when first used. */
  protected _prop<T extends Proxy>(
    Ctor: new (...a: ConstructorParameters<typeof Proxy>) => T,
    name: string,
    resolve: Resolver,
  ): T {
    let p = this.props.get(name) as T | undefined;
    if (!p) {
      p = new Ctor(this._ctx, this, name, [], 4, resolve);
      this.props.set(name, p);
    }
    return p;
  }

  protected _set(name: string, value: unknown, apply: (target: any, value: unknown) => void, api = '1.1'): void {
    this._ctx.queue({
      type: 4,
      name,
      proxy: this,
      args: [value],
      run: () => apply(this._resolve(), value),
      api,
      apiName: `${this.constructor.name}.${name}`,
    });
  }

  protected _call(name: string, args: unknown[], apply: (target: any) => unknown, api = '1.1'): void {
    this._ctx.queue({ type: 3, name, proxy: this, args, run: () => apply(this._resolve()), api, apiName: `${this.constructor.name}.${name}` });
  }

  protected _get<T>(name: string): T {
    if (!this._loaded.has(name)) {
      throw new FakeError('PropertyNotLoaded', `${this.constructor.name}.${name} chưa được load (PropertyNotLoaded)`);
    }
    return this._loaded.get(name) as T;
  }

  /** Scalar properties this proxy can load, each with the ExcelApi version it needs. */
  protected abstract _readers(): Record<string, [string, (target: any) => unknown]>;

  load(spec?: string | string[] | { select?: string | string[] }): this {
    let names: string[];
    if (spec === undefined) names = Object.keys(this._readers());
    else if (typeof spec === 'string') names = spec.split(',');
    else if (Array.isArray(spec)) names = spec;
    else names = typeof spec.select === 'string' ? spec.select.split(',') : (spec.select ?? []);
    names = names.map((n) => n.trim()).filter(Boolean);
    this._queueLoad(names);
    return this;
  }

  protected _queueLoad(names: string[]): void {
    const readers = this._readers();
    let api = '1.1';
    for (const n of names) {
      const r = readers[n];
      if (!r) throw new Error(`fake: ${this.constructor.name} cannot load "${n}"`);
      if (!versionAtLeast(api, r[0])) api = r[0];
    }
    this._ctx.queue({
      type: 2,
      name: '',
      proxy: this,
      args: names,
      query: true,
      api,
      apiName: `${this.constructor.name}.load(${names.join(',')})`,
      run: () => {
        const t = this._resolve();
        const out: Record<string, unknown> = {};
        for (const n of names) out[n] = readers[n]![1](t);
        return out;
      },
      deliver: (v) => {
        for (const [k, val] of Object.entries(v as Record<string, unknown>)) this._loaded.set(k, val);
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

class ClientResult<T> {
  private v: T | undefined;
  private set = false;
  get value(): T {
    if (!this.set) throw new FakeError('PropertyNotLoaded', 'ClientResult chưa có giá trị (chưa sync)');
    return this.v as T;
  }
  _deliver(v: T): void {
    this.v = v;
    this.set = true;
  }
}

// ---- workbook and sheets ----------------------------------------------------

export class WorkbookP extends Proxy {
  get worksheets(): WorksheetsP {
    return this._prop(WorksheetsP, 'worksheets', () => ({ t: 'sheets' }));
  }
  get tables(): TablesP {
    return this._prop(TablesP, 'tables', () => ({ t: 'tables', sheet: null }));
  }
  getSelectedRange(): RangeP {
    const wb = this._ctx.host.wb;
    return this._method(RangeP, 'getSelectedRange', [], () => {
      const s = wb.active!;
      return { t: 'range', sheet: s, box: s.selection } satisfies RangeT;
    });
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {};
  }
}

export class WorksheetsP extends Proxy {
  items: WorksheetP[] = [];
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
  getItemOrNullObject(key: string): WorksheetP {
    const p = this._method(WorksheetP, 'getItemOrNullObject', [key], () => this.wb.sheet(key) ?? null, '1.4');
    return p;
  }
  getActiveWorksheet(): WorksheetP {
    return this._method(WorksheetP, 'getActiveWorksheet', [], () => this.wb.active);
  }
  add(name?: string): WorksheetP {
    return this._method(WorksheetP, 'add', name === undefined ? [] : [name], () => this.wb.addSheet(name));
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return { count: ['1.4', () => this.wb.sheets.length] };
  }
  override load(spec?: string | string[] | { select?: string | string[] }): this {
    const names = typeof spec === 'string' ? spec.split(',').map((s) => s.trim()) : Array.isArray(spec) ? spec : [];
    const item = names.filter((n) => n.startsWith('items/')).map((n) => n.slice(6));
    if (item.length === 0) return super.load(spec);
    const fields = item;
    this._ctx.queue({
      type: 2,
      name: '',
      proxy: this,
      args: names,
      query: true,
      apiName: 'WorksheetCollection.load',
      run: () => {
        const readers = worksheetReaders(this.wb);
        return this.wb.sheets.map((s) => ({ s, v: Object.fromEntries(fields.map((f) => [f, readers[f]![1](s)])) }));
      },
      deliver: (v) => {
        this.items = (v as Array<{ s: SheetState; v: Record<string, unknown> }>).map(({ s, v: vals }) => {
          const p = new WorksheetP(this._ctx, this, 'getItem', [s.id], 3, () => s);
          p._target = s;
          for (const [k, x] of Object.entries(vals)) p._loaded.set(k, x);
          return p;
        });
      },
    });
    return this;
  }
}

function worksheetReaders(wb: WorkbookState): Record<string, [string, (s: SheetState) => unknown]> {
  return {
    id: ['1.1', (s) => s.id],
    name: ['1.1', (s) => s.name],
    position: ['1.1', (s) => wb.sheets.indexOf(s)],
    visibility: ['1.1', (s) => s.visibility],
  };
}

export class WorksheetP extends Proxy {
  get isNullObject(): boolean {
    return this._get('isNullObject');
  }
  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (s: SheetState, n) => {
      const other = this._ctx.host.wb.sheet(String(n));
      if (other && other !== s) throw new FakeError('ItemAlreadyExists', `Trang ${n} đã có`);
      s.name = String(n);
    });
  }
  get position(): number {
    return this._get('position');
  }
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this._set('visibility', v, (s: SheetState, x) => (s.visibility = x as SheetState['visibility']), '1.2');
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
  getRange(address?: string): RangeP {
    return this._method(RangeP, 'getRange', address === undefined ? [] : [address], (s: SheetState) => {
      if (!s) throw new FakeError('ItemNotFound', 'Trang không tồn tại');
      if (address === undefined) return { t: 'range', sheet: s, box: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const a = parseAddress(address);
      if (a.sheet && a.sheet.toLowerCase() !== s.name.toLowerCase()) throw new FakeError('InvalidArgument', 'Địa chỉ thuộc trang khác');
      return { t: 'range', sheet: s, box: { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 } } satisfies RangeT;
    });
  }
  getRanges(address: string): RangeAreasP {
    return this._method(
      RangeAreasP,
      'getRanges',
      [address],
      (s: SheetState) => {
        const boxes = address.split(',').map((a) => parseAddress(a));
        return { t: 'areas', sheet: s, boxes } satisfies AreasT;
      },
      '1.9',
    );
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
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    const wrap = (f: (s: SheetState) => unknown) => (s: SheetState | null) => {
      if (!s) throw new FakeError('ItemNotFound', 'Trang không tồn tại');
      return f(s);
    };
    return {
      ...Object.fromEntries(Object.entries(worksheetReaders(this._ctx.host.wb)).map(([k, [v, f]]) => [k, [v, wrap(f)]])),
      isNullObject: ['1.4', (s: SheetState | null) => s === null],
    } as Record<string, [string, (t: any) => unknown]>;
  }
  override load(spec?: string | string[] | { select?: string | string[] }): this {
    // A null object answers only isNullObject; ask for the rest too, as Office.js allows.
    if (this._name === 'getItemOrNullObject') {
      const names = typeof spec === 'string' ? spec.split(',').map((x) => x.trim()) : Array.isArray(spec) ? spec : [];
      const readers = this._readers();
      this._ctx.queue({
        type: 2,
        name: '',
        proxy: this,
        args: names,
        query: true,
        api: '1.4',
        run: () => {
          const t = this._resolve() as SheetState | null;
          const out: Record<string, unknown> = { isNullObject: t === null };
          if (t) for (const n of names) out[n] = readers[n]![1](t);
          return out;
        },
        deliver: (v) => {
          for (const [k, x] of Object.entries(v as Record<string, unknown>)) this._loaded.set(k, x);
        },
      });
      return this;
    }
    return super.load(spec);
  }
}

export class FreezePanesP extends Proxy {
  freezeRows(count: number): void {
    this._call('freezeRows', [count], (s: SheetState) => (s.frozenRows = count), '1.7');
  }
  unfreeze(): void {
    this._call('unfreeze', [], (s: SheetState) => (s.frozenRows = 0), '1.7');
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
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
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {};
  }
}

// ---- ranges -------------------------------------------------------------------

export class RangeP extends Proxy {
  get isNullObject(): boolean {
    return this._get('isNullObject');
  }
  private get r(): RangeT {
    return this._resolve();
  }
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
  get values(): Scalar[][] {
    return this._get('values');
  }
  set values(v: unknown[][]) {
    this._set('values', v, (r: RangeT, x) => this._ctx.host.wb.writeValues(r.sheet, r.box, x as unknown[][]));
  }
  get formulas(): Scalar[][] {
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
    const result = new ClientResult<unknown[][]>();
    this._ctx.queue({
      type: 3,
      name: 'getCellProperties',
      proxy: this,
      args: [spec],
      query: true,
      api: '1.9',
      apiName: 'Range.getCellProperties',
      run: () => {
        const r = this.r;
        const out: unknown[][] = [];
        for (let i = r.box.r0; i <= r.box.r1; i++) {
          const row: unknown[] = [];
          for (let j = r.box.c0; j <= r.box.c1; j++) {
            const fmt = r.sheet.get(i, j)?.fmt ?? {};
            const p: Record<string, unknown> = {};
            if (spec.address) p.address = `${quoteSheet(r.sheet.name)}!${boxAddress({ r0: i, c0: j, r1: i, c1: j })}`;
            if (spec.format?.fill) {
              const fill: Record<string, unknown> = {};
              if (spec.format.fill.color) fill.color = fillColor(fmt);
              if (spec.format.fill.pattern) fill.pattern = fillPattern(fmt);
              if (spec.format.fill.patternColor) fill.patternColor = fmt.fill?.patternColor ?? '#000000';
              p.format = { fill };
            }
            row.push(p);
          }
          out.push(row);
        }
        return out;
      },
      deliver: (v) => result._deliver(v as unknown[][]),
    });
    return result;
  }
  select(): void {
    this._call('select', [], (r: RangeT) => {
      const wb = this._ctx.host.wb;
      if (wb.active !== r.sheet) throw new FakeError('InvalidSelection', 'Chỉ chọn được ô trên trang đang mở');
      r.sheet.selection = r.box;
    });
  }
  clear(applyTo?: string): void {
    this._call('clear', applyTo === undefined ? [] : [applyTo], (r: RangeT) => {
      const what = applyTo ?? 'All';
      for (const [i, j, cell] of [...storedCells(r)]) {
        if (what === 'All' || what === 'Contents') {
          delete cell.v;
          delete cell.f;
        }
        if (what === 'All' || what === 'Formats') cell.fmt = {};
        r.sheet.prune(i, j);
      }
    });
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {
      address: ['1.1', (r: RangeT) => rangeAddress(r)],
      rowIndex: ['1.1', (r: RangeT) => r.box.r0],
      columnIndex: ['1.1', (r: RangeT) => r.box.c0],
      rowCount: ['1.1', (r: RangeT) => r.box.r1 - r.box.r0 + 1],
      columnCount: ['1.1', (r: RangeT) => r.box.c1 - r.box.c0 + 1],
      cellCount: ['1.1', (r: RangeT) => cellCount(r)],
      values: ['1.1', (r: RangeT) => guard(r) && grid(r, valueOf)],
      formulas: ['1.1', (r: RangeT) => guard(r) && grid(r, (c) => c?.f ?? c?.v ?? '')],
      numberFormat: ['1.1', (r: RangeT) => guard(r) && grid(r, (c) => c?.fmt.numberFormat ?? DEFAULTS.numberFormat)],
      valueTypes: ['1.1', (r: RangeT) => guard(r) && grid(r, valueType)],
      text: ['1.1', (r: RangeT) => guard(r) && grid(r, (c) => String(c?.v ?? ''))],
    };
  }
}

/** Excel refuses to hand over a grid this large in one piece. */
function guard(r: RangeT): true {
  if (cellCount(r) > 5_000_000) throw new FakeError('ResponsePayloadSizeLimitExceeded', 'Vùng quá lớn để đọc một lần');
  return true;
}

export class RangeAreasP extends Proxy {
  get format(): RangeFormatP {
    return this._prop(RangeFormatP, 'format', (a: AreasT) => a);
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {
      areaCount: ['1.9', (a: AreasT) => a.boxes.length],
      address: ['1.9', (a: AreasT) => a.boxes.map((b) => `${quoteSheet(a.sheet.name)}!${boxAddress(b)}`).join(',')],
    };
  }
}

export class RangeFormatP extends Proxy {
  get fill(): RangeFillP {
    return this._prop(RangeFillP, 'fill', (c: Cells) => c);
  }
  get font(): RangeFontP {
    return this._prop(RangeFontP, 'font', (c: Cells) => c);
  }
  set wrapText(v: boolean) {
    this._set('wrapText', v, (c: Cells, x) => setFmt(c, (f) => (x ? (f.wrap = true) : delete f.wrap)));
  }
  get wrapText(): boolean | null {
    return this._get('wrapText');
  }
  set horizontalAlignment(v: string) {
    this._set('horizontalAlignment', v, (c: Cells, x) => setFmt(c, (f) => (x === DEFAULTS.hAlign ? delete f.hAlign : (f.hAlign = String(x)))));
  }
  set verticalAlignment(v: string) {
    this._set('verticalAlignment', v, (c: Cells, x) => setFmt(c, (f) => (x === DEFAULTS.vAlign ? delete f.vAlign : (f.vAlign = String(x)))));
  }
  set columnWidth(v: number) {
    this._set(
      'columnWidth',
      v,
      (c: RangeT, x) => {
        for (let j = c.box.c0; j <= c.box.c1; j++) c.sheet.colWidths.set(j, Number(x));
      },
      '1.2',
    );
  }
  get columnWidth(): number | null {
    return this._get('columnWidth');
  }
  set rowHeight(v: number) {
    this._set(
      'rowHeight',
      v,
      (c: RangeT, x) => {
        for (let i = c.box.r0; i <= Math.min(c.box.r1, c.box.r0 + 1_100_000); i++) c.sheet.rowHeights.set(i, Number(x));
      },
      '1.2',
    );
  }
  autofitRows(): void {
    this._call('autofitRows', [], (c: RangeT) => (c.sheet.autofitRows = true), '1.2');
  }
  autofitColumns(): void {
    this._call('autofitColumns', [], () => undefined, '1.2');
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {
      wrapText: ['1.1', (c: Cells) => uniform(c, (f) => f.wrap ?? false)],
      horizontalAlignment: ['1.1', (c: Cells) => uniform(c, (f) => f.hAlign ?? DEFAULTS.hAlign)],
      verticalAlignment: ['1.1', (c: Cells) => uniform(c, (f) => f.vAlign ?? DEFAULTS.vAlign)],
      columnWidth: [
        '1.2',
        (c: RangeT) => {
          const ws = new Set<number>();
          for (let j = c.box.c0; j <= c.box.c1; j++) ws.add(c.sheet.colWidths.get(j) ?? DEFAULTS.columnWidth);
          return ws.size === 1 ? [...ws][0] : null;
        },
      ],
    };
  }
}

export class RangeFillP extends Proxy {
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (c: Cells, x) => {
      const color = normColor(x);
      setFmt(c, (f) => (f.fill = { ...(f.fill ?? {}), color }));
    });
  }
  get pattern(): string | null {
    return this._get('pattern');
  }
  set pattern(v: string) {
    this._set(
      'pattern',
      v,
      (c: Cells, x) =>
        setFmt(c, (f) => {
          if (x === 'None') delete f.fill;
          else {
            const fill = { color: f.fill?.color ?? '#FFFFFF', ...(f.fill ?? {}) };
            if (x === 'Solid') delete fill.pattern;
            else fill.pattern = String(x);
            f.fill = fill;
          }
        }),
      '1.9',
    );
  }
  set patternColor(v: string) {
    this._set(
      'patternColor',
      v,
      (c: Cells, x) => setFmt(c, (f) => (f.fill = { color: f.fill?.color ?? '#FFFFFF', ...(f.fill ?? {}), patternColor: normColor(x) })),
      '1.9',
    );
  }
  clear(): void {
    this._call('clear', [], (c: Cells) => setFmt(c, (f) => delete f.fill));
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {
      color: ['1.1', (c: Cells) => uniform(c, fillColor)],
      pattern: ['1.9', (c: Cells) => uniform(c, fillPattern)],
      patternColor: ['1.9', (c: Cells) => uniform(c, (f) => f.fill?.patternColor ?? '#000000')],
    };
  }
}

export class RangeFontP extends Proxy {
  set name(v: string) {
    this._set('name', v, (c: Cells, x) => setFmt(c, (f) => (x === DEFAULTS.fontName ? delete f.fontName : (f.fontName = String(x)))));
  }
  set size(v: number) {
    this._set('size', v, (c: Cells, x) => setFmt(c, (f) => (x === DEFAULTS.fontSize ? delete f.fontSize : (f.fontSize = Number(x)))));
  }
  set bold(v: boolean) {
    this._set('bold', v, (c: Cells, x) => setFmt(c, (f) => (x ? (f.fontBold = true) : delete f.fontBold)));
  }
  set italic(v: boolean) {
    this._set('italic', v, (c: Cells, x) => setFmt(c, (f) => (x ? (f.fontItalic = true) : delete f.fontItalic)));
  }
  set color(v: string) {
    this._set('color', v, (c: Cells, x) => setFmt(c, (f) => (normColor(x) === DEFAULTS.fontColor ? delete f.fontColor : (f.fontColor = normColor(x)))));
  }
  get name(): string | null {
    return this._get('name');
  }
  get bold(): boolean | null {
    return this._get('bold');
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {
      name: ['1.1', (c: Cells) => uniform(c, (f) => f.fontName ?? DEFAULTS.fontName)],
      size: ['1.1', (c: Cells) => uniform(c, (f) => f.fontSize ?? DEFAULTS.fontSize)],
      bold: ['1.1', (c: Cells) => uniform(c, (f) => f.fontBold ?? false)],
      italic: ['1.1', (c: Cells) => uniform(c, (f) => f.fontItalic ?? false)],
      color: ['1.1', (c: Cells) => uniform(c, (f) => f.fontColor ?? DEFAULTS.fontColor)],
    };
  }
}

export class DataValidationP extends Proxy {
  set rule(v: unknown) {
    this._set(
      'rule',
      v,
      (r: RangeT, x) => {
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
        const keep = r.sheet.validations.filter((d) => !intersect(d.box, r.box));
        r.sheet.validations.length = 0;
        r.sheet.validations.push(...keep);
      },
      '1.8',
    );
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {};
  }
}

// ---- tables -------------------------------------------------------------------

export class TablesP extends Proxy {
  items: TableP[] = [];
  private scope(t: { sheet: SheetState | null }): TableState[] {
    return this._ctx.host.wb.tables.filter((x) => t.sheet === null || x.sheet === t.sheet);
  }
  add(address: string, hasHeaders: boolean): TableP {
    return this._method(TableP, 'add', [address, hasHeaders], (t: { sheet: SheetState | null }) => {
      const a = parseAddress(address);
      const wb = this._ctx.host.wb;
      const sheet = a.sheet ? wb.sheet(a.sheet) : (t.sheet ?? wb.active);
      if (!sheet) throw new FakeError('ItemNotFound', 'Không có trang cho bảng');
      return wb.addTable(sheet, a, hasHeaders);
    });
  }
  getItem(name: string): TableP {
    return this._method(TableP, 'getItem', [name], (t: { sheet: SheetState | null }) => {
      const x = this.scope(t).find((y) => y.name.toLowerCase() === name.toLowerCase() || y.id === name);
      if (!x) throw new FakeError('ItemNotFound', `Không có bảng ${name}`);
      return x;
    });
  }
  get count(): number {
    return this._get('count');
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return { count: ['1.1', (t: { sheet: SheetState | null }) => this.scope(t).length] };
  }
  override load(spec?: string | string[] | { select?: string | string[] }): this {
    const names = typeof spec === 'string' ? spec.split(',').map((s) => s.trim()) : Array.isArray(spec) ? spec : [];
    const fields = names.filter((n) => n.startsWith('items/')).map((n) => n.slice(6));
    if (fields.length === 0) return super.load(spec);
    this._ctx.queue({
      type: 2,
      name: '',
      proxy: this,
      args: names,
      query: true,
      apiName: 'TableCollection.load',
      run: () => this.scope(this._resolve()).map((t) => ({ t, v: Object.fromEntries(fields.map((f) => [f, TABLE_READERS[f]![1](t)])) })),
      deliver: (v) => {
        this.items = (v as Array<{ t: TableState; v: Record<string, unknown> }>).map(({ t, v: vals }) => {
          const p = new TableP(this._ctx, this, 'getItem', [t.name], 3, () => t);
          p._target = t;
          for (const [k, x] of Object.entries(vals)) p._loaded.set(k, x);
          return p;
        });
      },
    });
    return this;
  }
}

const TABLE_READERS: Record<string, [string, (t: TableState) => unknown]> = {
  id: ['1.1', (t) => t.id],
  name: ['1.1', (t) => t.name],
  style: ['1.1', (t) => t.style],
  showHeaders: ['1.1', () => true],
};

export class TableP extends Proxy {
  get name(): string {
    return this._get('name');
  }
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
    this._set('style', v, (t: TableState, x) => (t.style = String(x)));
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
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return TABLE_READERS as Record<string, [string, (t: any) => unknown]>;
  }
}

export class TableColumnsP extends Proxy {
  items: TableColumnP[] = [];
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
        return { table: t, index: at };
      },
      api,
    );
  }
  getItem(key: string): TableColumnP {
    return this._method(TableColumnP, 'getItem', [key], (t: TableState) => {
      const i = this._ctx.host.wb.tableColumnNames(t).findIndex((n) => n === key);
      if (i < 0) throw new FakeError('ItemNotFound', `Không có cột ${key}`);
      return { table: t, index: i };
    });
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return { count: ['1.1', (t: TableState) => t.box.c1 - t.box.c0 + 1] };
  }
}

export class TableColumnP extends Proxy {
  get name(): string {
    return this._get('name');
  }
  get index(): number {
    return this._get('index');
  }
  delete(): void {
    this._call('delete', [], (c: { table: TableState; index: number }) => this._ctx.host.wb.deleteTableColumn(c.table, c.index));
  }
  protected _readers(): Record<string, [string, (t: any) => unknown]> {
    return {
      name: ['1.1', (c: { table: TableState; index: number }) => this._ctx.host.wb.tableColumnNames(c.table)[c.index]],
      index: ['1.1', (c: { table: TableState; index: number }) => c.index],
    };
  }
}

// ---------------------------------------------------------------------------
// The host: Excel.run, Office.context, the accounting.

export class FakeOffice {
  readonly wb: WorkbookState;
  readonly api: string;
  readonly syncs: SyncRecord[] = [];
  readonly payloadLimit: number;
  readonly platform: string;
  /** Bytes of the settings as last saved. */
  settingsBytes = 0;
  readonly Excel: { run: <T>(batch: (ctx: FakeContext) => Promise<T>) => Promise<T>; RequestContext: typeof FakeContext };
  readonly Office: FakeOfficeNamespace;

  constructor(wb: WorkbookState = new WorkbookState(), o: FakeOptions = {}) {
    this.wb = wb;
    this.api = o.api ?? '1.9';
    this.platform = o.platform ?? 'OfficeOnline';
    // Only Excel on the web caps a request.
    this.payloadLimit = o.payloadLimit ?? (this.platform === 'OfficeOnline' ? PAYLOAD_LIMIT : Number.POSITIVE_INFINITY);
    this.Excel = {
      run: async <T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> => {
        const ctx = new FakeContext(this);
        const out = await batch(ctx);
        if (ctx.pending.length) throw new Error(`fake: Excel.run ended with ${ctx.pending.length} queued actions never synced`);
        return out;
      },
      RequestContext: FakeContext,
    };
    this.Office = makeOffice(this, this.platform);
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    if (name !== 'ExcelApi') return false;
    return versionAtLeast(this.api, version);
  }

  reset(): void {
    this.syncs.length = 0;
  }

  /** The most of any single sync. */
  peak(): { requestBytes: number; responseBytes: number } {
    return {
      requestBytes: Math.max(0, ...this.syncs.map((s) => s.requestBytes)),
      responseBytes: Math.max(0, ...this.syncs.map((s) => s.responseBytes)),
    };
  }

  async runBatch(actions: Action[]): Promise<void> {
    // Serialise as Office.js does: the object paths the actions use, then the actions.
    const paths = new Map<number, unknown>();
    const addPath = (p: Proxy | null): void => {
      for (let x = p; x && !paths.has(x._id); x = x._parent) {
        paths.set(x._id, {
          Id: x._id,
          ObjectPathType: x._pathType,
          Name: x._name,
          ParentObjectPathId: x._parent?._id ?? null,
          ArgumentInfo: { Arguments: x._args.map(encodeArg) },
        });
      }
    };
    const json = actions.map((a) => {
      addPath(a.proxy);
      const act: Record<string, unknown> = { Id: a.id, ActionType: a.type, Name: a.name, ObjectPathId: a.proxy._id };
      if (a.query) act.QueryInfo = { Select: a.args ?? [] };
      else if (a.args) act.ArgumentInfo = { Arguments: a.args.map(encodeArg) };
      return act;
    });
    const requestBytes = actions.length === 0 ? 0 : bytes({ Actions: json, ObjectPaths: Object.fromEntries(paths) });
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length };
    this.syncs.push(record);
    if (requestBytes > this.payloadLimit) {
      throw new FakeError('RequestPayloadSizeLimitExceeded', `Yêu cầu ${requestBytes} byte vượt giới hạn ${this.payloadLimit}`);
    }
    const results: Array<{ a: Action; v: unknown }> = [];
    let failure: unknown = null;
    for (const a of actions) {
      try {
        if (a.api && !versionAtLeast(this.api, a.api)) {
          throw new FakeError('ApiNotFound', `${a.apiName ?? a.name} cần ExcelApi ${a.api}, máy chỉ có ${this.api}`);
        }
        const v = a.run();
        if (a.deliver) results.push({ a, v });
      } catch (e) {
        failure = e instanceof FakeError ? e : new FakeError('GeneralException', e instanceof Error ? e.message : String(e));
        break;
      }
    }
    record.responseBytes = bytes({ Results: results.map(({ a, v }) => ({ ActionId: a.id, Value: responseValue(v) })) });
    if (failure) throw failure;
    if (record.responseBytes > this.payloadLimit) {
      throw new FakeError('ResponsePayloadSizeLimitExceeded', `Phản hồi ${record.responseBytes} byte vượt giới hạn ${this.payloadLimit}`);
    }
    for (const { a, v } of results) a.deliver!(v);
  }
}

function encodeArg(a: unknown): unknown {
  return a instanceof Proxy ? { _ObjectPathId: a._id } : a;
}

function responseValue(v: unknown): unknown {
  if (Array.isArray(v) && v.length && typeof v[0] === 'object' && v[0] !== null && 'v' in (v[0] as object) && ('s' in (v[0] as object) || 't' in (v[0] as object))) {
    return (v as Array<{ v: unknown }>).map((x) => x.v);
  }
  return v;
}

// ---- Office namespace ------------------------------------------------------------

export interface FakeSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(cb?: (r: { status: string; error?: unknown }) => void): void;
}

export interface FakeOfficeNamespace {
  onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  context: {
    requirements: { isSetSupported(name: string, version?: string): boolean };
    document: { settings: FakeSettings };
    diagnostics: { platform: string; version: string };
  };
  HostType: { Excel: string };
  AsyncResultStatus: { Succeeded: string; Failed: string };
}

function makeOffice(host: FakeOffice, platform: string): FakeOfficeNamespace {
  // The add-in's view of the settings, saved into the document by saveAsync.
  const live = new Map<string, string>(host.wb.settings);
  const settings: FakeSettings = {
    get: (name) => {
      const v = live.get(name);
      return v === undefined ? null : JSON.parse(v);
    },
    set: (name, value) => {
      live.set(name, JSON.stringify(value));
    },
    remove: (name) => {
      live.delete(name);
    },
    saveAsync: (cb) => {
      host.wb.settings.clear();
      for (const [k, v] of live) host.wb.settings.set(k, v);
      host.settingsBytes = bytes(Object.fromEntries(live));
      const status = host.settingsBytes > 2 * 1024 * 1024 ? 'failed' : 'succeeded';
      setTimeout(() => cb?.(status === 'succeeded' ? { status } : { status, error: { message: 'Settings quá 2 MB' } }), 0);
    },
  };
  const info = { host: 'Excel', platform };
  return {
    onReady: (cb) => {
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: { isSetSupported: (n, v) => host.isSetSupported(n, v) },
      document: { settings },
      diagnostics: { platform, version: '16.0' },
    },
    HostType: { Excel: 'Excel' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  };
}

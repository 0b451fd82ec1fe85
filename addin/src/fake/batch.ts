/**
 * The batching model of Office.js, shared by every fake proxy. In: calls on
 * proxy objects. Out: queued actions (run against the workbook at sync time),
 * loads that fill proxies after the sync, and the byte size of a response as
 * Office.js would carry it.
 *
 * A proxy stands for an object path (workbook → worksheets.getItem(…) →
 * getRange(…)); it resolves to its target in the workbook state when the
 * batch runs. Reading a property that was not loaded throws PropertyNotLoaded,
 * as Office.js does. Loads take Office.js's paths: "values", "custom/rule/formula",
 * "items/name" on collections. A proxy made by an *OrNullObject method
 * resolves to null instead of failing and loads isNullObject.
 */
import { FakeError } from './errors.js';
import type { FakeContext } from './office.js';

export interface Action {
  id: number;
  /** Office.js ActionType: 1 instantiate, 2 query, 3 method, 4 set property. */
  type: number;
  name: string;
  proxy: Proxy;
  args?: unknown[];
  run: () => unknown;
  /** Called with run()'s result after the batch, for loads. */
  deliver?: (value: unknown) => void;
  query?: boolean;
  /** The ExcelApi version the call needs (the host refuses newer ones with ApiNotFound). */
  api?: string;
  apiName?: string;
}

export type LoadSpec = string | string[] | { select?: string | string[] };
export type Readers = Record<string, [string, (target: any) => unknown]>;
type Resolver = (parent: any) => any;
type ProxyCtor<T> = new (...a: ConstructorParameters<typeof Proxy>) => T;

export function versionAtLeast(have: string, need: string): boolean {
  const [a1, a2] = have.split('.').map(Number);
  const [b1, b2] = need.split('.').map(Number);
  return a1! > b1! || (a1 === b1 && a2! >= b2!);
}

function maxVersion(a: string, b: string): string {
  return versionAtLeast(a, b) ? a : b;
}

/** Property names of a load call; undefined: every scalar property. */
export function loadNames(spec?: LoadSpec): string[] | undefined {
  if (spec === undefined) return undefined;
  const raw = typeof spec === 'string' ? spec.split(',') : Array.isArray(spec) ? spec : typeof spec.select === 'string' ? spec.select.split(',') : (spec.select ?? []);
  return raw.map((n) => n.trim()).filter(Boolean);
}

// ---- measuring -----------------------------------------------------------------

export const encoder = new TextEncoder();

/**
 * A grid of cell properties (values, formulas, …) that knows its JSON size
 * before it exists: a read of A1:XFD100 is measured cell by cell without
 * building 1.6 million entries, and built only when it fits the response cap.
 */
export class LazyGrid<T = unknown> {
  constructor(
    readonly bytes: number,
    readonly build: () => T[][],
  ) {}
}

/** A result whose wire form (what Office.js sends) differs from what the fake hands the proxies. */
export class Payload {
  constructor(
    readonly wire: unknown,
    readonly local: unknown,
  ) {}
}

/** Bytes of a value as JSON on the wire, grids by their own count. */
export function measure(v: unknown): number {
  let extra = 0;
  const json = JSON.stringify(v, (_k, x) => {
    if (x instanceof LazyGrid) {
      extra += x.bytes - 1; // stands in as "0"
      return 0;
    }
    if (x instanceof Payload) return x.wire;
    return x;
  });
  return (json === undefined ? 0 : encoder.encode(json).length) + extra;
}

/** Bytes of one scalar in JSON, without building the JSON for plain ASCII text. */
export function jsonBytes(v: unknown): number {
  if (v === '') return 2;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === 'boolean') return v ? 4 : 5;
  if (typeof v !== 'string') return v === null || v === undefined ? 4 : measure(v);
  return stringJsonBytes(v);
}

/** UTF-8 bytes of a string as a JSON string literal (quotes and escapes included), without encoding it. */
function stringJsonBytes(v: string): number {
  let n = 2;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < v.length) {
      const d = v.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6; // a lone surrogate, escaped by JSON.stringify
    } else if (c >= 0xd800 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

// ---- proxies -------------------------------------------------------------------

let pathIds = 0;

export abstract class Proxy {
  readonly _id = ++pathIds;
  _target: any;
  _loaded = new Map<string, unknown>();
  /** Made by an *OrNullObject method: resolves to null rather than failing. */
  _nullable = false;
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

  get isNullObject(): boolean {
    return this._get('isNullObject');
  }

  _resolve(): any {
    if (this._target === undefined) {
      const parent = this._parent ? this._parent._resolve() : undefined;
      // A path through a null object leads nowhere.
      if (this._parent && parent === null) throw new FakeError('ItemNotFound', `${this._parent.constructor.name} không tồn tại`);
      this._target = this._resolver(parent);
    }
    return this._target;
  }

  /** Scalar properties this proxy can load, each with the ExcelApi version it needs. */
  abstract _readers(): Readers;

  /** A child returned by a method: instantiated in the batch right away, like Office.js. */
  protected _method<T extends Proxy>(Ctor: ProxyCtor<T>, name: string, args: unknown[], resolve: Resolver, api = '1.1', nullable = false): T {
    const child = new Ctor(this._ctx, this, name, args, 3, resolve);
    child._nullable = nullable;
    this._ctx.queue({ type: 1, name: '', proxy: child, run: () => child._resolve(), api, apiName: `${this.constructor.name}.${name}` });
    return child;
  }

  /** A child reached by a property: the same object each time, resolved when first used. */
  protected _prop<T extends Proxy>(Ctor: ProxyCtor<T>, name: string, resolve: Resolver, nullable = false): T {
    let p = this.props.get(name) as T | undefined;
    if (!p) {
      p = new Ctor(this._ctx, this, name, [], 4, resolve);
      p._nullable = nullable;
      this.props.set(name, p);
    }
    return p;
  }

  protected _set(name: string, value: unknown, apply: (target: any, value: unknown) => void, api = '1.1'): void {
    this._ctx.queue({ type: 4, name, proxy: this, args: [value], run: () => apply(this._resolve(), value), api, apiName: `${this.constructor.name}.${name}` });
  }

  protected _call(name: string, args: unknown[], apply: (target: any) => unknown, api = '1.1'): void {
    this._ctx.queue({ type: 3, name, proxy: this, args, run: () => apply(this._resolve()), api, apiName: `${this.constructor.name}.${name}` });
  }

  /** A method that returns a value (getCount(), getCellProperties()): a ClientResult filled by the sync. */
  protected _result<T>(name: string, args: unknown[], compute: (target: any) => T | LazyGrid, api = '1.1'): ClientResult<T> {
    const result = new ClientResult<T>();
    this._ctx.queue({
      type: 3,
      name,
      proxy: this,
      args,
      query: true,
      api,
      apiName: `${this.constructor.name}.${name}`,
      run: () => compute(this._resolve()),
      deliver: (v) => result._deliver((v instanceof LazyGrid ? v.build() : v) as T),
    });
    return result;
  }

  protected _get<T>(name: string): T {
    if (!this._loaded.has(name)) {
      throw new FakeError('PropertyNotLoaded', `${this.constructor.name}.${name} chưa được load (PropertyNotLoaded)`);
    }
    return this._loaded.get(name) as T;
  }

  load(spec?: LoadSpec): this {
    const names = loadNames(spec) ?? Object.keys(this._readers());
    const scalars = names.filter((n) => !n.includes('/'));
    if (scalars.length || names.length === 0) this._queueLoad(scalars);
    for (const [head, rest] of groupPaths(names)) this._child(head).load(rest);
    return this;
  }

  /** The child proxy a load path goes through ("custom" in "custom/rule/formula"). */
  _child(name: string): Proxy {
    const p = (this as unknown as Record<string, unknown>)[name];
    if (!(p instanceof Proxy)) throw new Error(`fake: ${this.constructor.name} has no navigation property "${name}"`);
    return p;
  }

  protected _queueLoad(names: string[]): void {
    const readers = this._readers();
    const wanted = names.filter((n) => n !== 'isNullObject');
    let api = this._nullable ? '1.4' : '1.1';
    for (const n of wanted) {
      const r = readers[n];
      if (!r) throw new Error(`fake: ${this.constructor.name} cannot load "${n}"`);
      api = maxVersion(api, r[0]);
    }
    this._ctx.queue({
      type: 2,
      name: '',
      proxy: this,
      args: names,
      query: true,
      api,
      apiName: `${this.constructor.name}.load(${names.join(',')})`,
      run: () => readScalars(this, wanted),
      deliver: (v) => {
        for (const [k, val] of Object.entries(v as Record<string, unknown>)) this._loaded.set(k, val instanceof LazyGrid ? val.build() : val);
      },
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

function readScalars(p: Proxy, names: string[]): Record<string, unknown> {
  const t = p._resolve();
  const out: Record<string, unknown> = {};
  if (p._nullable) {
    out.isNullObject = t === null;
    if (t === null) return out;
  }
  const readers = p._readers();
  for (const n of names) out[n] = readers[n]![1](t);
  return out;
}

/** "custom/rule/formula", "custom/format/fill/color" → custom → ["rule/formula", "format/fill/color"]. */
function groupPaths(names: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of names) {
    const i = n.indexOf('/');
    if (i < 0) continue;
    const head = n.slice(0, i);
    out.set(head, [...(out.get(head) ?? []), n.slice(i + 1)]);
  }
  return out;
}

/** Read scalars and nested paths of a proxy inside the batch; the assignments are made after it. */
function collect(p: Proxy, names: string[], assigns: Array<[Proxy, string, unknown]>): Record<string, unknown> {
  const scalars = names.filter((n) => !n.includes('/') && n !== 'isNullObject');
  const wire = readScalars(p, scalars);
  for (const [k, v] of Object.entries(wire)) assigns.push([p, k, v]);
  if (wire.isNullObject === true) return wire;
  for (const [head, rest] of groupPaths(names)) wire[head] = collect(p._child(head), rest, assigns);
  return wire;
}

/**
 * A collection (worksheets, tables, conditional formats, names): load
 * "items/…" fills `items` with one proxy per member, its properties (nested
 * paths too) read in the same batch.
 */
export abstract class CollectionProxy<T extends Proxy> extends Proxy {
  items: T[] = [];

  /** The members' targets, in Excel's order. */
  abstract _itemTargets(target: any): unknown[];
  /** A proxy for one member (as getItem / getItemAt would make it). */
  abstract _itemProxy(target: unknown, index: number): T;
  /** The member's scalar readers, for a plain load("items"). */
  abstract _itemReaders(): Readers;
  /** The ExcelApi version of the collection itself. */
  protected _api(): string {
    return '1.1';
  }

  override load(spec?: LoadSpec): this {
    const names = loadNames(spec) ?? [];
    const itemNames = names.filter((n) => n === 'items' || n.startsWith('items/')).flatMap((n) => (n === 'items' ? Object.keys(this._itemReaders()) : [n.slice(6)]));
    const own = names.filter((n) => n !== 'items' && !n.startsWith('items/'));
    if (own.length || itemNames.length === 0) super.load(own.length ? own : spec);
    if (itemNames.length === 0) return this;
    let api = this._api();
    for (const n of itemNames) {
      const r = this._itemReaders()[n];
      if (r) api = maxVersion(api, r[0]);
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
        const assigns: Array<[Proxy, string, unknown]> = [];
        const proxies = this._itemTargets(this._resolve()).map((t, i) => {
          const p = this._itemProxy(t, i);
          p._target = t;
          return p;
        });
        const wire = proxies.map((p) => collect(p, itemNames, assigns));
        return new Payload({ items: wire }, { proxies, assigns });
      },
      deliver: (v) => {
        const { proxies, assigns } = (v as Payload).local as { proxies: T[]; assigns: Array<[Proxy, string, unknown]> };
        this.items = proxies;
        for (const [p, k, x] of assigns) p._loaded.set(k, x instanceof LazyGrid ? x.build() : x);
      },
    });
    return this;
  }
}

export class ClientResult<T> {
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

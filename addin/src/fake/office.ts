/**
 * A fake of the Office.js Excel API: the subset the adapter uses, with the
 * same batching model (batch.ts). In: Excel.run batches from the adapter.
 * Out: changes to a WorkbookState, loaded proxies, and a record of every sync.
 *
 * Every sync is measured: the request is serialised the way Office.js
 * serialises a batch (object paths plus actions, JSON) and the response as
 * the loaded values. Excel on the web refuses a request or a response over
 * 5 MB (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded).
 * A call from a requirement set newer than the host fails at sync time with
 * ApiNotFound, as an old Excel would. Office.js batches are not
 * transactional: the actions before a failing one stay applied.
 *
 * Tests can also put the host in cell-edit mode (`editing`), make a coming
 * sync fail (`failSync`, `onSync`), and close and reopen the workbook
 * (`reopen`). The proxies are in sheets.ts, range.ts, format.ts, tables.ts,
 * names.ts, conditional.ts; Office.* in office-namespace.ts.
 *
 * Browser-safe: the e2e stub bundles it as window.Excel / window.Office.
 */
import { measure, versionAtLeast, type Action, Proxy } from './batch.js';
import { FakeError } from './errors.js';
import { DocumentSettings, makeOffice, type FakeOfficeNamespace } from './office-namespace.js';
import { WorkbookP } from './sheets.js';
import { WorkbookState } from './state.js';

/**
 * Excel on the web: "a payload size limit for requests and responses of 5MB"
 * ("Resource limits and performance optimization for Office Add-ins"), taken
 * as 5,000,000 bytes, the stricter reading.
 */
export const PAYLOAD_LIMIT = 5_000_000;

/** Office.Settings: at most 2 MB for an add-in's settings (taken as 2,000,000 bytes of their JSON). */
export const SETTINGS_LIMIT = 2_000_000;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The error code the sync failed with, if it did. */
  failed?: string;
}

export interface FakeOptions {
  /** Highest ExcelApi version the host supports ("1.1" = Office 2016 volume licence). */
  api?: string;
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
  payloadLimit?: number;
  /** Bytes of the settings' JSON a save may hold (default SETTINGS_LIMIT). */
  settingsLimit?: number;
}

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

export class FakeOffice {
  readonly wb: WorkbookState;
  readonly api: string;
  readonly syncs: SyncRecord[] = [];
  readonly payloadLimit: number;
  readonly settingsLimit: number;
  readonly platform: string;
  /** Bytes of the settings as last saved. */
  settingsBytes = 0;
  /**
   * The user is typing in a cell: every sync that carries actions fails
   * with InvalidOperationInCellEditMode ("The operation isn't available while
   * Excel is in Edit cell mode", Excel error codes) until set back to false.
   */
  editing = false;
  /** Called before each sync that carries actions; a code returned fails it (before any action runs). */
  onSync?: (record: SyncRecord, index: number) => string | null;
  readonly Excel: { run: <T>(batch: (ctx: FakeContext) => Promise<T>) => Promise<T>; RequestContext: typeof FakeContext };
  readonly Office: FakeOfficeNamespace;
  private readonly settings: DocumentSettings;
  /** Syncs that carried actions so far, and the failures planned for coming ones (sync number → code). */
  private requests = 0;
  private planned = new Map<number, string>();

  constructor(wb: WorkbookState = new WorkbookState(), o: FakeOptions = {}) {
    this.wb = wb;
    this.api = o.api ?? '1.9';
    this.platform = o.platform ?? 'OfficeOnline';
    // Only Excel on the web caps a request.
    this.payloadLimit = o.payloadLimit ?? (this.platform === 'OfficeOnline' ? PAYLOAD_LIMIT : Number.POSITIVE_INFINITY);
    this.settingsLimit = o.settingsLimit ?? SETTINGS_LIMIT;
    this.Excel = {
      run: async <T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> => {
        const ctx = new FakeContext(this);
        const out = await batch(ctx);
        if (ctx.pending.length) throw new Error(`fake: Excel.run ended with ${ctx.pending.length} queued actions never synced`);
        return out;
      },
      RequestContext: FakeContext,
    };
    this.settings = new DocumentSettings(this);
    this.Office = makeOffice(this, this.settings);
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

  /**
   * Make the n-th sync from now (1 = the next) fail with `code` before any
   * of its actions runs, once, as a refused request does. Only syncs that
   * carry actions count: an empty sync sends nothing to Excel.
   */
  failSync(n: number, code: string): void {
    this.planned.set(this.requests + n, code);
  }

  /**
   * Close the workbook and open it again: the add-in's settings are read
   * from the document (what was not saved is gone) and every worksheet gets
   * a new id (names stay), so getItem(oldId) fails with ItemNotFound.
   */
  reopen(): void {
    this.wb.reopenIds();
    this.settings.reload();
    this.editing = false;
  }

  async runBatch(actions: Action[]): Promise<void> {
    const requestBytes = actions.length === 0 ? 0 : measure(request(actions));
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length };
    this.syncs.push(record);
    if (actions.length === 0) return;
    const n = ++this.requests;
    const fail = (code: string, message: string): never => {
      record.failed = code;
      throw new FakeError(code, message);
    };
    const planned = this.planned.get(n);
    if (planned) {
      this.planned.delete(n);
      fail(planned, `Lỗi giả lập ở lần sync ${n}`);
    }
    const hooked = this.onSync?.(record, this.syncs.length - 1);
    if (hooked) fail(hooked, `Lỗi giả lập (onSync) ở lần sync ${n}`);
    if (this.editing) fail('InvalidOperationInCellEditMode', 'Excel đang ở chế độ sửa ô');
    if (requestBytes > this.payloadLimit) fail('RequestPayloadSizeLimitExceeded', `Yêu cầu ${requestBytes} byte vượt giới hạn ${this.payloadLimit}`);

    const results: Array<{ a: Action; v: unknown }> = [];
    let failure: FakeError | null = null;
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
    record.responseBytes = measure({ Results: results.map(({ a, v }) => ({ ActionId: a.id, Value: v })) });
    if (failure) {
      record.failed = failure.code;
      throw failure;
    }
    if (record.responseBytes > this.payloadLimit) {
      fail('ResponsePayloadSizeLimitExceeded', `Phản hồi ${record.responseBytes} byte vượt giới hạn ${this.payloadLimit}`);
    }
    for (const { a, v } of results) a.deliver!(v);
  }
}

/** The request as Office.js sends it: the object paths the actions use, then the actions. */
function request(actions: Action[]): unknown {
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
  return { Actions: json, ObjectPaths: Object.fromEntries(paths) };
}

function encodeArg(a: unknown): unknown {
  return a instanceof Proxy ? { _ObjectPathId: a._id } : a;
}

// What tests, host.ts and stub.ts import from here.
export { ClientResult, Proxy } from './batch.js';
export type { Action } from './batch.js';
export { ConditionalFormatP, ConditionalFormatsP } from './conditional.js';
export { RangeFillP, RangeFontP, RangeFormatP } from './format.js';
export { NamedItemP, NamedItemsP } from './names.js';
export type { FakeOfficeNamespace, FakeSettings } from './office-namespace.js';
export { DataValidationP, RangeAreasP, RangeP } from './range.js';
export { FreezePanesP, PageLayoutP, WorkbookP, WorksheetP, WorksheetProtectionP, WorksheetsP } from './sheets.js';
export { TableColumnP, TableColumnsP, TableP, TablesP } from './tables.js';

/// <reference types="office-js" />
/**
 * The add-in's one door to Excel. The pane and the core see plain data
 * (rows of values, 0-based cell positions, fill colours) and never touch
 * Excel.* or Office.*; every Office.js call lives in this folder, one module
 * per action (read.ts, mark.ts, clear.ts, write-tasks.ts, write-report.ts),
 * all of them sending their work through the request budget (budget.ts).
 *
 * - Requirement sets are checked at run time: the baseline needs only
 *   ExcelApi 1.1; widths, frozen header, dropdowns, per-cell reads,
 *   multi-area writes, conditional rules and page layout switch on where the
 *   host has them.
 * - Marks are recorded exactly and stored before they are written, so that
 *   clearing them restores every cell the user had, even after a failure.
 */
import { cellAddress } from './address.js';
import { Batch, limitsFor, type Limits } from './budget.js';
import { clearMarks } from './clear.js';
import { capabilities, ExcelError, wrapError, type Capabilities, type Host } from './host.js';
import { applyMarks, MarkWriteError } from './mark.js';
import type { MarkLog, PackedMarkLog } from './mark-log.js';
import { readSheet } from './read.js';
import type { Session } from './session.js';
import type { ClearResult, MarkRequest, ReadPlan, ReportSpec, SheetHead, SheetRead, TaskSheetSpec, WrittenSheet } from './types.js';
import { writeReportSheet } from './write-report.js';
import { writeTaskSheet } from './write-tasks.js';

export * from './types.js';
export { capabilities, ExcelError, officeHost, officeReady, type Capabilities, type Host } from './host.js';
export { isPackedMarkLog, rowKey, textHash, type MarkLog, type PackedMarkLog } from './mark-log.js';

export class ExcelAdapter implements Session {
  readonly caps: Capabilities;
  readonly limits: Limits;
  /** Syncs made by the last action (for the pane's log and the tests). */
  lastSyncs = 0;

  constructor(private readonly host: Host) {
    this.caps = capabilities(host);
    this.limits = limitsFor(host.platform);
  }

  async run<T>(f: (b: Batch) => Promise<T>): Promise<T> {
    this.lastSyncs = 0;
    try {
      return await this.host.run((ctx) => f(new Batch(ctx, this.limits, () => this.lastSyncs++)));
    } catch (e) {
      if (e instanceof MarkWriteError) throw e;
      throw wrapError(e);
    }
  }

  // ---- settings ----

  getSetting<T>(key: string): T | null {
    const v = this.host.settings.get(key) as T | undefined | null;
    return v === undefined ? null : v;
  }

  setSetting(key: string, value: unknown): void {
    this.host.settings.set(key, value);
  }

  removeSetting(key: string): void {
    this.host.settings.remove(key);
  }

  saveSettings(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.host.settings.saveAsync((r: Office.AsyncResult<void>) => {
        if (r && String(r.status) === 'failed') reject(new ExcelError('SettingsSaveFailed', String(r.error?.message ?? 'settings')));
        else resolve();
      });
    });
  }

  // ---- actions ----

  /** The active sheet's task table, or that of `sheet` (by id, then name). */
  readSheet(locate: (head: SheetHead) => ReadPlan | null, sheet?: { id: string; name: string | null }): Promise<SheetRead | null> {
    return readSheet(this, locate, sheet);
  }

  /**
   * Mark a sheet: the log is stored through `store` before any mark is
   * written. When a write fails, what got through is undone with that log
   * (and when even that fails, the stored log lets Xoá đánh dấu do it later).
   */
  async applyMarks(req: MarkRequest, store: (packed: PackedMarkLog) => Promise<void>): Promise<MarkLog> {
    try {
      return await applyMarks(this, req, store);
    } catch (e) {
      if (!(e instanceof MarkWriteError)) throw e instanceof ExcelError ? e : wrapError(e);
      const cause = wrapError(e.reason);
      let undone = false;
      try {
        await clearMarks(this, e.packed);
        undone = true;
      } catch {
        // The log is stored: Xoá đánh dấu can finish the job.
      }
      throw new MarksNotWritten(cause, undone);
    }
  }

  clearMarks(packed: PackedMarkLog): Promise<ClearResult> {
    return clearMarks(this, packed);
  }

  /** Show a cell: activate its sheet and select it. */
  async select(sheetId: string, row: number, col: number): Promise<void> {
    await this.run(async (b) => {
      const ws = b.ctx.workbook.worksheets.getItem(sheetId);
      ws.activate();
      ws.getRange(cellAddress(row, col)).select();
      await b.flush();
    });
  }

  writeTaskSheet(spec: TaskSheetSpec): Promise<WrittenSheet> {
    return writeTaskSheet(this, spec);
  }

  writeReportSheet(spec: ReportSpec): Promise<WrittenSheet> {
    return writeReportSheet(this, spec);
  }
}

/** Marks that could not all be written: the sheet was put back (`undone`) or the log waits for Xoá đánh dấu. */
export class MarksNotWritten extends ExcelError {
  constructor(
    readonly reason: ExcelError,
    readonly undone: boolean,
  ) {
    super(reason.code, reason.message);
    this.name = 'MarksNotWritten';
  }
}

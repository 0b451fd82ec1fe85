/**
 * The add-in's actions, wiring the core to the Excel adapter: import a plan,
 * check a sheet, clear the marks, write the rollup, and the settings. No
 * Excel.* here: everything that touches the workbook goes through
 * ExcelAdapter, everything that reads plans or judges tasks through the core.
 */
import { convertDocument as coreConvert, type ConvertOptions } from '../../../pipeline/convert.js';
import type { ConvertedDocument } from '../../../pipeline/model/document.js';
import { isPlanError } from '../../../pipeline/model/errors.js';
import type { Finding, Severity } from '../../../pipeline/model/finding.js';
import { check, DEFAULT_DUE_SOON_DAYS, RULES } from '../../../pipeline/check/rules.js';
import { rollup } from '../../../pipeline/rollup/rollup.js';
import { cellAddress } from '../excel/address.js';
import { ExcelError, isPackedMarkLog, MarksNotWritten, type ExcelAdapter, type PackedMarkLog, type SheetRead } from '../excel/adapter.js';
import { taskSheetSpec } from './layout.js';
import { markCells, noteColumn, placeFindings, rowKeys } from './marks.js';
import { reportSpec } from './report.js';
import { wordReport } from './word-report.js';
import { locate, readPlan, tasksFromSheet, type Located, type SheetTasks } from './table.js';

export interface AppSettings {
  /** Days before a deadline that count as "due soon". */
  dueSoonDays: number;
  /** Whether recurring deadlines ("Thường xuyên") count as vague. */
  recurringIsVague: boolean;
  /** Whether routine tasks ("thường xuyên") leave both completion rates, as QĐ 23/2018 counts. */
  excludeRoutine: boolean;
}

export const DEFAULT_SETTINGS: AppSettings = { dueSoonDays: DEFAULT_DUE_SOON_DAYS, recurringIsVague: true, excludeRoutine: true };

/** Keys in the document settings. */
export const KEY = {
  settings: 'phuluc.settings',
  /** The plan a sheet was imported from (title, number, date): the issue date feeds deadline.before_issue. */
  doc: (sheetId: string) => `phuluc.doc.${sheetId}`,
  /** Sheet id → name of the sheets with a plan: a sheet's id may change when the workbook is reopened, its name is the fallback. */
  docs: 'phuluc.docs',
  /** Exactly what the last check changed on a sheet. */
  marks: (sheetId: string) => `phuluc.marks.${sheetId}`,
  /** Sheets that carry marks now. */
  marked: 'phuluc.marked',
  /** The task sheet last imported or checked ({id, name}), for a rollup started from another sheet. */
  source: 'phuluc.source',
} as const;

export interface DocInfo {
  sheetName?: string;
  file: string;
  title: string | null;
  number: string | null;
  date: string | null;
}

export interface ImportResult {
  sheetName: string;
  tasks: number;
  /** Cells whose text was cut to Excel's 32,767 characters. */
  clipped: number;
  findings: number;
  document: ConvertedDocument['document'];
  syncs: number;
}

export interface FindingItem {
  rule: string;
  severity: Severity;
  message: string;
  messageEn: string;
  sheetId: string;
  row: number;
  col: number;
  /** "E12". */
  address: string;
}

export interface FindingGroup {
  /** The rule's code: for grouping and tests, never shown to the user. */
  rule: string;
  title: string;
  titleEn: string;
  severity: Severity;
  count: number;
  items: FindingItem[];
}

export interface CheckResult {
  sheetName: string;
  tasks: number;
  findings: Finding[];
  groups: FindingGroup[];
  marked: number;
  /** Syncs of the read and the mark (clearing earlier marks not included). */
  syncs: number;
}

export interface ClearTotals {
  fills: number;
  values: number;
  skipped: number;
  /** The hidden sheet holding a large check's log was deleted: the marks could not be put back. */
  logMissing: boolean;
  /** This Excel cannot remove the conditional rule a newer one added: it stays until removed by hand. */
  ruleLeft: boolean;
}

export interface RollupResult {
  sheetName: string;
  source: string;
  agencies: number;
  tasks: number;
}

/** A fault to show the user: Vietnamese first, English for an Office whose language is not Vietnamese. */
export class UserError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(vi);
    this.name = 'UserError';
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export class PhulucApp {
  constructor(
    readonly excel: ExcelAdapter,
    private readonly convert: (file: string, bytes: Uint8Array, o?: ConvertOptions) => Promise<ConvertedDocument> = coreConvert,
  ) {}

  settings(): AppSettings {
    const s = this.excel.getSetting<Partial<AppSettings>>(KEY.settings) ?? {};
    const days = Number(s.dueSoonDays);
    return {
      dueSoonDays: Number.isFinite(days) && days >= 0 ? Math.round(days) : DEFAULT_SETTINGS.dueSoonDays,
      recurringIsVague: typeof s.recurringIsVague === 'boolean' ? s.recurringIsVague : DEFAULT_SETTINGS.recurringIsVague,
      excludeRoutine: typeof s.excludeRoutine === 'boolean' ? s.excludeRoutine : DEFAULT_SETTINGS.excludeRoutine,
    };
  }

  async saveSettings(s: AppSettings): Promise<void> {
    this.excel.setSetting(KEY.settings, {
      dueSoonDays: Math.max(0, Math.round(s.dueSoonDays)),
      recurringIsVague: s.recurringIsVague,
      excludeRoutine: s.excludeRoutine,
    });
    await this.saveOrSay();
  }

  /** Nhập phụ lục: the core reads the file in the pane and its tasks go to a new sheet laid out like the CLI's. */
  async importPlan(file: string, bytes: Uint8Array, asOf?: string): Promise<ImportResult> {
    const s = this.settings();
    let doc: ConvertedDocument;
    try {
      doc = await this.convert(file, bytes, { asOf, dueSoonDays: s.dueSoonDays, recurringIsVague: s.recurringIsVague });
    } catch (e) {
      if (isPlanError(e)) throw new UserError(e.vi, e.en);
      const why = e instanceof Error ? e.message : String(e);
      throw new UserError(`Không đọc được tệp ${file}: ${why}`, `Could not read ${file}: ${why}`);
    }
    const written = await this.guard(() => this.excel.writeTaskSheet(taskSheetSpec(doc)));
    const syncs = this.excel.lastSyncs;
    const info: DocInfo = { sheetName: written.sheetName, file: doc.source.file, title: doc.document.title, number: doc.document.number, date: doc.document.date };
    this.excel.setSetting(KEY.doc(written.sheetId), info);
    const docs = this.excel.getSetting<Record<string, string>>(KEY.docs) ?? {};
    this.excel.setSetting(KEY.docs, { ...docs, [written.sheetId]: written.sheetName });
    this.excel.setSetting(KEY.source, { id: written.sheetId, name: written.sheetName });
    await this.saveOrSay();
    return {
      sheetName: written.sheetName,
      tasks: doc.tasks.length,
      clipped: written.clipped,
      findings: doc.findings.length,
      document: doc.document,
      syncs,
    };
  }

  /** The plan behind a sheet: by its id, else by its name (ids change when a workbook is reopened). */
  private docInfo(sheetId: string, sheetName: string): DocInfo | null {
    const byId = this.excel.getSetting<DocInfo>(KEY.doc(sheetId));
    if (byId) return byId;
    const docs = this.excel.getSetting<Record<string, string>>(KEY.docs) ?? {};
    const id = Object.keys(docs).find((k) => docs[k] === sheetName);
    return id ? this.excel.getSetting<DocInfo>(KEY.doc(id)) : null;
  }

  /** Save the settings; a failure is told in words. */
  private async saveOrSay(): Promise<void> {
    await this.guard(() => this.excel.saveSettings());
  }

  /** Read the task table of the active sheet (or of `sheetId`), null when there is none. */
  private async readTasks(sheet?: { id: string; name: string | null }, withText = false): Promise<{ loc: Located; read: SheetRead; sheet: SheetTasks } | null> {
    let loc: Located | null = null;
    const read = await this.guard(() =>
      this.excel.readSheet((head) => {
        loc = locate(head);
        return loc ? readPlan(loc, head, withText) : null;
      }, sheet),
    );
    if (!read || !loc) return null;
    return { loc, read, sheet: tasksFromSheet(loc, read) };
  }

  /** Kiểm tra: run the rules on the active sheet's task table, mark the cells, list the findings. */
  async check(asOf: string): Promise<CheckResult> {
    await this.clearMarks();
    const found = await this.readTasks();
    if (!found) {
      throw new UserError(
        'Trang đang mở không có bảng nhiệm vụ: cần một dòng tiêu đề có "Nội dung" và "Cơ quan chủ trì" hoặc "Thời hạn" (trong 40 dòng đầu).',
        'The open sheet has no task table: it needs a header row with "Nội dung" and "Cơ quan chủ trì" or "Thời hạn" (within the first 40 rows).',
      );
    }
    let syncs = this.excel.lastSyncs;
    const { loc, read, sheet } = found;
    if (read.protected) {
      throw new UserError(
        `Trang “${read.head.sheetName}” đang được bảo vệ nên không đánh dấu được: hãy bỏ bảo vệ trang (Xem lại → Bỏ bảo vệ Trang tính) rồi bấm Kiểm tra.`,
        `Sheet “${read.head.sheetName}” is protected, so it cannot be marked: unprotect it (Review → Unprotect Sheet), then click Kiểm tra.`,
      );
    }
    const s = this.settings();
    const info = this.docInfo(read.head.sheetId, read.head.sheetName);
    const findings = check(sheet.tasks, {
      asOf,
      dueSoonDays: s.dueSoonDays,
      recurringIsVague: s.recurringIsVague,
      issueDate: info?.date ?? null,
      tracking: sheet.tracking,
    });
    const placed = placeFindings(findings, sheet);
    const cells = markCells(placed);
    const note = noteColumn(loc, read, sheet, placed, this.excel.caps);
    let marked = 0;
    if (cells.length || note) {
      const id = read.head.sheetId;
      // The log is stored before any mark is written; if it cannot be saved, nothing is written.
      const store = async (packed: PackedMarkLog) => {
        this.excel.setSetting(KEY.marks(id), packed);
        this.excel.setSetting(KEY.marked, [id]);
        try {
          await this.excel.saveSettings();
        } catch (e) {
          this.excel.removeSetting(KEY.marks(id));
          this.excel.setSetting(KEY.marked, []);
          throw e;
        }
      };
      try {
        await this.excel.applyMarks(
          { sheetId: id, sheetName: read.head.sheetName, rowKeys: rowKeys(loc, read, sheet), cells, knownFills: read.fills, note, overRules: read.conditionalFormats },
          store,
        );
      } catch (e) {
        if (e instanceof MarksNotWritten) {
          const why = excelMessage(e.reason);
          if (e.undone) {
            this.excel.removeSetting(KEY.marks(id));
            this.excel.setSetting(KEY.marked, []);
            await this.excel.saveSettings().catch(() => undefined);
            throw new UserError(
              `Không ghi được hết đánh dấu (${why.vi}). Trang đã được trả lại như trước khi kiểm tra.`,
              `Could not write all the marks (${why.en}). The sheet is back as it was before the check.`,
            );
          }
          throw new UserError(
            `Không ghi được hết đánh dấu (${why.vi}). Bấm Xoá đánh dấu để trả lại trang như trước khi kiểm tra.`,
            `Could not write all the marks (${why.en}). Click Xoá đánh dấu to put the sheet back as it was before the check.`,
          );
        }
        if (e instanceof ExcelError) {
          const m = excelMessage(e);
          throw new UserError(m.vi, m.en);
        }
        throw e;
      }
      syncs += this.excel.lastSyncs;
      marked = cells.length;
    }
    this.excel.setSetting(KEY.source, { id: read.head.sheetId, name: read.head.sheetName });
    await this.saveOrSay();

    const items: FindingItem[] = placed.map((p) => ({
      rule: p.finding.rule,
      severity: p.finding.severity,
      message: p.finding.messageVi,
      messageEn: p.finding.messageEn,
      sheetId: read.head.sheetId,
      row: p.row,
      col: p.col,
      address: cellAddress(p.row, p.col),
    }));
    return { sheetName: read.head.sheetName, tasks: sheet.tasks.length, findings, groups: groupFindings(items), marked, syncs };
  }

  /** Xoá đánh dấu: undo every recorded check, exactly. A log kept for a sheet that is gone is dropped. */
  async clearMarks(): Promise<ClearTotals> {
    const sheets = this.excel.getSetting<string[]>(KEY.marked) ?? [];
    const total: ClearTotals = { fills: 0, values: 0, skipped: 0, logMissing: false, ruleLeft: false };
    if (sheets.length === 0) return total;
    for (const id of sheets) {
      const packed = this.excel.getSetting<unknown>(KEY.marks(id));
      // A log this version cannot read (an older add-in's) is dropped rather than misread.
      if (isPackedMarkLog(packed)) {
        const r = await this.guard(() => this.excel.clearMarks(packed));
        total.fills += r.fills;
        total.values += r.values;
        total.skipped += r.skipped;
        total.logMissing ||= r.logMissing;
        total.ruleLeft ||= r.ruleLeft;
      }
      this.excel.removeSetting(KEY.marks(id));
    }
    this.excel.setSetting(KEY.marked, []);
    await this.saveOrSay();
    return total;
  }

  /** Show the cell a finding points at. */
  async select(item: Pick<FindingItem, 'sheetId' | 'row' | 'col'>): Promise<void> {
    await this.guard(() => this.excel.select(item.sheetId, item.row, item.col));
  }

  /** Tổng hợp: the rollup per lead agency as of `asOf`, written to (or refreshed on) the Tổng hợp sheet. */
  async rollup(asOf: string): Promise<RollupResult> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UserError('Ngày báo cáo không hợp lệ.', 'The report date is not valid.');
    const found = await this.taskSheet();
    const s = this.settings();
    const roll = rollup(found.sheet.tasks, found.sheet.tracking, { asOf, dueSoonDays: s.dueSoonDays, excludeRoutine: s.excludeRoutine });
    const written = await this.guard(() => this.excel.writeReportSheet(reportSpec(roll, { dueSoonDays: s.dueSoonDays, source: found.read.head.sheetName })));
    this.excel.setSetting(KEY.source, { id: found.read.head.sheetId, name: found.read.head.sheetName });
    await this.saveOrSay();
    return { sheetName: written.sheetName, source: found.read.head.sheetName, agencies: roll.rows.length, tasks: roll.total.total };
  }

  /**
   * Báo cáo (.docx): the progress report in the official layout, built here
   * from the task sheet as `phuluc rollup --report` builds it; the pane
   * offers the bytes as a download.
   */
  async wordReport(asOf: string, now: Date = new Date()): Promise<{ file: string; bytes: Uint8Array; tasks: number }> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UserError('Ngày báo cáo không hợp lệ.', 'The report date is not valid.');
    const found = await this.taskSheet(true);
    const s = this.settings();
    const info = this.docInfo(found.read.head.sheetId, found.read.head.sheetName);
    const plan = info ? { file: info.file, title: info.title, number: info.number } : null;
    const bytes = await wordReport(found.read.head.sheetName, found.sheet, plan, { asOf, dueSoonDays: s.dueSoonDays, excludeRoutine: s.excludeRoutine, now });
    return { file: `bao-cao-${asOf}.docx`, bytes, tasks: found.sheet.tasks.length };
  }

  /** The task sheet to report on: the active one, else the one last imported or checked. */
  private async taskSheet(withText = false): Promise<{ loc: Located; read: SheetRead; sheet: SheetTasks }> {
    let found = await this.readTasks(undefined, withText);
    if (!found) {
      // Stored as {id, name}; an older add-in stored the id alone.
      const stored = this.excel.getSetting<string | { id: string; name: string }>(KEY.source);
      const source = typeof stored === 'string' ? { id: stored, name: null } : stored;
      if (source) {
        try {
          found = await this.readTasks(source, withText);
        } catch {
          found = null;
        }
      }
    }
    if (!found) throw new UserError('Không tìm thấy bảng nhiệm vụ: hãy mở trang "Nhiệm vụ" rồi bấm Tổng hợp.', 'No task table found: open the "Nhiệm vụ" sheet, then click Tổng hợp.');
    return found;
  }

  private async guard<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof ExcelError) {
        const m = excelMessage(e);
        throw new UserError(m.vi, m.en);
      }
      throw e;
    }
  }
}

export function groupFindings(items: FindingItem[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const it of items) {
    let g = groups.get(it.rule);
    if (!g) {
      const info = RULES[it.rule];
      groups.set(it.rule, (g = { rule: it.rule, title: info?.vi ?? it.message, titleEn: info?.en ?? it.messageEn, severity: it.severity, count: 0, items: [] }));
    }
    g.items.push(it);
    g.count++;
  }
  return [...groups.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || a.rule.localeCompare(b.rule));
}

/** An Excel error in words, without Excel's own codes or API names. */
function excelMessage(e: ExcelError): { vi: string; en: string } {
  switch (e.code) {
    case 'ApiNotFound':
      return {
        vi: 'Phiên bản Excel này chưa hỗ trợ thao tác cần thiết; hãy cập nhật Office hoặc dùng Excel trên web.',
        en: 'This version of Excel does not support a step this needs; update Office or use Excel on the web.',
      };
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return { vi: 'Dữ liệu quá lớn cho một lần gửi tới Excel trên web.', en: 'Too much data for one exchange with Excel on the web.' };
    case 'ItemNotFound':
      return { vi: 'Không tìm thấy trang hoặc bảng cần dùng (có thể đã bị xoá hoặc đổi tên).', en: 'A sheet or table it needs was not found (it may have been deleted or renamed).' };
    case 'InvalidOperationInCellEditMode':
      return {
        vi: 'Excel đang ở chế độ sửa ô: hãy nhấn Enter hoặc Esc để rời ô đang sửa rồi bấm lại.',
        en: 'Excel is editing a cell: press Enter or Esc to leave the cell, then click again.',
      };
    case 'SettingsSaveFailed':
      return {
        vi: 'Không lưu được thông tin vào sổ làm việc (tệp có thể đang chỉ đọc hoặc quá lớn); chưa có gì trên trang bị thay đổi.',
        en: 'Could not save to the workbook (it may be read-only or too large); nothing on the sheet was changed.',
      };
    case 'AccessDenied':
      return {
        vi: 'Trang tính đang được bảo vệ: hãy bỏ bảo vệ trang (Xem lại → Bỏ bảo vệ Trang tính) rồi bấm lại.',
        en: 'The sheet is protected: unprotect it (Review → Unprotect Sheet), then click again.',
      };
    default:
      return { vi: `Excel từ chối thao tác: ${e.message}`, en: `Excel refused the operation: ${e.message}` };
  }
}

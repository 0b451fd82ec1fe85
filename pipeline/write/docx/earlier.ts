import type { TableRow } from '../../model/doc.js';
import { foldKey } from '../../normalise/text.js';
import { loadWorkbook, sheetRows } from '../../read/sheet.js';
import { REPORT_SHEETS } from '../../tracking/report.js';

/**
 * An earlier progress report (.xlsx written by write/report-workbook.ts), read
 * back for comparison (`--since`). In: the workbook's bytes. Out: its report
 * date, its per-agency counts (done, open overdue, total) and the tasks it
 * listed as overdue and due soon (plan, TT, content, lead, deadline). Sheets
 * and columns are found by their names, not by position, so a later layout
 * (a column added, rows moved) still reads. Throws EarlierReportError (in
 * Vietnamese and English) for a workbook that is no such report. Pure
 * (exceljs through read/sheet.ts).
 */

export interface EarlierTask {
  doc: string;
  tt: string | null;
  content: string;
  lead: string;
  end: string | null;
}

export interface EarlierCounts {
  agency: string;
  done: number;
  overdue: number;
  total: number;
}

export interface EarlierReport {
  file: string;
  asOf: string | null;
  byAgency: EarlierCounts[];
  total: EarlierCounts | null;
  overdue: EarlierTask[];
  dueSoon: EarlierTask[];
}

export class EarlierReportError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
    this.name = 'EarlierReportError';
  }
}

export async function readEarlierReport(file: string, bytes: Uint8Array): Promise<EarlierReport> {
  let wb: Awaited<ReturnType<typeof loadWorkbook>>;
  try {
    wb = await loadWorkbook(file, bytes);
  } catch (e) {
    const err = e as { vi?: string; en?: string; message?: string };
    throw new EarlierReportError(err.vi ?? `không mở được ${file}`, err.en ?? `cannot open ${file}: ${err.message ?? String(e)}`);
  }
  const rowsOf = (name: string): TableRow[] | null => {
    const ws = wb.worksheets.find((w) => foldKey(w.name) === foldKey(name));
    return ws ? sheetRows(ws, 1) : null;
  };
  const summary = rowsOf(REPORT_SHEETS.byAgency);
  if (summary === null) {
    throw new EarlierReportError(
      `${file} không phải báo cáo tổng hợp do lệnh rollup tạo (không có trang "${REPORT_SHEETS.byAgency}")`,
      `${file} is not a report written by rollup (no "${REPORT_SHEETS.byAgency}" sheet)`,
    );
  }
  const { rows, total } = countsOf(summary, file);
  return {
    file,
    asOf: asOfOf(summary),
    byAgency: rows,
    total,
    overdue: tasksOf(rowsOf(REPORT_SHEETS.overdue) ?? []),
    dueSoon: tasksOf(rowsOf(REPORT_SHEETS.dueSoon) ?? []),
  };
}

const text = (row: TableRow | undefined, j: number): string => row?.cells[j]?.text.trim() ?? '';

/** "Ngày báo cáo:" and the date beside it (a date cell reads ISO; text as dd/mm/yyyy is taken too). */
function asOfOf(rows: readonly TableRow[]): string | null {
  for (const r of rows) {
    const j = r.cells.findIndex((c) => foldKey(c.text).startsWith('ngày báo cáo'));
    if (j < 0) continue;
    const inline = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(r.cells[j]!.text);
    const v = r.cells.slice(j + 1).map((c) => c.text.trim()).find((t) => t !== '') ?? '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v) ?? inline;
    if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  }
  return null;
}

/** The two header rows of the per-agency table: which column holds which count. */
function countsOf(rows: readonly TableRow[], file: string): { rows: EarlierCounts[]; total: EarlierCounts | null } {
  const h = rows.findIndex((r) => r.cells.some((c) => foldKey(c.text) === foldKey('Cơ quan chủ trì')));
  if (h < 0 || h + 1 >= rows.length) {
    throw new EarlierReportError(`${file}: không tìm thấy bảng tổng hợp theo cơ quan`, `${file}: the per-agency table is not there`);
  }
  const head = rows[h]!;
  const sub = rows[h + 1]!;
  const agencyCol = head.cells.findIndex((c) => foldKey(c.text) === foldKey('Cơ quan chủ trì'));
  const at: Partial<Record<'doneOnTime' | 'doneLate' | 'overdue' | 'total', number>> = {};
  let group = '';
  let groupEnd = -1;
  head.cells.forEach((c, j) => {
    if (c.text !== '' && (c.span ?? 1) > 1) {
      group = foldKey(c.text);
      groupEnd = j + (c.span ?? 1) - 1;
    } else if (j > groupEnd) group = '';
    const s = foldKey(sub.cells[j]?.text ?? '');
    const own = foldKey(c.text);
    if (group === foldKey('Đã hoàn thành') && s === foldKey('Đúng hạn')) at.doneOnTime = j;
    if (group === foldKey('Đã hoàn thành') && s === foldKey('Quá hạn')) at.doneLate = j;
    if (group === foldKey('Chưa hoàn thành') && s === foldKey('Quá hạn')) at.overdue = j;
    if (own === foldKey('Tổng số')) at.total = j;
  });
  if (at.doneOnTime === undefined || at.doneLate === undefined || at.overdue === undefined || at.total === undefined) {
    throw new EarlierReportError(
      `${file}: bảng tổng hợp theo cơ quan thiếu cột (Đã hoàn thành: Đúng hạn, Quá hạn; Chưa hoàn thành: Quá hạn; Tổng số)`,
      `${file}: the per-agency table lacks columns (done on time, done late, open overdue, total)`,
    );
  }
  const num = (r: TableRow, j: number): number => Number(text(r, j)) || 0;
  const out: EarlierCounts[] = [];
  let total: EarlierCounts | null = null;
  for (const r of rows.slice(h + 2)) {
    const name = text(r, agencyCol) || text(r, 0);
    if (name === '' || foldKey(name).startsWith('ghi chú')) break;
    const counts = { agency: name, done: num(r, at.doneOnTime) + num(r, at.doneLate), overdue: num(r, at.overdue), total: num(r, at.total) };
    if (foldKey(name) === foldKey('Tổng cộng')) {
      total = counts;
      break;
    }
    out.push(counts);
  }
  return { rows: out, total };
}

/** A task list ("Quá hạn", "Sắp đến hạn"): header row by its names, then one task a row. */
function tasksOf(rows: readonly TableRow[]): EarlierTask[] {
  const h = rows.findIndex((r) => r.cells.some((c) => foldKey(c.text) === foldKey('Nội dung')));
  if (h < 0) return [];
  const col = (name: string): number => rows[h]!.cells.findIndex((c) => foldKey(c.text) === foldKey(name));
  const [doc, tt, content, lead, end] = ['Văn bản', 'Mã', 'Nội dung', 'Cơ quan chủ trì', 'Hạn cuối'].map(col) as [number, number, number, number, number];
  return rows.slice(h + 1).flatMap((r): EarlierTask[] => {
    const c = text(r, content);
    if (c === '') return [];
    const e = text(r, end);
    return [{ doc: text(r, doc), tt: text(r, tt) || null, content: c, lead: text(r, lead), end: /^\d{4}-\d{2}-\d{2}$/.test(e) ? e : null }];
  });
}

import { dmy } from '../normalise/deadline.js';
import type ExcelJS from 'exceljs';
import { ExcelWorkbook } from './exceljs-workbook.js';
import { CATEGORIES, RATE_LABELS } from '../model/tracking.js';
import type { RollupRow } from '../rollup/rollup.js';
import { REPORT_SHEETS, type Report, type ReportTask } from '../tracking/report.js';
import {
  BORDER,
  colLetter,
  DATE_FORMAT,
  fitHeight,
  fitWidth,
  FONT,
  HEADER_FONT,
  isoToDate,
  PERCENT_FORMAT,
  printSetup,
  solid,
  styleHeader,
  WRAP,
} from './workbook/layout.js';
import { clipWorkbookText } from './workbook/exceljs.js';
import { reportTable, withExcelJSCharts } from './chart/agency-charts.js';

/**
 * The progress report over returned tracking workbooks, as an .xlsx a
 * department can send on: the rollup per agency and per plan in the layout
 * of the government's reports (done on time / late; not done, on time /
 * overdue; no specific deadline; suspended; cancelled) with the two
 * completion rates, each beside its denominator, then the overdue and due-soon tasks, the
 * conflicts between copies and the cells that could not be read. A snapshot
 * of values, not formulas: it reports on other files. Pure (exceljs only).
 */
export { REPORT_SHEETS };

export async function writeReportWorkbook(report: Report): Promise<Uint8Array> {
  const wb = new ExcelWorkbook();
  wb.creator = 'phuluc';
  const by = report.grouping === 'today' ? ' (tên cơ quan hiện nay, sau sắp xếp năm 2025)' : '';
  summarySheet(wb, REPORT_SHEETS.byAgency, report, {
    title: 'TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ',
    subtitle: `Mỗi nhiệm vụ được tính cho từng cơ quan chủ trì của nó${by}; dòng "Tổng cộng" tính mỗi nhiệm vụ một lần.`,
    lead: [{ header: 'Cơ quan chủ trì', width: 40 }],
    rows: report.byAgency.rows.map((row) => ({ lead: [row.agency], row })),
    total: report.byAgency.total,
  });
  summarySheet(wb, REPORT_SHEETS.byDocument, report, {
    title: 'TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO VĂN BẢN',
    subtitle: 'Mỗi nhiệm vụ được tính một lần, theo văn bản giao nhiệm vụ.',
    lead: [
      // Narrow enough for one A4 width at 9 pt or more: the title wraps.
      { header: 'Văn bản', width: fitWidth(report.byDocument.rows.map((r) => r.agency), 16, 24) },
      { header: 'Tên văn bản', width: 30 },
    ],
    rows: report.byDocument.rows.map((row) => ({ lead: [row.agency, row.title], row })),
    total: report.byDocument.total,
  });
  taskList(wb, REPORT_SHEETS.overdue, report, report.overdue, 'Số ngày quá hạn', 'Không có nhiệm vụ nào chưa hoàn thành đã quá hạn.');
  taskList(wb, REPORT_SHEETS.dueSoon, report, report.dueSoon, 'Số ngày còn lại', `Không có nhiệm vụ nào đến hạn trong ${report.dueSoonDays} ngày tới.`);
  conflictSheet(wb, report);
  issueSheet(wb, report);
  filesSheet(wb, report);
  clipWorkbookText(wb);
  const buffer = await wb.xlsx.writeBuffer();
  return withExcelJSCharts(new Uint8Array(buffer as ArrayBuffer), wb, reportTable(REPORT_SHEETS.byAgency));
}

// ── the two rollups ─────────────────────────────────────────────────────────

interface SummarySpec {
  title: string;
  subtitle: string;
  lead: Array<{ header: string; width: number }>;
  rows: Array<{ lead: Array<string | null>; row: RollupRow }>;
  total: RollupRow;
}

/**
 * The count columns, under two header rows: the 2×2 split as the
 * government's reports draw it, the categories outside the rates, and each
 * rate after its denominator and numerator (rollup/rollup.ts).
 */
const COUNT_COLUMNS: ReadonlyArray<{ group: string | null; header: string; value: (r: RollupRow) => number | null; percent?: true }> = [
  { group: 'Đã hoàn thành', header: 'Đúng hạn', value: (r) => r.counts.done_on_time },
  { group: 'Đã hoàn thành', header: 'Quá hạn', value: (r) => r.counts.done_late },
  { group: 'Chưa hoàn thành', header: 'Trong hạn', value: (r) => r.counts.open_on_time },
  { group: 'Chưa hoàn thành', header: 'Quá hạn', value: (r) => r.counts.open_overdue },
  { group: null, header: CATEGORIES.no_deadline, value: (r) => r.counts.no_deadline },
  { group: null, header: CATEGORIES.suspended, value: (r) => r.counts.suspended },
  { group: null, header: CATEGORIES.cancelled, value: (r) => r.counts.cancelled },
  { group: null, header: 'Tổng số', value: (r) => r.total },
  { group: null, header: 'Trong đó sắp đến hạn', value: (r) => r.dueSoon },
  { group: null, header: RATE_LABELS.due, value: (r) => r.due },
  { group: null, header: RATE_LABELS.dueDone, value: (r) => r.dueDone },
  { group: null, header: RATE_LABELS.rateDue, value: (r) => r.rateDue, percent: true },
  { group: null, header: RATE_LABELS.rated, value: (r) => r.rated },
  { group: null, header: RATE_LABELS.ratedDone, value: (r) => r.ratedDone },
  { group: null, header: RATE_LABELS.rateAll, value: (r) => r.rateAll, percent: true },
];

/** First data row of a summary sheet (rows 5 and 6 hold the two header rows). */
export const SUMMARY_FIRST_ROW = 7;

function summarySheet(wb: ExcelJS.Workbook, name: string, report: Report, spec: SummarySpec): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: spec.lead.length, ySplit: 6 }] });
  const nLead = spec.lead.length;
  const last = nLead + COUNT_COLUMNS.length;
  titleRows(ws, spec.title, last, report);
  ws.getCell(3, 1).value = spec.subtitle;
  ws.getCell(3, 1).font = { ...FONT, italic: true, size: 11 };

  spec.lead.forEach((l, j) => {
    ws.getCell(5, j + 1).value = l.header;
    ws.mergeCells(5, j + 1, 6, j + 1);
    ws.getColumn(j + 1).width = l.width;
  });
  COUNT_COLUMNS.forEach((c, k) => {
    const col = nLead + 1 + k;
    // Numbers under headers that wrap ("Tỷ lệ hoàn thành (trên số đến hạn)"): 9 keeps the sheet one A4 width at about 9 pt.
    ws.getColumn(col).width = 9;
    if (c.group === null) {
      ws.getCell(5, col).value = c.header;
      ws.mergeCells(5, col, 6, col);
    } else {
      ws.getCell(6, col).value = c.header;
      if (COUNT_COLUMNS[k - 1]?.group !== c.group) {
        ws.getCell(5, col).value = c.group;
        const span = COUNT_COLUMNS.filter((x) => x.group === c.group).length;
        ws.mergeCells(5, col, 5, col + span - 1);
      }
    }
  });
  styleHeader(ws, 5, 1, last);
  styleHeader(ws, 6, 1, last);
  // The wrapped rate headers ("Tỷ lệ hoàn thành (trên số đến hạn)") take five lines over the two rows.
  ws.getRow(6).height = 72;

  let r = SUMMARY_FIRST_ROW;
  for (const line of [...spec.rows, { lead: ['Tổng cộng'], row: spec.total }]) {
    const row = ws.getRow(r);
    line.lead.forEach((v, j) => (row.getCell(j + 1).value = v));
    COUNT_COLUMNS.forEach((c, k) => (row.getCell(nLead + 1 + k).value = c.value(line.row)));
    for (let col = 1; col <= last; col++) {
      const cell = row.getCell(col);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = col <= nLead ? WRAP : { vertical: 'top', horizontal: 'center' };
    }
    COUNT_COLUMNS.forEach((c, k) => {
      if (c.percent) row.getCell(nLead + 1 + k).numFmt = PERCENT_FORMAT;
    });
    // Excel does not grow a row to fit wrapped text it did not type itself: a long plan title needs the room set.
    row.height = fitHeight(line.lead.map((text, j) => ({ text, width: spec.lead[j]?.width ?? 12 })));
    r++;
  }
  const totalRow = ws.getRow(r - 1);
  if (nLead > 1) ws.mergeCells(r - 1, 1, r - 1, nLead);
  totalRow.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = solid('FFF2F2F2');
  });

  const routine = report.excludeRoutine
    ? '- Nhiệm vụ tạm dừng, bị hủy và nhiệm vụ thường xuyên (như QĐ 23/2018) không tính vào tỷ lệ hoàn thành; nhiệm vụ tạm dừng, bị hủy không bị coi là quá hạn.'
    : '- Nhiệm vụ tạm dừng, bị hủy không tính vào tỷ lệ hoàn thành và không bị coi là quá hạn; nhiệm vụ thường xuyên có tính vào tỷ lệ.';
  const notes = [
    'Ghi chú:',
    routine,
    `- ${RATE_LABELS.rateDue} = số nhiệm vụ đến hạn (hạn cuối không muộn hơn ngày báo cáo) đã hoàn thành ÷ số nhiệm vụ đến hạn (cách tính của Văn phòng Chính phủ); ${RATE_LABELS.rateAll} = số đã hoàn thành ÷ số nhiệm vụ tính tỷ lệ. Để trống khi mẫu số bằng 0.`,
    `- "Sắp đến hạn": chưa hoàn thành, còn không quá ${report.dueSoonDays} ngày tính từ ngày báo cáo.`,
    `- Nhiệm vụ có trạng thái khác nhau giữa các sổ theo dõi được tính theo trạng thái thấp hơn (hạn cuối khác nhau: theo hạn sớm hơn); cơ quan chủ trì trả lời cho nhiệm vụ của mình thì tính theo trả lời đó; xem trang "${REPORT_SHEETS.conflicts}".`,
  ];
  notes.forEach((n, i) => {
    const cell = ws.getCell(r + 1 + i, 1);
    cell.value = n;
    cell.font = { ...FONT, italic: i > 0, bold: i === 0, size: 11 };
  });
  printSetup(ws, '5:6');
}

function titleRows(ws: ExcelJS.Worksheet, title: string, width: number, report: Report): void {
  const cell = ws.getCell(1, 1);
  cell.value = title;
  cell.font = { ...HEADER_FONT, size: 14 };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(1, 1, 1, Math.max(2, width));
  ws.getRow(1).height = 26;
  ws.getCell(2, 1).value = 'Ngày báo cáo:';
  ws.getCell(2, 1).font = HEADER_FONT;
  const date = ws.getCell(2, 2);
  date.value = isoToDate(report.asOf);
  date.numFmt = DATE_FORMAT;
  date.font = HEADER_FONT;
  date.alignment = { horizontal: 'left' };
}

// ── task lists ──────────────────────────────────────────────────────────────

/** Where a task's values came from: "file (Nhiệm vụ, dòng 5)", one per copy. */
export function sourcesText(t: ReportTask): string {
  return t.sources.map((s) => `${s.file} (${s.sheet}, dòng ${s.row})`).join('\n');
}

function docLabel(report: Report, key: string): string {
  return report.byDocument.rows.find((r) => r.key === key)?.agency ?? key;
}

function taskList(
  wb: ExcelJS.Workbook,
  name: string,
  report: Report,
  tasks: ReadonlyArray<ReportTask & { days: number }>,
  daysHeader: string,
  none: string,
): void {
  const headers = ['STT', 'Văn bản', 'Mã', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn', 'Hạn cuối', daysHeader, 'Trạng thái', 'Kết quả/Ghi chú', 'Nguồn'];
  const rows = tasks.map((t, i): ExcelJS.CellValue[] => [
    i + 1,
    docLabel(report, t.docKey),
    t.task.tt,
    t.task.content,
    t.agencies.join('; '),
    t.task.deadline.raw,
    t.task.deadline.end === null ? null : isoToDate(t.task.deadline.end),
    t.days,
    t.tracking.status,
    t.tracking.notes,
    sourcesText(t),
  ]);
  const ws = listSheet(wb, name, headers, rows, none, { 'Nội dung': [40, 50], 'Kết quả/Ghi chú': [16, 30], Nguồn: [20, 40] });
  // On paper: STT to Kết quả/Ghi chú over two page widths with STT, Văn bản and Mã repeated, type of 9 pt
  // or more (one page width of all eleven columns printed under 6 pt); Nguồn (file, sheet, row) is for the screen.
  printSetup(ws, '1:1', { area: `A1:${colLetter(headers.indexOf('Kết quả/Ghi chú') + 1)}1048576`, titleColumns: 'A:C', pagesWide: 2 });
}

function conflictSheet(wb: ExcelJS.Workbook, report: Report): void {
  const headers = [
    'STT', 'Văn bản', 'Mã', 'Nội dung', 'Tệp', 'Trang tính', 'Dòng',
    'Trạng thái ghi trong tệp', 'Ngày hoàn thành ghi trong tệp', 'Hạn cuối ghi trong tệp', 'Được tính là',
  ];
  const rows = report.conflicts.flatMap((t, i) =>
    t.sources.map((s): ExcelJS.CellValue[] => [
      i + 1,
      docLabel(report, t.docKey),
      t.task.tt,
      t.task.content,
      s.file,
      s.sheet,
      s.row,
      s.typed.status,
      // A real date reads back as ISO: shown the way it was seen in the sheet.
      s.typed.doneDate !== null && /^\d{4}-\d{2}-\d{2}$/.test(s.typed.doneDate) ? dmy(s.typed.doneDate) : s.typed.doneDate,
      s.end === null ? null : dmy(s.end),
      counted(t),
    ]),
  );
  listSheet(wb, REPORT_SHEETS.conflicts, headers, rows, 'Không có mâu thuẫn giữa các sổ theo dõi.', { 'Nội dung': [40, 60], Tệp: [16, 40] });
}

/** What a conflicting task was counted as: its status, its completion date when done. */
export function counted(t: ReportTask): string {
  const s = t.tracking.status ?? '(trống)';
  const done = t.tracking.status === 'Hoàn thành' && t.tracking.doneDate ? `${s}, ngày ${dmy(t.tracking.doneDate)}` : s;
  return t.conflicts.includes('deadline') && t.task.deadline.end ? `${done}; hạn cuối ${dmy(t.task.deadline.end)}` : done;
}


function issueSheet(wb: ExcelJS.Workbook, report: Report): void {
  const headers = ['Tệp', 'Trang tính', 'Dòng', 'Mã', 'Vấn đề'];
  const rows: ExcelJS.CellValue[][] = [
    ...report.files.flatMap((f) => f.notes.map((n): ExcelJS.CellValue[] => [f.file, f.sheet, null, null, n])),
    ...report.issues.map((x): ExcelJS.CellValue[] => [x.file, x.sheet, x.row, x.tt, x.message]),
  ];
  listSheet(wb, REPORT_SHEETS.issues, headers, rows, 'Mọi ô trạng thái và ngày hoàn thành đều đọc được.', { Tệp: [16, 40], 'Vấn đề': [40, 70] });
}

function filesSheet(wb: ExcelJS.Workbook, report: Report): void {
  const headers = ['Tệp', 'Trang tính', 'Số nhiệm vụ', 'Dòng đã bỏ khỏi kế hoạch (không tính)'];
  const rows = report.files.map((f): ExcelJS.CellValue[] => [f.file, f.sheet, f.rows, f.removed]);
  listSheet(wb, REPORT_SHEETS.files, headers, rows, 'Không đọc được tệp nào.', { Tệp: [20, 60] });
}

/** A plain list: styled header, wrapped rows, filters, widths that fit; one line of text when empty. */
function listSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly string[],
  rows: ReadonlyArray<ExcelJS.CellValue[]>,
  none: string,
  wide: Record<string, [number, number]> = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  headers.forEach((h, j) => (ws.getCell(1, j + 1).value = h));
  styleHeader(ws, 1, 1, headers.length);
  const widths = headers.map((h, j) => {
    const [min, max] = wide[h] ?? [8, 24];
    return fitWidth([h, ...rows.map((r) => textOf(r[j]))], min, max);
  });
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v;
      cell.font = FONT;
      cell.alignment = WRAP;
      cell.border = BORDER;
      if (v instanceof Date) cell.numFmt = DATE_FORMAT;
    });
    row.height = fitHeight(values.map((v, j) => ({ text: textOf(v), width: widths[j]! })));
  });
  if (rows.length === 0) {
    ws.getCell(2, 1).value = none;
    ws.getCell(2, 1).font = { ...FONT, italic: true };
  } else {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: headers.length } };
  }
  printSetup(ws, '1:1');
  return ws;
}

function textOf(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return '00/00/0000';
  return typeof v === 'object' ? null : String(v);
}

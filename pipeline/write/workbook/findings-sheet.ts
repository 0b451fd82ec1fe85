import type ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../../model/document.js';
import type { Severity, TaskField } from '../../model/finding.js';
import { RULES } from '../../check/rules.js';
import {
  BORDER,
  colLetter,
  fitHeight,
  fitWidth,
  FONT,
  printSetup,
  SHEET,
  sheetRef,
  str,
  styleHeader,
  WRAP,
} from './layout.js';
import type { TaskRow } from './rows.js';
import type { TasksLayout } from './tasks-sheet.js';

const SEVERITY: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' };

/** The `Nhiệm vụ` column a finding's field points at. */
const FIELD_COLUMN: Record<TaskField, string> = {
  tt: 'tt',
  content: 'content',
  lead: 'lead',
  support: 'support',
  deadline: 'deadlineRaw',
  approval: 'approval',
  product: 'product',
  status: 'status',
  doneDate: 'doneDate',
};

const FIELD_LABEL: Record<TaskField, string> = {
  tt: 'Mã',
  content: 'Nội dung',
  lead: 'Cơ quan chủ trì',
  support: 'Cơ quan phối hợp',
  deadline: 'Thời hạn',
  approval: 'Cấp phê duyệt',
  product: 'Sản phẩm',
  status: 'Trạng thái',
  doneDate: 'Ngày hoàn thành',
};

/**
 * `Kiểm tra`: one row per finding, with a HYPERLINK to the cell it is about.
 * The link is a formula (not a relationship) because an internal "#Sheet!A1"
 * target is what both Excel and LibreOffice follow inside the file.
 */
export function addFindingsSheet(
  wb: ExcelJS.Workbook,
  docs: readonly ConvertedDocument[],
  rows: readonly TaskRow[],
  tasks: TasksLayout,
  combined: boolean,
): void {
  const ws = wb.addWorksheet(SHEET.findings, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const headers = ['STT', ...(combined ? ['Văn bản'] : []), 'Mã', 'Mức độ', 'Quy tắc', 'Trường', 'Nội dung cảnh báo', 'Đi tới ô'];
  headers.forEach((h, j) => {
    ws.getRow(1).getCell(j + 1).value = h;
  });
  styleHeader(ws, 1, 1, headers.length);

  // By document object, not file name: a combined workbook may hold two "plan.md" from different folders.
  const byTask = new Map<ConvertedDocument, Map<string, TaskRow>>();
  for (const r of rows) byTask.set(r.doc, (byTask.get(r.doc) ?? new Map<string, TaskRow>()).set(r.task.id, r));

  const lines: Array<Array<string | ExcelJS.CellValue>> = [];
  for (const doc of docs) {
    for (const f of doc.findings) {
      const row = byTask.get(doc)?.get(f.task);
      const target = row ? `${colLetter(tasks.col[FIELD_COLUMN[f.field]]!)}${row.sheetRow}` : null;
      const link: ExcelJS.CellValue = target
        ? { formula: `HYPERLINK(${str(`#${sheetRef(SHEET.tasks)}!${target}`)},${str(target)})`, result: target }
        : null;
      lines.push([
        row?.stt ?? null,
        ...(combined ? [row?.docLabel ?? doc.source.file] : []),
        row?.task.tt ?? null,
        SEVERITY[f.severity],
        RULES[f.rule]?.vi ?? f.rule,
        FIELD_LABEL[f.field],
        f.messageVi,
        link,
      ]);
    }
  }

  const widths = headers.map((h, j) => {
    if (h === 'Nội dung cảnh báo') return 70;
    return fitWidth([h, ...lines.map((l) => (typeof l[j] === 'string' ? (l[j] as string) : null))], 7, 32);
  });
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });
  lines.forEach((line, i) => {
    const row = ws.getRow(i + 2);
    line.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v as ExcelJS.CellValue;
      cell.font = headers[j] === 'Đi tới ô' ? { ...FONT, color: { argb: 'FF0563C1' }, underline: true } : FONT;
      cell.alignment = WRAP;
      cell.border = BORDER;
    });
    row.height = fitHeight(line.map((v, j) => ({ text: typeof v === 'string' ? v : null, width: widths[j]! })));
  });
  if (lines.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: lines.length + 1, column: headers.length } };
  printSetup(ws, '1:1');
}

import type ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../../model/document.js';
import { BORDER, DATE_FORMAT, fitWidth, FONT, isoToDate, printSetup, SHEET, styleHeader, WRAP } from './layout.js';

/** `Văn bản`: where the tasks came from, and how much was found in each document. */
export function addDocumentsSheet(wb: ExcelJS.Workbook, docs: readonly ConvertedDocument[], labels: readonly string[]): void {
  const ws = wb.addWorksheet(SHEET.documents, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const headers = ['Văn bản', 'Tệp', 'Tên văn bản', 'Số hiệu', 'Cơ quan ban hành', 'Ngày ban hành', 'Số nhiệm vụ', 'Lỗi', 'Cảnh báo', 'Lưu ý'];
  headers.forEach((h, j) => {
    ws.getRow(1).getCell(j + 1).value = h;
  });
  styleHeader(ws, 1, 1, headers.length);

  docs.forEach((d, i) => {
    const count = (s: string): number => d.findings.filter((f) => f.severity === s).length;
    const values: ExcelJS.CellValue[] = [
      labels[i] ?? d.source.file,
      d.source.file,
      d.document.title,
      d.document.number,
      d.document.issuer,
      d.document.date ? isoToDate(d.document.date) : null,
      d.tasks.length,
      count('error'),
      count('warning'),
      count('info'),
    ];
    const row = ws.getRow(i + 2);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v;
      cell.font = FONT;
      cell.alignment = WRAP;
      cell.border = BORDER;
      if (j === 5) cell.numFmt = DATE_FORMAT;
    });
  });

  const text = (j: number): Array<string | null> =>
    docs.map((d, i) => [labels[i] ?? null, d.source.file, d.document.title, d.document.number, d.document.issuer][j] ?? null);
  const widths = [
    fitWidth(text(0), 12, 28),
    fitWidth(text(1), 14, 36),
    fitWidth(text(2), 30, 60),
    fitWidth(text(3), 12, 20),
    fitWidth(text(4), 16, 36),
    13,
    11,
    8,
    10,
    8,
  ];
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });
  printSetup(ws, '1:1');
}

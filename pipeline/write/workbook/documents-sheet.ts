import type ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../../model/document.js';
import type { CellValue, Row, Sheet } from '../xlsx/model.js';
import { addSheet } from './exceljs.js';
import { fitWidth, headerCell, printPage, SHEET, STYLE } from './layout.js';

/** `Văn bản` added to an exceljs workbook (see documentsSheet). */
export function addDocumentsSheet(wb: ExcelJS.Workbook, docs: readonly ConvertedDocument[], labels: readonly string[]): void {
  addSheet(wb, documentsSheet(docs, labels));
}

/** `Văn bản`: where the tasks came from, and how much was found in each document. */
export function documentsSheet(docs: readonly ConvertedDocument[], labels: readonly string[]): Sheet {
  const headers = ['Văn bản', 'Tệp', 'Tên văn bản', 'Số hiệu', 'Cơ quan ban hành', 'Ngày ban hành', 'Số nhiệm vụ', 'Lỗi', 'Cảnh báo', 'Lưu ý'];
  const rows: Row[] = [{ r: 1, cells: headers.map(headerCell) }];
  docs.forEach((d, i) => {
    const count = (s: string): number => d.findings.filter((f) => f.severity === s).length;
    const values: CellValue[] = [
      labels[i] ?? d.source.file,
      d.source.file,
      d.document.title,
      d.document.number,
      d.document.issuer,
      d.document.date ? { date: d.document.date } : null,
      d.tasks.length,
      count('error'),
      count('warning'),
      count('info'),
    ];
    rows.push({ r: i + 2, cells: values.map((value, j) => ({ value, style: j === 5 ? STYLE.textDate : STYLE.text })) });
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
  return {
    name: SHEET.documents,
    columns: widths,
    rows: () => rows,
    view: { frozenRows: 1, topLeftCell: 'A2', activeCell: 'A2' },
    page: printPage('1:1'),
  };
}

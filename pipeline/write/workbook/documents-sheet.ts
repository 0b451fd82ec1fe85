import type ExcelJS from 'exceljs';
import type { ConvertedDocument } from '../../model/document.js';
import { planFields, planId, type PlanIdentity } from '../../model/identity.js';
import type { CellValue, Row, Sheet } from '../xlsx/model.js';
import { addSheet } from './exceljs.js';
import { DOCUMENT_HEADERS, fitHeightOf, fitWidth, headerCell, printPage, SHEET, STYLE } from './layout.js';

/** `Văn bản` added to an exceljs workbook (see documentsSheet). */
export function addDocumentsSheet(
  wb: ExcelJS.Workbook,
  docs: readonly ConvertedDocument[],
  labels: readonly string[],
  identities: ReadonlyArray<PlanIdentity | undefined> = [],
  reporter: string | null = null,
): void {
  addSheet(wb, documentsSheet(docs, labels, identities, reporter));
}


/**
 * `Văn bản`: where the tasks came from, how much was found in each document,
 * and which plan (and version of it) the workbook follows: the plan id a
 * re-import keeps, else the one the plan's own fields give.
 */
export function documentsSheet(
  docs: readonly ConvertedDocument[],
  labels: readonly string[],
  identities: ReadonlyArray<PlanIdentity | undefined> = [],
  reporter: string | null = null,
): Sheet {
  const H = DOCUMENT_HEADERS;
  const headers = [H.label, H.file, H.title, H.number, H.issuer, H.date, H.tasks, H.errors, H.warnings, H.infos, H.planId, H.version, H.reporter];
  const rows: Row[] = [{ r: 1, cells: headers.map(headerCell) }];
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
    14,
    10,
    fitWidth([reporter], 16, 36),
  ];
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
      identities[i]?.id ?? planId(planFields(d)),
      identities[i]?.version ?? 1,
      reporter,
    ];
    // The height set: Excel does not grow a row to fit the wrapped title of a file it opens, and cuts it in print.
    const height = fitHeightOf(
      values.map((v) => (typeof v === 'string' ? v : null)),
      widths,
    );
    rows.push({ r: i + 2, height, cells: values.map((value, j) => ({ value, style: j === 5 ? STYLE.textDate : STYLE.text })) });
  });
  return {
    name: SHEET.documents,
    columns: widths,
    rows: () => rows,
    view: { frozenRows: 1, topLeftCell: 'A2', activeCell: 'A2' },
    page: printPage('1:1'),
  };
}

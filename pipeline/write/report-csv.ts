import type { RollupRow } from '../rollup/rollup.js';
import type { Report } from '../tracking/report.js';
import { safeCsv } from './csv.js';

/**
 * The report's numbers as CSV: one row per lead agency, per plan and the
 * total, with a first column saying which. One table rather than several
 * CSVs, so it filters and pivots in Excel as it is. UTF-8 with BOM and no
 * cell that Excel would read as a formula (csv.ts). The task lists stay in
 * the .xlsx.
 */
export const REPORT_CSV_FIELDS = [
  'Tổng hợp theo',
  'Tên',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Chưa hoàn thành, trong hạn',
  'Chưa hoàn thành, quá hạn',
  'Không có hạn cụ thể',
  'Tổng số',
  'Trong đó sắp đến hạn',
  'Tỷ lệ hoàn thành (%)',
  'Ngày báo cáo',
] as const;

export function reportCsv(report: Report): string {
  const line = (kind: string, row: RollupRow): string[] => [
    kind,
    row.agency,
    String(row.counts.done_on_time),
    String(row.counts.done_late),
    String(row.counts.open_on_time),
    String(row.counts.open_overdue),
    String(row.counts.no_deadline),
    String(row.total),
    String(row.dueSoon),
    // A percentage with a point, one decimal: the same text whatever the reader's locale.
    row.rate === null ? '' : (Math.round(row.rate * 1000) / 10).toFixed(1),
    report.asOf,
  ];
  const data = [
    ...report.byAgency.rows.map((r) => line('Cơ quan chủ trì', r)),
    ...report.byDocument.rows.map((r) => line('Văn bản', r)),
    line('Tổng cộng', report.byAgency.total),
  ];
  return safeCsv(REPORT_CSV_FIELDS, data);
}

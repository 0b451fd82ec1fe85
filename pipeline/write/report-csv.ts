import { CATEGORIES, CATEGORY_KEYS, RATE_LABELS } from '../model/tracking.js';
import type { RollupRow } from '../rollup/rollup.js';
import type { Report } from '../tracking/report.js';
import { safeCsv } from './csv.js';
import { YES_NO } from './workbook/layout.js';

/**
 * The report's numbers as CSV: one row per lead agency, per plan and the
 * total, with a first column saying which. One table rather than several
 * CSVs, so it filters and pivots in Excel as it is. UTF-8 with BOM and no
 * cell that Excel would read as a formula (csv.ts). The task lists stay in
 * the .xlsx. Each rate follows its denominator and numerator
 * (rollup/rollup.ts), and the last column says whether routine tasks were
 * left out of the rates.
 */
export const REPORT_CSV_FIELDS = [
  'Tổng hợp theo',
  'Tên',
  ...CATEGORY_KEYS.map((k) => CATEGORIES[k]),
  'Tổng số',
  'Trong đó sắp đến hạn',
  RATE_LABELS.due,
  RATE_LABELS.dueDone,
  `${RATE_LABELS.rateDue} (%)`,
  RATE_LABELS.rated,
  RATE_LABELS.ratedDone,
  `${RATE_LABELS.rateAll} (%)`,
  'Ngày báo cáo',
  'Loại nhiệm vụ thường xuyên khỏi tỷ lệ',
] as const;

/** A percentage with a point, one decimal: the same text whatever the reader's locale; blank for none. */
function percent(r: number | null): string {
  return r === null ? '' : (Math.round(r * 1000) / 10).toFixed(1);
}

export function reportCsv(report: Report): string {
  const line = (kind: string, row: RollupRow): string[] => [
    kind,
    row.agency,
    ...CATEGORY_KEYS.map((k) => String(row.counts[k])),
    String(row.total),
    String(row.dueSoon),
    String(row.due),
    String(row.dueDone),
    percent(row.rateDue),
    String(row.rated),
    String(row.ratedDone),
    percent(row.rateAll),
    report.asOf,
    report.excludeRoutine ? YES_NO.yes : YES_NO.no,
  ];
  const data = [
    ...report.byAgency.rows.map((r) => line('Cơ quan chủ trì', r)),
    ...report.byDocument.rows.map((r) => line('Văn bản', r)),
    line('Tổng cộng', report.byAgency.total),
  ];
  return safeCsv(REPORT_CSV_FIELDS, data);
}

/**
 * The `Tổng hợp` sheet: per lead agency, the five categories of DESIGN §4,
 * the total, the completion rate and the due-soon count, as of a report
 * date: the core's rollup (rollup/rollup.ts) written as values.
 */
import { CATEGORIES, CATEGORY_KEYS } from '../../../pipeline/model/tracking.js';
import type { Rollup, RollupRow } from '../../../pipeline/rollup/rollup.js';
import { isoToSerial } from '../excel/address.js';
import type { CellValue, ReportSpec } from '../excel/adapter.js';
import { FONT } from './layout.js';

export const REPORT_SHEET = 'Tổng hợp';
export const REPORT_TITLE = 'TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ';
export const REPORT_HEADERS = [
  'STT',
  'Cơ quan chủ trì',
  ...CATEGORY_KEYS.map((k) => CATEGORIES[k]),
  'Tổng số',
  'Tỷ lệ hoàn thành',
  'Sắp đến hạn',
];
/** Row (0-based) of the column headers. */
export const REPORT_HEADER_ROW = 5;

function line(stt: number | '', r: RollupRow): CellValue[] {
  return [stt, r.agency, ...CATEGORY_KEYS.map((k) => r.counts[k]), r.total, r.rate === null ? '' : r.rate, r.dueSoon];
}

export function reportSpec(roll: Rollup, o: { dueSoonDays: number; source: string }): ReportSpec {
  const rows: Array<Array<CellValue | null>> = [
    [REPORT_TITLE],
    ['Ngày báo cáo', isoToSerial(roll.asOf)],
    ['Số ngày coi là sắp đến hạn', o.dueSoonDays],
    ['Nguồn', o.source],
    [],
    REPORT_HEADERS,
    ...roll.rows.map((r, i) => line(i + 1, r)),
    line('', roll.total),
    [],
    [
      'Ghi chú: Tỷ lệ hoàn thành = số nhiệm vụ hoàn thành ÷ (hoàn thành + chưa hoàn thành, quá hạn). ' +
        'Nhiệm vụ có nhiều cơ quan chủ trì được tính cho mỗi cơ quan; dòng Tổng cộng tính mỗi nhiệm vụ một lần.',
    ],
  ];
  const totalRow = REPORT_HEADER_ROW + roll.rows.length + 1;
  return {
    name: REPORT_SHEET,
    rows,
    boldRows: [totalRow],
    headerRow: REPORT_HEADER_ROW,
    titleRow: 0,
    tableRows: [REPORT_HEADER_ROW, totalRow],
    percentColumns: [REPORT_HEADERS.indexOf('Tỷ lệ hoàn thành')],
    dateCells: [[1, 1]],
    widths: [6, 40, 14, 14, 16, 16, 16, 10, 14, 12],
    font: FONT,
  };
}

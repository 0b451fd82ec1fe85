/**
 * The `Tổng hợp` sheet: per lead agency, the seven categories of
 * model/tracking.ts, the total, the due-soon count and the two completion
 * rates, each after its denominator and numerator (rollup/rollup.ts), as of
 * a report date: the core's rollup written as values, in the column order
 * of the CLI workbook's `Tổng hợp`.
 */
import { CATEGORIES, CATEGORY_KEYS, RATE_LABELS } from '../../../pipeline/model/tracking.js';
import type { Rollup, RollupRow } from '../../../pipeline/rollup/rollup.js';
import { YES_NO } from '../../../pipeline/write/workbook/layout.js';
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
  'Sắp đến hạn',
  RATE_LABELS.due,
  RATE_LABELS.dueDone,
  RATE_LABELS.rateDue,
  RATE_LABELS.rated,
  RATE_LABELS.ratedDone,
  RATE_LABELS.rateAll,
];
/** Row (0-based) of the column headers. */
export const REPORT_HEADER_ROW = 6;

const rate = (r: number | null): CellValue => (r === null ? '' : r);

/** One line of the table, as written under REPORT_HEADERS (a blank STT on the total line). */
export function reportLine(stt: number | '', r: RollupRow): CellValue[] {
  return [
    stt,
    r.agency,
    ...CATEGORY_KEYS.map((k) => r.counts[k]),
    r.total,
    r.dueSoon,
    r.due,
    r.dueDone,
    rate(r.rateDue),
    r.rated,
    r.ratedDone,
    rate(r.rateAll),
  ];
}

export function reportSpec(roll: Rollup, o: { dueSoonDays: number; source: string }): ReportSpec {
  const routine = roll.excludeRoutine
    ? 'Nhiệm vụ tạm dừng, bị hủy và nhiệm vụ thường xuyên (như QĐ 23/2018) không tính vào tỷ lệ; '
    : 'Nhiệm vụ tạm dừng, bị hủy không tính vào tỷ lệ (nhiệm vụ thường xuyên có tính); ';
  const rows: Array<Array<CellValue | null>> = [
    [REPORT_TITLE],
    ['Ngày báo cáo', isoToSerial(roll.asOf)],
    ['Số ngày coi là sắp đến hạn', o.dueSoonDays],
    ['Loại nhiệm vụ thường xuyên khỏi tỷ lệ', roll.excludeRoutine ? YES_NO.yes : YES_NO.no],
    ['Nguồn', o.source],
    [],
    REPORT_HEADERS,
    ...roll.rows.map((r, i) => reportLine(i + 1, r)),
    reportLine('', roll.total),
    [],
    [
      `Ghi chú: ${RATE_LABELS.rateDue} = số nhiệm vụ đến hạn (hạn cuối không muộn hơn ngày báo cáo) đã hoàn thành ÷ số nhiệm vụ đến hạn ` +
        `(cách tính của Văn phòng Chính phủ); ${RATE_LABELS.rateAll} = số đã hoàn thành ÷ số nhiệm vụ tính tỷ lệ. ` +
        routine +
        'nhiệm vụ tạm dừng, bị hủy không bị coi là quá hạn. ' +
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
    percentColumns: [REPORT_HEADERS.indexOf(RATE_LABELS.rateDue), REPORT_HEADERS.indexOf(RATE_LABELS.rateAll)],
    dateCells: [[1, 1]],
    widths: [6, 40, ...CATEGORY_KEYS.map(() => 14), 10, 12, 14, 14, 16, 14, 14, 16],
    font: FONT,
  };
}

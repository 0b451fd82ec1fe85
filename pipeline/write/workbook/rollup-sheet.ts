import type ExcelJS from 'exceljs';
import { CATEGORIES, CATEGORY_KEYS, RATE_LABELS, RATED_CATEGORIES, type Category } from '../../model/tracking.js';
import type { Rollup, RollupRow } from '../../rollup/rollup.js';
import type { StatusOptions } from '../../rollup/status.js';
import type { Cell, CellStyle, DefinedName, Row, Sheet } from '../xlsx/model.js';
import { addNames, addSheet } from './exceljs.js';
import {
  categoryCountFormula,
  dueDoneFormula,
  dueFormula,
  dueSoonFormula,
  leadScope,
  rateFormula,
  ratedDoneFormula,
  ratedFormula,
  totalScope,
  type AssignmentColumns,
  type CountScope,
  type RateCells,
} from './formulas.js';
import { colLetter, DATE_FORMAT, headerCell, NAME, PERCENT_FORMAT, printPage, SHEET, wholeColumn, X_BOLD, X_BORDER, X_FONT, YES_NO } from './layout.js';
import type { TasksLayout } from './tasks-sheet.js';

const FIRST_CATEGORY_COL = 2;
const TOTAL_COL = FIRST_CATEGORY_COL + CATEGORY_KEYS.length;

/**
 * Fixed places on `Tổng hợp`: the three cells a person edits (report date,
 * due-soon days, whether routine tasks are left out of the rates), then the
 * table: the agency, the seven categories, total, due soon, and the two
 * rates each after its denominator and numerator (rollup.ts RollupRow).
 */
export const ROLLUP_LAYOUT = {
  asOfCell: 'B2',
  dueSoonCell: 'B3',
  excludeRoutineCell: 'B4',
  headerRow: 6,
  firstRow: 7,
  agencyCol: 1,
  /** Columns of the seven categories, in CATEGORY_KEYS order (the five rated ones first). */
  categoryCol: (k: Category): number => FIRST_CATEGORY_COL + CATEGORY_KEYS.indexOf(k),
  totalCol: TOTAL_COL,
  dueSoonCol: TOTAL_COL + 1,
  dueCol: TOTAL_COL + 2,
  dueDoneCol: TOTAL_COL + 3,
  rateDueCol: TOTAL_COL + 4,
  ratedCol: TOTAL_COL + 5,
  ratedDoneCol: TOTAL_COL + 6,
  rateAllCol: TOTAL_COL + 7,
  lastCol: TOTAL_COL + 7,
} as const;

const L = ROLLUP_LAYOUT;

/** The table's headers, by column. */
const HEADERS: ReadonlyArray<readonly [number, string]> = [
  [L.agencyCol, 'Cơ quan chủ trì'],
  ...CATEGORY_KEYS.map((k): [number, string] => [L.categoryCol(k), CATEGORIES[k]]),
  [L.totalCol, 'Tổng số'],
  [L.dueSoonCol, 'Trong đó sắp đến hạn'],
  [L.dueCol, RATE_LABELS.due],
  [L.dueDoneCol, RATE_LABELS.dueDone],
  [L.rateDueCol, RATE_LABELS.rateDue],
  [L.ratedCol, RATE_LABELS.rated],
  [L.ratedDoneCol, RATE_LABELS.ratedDone],
  [L.rateAllCol, RATE_LABELS.rateAll],
];

const TOP_CENTRE = { vertical: 'top', horizontal: 'center' } as const;
const WRAP_TOP = { wrapText: true, vertical: 'top' } as const;
const INPUT_FONT = { ...X_BOLD, color: 'FF1F4E79' };
const TOTAL_FILL = 'FFF2F2F2';
const INPUT_FILL = 'FFFFF2CC';

const S = {
  title: { font: { ...X_BOLD, size: 14 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  label: { font: X_BOLD, alignment: { horizontal: 'right' } },
  asOf: { font: INPUT_FONT, fill: INPUT_FILL, border: X_BORDER, alignment: { horizontal: 'center' }, numFmt: DATE_FORMAT },
  input: { font: INPUT_FONT, fill: INPUT_FILL, border: X_BORDER, alignment: { horizontal: 'center' } },
  hint: { font: { ...X_FONT, italic: true, color: 'FF7F7F7F' } },
  agency: { font: X_FONT, border: X_BORDER, alignment: WRAP_TOP },
  count: { font: X_FONT, border: X_BORDER, alignment: TOP_CENTRE },
  rate: { font: X_FONT, border: X_BORDER, alignment: TOP_CENTRE, numFmt: PERCENT_FORMAT },
  totalAgency: { font: X_BOLD, fill: TOTAL_FILL, border: X_BORDER, alignment: WRAP_TOP },
  totalCount: { font: X_BOLD, fill: TOTAL_FILL, border: X_BORDER, alignment: TOP_CENTRE },
  totalRate: { font: X_BOLD, fill: TOTAL_FILL, border: X_BORDER, alignment: TOP_CENTRE, numFmt: PERCENT_FORMAT },
  noteTitle: { font: { ...X_FONT, bold: true, size: 11 } },
  note: { font: { ...X_FONT, italic: true, size: 11 } },
} satisfies Record<string, CellStyle>;

/** `Tổng hợp` added to an exceljs workbook, with its defined names (see rollupSheet). */
export function addRollupSheet(
  wb: ExcelJS.Workbook,
  summary: Rollup,
  o: StatusOptions,
  assignments: AssignmentColumns,
  tasks: TasksLayout,
): void {
  const { sheet, names } = rollupSheet(summary, o, assignments, tasks);
  addSheet(wb, sheet);
  addNames(wb, names);
}

/**
 * `Tổng hợp`: per lead agency the seven categories, total, due soon and the
 * two completion rates with their denominators and numerators, as COUNTIFS
 * over `Phân công` (whose category, deadline kind and end are looked up live
 * on `Nhiệm vụ`), plus a total row counting `Nhiệm vụ` itself. The rates
 * follow the switch in B4 (routine tasks out of the rates: Có / Không).
 * Cached results are what rollup.ts computes, so a viewer that does not
 * recalculate still shows the right numbers for the report date written.
 */
export function rollupSheet(
  summary: Rollup,
  o: StatusOptions,
  assignments: AssignmentColumns,
  tasks: TasksLayout,
): { sheet: Sheet; names: DefinedName[] } {
  const rows: Row[] = [];
  // The title is merged across the table; the merged cells carry its format too (as Excel and exceljs keep them).
  const title: Cell[] = Array.from({ length: L.lastCol }, () => ({ value: null, style: S.title }));
  title[0] = { value: 'TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ', style: S.title };
  rows.push({ r: 1, height: 26, cells: title });
  rows.push({
    r: 2,
    cells: [
      { value: 'Ngày báo cáo:', style: S.label },
      { value: { date: o.asOf }, style: S.asOf },
      { value: '← sửa ngày báo cáo, các số liệu tự tính lại', style: S.hint },
    ],
  });
  rows.push({ r: 3, cells: [{ value: 'Số ngày "sắp đến hạn":', style: S.label }, { value: o.dueSoonDays, style: S.input }] });
  rows.push({
    r: 4,
    cells: [
      { value: 'Loại nhiệm vụ thường xuyên khỏi tỷ lệ:', style: S.label },
      { value: summary.excludeRoutine ? YES_NO.yes : YES_NO.no, style: S.input },
      { value: `← "${YES_NO.yes}": nhiệm vụ thường xuyên không tính vào tỷ lệ hoàn thành (như QĐ 23/2018); "${YES_NO.no}": có tính`, style: S.hint },
    ],
  });

  const header: Cell[] = [];
  for (const [col, text] of HEADERS) header[col - 1] = headerCell(text);
  rows.push({ r: L.headerRow, height: 64, cells: header });

  let r = L.firstRow;
  for (const row of summary.rows) {
    rows.push(rollupRow(r, row, false, leadScope(assignments, `$A${r}`)));
    r++;
  }
  const total = totalScope({
    category: wholeColumn(SHEET.tasks, tasks.col.category!),
    end: wholeColumn(SHEET.tasks, tasks.col.deadlineEnd!),
    kind: wholeColumn(SHEET.tasks, tasks.col.deadlineKind!),
  });
  rows.push(rollupRow(r, summary.total, true, total));

  const notes = [
    'Ghi chú:',
    '- Mỗi nhiệm vụ được tính cho từng cơ quan chủ trì của nó; dòng "Tổng cộng" tính mỗi nhiệm vụ một lần.',
    '- Nhiệm vụ tạm dừng, bị hủy được đếm ở cột riêng, không tính vào tỷ lệ hoàn thành, không bị coi là quá hạn hay sắp đến hạn.',
    `- Nhiệm vụ thường xuyên (loại thời hạn "Thường xuyên") không tính vào tỷ lệ khi ô ${L.excludeRoutineCell} là "${YES_NO.yes}" (như QĐ 23/2018); chọn "${YES_NO.no}" để tính.`,
    `- ${RATE_LABELS.rated} = tổng số, trừ nhiệm vụ tạm dừng, bị hủy (và nhiệm vụ thường xuyên khi ô ${L.excludeRoutineCell} là "${YES_NO.yes}"). ${RATE_LABELS.due}: nhiệm vụ tính tỷ lệ có hạn cuối không muộn hơn ngày báo cáo.`,
    `- ${RATE_LABELS.rateDue} = số nhiệm vụ đến hạn đã hoàn thành ÷ số nhiệm vụ đến hạn (cách tính của Văn phòng Chính phủ); ${RATE_LABELS.rateAll} = số đã hoàn thành ÷ số nhiệm vụ tính tỷ lệ. Để trống khi mẫu số bằng 0.`,
    `- "Sắp đến hạn": chưa hoàn thành, còn không quá ${o.dueSoonDays} ngày (ô ${L.dueSoonCell}) tính từ ngày báo cáo.`,
  ];
  notes.forEach((n, i) => rows.push({ r: r + 2 + i, cells: [{ value: n, style: i === 0 ? S.noteTitle : S.note }] }));

  // Wide enough for the switch's label, right-aligned in A4 (it would run off the sheet's left edge).
  const columns: number[] = [Math.min(50, Math.max(36, ...summary.rows.map((x) => x.agency.length + 2)))];
  for (let c = 2; c <= L.lastCol; c++) columns.push(14);

  const sheet: Sheet = {
    name: SHEET.rollup,
    columns,
    rows: () => rows,
    view: { frozenRows: L.headerRow, frozenCols: 1, topLeftCell: `B${L.firstRow}`, activeCell: L.asOfCell },
    merges: [`A1:${colLetter(L.lastCol)}1`],
    validations: [
      {
        sqref: L.excludeRoutineCell,
        type: 'list',
        allowBlank: false,
        formulae: [`"${YES_NO.yes},${YES_NO.no}"`],
        showInputMessage: true,
        promptTitle: 'Nhiệm vụ thường xuyên',
        prompt: `"${YES_NO.yes}": không tính vào tỷ lệ hoàn thành; "${YES_NO.no}": có tính.`,
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Giá trị không hợp lệ',
        error: `Chỉ chọn "${YES_NO.yes}" hoặc "${YES_NO.no}".`,
      },
    ],
    page: printPage(`${L.headerRow}:${L.headerRow}`),
  };
  // Defined names: formulas on every sheet read NgayBaoCao rather than 'Tổng hợp'!$B$2.
  const abs = (cell: string): string => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const names = [
    { name: NAME.asOf, ref: `'${SHEET.rollup}'!${abs(L.asOfCell)}` },
    { name: NAME.dueSoonDays, ref: `'${SHEET.rollup}'!${abs(L.dueSoonCell)}` },
    { name: NAME.excludeRoutine, ref: `'${SHEET.rollup}'!${abs(L.excludeRoutineCell)}` },
  ];
  return { sheet, names };
}

function rollupRow(r: number, row: RollupRow, total: boolean, scope: CountScope): Row {
  const at = (c: number): string => `${colLetter(c)}${r}`;
  const count = total ? S.totalCount : S.count;
  const rate = total ? S.totalRate : S.rate;
  const cells: Cell[] = [];
  const put = (col: number, formula: string, result: number | string, style: CellStyle): void => {
    cells[col - 1] = { value: { formula, result }, style };
  };
  cells[L.agencyCol - 1] = { value: row.agency, style: total ? S.totalAgency : S.agency };
  for (const k of CATEGORY_KEYS) put(L.categoryCol(k), categoryCountFormula(scope, k), row.counts[k], count);
  const first = CATEGORY_KEYS[0]!;
  const last = CATEGORY_KEYS[CATEGORY_KEYS.length - 1]!;
  put(L.totalCol, `SUM(${at(L.categoryCol(first))}:${at(L.categoryCol(last))})`, row.total, count);
  put(L.dueSoonCol, dueSoonFormula(scope), row.dueSoon, count);
  const cellsOf: RateCells = {
    ratedCounts: `${at(L.categoryCol(RATED_CATEGORIES[0]!))}:${at(L.categoryCol(RATED_CATEGORIES[RATED_CATEGORIES.length - 1]!))}`,
    doneOnTime: at(L.categoryCol('done_on_time')),
    doneLate: at(L.categoryCol('done_late')),
  };
  put(L.dueCol, dueFormula(scope), row.due, count);
  put(L.dueDoneCol, dueDoneFormula(scope), row.dueDone, count);
  put(L.rateDueCol, rateFormula(at(L.dueDoneCol), at(L.dueCol)), row.rateDue ?? '', rate);
  put(L.ratedCol, ratedFormula(scope, cellsOf), row.rated, count);
  put(L.ratedDoneCol, ratedDoneFormula(scope, cellsOf), row.ratedDone, count);
  put(L.rateAllCol, rateFormula(at(L.ratedDoneCol), at(L.ratedCol)), row.rateAll ?? '', rate);
  return { r, cells };
}

/** The switch's text as a boolean: "Có" → true, "Không" → false (case and spaces aside), anything else → null. */
export function readExcludeRoutine(v: unknown): boolean | null {
  if (typeof v !== 'string') return null;
  const t = v.trim().toLocaleLowerCase('vi');
  if (t === YES_NO.yes.toLocaleLowerCase('vi')) return true;
  if (t === YES_NO.no.toLocaleLowerCase('vi')) return false;
  return null;
}

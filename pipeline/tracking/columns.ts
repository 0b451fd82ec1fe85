import { fieldOfHeader, headerKey, type Field } from '../find/headers.js';
import { TASK_COLUMNS } from '../write/columns.js';

/**
 * The columns of a tracking sheet as it comes back from an agency: ours
 * (written by write/workbook.ts), renamed ones found by synonyms, and the
 * user's own columns, which are kept as extra data under their header.
 */
export type TrackingKey =
  | 'index'
  | 'document'
  | 'tt'
  | 'group'
  | 'content'
  | 'lead'
  | 'support'
  | 'deadlineRaw'
  | 'deadlineKind'
  | 'deadlineEnd'
  | 'approval'
  | 'product'
  | 'status'
  | 'doneDate'
  | 'notes'
  | 'category'
  | 'warnings'
  | 'source'
  | 'planState';

/** The re-import's flag column (tracking/reimport.ts): is the task still in the plan? */
export const PLAN_STATE_HEADER = 'Tình trạng kế hoạch';
/** Its value (and the `Tình trạng` text) for a task the amended plan no longer has. */
export const REMOVED_LABEL = 'Đã bỏ khỏi kế hoạch';

/** Our own headers, exactly as written: they win over synonyms, so "Kết quả/Ghi chú" is notes, not product. */
const OWN_HEADERS: ReadonlyArray<[string, TrackingKey]> = [
  ...TASK_COLUMNS.map((c): [string, TrackingKey] => [c.header, c.key as TrackingKey]),
  ['Văn bản', 'document'],
  [PLAN_STATE_HEADER, 'planState'],
];

/**
 * Names staff give the columns they fill in. Checked before the plan's
 * header synonyms (find/headers.ts), where "Kết quả" is the product and
 * "Thời gian hoàn thành" the deadline: "Kết quả thực hiện" and "Ngày hoàn
 * thành thực tế" are what the agency reports.
 */
const TRACKING_SYNONYMS: Partial<Record<TrackingKey, string[]>> = {
  status: [
    'trạng thái',
    'trạng thái thực hiện',
    'tình hình thực hiện',
    'tình trạng thực hiện',
    'mức độ hoàn thành',
    'kết quả thực hiện (trạng thái)',
    'tình hình',
    'trạng thái/tiến độ',
  ],
  doneDate: [
    'ngày hoàn thành',
    'ngày hoàn thành thực tế',
    'thời gian hoàn thành thực tế',
    'thời điểm hoàn thành thực tế',
    'ngày thực hiện xong',
    'ngày xong',
  ],
  notes: [
    'kết quả/ghi chú',
    'kết quả, ghi chú',
    'kết quả thực hiện',
    'kết quả thực hiện/ghi chú',
    'ghi chú',
    'ghi chú của đơn vị',
    'ý kiến của đơn vị',
    'giải trình',
    'lý do chưa hoàn thành',
  ],
  deadlineEnd: ['hạn cuối', 'ngày hết hạn'],
  deadlineKind: ['loại thời hạn'],
  category: ['tình trạng'],
  warnings: ['cảnh báo'],
  source: ['nguồn', 'tệp nguồn'],
  index: ['stt'],
  planState: ['tình trạng kế hoạch'],
};

const PLAN_FIELD: Record<Exclude<Field, 'note'>, TrackingKey> = {
  tt: 'tt',
  group: 'group',
  content: 'content',
  lead: 'lead',
  support: 'support',
  deadline: 'deadlineRaw',
  product: 'product',
  approval: 'approval',
};

const PREFIX_KEYS = new Set<TrackingKey>(['status', 'doneDate', 'notes']);
const OWN = new Map(OWN_HEADERS.map(([h, k]) => [headerKey(h), k]));
const SYNONYMS = Object.entries(TRACKING_SYNONYMS)
  .flatMap(([key, words]) => words.map((w) => ({ key: key as TrackingKey, word: headerKey(w) })))
  .sort((a, b) => b.word.length - a.word.length);

/** Where each key sits (0-based column), and the user's other columns by header. */
export interface TrackingColumns {
  at: Partial<Record<TrackingKey, number>>;
  /** Columns that are none of ours: kept under their header text. */
  extra: Array<{ col: number; header: string }>;
}

/** The key one header cell names on its own, or null (an extra column). */
function keyOf(cell: string): { key: TrackingKey; exact: boolean } | null {
  const k = headerKey(cell);
  if (!k) return null;
  const own = OWN.get(k);
  if (own) return { key: own, exact: true };
  for (const s of SYNONYMS) if (k === s.word) return { key: s.key, exact: false };
  // "Trạng thái (chọn)", "Ghi chú khác": only the columns staff fill in match by their start;
  // "Nguồn kinh phí" is a plan column, not our "Nguồn".
  for (const s of SYNONYMS) {
    if (!PREFIX_KEYS.has(s.key)) continue;
    if (k.startsWith(s.word) && /^[\s/,(-]/.test(k.slice(s.word.length))) return { key: s.key, exact: false };
  }
  const field = fieldOfHeader(cell);
  if (field === 'note') return { key: 'notes', exact: false };
  return field ? { key: PLAN_FIELD[field], exact: false } : null;
}

/**
 * Map a header row. Our exact headers claim their keys first, then synonyms
 * in column order; a second column claiming a taken key is extra data (a
 * "Ghi chú" beside our "Kết quả/Ghi chú" stays the user's own column).
 * "STT" is the TT only when there is no "Mã" (an agency's own sheet).
 */
export function mapTrackingHeader(cells: readonly string[]): TrackingColumns {
  const found = cells.map((c) => keyOf(c));
  const at: Partial<Record<TrackingKey, number>> = {};
  for (const exact of [true, false]) {
    found.forEach((f, col) => {
      if (f && f.exact === exact && at[f.key] === undefined && !Object.values(at).includes(col)) at[f.key] = col;
    });
  }
  if (at.tt === undefined && at.index !== undefined) {
    at.tt = at.index;
    delete at.index;
  }
  const used = new Set(Object.values(at));
  const extra = cells.flatMap((header, col) => (used.has(col) || header.trim() === '' ? [] : [{ col, header: header.trim() }]));
  return { at, extra };
}

/** A header row of a task sheet: it names the content and something only a task sheet has. */
export function isTaskHeader(c: TrackingColumns): boolean {
  const has = (k: TrackingKey): boolean => c.at[k] !== undefined;
  return has('content') && (has('status') || has('lead') || has('deadlineRaw'));
}

/** Rows searched for the header: a returned sheet may have a title and a subtitle above it. */
export const HEADER_SEARCH_ROWS = 30;

/** Text of a cell by key ('' when the column is missing). */
export function cellOf(cells: readonly string[], c: TrackingColumns, key: TrackingKey): string {
  const col = c.at[key];
  return col === undefined ? '' : (cells[col] ?? '').trim();
}

/**
 * A status column renamed to a word plans use for the deadline ("Tiến độ",
 * "Tiến độ thực hiện"): the header says deadline, the values say status.
 * When no column is the status by its header, the one whose filled cells
 * (at least two, four in five) read as statuses is taken for it, whether it
 * was mapped as the deadline or left as the user's own column.
 */
export function statusByValues(c: TrackingColumns, rows: ReadonlyArray<readonly string[]>, isStatus: (text: string) => boolean): TrackingColumns {
  if (c.at.status !== undefined) return c;
  const candidates = [...(c.at.deadlineRaw === undefined ? [] : [c.at.deadlineRaw]), ...c.extra.map((x) => x.col)];
  for (const col of candidates) {
    const filled = rows.map((r) => (r[col] ?? '').trim()).filter((t) => t !== '');
    if (filled.length < 2 || filled.filter(isStatus).length < 0.8 * filled.length) continue;
    const at = { ...c.at, status: col };
    if (at.deadlineRaw === col) delete at.deadlineRaw;
    return { at, extra: c.extra.filter((x) => x.col !== col) };
  }
  return c;
}

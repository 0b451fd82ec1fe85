import { foldKey, stripDiacritics, stripMarkdown } from '../normalise/text.js';
import { remembered } from '../normalise/memo.js';

/** The fields a task table can have. Anything else is kept as extra data under its header. */
export type Field = 'tt' | 'group' | 'content' | 'lead' | 'support' | 'deadline' | 'product' | 'approval' | 'note';

/**
 * Header synonyms, matched on the start of a folded header cell (case,
 * diacritics and spacing ignored), longest first. Order inside a field does
 * not matter; the longest match across all fields wins, so "Thời gian thực
 * hiện" is a deadline even though "thực hiện" alone hints at the lead.
 */
export const HEADER_SYNONYMS: Record<Field, string[]> = {
  tt: ['tt', 'stt', 'số tt', 'số thứ tự', 'thứ tự', 'mã số', 'mã nhiệm vụ', 'số', 'mã'],
  // The tracking workbook's own "Nhóm" column; "Thuộc nhóm" in a plan stays extra data.
  group: ['nhóm', 'nhóm nhiệm vụ'],
  content: [
    'nội dung',
    'nội dung nhiệm vụ',
    'nội dung công việc',
    'nội dung thực hiện',
    'nội dung chi tiết',
    'nhiệm vụ',
    'nhiệm vụ cụ thể',
    'nhiệm vụ, giải pháp',
    'nhiệm vụ/giải pháp',
    'tên nhiệm vụ',
    'tên nhiệm vụ cụ thể',
    'tên nhiệm vụ/dự án',
    'tên nhiệm vụ, dự án',
    'tên công việc',
    'tên đề án',
    'tên văn bản',
    'tên gọi văn bản',
    'tên gọi',
    'tên dự thảo',
    'công việc',
    'danh mục',
    'danh mục nhiệm vụ',
    'chỉ tiêu',
    'hoạt động',
    'giải pháp',
    'đề án',
  ],
  lead: [
    'cơ quan chủ trì',
    'cơ quan thực hiện',
    'cơ quan chủ trì thực hiện',
    'cơ quan, đơn vị chủ trì',
    'cơ quan/đơn vị chủ trì',
    'cơ quan chủ trì, tham mưu',
    'cơ quan tham mưu',
    'cơ quan thực hiện chính',
    'cơ quan, đơn vị thực hiện',
    'cơ quan/đơn vị thực hiện',
    'đơn vị chủ trì',
    'đơn vị thực hiện',
    'đơn vị chủ trì thực hiện',
    'đơn vị tham mưu',
    'đơn vị đầu mối',
    'cơ quan đầu mối',
    'chủ trì',
    'chủ trì thực hiện',
    'trách nhiệm thực hiện',
    'trách nhiệm chủ trì',
    'người thực hiện',
    'bộ phận thực hiện',
    'phân công',
    'sở, ngành chủ trì',
    'sở, ngành chủ trì tham mưu',
    'sở, ban, ngành chủ trì',
    'cơ quan soạn thảo',
    'cơ quan chủ trì soạn thảo',
    'đơn vị soạn thảo',
    'cơ quan chủ trì xây dựng',
  ],
  support: [
    'cơ quan phối hợp',
    'cơ quan, đơn vị phối hợp',
    'cơ quan/đơn vị phối hợp',
    'đơn vị phối hợp',
    'phối hợp',
    'phối hợp thực hiện',
    'cơ quan phối hợp thực hiện',
    'trách nhiệm phối hợp',
  ],
  deadline: [
    'thời gian',
    'thời hạn',
    'tiến độ',
    'thời gian hoàn thành',
    'thời gian thực hiện',
    'thời gian trình',
    'thời hạn hoàn thành',
    'thời hạn trình',
    'thời hạn thực hiện',
    'thời điểm hoàn thành',
    'thời gian dự kiến',
    'tiến độ thực hiện',
    'tiến độ hoàn thành',
    'hạn hoàn thành',
    'thời hạn ban hành',
    'thời gian ban hành',
    'hạn chót',
    'hạn',
    'ngày dự kiến trình',
    'thời gian dự kiến trình',
    'dự kiến thời gian trình',
    'ngày dự kiến trình ban hành',
    'thời gian trình ban hành',
    'thời điểm trình',
  ],
  product: [
    'sản phẩm',
    'sản phẩm dự kiến',
    'sản phẩm đầu ra',
    'sản phẩm chủ yếu',
    'kết quả',
    'kết quả dự kiến',
    'kết quả đầu ra',
    'hình thức văn bản',
    'hình thức sản phẩm',
    'dự kiến sản phẩm',
  ],
  approval: [
    'cấp phê duyệt',
    'cấp trình',
    'cấp ban hành',
    'cấp phê duyệt/ban hành',
    'cấp quyết định',
    'cấp có thẩm quyền',
    'cơ quan phê duyệt',
    'cơ quan ban hành',
    'cơ quan trình',
    'thẩm quyền ban hành',
    'thẩm quyền phê duyệt',
    'cấp trình ban hành',
    'cấp trình phê duyệt',
  ],
  note: ['ghi chú'],
};

/**
 * Folded, diacritics-free, punctuation-light form of a header cell. Remembered: header cells, TT, agency and
 * deadline cells are asked about again and again (every row, every rule). Declared before SYNONYMS, whose
 * keys are worked out as the module loads.
 */
export const headerKey: (s: string) => string = remembered(headerKeyOnce);

interface Synonym {
  field: Field;
  key: string;
}

const SYNONYMS: Synonym[] = Object.entries(HEADER_SYNONYMS)
  .flatMap(([field, words]) => words.map((w) => ({ field: field as Field, key: headerKey(w) })))
  .sort((a, b) => b.key.length - a.key.length);

function headerKeyOnce(s: string): string {
  return stripDiacritics(foldKey(stripMarkdown(s)))
    .replace(/[()*:]/g, ' ')
    .replace(/\s*([/,])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The field a header cell names, or null when it names none (an extra
 * column: "Nguồn kinh phí", "Văn bản giao nhiệm vụ", "Thuộc nhóm" …).
 * A header matches a synonym when it equals it or starts with it followed
 * by a word break, so "Cơ quan chủ trì thực hiện" is a lead column but
 * "Chủ trìx" is nothing.
 */
export function fieldOfHeader(cell: string): Field | null {
  const key = headerKey(cell);
  if (!key) return null;
  for (const s of SYNONYMS) {
    if (key === s.key) return s.field;
  }
  for (const s of SYNONYMS) {
    if (key.startsWith(s.key) && /^[\s/,(-]/.test(key.slice(s.key.length))) {
      // "Số" alone is TT, but "Số tiền" is not; short synonyms only match whole.
      if (s.key.length <= 3) continue;
      return s.field;
    }
  }
  return null;
}

export interface ColumnMap {
  /** Column index → field (null: extra column, kept under its header). */
  fields: Array<Field | null>;
  /** Header text of each column as written. */
  headers: string[];
}

/**
 * Map a header row to fields. A row is a task header when it names the
 * content and at least one of lead, deadline or TT — enough to be sure it
 * is not the letterhead or a signature table. When two columns claim the
 * same field the first keeps it and the other becomes extra data (tables
 * with "Cơ quan chủ trì" and "Cơ quan thực hiện" side by side are rare and
 * the first is the accountable one).
 */
export function mapHeader(cells: string[]): ColumnMap | null {
  const fields: Array<Field | null> = [];
  const seen = new Set<Field>();
  // "Mã" beside "STT" (the tracking workbook): the task's code is the TT, the running number is not.
  const code = cells.findIndex((c) => headerKey(c) === 'ma');
  for (const [i, c] of cells.entries()) {
    let f = fieldOfHeader(c);
    if (f === 'tt' && code >= 0 && i !== code) f = null;
    if (f && f !== 'note' && seen.has(f)) {
      fields.push(null);
      continue;
    }
    if (f) seen.add(f);
    fields.push(f === 'note' ? null : f);
  }
  const has = (f: Field) => seen.has(f);
  if (!has('content')) return null;
  if (!has('lead') && !has('deadline') && !has('tt')) return null;
  // A "Mã" table naming neither lead nor deadline is one of the workbook's derived sheets (Phân công, Kiểm tra).
  if (code >= 0 && !has('lead') && !has('deadline')) return null;
  const hits = fields.filter((f) => f !== null).length;
  if (hits < 2) return null;
  return { fields, headers: cells.map((c) => stripMarkdown(c).replace(/\s+/g, ' ').trim()) };
}

/** Row of column numbers under a header: "(1)", "1", "2" … — dropped. */
export function isColumnNumberRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < 2) return false;
  return filled.every((c, i) => c.replace(/[()]/g, '') === String(i + 1));
}

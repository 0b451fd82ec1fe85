import type { Task } from '../model/task.js';
import type { TaskField } from '../model/finding.js';

/**
 * The columns of the workbook's `Nhiệm vụ` sheet (DESIGN §5). CSV uses the
 * same list so a CSV opened in Excel looks like the sheet. User-entered
 * columns (Trạng thái, Ngày hoàn thành, Kết quả/Ghi chú) start empty.
 */
export interface Column {
  /** Header as the user sees it (Vietnamese). */
  header: string;
  /** Stable key for code. */
  key: string;
  /** Value for a task; null for columns the user fills in. */
  value: (task: Task, ctx: ColumnContext) => string | null;
}

export interface ColumnContext {
  /** 1-based position of the task in its document. */
  index: number;
  /** Source file name (the `Nguồn` column). */
  source: string;
  /** The `Tình trạng` category as of the report date, computed in TypeScript for CSV. */
  category?: string;
  /** Short text of the findings on this task (the `Cảnh báo` column). */
  warnings?: string;
}

const KIND_LABEL: Record<Task['deadline']['kind'], string> = {
  date: 'Ngày',
  month: 'Tháng',
  quarter: 'Quý',
  half_year: 'Nửa năm',
  year: 'Năm',
  range: 'Giai đoạn',
  recurring: 'Thường xuyên',
  conditional: 'Có điều kiện',
  missing: 'Không có',
  unparsed: 'Không đọc được',
};

/** Every label the `Loại thời hạn` column shows. */
export const DEADLINE_KIND_LABELS: readonly string[] = Object.values(KIND_LABEL);

export function deadlineKindLabel(kind: Task['deadline']['kind']): string {
  return KIND_LABEL[kind];
}

/** The kind a `Loại thời hạn` label names (as written, spaces and case aside), or null for any other text. */
export function deadlineKindOfLabel(label: string): Task['deadline']['kind'] | null {
  const t = label.trim().toLocaleLowerCase('vi');
  const hit = (Object.entries(KIND_LABEL) as Array<[Task['deadline']['kind'], string]>).find(([, l]) => l.toLocaleLowerCase('vi') === t);
  return hit ? hit[0] : null;
}

export const TASK_COLUMNS: readonly Column[] = [
  { header: 'STT', key: 'index', value: (_t, c) => String(c.index) },
  { header: 'Mã', key: 'tt', value: (t) => t.tt },
  { header: 'Nhóm', key: 'group', value: (t) => t.group },
  { header: 'Nội dung', key: 'content', value: (t) => t.content },
  { header: 'Cơ quan chủ trì', key: 'lead', value: (t) => t.lead.join('; ') },
  { header: 'Cơ quan phối hợp', key: 'support', value: (t) => t.support.join('; ') },
  { header: 'Thời hạn', key: 'deadlineRaw', value: (t) => t.deadline.raw },
  { header: 'Loại thời hạn', key: 'deadlineKind', value: (t) => deadlineKindLabel(t.deadline.kind) },
  { header: 'Hạn cuối', key: 'deadlineEnd', value: (t) => t.deadline.end },
  { header: 'Cấp phê duyệt', key: 'approval', value: (t) => t.approval },
  { header: 'Sản phẩm', key: 'product', value: (t) => t.product },
  { header: 'Trạng thái', key: 'status', value: () => null },
  { header: 'Ngày hoàn thành', key: 'doneDate', value: () => null },
  { header: 'Kết quả/Ghi chú', key: 'notes', value: () => null },
  { header: 'Tình trạng', key: 'category', value: (_t, c) => c.category ?? null },
  { header: 'Cảnh báo', key: 'warnings', value: (_t, c) => c.warnings ?? null },
  { header: 'Nguồn', key: 'source', value: (_t, c) => c.source },
];

/** The column (by key) of the `Nhiệm vụ` sheet that a finding's field points at. */
export const FIELD_COLUMN_KEY: Record<TaskField, string> = {
  tt: 'tt',
  content: 'content',
  lead: 'lead',
  support: 'support',
  deadline: 'deadlineRaw',
  approval: 'approval',
  product: 'product',
  status: 'status',
  doneDate: 'doneDate',
};

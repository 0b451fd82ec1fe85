/** What a re-import (reimport.ts) did, row by row: returned to the caller and written to the change log. */

export interface ReimportOptions {
  /** Date of the update (ISO): the log's date and the report date on `Tổng hợp`. */
  asOf: string;
  /** Name of the existing workbook, for messages. */
  file?: string;
  /** Update even when the plan shares too few tasks with the workbook to be the same plan. */
  force?: boolean;
  /** The switch on `Tổng hợp` (routine tasks out of the rates); absent: as the workbook had it, else on. */
  excludeRoutine?: boolean;
}

export type ChangeKind =
  | 'added'
  | 'removed'
  | 'restored'
  | 'tt'
  | 'content'
  | 'deadline'
  | 'lead'
  | 'support'
  | 'group'
  | 'approval'
  | 'product'
  /** A value typed where the rebuilt workbook has no place for it: kept here, in the log. */
  | 'not_kept'
  /** A status typed over the `Tình trạng` formula, moved to `Trạng thái`. */
  | 'moved'
  /** The row matched one of several identical tasks: a guess to check. */
  | 'ambiguous';

/** The log's words for each kind of change. */
export const CHANGE_LABEL: Record<ChangeKind, string> = {
  added: 'thêm',
  removed: 'bỏ',
  restored: 'thêm lại',
  tt: 'đổi số thứ tự',
  content: 'sửa nội dung',
  deadline: 'đổi thời hạn',
  lead: 'đổi cơ quan chủ trì',
  support: 'đổi cơ quan phối hợp',
  group: 'đổi nhóm',
  approval: 'đổi cấp phê duyệt',
  product: 'đổi sản phẩm',
  not_kept: 'ô người dùng nhập, không còn chỗ cũ (giá trị giữ ở đây)',
  moved: 'trạng thái ghi ở cột Tình trạng, chuyển sang cột Trạng thái',
  ambiguous: 'ghép chưa chắc chắn (có nhiệm vụ giống hệt), cần xem lại',
};

export interface Change {
  kind: ChangeKind;
  /** TT in the amended plan (the old one for a removed task). */
  tt: string | null;
  /** The task's content (the new text when reworded). */
  content: string;
  old: string | null;
  new: string | null;
  /** Row of the task on the new `Nhiệm vụ`; null for what is not a task's (a footer, a name). */
  row: number | null;
}

/** A log entry for a typed value that has no place in the rebuilt workbook: its place and its text. */
export function notKept(where: string, text: string): Change {
  return { kind: 'not_kept', tt: null, content: where, old: text, new: null, row: null };
}

/** What the copy an update keeps beside a workbook carries in its name: "theo-doi.truoc-cap-nhat-2026-12-03.xlsx". */
export const BACKUP_MARK = '.truoc-cap-nhat';

/** A file name without its extension and without an update's backup mark: the workbook it is a version of. */
export function workbookStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.[^.]+$/, '').replace(BACKUP_TAIL_RE, '');
}

const BACKUP_TAIL_RE = new RegExp(`${BACKUP_MARK.replace('.', '\\.')}(?:-\\d{4}-\\d{2}-\\d{2}(?:-\\d+)?)?$`, 'i');

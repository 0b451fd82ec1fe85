/** What a re-import (reimport.ts) did, row by row: returned to the caller and written to the change log. */

export interface ReimportOptions {
  /** Date of the update (ISO): the log's date and the report date on `Tổng hợp`. */
  asOf: string;
  /** Name of the existing workbook, for messages. */
  file?: string;
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
  | 'product';

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
};

export interface Change {
  kind: ChangeKind;
  /** TT in the amended plan (the old one for a removed task). */
  tt: string | null;
  /** The task's content (the new text when reworded). */
  content: string;
  old: string | null;
  new: string | null;
  /** Row of the task on the new `Nhiệm vụ`. */
  row: number;
}

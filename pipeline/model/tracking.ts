/**
 * The statuses staff pick from (the workbook's dropdown), in the words of the
 * tracking systems offices already use (the Government Office's database
 * under QĐ 42/2014 and QĐ 23/2018, the ministries' and provinces' own):
 * a task is not started, in progress, done, suspended or cancelled. Other
 * ways of writing each are in rollup/status.ts.
 */
export const STATUSES = ['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Tạm dừng', 'Bị hủy'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * What staff type beside a task while tracking it. A plain type, not a schema: the
 * worker that converts plans loads this module, and it must not load zod for it.
 */
export interface Tracking {
  status: string | null;
  /** ISO date. */
  doneDate: string | null;
  notes: string | null;
}

/**
 * The category of a task as of a report date (rollup/status.ts), in the words
 * of the government's reports. The first five are the tasks the completion
 * rates count (rollup/rollup.ts); a suspended or cancelled task is counted
 * and shown, but outside both rates, and is never overdue or due soon.
 */
export const CATEGORIES = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  open_on_time: 'Chưa hoàn thành, trong hạn',
  open_overdue: 'Chưa hoàn thành, quá hạn',
  no_deadline: 'Không có hạn cụ thể',
  suspended: 'Tạm dừng',
  cancelled: 'Bị hủy',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as Category[];
/** Categories outside both completion rates, whatever the options. */
export const UNRATED_CATEGORIES: readonly Category[] = ['suspended', 'cancelled'];
/** The categories a rate may count, in CATEGORY_KEYS order (the first five: contiguous columns on every sheet). */
export const RATED_CATEGORIES: readonly Category[] = CATEGORY_KEYS.filter((k) => !UNRATED_CATEGORIES.includes(k));

/**
 * Headers of the rate figures (rollup/rollup.ts RollupRow), the same on the
 * workbook's `Tổng hợp`, the report's sheets, its CSV and the add-in's sheet.
 */
export const RATE_LABELS = {
  due: 'Số nhiệm vụ đến hạn',
  dueDone: 'Đến hạn đã hoàn thành',
  rateDue: 'Tỷ lệ hoàn thành (trên số đến hạn)',
  rated: 'Số nhiệm vụ tính tỷ lệ',
  ratedDone: 'Đã hoàn thành (tính tỷ lệ)',
  rateAll: 'Tỷ lệ hoàn thành (trên tổng số)',
} as const;

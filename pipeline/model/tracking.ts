import { z } from 'zod';

/** The three statuses staff pick from (the workbook's dropdown). */
export const STATUSES = ['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành'] as const;
export type Status = (typeof STATUSES)[number];

/** What staff type beside a task while tracking it. */
export const Tracking = z.object({
  status: z.string().nullable(),
  /** ISO date. */
  doneDate: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Tracking = z.infer<typeof Tracking>;

/** The category of a task as of a report date (DESIGN §4), in the words of the government's reports. */
export const CATEGORIES = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  open_on_time: 'Chưa hoàn thành, trong hạn',
  open_overdue: 'Chưa hoàn thành, quá hạn',
  no_deadline: 'Không có hạn cụ thể',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as Category[];

/**
 * A small hand-made plan for the completion rates (rollup/rollup.ts): one
 * task of each kind the tracking systems tell apart, with the statuses typed
 * as a person types them, and the numbers worked out by hand in
 * test/rates.test.ts. Report date 2026-06-30.
 *
 * | TT | lead         | deadline              | typed                    | category       | rated | due |
 * |----|--------------|-----------------------|--------------------------|----------------|-------|-----|
 * | 1  | Sở Y tế      | 31/3/2026             | Hoàn thành, 20/3         | done on time   | yes   | yes |
 * | 2  | Sở Y tế      | 30/4/2026             | Hoàn thành, 10/5         | done late      | yes   | yes |
 * | 3  | Sở Y tế      | 31/5/2026             | Đang thực hiện           | open, overdue  | yes   | yes |
 * | 4  | Sở Tài chính | 31/12/2026            | (blank)                  | open, in time  | yes   | no  |
 * | 5  | Sở Tài chính | Thường xuyên          | Hoàn thành, 1/2          | done on time   | routine | no |
 * | 6  | Sở Y tế      | 30/4/2026             | Tạm dừng                 | suspended      | no    | no  |
 * | 7  | Sở Tài chính | 15/5/2026             | Đã huỷ (old tone mark)   | cancelled      | no    | no  |
 * | 8  | Sở Tài chính | 30/6/2026 (today)     | Đang thực hiện           | open, in time  | yes   | yes |
 * | 9  | Sở Y tế      | 30/9/2026             | Hoàn thành, 1/6 (early)  | done on time   | yes   | no  |
 * | 10 | Sở Tài chính | Hằng năm              | (blank)                  | no deadline    | routine | no |
 * | 11 | Sở Tài chính | Khi có hướng dẫn      | (blank)                  | no deadline    | yes   | no  |
 * | 12 | Sở Y tế      | Hằng năm, end 31/5    | Hoàn thành, 20/5         | done on time   | routine | (yes) |
 *
 * Task 12 is routine with a last day (a person typed one in Hạn cuối): due
 * and done once routine tasks count.
 */
import type { ConvertedDocument } from '../../pipeline/model/document.js';
import type { Task } from '../../pipeline/model/task.js';
import type { Tracking } from '../../pipeline/model/tracking.js';
import { makeDoc, makeTask } from './docs.js';

export const RATE_AS_OF = '2026-06-30';

const YT = 'Sở Y tế';
const TC = 'Sở Tài chính';

function task(tt: number, lead: string, raw: string, kind: Task['deadline']['kind'], end: string | null): Task {
  return makeTask({
    id: `t${tt}`,
    tt: String(tt),
    content: `Nhiệm vụ số ${tt}`,
    lead: [lead],
    leadCanonical: [lead],
    support: [],
    supportCanonical: [],
    deadline: { raw, kind, start: null, end, recurring: kind === 'recurring' },
  });
}

const typed = (status: string | null, doneDate: string | null = null): Tracking => ({ status, doneDate, notes: null });

export const RATE_CASES: ReadonlyArray<{ task: Task; tracking: Tracking | undefined }> = [
  { task: task(1, YT, 'Tháng 3/2026', 'month', '2026-03-31'), tracking: typed('Hoàn thành', '2026-03-20') },
  { task: task(2, YT, 'Tháng 4/2026', 'month', '2026-04-30'), tracking: typed('Hoàn thành', '2026-05-10') },
  { task: task(3, YT, 'Tháng 5/2026', 'month', '2026-05-31'), tracking: typed('Đang thực hiện') },
  { task: task(4, TC, 'Năm 2026', 'year', '2026-12-31'), tracking: undefined },
  { task: task(5, TC, 'Thường xuyên', 'recurring', null), tracking: typed('Hoàn thành', '2026-02-01') },
  { task: task(6, YT, 'Tháng 4/2026', 'month', '2026-04-30'), tracking: typed('Tạm dừng') },
  { task: task(7, TC, '15/5/2026', 'date', '2026-05-15'), tracking: typed('Đã huỷ') },
  { task: task(8, TC, '30/6/2026', 'date', '2026-06-30'), tracking: typed('Đang thực hiện') },
  { task: task(9, YT, 'Quý III/2026', 'quarter', '2026-09-30'), tracking: typed('Hoàn thành', '2026-06-01') },
  { task: task(10, TC, 'Hằng năm', 'recurring', null), tracking: undefined },
  { task: task(11, TC, 'Khi có hướng dẫn', 'conditional', null), tracking: undefined },
  { task: task(12, YT, 'Hằng năm, trước 31/5', 'recurring', '2026-05-31'), tracking: typed('Hoàn thành', '2026-05-20') },
];

export const rateTasks = (): Task[] => RATE_CASES.map((c) => c.task);
export const rateTracking = (): Array<Tracking | undefined> => RATE_CASES.map((c) => c.tracking);
export const rateDoc = (): ConvertedDocument => makeDoc(rateTasks(), [], 'ke-hoach-ty-le.txt');

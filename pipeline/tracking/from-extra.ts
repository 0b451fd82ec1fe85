import type { Task } from '../model/task.js';
import type { Tracking } from '../model/tracking.js';
import { mapTrackingHeader, cellOf } from './columns.js';
import { readDay, readStatus } from './values.js';

/**
 * What staff typed beside a task in a sheet given to `convert` (an existing
 * tracking sheet checked by the CLI): its Trạng thái, Ngày hoàn thành and
 * Kết quả/Ghi chú columns, which the task table keeps as extra data. Lets
 * the status rules (overdue, done without a date, invalid status) run on it.
 */
export function trackingFromExtra(task: Task): Tracking | undefined {
  const extra = task.extra;
  if (!extra) return undefined;
  const headers = Object.keys(extra);
  const cols = mapTrackingHeader(headers);
  const values = headers.map((h) => extra[h] ?? '');
  const status = cellOf(values, cols, 'status');
  const done = cellOf(values, cols, 'doneDate');
  const notes = cellOf(values, cols, 'notes');
  if (cols.at.status === undefined && cols.at.doneDate === undefined) return undefined;
  const s = readStatus(status);
  return { status: s.status, doneDate: readDay(done), notes: notes || null };
}

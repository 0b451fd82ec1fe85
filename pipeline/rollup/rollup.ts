import type { Task } from '../model/task.js';
import { CATEGORY_KEYS, type Category, type Tracking } from '../model/tracking.js';
import { taskStatus, type StatusOptions } from './status.js';
import { canonicalAgency } from '../normalise/agencies.js';
import { DEFAULT_AGENCIES, type AgencyDictionary } from '../normalise/agency-dictionary.js';

export interface RollupRow {
  /** Lead agency (canonical name), or the total row's label. */
  agency: string;
  counts: Record<Category, number>;
  dueSoon: number;
  total: number;
  /** done ÷ (done + unfinished past due); null when nothing is due yet. */
  rate: number | null;
}

export interface Rollup {
  asOf: string;
  rows: RollupRow[];
  total: RollupRow;
}

export const TOTAL_LABEL = 'Tổng cộng';
export const NO_LEAD_LABEL = '(Chưa xác định cơ quan chủ trì)';

function emptyRow(agency: string): RollupRow {
  const counts = Object.fromEntries(CATEGORY_KEYS.map((k) => [k, 0])) as Record<Category, number>;
  return { agency, counts, dueSoon: 0, total: 0, rate: null };
}

function finish(row: RollupRow): RollupRow {
  const done = row.counts.done_on_time + row.counts.done_late;
  const denom = done + row.counts.open_overdue;
  row.rate = denom === 0 ? null : done / denom;
  return row;
}

/**
 * Counts per lead agency (DESIGN §4): a task counts once for each of its
 * lead agencies and once in the total. `agencyOf` picks the name to group
 * by (canonical by default; a successor mapping for older plans).
 */
export function rollup(
  tasks: Task[],
  tracking: Array<Tracking | undefined>,
  o: StatusOptions,
  agencyOf: (task: Task) => string[] = (t) => t.leadCanonical,
): Rollup {
  const byAgency = new Map<string, RollupRow>();
  const total = emptyRow(TOTAL_LABEL);
  tasks.forEach((task, i) => {
    const s = taskStatus(task, tracking[i], o);
    const agencies = [...new Set(agencyOf(task))];
    if (agencies.length === 0) agencies.push(NO_LEAD_LABEL);
    for (const a of agencies) {
      let row = byAgency.get(a);
      if (!row) byAgency.set(a, (row = emptyRow(a)));
      row.counts[s.category]++;
      row.total++;
      if (s.dueSoon) row.dueSoon++;
    }
    total.counts[s.category]++;
    total.total++;
    if (s.dueSoon) total.dueSoon++;
  });
  const rows = [...byAgency.values()].map(finish).sort((a, b) => b.total - a.total || a.agency.localeCompare(b.agency, 'vi'));
  return { asOf: o.asOf, rows, total: finish(total) };
}

/**
 * How a rollup names agencies. `canonical` groups aliases under one name
 * ("Sở KH&ĐT" = "Sở Kế hoạch và Đầu tư"); `today` also hands the tasks of
 * an agency that no longer exists to its successor after the 2025
 * reorganisation ("Sở Kế hoạch và Đầu tư" → "Sở Tài chính", "UBND cấp
 * huyện" → "Ủy ban nhân dân cấp xã"), so an older plan rolls up by the
 * agencies that exist today. The mapping is data (agency-dictionary.ts) a
 * user can extend.
 */
export type AgencyGrouping = 'canonical' | 'today';

export function agencyGrouper(mode: AgencyGrouping, dict: AgencyDictionary = DEFAULT_AGENCIES): (task: Task) => string[] {
  if (mode === 'canonical') return (t) => t.leadCanonical;
  return (t) =>
    t.lead.map((name) => {
      const c = canonicalAgency(name, dict);
      return c.successor ?? c.canonical;
    });
}

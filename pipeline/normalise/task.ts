import type { RawTask } from '../model/raw.js';
import type { Task } from '../model/task.js';
import { canonicalAgency, splitAgencies } from './agencies.js';
import { DEFAULT_AGENCIES, type AgencyDictionary } from './agency-dictionary.js';
import { parseDeadline } from './deadline.js';
import { cleanText, dropTrailingStop, stripBullet, stripMarkdown } from './text.js';

/** Cell text as a person reads it: paragraphs and wrapped lines joined, bullets and emphasis gone. */
export function cleanCell(s: string | null | undefined): string {
  if (!s) return '';
  return cleanText(
    s
      .split('\n')
      .map((p) => stripBullet(stripMarkdown(p.trim())))
      .filter((p) => p !== '')
      .join(' '),
  );
}

function optional(s: string | null | undefined): string | null {
  const t = dropTrailingStop(cleanCell(s));
  return t === '' ? null : t;
}

/** RawTask → Task: split agencies, parse the deadline (a day without a year in its column's year, else the plan's), clean text. */
export function normaliseTask(
  raw: RawTask,
  index: number,
  dict: AgencyDictionary = DEFAULT_AGENCIES,
  planYear: number | null = null,
): Task {
  // "Theo phân công tại Quyết định …" names no agency: the lead stays empty and the reference is kept beside it.
  const reference = [raw.lead, raw.support].find((c) => c && isAssignmentReference(c)) ?? null;
  const roles = splitRoleClause(reference === raw.lead ? null : raw.lead);
  const lead = splitAgencies(roles.lead, dict);
  const support = [...splitAgencies(roles.support, dict), ...splitAgencies(reference === raw.support ? null : raw.support, dict)];
  const extra = Object.fromEntries(
    Object.entries(raw.extra)
      .map(([k, v]) => [cleanText(k), cleanCell(v)] as const)
      .filter(([, v]) => v !== ''),
  );
  if (reference) extra[ASSIGNED_BY_KEY] = cleanCell(reference);
  const task: Task = {
    id: taskId(index),
    tt: raw.tt ? cleanText(raw.tt) : null,
    group: raw.group ? cleanCell(raw.group) : null,
    content: cleanCell(raw.content),
    lead,
    support,
    leadCanonical: lead.map((a) => canonicalAgency(a, dict).canonical),
    supportCanonical: support.map((a) => canonicalAgency(a, dict).canonical),
    deadline: parseDeadline(raw.deadline, { year: raw.year ?? planYear }),
    approval: optional(raw.approval),
    product: optional(raw.product),
    origin: { kind: raw.origin.kind, page: raw.origin.page, line: raw.origin.line },
  };
  if (Object.keys(extra).length) task.extra = extra;
  return task;
}

/** The extra column that keeps an agency cell which only refers to another document. */
export const ASSIGNED_BY_KEY = 'Phân công theo';

/** "Theo phân công tại Quyết định số …", "Theo Phụ lục kèm theo", "Theo chức năng, nhiệm vụ": no agency named. */
export function isAssignmentReference(cell: string): boolean {
  return /^\s*theo\s+(?:phân công|sự phân công|phụ lục|danh mục|quyết định|kế hoạch|văn bản|chức năng)/iu.test(cell);
}

/**
 * One cell naming both roles: "Sở X chủ trì, phối hợp với Sở Y và UBND các xã"
 * → lead "Sở X", support "Sở Y và UBND các xã".
 */
export function splitRoleClause(cell: string | null): { lead: string | null; support: string | null } {
  if (!cell) return { lead: cell, support: null };
  const flat = cell.replace(/\s+/g, ' ').trim();
  const m = flat.match(/^(.+?)\s*(\()?\s*chủ trì\s*\)?\s*[,;]?\s*(?:và\s+)?phối hợp\s*(?:với\s*)?:?\s*(.+)$/iu);
  // "Sở Tư pháp (chủ trì, phối hợp với các cơ quan liên quan)": the bracket closes after the support.
  if (m) return { lead: m[1]!, support: m[2] ? m[3]!.replace(/\)\s*[.:;]?\s*$/, '') : m[3]! };
  return { lead: cell, support: null };
}

export function taskId(index: number): string {
  return `T${String(index + 1).padStart(3, '0')}`;
}

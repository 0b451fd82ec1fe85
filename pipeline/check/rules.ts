import type { Finding, Severity, TaskField } from '../model/finding.js';
import type { Task } from '../model/task.js';
import { STATUSES, type Tracking } from '../model/tracking.js';
import { isCollective } from '../normalise/agencies.js';
import { foldKey } from '../normalise/text.js';
import { ASSIGNED_BY_KEY } from '../normalise/task.js';
import { ttParts } from '../find/tt.js';
import { daysBetween, statusOf, taskStatus, todayIso } from '../rollup/status.js';

export interface CheckOptions {
  /** Report date (ISO) for status rules. */
  asOf?: string;
  /** Days before a deadline that count as "due soon" (default 14). */
  dueSoonDays?: number;
  /** Whether recurring deadlines ("Thường xuyên") count as vague (default true). */
  recurringIsVague?: boolean;
  /** Signing date of the plan (ISO), for `deadline.before_issue`. */
  issueDate?: string | null;
  /**
   * Statuses typed by staff, parallel to the tasks (undefined: nothing typed).
   * Absent when converting a plan without a report date: no status rule runs.
   */
  tracking?: Array<Tracking | undefined>;
}

export const DEFAULT_DUE_SOON_DAYS = 14;
const NOTHING_TYPED: Tracking = { status: null, doneDate: null, notes: null };

export interface RuleInfo {
  id: string;
  severity: Severity;
  field: TaskField;
  /** Short name of the rule as shown in summaries. */
  vi: string;
  en: string;
}

/** Every rule, for summaries, the add-in's grouping and the `Kiểm tra` sheet. */
export const RULES: Record<string, RuleInfo> = Object.fromEntries(
  (
    [
      ['content.empty', 'error', 'content', 'Thiếu nội dung nhiệm vụ', 'Task text is empty'],
      ['lead.missing', 'error', 'lead', 'Thiếu cơ quan chủ trì', 'No lead agency'],
      ['lead.collective', 'warning', 'lead', 'Cơ quan chủ trì chung chung', 'Lead is a collective, no single accountable agency'],
      ['lead.many', 'info', 'lead', 'Nhiều cơ quan chủ trì', 'Several lead agencies'],
      ['deadline.missing', 'error', 'deadline', 'Thiếu thời hạn', 'No deadline'],
      ['deadline.vague', 'warning', 'deadline', 'Thời hạn không cụ thể', 'Deadline has no end date'],
      ['deadline.unparsed', 'warning', 'deadline', 'Không đọc được thời hạn', 'Deadline could not be read'],
      ['deadline.before_issue', 'warning', 'deadline', 'Thời hạn trước ngày ban hành', 'Deadline before the plan was issued'],
      ['tt.duplicate', 'warning', 'tt', 'Trùng số thứ tự', 'Duplicate TT'],
      ['tt.gap', 'warning', 'tt', 'Số thứ tự bị ngắt quãng', 'Gap in TT numbering'],
      ['status.invalid', 'error', 'status', 'Trạng thái không hợp lệ', 'Invalid status'],
      ['status.overdue', 'warning', 'status', 'Quá hạn chưa hoàn thành', 'Overdue and not done'],
      ['status.due_soon', 'info', 'status', 'Sắp đến hạn', 'Due soon'],
      ['done.no_date', 'warning', 'doneDate', 'Hoàn thành nhưng thiếu ngày hoàn thành', 'Done without a completion date'],
      // Raised by check/ocr-confidence.ts on the field that holds the words.
      ['ocr.low_confidence', 'warning', 'content', 'Chữ đọc từ bản quét cần đối chiếu', 'Text read from a scan needs checking'],
    ] as const
  ).map(([id, severity, field, vi, en]) => [id, { id, severity, field, vi, en }]),
);

function finding(task: Task, rule: keyof typeof RULES & string, vi: string, en: string): Finding {
  const info = RULES[rule]!;
  const where = task.tt ? `TT ${task.tt}` : task.id;
  const messageVi = `${where}: ${vi}`;
  const messageEn = `${where}: ${en}`;
  return {
    task: task.id,
    field: info.field,
    rule,
    severity: info.severity,
    message: `${messageVi} / ${messageEn}`,
    messageVi,
    messageEn,
  };
}

/** Run every rule over a document's tasks. Findings come in task order, then rule order. */
export function check(tasks: Task[], o: CheckOptions = {}): Finding[] {
  const asOf = o.asOf ?? todayIso();
  const dueSoonDays = o.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const recurringIsVague = o.recurringIsVague ?? true;
  const out: Finding[] = [];
  const ttFindings = checkNumbering(tasks);
  tasks.forEach((t, i) => {
    if (!t.content.trim()) out.push(finding(t, 'content.empty', 'không có nội dung', 'the task has no text'));
    checkLead(t, out);
    checkDeadline(t, out, recurringIsVague, o.issueDate ?? null);
    out.push(...(ttFindings.get(t.id) ?? []));
    // With statuses to check (a tracking sheet, or a report date asked for), a task with nothing typed is not done yet.
    if (o.tracking) checkStatus(t, o.tracking[i] ?? NOTHING_TYPED, out, asOf, dueSoonDays);
  });
  return out;
}

function checkLead(t: Task, out: Finding[]): void {
  if (t.lead.length === 0) {
    const ref = t.extra?.[ASSIGNED_BY_KEY];
    out.push(
      ref
        ? finding(
            t,
            'lead.missing',
            `chưa có cơ quan chủ trì: văn bản ghi "${ref}", cần tra văn bản đó để điền`,
            `no lead agency: the plan says "${ref}"; look it up there`,
          )
        : finding(t, 'lead.missing', 'chưa có cơ quan chủ trì', 'no lead agency'),
    );
    return;
  }
  if (t.lead.every(isCollective)) {
    const names = t.lead.join('; ');
    out.push(
      finding(
        t,
        'lead.collective',
        `cơ quan chủ trì "${names}" là chung chung, không có đơn vị chịu trách nhiệm chính`,
        `lead "${names}" is a collective with no single accountable agency`,
      ),
    );
  }
  if (t.lead.length > 1) {
    out.push(
      finding(
        t,
        'lead.many',
        `${t.lead.length} cơ quan cùng chủ trì (${t.lead.join('; ')})`,
        `${t.lead.length} agencies share the lead (${t.lead.join('; ')})`,
      ),
    );
  }
}

/**
 * The Vietnamese of a recurring deadline: `thời hạn "Hằng năm" là thường
 * xuyên, …`, but not `"Thường xuyên" là thường xuyên` when the text already
 * says so.
 */
function recurringMessage(raw: string | null): string {
  const says = raw !== null && foldKey(raw).includes('thường xuyên');
  return says ? `thời hạn "${raw}" không có ngày kết thúc` : `thời hạn "${raw}" là thường xuyên, không có ngày kết thúc`;
}

function checkDeadline(t: Task, out: Finding[], recurringIsVague: boolean, issueDate: string | null): void {
  const d = t.deadline;
  switch (d.kind) {
    case 'missing':
      out.push(finding(t, 'deadline.missing', 'chưa có thời hạn', 'no deadline'));
      return;
    case 'unparsed':
      out.push(
        finding(t, 'deadline.unparsed', `không đọc được thời hạn "${d.raw}"`, `deadline "${d.raw}" could not be read`),
      );
      return;
    case 'conditional':
      out.push(
        finding(
          t,
          'deadline.vague',
          `thời hạn "${d.raw}" phụ thuộc điều kiện, không có ngày cụ thể`,
          `deadline "${d.raw}" depends on a condition and has no date`,
        ),
      );
      return;
    case 'recurring':
      if (recurringIsVague) {
        out.push(
          finding(
            t,
            'deadline.vague',
            recurringMessage(d.raw),
            `deadline "${d.raw}" is recurring with no end date`,
          ),
        );
      }
      return;
    default:
      if (issueDate && d.end && d.end < issueDate) {
        out.push(
          finding(
            t,
            'deadline.before_issue',
            `thời hạn ${d.end} trước ngày ban hành kế hoạch ${issueDate}`,
            `deadline ${d.end} is before the plan's date ${issueDate}`,
          ),
        );
      }
  }
}

/**
 * Duplicate TTs and gaps in a numbered run ("1, 2, 4"), within each group
 * and numbering level; TT that restarts in each group is not a gap.
 */
function checkNumbering(tasks: Task[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (t: Task, f: Finding) => out.set(t.id, [...(out.get(t.id) ?? []), f]);
  const seen = new Map<string, Task>();
  let prev: { parts: number[]; group: string | null } | null = null;
  for (const t of tasks) {
    if (!t.tt) continue;
    // Numbering that starts again at 1 opens a new run (another appendix, a new group).
    if (/^(1|a|I)[.)]?$/.test(t.tt) && seen.size > 0) seen.clear();
    const key = `${t.group ?? ''}\u0000${t.tt.replace(/\.$/, '')}`;
    const first = seen.get(key);
    // Rows under one merged TT share it on purpose: same TT with the same lead is not a duplicate.
    if (first && first.lead.join() !== t.lead.join()) {
      add(t, finding(t, 'tt.duplicate', `số thứ tự ${t.tt} bị trùng`, `TT ${t.tt} appears twice`));
    } else if (!first) seen.set(key, t);
    const parts = ttParts(t.tt);
    if (parts && prev && prev.group === t.group && prev.parts.length === parts.length) {
      const same = parts.slice(0, -1).every((x, i) => x === prev!.parts[i]);
      const last = parts[parts.length - 1]!;
      const before = prev.parts[prev.parts.length - 1]!;
      if (same && last > before + 1) {
        add(
          t,
          finding(
            t,
            'tt.gap',
            `số thứ tự nhảy từ ${prev.parts.join('.')} lên ${t.tt}`,
            `TT jumps from ${prev.parts.join('.')} to ${t.tt}`,
          ),
        );
      }
    }
    if (parts) prev = { parts, group: t.group };
  }
  return out;
}

function checkStatus(t: Task, tr: Tracking, out: Finding[], asOf: string, dueSoonDays: number): void {
  const typed = tr.status?.trim() ?? '';
  const status = statusOf(typed);
  if (typed && !status) {
    out.push(
      finding(
        t,
        'status.invalid',
        `trạng thái "${typed}" không thuộc danh sách (${STATUSES.join(' / ')})`,
        `status "${typed}" is not one of ${STATUSES.join(' / ')}`,
      ),
    );
  }
  if (status === 'Hoàn thành' && !tr.doneDate) {
    out.push(finding(t, 'done.no_date', 'đã hoàn thành nhưng chưa ghi ngày hoàn thành', 'done but no completion date'));
  }
  const s = taskStatus(t, tr, { asOf, dueSoonDays });
  if (s.category === 'open_overdue') {
    const late = daysBetween(t.deadline.end!, asOf);
    out.push(
      finding(
        t,
        'status.overdue',
        `quá hạn ${late} ngày (hạn ${t.deadline.end}) chưa hoàn thành`,
        `${late} days overdue (due ${t.deadline.end}) and not done`,
      ),
    );
  } else if (s.dueSoon) {
    const left = daysBetween(asOf, t.deadline.end!);
    out.push(
      finding(t, 'status.due_soon', `còn ${left} ngày đến hạn (${t.deadline.end})`, `due in ${left} days (${t.deadline.end})`),
    );
  }
}

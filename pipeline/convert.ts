import type { ConvertedDocument } from './model/document.js';
import { PlanError } from './model/errors.js';
import { readDocument } from './read/index.js';
import { extractTasks } from './extract.js';
import { findDocumentInfo } from './find/meta.js';
import { describeContents } from './find/contents.js';
import { normaliseTask } from './normalise/task.js';
import { check } from './check/rules.js';
import type { AgencyDictionary } from './normalise/agency-dictionary.js';
import { trackingFromExtra } from './tracking/from-extra.js';
import { ocrFindings } from './check/ocr-confidence.js';
import type { PageOcr } from './read/ocr-port.js';
import type { Finding } from './model/finding.js';
import type { Task } from './model/task.js';

export interface ConvertOptions {
  /** Report date (ISO) for status rules; defaults to today. */
  asOf?: string;
  /** Days before a deadline that count as "due soon". */
  dueSoonDays?: number;
  /** Whether recurring deadlines count as vague (default true). */
  recurringIsVague?: boolean;
  /** The agency dictionary (default, or extended by the user's own entries). */
  agencies?: AgencyDictionary;
  /** OCR for scanned PDF pages (the command line gives it; without it a scan is pdf.scanned). */
  ocr?: PageOcr;
}

/**
 * The whole core for one input: bytes → ConvertedDocument.
 * Throws PlanError (with a Vietnamese and an English message) for a bad file.
 * Pure: no file system, so the add-in runs the same code in the browser.
 */
export async function convertDocument(
  file: string,
  bytes: Uint8Array,
  options: ConvertOptions = {},
): Promise<ConvertedDocument> {
  const doc = await readDocument(file, bytes, options.ocr ? { ocr: options.ocr } : {});
  const raw = extractTasks(doc);
  if (raw.length === 0) {
    // Never a silent empty result: say what the document holds.
    const held = describeContents(doc);
    throw new PlanError(
      'plan.no_tasks',
      `Không tìm thấy nhiệm vụ nào trong ${file}: văn bản có ${held.vi} (không có bảng nhiệm vụ, nhiệm vụ có nhãn, nhiệm vụ theo từng cơ quan hay câu "Giao …")`,
      `No tasks found in ${file}: it holds ${held.en} (no task table, labelled tasks, duties per agency or "Giao …" sentences)`,
    );
  }
  const document = findDocumentInfo(doc);
  const planYear = document.date ? Number(document.date.slice(0, 4)) : null;
  const tasks = raw.map((r, i) => normaliseTask(r, i, options.agencies, planYear));
  const ocrPages = new Set(doc.ocrPages ?? []);
  for (const t of tasks) if (t.origin.page !== null && ocrPages.has(t.origin.page)) t.origin.ocr = true;
  // A tracking sheet given back to us carries statuses: check them too. With a
  // report date asked for (--as-of), a plan's tasks are checked as not yet done,
  // so a deadline already past is flagged as overdue at once.
  const tracking = tasks.map((t) => (t.origin.kind === 'sheet' ? trackingFromExtra(t) : undefined));
  const findings = check(tasks, {
    ...(tracking.some(Boolean) || options.asOf !== undefined ? { tracking } : {}),
    asOf: options.asOf,
    dueSoonDays: options.dueSoonDays,
    recurringIsVague: options.recurringIsVague,
    issueDate: document.date,
  });
  const source = {
    file: baseName(file),
    format: doc.format,
    ...(doc.ocrPages ? { ocrPages: doc.ocrPages } : {}),
    ...(doc.unread ? { unread: doc.unread } : {}),
  };
  return { source, document, tasks, findings: withOcrFindings(findings, ocrFindings(doc, tasks), tasks) };
}

/** OCR findings among the others, in task order (a task's own after its other findings). */
function withOcrFindings(findings: Finding[], ocr: Finding[], tasks: Task[]): Finding[] {
  if (ocr.length === 0) return findings;
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  const at = (f: Finding) => order.get(f.task) ?? Number.MAX_SAFE_INTEGER;
  return [...findings, ...ocr].map((f, i) => ({ f, i })).sort((a, b) => at(a.f) - at(b.f) || a.i - b.i).map((x) => x.f);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

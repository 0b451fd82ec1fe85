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

export interface ConvertOptions {
  /** Report date (ISO) for status rules; defaults to today. */
  asOf?: string;
  /** Days before a deadline that count as "due soon". */
  dueSoonDays?: number;
  /** Whether recurring deadlines count as vague (default true). */
  recurringIsVague?: boolean;
  /** The agency dictionary (default, or extended by the user's own entries). */
  agencies?: AgencyDictionary;
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
  const doc = await readDocument(file, bytes);
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
  return { source: { file: baseName(file), format: doc.format }, document, tasks, findings };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

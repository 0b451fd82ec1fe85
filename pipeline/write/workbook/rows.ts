import type { ConvertedDocument } from '../../model/document.js';
import type { Finding } from '../../model/finding.js';
import type { Task } from '../../model/task.js';
import { taskStatus, type StatusOptions, type TaskStatus } from '../../rollup/status.js';

/** One task as the workbook lays it out: which document, which row, what TypeScript says its status is. */
export interface TaskRow {
  doc: ConvertedDocument;
  /** Short name of the document for the `Văn bản` column of a combined workbook. */
  docLabel: string;
  task: Task;
  /**
   * STT: running number over the whole workbook, not restarted per document,
   * because `Phân công` finds a task's row by it (one key instead of a
   * two-column match, which would need array formulas in Excel 2010).
   */
  stt: number;
  /** Row on `Nhiệm vụ` (1-based; row 1 is the header). */
  sheetRow: number;
  /** What taskStatus computes now: the cached result of the formulas, shown before any recalculation. */
  status: TaskStatus;
  /** The `Cảnh báo` cell: Vietnamese messages of the task's findings. */
  warnings: string | null;
}

export function taskRows(docs: readonly ConvertedDocument[], o: StatusOptions): TaskRow[] {
  const labels = documentLabels(docs);
  const rows: TaskRow[] = [];
  docs.forEach((doc, d) => {
    const warnings = warningsByTask(doc.findings);
    for (const task of doc.tasks) {
      rows.push({
        doc,
        docLabel: labels[d]!,
        task,
        stt: rows.length + 1,
        sheetRow: rows.length + 2,
        // A freshly written workbook has no status typed yet.
        status: taskStatus(task, undefined, o),
        warnings: warnings.get(task.id) ?? null,
      });
    }
  });
  return rows;
}

/**
 * The name a person knows a document by: its number ("12/KH-UBND") when it
 * has one and no other document shares it, else the file name.
 */
export function documentLabels(docs: readonly ConvertedDocument[]): string[] {
  const count = new Map<string, number>();
  for (const d of docs) if (d.document.number) count.set(d.document.number, (count.get(d.document.number) ?? 0) + 1);
  return docs.map((d) => (d.document.number && count.get(d.document.number) === 1 ? d.document.number : d.source.file));
}

/** Same text as the CSV's `Cảnh báo`: the task's findings in the order found, "; "-separated. */
function warningsByTask(findings: readonly Finding[]): Map<string, string> {
  const lists = new Map<string, string[]>();
  for (const f of findings) lists.set(f.task, [...(lists.get(f.task) ?? []), f.messageVi]);
  return new Map([...lists].map(([task, msgs]) => [task, msgs.join('; ')]));
}

/**
 * Distinct names in order of first appearance (a plan may list "Sở KH&ĐT" and
 * "Sở Kế hoạch và Đầu tư", one canonical agency): rollup.ts counts a task once
 * per distinct lead, and so must the rows of `Phân công`.
 */
export function distinct(names: readonly string[]): string[] {
  return [...new Set(names)];
}

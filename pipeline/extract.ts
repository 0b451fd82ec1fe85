import type { Doc } from './model/doc.js';
import type { RawTask } from './model/raw.js';
import { findTaskTables } from './find/tables.js';
import { assembleTable } from './assemble/rows.js';
import { findLayoutlessTasks } from './find/layoutless.js';
import { findLabelledTasks } from './find/labelled.js';
import { findDuties } from './find/duties.js';

/**
 * The tasks of a plan, from the most explicit form it has: an appendix
 * table; else a table whose columns were lost (PDF text); else labelled
 * prose tasks; else duties listed per agency under "TỔ CHỨC THỰC HIỆN".
 * Each task's `origin.kind` says which.
 */
export function extractTasks(doc: Doc): RawTask[] {
  // A spreadsheet is a task list already: its rows are marked as coming from a sheet.
  const kind = doc.format === 'xlsx' || doc.format === 'csv' ? 'sheet' : 'table';
  const fromTables = findTaskTables(doc)
    .flatMap((r) => assembleTable(r, kind))
    .filter(hasText);
  if (fromTables.length) return fromTables;
  const layoutless = findLayoutlessTasks(doc).filter(hasText);
  if (layoutless.length) return layoutless;
  const labelled = findLabelledTasks(doc).filter(hasText);
  if (labelled.length) return labelled;
  return findDuties(doc).filter(hasText);
}

function hasText(t: RawTask): boolean {
  return t.content.trim() !== '' || !!t.lead || !!t.deadline;
}

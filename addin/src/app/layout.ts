/**
 * The `Nhiệm vụ` sheet the add-in writes: the columns of the CLI's table
 * (pipeline/write/columns.ts TASK_COLUMNS), in the same order with the same
 * headers and the same cell text, so a sheet made by either reads the same.
 */
import type { ConvertedDocument } from '../../../pipeline/model/document.js';
import type { Finding } from '../../../pipeline/model/finding.js';
import { STATUSES } from '../../../pipeline/model/tracking.js';
import { TASK_COLUMNS } from '../../../pipeline/write/columns.js';
import { categoryFormula, STATUS_LIST_ARRAYS } from '../../../pipeline/write/workbook/formulas.js';
import { NAME } from '../../../pipeline/write/workbook/layout.js';
import { colLetter, isoToSerial } from '../excel/address.js';
import type { CellValue, SheetColumn, TaskSheetSpec } from '../excel/adapter.js';

export const TASK_SHEET = 'Nhiệm vụ';
export const TASK_TABLE = 'NhiemVu';
export const FONT = { name: 'Times New Roman', size: 12 } as const;

type Kind = SheetColumn['kind'];

const KIND: Record<string, Kind> = {
  index: 'number',
  deadlineEnd: 'date',
  doneDate: 'date',
  status: 'general',
  category: 'formula',
};

/** Widths (characters), the upper bounds the CLI's workbook uses. */
const WIDTH: Record<string, number> = {
  index: 6,
  tt: 7,
  group: 22,
  content: 55,
  lead: 26,
  support: 28,
  deadlineRaw: 18,
  deadlineKind: 12,
  deadlineEnd: 12,
  approval: 14,
  product: 24,
  status: 17,
  doneDate: 13,
  notes: 24,
  category: 22,
  warnings: 40,
  source: 18,
};

const WRAP = new Set(['group', 'content', 'lead', 'support', 'deadlineRaw', 'product', 'notes', 'warnings', 'approval']);
const CENTER = new Set(['index', 'tt', 'deadlineEnd', 'doneDate']);

export function taskColumns(): SheetColumn[] {
  return TASK_COLUMNS.map((c) => {
    const col: SheetColumn = {
      header: c.header,
      kind: KIND[c.key] ?? 'text',
      width: WIDTH[c.key] ?? 14,
      wrap: WRAP.has(c.key),
      center: CENTER.has(c.key),
    };
    if (c.key === 'status') col.list = [...STATUSES];
    return col;
  });
}

/** 0-based column of each key of TASK_COLUMNS on our sheet. */
export const COLUMN_OF: Record<string, number> = Object.fromEntries(TASK_COLUMNS.map((c, i) => [c.key, i]));

/**
 * `Tình trạng` as a live formula: the CLI's formula (rollup/status.ts
 * `taskStatus` in Excel terms), with TODAY() for the report date, since a
 * sheet written by the add-in has no report-date cell of its own, and the
 * ways of writing "done", "suspended" and "cancelled" inline, since it has
 * no `Danh mục` either.
 */
export function categoryCellFormula(row: number): string {
  const at = (key: string) => `${colLetter(COLUMN_OF[key]!)}${row + 1}`;
  let f = categoryFormula({ end: at('deadlineEnd'), status: at('status'), doneDate: at('doneDate') }).split(NAME.asOf).join('TODAY()');
  for (const [name, array] of STATUS_LIST_ARRAYS) f = f.split(name).join(array);
  return `=${f}`;
}

/** The Cảnh báo text of each task: its findings' Vietnamese messages, "; "-separated (as the CLI writes it). */
export function warningsByTask(findings: readonly Finding[]): Map<string, string> {
  const lists = new Map<string, string[]>();
  for (const f of findings) lists.set(f.task, [...(lists.get(f.task) ?? []), f.messageVi]);
  return new Map([...lists].map(([task, msgs]) => [task, msgs.join('; ')]));
}

export function taskSheetSpec(doc: ConvertedDocument): TaskSheetSpec {
  const warnings = warningsByTask(doc.findings);
  const rows = doc.tasks.map((task, i): Array<CellValue | null> =>
    TASK_COLUMNS.map((c) => {
      switch (c.key) {
        case 'index':
          return i + 1;
        case 'deadlineEnd':
          return task.deadline.end === null ? null : isoToSerial(task.deadline.end);
        case 'category':
          return categoryCellFormula(i + 1);
        default:
          return c.value(task, { index: i + 1, source: doc.source.file, warnings: warnings.get(task.id) }) ?? null;
      }
    }),
  );
  return { baseName: TASK_SHEET, tableName: TASK_TABLE, columns: taskColumns(), rows, font: FONT, tableStyle: 'TableStyleLight9' };
}

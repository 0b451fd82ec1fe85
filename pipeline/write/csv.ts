import type { ConvertedDocument } from '../model/document.js';
import type { Finding } from '../model/finding.js';
import { TASK_COLUMNS } from './columns.js';
import { CATEGORIES } from '../model/tracking.js';
import { DEFAULT_DUE_SOON_DAYS } from '../check/rules.js';
import { taskStatus } from '../rollup/status.js';

/**
 * CSV with the columns of the `Nhiệm vụ` sheet, one row per task, for people
 * who open it in Excel. Pure (no Node imports): the add-in can offer it too.
 */
export interface CsvOptions {
  /** Report date (ISO). Fills `Tình trạng`; without it the column stays empty, so the file does not depend on the day it was made. */
  asOf?: string;
}

/** Excel reads a file as UTF-8 only when it starts with a byte order mark; without it Vietnamese turns into mojibake. */
const BOM = '\uFEFF';

/**
 * Cells that Excel or LibreOffice would read as a formula (OWASP "CSV
 * injection"): "=", "+", "-", "@", tab, carriage return; line feed too, since
 * some readers trim it away and then see the next character.
 *
 * Such a cell gets an apostrophe in front and is quoted, the usual
 * mitigation (papaparse's `escapeFormulae`): the cell stays text and the words
 * after the mark are untouched. (An invisible prefix such as U+200B would hide
 * the mark but silently change the data, e.g. for filters and lookups.)
 * papaparse's own pattern, /^[=+\-@\t\r].*$/, would miss a cell with a line
 * break in it ("." stops at "\n"), and content cells do hold line breaks.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;
/** What makes a cell need quotes: a line break, a quote, the delimiter, a byte order mark, a space at either end. */
const NEEDS_QUOTES = /[\r\n",\uFEFF]|^ | $/;

export function toCsv(docs: ConvertedDocument[], options: CsvOptions = {}): string {
  const fields = TASK_COLUMNS.map((c) => c.header);
  const data: string[][] = [];
  for (const doc of docs) {
    const warnings = warningsByTask(doc.findings);
    doc.tasks.forEach((task, i) => {
      const ctx = {
        index: i + 1,
        source: doc.source.file,
        // A plan just converted has no status typed yet: the category is the deadline's alone.
        category: options.asOf === undefined ? undefined : CATEGORIES[taskStatus(task, undefined, { asOf: options.asOf, dueSoonDays: DEFAULT_DUE_SOON_DAYS }).category],
        warnings: warnings.get(task.id),
      };
      data.push(TASK_COLUMNS.map((c) => c.value(task, ctx) ?? ''));
    });
  }
  return safeCsv(fields, data);
}

/**
 * Any table as CSV the way Excel reads it safely: BOM, CRLF, and no cell
 * turning into a formula (see FORMULA_START). Shared with the rollup report.
 * Written as papaparse's `unparse` writes it with these settings (delimiter
 * ",", quotes only where needed, `escapeFormulae`), which the tests hold it
 * to; by hand, because a batch writes one per plan and papaparse's general
 * path was a twentieth of a .docx plan's conversion.
 */
export function safeCsv(fields: readonly string[], data: ReadonlyArray<ReadonlyArray<string>>): string {
  const lines: string[] = [];
  if (fields.length > 0) lines.push(fields.map(csvCell).join(','));
  // No rows is one empty row to papaparse: the header then ends with a line break, as before.
  for (const row of data.length > 0 ? data : [[]]) {
    const width = fields.length > 0 ? fields.length : row.length;
    let line = '';
    // A row with no cells at all is an empty line, without delimiters.
    if (row.length > 0) for (let c = 0; c < width; c++) line += (c > 0 ? ',' : '') + csvCell(row[c] ?? '');
    lines.push(line);
  }
  return BOM + lines.join('\r\n');
}

/** One cell: formula-like text marked and quoted, quotes doubled, quoted where a reader would split it. */
function csvCell(value: string): string {
  let s = value;
  let quote = false;
  if (FORMULA_START.test(s)) {
    s = `'${s}`;
    quote = true;
  }
  if (s.includes('"')) {
    s = s.replace(/"/g, '""');
    quote = true;
  } else if (!quote) quote = NEEDS_QUOTES.test(s);
  return quote ? `"${s}"` : s;
}

/** The `Cảnh báo` cell: Vietnamese messages of the task's findings, in the order found. */
function warningsByTask(findings: readonly Finding[]): Map<string, string> {
  const lists = new Map<string, string[]>();
  for (const f of findings) {
    const list = lists.get(f.task) ?? [];
    list.push(f.messageVi);
    lists.set(f.task, list);
  }
  return new Map([...lists].map(([task, msgs]) => [task, msgs.join('; ')]));
}

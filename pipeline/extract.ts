import type { Doc } from './model/doc.js';
import type { RawTask } from './model/raw.js';
import { findTaskTables, type TableRegion } from './find/tables.js';
import { assembleTable } from './assemble/rows.js';
import { findLayoutlessTasks } from './find/layoutless.js';
import { findLabelledTasks } from './find/labelled.js';
import { findDuties } from './find/duties.js';
import { outline } from './find/outline.js';
import { dice, tokenSet } from './normalise/similarity.js';
import { foldKey, stripDiacritics } from './normalise/text.js';

/**
 * The tasks of a plan, from every form it holds: task tables first, then
 * labelled prose tasks, then duties listed per agency and sentences that
 * assign ("Giao Sở Y tế …"), each form in document order. Two rules keep a
 * task from being counted twice:
 * - a plan whose task table is its appendix (after "PHỤ LỤC") is tracked by
 *   that appendix, and a plan with labelled tasks ("Cơ quan chủ trì: …") by
 *   those: the duties per agency of "Tổ chức thực hiện" restate them as
 *   responsibilities (and are left out); duties listed per agency elsewhere
 *   are tasks of their own;
 * - a duty or labelled task that restates a table row (same words) is dropped.
 * Beside an appendix table or labelled tasks, sentences that assign are not
 * read (there they are funding and closing clauses). A table whose columns
 * were lost (a PDF's text) is read only when no table is found. Each task's
 * `origin.kind` says where it came from.
 */
export function extractTasks(doc: Doc): RawTask[] {
  // A spreadsheet is a task list already: its rows are marked as coming from a sheet.
  const kind = doc.format === 'xlsx' || doc.format === 'csv' ? 'sheet' : 'table';
  const regions = findTaskTables(doc);
  const fromTables = regions.flatMap((r) => assembleTable(r, kind)).filter(hasText);
  if (kind === 'sheet') return fromTables;
  const tables = fromTables.length ? fromTables : findLayoutlessTasks(doc).filter(hasText);
  if (tables.length && hasAppendixTable(doc, regions)) {
    // Tracked by its appendix: the duties of "Tổ chức thực hiện" restate it, but duties listed per agency in
    // the plan's own task sections (a resolution's "Nhiệm vụ, giải pháp") are tasks the appendix does not hold.
    const body = findDuties(doc, { besideTaskList: true }).filter(hasText);
    return [...tables, ...notRestated(body, tables)];
  }
  // Both finders read the same outline of the body: made once.
  const items = outline(doc);
  const labelled = notRestated(findLabelledTasks(doc, items).filter(hasText), tables);
  // Labelled tasks name their agencies one by one; the duties of "Tổ chức thực hiện" then restate roles,
  // but duties listed elsewhere (an appendix of duties per agency) are tasks of their own.
  const duties = findDuties(doc, { besideTaskList: labelled.length > 0, items }).filter(hasText);
  return [...tables, ...labelled, ...notRestated(duties, [...tables, ...labelled])];
}

/** A task table placed after an appendix heading or caption; a column-less table when such a heading exists. */
function hasAppendixTable(doc: Doc, regions: TableRegion[]): boolean {
  const appendixAt = doc.blocks.findIndex((b) => b.kind === 'para' && isAppendixLine(b.text));
  if (appendixAt < 0) return false;
  if (regions.length === 0) return true; // a layoutless table: its text sits in the appendix's paragraphs
  return regions.some((r) => doc.blocks.indexOf(r.table) > appendixAt);
}

/**
 * "PHỤ LỤC", "PHỤ LỤC I", "Phụ lục 02", "PHỤ LỤC: DANH MỤC …" as a heading, or an appendix's caption
 * "(Kèm theo Kế hoạch số …)"; not "(… theo Phụ lục đính kèm)" inside the body.
 */
const APPENDIX_RE = /^(?:phu\s*luc(?:\s+(?:[ivx]+|\d+|so\s*\d+))?\s*[:.]?(?:\s|$)|\(\s*kem theo\s+(?:ke hoach|quyet dinh|nghi quyet|cong van|chi thi|chuong trinh|thong bao|van ban)\b)/;

/** "PHỤ LỤC II", "**Phụ lục 02**", "(Kèm theo Kế hoạch số …)": a line that opens an appendix. */
export function isAppendixLine(text: string): boolean {
  return APPENDIX_START_RE.test(text) && APPENDIX_RE.test(stripDiacritics(foldKey(text.replace(/[*_]/g, ''))).trim());
}

/**
 * What an appendix line starts with, as written: "P" (or a "P" with a mark), or "(", after the characters that
 * folding drops (white space, invisible characters, emphasis marks, stray combining marks). Folding keeps
 * every other first character, so a line that fails this cannot match APPENDIX_RE: most lines are let go
 * without being folded.
 */
const APPENDIX_START_RE = /^[\s\u200B-\u200D\uFEFF\u00AD*_\u0300-\u036f]*[pP\u1E54-\u1E57(]/;

/** Tasks not already among `kept`: a duty that restates a table row is the same task. */
function notRestated(tasks: RawTask[], kept: RawTask[]): RawTask[] {
  if (tasks.length === 0 || kept.length === 0) return tasks;
  const keptTokens = kept.map((t) => tokenSet(t.content));
  return tasks.filter((t) => {
    const words = tokenSet(t.content);
    return !keptTokens.some((k) => dice(k, words) >= RESTATED_MIN);
  });
}

const RESTATED_MIN = 0.8;

function hasText(t: RawTask): boolean {
  return t.content.trim() !== '' || !!t.lead || !!t.deadline;
}

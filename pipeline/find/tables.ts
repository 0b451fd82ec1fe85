import type { Doc, Table, TableRow } from '../model/doc.js';
import { mapHeader, type ColumnMap, fieldOfHeader, headerKey } from './headers.js';
import { alignLooseRows } from './align.js';
import { ttKind } from './tt.js';

/** A task table found in a document: its column map and the rows below the header. */
export interface TableRegion {
  table: Table;
  map: ColumnMap;
  /** Rows after the header row(s). */
  body: TableRow[];
  /** Folded header cells, to recognise the header where it repeats on later pages. */
  headerKeys: string[];
}

const HEADER_SEARCH_ROWS = 6;

/**
 * Every table whose header names task fields. The letterhead table, the
 * signature table and tables of figures do not name content plus lead or
 * deadline, so they are passed over. A table with no header of its own that
 * follows a task table with the same number of columns continues it (a table
 * broken by a page number or a caption line); so does a web page's table
 * with numbered rows after one, whatever its width (cells are aligned later).
 */
export function findTaskTables(doc: Doc): TableRegion[] {
  const regions: TableRegion[] = [];
  // Whether the previous table of the document belongs to the last region: only a table right after the
  // last task table (with nothing but text between them) can continue it.
  let lastWasTask = false;
  for (const block of doc.blocks) {
    if (block.kind !== 'table') continue;
    const prev = regions[regions.length - 1];
    const follows = prev !== undefined && lastWasTask;
    lastWasTask = true;
    const found = findHeader(block);
    if (found) {
      if (block.loose) found.body = alignLooseRows(found.body, found.map);
      if (follows && sameHeader(found, prev)) {
        // The same header again: the table goes on on a new page (a reader that splits tables per page).
        prev.body.push(...found.body);
        continue;
      }
      regions.push(found);
      continue;
    }
    const width = maxWidth(block.rows);
    // A table headed "TT | Tên …" that names no task field is another table (a report form), not the rest of this one.
    if (startsWithOwnHeader(block)) {
      lastWasTask = false;
      continue;
    }
    // The rest of a web page's table: numbered rows again (a signature table after it has no TT and two cells).
    if (follows && block.loose && prev.table.loose && width >= 3 && block.rows.some((r) => ttKind(r.cells[0]?.text ?? '') !== null)) {
      prev.body.push(...alignLooseRows(block.rows, prev.map));
      continue;
    }
    if (follows && width === prev.map.fields.length && width >= 3) {
      // A header-less piece with the same columns: the rest of the table, assembled as one stream so a
      // row split by the break is joined and the group carries on.
      prev.body.push(...block.rows);
      continue;
    }
    lastWasTask = false;
  }
  return regions;
}

function startsWithOwnHeader(table: Table): boolean {
  const first = table.rows[0]?.cells.map((c) => headerKey(c.text)) ?? [];
  return /^s?tt$/.test(first[0] ?? '') && first.filter((c) => c !== '').length >= 2;
}

function sameHeader(a: TableRegion, b: TableRegion): boolean {
  return a.headerKeys.length === b.headerKeys.length && a.headerKeys.every((k, i) => k === b.headerKeys[i]);
}

function maxWidth(rows: TableRow[]): number {
  return rows.reduce((m, r) => Math.max(m, r.cells.length), 0);
}

function findHeader(table: Table): TableRegion | null {
  const rows = table.rows;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const cells = rows[r]!.cells.map((c) => c.text);
    const map = mapHeader(cells);
    if (!map) continue;
    let bodyStart = r + 1;
    // Two-level header: "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp".
    const below = rows[r + 1];
    if (below && isSubHeader(below.cells.map((c) => c.text))) {
      const merged = mergeHeaderRows(cells, below.cells.map((c) => c.text));
      const map2 = mapHeader(merged);
      if (map2) {
        return {
          table,
          map: map2,
          body: rows.slice(r + 2),
          headerKeys: merged.map(headerKey),
        };
      }
    }
    return { table, map, body: rows.slice(bodyStart), headerKeys: cells.map(headerKey) };
  }
  return null;
}

/** A row where every filled cell names a field and none looks like a task. */
function isSubHeader(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 0) return false;
  return filled.every((c) => fieldOfHeader(c) !== null && c.length < 60);
}

function mergeHeaderRows(upper: string[], lower: string[]): string[] {
  const n = Math.max(upper.length, lower.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const lo = (lower[i] ?? '').trim();
    out.push(lo && fieldOfHeader(lo) ? lo : (upper[i] ?? ''));
  }
  return out;
}

/** The header again (repeated on a later page), possibly with cells wrapped differently. */
export function isRepeatedHeader(row: TableRow, region: TableRegion): boolean {
  // A task's text is far longer than any header cell: its key is not worked out, only counted as filled.
  const short = region.headerKeys.every((k) => k.length < LONG_LETTERS);
  let filled = 0;
  let same = 0;
  for (const c of row.cells) {
    if (short && LONG_TEXT_RE.test(c.text)) {
      filled++;
      continue;
    }
    const k = headerKey(c.text);
    if (k === '') continue;
    filled++;
    if (region.headerKeys.includes(k)) same++;
  }
  if (filled < 2) return false;
  if (same >= Math.ceil(filled * 0.6)) return true;
  return row.header === true && mapHeader(row.cells.map((c) => c.text)) !== null;
}

/**
 * Text with at least LONG_LETTERS Latin letters. `headerKey` keeps each of them as at least one character
 * (it drops only marks, spacing, emphasis and brackets), so such a text's key is that long too: it is
 * not empty and equals no shorter header key.
 */
const LONG_LETTERS = 64;
const LONG_TEXT_RE = /^(?:[^A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]*[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]){64}/;

/// <reference types="office-js" />
/**
 * The hidden log sheet: where a mark log too large for the document
 * settings is kept (the settings hold a stub pointing here). A very hidden
 * sheet (users do not see it in Unhide); cell A1 holds the stamp of the log
 * it belongs to, then the log's JSON in parts down column A, formatted as
 * text.
 *
 * In: the log's parts. Out: the sheet written (or read back, or removed).
 */
import { boxAddress } from './address.js';
import { OP_OVERHEAD, jsonBytes, splitRows, type Batch } from './budget.js';
import type { Capabilities } from './host.js';
import { fromParts, type PackedMarkLog } from './mark-log.js';

export const LOG_SHEET = 'phuluc_nhatky';

interface Rows {
  r0: number;
  r1: number;
}

/** Write the log's parts under this stamp (the sheet is made, or emptied when it is there). */
export async function writeKept(b: Batch, stamp: string, parts: string[]): Promise<void> {
  const sheets = b.ctx.workbook.worksheets;
  sheets.load('items/name');
  await b.flush();
  const had = sheets.items.find((s) => s.name === LOG_SHEET);
  // Reserved, so that it goes in its own sync: a refused piece below is sent again without it.
  await b.reserve({ request: OP_OVERHEAD * 4 + stamp.length });
  const ws = had ? sheets.getItem(LOG_SHEET) : sheets.add(LOG_SHEET);
  if (had) ws.getRange().clear();
  ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
  ws.getRange('A1').values = [[stamp]];
  await b.pieces<Rows>([{ r0: 0, r1: parts.length - 1 }], {
    cost: (p) => ({ request: OP_OVERHEAD * 2 + jsonBytes(parts.slice(p.r0, p.r1 + 1)) + 8 * (p.r1 - p.r0 + 1), response: 0 }),
    split: (p) => splitRows(p, (r0, r1) => ({ r0, r1 })),
    queue: (p) => {
      const range = ws.getRange(boxAddress({ r0: p.r0 + 1, c0: 0, r1: p.r1 + 1, c1: 0 }));
      // Text format first, so that no part is ever read as a number or a formula.
      range.numberFormat = parts.slice(p.r0, p.r1 + 1).map(() => ['@']);
      range.values = parts.slice(p.r0, p.r1 + 1).map((x) => [x]);
    },
  });
}

/** The log kept under this stub, or null when the sheet is gone or holds another log. */
export async function readKept(b: Batch, kept: NonNullable<PackedMarkLog['kept']>): Promise<PackedMarkLog | null> {
  // ExcelApi 1.1 calls only: the list of sheets first, then the sheet when it is there.
  const sheets = b.ctx.workbook.worksheets;
  sheets.load('items/name');
  await b.flush();
  if (!sheets.items.some((s) => s.name === kept.sheet)) return null;
  const ws = sheets.getItem(kept.sheet);
  const a1 = ws.getRange('A1');
  a1.load('values');
  await b.flush();
  if (a1.values[0]?.[0] !== kept.stamp) return null;
  const parts: unknown[] = new Array(kept.parts);
  await b.pieces<Rows>([{ r0: 0, r1: kept.parts - 1 }], {
    // A part is up to 30,000 characters of up to 3 bytes each, plus JSON escapes.
    cost: (p) => ({ request: OP_OVERHEAD, response: 100_000 * (p.r1 - p.r0 + 1) }),
    split: (p) => splitRows(p, (r0, r1) => ({ r0, r1 })),
    queue: (p) => {
      const range = ws.getRange(boxAddress({ r0: p.r0 + 1, c0: 0, r1: p.r1 + 1, c1: 0 }));
      range.load('values');
      return () => range.values.forEach((row, i) => (parts[p.r0 + i] = row[0]));
    },
  });
  return fromParts(parts);
}

/**
 * Remove the log sheet (after the marks it served are cleared). Excel
 * refuses to delete a very hidden sheet, and only ExcelApi 1.2 can unhide
 * one: an older Excel (the workbook was checked on the web, cleared in
 * Office 2016) empties its stamp instead, so the sheet no longer answers
 * to any log. Never fatal: the marks are cleared by then.
 */
export async function dropKept(b: Batch, sheet: string, caps: Pick<Capabilities, 'hideSheets'>): Promise<void> {
  try {
    const sheets = b.ctx.workbook.worksheets;
    sheets.load('items/name');
    await b.flush();
    if (!sheets.items.some((s) => s.name === sheet)) return;
    const ws = sheets.getItem(sheet);
    if (caps.hideSheets) {
      ws.visibility = 'Hidden' as Excel.SheetVisibility;
      ws.delete();
    } else ws.getRange('A1').values = [['']];
    await b.flush();
  } catch {
    // Left behind: a hidden sheet that no log points at.
  }
}

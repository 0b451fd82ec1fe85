/// <reference types="office-js" />
/**
 * Kiểm tra's marks on a sheet: a fill on each cell a finding points at and
 * the findings in words in a note column. Nothing is lost on the way:
 *
 * 1. every before-state is read first (the note column's cells come with
 *    the sheet's read, exactly; fills that are not uniform here, cell by
 *    cell), so the log is complete before anything changes;
 * 2. the log is stored (old contents in the hidden log sheet when large,
 *    then the settings, through `store`); a failure here changes nothing;
 * 3. only then the marks are written, in pieces under the request budget.
 *    If a write fails, the caller undoes what got through with the log.
 *
 * In: a MarkRequest (plain data). Out: the MarkLog, stored.
 */
import { boxAddress } from './address.js';
import { OP_OVERHEAD, jsonBytes, rowPieces, rowsPerPiece, splitRows, textBytes, type Batch } from './budget.js';
import { areaLists, fillOf, toRuns, type Run } from './fills.js';
import { dropKept, LOG_SHEET, writeKept } from './log-sheet.js';
import { emptyLog, logCell, packMarkLog, stubFor, textHash, type MarkLog, type PackedMarkLog } from './mark-log.js';
import type { Session } from './session.js';
import { asText, clipText, sameExact } from './text.js';
import type { FillState, MarkRequest } from './types.js';

/** The formula of our top-priority conditional rule: always true, and recognisable when clearing. */
export const MARK_RULE = '=N("phuluc")=0';
/** Below ExcelApi 1.9 a rule covers one run: past this many runs the fills and the note column must do. */
const MAX_RULE_RUNS = 200;

/** A failure while writing the marks, after the log was stored: the caller undoes with it. */
export class MarkWriteError extends Error {
  constructor(
    readonly packed: PackedMarkLog,
    readonly reason: unknown,
  ) {
    super('marks were partly written');
    this.name = 'MarkWriteError';
  }
}

type Write =
  | { kind: 'values'; c: number; r0: number; r1: number; values: string[] }
  | { kind: 'fills'; runs: Run[] }
  | { kind: 'rules'; runs: Run[] };

export async function applyMarks(s: Session, req: MarkRequest, store: (packed: PackedMarkLog) => Promise<void>): Promise<MarkLog> {
  const caps = s.caps;
  const log = emptyLog(req.sheetId, req.sheetName, req.rowKeys);
  const runs = toRuns(req.cells);
  const writes: Write[] = [];

  // The note column: only cells that change are written, and each is logged with what it held.
  const note = req.note;
  let addTableColumn: { table: string; header: string } | null = null;
  if (note?.kind === 'existing') {
    const changed: Array<{ r: number; text: string }> = [];
    note.values.forEach((v, i) => {
      const text = clipText(v).text;
      const before = note.before[i] ?? '';
      if (sameExact(before, text)) return;
      logCell(log, note.firstRow + i, note.col, before, text);
      changed.push({ r: note.firstRow + i, text });
    });
    for (const span of runsOf(changed)) writes.push({ kind: 'values', c: note.col, r0: span.r0, r1: span.r1, values: span.values });
  } else if (note?.kind === 'append') {
    const values = [note.header, ...note.values].map((v) => clipText(v).text);
    const hashes = values.map(textHash).join('');
    if (note.table && caps.appendTableColumn) {
      addTableColumn = { table: note.table, header: note.header };
      log.added = { kind: 'tableColumn', table: note.table, name: note.header, col: note.col, r0: note.headerRow, hashes };
      // The header comes with the new column; its body is written like any column.
      writes.push({ kind: 'values', c: note.col, r0: note.headerRow + 1, r1: note.headerRow + values.length - 1, values: values.slice(1) });
    } else {
      log.added = { kind: 'cells', col: note.col, r0: note.headerRow, hashes };
      writes.push({ kind: 'values', c: note.col, r0: note.headerRow, r1: note.headerRow + values.length - 1, values });
    }
  }

  return s.run(async (b) => {
    const ws = b.ctx.workbook.worksheets.getItem(req.sheetId);

    // 1. The fills that were not known from the read, cell by cell.
    const known: Run[] = [];
    const unknown: Run[] = [];
    for (const run of runs) (req.knownFills.get(run.c) ? known : unknown).push(run);
    for (const run of known) log.fills.push({ c: run.c, r0: run.r0, r1: run.r1, prev: req.knownFills.get(run.c)!, ours: run.color });
    if (unknown.length) await readFills(b, ws, unknown, log, caps.cellProperties);
    log.fills.sort((a, c) => a.c - c.c || a.r0 - c.r0);
    if (runs.length) writes.push({ kind: 'fills', runs });
    if (req.overRules && caps.conditionalFormats && runs.length && (caps.rangeAreas || runs.length <= MAX_RULE_RUNS)) {
      log.rule = MARK_RULE;
      writes.push({ kind: 'rules', runs });
    }

    // 2. The log, stored before any mark is written.
    const packed = packMarkLog(log);
    // Below ExcelApi 1.2 a sheet cannot be hidden: the log stays in the settings, whose save may then refuse it (nothing is written then).
    const large = caps.hideSheets ? stubFor(packed, LOG_SHEET, stampOf(log)) : null;
    if (large) await writeKept(b, large.stub.kept!.stamp, large.parts);
    const stored = large ? large.stub : packed;
    try {
      await store(stored);
    } catch (e) {
      // Not stored: nothing is marked, and the log sheet must not stay behind holding a copy of the user's notes.
      if (large) await dropKept(b, LOG_SHEET, caps);
      throw e;
    }

    // 3. The marks.
    try {
      if (addTableColumn) {
        await b.reserve({ request: OP_OVERHEAD * 2 + textBytes(addTableColumn.header) });
        ws.tables.getItem(addTableColumn.table).columns.add(null as unknown as number, undefined, addTableColumn.header);
        await b.flush();
      }
      await b.pieces(writes, {
        cost: (w) => ({ request: writeCost(w), response: 0 }),
        split: (w) => splitWrite(w),
        queue: (w) => queueWrite(ws, w, caps.rangeAreas),
      });
    } catch (e) {
      throw new MarkWriteError(stored, e);
    }
    return log;
  });
}

/** A stamp that ties the log sheet's contents to this log. */
function stampOf(log: MarkLog): string {
  return `${log.sheetId}|${Date.now().toString(36)}|${Math.random().toString(36).slice(2, 8)}`;
}

/** Changed rows → runs of neighbouring rows with their texts. */
function runsOf(changed: Array<{ r: number; text: string }>): Array<{ r0: number; r1: number; values: string[] }> {
  const out: Array<{ r0: number; r1: number; values: string[] }> = [];
  for (const x of changed) {
    const last = out[out.length - 1];
    if (last && last.r1 + 1 === x.r) {
      last.r1 = x.r;
      last.values.push(x.text);
    } else out.push({ r0: x.r, r1: x.r, values: [x.text] });
  }
  return out;
}

/** Read the fills of runs whose column was not uniform: cell properties (1.9) or one load per cell (1.1). */
async function readFills(b: Batch, ws: Excel.Worksheet, runs: Run[], log: MarkLog, cellProperties: boolean): Promise<void> {
  const perCell = cellProperties ? 120 : OP_OVERHEAD * 2;
  const n = rowsPerPiece(perCell, Math.min(b.limits.request, b.limits.response));
  const pieces = rowPieces(runs, n);
  const found: Array<{ run: Run; prevs: FillState[] }> = [];
  await b.pieces(pieces, {
    cost: (p) => {
      const rows = p.r1 - p.r0 + 1;
      return cellProperties ? { request: OP_OVERHEAD * 2, response: 120 * rows } : { request: OP_OVERHEAD * 2 * rows, response: 40 * rows };
    },
    split: (p) => splitRows(p, (r0, r1) => ({ ...p, r0, r1 })),
    queue: (p) => {
      if (cellProperties) {
        const props = ws.getRange(boxAddress({ r0: p.r0, c0: p.c, r1: p.r1, c1: p.c })).getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } });
        return () => {
          const prevs = props.value.map((row) => {
            const f = row[0]?.format?.fill;
            return fillOf(f?.color ?? '#FFFFFF', f?.pattern, f?.patternColor) ?? { color: null };
          });
          found.push({ run: p, prevs });
        };
      }
      const loads: Excel.RangeFill[] = [];
      for (let r = p.r0; r <= p.r1; r++) {
        const f = ws.getCell(r, p.c).format.fill;
        f.load('color');
        loads.push(f);
      }
      return () => found.push({ run: p, prevs: loads.map((f) => fillOf(f.color) ?? { color: null }) });
    },
  });
  for (const { run, prevs } of found) {
    let start = 0;
    for (let i = 1; i <= prevs.length; i++) {
      if (i === prevs.length || JSON.stringify(prevs[i]) !== JSON.stringify(prevs[start])) {
        log.fills.push({ c: run.c, r0: run.r0 + start, r1: run.r0 + i - 1, prev: prevs[start]!, ours: run.color });
        start = i;
      }
    }
  }
}

const runAddress = (r: { c: number; r0: number; r1: number }) => boxAddress({ r0: r.r0, c0: r.c, r1: r.r1, c1: r.c });

function writeCost(w: Write): number {
  if (w.kind === 'values') return OP_OVERHEAD + jsonBytes(w.values) + 4 * w.values.length;
  const areas = w.runs.reduce((n, r) => n + runAddress(r).length + 1, 0);
  return OP_OVERHEAD * (w.kind === 'rules' ? 6 : 2) * Math.max(1, Math.ceil(areas / 4000)) + areas + (w.kind === 'fills' ? 0 : OP_OVERHEAD * w.runs.length);
}

function splitWrite(w: Write): [Write, Write] | null {
  if (w.kind === 'values') {
    return splitRows(w, (r0, r1) => ({ kind: 'values', c: w.c, r0, r1, values: w.values.slice(r0 - w.r0, r1 - w.r0 + 1) })) as [Write, Write] | null;
  }
  if (w.runs.length < 2) return null;
  const mid = Math.ceil(w.runs.length / 2);
  return [
    { kind: w.kind, runs: w.runs.slice(0, mid) },
    { kind: w.kind, runs: w.runs.slice(mid) },
  ];
}

function queueWrite(ws: Excel.Worksheet, w: Write, rangeAreas: boolean): void {
  if (w.kind === 'values') {
    ws.getRange(runAddress(w)).values = w.values.map((v) => [asText(v)]);
    return;
  }
  if (w.kind === 'fills') {
    if (rangeAreas) for (const { color, areas } of areaLists(w.runs, runAddress)) ws.getRanges(areas.join(',')).format.fill.color = color;
    else for (const run of w.runs) ws.getRange(runAddress(run)).format.fill.color = run.color;
    return;
  }
  const addRule = (target: { conditionalFormats: Excel.ConditionalFormatCollection }, color: string) => {
    const cf = target.conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
    cf.custom.rule.formula = MARK_RULE;
    cf.custom.format.fill.color = color;
    cf.priority = 0;
  };
  if (rangeAreas) for (const { color, areas } of areaLists(w.runs, runAddress)) addRule(ws.getRanges(areas.join(',')), color);
  else for (const run of w.runs) addRule(ws.getRange(runAddress(run)), run.color);
}


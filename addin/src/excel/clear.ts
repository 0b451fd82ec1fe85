/// <reference types="office-js" />
/**
 * Xoá đánh dấu: undo a check with its log. Every fill and value it
 * recorded is put back, only where the cell still shows what the check put
 * there (a cell the user changed since is left as they made it); the note
 * column it added is emptied, or, when it was a table column still holding
 * only our notes, deleted; its conditional rule is removed. Nothing here
 * throws because something is gone: a deleted or renamed sheet, column or
 * log sheet is found another way or skipped.
 *
 * In: the packed log from the settings. Out: what was put back.
 */
import { boxAddress } from './address.js';
import { OP_OVERHEAD, jsonBytes, rowsPerPiece, splitRows, type Batch } from './budget.js';
import type { CellValue } from './host.js';
import { sameColor, spans } from './fills.js';
import { dropKept, readKept } from './log-sheet.js';
import { hashAt, HASH_WIDTH, loggedCells, textHash, unpackMarkLog, type MarkLog, type PackedMarkLog } from './mark-log.js';
import { findSheet, type Session } from './session.js';
import { asWritten, exactOf, sameExact } from './text.js';
import type { ClearResult, ExactCell, FillState } from './types.js';
import { MARK_RULE } from './mark.js';

interface Span {
  c: number;
  r0: number;
  r1: number;
}

export async function clearMarks(s: Session, packed: PackedMarkLog): Promise<ClearResult> {
  const caps = s.caps;
  const result: ClearResult = { fills: 0, values: 0, skipped: 0, sheetMissing: false, logMissing: false };
  return s.run(async (b) => {
    const ws = await findSheet(b, packed.sheetId, packed.sheetName);
    // A large log is in the log sheet; when that is gone, what the check overwrote cannot be known.
    const full = packed.kept ? await readKept(b, packed.kept) : packed;
    if (!ws || !full) {
      result.sheetMissing = !ws;
      result.logMissing = !full;
      if (packed.kept) await dropKept(b, packed.kept.sheet);
      return result;
    }
    const log = unpackMarkLog(full);

    // 1. What is there now.
    const fillSpans: Span[] = log.fills.map((f) => ({ c: f.c, r0: f.r0, r1: f.r1 }));
    const fillNow = await readFillColors(b, ws, fillSpans, caps.cellProperties);
    const logged = loggedCells(log);
    const valueSpans = spans(logged.map((c) => ({ r: c.r, c: c.c })));
    if (log.added) {
      const n = log.added.hashes.length / HASH_WIDTH;
      valueSpans.push({ c: log.added.col, r0: log.added.r0, r1: log.added.r0 + n - 1 });
    }
    const valuesNow = await readExact(b, ws, valueSpans);
    const at = (r: number, c: number): ExactCell => valuesNow.get(`${r},${c}`) ?? '';
    const textAt = (r: number, c: number): string => {
      const v = at(r, c);
      return Array.isArray(v) ? v[0] : String(v);
    };

    // 2. Put back: fills still ours get their old fill, grouped by old fill into runs.
    const fillBack: Array<{ c: number; r0: number; r1: number; prev: FillState }> = [];
    log.fills.forEach((f, i) => {
      const now = fillNow[i]!;
      for (let r = f.r0; r <= f.r1; r++) {
        const color = now[r - f.r0];
        if (!sameColor(color, f.ours)) {
          // Not ours: the user's change, or a cell the check never got to (it still has its old fill).
          const unchanged = f.prev.color === null ? !color || sameColor(color, '#FFFFFF') : sameColor(color, f.prev.color);
          if (!unchanged) result.skipped++;
          continue;
        }
        result.fills++;
        const last = fillBack[fillBack.length - 1];
        if (last && last.c === f.c && last.r1 + 1 === r && JSON.stringify(last.prev) === JSON.stringify(f.prev)) last.r1 = r;
        else fillBack.push({ c: f.c, r0: r, r1: r, prev: f.prev });
      }
    });

    // Values still ours get what they held; a value we cannot put back (its log sheet is gone) is left.
    const valueBack: Array<{ r: number; c: number; v: ExactCell }> = [];
    log.cells.forEach((run) => {
      const n = run.ours.length / HASH_WIDTH;
      for (let i = 0; i < n; i++) {
        const r = run.r0 + i;
        const prev: ExactCell = run.prevs ? (run.prevs[i] ?? '') : '';
        if (textHash(textAt(r, run.c)) !== hashAt(run.ours, i)) {
          // Not ours: the user's change, or a cell the check never got to write (it still holds its old content).
          if (!sameExact(at(r, run.c), prev)) result.skipped++;
          continue;
        }
        valueBack.push({ r, c: run.c, v: prev });
        result.values++;
      }
    });

    // The column we added: our cells emptied; a table column holding only ours deleted.
    let deleteColumn: { table: string; column: string } | null = null;
    if (log.added) {
      const added = log.added;
      const n = added.hashes.length / HASH_WIDTH;
      const mine: boolean[] = Array.from({ length: n }, (_, i) => textHash(textAt(added.r0 + i, added.col)) === hashAt(added.hashes, i));
      const emptyOrMine = mine.every((m, i) => m || textAt(added.r0 + i, added.col) === '');
      if (added.kind === 'tableColumn' && mine[0] && emptyOrMine) {
        deleteColumn = await tableColumnAt(b, ws, added.table, added.col, added.r0);
      }
      if (deleteColumn !== null) result.values += mine.filter(Boolean).length;
      else
        mine.forEach((m, i) => {
          if (m) {
            valueBack.push({ r: added.r0 + i, c: added.col, v: '' });
            result.values++;
          } else if (textAt(added.r0 + i, added.col) !== '') result.skipped++;
        });
    }

    await writeBack(b, ws, fillBack, valueBack, caps.fillPattern);
    if (deleteColumn !== null) {
      ws.tables.getItem(deleteColumn.table).columns.getItem(deleteColumn.column).delete();
      await b.flush();
    }
    if (log.rule && caps.conditionalFormats) await dropRules(b, ws, log.rule);
    // Only now: had anything above failed, the log would still be there for the next try.
    if (packed.kept) await dropKept(b, packed.kept.sheet);
    return result;
  });
}

/** The table column at this sheet column, when the table is still there and reaches it. */
async function tableColumnAt(b: Batch, ws: Excel.Worksheet, tableName: string, col: number, headerRow: number): Promise<{ table: string; column: string } | null> {
  ws.tables.load('items/name');
  await b.flush();
  const names = ws.tables.items.map((t) => t.name);
  const ranges = names.map((n) => {
    const r = ws.tables.getItem(n).getHeaderRowRange();
    r.load('columnIndex,rowIndex,values');
    return { n, r };
  });
  await b.flush();
  // By name first; a renamed table is found by where its header row is.
  const hit = ranges.find((x) => x.n === tableName && x.r.rowIndex === headerRow) ?? ranges.find((x) => x.r.rowIndex === headerRow && col >= x.r.columnIndex && col < x.r.columnIndex + (x.r.values[0]?.length ?? 0));
  if (!hit) return null;
  const j = col - hit.r.columnIndex;
  const header = hit.r.values[0]?.[j];
  return header === undefined ? null : { table: hit.n, column: String(header) };
}

/** Fill colours now, one per row of each span (cell properties on 1.9; else the span's colour, cell by cell where mixed). */
async function readFillColors(b: Batch, ws: Excel.Worksheet, list: Span[], cellProperties: boolean): Promise<Array<Array<string | null>>> {
  const out: Array<Array<string | null>> = list.map((sp) => new Array(sp.r1 - sp.r0 + 1).fill(null));
  const n = rowsPerPiece(cellProperties ? 80 : OP_OVERHEAD, Math.min(b.limits.request, b.limits.response));
  const pieces: Array<Span & { i: number }> = list.flatMap((sp, i) => {
    const parts: Array<Span & { i: number }> = [];
    for (let r0 = sp.r0; r0 <= sp.r1; r0 += n) parts.push({ c: sp.c, r0, r1: Math.min(sp.r1, r0 + n - 1), i });
    return parts;
  });
  const mixed: Array<Span & { i: number }> = [];
  await b.pieces(pieces, {
    cost: (p) => (cellProperties ? { request: OP_OVERHEAD * 2, response: 80 * (p.r1 - p.r0 + 1) } : { request: OP_OVERHEAD * 2, response: 60 }),
    split: (p) => splitRows(p, (r0, r1) => ({ ...p, r0, r1 })),
    queue: (p) => {
      const range = ws.getRange(boxAddress({ r0: p.r0, c0: p.c, r1: p.r1, c1: p.c }));
      if (cellProperties) {
        const props = range.getCellProperties({ format: { fill: { color: true } } });
        return () => props.value.forEach((row, k) => (out[p.i]![p.r0 - list[p.i]!.r0 + k] = row[0]?.format?.fill?.color ?? null));
      }
      const fill = range.format.fill;
      fill.load('color');
      return () => {
        if (fill.color === null) mixed.push(p);
        else for (let r = p.r0; r <= p.r1; r++) out[p.i]![r - list[p.i]!.r0] = fill.color;
      };
    },
  });
  if (mixed.length) {
    const cells = mixed.flatMap((p) => Array.from({ length: p.r1 - p.r0 + 1 }, (_, k) => ({ i: p.i, r: p.r0 + k, c: p.c })));
    const groups: Array<{ from: number; to: number }> = [];
    const per = rowsPerPiece(OP_OVERHEAD * 2, b.limits.request);
    for (let k = 0; k < cells.length; k += per) groups.push({ from: k, to: Math.min(cells.length, k + per) - 1 });
    await b.pieces(groups, {
      cost: (g) => ({ request: OP_OVERHEAD * 2 * (g.to - g.from + 1), response: 40 * (g.to - g.from + 1) }),
      split: (g) => (g.to > g.from ? [{ from: g.from, to: Math.floor((g.from + g.to) / 2) }, { from: Math.floor((g.from + g.to) / 2) + 1, to: g.to }] : null),
      queue: (g) => {
        const loads = cells.slice(g.from, g.to + 1).map((x) => {
          const f = ws.getCell(x.r, x.c).format.fill;
          f.load('color');
          return { x, f };
        });
        return () => loads.forEach(({ x, f }) => (out[x.i]![x.r - list[x.i]!.r0] = f.color));
      },
    });
  }
  return out;
}

/** Cells now, exactly (values and formulas), keyed "r,c". */
async function readExact(b: Batch, ws: Excel.Worksheet, list: Span[]): Promise<Map<string, ExactCell>> {
  const out = new Map<string, ExactCell>();
  if (!list.length) return out;
  // Notes are short: a row costs its text twice (values and formulas) plus punctuation.
  const perRow = 600;
  const n = rowsPerPiece(perRow, b.limits.response);
  const pieces: Span[] = list.flatMap((sp) => {
    const parts: Span[] = [];
    for (let r0 = sp.r0; r0 <= sp.r1; r0 += n) parts.push({ c: sp.c, r0, r1: Math.min(sp.r1, r0 + n - 1) });
    return parts;
  });
  await b.pieces(pieces, {
    cost: (p) => ({ request: OP_OVERHEAD * 2, response: perRow * (p.r1 - p.r0 + 1) }),
    split: (p) => splitRows(p, (r0, r1) => ({ ...p, r0, r1 })),
    queue: (p) => {
      const range = ws.getRange(boxAddress({ r0: p.r0, c0: p.c, r1: p.r1, c1: p.c }));
      range.load('values,formulas');
      return () =>
        range.values.forEach((row, k) => out.set(`${p.r0 + k},${p.c}`, exactOf((row[0] ?? '') as CellValue, (range.formulas[k]?.[0] ?? '') as CellValue)));
    },
  });
  return out;
}

async function writeBack(
  b: Batch,
  ws: Excel.Worksheet,
  fills: Array<{ c: number; r0: number; r1: number; prev: FillState }>,
  values: Array<{ r: number; c: number; v: ExactCell }>,
  fillPattern: boolean,
): Promise<void> {
  type W = { kind: 'fill'; c: number; r0: number; r1: number; prev: FillState } | { kind: 'values'; c: number; r0: number; r1: number; v: ExactCell[] };
  const writes: W[] = fills.map((f) => ({ kind: 'fill', ...f }));
  const sorted = [...values].sort((a, c) => a.c - c.c || a.r - c.r);
  for (const x of sorted) {
    const last = writes[writes.length - 1];
    if (last && last.kind === 'values' && last.c === x.c && last.r1 + 1 === x.r) {
      last.r1 = x.r;
      last.v.push(x.v);
    } else writes.push({ kind: 'values', c: x.c, r0: x.r, r1: x.r, v: [x.v] });
  }
  await b.pieces(writes, {
    cost: (w) => ({
      request: w.kind === 'fill' ? OP_OVERHEAD * 3 : OP_OVERHEAD * (1 + w.v.filter(isFormula).length) + jsonBytes(w.v) + 4 * w.v.length,
      response: 0,
    }),
    split: (w) => (w.kind === 'values' ? (splitRows(w, (r0, r1) => ({ ...w, r0, r1, v: w.v.slice(r0 - w.r0, r1 - w.r0 + 1) })) as [W, W] | null) : null),
    queue: (w) => {
      const range = ws.getRange(boxAddress({ r0: w.r0, c0: w.c, r1: w.r1, c1: w.c }));
      if (w.kind === 'values') {
        // Values as values (text as text); a formula through `formulas`, which is what makes it one again.
        range.values = w.v.map((v) => [isFormula(v) ? null : asWritten(v)]) as unknown as CellValue[][];
        w.v.forEach((v, k) => {
          if (isFormula(v)) ws.getRange(boxAddress({ r0: w.r0 + k, c0: w.c, r1: w.r0 + k, c1: w.c })).formulas = [[v[0]]];
        });
        return;
      }
      const f = range.format.fill;
      if (w.prev.color === null) f.clear();
      else {
        f.color = w.prev.color;
        if (fillPattern && w.prev.pattern) {
          f.pattern = w.prev.pattern as Excel.FillPattern;
          if (w.prev.patternColor) f.patternColor = w.prev.patternColor;
        }
      }
    },
  });
}

const isFormula = (v: ExactCell): v is [string] => Array.isArray(v) && v.length === 1;

/** Remove our conditional rules (recognised by their formula) from the sheet. */
async function dropRules(b: Batch, ws: Excel.Worksheet, formula: string): Promise<void> {
  const all = ws.getRange().conditionalFormats;
  all.load('items/type');
  await b.flush();
  const customs = all.items.filter((cf) => String(cf.type) === 'Custom').map((cf) => {
    const rule = cf.custom.rule;
    rule.load('formula');
    return { cf, rule };
  });
  if (!customs.length) return;
  await b.flush();
  for (const { cf, rule } of customs) if (rule.formula === formula || rule.formula === MARK_RULE) cf.delete();
  await b.flush();
}

export type { MarkLog };

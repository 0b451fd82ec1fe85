/// <reference types="office-js" />
/**
 * Xoá đánh dấu: undo a check with its log. Every fill and value it
 * recorded is put back, only where the cell still shows what the check put
 * there (a cell the user changed since is left as they made it); the note
 * column it added is emptied, or, when it was a table column still holding
 * only our notes, deleted; its conditional rule is removed. Rows the user
 * sorted or moved since are found again by their identity (TT, group,
 * lead …); a row that cannot be found for sure is left alone. Nothing here
 * throws because something is gone: a deleted or renamed sheet, column or
 * log sheet is found another way or skipped.
 *
 * In: the packed log from the settings. Out: what was put back.
 */
import { boxAddress } from './address.js';
import { OP_OVERHEAD, jsonBytes, rowPieces, rowsPerPiece, splitRows, type Batch } from './budget.js';
import type { Capabilities, CellValue } from './host.js';
import { sameColor, spans } from './fills.js';
import { dropKept, readKept } from './log-sheet.js';
import { hashAt, HASH_WIDTH, loggedCells, rowKey, textHash, unpackMarkLog, type PackedMarkLog } from './mark-log.js';
import { findSheet, type Session } from './session.js';
import { asWritten, exactOf, sameExact } from './text.js';
import type { ClearResult, ExactCell, FillState, RowKeys } from './types.js';

interface Span {
  c: number;
  r0: number;
  r1: number;
}

export async function clearMarks(s: Session, packed: PackedMarkLog): Promise<ClearResult> {
  const caps = s.caps;
  const result: ClearResult = { fills: 0, values: 0, skipped: 0, sheetMissing: false, logMissing: false, ruleLeft: false };
  return s.run(async (b) => {
    const ws = await findSheet(b, packed.sheetId, packed.sheetName);
    // A large log is in the log sheet; when that is gone, what the check overwrote cannot be known.
    const full = packed.kept ? await readKept(b, packed.kept) : packed;
    if (!ws || !full) {
      result.sheetMissing = !ws;
      result.logMissing = !full;
      if (packed.kept) await dropKept(b, packed.kept.sheet, caps);
      return result;
    }
    const log = unpackMarkLog(full);
    const where = await rowFinder(b, ws, log.keys, caps);

    // 1. Where each logged cell is now, and what it holds.
    const fills: Array<{ r: number; c: number; prev: FillState; ours: string }> = [];
    for (const f of log.fills) {
      for (let r = f.r0; r <= f.r1; r++) {
        const now = where(r);
        if (now === null) result.skipped++;
        else fills.push({ r: now, c: f.c, prev: f.prev, ours: f.ours });
      }
    }
    const cells: Array<{ r: number; c: number; prev: ExactCell; ours: string }> = [];
    for (const x of loggedCells(log)) {
      const now = where(x.r);
      if (now === null) result.skipped++;
      else cells.push({ ...x, r: now });
    }
    const added: Array<{ r: number; c: number; ours: string; header: boolean }> = [];
    if (log.added) {
      const a = log.added;
      const n = a.hashes.length / HASH_WIDTH;
      for (let i = 0; i < n; i++) {
        const now = i === 0 ? a.r0 : where(a.r0 + i);
        if (now !== null) added.push({ r: now, c: a.col, ours: hashAt(a.hashes, i), header: i === 0 });
      }
    }
    const colors = await readFillColors(b, ws, fills, caps.cellProperties);
    const valuesNow = await readExact(b, ws, [...cells, ...added]);
    const at = (r: number, c: number): ExactCell => valuesNow.get(`${r},${c}`) ?? '';
    const textAt = (r: number, c: number): string => {
      const v = at(r, c);
      return Array.isArray(v) ? v[0] : String(v);
    };

    // 2. What goes back: fills still ours get their old fill.
    const fillBack: Array<{ r: number; c: number; prev: FillState }> = [];
    for (const f of fills) {
      const color = colors.get(`${f.r},${f.c}`) ?? null;
      if (sameColor(color, f.ours)) {
        fillBack.push(f);
        result.fills++;
      } else {
        // Not ours: the user's change, or a cell the check never got to (it still has its old fill).
        const unchanged = f.prev.color === null ? !color || sameColor(color, '#FFFFFF') : sameColor(color, f.prev.color);
        if (!unchanged) result.skipped++;
      }
    }
    // Values still ours get what they held.
    const valueBack: Array<{ r: number; c: number; v: ExactCell }> = [];
    for (const x of cells) {
      if (textHash(textAt(x.r, x.c)) === x.ours) {
        valueBack.push({ r: x.r, c: x.c, v: x.prev });
        result.values++;
      } else if (!sameExact(at(x.r, x.c), x.prev)) result.skipped++;
    }

    // The column we added: our cells emptied; a table column holding nothing but ours deleted.
    let deleteColumn: { table: string; column: string } | null = null;
    if (log.added) {
      const mine = added.map((x) => textHash(textAt(x.r, x.c)) === x.ours);
      const headerMine = added[0]?.header === true && mine[0] === true;
      if (log.added.kind === 'tableColumn' && headerMine) {
        deleteColumn = await onlyOursInColumn(b, ws, log.added, added, mine, textAt);
      }
      if (deleteColumn) result.values += mine.filter(Boolean).length;
      else
        added.forEach((x, i) => {
          if (mine[i]) {
            valueBack.push({ r: x.r, c: x.c, v: '' });
            result.values++;
          } else if (textAt(x.r, x.c) !== '') result.skipped++;
        });
    }

    await writeBack(b, ws, fillBack, valueBack, caps.fillPattern);
    if (deleteColumn) {
      ws.tables.getItem(deleteColumn.table).columns.getItem(deleteColumn.column).delete();
      await b.flush();
    }
    if (log.rule) {
      if (caps.conditionalFormats) await dropRules(b, ws, log.rule);
      else result.ruleLeft = true;
    }
    // Only now: had anything above failed, the log would still be there for the next try.
    if (packed.kept) await dropKept(b, packed.kept.sheet, caps);
    return result;
  });
}

/**
 * Where a logged row is now: the same row when its identity is still there,
 * else the one row that has its identity (the user sorted or inserted rows),
 * else null. Rows outside the keys (a header) stay where they are.
 */
async function rowFinder(b: Batch, ws: Excel.Worksheet, keys: RowKeys | null, caps: Capabilities): Promise<(r: number) => number | null> {
  if (!keys || keys.cols.length === 0) return (r) => r;
  const n = keys.hashes.length / HASH_WIDTH;
  const used = caps.usedValuesOnly ? ws.getUsedRange(true) : ws.getUsedRange();
  used.load('rowIndex,rowCount');
  await b.flush();
  // Rows may have been inserted: read down to the last used row.
  const r1 = Math.max(keys.r0 + n - 1, used.rowIndex + used.rowCount - 1);
  const cols = [...keys.cols];
  const values = new Map<number, CellValue[]>(cols.map((c) => [c, []]));
  const per = rowsPerPiece(60 * cols.length, b.limits.response);
  const got = new Map<number, Map<number, CellValue[]>>();
  await b.pieces(rowPieces([{ r0: keys.r0, r1 }], per), {
    cost: (p) => ({ request: OP_OVERHEAD * cols.length, response: 60 * cols.length * (p.r1 - p.r0 + 1) }),
    split: (p) => splitRows(p, (r0, r1) => ({ r0, r1 })),
    queue: (p) => {
      const ranges = cols.map((c) => {
        const range = ws.getRange(boxAddress({ r0: p.r0, c0: c, r1: p.r1, c1: c }));
        range.load('values');
        return { c, range };
      });
      return () => got.set(p.r0, new Map(ranges.map(({ c, range }) => [c, range.values.map((row) => row[0] as CellValue)])));
    },
  });
  for (const r0 of [...got.keys()].sort((x, y) => x - y)) for (const c of cols) values.get(c)!.push(...got.get(r0)!.get(c)!);
  const count = r1 - keys.r0 + 1;
  const now: string[] = Array.from({ length: count }, (_, i) => rowKey(cols.map((c) => values.get(c)![i] ?? '')));
  const rowsOf = new Map<string, number[]>();
  now.forEach((h, i) => rowsOf.set(h, [...(rowsOf.get(h) ?? []), keys.r0 + i]));
  return (r) => {
    const i = r - keys.r0;
    if (i < 0 || i >= n) return r;
    const h = hashAt(keys.hashes, i);
    if (now[i] === h) return r;
    const found = rowsOf.get(h);
    return found && found.length === 1 ? found[0]! : null;
  };
}

/**
 * The table column to delete, when every cell of its body holds one of our
 * notes or nothing (rows the user added since included); else null, and
 * only our cells are emptied.
 */
async function onlyOursInColumn(
  b: Batch,
  ws: Excel.Worksheet,
  a: { table: string; col: number; r0: number },
  added: Array<{ r: number }>,
  mine: boolean[],
  textAt: (r: number, c: number) => string,
): Promise<{ table: string; column: string } | null> {
  ws.tables.load('items/name');
  await b.flush();
  const heads = ws.tables.items.map((t) => {
    const h = t.getHeaderRowRange();
    h.load('columnIndex,rowIndex,values');
    const body = t.getRange();
    body.load('rowIndex,rowCount');
    return { name: t.name, h, body };
  });
  await b.flush();
  // By name first; a renamed table is found by where its header row is.
  const hit =
    heads.find((x) => x.name === a.table && x.h.rowIndex === a.r0) ??
    heads.find((x) => x.h.rowIndex === a.r0 && a.col >= x.h.columnIndex && a.col < x.h.columnIndex + (x.h.values[0]?.length ?? 0));
  if (!hit) return null;
  const header = hit.h.values[0]?.[a.col - hit.h.columnIndex];
  if (header === undefined) return null;
  // Every body row of the table now, our logged rows and any the user added.
  const last = hit.body.rowIndex + hit.body.rowCount - 1;
  const ours = new Set(added.filter((_, i) => mine[i]).map((x) => x.r));
  const others = await readExact(
    b,
    ws,
    Array.from({ length: Math.max(0, last - a.r0) }, (_, i) => ({ r: a.r0 + 1 + i, c: a.col })).filter((x) => !ours.has(x.r)),
  );
  for (const v of others.values()) if (!(v === '' || (Array.isArray(v) && v[0] === ''))) return null;
  for (let i = 1; i < added.length; i++) if (!mine[i] && textAt(added[i]!.r, a.col) !== '') return null;
  return { table: hit.name, column: String(header) };
}

/** Fill colours now, keyed "r,c" (cell properties on 1.9; else each span's colour, cell by cell where mixed). */
async function readFillColors(b: Batch, ws: Excel.Worksheet, cells: Array<{ r: number; c: number }>, cellProperties: boolean): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const n = rowsPerPiece(cellProperties ? 80 : OP_OVERHEAD, Math.min(b.limits.request, b.limits.response));
  const pieces = rowPieces(spans(cells), n);
  const mixed: Span[] = [];
  await b.pieces(pieces, {
    cost: (p) => (cellProperties ? { request: OP_OVERHEAD * 2, response: 80 * (p.r1 - p.r0 + 1) } : { request: OP_OVERHEAD * 2, response: 60 }),
    split: (p) => splitRows(p, (r0, r1) => ({ ...p, r0, r1 })),
    queue: (p) => {
      const range = ws.getRange(boxAddress({ r0: p.r0, c0: p.c, r1: p.r1, c1: p.c }));
      if (cellProperties) {
        const props = range.getCellProperties({ format: { fill: { color: true } } });
        return () => props.value.forEach((row, k) => out.set(`${p.r0 + k},${p.c}`, row[0]?.format?.fill?.color ?? null));
      }
      const fill = range.format.fill;
      fill.load('color');
      return () => {
        if (fill.color === null) mixed.push(p);
        else for (let r = p.r0; r <= p.r1; r++) out.set(`${r},${p.c}`, fill.color);
      };
    },
  });
  // ExcelApi 1.1, a span of mixed fills: one load per cell, in pieces a request can carry.
  const single = rowPieces(mixed, rowsPerPiece(OP_OVERHEAD * 2, b.limits.request));
  await b.pieces(single, {
    cost: (p) => ({ request: OP_OVERHEAD * 2 * (p.r1 - p.r0 + 1), response: 40 * (p.r1 - p.r0 + 1) }),
    split: (p) => splitRows(p, (r0, r1) => ({ ...p, r0, r1 })),
    queue: (p) => {
      const loads = Array.from({ length: p.r1 - p.r0 + 1 }, (_, k) => {
        const f = ws.getCell(p.r0 + k, p.c).format.fill;
        f.load('color');
        return f;
      });
      return () => loads.forEach((f, k) => out.set(`${p.r0 + k},${p.c}`, f.color));
    },
  });
  return out;
}

/** Cells now, exactly (values and formulas), keyed "r,c". */
async function readExact(b: Batch, ws: Excel.Worksheet, cells: Array<{ r: number; c: number }>): Promise<Map<string, ExactCell>> {
  const out = new Map<string, ExactCell>();
  if (!cells.length) return out;
  // Notes are short: a row costs its text twice (values and formulas) plus punctuation.
  const perRow = 600;
  await b.pieces(rowPieces(spans(cells), rowsPerPiece(perRow, b.limits.response)), {
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

const isFormula = (v: ExactCell): v is [string] => Array.isArray(v) && v.length === 1;

async function writeBack(
  b: Batch,
  ws: Excel.Worksheet,
  fills: Array<{ r: number; c: number; prev: FillState }>,
  values: Array<{ r: number; c: number; v: ExactCell }>,
  fillPattern: boolean,
): Promise<void> {
  type W = { kind: 'fill'; c: number; r0: number; r1: number; prev: FillState } | { kind: 'values'; c: number; r0: number; r1: number; v: ExactCell[] };
  const writes: W[] = [];
  for (const f of [...fills].sort((x, y) => x.c - y.c || x.r - y.r)) {
    const last = writes[writes.length - 1];
    if (last && last.kind === 'fill' && last.c === f.c && last.r1 + 1 === f.r && JSON.stringify(last.prev) === JSON.stringify(f.prev)) last.r1 = f.r;
    else writes.push({ kind: 'fill', c: f.c, r0: f.r, r1: f.r, prev: f.prev });
  }
  for (const x of [...values].sort((a, c) => a.c - c.c || a.r - c.r)) {
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

/** Remove our conditional rules (recognised by their formula) from the sheet. */
async function dropRules(b: Batch, ws: Excel.Worksheet, formula: string): Promise<void> {
  const all = ws.getRange().conditionalFormats;
  all.load('items/type');
  await b.flush();
  const customs = all.items
    .filter((cf) => String(cf.type) === 'Custom')
    .map((cf) => {
      const rule = cf.custom.rule;
      rule.load('formula');
      return { cf, rule };
    });
  if (!customs.length) return;
  await b.flush();
  for (const { cf, rule } of customs) if (rule.formula === formula) cf.delete();
  await b.flush();
}


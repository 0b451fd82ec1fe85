/// <reference types="office-js" />
/**
 * Reading a task table, in two steps: the sheet's top-left window (to find
 * the header), its used ranges, tables, protection and conditional formats;
 * then the columns the app asks for over the data rows, each run of
 * neighbouring columns read as one rectangle, in row blocks whose response
 * stays under the budget (a block that still comes back too large is read
 * again in halves), with the fill of the columns that may be marked.
 *
 * In: a `locate` function that turns the window into a read plan. Out: a
 * SheetRead (plain data), or null when `locate` finds no table.
 */
import { boxAddress, colLetter, parseAddress, type Box } from './address.js';
import { isPayloadError, OP_OVERHEAD, rowsPerPiece, splitRows, jsonBytes } from './budget.js';
import type { CellValue } from './host.js';
import { fillOf } from './fills.js';
import { findSheet, type Session } from './session.js';
import { ExcelError } from './host.js';
import { exactOf } from './text.js';
import { HEAD_COLS, HEAD_ROWS, type ColumnRead, type ExactCell, type FillState, type ReadPlan, type SheetHead, type SheetRead } from './types.js';

/** Neighbouring columns read the same way: one rectangle per block. */
interface Strip {
  c0: number;
  c1: number;
  as: ColumnRead['as'];
}

interface Block {
  r0: number;
  r1: number;
}

export async function readSheet(s: Session, locate: (head: SheetHead) => ReadPlan | null, sheet?: { id: string; name: string | null }): Promise<SheetRead | null> {
  const caps = s.caps;
  return s.run(async (b) => {
    const ctx = b.ctx;
    // A sheet named by the app is found by id, then by name (ids change when a workbook is reopened).
    const found = sheet ? await findSheet(b, sheet.id, sheet.name) : null;
    if (sheet && !found) throw new ExcelError('ItemNotFound', sheet.name ?? sheet.id);
    const ws = found ?? ctx.workbook.worksheets.getActiveWorksheet();
    const queueMeta = () => {
      ws.load('id,name');
      const used = ws.getUsedRange();
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      const usedValues = caps.usedValuesOnly ? ws.getUsedRange(true) : null;
      usedValues?.load('rowIndex,columnIndex,rowCount,columnCount');
      ws.tables.load('items/name');
      const protection = caps.protection ? ws.protection : null;
      protection?.load('protected');
      const rules = caps.conditionalFormats ? ws.getRange().conditionalFormats.getCount() : null;
      return { used, usedValues, protection, rules };
    };
    // The window rides with the sheet's particulars; a window of very long cells that Excel refuses
    // for its size is read again in row pieces.
    let meta = queueMeta();
    let window: CellValue[][] = [];
    const whole = ws.getRange(`A1:${colLetter(HEAD_COLS - 1)}${HEAD_ROWS}`);
    whole.load('values');
    try {
      await b.flush();
      window = whole.values as CellValue[][];
    } catch (e) {
      if (!isPayloadError(e, s.limits)) throw e;
      meta = queueMeta();
      await b.flush();
      const parts = new Map<number, CellValue[][]>();
      await b.pieces([{ r0: 0, r1: HEAD_ROWS - 1 }], {
        cost: (p) => ({ request: OP_OVERHEAD, response: 40_000 * (p.r1 - p.r0 + 1) }),
        split: (p) => splitRows(p, (r0, r1) => ({ r0, r1 })),
        queue: (p) => {
          const range = ws.getRange(boxAddress({ r0: p.r0, c0: 0, r1: p.r1, c1: HEAD_COLS - 1 }));
          range.load('values');
          return () => parts.set(p.r0, range.values as CellValue[][]);
        },
      });
      window = [...parts.keys()].sort((x, y) => x - y).flatMap((k) => parts.get(k)!);
    }
    const { used, usedValues, protection, rules } = meta;

    const head: SheetHead = {
      sheetId: ws.id,
      sheetName: ws.name,
      used: boxOf(used, window),
      usedValues: usedValues ? boxOf(usedValues, window) : null,
      head: window,
      tables: ws.tables.items.map((t) => t.name),
    };
    const plan = locate(head);
    if (!plan) return null;

    const columns = new Map<number, CellValue[]>(plan.columns.map((c) => [c.col, []]));
    const exact = new Map<number, ExactCell[]>(plan.columns.filter((c) => c.as === 'exact').map((c) => [c.col, []]));
    const fills = new Map<number, FillState | null>();
    let tables: Array<{ name: string; box: Box }> = [];

    // The small reads (fills, table ranges) ride with the first block that gets through.
    let smallDone = false;
    const queueSmall = () => {
      const tr = head.tables.map((name) => {
        const r = ws.tables.getItem(name).getRange();
        r.load('address');
        return { name, r };
      });
      const fr = plan.fillColumns.map((col) => {
        const f = ws.getRange(boxAddress({ r0: plan.firstRow, c0: col, r1: Math.max(plan.firstRow, plan.lastRow), c1: col })).format.fill;
        f.load(caps.fillPattern ? 'color,pattern,patternColor' : 'color');
        return { col, f };
      });
      return () => {
        if (smallDone) return;
        smallDone = true;
        for (const { col, f } of fr) fills.set(col, caps.fillPattern ? fillOf(f.color, f.pattern, f.patternColor) : fillOf(f.color));
        tables = tr.map(({ name, r }) => {
          const a = parseAddress(r.address);
          return { name, box: { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 } };
        });
      };
    };

    const strips = stripsOf(plan.columns);
    const perRow = estimateRowBytes(head.head, plan);
    const smallCost = OP_OVERHEAD * (head.tables.length + plan.fillColumns.length);
    const blocks: Block[] = [];
    if (plan.lastRow >= plan.firstRow && strips.length) {
      const n = rowsPerPiece(perRow, s.limits.response - smallCost);
      for (let r0 = plan.firstRow; r0 <= plan.lastRow; r0 += n) blocks.push({ r0, r1: Math.min(plan.lastRow, r0 + n - 1) });
    }
    // Rows come back in order: blocks are collected into per-block slots and joined at the end.
    const got = new Map<number, { cols: Map<number, CellValue[]>; exact: Map<number, ExactCell[]> }>();
    if (blocks.length) {
      await b.pieces(blocks, {
        cost: (p) => ({
          request: OP_OVERHEAD * (strips.length * 2 + 2) + (smallDone ? 0 : smallCost),
          response: perRow * (p.r1 - p.r0 + 1) + (smallDone ? 0 : smallCost),
        }),
        split: (p) => splitRows(p, (r0, r1) => ({ r0, r1 })),
        queue: (p) => {
          const small = smallDone ? null : queueSmall();
          const reads = strips.map((st) => {
            const range = ws.getRange(boxAddress({ r0: p.r0, c0: st.c0, r1: p.r1, c1: st.c1 }));
            range.load(st.as === 'types' ? 'valueTypes' : st.as === 'exact' ? 'values,formulas,numberFormat' : 'values');
            return { st, range };
          });
          return () => {
            small?.();
            const cols = new Map<number, CellValue[]>();
            const ex = new Map<number, ExactCell[]>();
            for (const { st, range } of reads) {
              const grid = (st.as === 'types' ? range.valueTypes : range.values) as CellValue[][];
              const formulas = st.as === 'exact' ? (range.formulas as CellValue[][]) : null;
              const formats = st.as === 'exact' ? (range.numberFormat as string[][]) : null;
              for (let c = st.c0; c <= st.c1; c++) {
                const j = c - st.c0;
                cols.set(
                  c,
                  grid.map((row) => row[j] ?? ''),
                );
                if (formulas) ex.set(c, grid.map((row, i) => exactOf(row[j] ?? '', formulas[i]?.[j] ?? '', formats?.[i]?.[j])));
              }
            }
            got.set(p.r0, { cols, exact: ex });
          };
        },
      });
    } else {
      const small = queueSmall();
      await b.flush();
      small();
    }
    for (const r0 of [...got.keys()].sort((x, y) => x - y)) {
      const part = got.get(r0)!;
      for (const [c, list] of columns) list.push(...(part.cols.get(c) ?? []));
      for (const [c, list] of exact) list.push(...(part.exact.get(c) ?? []));
    }
    return {
      head,
      plan,
      columns,
      exact,
      fills,
      tables,
      protected: protection ? !!protection.protected : false,
      conditionalFormats: rules ? rules.value > 0 : false,
    };
  });
}

function boxOf(r: Excel.Range, window: CellValue[][]): Box | null {
  const blank = r.rowCount === 1 && r.columnCount === 1 && (window[r.rowIndex]?.[r.columnIndex] ?? '') === '';
  if (blank) return null;
  return { r0: r.rowIndex, c0: r.columnIndex, r1: r.rowIndex + r.rowCount - 1, c1: r.columnIndex + r.columnCount - 1 };
}

/** Planned columns → runs of neighbouring columns read the same way. */
function stripsOf(cols: ColumnRead[]): Strip[] {
  const sorted = [...new Map(cols.map((c) => [c.col, c])).values()].sort((a, b) => a.col - b.col);
  const out: Strip[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.as === c.as && last.c1 + 1 === c.col) last.c1 = c.col;
    else out.push({ c0: c.col, c1: c.col, as: c.as });
  }
  return out;
}

/** Bytes one data row of the planned columns is likely to take in a response, from the rows seen in the window. */
function estimateRowBytes(head: CellValue[][], plan: ReadPlan): number {
  let total = 0;
  let n = 0;
  for (let r = plan.firstRow; r < head.length && r <= plan.lastRow; r++) {
    const row = head[r]!;
    let bytes = 0;
    for (const c of plan.columns) {
      if (c.as === 'types') bytes += 10;
      else bytes += c.as === 'exact' ? (jsonBytes(row[c.col] ?? '') + 4) * 2 + 12 : jsonBytes(row[c.col] ?? '') + 4;
    }
    total += bytes;
    n++;
  }
  const avg = n ? total / n : plan.columns.length * 40;
  // Rows further down may be longer than the first few: leave room (and a read that overflows is split).
  return Math.max(16, Math.ceil(avg * 1.25));
}


/// <reference types="office-js" />
/**
 * Nhập phụ lục's sheet: a new sheet holding the task table, written in
 * three stages (text formats, values in row blocks under the request
 * budget, then the Excel table and its formats). Text over Excel's 32,767
 * characters a cell is cut (and counted) before anything is sent, so the
 * sheet is never left half-written by a refused value; sheet and table names
 * avoid those already taken, defined names included.
 *
 * In: a TaskSheetSpec (plain rows). Out: the sheet and table written.
 */
import { boxAddress, colLetter } from './address.js';
import { isPayloadError, OP_OVERHEAD, jsonBytes, splitRows } from './budget.js';
import type { CellValue } from './host.js';
import type { Session } from './session.js';
import { clipText } from './text.js';
import type { TaskSheetSpec, WrittenSheet } from './types.js';

export async function writeTaskSheet(s: Session, spec: TaskSheetSpec): Promise<WrittenSheet> {
  const caps = s.caps;
  const cols = spec.columns;
  let clipped = 0;
  const rows = (spec.rows.length ? spec.rows : [cols.map(() => null)]).map((r) =>
    r.map((v) => {
      if (typeof v !== 'string') return v;
      const c = clipText(v);
      if (c.clipped) clipped++;
      return c.text;
    }),
  );
  return s.run(async (b) => {
    const ctx = b.ctx;
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name');
    const tables = ctx.workbook.tables;
    tables.load('items/name');
    const names = caps.names ? ctx.workbook.names : null;
    names?.load('items/name');
    await b.flush();
    const sheetName = uniqueName(spec.baseName, sheets.items.map((x) => x.name), (base, i) => `${base} (${i})`);
    // A table name may not repeat another table's or a defined name's.
    const taken = [...tables.items.map((t) => t.name), ...(names?.items.map((n) => n.name) ?? [])];
    const tableName = uniqueName(spec.tableName, taken, (base, i) => `${base}${i}`);

    const lastRow = rows.length; // 0-based index of the last data row (header is row 0)
    const lastCol = cols.length - 1;
    const colBox = (c: number, r0: number, r1: number) => boxAddress({ r0, c0: c, r1, c1: c });
    const formulaCols = cols.flatMap((c, j) => (c.kind === 'formula' ? [j] : []));
    const textCols = cols.flatMap((c, j) => (c.kind === 'text' ? [j] : []));
    const rowBytes = rows.map((r) => jsonBytes(r) + 8);
    type Block = { r0: number; r1: number };
    const blockCost = (p: Block) => {
      let n = OP_OVERHEAD * (1 + formulaCols.length + textCols.length) + 6 * textCols.length * (p.r1 - p.r0 + 1);
      for (let i = p.r0; i <= p.r1; i++) n += rowBytes[i]!;
      return n;
    };
    const dateCols = cols.filter((c) => c.kind === 'date').length;
    const preCost = OP_OVERHEAD * (2 + textCols.length) + jsonBytes(cols.map((c) => c.header));
    const postCost = OP_OVERHEAD * (20 + 6 * cols.length) + 16 * lastRow * dateCols + cols.reduce((n, c) => n + (c.list ? jsonBytes(c.list) * 3 : 0), 0);

    let ws = null as Excel.Worksheet | null;
    let table = null as Excel.Table | null;
    // The new sheet and the header row.
    const queuePre = () => {
      ws = sheets.add(sheetName);
      for (const j of textCols) ws.getRange(colBox(j, 0, 0)).numberFormat = [['@']];
      ws.getRange(boxAddress({ r0: 0, c0: 0, r1: 0, c1: lastCol })).values = [cols.map((c) => c.header)];
    };
    // A block of rows: text columns formatted as text first (so "1.10", "30/6/2026" or "- …" stay text), then the values.
    const queueBlock = (p: Block) => {
      const part = rows.slice(p.r0, p.r1 + 1);
      for (const j of textCols) ws!.getRange(colBox(j, p.r0 + 1, p.r1 + 1)).numberFormat = part.map(() => ['@']);
      ws!.getRange(boxAddress({ r0: p.r0 + 1, c0: 0, r1: p.r1 + 1, c1: lastCol })).values = part.map((r) =>
        r.map((v, j) => (cols[j]!.kind === 'formula' ? null : v)),
      ) as unknown as CellValue[][];
      for (const j of formulaCols) ws!.getRange(colBox(j, p.r0 + 1, p.r1 + 1)).formulas = part.map((r) => [r[j] ?? '']) as unknown as string[][];
    };
    // The Excel table over the values, then the formats.
    const queuePost = () => {
      const w = ws!;
      table = w.tables.add(`${colLetter(0)}1:${colLetter(lastCol)}${lastRow + 1}`, true);
      table.name = tableName;
      table.style = spec.tableStyle;
      const all = w.getRange(boxAddress({ r0: 0, c0: 0, r1: lastRow, c1: lastCol }));
      all.format.font.name = spec.font.name;
      all.format.font.size = spec.font.size;
      all.format.verticalAlignment = 'Top';
      const head = w.getRange(boxAddress({ r0: 0, c0: 0, r1: 0, c1: lastCol }));
      head.format.font.bold = true;
      head.format.wrapText = true;
      head.format.horizontalAlignment = 'Center';
      head.format.verticalAlignment = 'Center';
      for (const [j, c] of cols.entries()) {
        const body = w.getRange(colBox(j, 1, lastRow));
        if (c.wrap) body.format.wrapText = true;
        if (c.center) body.format.horizontalAlignment = 'Center';
        if (c.kind === 'date') body.numberFormat = Array.from({ length: lastRow }, () => ['dd/mm/yyyy']);
        if (caps.columnWidths) w.getRange(colBox(j, 0, 0)).format.columnWidth = charsToPoints(c.width);
        if (c.list && caps.validation) {
          body.dataValidation.clear();
          body.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(',') } };
          body.dataValidation.errorAlert = {
            showAlert: true,
            style: 'Stop',
            title: `${c.header} không hợp lệ`,
            message: `Chỉ chọn một trong: ${c.list.join(', ')}.`,
          };
        }
      }
      if (caps.autofitRows) all.format.autofitRows();
      if (caps.freezePanes) w.freezePanes.freezeRows(1);
      if (caps.pageLayout) {
        w.pageLayout.orientation = 'Landscape';
        w.pageLayout.paperSize = 'A4';
        w.pageLayout.setPrintTitleRows('$1:$1');
      }
      w.activate();
      w.load('id,name');
      table.load('name');
    };

    // A large plan: the sheet first, the values in row blocks under the budget, then the table and formats.
    const staged = async () => {
      await b.reserve({ request: preCost });
      queuePre();
      const blocks: Block[] = [];
      let start = 0;
      let size = 0;
      rows.forEach((_, i) => {
        if (size + rowBytes[i]! > s.limits.request * 0.9 && i > start) {
          blocks.push({ r0: start, r1: i - 1 });
          start = i;
          size = 0;
        }
        size += rowBytes[i]!;
      });
      blocks.push({ r0: start, r1: rows.length - 1 });
      // A block Excel still refuses is sent again in halves.
      await b.pieces(blocks, {
        cost: (p) => ({ request: blockCost(p), response: 0 }),
        split: (p) => splitRows(p, (r0, r1) => ({ r0, r1 })),
        queue: (p) => queueBlock(p),
      });
      await b.reserve({ request: postCost });
      queuePost();
      await b.flush();
    };
    const whole: Block = { r0: 0, r1: rows.length - 1 };
    if (preCost + blockCost(whole) + postCost <= s.limits.request) {
      // A plan of ordinary size: everything in one batch; one refused for its size was not applied, so it goes staged.
      queuePre();
      queueBlock(whole);
      queuePost();
      try {
        await b.flush();
      } catch (e) {
        if (!isPayloadError(e, s.limits)) throw e;
        // A size refusal applies nothing, but the web's bare GeneralException may come after the sheet was
        // added: a half-written sheet of ours is removed before the staged write.
        sheets.load('items/name');
        await b.flush();
        if (sheets.items.some((x) => x.name === sheetName)) {
          sheets.getItem(sheetName).delete();
          await b.flush();
        }
        await staged();
      }
    } else await staged();
    const w = ws as unknown as Excel.Worksheet;
    const t = table as unknown as Excel.Table;
    return { sheetId: w.id, sheetName: w.name, tableName: t.name, clipped };
  });
}

export function uniqueName(base: string, taken: string[], make: (base: string, i: number) => string): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const n = make(base, i);
    if (!lower.has(n.toLowerCase())) return n;
  }
}

/** Width in characters (Times New Roman 12) → points. */
export function charsToPoints(chars: number): number {
  return Math.round(chars * 6.5 + 5);
}


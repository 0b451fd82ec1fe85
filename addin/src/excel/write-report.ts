/// <reference types="office-js" />
/**
 * Tổng hợp's sheet: written, or cleared and rewritten when it exists, so it
 * never goes stale. A report is a few hundred cells: one batch, reserved
 * against the budget like every other.
 *
 * In: a ReportSpec (plain rows and where the formats go). Out: the sheet.
 */
import { boxAddress, cellAddress } from './address.js';
import { OP_OVERHEAD, jsonBytes } from './budget.js';
import type { CellValue } from './host.js';
import type { Session } from './session.js';
import type { ReportSpec, WrittenSheet } from './types.js';
import { charsToPoints } from './write-tasks.js';

const HEADER_FILL = '#D9E1F2';

export async function writeReportSheet(s: Session, spec: ReportSpec): Promise<WrittenSheet> {
  const caps = s.caps;
  return s.run(async (b) => {
    const sheets = b.ctx.workbook.worksheets;
    sheets.load('items/name');
    await b.flush();
    // A sheet of that name is refreshed only when it is ours (its title cell holds our title): a user's
    // own "Tổng hợp", or the command line's live one, is left alone and the report goes beside it.
    const ourTitle = String(spec.rows[spec.titleRow]?.[0] ?? '');
    const names = sheets.items.map((x) => x.name);
    const same = (n: string) => names.find((x) => x.toLowerCase() === n.toLowerCase());
    const candidates = [spec.name, ...Array.from({ length: 20 }, (_, i) => `${spec.name} (${i + 2})`)];
    const taken = candidates.map(same).filter((n): n is string => n !== undefined);
    const titles = taken.map((n) => {
      const cell = sheets.getItem(n).getRange(cellAddress(spec.titleRow, 0));
      cell.load('values');
      return { n, cell };
    });
    if (titles.length) await b.flush();
    const ours = titles.find((t) => String(t.cell.values[0]?.[0] ?? '') === ourTitle)?.n;
    let ws: Excel.Worksheet;
    if (ours) {
      ws = sheets.getItem(ours);
      ws.getUsedRange().clear();
    } else {
      ws = sheets.add(candidates.find((n) => !same(n)) ?? `${spec.name} ${Date.now() % 100_000}`);
    }
    const width = Math.max(...spec.rows.map((r) => r.length));
    const grid = spec.rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === undefined || r[j] === null ? '' : r[j]))) as CellValue[][];
    await b.reserve({ request: OP_OVERHEAD * (20 + spec.boldRows.length + spec.percentColumns.length + spec.dateCells.length + spec.widths.length) + 2 * jsonBytes(grid) });
    const last = grid.length - 1;
    const all = ws.getRange(boxAddress({ r0: 0, c0: 0, r1: last, c1: width - 1 }));
    // Agency names are text whatever they look like.
    ws.getRange(boxAddress({ r0: spec.headerRow + 1, c0: 1, r1: spec.tableRows[1], c1: 1 })).numberFormat = Array.from(
      { length: spec.tableRows[1] - spec.headerRow },
      () => ['@'],
    );
    all.values = grid;
    all.format.font.name = spec.font.name;
    all.format.font.size = spec.font.size;
    for (const r of spec.boldRows) ws.getRange(boxAddress({ r0: r, c0: 0, r1: r, c1: width - 1 })).format.font.bold = true;
    const title = ws.getRange(cellAddress(spec.titleRow, 0)).format.font;
    title.size = spec.font.size + 3;
    title.bold = true;
    const head = ws.getRange(boxAddress({ r0: spec.headerRow, c0: 0, r1: spec.headerRow, c1: width - 1 }));
    head.format.fill.color = HEADER_FILL;
    head.format.wrapText = true;
    head.format.horizontalAlignment = 'Center';
    head.format.verticalAlignment = 'Center';
    const [t0, t1] = spec.tableRows;
    for (const c of spec.percentColumns) {
      ws.getRange(boxAddress({ r0: t0 + 1, c0: c, r1: t1, c1: c })).numberFormat = Array.from({ length: t1 - t0 }, () => ['0.0%']);
    }
    for (const [r, c] of spec.dateCells) ws.getRange(cellAddress(r, c)).numberFormat = [['dd/mm/yyyy']];
    if (caps.columnWidths) spec.widths.forEach((w, j) => (ws.getRange(cellAddress(0, j)).format.columnWidth = charsToPoints(w)));
    if (caps.freezePanes) ws.freezePanes.freezeRows(spec.headerRow + 1);
    ws.activate();
    ws.load('id,name');
    await b.flush();
    return { sheetId: ws.id, sheetName: ws.name, tableName: '', clipped: 0 };
  });
}

/**
 * Excel refuses a cell of more than 32,767 characters (it calls the file
 * damaged). Every writer cuts longer text and marks the cut: the direct
 * writer, the exceljs build, and cells set by hand on an exceljs workbook
 * (a re-import's change log) before it is saved.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { clipCellText, CLIP_MARK, MAX_CELL_TEXT } from '../pipeline/write/xlsx/index.js';
import { makeDoc, makeTask } from './helpers/docs.js';
import { columnOf, sheet } from './helpers/workbook-read.js';

const AS_OF = '2026-06-30';
const HUGE = 'Nội dung rất dài của nhiệm vụ. '.repeat(1600).slice(0, 48_000);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every text cell of a workbook, as "Sheet!A1" → length. */
function longest(wb: ExcelJS.Workbook): number {
  let n = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') n = Math.max(n, cell.value.length);
      }),
    ),
  );
  return n;
}

describe('clipCellText', () => {
  it('leaves a text that fits, cuts a longer one to the limit with a visible mark', () => {
    expect(clipCellText('ngắn')).toBe('ngắn');
    const fits = 'x'.repeat(MAX_CELL_TEXT);
    expect(clipCellText(fits)).toBe(fits);
    const cut = clipCellText(HUGE);
    expect(cut.length).toBe(MAX_CELL_TEXT);
    expect(cut.endsWith(CLIP_MARK)).toBe(true);
    expect(HUGE.startsWith(cut.slice(0, -CLIP_MARK.length))).toBe(true);
  });

  it('never leaves half of a surrogate pair before the mark', () => {
    const cut = clipCellText('😀'.repeat(20_000));
    expect(cut.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    const body = cut.slice(0, -CLIP_MARK.length);
    expect(body.length % 2).toBe(0);
    expect([...body].every((ch) => ch === '😀')).toBe(true);
  });
});

describe('a 48,000-character task content', () => {
  const doc = makeDoc([makeTask({ content: HUGE })]);

  it.each([
    ['the direct writer', () => writeWorkbook([doc], { asOf: AS_OF })],
    ['the exceljs build', () => workbookBytes(buildWorkbook([doc], { asOf: AS_OF }))],
  ])('%s writes a cell within Excel’s limit, and the workbook opens', async (_label, write) => {
    const wb = await load(await write());
    const ws = sheet(wb, 'Nhiệm vụ');
    const content = ws.getRow(2).getCell(columnOf(ws, 'Nội dung')).value as string;
    expect(content.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(content.endsWith(CLIP_MARK)).toBe(true);
    expect(longest(wb)).toBeLessThanOrEqual(MAX_CELL_TEXT);
  });

  it('cells set by hand on an exceljs workbook (as the change log of a re-import) are cut when it is saved', async () => {
    const built = buildWorkbook([doc], { asOf: AS_OF });
    const log = built.addWorksheet('Nhật ký thay đổi');
    log.getCell('D2').value = HUGE;
    log.getCell('E2').value = { richText: [{ text: HUGE }] };
    const wb = await load(await workbookBytes(built));
    expect(longest(wb)).toBeLessThanOrEqual(MAX_CELL_TEXT);
    const d2 = sheet(wb, 'Nhật ký thay đổi').getCell('D2').value as string;
    expect(d2.endsWith(CLIP_MARK)).toBe(true);
  });
});

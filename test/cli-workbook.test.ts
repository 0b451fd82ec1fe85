/** `convert` writing tracking workbooks: per input (--format xlsx, the default) and --combined. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../pipeline/cli/dispatch.js';
import { parseConvertArgs } from '../pipeline/cli/args.js';
import { captureIo } from './helpers/io.js';
import { columnValues, sheet } from './helpers/workbook-read.js';

const SAMPLES = path.join(import.meta.dirname, '..', 'samples');
const A = '000_608305ae69954cdd.txt';
const B = '003_9fe0b5bdb1f2cdf3.txt';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-xlsx-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

describe('convert → xlsx', () => {
  it('writes json, csv and xlsx by default', () => {
    expect(parseConvertArgs(['a.txt', '--out', 'o']).formats).toEqual(['json', 'csv', 'xlsx']);
  });

  it('refuses a --combined that is not an .xlsx file', () => {
    expect(() => parseConvertArgs(['a.txt', '--out', 'o', '--combined', 'all.csv'])).toThrow(/--combined must name an \.xlsx file/);
  });

  it('writes <name>.xlsx per input and one combined workbook with a Văn bản column', async () => {
    const inDir = path.join(dir, 'in');
    const out = path.join(dir, 'out');
    const combined = path.join(inDir, 'tong-hop.xlsx');
    mkdirSync(inDir);
    copyFileSync(path.join(SAMPLES, A), path.join(inDir, A));
    copyFileSync(path.join(SAMPLES, B), path.join(inDir, B));
    const cap = captureIo();

    const args = ['convert', inDir, '--out', out, '--format', 'xlsx', '--as-of', '2026-06-30', '--combined', combined];
    expect(await runCli(args, cap.io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual([A.replace('.txt', '.xlsx'), B.replace('.txt', '.xlsx')]);
    expect(cap.stderr()).toContain(`✓ ${combined}: sổ theo dõi chung, 2 văn bản`);

    const one = await load(path.join(out, A.replace('.txt', '.xlsx')));
    expect(one.worksheets.map((w) => w.name)).toContain('Tổng hợp');
    expect(sheet(one, 'Tổng hợp').getCell('B2').value).toEqual(new Date('2026-06-30T00:00:00Z'));

    const all = await load(combined);
    const tasks = sheet(all, 'Nhiệm vụ');
    expect(tasks.getRow(1).getCell(2).value).toBe('Văn bản');
    const n = tasks.actualRowCount - 1;
    expect(new Set(columnValues(tasks, 'Nguồn', n))).toEqual(new Set([A, B]));

    // A second run does not read the combined workbook (an .xlsx inside the input folder) as an input.
    const again = captureIo();
    expect(await runCli(args, again.io)).toBe(0);
    expect(again.stderr()).not.toContain('✗');
    expect(again.stderr()).toContain('sổ theo dõi chung, 2 văn bản');
    expect(again.stdout()).toContain('Đã chuyển / Converted:        2 văn bản');
    expect(existsSync(combined)).toBe(true);
  });
});

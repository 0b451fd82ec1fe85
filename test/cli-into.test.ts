import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../pipeline/cli/dispatch.js';
import { captureIo } from './helpers/io.js';

/** `convert <amended plan> --into <workbook>` end to end through the CLI. */
const seed = new URL('../samples/000_608305ae69954cdd.txt', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-into-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convert --into', () => {
  it('updates the workbook from an amended plan, keeps a copy and logs the changes', async () => {
    const out = path.join(dir, 'out');
    expect(await runCli(['convert', seed, '--out', out, '--format', 'xlsx', '--as-of', '2026-05-01', '--jobs', '0'], captureIo().io)).toBe(0);
    const workbook = path.join(out, '000_608305ae69954cdd.xlsx');

    // The amended plan drops task 6 and moves task 2's deadline.
    const amended = readFileSync(seed, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('6\t'))
      .join('\n')
      .replace('\tQuý II/2026\tUBND tỉnh\n3\t', '\tQuý III/2026\tUBND tỉnh\n3\t');
    const plan = path.join(dir, 'ke-hoach-sua-doi.txt');
    writeFileSync(plan, amended);

    const cap = captureIo();
    expect(await runCli(['convert', plan, '--into', workbook, '--as-of', '2026-06-01'], cap.io)).toBe(0);
    expect(existsSync(path.join(out, '000_608305ae69954cdd.truoc-cap-nhat-2026-06-01.xlsx'))).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const log = wb.getWorksheet('Nhật ký thay đổi');
    expect(log).toBeDefined();
    const text: string[] = [];
    log!.eachRow((row) => text.push(row.values!.toString()));
    expect(text.join('\n')).toMatch(/bỏ/i);
    expect(text.join('\n')).toMatch(/thời hạn/i);
  });

  it('takes exactly one plan and an .xlsx workbook', async () => {
    expect(await runCli(['convert', seed, seed, '--into', 'x.xlsx'], captureIo().io)).toBe(2);
    expect(await runCli(['convert', seed, '--into', 'x.csv'], captureIo().io)).toBe(2);
  });
});

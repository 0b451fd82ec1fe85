/**
 * No command destroys a file: an output never lands on an input, outputs of
 * one batch never land on each other, a plan's outputs are written together
 * or not at all, and every update keeps its own copy of the workbook before.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../pipeline/cli/dispatch.js';
import { writeFilesAtomic } from '../pipeline/node/atomic.js';
import { outputStems } from '../pipeline/node/naming.js';
import { captureIo } from './helpers/io.js';

const seed = new URL('../samples/000_608305ae69954cdd.txt', import.meta.url).pathname;
const seed2 = new URL('../samples/001_506cf5c9823d68a4.txt', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = (name: string): string => {
  const d = path.join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};

async function convert(args: string[]): Promise<{ code: number; err: string }> {
  const cap = captureIo();
  const code = await runCli(['convert', ...args, '--jobs', '0', '--as-of', '2026-05-01'], cap.io);
  return { code, err: cap.stderr() };
}

describe('convert never writes over what it reads', () => {
  it('refuses --out into the inputs’ own folder when an output would take an input’s name, leaving every input as it was', async () => {
    const d = fresh('own-folder');
    // A task list kept as a workbook and a plan as CSV: their outputs danh-sach.xlsx and ke-hoach.csv are the inputs.
    const first = await convert([seed, '--out', d, '--format', 'xlsx']);
    expect(first.code).toBe(0);
    const list = path.join(d, 'danh-sach.xlsx');
    copyFileSync(path.join(d, '000_608305ae69954cdd.xlsx'), list);
    const csv = path.join(d, 'ke-hoach.csv');
    writeFileSync(csv, 'TT,Nội dung,Cơ quan chủ trì,Thời gian\n1,Rà soát hồ sơ,Sở Tư pháp,Quý II/2026\n');
    const before = [readFileSync(list), readFileSync(csv)];

    const r = await convert([list, csv, '--out', d]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ghi đè lên tệp đầu vào/);
    expect(r.err).toMatch(/would overwrite the input/);
    expect([readFileSync(list), readFileSync(csv)]).toEqual(before);
  });

  it('refuses a --combined workbook named like one plan’s own workbook', async () => {
    const d = fresh('combined');
    const r = await convert([seed, seed2, '--out', d, '--combined', path.join(d, '000_608305ae69954cdd.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--combined .* trùng tên/);
    expect(readdirSync(d)).toEqual([]);
  });

  it('keeps a failed file’s error report apart from a plan whose name ends in ".error"', async () => {
    const d = fresh('error-names');
    const inputs = fresh('error-inputs');
    writeFileSync(path.join(inputs, 'x.pdf'), 'not a pdf at all');
    copyFileSync(seed, path.join(inputs, 'x.error.txt'));
    const r = await convert([inputs, '--out', d, '--format', 'json']);
    expect(r.code).toBe(1);
    // x.error.txt's tasks are in x.error.json; x.pdf's failure is in a file of its own.
    const plan = JSON.parse(readFileSync(path.join(d, 'x.error.json'), 'utf8'));
    expect(plan.tasks.length).toBeGreaterThan(0);
    const failure = JSON.parse(readFileSync(path.join(d, 'x-2.error.json'), 'utf8'));
    expect(failure.source.file).toBe('x.pdf');
    // A second run (x.pdf still bad) must not delete the good output as a stale error file.
    expect((await convert([inputs, '--out', d, '--format', 'json'])).code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(d, 'x.error.json'), 'utf8')).tasks.length).toBe(plan.tasks.length);
  });

  it('removes a file’s error report once a later run converts it, in a sub-folder too', async () => {
    const d = path.join(dir, 'fixed-out');
    const inputs = fresh('fixed-inputs');
    mkdirSync(path.join(inputs, 'sub'));
    const bad = path.join(inputs, 'sub', 'ke-hoach.txt');
    writeFileSync(bad, '');
    expect((await convert([inputs, '--out', d, '--format', 'csv'])).code).toBe(1);
    expect(readdirSync(path.join(d, 'sub'))).toEqual(['ke-hoach.error.json']);
    copyFileSync(seed, bad);
    expect((await convert([inputs, '--out', d, '--format', 'csv'])).code).toBe(0);
    expect(readdirSync(path.join(d, 'sub'))).toEqual(['ke-hoach.csv']);
  });

  it('never names an output out of the folder: a file named "..pdf" keeps its extension', () => {
    const f = (p: string) => ({ path: p, subdir: '' });
    const stems = outputStems([f('..pdf'), f('...docx'), f('sub/.txt')]);
    expect(stems).toEqual(['..pdf', '...docx', '.txt']);
    // As convert joins them: the stem to the folder, then the extension.
    for (const stem of stems) expect(path.dirname(`${path.join('out', stem)}.json`)).toBe('out');
  });

  it('names error files so that no stem is another stem plus ".error", whatever the order', () => {
    const f = (p: string) => ({ path: p, subdir: '' });
    expect(outputStems([f('x.pdf'), f('x.error.md')])).toEqual(['x', 'x.error-2']);
    expect(outputStems([f('x.error.md'), f('x.pdf')])).toEqual(['x.error', 'x-2']);
  });
});

describe('converting again never writes over answers people typed', () => {
  it('refuses to rewrite a workbook that holds statuses (use --into), and rewrites an untouched one', async () => {
    const d = fresh('rerun');
    expect((await convert([seed, '--out', d, '--format', 'json,xlsx'])).code).toBe(0);
    const wbPath = path.join(d, '000_608305ae69954cdd.xlsx');
    expect((await convert([seed, '--out', d, '--format', 'json,xlsx'])).code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(wbPath) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    const statusCol = (ws.getRow(1).values as unknown[]).indexOf('Trạng thái');
    ws.getRow(2).getCell(statusCol).value = 'Hoàn thành';
    writeFileSync(wbPath, Buffer.from(await wb.xlsx.writeBuffer()));
    const filled = readFileSync(wbPath);
    const json = readFileSync(path.join(d, '000_608305ae69954cdd.json'));

    const r = await convert([seed, '--out', d, '--format', 'json,xlsx']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/đã có trạng thái hoặc ghi chú do người dùng nhập; không ghi đè.*--into.*\[output\.has_answers\]/);
    expect(readFileSync(wbPath)).toEqual(filled);
    expect(readFileSync(path.join(d, '000_608305ae69954cdd.json'))).toEqual(json);
  });
});

describe('a plan’s outputs are written together or not at all', () => {
  it('leaves neither the first file nor a temporary file when a later one cannot be written', async () => {
    const d = fresh('atomic');
    const blocker = path.join(d, 'not-a-folder');
    writeFileSync(blocker, 'x');
    await expect(
      writeFilesAtomic([
        [path.join(d, 'p1.json'), '{}'],
        [path.join(d, 'p1.csv'), 'a,b'],
        [path.join(blocker, 'p1.xlsx'), new Uint8Array([1, 2, 3])],
      ]),
    ).rejects.toThrow();
    expect(readdirSync(d)).toEqual(['not-a-folder']);
  });
});

describe('rollup never writes its report over a workbook it reads', () => {
  it('refuses --out naming a returned workbook, which stays byte for byte; an earlier report is written over', async () => {
    const returned = fresh('returned');
    expect((await convert([seed, '--out', returned, '--format', 'xlsx'])).code).toBe(0);
    const wb = path.join(returned, 'so-noi-vu.xlsx');
    copyFileSync(path.join(returned, '000_608305ae69954cdd.xlsx'), wb);
    const before = readFileSync(wb);

    const cap = captureIo();
    expect(await runCli(['rollup', returned, '--as-of', '2026-06-01', '--out', wb], cap.io)).toBe(2);
    expect(cap.stderr()).toMatch(/đang được tổng hợp/);
    expect(readFileSync(wb)).toEqual(before);
    const csvCap = captureIo();
    expect(await runCli(['rollup', wb, '--as-of', '2026-06-01', '--out', path.join(dir, 'r.xlsx'), '--csv', wb], csvCap.io)).toBe(2);

    // A report written into the folder is not a workbook: the next run reads the folder and writes over it.
    const report = path.join(returned, 'bao-cao.xlsx');
    expect(await runCli(['rollup', returned, '--as-of', '2026-06-01', '--out', report], captureIo().io)).toBe(0);
    const again = captureIo();
    expect(await runCli(['rollup', returned, '--as-of', '2026-06-02', '--out', report], again.io)).toBe(0);
    expect(again.stdout()).toMatch(/Sổ theo dõi đã đọc \/ Workbooks read: +2/);
  });
});

describe('convert --into through a symbolic link', () => {
  it('updates the shared file the link points at and leaves the link a link', async () => {
    const shared = fresh('shared');
    expect((await convert([seed, '--out', shared, '--format', 'xlsx'])).code).toBe(0);
    const real = path.join(shared, '000_608305ae69954cdd.xlsx');
    const mine = fresh('mine');
    const link = path.join(mine, 'theo-doi.xlsx');
    symlinkSync(real, link);
    const before = readFileSync(real);
    const plan = path.join(dir, 'sua-doi.txt');
    writeFileSync(plan, readFileSync(seed, 'utf8').replace('Quý II/2026', 'Quý III/2026'));

    const cap = captureIo();
    expect(await runCli(['convert', plan, '--into', link, '--as-of', '2026-06-01'], cap.io)).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real).equals(before)).toBe(false);
    expect(existsSync(path.join(mine, 'theo-doi.truoc-cap-nhat-2026-06-01.xlsx'))).toBe(true);
  });
});

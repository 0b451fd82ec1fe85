/**
 * The CLI end to end, as a user runs it: a real process, the real core.
 * Spawned twice only (start-up costs about a second on two cores): once for
 * --help, once for a batch. Usage errors and batch details are covered
 * in-process in cli-run.test.ts.
 */
import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phulucFromSources } from './helpers/spawn.js';

const phuluc = (args: string[]): SpawnSyncReturns<string> => phulucFromSources(args, { timeout: 60_000 });

/** A small plan in the form Word gives when its table is copied as text (seed 000). */
const PLAN = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH HÀ TĨNH',
  '',
  'Số: 12/KH-UBND',
  '',
  'Hà Tĩnh, ngày 10 tháng 3 năm 2026',
  '',
  'KẾ HOẠCH',
  'Triển khai chuyển đổi số trong ngành y tế năm 2026',
  '',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '- Triển khai kịp thời, đồng bộ các nhiệm vụ chuyển đổi số.',
  '',
  'II. TỔ CHỨC THỰC HIỆN',
  'Các sở, ngành căn cứ nhiệm vụ được giao tại Phụ lục kèm theo Kế hoạch này để triển khai thực hiện.',
  '',
  'TM. ỦY BAN NHÂN DÂN',
  'CHỦ TỊCH',
  '',
  'Phụ lục',
  'DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN',
  '(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh)',
  '',
  'TT\tNội dung thực hiện\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tCấp phê duyệt',
  '1\tXây dựng kế hoạch chuyển đổi số của ngành y tế giai đoạn 2026-2030\tSở Y tế\tSở Tài chính, các đơn vị có liên quan\tQuý II/2026\tUBND tỉnh',
  '2\tTổ chức tập huấn kỹ năng số cho cán bộ, công chức, viên chức ngành y tế\tSở Nội vụ\tSở Y tế, các sở, ngành\tThường xuyên\tSở Nội vụ',
  '3\tBố trí kinh phí thực hiện kế hoạch chuyển đổi số\tSở Tài chính\tSở Y tế\t30/6/2026\tUBND tỉnh',
  '',
].join('\n');

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('phuluc --help', () => {
  let run: SpawnSyncReturns<string>;
  beforeAll(() => {
    run = phuluc(['--help']);
  });

  it('exits 0 and documents every command and option', () => {
    expect(run.status).toBe(0);
    for (const word of ['convert', 'eval', '--out', '--format', '--as-of', '--strict', '--json']) {
      expect(run.stdout).toContain(word);
    }
    // Vietnamese first, then English.
    expect(run.stdout.indexOf('Cách dùng')).toBeLessThan(run.stdout.indexOf('Usage'));
  });
});

describe('phuluc convert <folder> <missing file> --out', () => {
  let run: SpawnSyncReturns<string>;
  let out: string;
  let all: string;

  beforeAll(() => {
    const input = path.join(dir, 'in');
    mkdirSync(path.join(input, 'gold'), { recursive: true });
    writeFileSync(path.join(input, 'ke-hoach.txt'), PLAN);
    writeFileSync(path.join(input, 'rong.txt'), '');
    writeFileSync(path.join(input, 'gold', 'ke-hoach.txt'), PLAN); // answer keys are not inputs
    writeFileSync(path.join(input, '.an.txt'), PLAN); // nor are hidden files
    out = path.join(dir, 'out');
    run = phuluc(['convert', input, path.join(dir, 'khong-co.txt'), '--out', out, '--as-of', '2026-07-01']);
    all = `${run.stdout}\n${run.stderr}`;
  });

  it('exits 1 because some inputs failed', () => {
    expect(run.status).toBe(1);
  });

  it('gives each bad input exactly one line naming it, in Vietnamese and English', () => {
    const lines = all.split('\n');
    const about = (name: string) => lines.filter((l) => l.includes(name));
    expect(about('rong.txt')).toHaveLength(1);
    expect(about('rong.txt')[0]).toMatch(/^✗ .*rong\.txt: .+ \/ .+/);
    expect(about('khong-co.txt')).toEqual([
      `✗ ${path.join(dir, 'khong-co.txt')}: không tìm thấy tệp hoặc thư mục / no such file or folder [input.missing]`,
    ]);
  });

  it('prints no stack trace', () => {
    expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(all).not.toMatch(/node:internal|triggerUncaughtException/);
  });

  it('ends with a summary naming the output folder', () => {
    expect(run.stdout).toContain('Tóm tắt / Summary');
    expect(run.stdout).toContain(`Thư mục kết quả / Output folder: ${out}`);
    expect(run.stdout).toMatch(/Không chuyển được \/ Failed: +2/);
  });

  // Needs the extraction core (convertDocument).
  it('converts the good plan to <name>.json and <name>.csv, named after the input', () => {
    expect(all).toMatch(/✓ .*ke-hoach\.txt: 3 nhiệm vụ, \d+ cảnh báo/);
    const doc = JSON.parse(readFileSync(path.join(out, 'ke-hoach.json'), 'utf8'));
    expect(Object.keys(doc)).toEqual(['source', 'document', 'tasks', 'findings']);
    expect(doc.source.file).toBe('ke-hoach.txt');
    expect(doc.tasks.map((t: { tt: string }) => t.tt)).toEqual(['1', '2', '3']);
    expect(doc.tasks[0].lead).toEqual(['Sở Y tế']);
    const csv = readFileSync(path.join(out, 'ke-hoach.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFSTT,Mã,Nhóm,Nội dung,')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
    expect(existsSync(path.join(out, 'rong.json'))).toBe(false);
    expect(existsSync(path.join(out, 'gold'))).toBe(false);
    expect(existsSync(path.join(out, '.an.json'))).toBe(false);
  });
});

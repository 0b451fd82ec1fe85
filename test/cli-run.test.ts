/**
 * The CLI in-process, with the extraction core replaced by a stand-in so
 * these tests check the batch itself (inputs, names, lines, summary, exit
 * codes) whatever state the core is in. The real core is exercised end to
 * end in cli.test.ts.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlanError } from '../pipeline/model/errors.js';
import { runCli } from '../pipeline/cli/dispatch.js';
import { captureIo } from './helpers/io.js';
import { makeDoc, makeFinding, makeTask } from './helpers/docs.js';

vi.mock('../pipeline/convert.js', () => ({
  /** One task per non-empty line; "BOOM" is an unforeseen fault; empty bytes a PlanError, as the core does. */
  convertDocument: async (file: string, bytes: Uint8Array) => {
    const text = new TextDecoder().decode(bytes);
    if (text.length === 0) throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
    if (text.includes('BOOM')) throw new TypeError('Cannot read properties of undefined\n    at read (x.ts:1:1)');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const tasks = lines.map((l, i) => makeTask({ id: `t${i}`, tt: String(i + 1), content: l }));
    const findings = tasks.map((t) => makeFinding({ task: t.id, rule: t.tt === '1' ? 'lead.collective' : 'deadline.vague' }));
    return makeDoc(tasks, findings, file);
  },
}));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-run-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(rel: string, text: string): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** Every file under a folder, "/"-separated, sorted. */
function tree(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('convert batch', () => {
  it('converts a walked folder, keeps sub-folders, disambiguates clashing names, reports each failure once', async () => {
    put('in/plan.md', 'a\nb\n');
    put('in/plan.html', 'a\n');
    put('in/nhom/plan.txt', 'a\nb\nc\n');
    put('in/rong.txt', '');
    put('in/hong.txt', 'BOOM');
    put('in/ghi-chu.rtf', 'not a plan'); // unsupported, skipped while walking
    put('in/gold/plan.txt', 'gold'); // answer keys skipped
    put('in/.nhap.txt', 'hidden'); // hidden skipped
    const lone = put('le/ghi-chu.rtf', 'given by name'); // unsupported but asked for → one failure line
    const out = path.join(dir, 'out');
    const cap = captureIo();

    const code = await runCli(['convert', '--jobs', '0', path.join(dir, 'in'), lone, path.join(dir, 'khong-co'), '--out', out], cap.io);

    expect(code).toBe(1);
    // A failed input leaves its reason, with the code, in <name>.error.json.
    expect(tree(out)).toEqual([
      'ghi-chu.error.json', 'hong.error.json',
      'nhom/plan.csv', 'nhom/plan.json', 'nhom/plan.xlsx',
      'plan.html.csv', 'plan.html.json', 'plan.html.xlsx',
      'plan.md.csv', 'plan.md.json', 'plan.md.xlsx',
      'rong.error.json',
    ]);
    expect(JSON.parse(readFileSync(path.join(out, 'rong.error.json'), 'utf8'))).toEqual({
      source: { file: 'rong.txt', format: 'txt' },
      error: { code: 'file.empty', message: 'Tệp rong.txt rỗng / File rong.txt is empty', vi: 'Tệp rong.txt rỗng', en: 'File rong.txt is empty' },
    });
    const err = cap.stderr().split('\n').filter(Boolean);
    expect(err).toEqual([
      `✗ ${path.join(dir, 'khong-co')}: không tìm thấy tệp hoặc thư mục / no such file or folder [input.missing]`,
      // Inside a folder: code-point order of names, files and folders alike.
      `✗ ${path.join(dir, 'in/hong.txt')}: không đọc được tệp / could not read the file (Cannot read properties of undefined) [internal.error]`,
      `✓ ${path.join(dir, 'in/nhom/plan.txt')}: 3 nhiệm vụ, 3 cảnh báo (3 tasks, 3 findings)`,
      `✓ ${path.join(dir, 'in/plan.html')}: 1 nhiệm vụ, 1 cảnh báo (1 tasks, 1 findings)`,
      `✓ ${path.join(dir, 'in/plan.md')}: 2 nhiệm vụ, 2 cảnh báo (2 tasks, 2 findings)`,
      `✗ ${path.join(dir, 'in/rong.txt')}: Tệp rong.txt rỗng / File rong.txt is empty [file.empty]`,
      expect.stringMatching(/^✗ .*ghi-chu\.rtf: định dạng không được hỗ trợ: \.rtf .* \/ unsupported format: \.rtf/),
    ]);
    expect(cap.stderr()).not.toMatch(/\bat read\b/);

    const summary = cap.stdout();
    expect(summary).toMatch(/Đã chuyển \/ Converted: +3 văn bản/);
    expect(summary).toMatch(/Không chuyển được \/ Failed: +4/);
    expect(summary).toMatch(/Nhiệm vụ \/ Tasks: +6/);
    expect(summary).toMatch(/Cảnh báo \/ Findings: +6\n +deadline\.vague +3\n +lead\.collective +3\n/);
    expect(summary).toContain(`Output folder: ${out}`);

    const json = JSON.parse(readFileSync(path.join(out, 'nhom/plan.json'), 'utf8'));
    expect(json.source.file).toBe('plan.txt');
    expect(json.tasks).toHaveLength(3);
  });

  it('exits 0 when all succeed, writes only the formats asked for, and fills Tình trạng with --as-of', async () => {
    const a = put('a.txt', 'một\n');
    const out = path.join(dir, 'out');
    const cap = captureIo();
    expect(await runCli(['convert', '--jobs', '0', a, '--out', out, '--format', 'csv', '--as-of', '2026-07-01'], cap.io)).toBe(0);
    expect(tree(out)).toEqual(['a.csv']);
    expect(readFileSync(path.join(out, 'a.csv'), 'utf8')).toContain('Chưa hoàn thành, quá hạn');
  });

  it('does not read back its own output when --out is inside the input folder', async () => {
    put('in/a.txt', 'một\n');
    put('in/out/old.csv', 'STT\n1\n');
    const cap = captureIo();
    expect(await runCli(['convert', '--jobs', '0', path.join(dir, 'in'), '--out', path.join(dir, 'in/out')], cap.io)).toBe(0);
    expect(cap.stderr()).not.toContain('old.csv');
  });

  it('shows the stack of an unforeseen fault only with PHULUC_DEBUG=1', async () => {
    const bad = put('hong.txt', 'BOOM');
    const cap = captureIo({ env: { PHULUC_DEBUG: '1' } });
    expect(await runCli(['convert', '--jobs', '0', bad, '--out', path.join(dir, 'out')], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/TypeError: Cannot read properties/);
  });

  it('redraws one progress line on a terminal and keeps failures above it', async () => {
    const ok = put('a.txt', 'một\n');
    const bad = put('rong.txt', '');
    const cap = captureIo({ tty: true });
    expect(await runCli(['convert', '--jobs', '0', ok, bad, '--out', path.join(dir, 'out')], cap.io)).toBe(1);
    const err = cap.stderr();
    expect(err).toContain('\r\x1b[2K[');
    expect(err).toMatch(/\r\x1b\[2K✗ .*rong\.txt: Tệp rong\.txt rỗng \/ File rong\.txt is empty \[file\.empty\]\n/);
    expect(err).not.toContain('✓'); // on a terminal the bar shows progress, not one line per file
    expect(err.endsWith('\r\x1b[2K')).toBe(true); // the bar is cleared before the summary
  });
});

describe('usage errors', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown option', ['convert', 'a.txt', '--out', 'o', '--bogus'], /unknown option: --bogus/],
    ['unknown command', ['frob'], /unknown command: frob/],
    ['no command', [], /missing command/],
    ['no input', ['convert', '--out', 'o'], /no input file or folder/],
    ['missing --out', ['convert', 'a.txt'], /missing --out/],
    ['--out without value', ['convert', 'a.txt', '--out'], /--out needs a value/],
    ['bad --as-of', ['convert', 'a.txt', '--out', 'o', '--as-of', '7/31/2026'], /--as-of must be a date/],
    ['impossible --as-of', ['convert', 'a.txt', '--out', 'o', '--as-of', '2026-02-30'], /--as-of must be a date/],
    ['bad --format', ['convert', 'a.txt', '--out', 'o', '--format', 'json,pdf'], /unsupported format: pdf/],
    ['eval unknown option', ['eval', '--fast'], /unknown option: --fast/],
  ];
  it.each(cases)('%s → exit 2 and one line pointing at --help', async (_name, argv, reason) => {
    const cap = captureIo();
    expect(await runCli(argv, cap.io)).toBe(2);
    const lines = cap.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).toMatch(/xem --help \/ see --help$/);
    expect(cap.stdout()).toBe('');
  });

  it('--out naming a file is a usage error', async () => {
    const f = put('not-a-dir', 'x');
    const cap = captureIo();
    expect(await runCli(['convert', '--jobs', '0', 'a.txt', '--out', f], cap.io)).toBe(2);
    expect(cap.stderr()).toMatch(/--out must be a folder/);
  });

  it('help wins over other mistakes, per command', async () => {
    const cap = captureIo();
    expect(await runCli(['convert', '--jobs', '0', '--bogus', '--help'], cap.io)).toBe(0);
    expect(cap.stdout()).toMatch(/^phuluc convert/);
    const cap2 = captureIo();
    expect(await runCli(['help', 'eval'], cap2.io)).toBe(0);
    expect(cap2.stdout()).toMatch(/^phuluc eval/);
  });
});

describe('eval', () => {
  /** A gold row the stand-in core reproduces exactly for line `i` (0-based) with text `content`. */
  const row = (i: number, content: string, over: Record<string, unknown> = {}) => ({
    tt: String(i + 1), group: null, content, lead: ['Sở Y tế'], support: ['Sở Tài chính'],
    deadline_raw: 'Quý II/2026', deadline_kind: 'quarter', deadline_end: '2026-06-30',
    product: null, approval: 'UBND tỉnh', ...over,
  });

  beforeEach(() => {
    put('samples/forms/p1.cells.md', 'Xây dựng kế hoạch chuyển đổi số\nTổ chức tập huấn kỹ năng số\n');
    put('samples/gold/p1.json', JSON.stringify({ title: 'x', rows: [row(0, 'Xây dựng kế hoạch chuyển đổi số'), row(1, 'Tổ chức tập huấn kỹ năng số')] }));
    put('samples/p2.txt', 'Không có đáp án\n');
  });

  it('scores against gold/<id up to the first dot>.json in the nearest gold folder and skips inputs without gold', async () => {
    const cap = captureIo();
    expect(await runCli(['eval', path.join(dir, 'samples'), '--strict'], cap.io)).toBe(0);
    expect(cap.stdout()).toMatch(/forms\/p1\.cells\.md +2 +2 +2 +1\.00 +1\.00 +1\.00( +1\.00){6}\n/);
    expect(cap.stdout()).toContain('--strict: đạt / passed');
    expect(cap.stderr()).toMatch(/p2\.txt: không có đáp án p2\.json, bỏ qua \/ no gold file, skipped/);
  });

  it('--strict exits 1 when a field falls below 0.98; without it the run still exits 0', async () => {
    put('samples/gold/p1.json', JSON.stringify({ rows: [row(0, 'Xây dựng kế hoạch chuyển đổi số', { deadline_kind: 'date' }), row(1, 'Tổ chức tập huấn kỹ năng số')] }));
    const strict = captureIo();
    expect(await runCli(['eval', path.join(dir, 'samples'), '--strict', '--verbose'], strict.io)).toBe(1);
    expect(strict.stdout()).toMatch(/✗ .*p1\.cells\.md/);
    expect(strict.stdout()).toContain('[1] deadlineKind: gold date ≠ quarter');
    expect(await runCli(['eval', path.join(dir, 'samples')], captureIo().io)).toBe(0);
  });

  it('--json prints parseable results on stdout only', async () => {
    const cap = captureIo();
    expect(await runCli(['eval', path.join(dir, 'samples'), '--json'], cap.io)).toBe(0);
    const result = JSON.parse(cap.stdout());
    expect(result.total).toMatchObject({ gold: 2, predicted: 2, matched: 2, f1: 1 });
    expect(result.documents[0].score.fields.deadlineKind).toBe(1);
  });

  it('exits 1 when no input has gold', async () => {
    const cap = captureIo();
    expect(await runCli(['eval', path.join(dir, 'samples/p2.txt')], cap.io)).toBe(1);
    expect(cap.stderr()).toContain('no input has a gold file');
  });
});

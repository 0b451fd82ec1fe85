import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../tracking/report.js';
import type { TrackedWorkbook } from '../tracking/read-tracked.js';
import { writeFileAtomic } from '../node/atomic.js';
import { collisions } from '../node/output-guard.js';
import { buildReport, REPORT_SHEETS } from '../tracking/report.js';
import { REPORT_CSV_FIELDS } from '../write/report-csv.js';
import { expandInputs, type InputFile, type InputProblem } from '../node/files.js';
import { failureOf, RENDER_FAILED, WRITE_FAILED } from '../node/job.js';
import { formatFailure, type Failure } from './failure.js';
import { debugEnabled, type Io } from './io.js';
import { createProgress } from './progress.js';
import { parseLimits } from './args.js';
import { WORKER_MEMORY_MB, WorkerPool } from '../node/worker-pool.js';
import { runReadTracked, type ReadTrackedResult } from '../node/tracking-jobs.js';
import { EXIT_FAILED, EXIT_OK, checkAsOf, parseCommandArgs, UsageError } from './usage.js';
import { EXCLUDE_ROUTINE_OPTIONS, parseExcludeRoutine } from './routine-option.js';
import { DEFAULT_EXCLUDE_ROUTINE } from '../rollup/rollup.js';
import { findSoffice, NO_LIBREOFFICE, parseReportArgs, prepareReport, printPdf, REPORT_OPTIONS, resolvePlan, type ReportArgs } from './rollup-report.js';

/**
 * `rollup`: tracking workbooks as agencies send them back → one progress
 * report (.xlsx, and on request .csv and a Word report in the official
 * layout, printed to PDF too). Each workbook is read on its own; one
 * that cannot be read gets one line and the others still count. Nothing is
 * written until every output is rendered, and each is written atomically.
 */
export interface RollupArgs {
  inputs: string[];
  asOf: string;
  out: string;
  csv?: string;
  bySuccessor: boolean;
  /** Routine tasks left out of the rates (--exclude-routine, the default; --no-exclude-routine). */
  excludeRoutine: boolean;
  /** Workbooks read at once, each in a worker under the limits below; 0 reads in this thread. */
  jobs: number;
  timeoutSec: number;
  maxSizeMb: number;
  /** The Word report (`--report` and the options that shape it), or null. */
  report: ReportArgs | null;
}

export function parseRollupArgs(argv: readonly string[]): RollupArgs {
  const parsed = parseCommandArgs(argv, {
    'as-of': { type: 'string' },
    out: { type: 'string', short: 'o' },
    csv: { type: 'string' },
    'by-successor': { type: 'boolean' },
    ...EXCLUDE_ROUTINE_OPTIONS,
    jobs: { type: 'string', short: 'j' },
    timeout: { type: 'string' },
    'max-size': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...REPORT_OPTIONS,
  });
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('chưa chọn sổ theo dõi hoặc thư mục nào', 'no workbook or folder given');
  if (values['as-of'] === undefined) {
    throw new UsageError('thiếu --as-of <YYYY-MM-DD hoặc DD/MM/YYYY> (ngày báo cáo)', 'missing --as-of <YYYY-MM-DD or DD/MM/YYYY> (report date)');
  }
  // YYYY-MM-DD or DD/MM/YYYY as typed; ISO from here on.
  const asOf = checkAsOf(values['as-of']);
  const out = values.out;
  if (out === undefined || !/\.xlsx$/i.test(out.trim())) {
    throw new UsageError('thiếu --out <báo cáo.xlsx> (tên tệp .xlsx)', 'missing --out <report.xlsx> (an .xlsx file name)');
  }
  const csv = values.csv;
  if (csv !== undefined && !/\.csv$/i.test(csv.trim())) {
    throw new UsageError(`--csv phải là tên tệp .csv, nhận được "${csv}"`, `--csv must name a .csv file, got "${csv}"`);
  }
  return {
    inputs: positionals,
    asOf,
    out,
    ...(csv === undefined ? {} : { csv }),
    bySuccessor: values['by-successor'] === true,
    excludeRoutine: parseExcludeRoutine(values) ?? DEFAULT_EXCLUDE_ROUTINE,
    ...parseLimits(values),
    report: parseReportArgs(values),
  };
}


export async function runRollup(argv: readonly string[], io: Io): Promise<number> {
  const args = parseRollupArgs(argv);
  // The settings file and the earlier report are checked before any workbook is read: a mistake there is a usage error.
  const prepared = args.report ? await prepareReport(args.report) : null;
  const { files, problems } = await rollupInputs(args);
  const progress = createProgress(io.stderr, files.length + problems.length);
  const debug = debugEnabled(io);
  let failed = 0;
  const fail = (file: string, f: Failure): void => {
    failed++;
    progress.fail(formatFailure(file, f), debug ? f.stack : undefined);
  };
  for (const p of problems) fail(p.path, problemFailure(p));

  // Each workbook is read in a worker, under the same size, time and memory limits as a conversion.
  const workbooks: TrackedWorkbook[] = [];
  const maxBytes = Math.round(args.maxSizeMb * 1024 * 1024);
  const pool =
    args.jobs === 0 || files.length === 0
      ? null
      : new WorkerPool({ size: Math.min(args.jobs, files.length), timeoutMs: args.timeoutSec * 1000, memoryMb: WORKER_MEMORY_MB, preload: 'read-tracked' });
  // The report's writer (it brings exceljs) loads here while the workers read; a failure to load is
  // reported where the report is written.
  const writer = files.length === 0 ? null : import('../write/report-workbook.js').then((m) => m.writeReportWorkbook);
  writer?.catch(() => undefined);
  try {
    const read = (p: string): Promise<ReadTrackedResult> => (pool ? pool.run({ kind: 'read-tracked', path: p, maxBytes }) : runReadTracked({ kind: 'read-tracked', path: p, maxBytes }));
    const results = files.map((f) => read(f.path));
    for (const [i, input] of files.entries()) {
      progress.start(input.path);
      const r = await results[i]!;
      if (!r.ok) {
        fail(input.path, r.failure);
        continue;
      }
      workbooks.push(r.tracked);
      progress.ok(input.path, r.tracked.rows.length, r.tracked.rows.reduce((n, x) => n + x.issues.length, 0) + r.tracked.notes.length);
    }
  } finally {
    await pool?.close();
  }
  progress.end();
  if (workbooks.length === 0) {
    io.stderr.write('✗ không có sổ theo dõi nào đọc được, không ghi báo cáo / no workbook could be read, no report written\n');
    return EXIT_FAILED;
  }

  let report: Report;
  let outputs: Array<[string, string | Uint8Array]>;
  try {
    // (No file, no workbook read: the command has returned before here.)
    const writeReportWorkbook = await writer!;
    report = buildReport(workbooks, { asOf: args.asOf, grouping: args.bySuccessor ? 'today' : 'canonical', excludeRoutine: args.excludeRoutine });
    outputs = [[args.out, await writeReportWorkbook(report)]];
    if (args.csv !== undefined) outputs.push([args.csv, (await import('../write/report-csv.js')).reportCsv(report)]);
  } catch (e) {
    fail(args.out, failureOf(e, RENDER_FAILED));
    return EXIT_FAILED;
  }
  if (args.report && prepared) {
    const r = args.report;
    const plan = resolvePlan(report, r.plan);
    let docx: Uint8Array;
    try {
      const { writeReportDocx } = await import('../write/report-docx.js');
      docx = await writeReportDocx(report, { settings: prepared.settings, period: r.period, plan, earlier: prepared.earlier, generatedAt: new Date() });
    } catch (e) {
      fail(r.file, failureOf(e, RENDER_FAILED));
      return EXIT_FAILED;
    }
    outputs.push([r.file, docx]);
    if (r.pdf !== null) {
      const soffice = findSoffice(io.env);
      if (soffice === null) fail(r.pdf, NO_LIBREOFFICE);
      else {
        try {
          outputs.push([r.pdf, await printPdf(soffice, docx)]);
        } catch (e) {
          fail(r.pdf, failureOf(e, { code: 'pdf.print_failed', vi: 'LibreOffice không in được báo cáo ra PDF', en: 'LibreOffice could not print the report to PDF' }));
        }
      }
    }
  }
  const written: string[] = [];
  for (const [target, data] of outputs) {
    try {
      await writeFileAtomic(target, data);
      written.push(target);
    } catch (e) {
      fail(target, failureOf(e, WRITE_FAILED));
    }
  }
  io.stdout.write(formatRollupSummary(report, workbooks.length, failed, written));
  return failed === 0 ? EXIT_OK : EXIT_FAILED;
}

/**
 * Files given directly are read whatever their extension (the user asked for
 * them; an unsupported one fails with a line). Folders are walked for .xlsx
 * and .csv only, skipping Excel's "~$" lock files. An output that names one
 * of the inputs is refused (it would be left out of the report and then
 * overwritten), unless it is the report of an earlier rollup, which is
 * written over as a re-run would.
 */
async function rollupInputs(args: RollupArgs): Promise<{ files: InputFile[]; problems: InputProblem[] }> {
  const report = args.report;
  const outputs = [args.out, ...(args.csv === undefined ? [] : [args.csv]), ...(report ? [report.file] : []), ...(report?.pdf ? [report.pdf] : [])];
  if (args.csv !== undefined && path.resolve(args.csv) === path.resolve(args.out)) {
    throw new UsageError('--out và --csv trùng tên', '--out and --csv name the same file');
  }
  const { files, problems } = await expandInputs(args.inputs);
  const given = new Set(args.inputs.map((p) => path.resolve(p)));
  // The earlier report given to --since is compared with, not rolled up (it would be refused as no tracking workbook).
  const since = report?.since ? path.resolve(report.since) : null;
  const candidates = files.filter((f) => {
    if (since !== null && path.resolve(f.path) === since) return false;
    if (given.has(path.resolve(f.path))) return true;
    const name = path.basename(f.path);
    return /\.(xlsx|csv)$/i.test(name) && !name.startsWith('~$');
  });
  const overwritten = await collisions(outputs, candidates.map((f) => f.path));
  const earlierReports = new Set<string>();
  for (const c of overwritten) {
    if (!(await isEarlierReport(c.input))) {
      throw new UsageError(
        `${c.output} là một sổ theo dõi đang được tổng hợp: ghi báo cáo vào đó sẽ xóa mất sổ; hãy đặt tên báo cáo khác`,
        `${c.output} is one of the workbooks being rolled up: writing the report there would destroy it; name the report otherwise`,
      );
    }
    earlierReports.add(c.input);
  }
  const kept = candidates.filter((f) => !earlierReports.has(f.path));
  // A folder that only held plans (.docx, .txt …) gave nothing to roll up: say so, as for an empty folder.
  const under = (dir: string, f: InputFile): boolean => path.resolve(f.path).startsWith(dir + path.sep);
  for (const arg of args.inputs) {
    const dir = path.resolve(arg);
    if (files.some((f) => under(dir, f)) && !kept.some((f) => under(dir, f))) problems.push({ path: arg, reason: 'empty-folder' });
  }
  return { files: kept, problems };
}

/** A report this command wrote before: its first sheet, or the CSV's first header, is the report's own. */
async function isEarlierReport(file: string): Promise<boolean> {
  const bytes = await readFile(file).catch(() => null);
  if (bytes === null) return false;
  if (/\.csv$/i.test(file)) return bytes.toString('utf8').replace(/^\ufeff/, '').startsWith(REPORT_CSV_FIELDS[0]);
  const { unzipSync, strFromU8 } = await import('fflate');
  try {
    const parts = unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === 'xl/workbook.xml' });
    const xml = parts['xl/workbook.xml'];
    return xml !== undefined && strFromU8(xml).includes(`name="${REPORT_SHEETS.byAgency}"`);
  } catch {
    return false;
  }
}

function problemFailure(p: InputProblem): Failure {
  switch (p.reason) {
    case 'missing':
      return { code: 'input.missing', vi: 'không tìm thấy tệp hoặc thư mục', en: 'no such file or folder' };
    case 'empty-folder':
      return { code: 'input.empty_folder', vi: 'thư mục không có sổ theo dõi nào (.xlsx, .csv)', en: 'the folder holds no tracking workbook (.xlsx, .csv)' };
    case 'not-a-file':
      return { code: 'input.not_a_file', vi: 'không phải tệp thường', en: 'not a regular file' };
  }
}

export function formatRollupSummary(report: Report, read: number, failed: number, written: readonly string[]): string {
  const t = report.byAgency.total;
  const rate = (r: number | null, n: number, d: number): string => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}% (${n}/${d})`);
  const pairs: Array<[string, string | number]> = [
    ['Ngày báo cáo / Report date', report.asOf],
    ['Sổ theo dõi đã đọc / Workbooks read', read],
    ['Không đọc được / Failed', failed],
    ['Nhiệm vụ / Tasks', t.total],
    ['Quá hạn / Overdue', report.overdue.length],
    ['Sắp đến hạn / Due soon', report.dueSoon.length],
    ['Tạm dừng / Suspended', t.counts.suspended],
    ['Bị hủy / Cancelled', t.counts.cancelled],
    ['Mâu thuẫn / Conflicts', report.conflicts.length],
    ['Tỷ lệ trên số đến hạn / Rate on tasks due', rate(t.rateDue, t.dueDone, t.due)],
    ['Tỷ lệ trên tổng số / Rate on all tasks', rate(t.rateAll, t.ratedDone, t.rated)],
    [
      'Nhiệm vụ thường xuyên / Routine tasks',
      report.excludeRoutine ? `${t.routine}, không tính vào tỷ lệ / left out of the rates` : 'tính vào tỷ lệ / counted in the rates',
    ],
    ['Báo cáo / Report', written.length > 0 ? written.join(', ') : '(chưa ghi / not written)'],
  ];
  const width = Math.max(...pairs.map(([label]) => label.length)) + 2;
  const lines = ['Tổng hợp / Rollup', ...pairs.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`)];
  return `${lines.join('\n')}\n`;
}

import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConvertedDocument } from '../model/document.js';
import { todayIso } from '../rollup/status.js';
import { expandInputs, SUPPORTED_EXTENSIONS, type InputProblem } from '../node/files.js';
import { errorReport, outputStems } from '../node/naming.js';
import { writeFileAtomic, writeFilesAtomic } from '../node/atomic.js';
import { clashingOutputs, collisions, hasTypedAnswers, type Collision } from '../node/output-guard.js';
import { failureOf, loadWorkbookWriter, runJob, WRITE_FAILED, type Job, type JobFailure, type OnPage, type PostedJobResult } from '../node/job.js';
import { WORKER_MEMORY_MB, WorkerPool } from '../node/worker-pool.js';
import { runIntoJob, type IntoJob, type IntoJobResult } from '../node/tracking-jobs.js';
import { parseConvertArgs, type ConvertArgs } from './args.js';
import { formatFailure } from './failure.js';
import { debugEnabled, type Io } from './io.js';
import { loadConvert } from './core.js';
import { createProgress } from './progress.js';
import { addDocument, emptySummary, formatSummary } from './summary.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage.js';

/**
 * `convert`: every input to <out>/<name>.json, .csv and/or .xlsx. Files are
 * converted in worker threads, several at once, each under a time and memory
 * limit; results are reported and written in input order, so lines and
 * outputs do not depend on timing. A failed input gets one line (with its
 * code) and a `<name>.error.json`, and the batch goes on; the exit code says
 * whether any failed.
 */
export async function runConvert(argv: readonly string[], io: Io): Promise<number> {
  const args = parseConvertArgs(argv);
  if (args.into !== undefined) return runConvertInto(args, args.into, io);
  // An error report of an earlier run (to remove once the file converts) can only be there if the folder was.
  const outExisted = await checkOutDir(args.out);

  const expanded = await expandInputs(args.inputs, { exclude: [args.out] });
  const { problems } = expanded;
  // The combined workbook is an .xlsx, which inputs may be: never read back the one we are about to write.
  const combinedTarget = args.combined === undefined ? null : path.resolve(args.combined);
  const files = expanded.files.filter((f) => path.resolve(f.path) !== combinedTarget);
  const converted: ConvertedDocument[] = [];
  const summary = emptySummary(args.out);
  const progress = createProgress(io.stderr, files.length + problems.length);
  const debug = debugEnabled(io);

  const fail = (file: string, f: JobFailure): void => {
    summary.failed++;
    progress.fail(formatFailure(file, f), debug ? f.stack : undefined);
  };

  for (const p of problems) fail(p.path, problemFailure(p));

  const stems = outputStems(files);
  await refuseDestructiveOutputs(args, files.map((f) => f.path), stems);
  // Error reports of an earlier run, to remove once their file converts.
  const staleReports = outExisted ? await existingErrorReports(args.out, stems) : new Set<string>();
  // The cores of --jobs shared out, once for the batch: files side by side, or one file's scanned pages side by side.
  const ocrParallel = Math.max(1, Math.floor(args.jobs / Math.max(1, Math.min(args.jobs, files.length))));
  const jobs: Job[] = files.map((f) => jobOf(args, f.path, args.formats, ocrParallel));
  const runner = await createRunner(args, Math.min(args.jobs, jobs.length));
  try {
    // Start every job now (the runner queues them); take the results in input order.
    const results = jobs.map((job) => runner.run(job, (done: number, total: number) => progress.page(job.path, done, total)));
    for (const [i, input] of files.entries()) {
      progress.start(input.path);
      const result = await results[i]!;
      const stem = path.join(args.out, stems[i]!);
      if (!result.ok) {
        fail(input.path, result.failure);
        await writeErrorJson(stem, input.path, result.failure).catch(() => undefined);
        continue;
      }
      try {
        const outputs: Array<readonly [string, string | Uint8Array]> = result.outputs.map(([ext, data]) => [`${stem}.${ext}`, data] as const);
        if (args.perAgency) outputs.push(...(await perAgencyOutputs(wholeDoc(result.doc), stem, args, io)));
        const filled = await firstWithAnswers(outputs.map(([target]) => target));
        if (filled !== null) {
          fail(input.path, hasAnswersFailure(filled));
          continue;
        }
        // All of a plan's outputs or none of them (a full disk must not leave a .csv without its .xlsx).
        await writeFilesAtomic(outputs);
        const report = errorReport(stem);
        if (staleReports.has(report)) await rm(report, { force: true });
      } catch (e) {
        const f = failureOf(e, WRITE_FAILED);
        fail(input.path, f);
        await writeErrorJson(stem, input.path, f).catch(() => undefined);
        continue;
      }
      addDocument(summary, result.digest);
      if (args.combined !== undefined) converted.push(wholeDoc(result.doc));
      progress.ok(input.path, result.digest.tasks, result.digest.findingRules.length);
      const unread = result.digest.unread;
      if (unread) {
        const pages = unread.pages.join(', ');
        progress.note(`  ⚠ ${input.path}: chưa đọc trang ${pages} (ảnh): ${unread.vi} / pages ${pages} (pictures) not read: ${unread.en} [${unread.code}]`);
      }
    }
  } finally {
    await runner.close();
  }
  progress.end();
  if (args.combined !== undefined) await writeCombined(args.combined, converted, args, io, summary);
  io.stdout.write(formatSummary(summary));
  return summary.failed === 0 ? EXIT_OK : EXIT_FAILED;
}

/**
 * `convert <amended plan> --into <tracking.xlsx>`: convert the plan, then
 * update the workbook from it (tasks matched, the user's cells kept, new
 * tasks added, gone ones marked removed, a change log), replacing it atomically
 * after keeping a copy of the old one.
 */
async function runConvertInto(args: ConvertArgs, into: string, io: Io): Promise<number> {
  const input = args.inputs[0]!;
  const plan = jobOf(args, input, []);
  // The plan is converted and the workbook updated in one worker, under the same time and memory limits as a batch.
  const job: IntoJob = { kind: 'into', plan, into, ...(args.asOf === undefined ? {} : { asOf: args.asOf }), ...routine(args), force: args.force };
  let result: IntoJobResult;
  if (args.jobs === 0) result = await runIntoJob(job);
  else {
    const pool = new WorkerPool({ size: 1, timeoutMs: args.timeoutSec * 1000, memoryMb: WORKER_MEMORY_MB });
    try {
      result = await pool.run(job);
    } finally {
      await pool.close();
    }
  }
  if (!result.ok) {
    const f = result.failure;
    // A limit hit (no stage) stopped the plan's conversion and the update together: name both.
    const named = result.stage === 'plan' ? input : result.stage === 'into' ? into : `${input} → ${into}`;
    io.stderr.write(`${formatFailure(named, f)}\n${debugEnabled(io) && f.stack ? `${f.stack}\n` : ''}`);
    return EXIT_FAILED;
  }
  const { formatInto } = await import('./into.js');
  io.stderr.write(`${formatInto(result.into)}\n`);
  return EXIT_OK;
}

/** `--exclude-routine` / `--no-exclude-routine` when given, for a workbook's options or a job. */
function routine(args: ConvertArgs): { excludeRoutine?: boolean } {
  return args.excludeRoutine === undefined ? {} : { excludeRoutine: args.excludeRoutine };
}

/** One input as the converter runs it, under the command's report date and size limit. */
function jobOf(args: ConvertArgs, file: string, formats: Job['formats'], ocrParallel = Math.max(1, args.jobs)): Job {
  return {
    path: file,
    formats,
    ...(args.asOf === undefined ? {} : { asOf: args.asOf }),
    workbookDate: args.asOf ?? todayIso(),
    ...routine(args),
    maxBytes: Math.round(args.maxSizeMb * 1024 * 1024),
    ocr: args.ocr,
    // A file converted alone (--into) may use every core of --jobs for its scanned pages.
    ocrParallel,
    timeoutMs: args.timeoutSec * 1000,
    ...(args.combined !== undefined || args.perAgency ? { wholeDoc: true } : {}),
  };
}

/** The document of a job that asked for it (Job.wholeDoc: --combined, --per-agency). */
function wholeDoc(doc: ConvertedDocument | undefined): ConvertedDocument {
  if (!doc) throw new Error('the converted document was not sent back (Job.wholeDoc)');
  return doc;
}

interface Runner {
  run(job: Job, onPage?: OnPage): Promise<PostedJobResult>;
  close(): Promise<void>;
}

/** Worker threads, or this thread with --jobs 0 (no time limit: for debugging). */
async function createRunner(args: ConvertArgs, size: number): Promise<Runner> {
  if (args.jobs === 0 || size === 0) {
    const convert = await loadConvert();
    // One at a time, in order, so the in-thread run behaves like a pool of one.
    let chain: Promise<unknown> = Promise.resolve();
    return {
      run: (job, onPage) => {
        const next = chain.then(() => runJob(job, convert, onPage));
        chain = next.catch(() => undefined);
        return next;
      },
      close: async () => undefined,
    };
  }
  const pool = new WorkerPool({ size, timeoutMs: args.timeoutSec * 1000, memoryMb: WORKER_MEMORY_MB });
  return { run: (job, onPage) => pool.run(job, onPage), close: () => pool.close() };
}

async function firstWithAnswers(targets: readonly string[]): Promise<string | null> {
  for (const t of targets) if (await hasTypedAnswers(t)) return t;
  return null;
}

/** Converting again would write over a workbook people have been filling in: that is `--into`'s job. */
function hasAnswersFailure(target: string): JobFailure {
  return {
    code: 'output.has_answers',
    vi: `${target} đã có trạng thái hoặc ghi chú do người dùng nhập; không ghi đè. Để cập nhật mà giữ số liệu, dùng --into ${target}; hoặc chọn thư mục --out khác`,
    en: `${target} already holds statuses or notes people typed; not overwritten. To update it and keep them, use --into ${target}; or choose another --out folder`,
  };
}

/**
 * `--per-agency`: one workbook per lead agency, in `<name>.theo-co-quan/`,
 * each holding that agency's tasks and naming it, to send out; the plan's own
 * workbook is written as usual.
 */
async function perAgencyOutputs(doc: ConvertedDocument, stem: string, args: ConvertArgs, io: Io): Promise<Array<readonly [string, Uint8Array]>> {
  const { perAgencyDocs, PER_AGENCY_SUFFIX } = await import('../write/per-agency.js');
  const write = await loadWorkbookWriter();
  const { copies, unsent } = perAgencyDocs(doc);
  const out: Array<readonly [string, Uint8Array]> = [];
  for (const c of copies) {
    out.push([path.join(`${stem}${PER_AGENCY_SUFFIX}`, `${c.slug}.xlsx`), await write([c.doc], { asOf: args.asOf ?? todayIso(), reporter: c.agency, ...routine(args) })]);
  }
  io.stderr.write(
    `  ${copies.length} sổ theo cơ quan chủ trì trong ${stem}${PER_AGENCY_SUFFIX}` +
      (unsent > 0 ? `; ${unsent} nhiệm vụ không có cơ quan chủ trì cụ thể nên không gửi riêng` : '') +
      ` / ${copies.length} per-agency workbooks` +
      (unsent > 0 ? `; ${unsent} tasks with no single lead agency are in no agency's workbook` : '') +
      '\n',
  );
  return out;
}

/**
 * The `<name>.error.json` of these stems that may be in the output folder
 * already: one listing per folder rather than a removal tried for every file
 * (a failed removal of a missing file builds an error, its stack and all).
 * Names are matched without case and Unicode form, as Windows and macOS file
 * systems match them (an earlier run's Plan.error.json is plan's there; a
 * Vietnamese name may be stored decomposed): a match means "remove this
 * stem's report", which on a file system that tells the names apart removes
 * nothing, as before.
 */
async function existingErrorReports(out: string, stems: readonly string[]): Promise<Set<string>> {
  const reports = stems.map((stem) => errorReport(path.join(out, stem)));
  const listed = new Map<string, Promise<Set<string>>>();
  const found = new Set<string>();
  await Promise.all(
    reports.map(async (report) => {
      const dir = path.dirname(report);
      let names = listed.get(dir);
      if (!names) listed.set(dir, (names = readdir(dir).then((n) => new Set(n.map(fileKey)), () => new Set<string>())));
      if ((await names).has(fileKey(path.basename(report)))) found.add(report);
    }),
  );
  return found;
}

/** A file name as Windows and macOS file systems compare them. */
function fileKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * `<name>.error.json` beside the outputs: the failure with its code, for
 * tools that read the output folder rather than the console.
 */
async function writeErrorJson(stem: string, input: string, f: JobFailure): Promise<void> {
  const body = {
    source: { file: path.basename(input), format: path.extname(input).slice(1).toLowerCase() || null },
    error: { code: f.code, message: `${f.vi} / ${f.en}`, vi: f.vi, en: f.en, ...(f.detail ? { detail: f.detail } : {}) },
  };
  await writeFileAtomic(errorReport(stem), `${JSON.stringify(body, null, 2)}\n`);
}

/** `--combined`: one workbook over every document converted, with a `Văn bản` column naming each task's source. */
async function writeCombined(
  target: string,
  docs: ConvertedDocument[],
  args: ConvertArgs,
  io: Io,
  summary: ReturnType<typeof emptySummary>,
): Promise<void> {
  if (docs.length === 0) {
    io.stderr.write(`✗ ${target}: không có văn bản nào để gộp / nothing to combine\n`);
    return;
  }
  if (await hasTypedAnswers(target)) {
    summary.failed++;
    io.stderr.write(`${formatFailure(target, hasAnswersFailure(target))}\n`);
    return;
  }
  try {
    const bytes = await (await loadWorkbookWriter())(docs, { asOf: args.asOf ?? todayIso(), combined: true, ...routine(args) });
    await writeFileAtomic(target, bytes);
  } catch (e) {
    summary.failed++;
    const f = failureOf(e, WRITE_FAILED);
    io.stderr.write(`${formatFailure(target, f)}\n${debugEnabled(io) && f.stack ? `${f.stack}\n` : ''}`);
    return;
  }
  const tasks = docs.reduce((n, d) => n + d.tasks.length, 0);
  io.stderr.write(
    `✓ ${target}: sổ theo dõi chung, ${docs.length} văn bản, ${tasks} nhiệm vụ (combined workbook, ${docs.length} documents, ${tasks} tasks)\n`,
  );
}

function problemFailure(p: InputProblem): JobFailure {
  switch (p.reason) {
    case 'missing':
      return { code: 'input.missing', vi: 'không tìm thấy tệp hoặc thư mục', en: 'no such file or folder' };
    case 'empty-folder':
      return {
        code: 'input.empty_folder',
        vi: `thư mục không có tệp nào được hỗ trợ (${SUPPORTED_EXTENSIONS.join(' ')})`,
        en: `the folder holds no supported file (${SUPPORTED_EXTENSIONS.join(' ')})`,
      };
    case 'not-a-file':
      return { code: 'input.not_a_file', vi: 'không phải tệp thường', en: 'not a regular file' };
  }
}

/**
 * No output may be an input (`convert danh-sach.xlsx --out .` would write
 * danh-sach.xlsx over itself), nor the combined workbook one of a plan's own
 * outputs: the command is refused before anything is converted or written.
 */
async function refuseDestructiveOutputs(args: ConvertArgs, inputs: readonly string[], stems: readonly string[]): Promise<void> {
  const perPlan = stems.flatMap((stem) => [...args.formats.map((ext) => `${stem}.${ext}`), errorReport(stem)].map((t) => path.join(args.out, t)));
  const given = args.inputs;
  const overInput = await collisions([...perPlan, ...(args.combined === undefined ? [] : [args.combined])], [...inputs, ...given]);
  if (overInput.length > 0) {
    throw new UsageError(
      `${describe(overInput)} sẽ ghi đè lên tệp đầu vào ${overInput[0]!.input}; hãy chọn thư mục --out khác`,
      `${describe(overInput)} would overwrite the input ${overInput[0]!.input}; choose another --out folder`,
    );
  }
  if (args.combined !== undefined) {
    const clash = await clashingOutputs([perPlan, [args.combined]]);
    if (clash.length > 0) {
      throw new UsageError(
        `--combined ${args.combined} trùng tên với sổ theo dõi của một văn bản (${clash[0]!.input}); hãy đặt tên khác`,
        `--combined ${args.combined} is the name of one plan's own workbook (${clash[0]!.input}); choose another name`,
      );
    }
  }
}

function describe(found: readonly Collision[]): string {
  return found.length === 1 ? found[0]!.output : `${found[0]!.output} (+${found.length - 1})`;
}

/**
 * Whether the output folder is there already. An --out that names an existing file is a mistake in the
 * command, not in one input: refused.
 */
async function checkOutDir(out: string): Promise<boolean> {
  const info = await stat(out).catch(() => null);
  if (info !== null && !info.isDirectory()) {
    throw new UsageError(`--out phải là thư mục: ${out} là một tệp`, `--out must be a folder: ${out} is a file`);
  }
  return info !== null;
}

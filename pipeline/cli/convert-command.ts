import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { convertDocument } from '../convert.js';
import type { ConvertedDocument } from '../model/document.js';
import { todayIso } from '../rollup/status.js';
import { PlanError } from '../model/errors.js';
import { toCsv } from '../write/csv.js';
import { toJson } from '../write/json.js';
import { expandInputs, isSupported, SUPPORTED_EXTENSIONS, type InputProblem } from '../node/files.js';
import { outputStems } from '../node/naming.js';
import { writeFileAtomic } from '../node/atomic.js';
import { parseConvertArgs, type ConvertArgs } from './args.js';
import { describeFailure, formatFailure, RENDER_FAILED, WRITE_FAILED, type Failure } from './failure.js';
import { debugEnabled, type Io } from './io.js';
import { loadConvert } from './core.js';
import { createProgress } from './progress.js';
import { addDocument, emptySummary, formatSummary } from './summary.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage.js';

/**
 * `convert`: every input to <out>/<name>.json, .csv and/or .xlsx, one at a time (the
 * machine may have two cores and the core is CPU-bound; one at a time also
 * keeps the order of lines and outputs fixed). A failed input gets one line
 * and the batch goes on; the exit code says whether any failed.
 */
export async function runConvert(argv: readonly string[], io: Io): Promise<number> {
  const args = parseConvertArgs(argv);
  await checkOutDir(args.out);

  const convert = await loadConvert();
  const expanded = await expandInputs(args.inputs, { exclude: [args.out] });
  const { problems } = expanded;
  // The combined workbook is an .xlsx, which inputs may be: never read back the one we are about to write.
  const combinedTarget = args.combined === undefined ? null : path.resolve(args.combined);
  const files = expanded.files.filter((f) => path.resolve(f.path) !== combinedTarget);
  const converted: ConvertedDocument[] = [];
  const summary = emptySummary(args.out);
  const progress = createProgress(io.stderr, files.length + problems.length);
  const debug = debugEnabled(io);

  const fail = (file: string, f: Failure): void => {
    summary.failed++;
    progress.fail(formatFailure(file, f), debug ? f.stack : undefined);
  };

  for (const p of problems) fail(p.path, problemFailure(p));

  const stems = outputStems(files);
  for (const [i, input] of files.entries()) {
    progress.start(input.path);
    let doc: ConvertedDocument;
    let outputs: Array<[string, string | Uint8Array]>;
    try {
      doc = await convertOne(convert, input.path, args);
    } catch (e) {
      fail(input.path, describeFailure(e));
      continue;
    }
    try {
      // Render everything before writing anything, so a file never gets a JSON without its CSV.
      outputs = (await render(doc, args)).map(([ext, data]) => [path.join(args.out, `${stems[i]}.${ext}`), data]);
    } catch (e) {
      fail(input.path, describeFailure(e, RENDER_FAILED));
      continue;
    }
    try {
      for (const [target, text] of outputs) await writeFileAtomic(target, text);
    } catch (e) {
      fail(input.path, describeFailure(e, WRITE_FAILED));
      continue;
    }
    addDocument(summary, doc);
    converted.push(doc);
    progress.ok(input.path, doc.tasks.length, doc.findings.length);
  }
  progress.end();
  if (args.combined !== undefined) await writeCombined(args.combined, converted, args, io, summary);
  io.stdout.write(formatSummary(summary));
  return summary.failed === 0 ? EXIT_OK : EXIT_FAILED;
}

async function convertOne(
  convert: typeof convertDocument,
  file: string,
  args: ConvertArgs,
): Promise<ConvertedDocument> {
  if (!isSupported(file)) {
    const ext = path.extname(file) || '(không có / none)';
    const list = SUPPORTED_EXTENSIONS.join(' ');
    throw new PlanError(
      'file.unsupported',
      `định dạng không được hỗ trợ: ${ext} (dùng ${list})`,
      `unsupported format: ${ext} (use ${list})`,
    );
  }
  const bytes = new Uint8Array(await readFile(file));
  // The core gets the bare file name: it names the format and goes into the JSON, where a local path has no place.
  return convert(path.basename(file), bytes, args.asOf === undefined ? {} : { asOf: args.asOf });
}

async function render(doc: ConvertedDocument, args: ConvertArgs): Promise<Array<[string, string | Uint8Array]>> {
  const out: Array<[string, string | Uint8Array]> = [];
  for (const format of args.formats) {
    switch (format) {
      case 'json':
        out.push(['json', toJson(doc)]);
        break;
      case 'csv':
        out.push(['csv', toCsv([doc], args.asOf === undefined ? {} : { asOf: args.asOf })]);
        break;
      case 'xlsx':
        out.push(['xlsx', await (await loadWorkbookWriter())([doc], { asOf: workbookDate(args) })]);
        break;
    }
  }
  return out;
}

/**
 * The workbook needs a report date even without --as-of: it is a live cell
 * (Tổng hợp!B2) the user can change, so today is a starting value, not a
 * snapshot baked into the file as it would be in the CSV.
 */
function workbookDate(args: ConvertArgs): string {
  return args.asOf ?? todayIso();
}

/** exceljs is large: loaded only when a workbook is asked for, so json/csv runs and --help stay quick. */
async function loadWorkbookWriter(): Promise<typeof import('../write/workbook.js').writeWorkbook> {
  return (await import('../write/workbook.js')).writeWorkbook;
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
  try {
    const bytes = await (await loadWorkbookWriter())(docs, { asOf: workbookDate(args), combined: true });
    await writeFileAtomic(target, bytes);
  } catch (e) {
    summary.failed++;
    const f = describeFailure(e, WRITE_FAILED);
    io.stderr.write(`${formatFailure(target, f)}\n${debugEnabled(io) && f.stack ? `${f.stack}\n` : ''}`);
    return;
  }
  const tasks = docs.reduce((n, d) => n + d.tasks.length, 0);
  io.stderr.write(
    `✓ ${target}: sổ theo dõi chung, ${docs.length} văn bản, ${tasks} nhiệm vụ (combined workbook, ${docs.length} documents, ${tasks} tasks)\n`,
  );
}

function problemFailure(p: InputProblem): Failure {
  switch (p.reason) {
    case 'missing':
      return { vi: 'không tìm thấy tệp hoặc thư mục', en: 'no such file or folder' };
    case 'empty-folder':
      return {
        vi: `thư mục không có tệp nào được hỗ trợ (${SUPPORTED_EXTENSIONS.join(' ')})`,
        en: `the folder holds no supported file (${SUPPORTED_EXTENSIONS.join(' ')})`,
      };
    case 'not-a-file':
      return { vi: 'không phải tệp thường', en: 'not a regular file' };
  }
}

/** An --out that names an existing file is a mistake in the command, not in one input. */
async function checkOutDir(out: string): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (info !== null && !info.isDirectory()) {
    throw new UsageError(`--out phải là thư mục: ${out} là một tệp`, `--out must be a folder: ${out} is a file`);
  }
}

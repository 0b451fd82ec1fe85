import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConvertOptions } from '../convert.js';
import type { ConvertedDocument } from '../model/document.js';
import { isPlanError, PlanError } from '../model/errors.js';
import { isSupported, SUPPORTED_EXTENSIONS } from './files.js';
import { installFault, REINSTALL } from './install-fault.js';
import type { PageOcr } from '../read/ocr-port.js';
import { useZlib } from './zlib-inflate.js';

/**
 * One input of a batch, from path to rendered outputs. The same function runs
 * in a worker thread (the normal case: parallel, with a time limit) and in
 * the CLI's own thread (--jobs 0), so both give identical results.
 */
export type OutputFormat = 'json' | 'csv' | 'xlsx';

export interface Job {
  /** Path of the input file. */
  path: string;
  formats: OutputFormat[];
  /** Report date for findings and the CSV's Tình trạng (CSV stays empty without it). */
  asOf?: string;
  /** Report date written into the workbook (today when --as-of is absent). */
  workbookDate: string;
  /** The workbook's switch on `Tổng hợp`: routine tasks out of the rates (absent: on). */
  excludeRoutine?: boolean;
  /** Files larger than this are refused before they are read. */
  maxBytes: number;
  /** OCR of scanned PDF pages: auto (pages without usable text), off, force (every page). Absent: auto. */
  ocr?: OcrMode;
  /** Pages of one file read by OCR at once (cores left to this file within --jobs). */
  ocrParallel?: number;
  /** The file's time limit (ms): no OCR process is let run past it. */
  timeoutMs?: number;
  /**
   * The batch needs the whole document back (--combined, --per-agency); otherwise a worker sends only its
   * digest with the outputs, since copying a document across threads costs about as much as writing its CSV.
   */
  wholeDoc?: boolean;
}

export type OcrMode = 'auto' | 'off' | 'force';

/** Pages done by OCR, for progress on a terminal. */
export type OnPage = (done: number, total: number) => void;

/** Why an input failed, as plain data (it crosses the worker boundary). */
export interface JobFailure {
  /** Stable code: a PlanError code, or one of the batch's own (input.*, output.*, internal.error, file.timeout). */
  code: string;
  vi: string;
  en: string;
  /** Technical detail of an unforeseen fault (first line of its message). */
  detail?: string;
  stack?: string;
}

/** What a batch reports of a converted document: its counts, and the pages it could not read. */
export interface DocDigest {
  tasks: number;
  /** The rule of each finding, in order. */
  findingRules: string[];
  unread?: ConvertedDocument['source']['unread'];
}

export type JobFailed = { ok: false; failure: JobFailure };
export type JobDone = { ok: true; doc: ConvertedDocument; digest: DocDigest; outputs: Array<[ext: OutputFormat, data: string | Uint8Array]> };
export type JobResult = JobDone | JobFailed;
/** A result as a worker posts it: the document only when the job asked for it (Job.wholeDoc). */
export type PostedJobResult = (Omit<JobDone, 'doc'> & { doc?: ConvertedDocument }) | JobFailed;

function digestOf(doc: ConvertedDocument): DocDigest {
  const unread = doc.source.unread;
  return { tasks: doc.tasks.length, findingRules: doc.findings.map((f) => f.rule), ...(unread ? { unread } : {}) };
}

/** The result to post back from a worker: without the document unless the job asked for it. */
export function toPost(job: Job, result: JobResult): PostedJobResult {
  if (!result.ok || job.wholeDoc) return result;
  const { doc: _doc, ...rest } = result;
  return rest;
}

type Convert = (file: string, bytes: Uint8Array, options: ConvertOptions) => Promise<ConvertedDocument>;

export async function runJob(job: Job, convert: Convert, onPage?: OnPage): Promise<JobResult> {
  let doc: ConvertedDocument;
  try {
    const [bytes] = await Promise.all([readInput(job), useZlib()]);
    const options: ConvertOptions = job.asOf === undefined ? {} : { asOf: job.asOf };
    const ocr = await ocrOf(job, onPage);
    if (ocr) options.ocr = ocr;
    // The core gets the bare file name: it names the format and goes into the JSON, where a local path has no place.
    doc = await convert(path.basename(job.path), bytes, options);
  } catch (e) {
    return { ok: false, failure: failureOf(e, INTERNAL) };
  }
  try {
    // Render everything before anything is written, so a file never gets a JSON without its CSV.
    return { ok: true, doc, digest: digestOf(doc), outputs: await render(doc, job) };
  } catch (e) {
    return { ok: false, failure: failureOf(e, RENDER_FAILED) };
  }
}

/** Tesseract for the scanned pages of a PDF, unless --ocr off (its code loaded with the first PDF). */
async function ocrOf(job: Job, onPage?: OnPage): Promise<PageOcr | undefined> {
  const mode = job.ocr ?? 'auto';
  if (mode === 'off' || !/\.pdf$/i.test(job.path)) return undefined;
  const { createPageOcr } = await import('./ocr/index.js');
  return createPageOcr({
    mode,
    parallel: job.ocrParallel ?? 1,
    // The file's time counts from here (the pool started its timer when it handed the job over).
    ...(job.timeoutMs === undefined ? {} : { deadline: Date.now() + job.timeoutMs }),
    ...(onPage ? { onPage } : {}),
  });
}

async function readInput(job: Job): Promise<Uint8Array> {
  const file = path.basename(job.path);
  if (!isSupported(job.path)) {
    const ext = path.extname(job.path) || '(không có / none)';
    const list = SUPPORTED_EXTENSIONS.join(' ');
    throw new PlanError('file.unsupported', `định dạng không được hỗ trợ: ${ext} (dùng ${list})`, `unsupported format: ${ext} (use ${list})`);
  }
  // Synchronous: this runs in a worker thread of its own (or a --jobs 0 batch, one file after another), and
  // two trips through the I/O thread pool per small file left the worker idle for a fifth of a batch.
  const info = statSync(job.path);
  if (info.size > job.maxBytes) throw tooLarge(job.path, info.size, job.maxBytes);
  return new Uint8Array(readFileSync(job.path));
}

/** A file over --max-size, refused before it is read. */
export function tooLarge(file: string, size: number, max: number): PlanError {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0);
  const name = path.basename(file);
  return new PlanError(
    'file.too_large',
    `Tệp ${name} quá lớn (${mb(size)} MB, giới hạn ${mb(max)} MB; đổi bằng --max-size)`,
    `${name} is too large (${mb(size)} MB, limit ${mb(max)} MB; change with --max-size)`,
  );
}

async function render(doc: ConvertedDocument, job: Job): Promise<Array<[OutputFormat, string | Uint8Array]>> {
  const out: Array<[OutputFormat, string | Uint8Array]> = [];
  // Each writer is loaded when its format is asked for: the JSON one brings zod, the workbook one its styles.
  for (const format of job.formats) {
    if (format === 'json') out.push(['json', (await import('../write/json.js')).toJson(doc)]);
    else if (format === 'csv') out.push(['csv', (await import('../write/csv.js')).toCsv([doc], job.asOf === undefined ? {} : { asOf: job.asOf })]);
    else out.push(['xlsx', await (await loadWorkbookWriter())([doc], { asOf: job.workbookDate, ...routineOf(job) })]);
  }
  return out;
}

function routineOf(job: Pick<Job, 'excludeRoutine'>): { excludeRoutine?: boolean } {
  return job.excludeRoutine === undefined ? {} : { excludeRoutine: job.excludeRoutine };
}

/** The workbook writer, loaded only when a workbook is asked for, so json/csv runs and --help stay quick. */
export async function loadWorkbookWriter(): Promise<typeof import('../write/workbook.js').writeWorkbook> {
  return (await import('../write/workbook.js')).writeWorkbook;
}

export const INTERNAL = { code: 'internal.error', vi: 'không đọc được tệp', en: 'could not read the file' };
/** The code a file needs could not be loaded (install-fault.ts): not the input's fault. */
export const LOAD_FAILED = {
  code: 'internal.load_failed',
  vi: `phuluc không nạp được phần mã cần cho tệp này (${REINSTALL.vi})`,
  en: `phuluc could not load the code this file needs (${REINSTALL.en})`,
};
/** The core returned a document the writers refuse (a contract break): our fault, not the file's. */
export const RENDER_FAILED = { code: 'output.render_failed', vi: 'không tạo được kết quả', en: 'could not produce the output' };
export const WRITE_FAILED = { code: 'output.write_failed', vi: 'không ghi được tệp kết quả', en: 'could not write the output' };

/**
 * A PlanError already speaks to the user. Anything else is a fault we did not
 * foresee: a generic reason plus the error's first line, never a stack trace
 * (kept aside for PHULUC_DEBUG=1). Code of the install that could not be
 * loaded, wherever a job was when it needed it, is the install's fault, not
 * the file's (install-fault.ts).
 */
export function failureOf(e: unknown, fallback: { code: string; vi: string; en: string } = INTERNAL): JobFailure {
  const stack = e instanceof Error ? e.stack : undefined;
  if (isPlanError(e)) return { code: e.code, vi: e.vi, en: e.en, ...(stack ? { stack } : {}) };
  const message = e instanceof Error ? e.message : String(e);
  const detail = oneLine(message);
  return { ...(installFault(e) ? LOAD_FAILED : fallback), ...(detail ? { detail } : {}), ...(stack ? { stack } : {}) };
}

function oneLine(s: string, max = 300): string {
  const first = (s.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

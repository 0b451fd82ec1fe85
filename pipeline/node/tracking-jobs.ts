import { readFile, stat } from 'node:fs/promises';
import type { TrackedWorkbook } from '../tracking/read-tracked.js';
import type { IntoResult } from '../cli/into.js';
import { loadConvert } from '../cli/core.js';
import { loadOwn } from './install-fault.js';
import { failureOf, runJob, tooLarge, type Job, type JobFailure } from './job.js';
import { useZlib } from './zlib-inflate.js';

/**
 * The tracking cycle's file work as jobs for the worker pool, so a returned
 * workbook (rollup) and an update (`convert --into`) run under the same size,
 * time and memory limits as a conversion: a workbook that would take minutes
 * or gigabytes fails alone with a line, instead of taking the command down.
 * Plain data in and out (it crosses the worker boundary).
 */
export interface ReadTrackedJob {
  kind: 'read-tracked';
  path: string;
  maxBytes: number;
}

export interface IntoJob {
  kind: 'into';
  /** The amended plan, converted in the same worker. */
  plan: Job;
  into: string;
  asOf?: string;
  force: boolean;
  /** `--exclude-routine` / `--no-exclude-routine`; absent: as the workbook had it. */
  excludeRoutine?: boolean;
}

export type ReadTrackedResult = { ok: true; tracked: TrackedWorkbook } | { ok: false; failure: JobFailure };
/** A failure while converting the plan names the plan; one while updating names the workbook (stage absent: a limit hit). */
export type IntoJobResult = { ok: true; into: IntoResult } | { ok: false; failure: JobFailure; stage?: 'plan' | 'into' };

/** The returned-workbook reader, its zip parts inflated by zlib; a rollup's worker loads it at start (exceljs loads with the first workbook read). */
export async function loadReadTracked(): Promise<typeof import('../tracking/read-tracked.js').readTracked> {
  const [{ readTracked }] = await Promise.all([loadOwn('bộ đọc sổ theo dõi', 'the workbook reader', () => import('../tracking/read-tracked.js')), useZlib()]);
  return readTracked;
}

export async function runReadTracked(job: ReadTrackedJob): Promise<ReadTrackedResult> {
  try {
    const info = await stat(job.path);
    if (info.size > job.maxBytes) throw tooLarge(job.path, info.size, job.maxBytes);
    const readTracked = await loadReadTracked();
    return { ok: true, tracked: await readTracked(job.path, new Uint8Array(await readFile(job.path))) };
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  }
}

export async function runIntoJob(job: IntoJob): Promise<IntoJobResult> {
  let convert: Awaited<ReturnType<typeof loadConvert>>;
  try {
    convert = await loadConvert();
  } catch (e) {
    // No fault of the plan's (failureOf says the install's), but the plan is what could not be converted.
    return { ok: false, failure: failureOf(e), stage: 'plan' };
  }
  const converted = await runJob(job.plan, convert);
  if (!converted.ok) return { ok: false, failure: converted.failure, stage: 'plan' };
  try {
    const info = await stat(job.into).catch(() => null);
    if (info && info.size > job.plan.maxBytes) throw tooLarge(job.into, info.size, job.plan.maxBytes);
    // The update's code (and exceljs with it) loads only once the plan has converted.
    const { runInto } = await loadOwn('mã cập nhật sổ theo dõi', 'the update code', () => import('../cli/into.js'));
    const args = { ...(job.asOf === undefined ? {} : { asOf: job.asOf }), ...(job.excludeRoutine === undefined ? {} : { excludeRoutine: job.excludeRoutine }), force: job.force };
    return { ok: true, into: await runInto(job.into, converted.doc, args) };
  } catch (e) {
    return { ok: false, failure: failureOf(e), stage: 'into' };
  }
}

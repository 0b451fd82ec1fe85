/**
 * A worker thread of the batch: runs jobs one at a time, in the order sent, with the real core
 * (conversions, and the tracking cycle's reads and updates).
 * The pool terminates the thread when a job runs past its time limit.
 *
 * What a job needs is loaded when the first such job comes, except what the pool said the worker is for
 * (workerData.preload), which it starts loading at once, while the main thread parses the command and
 * finds the inputs: a converting worker does not start with the workbook reader (exceljs: an .xlsx input
 * or an --into update loads it), a rollup's never loads the conversion core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { convertDocument } from '../convert.js';
import { loadConvert } from '../cli/core.js';
import { useCompileCache } from './compile-cache.js';
import { loadOwn } from './install-fault.js';
import { failureOf, runJob, toPost } from './job.js';
import type { WorkerJob, WorkerPreload } from './worker-pool.js';

// Each thread has its own compile cache, if any: on before the core, pdf.js and exceljs load.
useCompileCache();

let core: Promise<typeof convertDocument> | null = null;
const conversionCore = (): Promise<typeof convertDocument> => (core ??= loadConvert());
let tracking: Promise<typeof import('./tracking-jobs.js')> | null = null;
const trackingJobs = (): Promise<typeof import('./tracking-jobs.js')> =>
  (tracking ??= loadOwn('mã đọc và cập nhật sổ theo dõi', 'the tracking code', () => import('./tracking-jobs.js')));

const preload = (workerData as { preload?: WorkerPreload } | null)?.preload ?? 'convert';
// A failure to load is each job's to report, as a failure of that file (each job awaits the same load);
// here it must only not go unhandled, which would stop the thread.
if (preload === 'convert') conversionCore().catch(() => undefined);
else trackingJobs().then((t) => t.loadReadTracked()).catch(() => undefined);

type Message = { id: number; job: WorkerJob };

// The pool may send the next conversion before this one ends (worker-pool.ts IN_FLIGHT): jobs run one after
// another, in the order sent. A job that throws (runJob itself never does) crashes the worker, as before, and
// nothing after it starts here: the pool reports it and gives the jobs behind it to a fresh worker.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: Message) => {
  const run = queue.then(() => handle(msg));
  queue = run.catch(() => new Promise<void>(() => undefined));
  run.catch((e: unknown) => {
    setImmediate(() => {
      throw e;
    });
  });
});

/** What a job needs, or null once a failure to load it is posted as the job's result. */
async function loaded<T>(id: number, load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (e) {
    parentPort!.postMessage({ id, result: { ok: false, failure: failureOf(e) } });
    return null;
  }
}

async function handle(msg: Message): Promise<void> {
  const job = msg.job;
  if ('kind' in job) {
    const t = await loaded(msg.id, trackingJobs);
    if (!t) return;
    parentPort!.postMessage({ id: msg.id, result: job.kind === 'read-tracked' ? await t.runReadTracked(job) : await t.runIntoJob(job) });
    return;
  }
  const convert = await loaded(msg.id, conversionCore);
  if (!convert) return;
  const result = toPost(job, await runJob(job, convert, (done, total) => parentPort!.postMessage({ id: msg.id, page: { done, total } })));
  // Hand large outputs over without copying them.
  const transfer = result.ok
    ? result.outputs.flatMap(([, data]) => (typeof data === 'string' ? [] : [data.buffer as ArrayBuffer]))
    : [];
  parentPort!.postMessage({ id: msg.id, result }, transfer);
}

/**
 * A worker thread of the batch: runs jobs one at a time with the real core
 * (conversions, and the tracking cycle's reads and updates).
 * The pool terminates the thread when a job runs past its time limit.
 */
import { parentPort } from 'node:worker_threads';
import { convertDocument } from '../convert.js';
import { runJob } from './job.js';
import { runIntoJob, runReadTracked } from './tracking-jobs.js';
import type { WorkerJob } from './worker-pool.js';

parentPort!.on('message', async (msg: { id: number; job: WorkerJob }) => {
  const job = msg.job;
  if ('kind' in job) {
    parentPort!.postMessage({ id: msg.id, result: job.kind === 'read-tracked' ? await runReadTracked(job) : await runIntoJob(job) });
    return;
  }
  const result = await runJob(job, convertDocument, (done, total) => parentPort!.postMessage({ id: msg.id, page: { done, total } }));
  // Hand large outputs over without copying them.
  const transfer = result.ok
    ? result.outputs.flatMap(([, data]) => (typeof data === 'string' ? [] : [data.buffer as ArrayBuffer]))
    : [];
  parentPort!.postMessage({ id: msg.id, result }, transfer);
});

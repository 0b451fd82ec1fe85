/**
 * A worker thread of the batch: runs jobs one at a time, in the order sent, with the real core
 * (conversions, and the tracking cycle's reads and updates).
 * The pool terminates the thread when a job runs past its time limit.
 */
import { parentPort } from 'node:worker_threads';
import { convertDocument } from '../convert.js';
import { runJob, toPost } from './job.js';
import { runIntoJob, runReadTracked } from './tracking-jobs.js';
import type { WorkerJob } from './worker-pool.js';

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

async function handle(msg: Message): Promise<void> {
  const job = msg.job;
  if ('kind' in job) {
    parentPort!.postMessage({ id: msg.id, result: job.kind === 'read-tracked' ? await runReadTracked(job) : await runIntoJob(job) });
    return;
  }
  const result = toPost(job, await runJob(job, convertDocument, (done, total) => parentPort!.postMessage({ id: msg.id, page: { done, total } })));
  // Hand large outputs over without copying them.
  const transfer = result.ok
    ? result.outputs.flatMap(([, data]) => (typeof data === 'string' ? [] : [data.buffer as ArrayBuffer]))
    : [];
  parentPort!.postMessage({ id: msg.id, result }, transfer);
}

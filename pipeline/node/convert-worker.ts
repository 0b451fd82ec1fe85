/**
 * A worker thread of the batch: runs jobs one at a time with the real core.
 * The pool terminates the thread when a job runs past its time limit.
 */
import { parentPort } from 'node:worker_threads';
import { convertDocument } from '../convert.js';
import { runJob, type Job } from './job.js';

parentPort!.on('message', async (msg: { id: number; job: Job }) => {
  const result = await runJob(msg.job, convertDocument);
  // Hand large outputs over without copying them.
  const transfer = result.ok
    ? result.outputs.flatMap(([, data]) => (typeof data === 'string' ? [] : [data.buffer as ArrayBuffer]))
    : [];
  parentPort!.postMessage({ id: msg.id, result }, transfer);
});

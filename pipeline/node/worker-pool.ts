import { Worker } from 'node:worker_threads';
import type { Job, OnPage, PostedJobResult } from './job.js';
import type { IntoJob, IntoJobResult, ReadTrackedJob, ReadTrackedResult } from './tracking-jobs.js';

/** What a worker runs: a conversion, a returned workbook to read (rollup), an update (--into). */
export type WorkerJob = Job | ReadTrackedJob | IntoJob;
/** What a worker loads as soon as it starts: the conversion core, or the returned-workbook reader (rollup). */
export type WorkerPreload = 'convert' | 'read-tracked';
type WorkerResult = PostedJobResult | ReadTrackedResult | IntoJobResult;

/**
 * The worker's entry. Compiled (dist/, the installed package) this code is in
 * a .js file and the worker is dist/convert-worker.js beside it, plain
 * JavaScript; from the sources (tsx, vitest) it is worker-pool.ts and the
 * worker starts through convert-worker.mjs, which registers tsx first.
 */
export const WORKER_ENTRY = new URL(import.meta.url.endsWith('.js') ? './convert-worker.js' : './convert-worker.mjs', import.meta.url);

/** Heap of one worker thread (MB): a file needing more fails alone. */
export const WORKER_MEMORY_MB = 1536;

/**
 * Young generation of a worker (MB): V8 makes it three semi-spaces of a power of two, so Node's 48 for a
 * worker is 16 MB ones, this 32 MB ones (48 MB more per worker, beside its WORKER_MEMORY_MB). pdf.js
 * makes many short-lived objects per page: more room lets more of them die before a collection copies
 * them (a PDF batch 1–6 % quicker on the project's machine, in alternating runs); 64 MB ones were slower.
 */
const WORKER_YOUNG_MB = 96;

function spawnWorker(memoryMb: number, preload: WorkerPreload): Worker {
  return new Worker(WORKER_ENTRY, { workerData: { preload }, resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
}

/** Workers started before any pool exists (startWorkersEarly), waiting for the first pools to take them. */
const early: Array<{ worker: Worker; preload: WorkerPreload }> = [];

/**
 * Start `count` workers now, before the command has parsed its arguments or
 * loaded its own modules: they load what the command needs (`preload`) on
 * the other cores meanwhile, and the first pools (of the default memory limit) take them instead of starting
 * their own. Until then they do not keep the process alive, so a command that
 * ends early (a usage error, no input) exits as usual. A worker that dies
 * while waiting is dropped; a pool then starts its own and reports any failure.
 */
export function startWorkersEarly(count: number, preload: WorkerPreload): void {
  while (early.length < count) {
    const worker = spawnWorker(WORKER_MEMORY_MB, preload);
    worker.unref();
    const entry = { worker, preload };
    const drop = (): void => {
      const i = early.indexOf(entry);
      if (i >= 0) early.splice(i, 1);
    };
    worker.once('error', drop);
    worker.once('exit', drop);
    early.push(entry);
  }
}

/** The uses of the early workers still waiting for a pool, oldest first (for tests: which a pool took). */
export function earlyWaiting(): WorkerPreload[] {
  return early.map((e) => e.preload);
}

/** An early worker for a pool of these limits and this use, if one is waiting. */
function takeEarly(memoryMb: number, preload: WorkerPreload): Worker | undefined {
  if (memoryMb !== WORKER_MEMORY_MB) return undefined;
  const i = early.findIndex((e) => e.preload === preload);
  if (i < 0) return undefined;
  const { worker } = early.splice(i, 1)[0]!;
  worker.ref();
  return worker;
}

export interface PoolOptions {
  /** Worker threads; each converts one file at a time. */
  size: number;
  /** A file still converting after this many milliseconds is stopped and reported. */
  timeoutMs: number;
  /** Heap limit of each worker (MB): a file that needs more fails alone instead of taking the batch down. */
  memoryMb: number;
  /** What the workers load as they start (default: the conversion core). */
  preload?: WorkerPreload;
}

interface Pending {
  id: number;
  job: WorkerJob;
  resolve: (r: WorkerResult) => void;
  onPage?: OnPage;
}

interface Slot {
  worker: Worker;
  /** The job the worker is on (it runs its jobs one after another, in the order sent). */
  running: Pending | null;
  /** Jobs sent after it, waiting in the worker's own queue. */
  waiting: Pending[];
  timer: NodeJS.Timeout | null;
}

/**
 * Jobs handed to one worker at a time: the one it runs and the next, so it
 * starts that one as soon as it posts a result instead of waiting for this
 * thread to hear of it and answer (a batch of small files lost a sixth of its
 * time to that wait).
 */
const IN_FLIGHT = 2;

/**
 * Worker threads for a batch. Jobs are queued in order and handed to the
 * workers, IN_FLIGHT at a time each; a job that runs too long or crashes its
 * worker (out of memory, a native fault) gets a failure result and the worker
 * is replaced, the jobs that were waiting behind it going back to the front
 * of the queue, so one bad file never stops the batch.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly o: PoolOptions) {
    for (let i = 0; i < o.size; i++) {
      const slot = { running: null, waiting: [], timer: null } as unknown as Slot;
      this.start(slot);
      this.slots.push(slot);
    }
  }

  run(job: Job, onPage?: OnPage): Promise<PostedJobResult>;
  run(job: ReadTrackedJob): Promise<ReadTrackedResult>;
  run(job: IntoJob): Promise<IntoJobResult>;
  run(job: WorkerJob, onPage?: OnPage): Promise<WorkerResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, resolve, ...(onPage ? { onPage } : {}) });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Give the slot a fresh worker thread (one started early, when one is waiting). */
  private start(slot: Slot): void {
    const preload = this.o.preload ?? 'convert';
    const worker = takeEarly(this.o.memoryMb, preload) ?? spawnWorker(this.o.memoryMb, preload);
    worker.on('message', (msg: { id: number; result?: WorkerResult; page?: { done: number; total: number } }) => {
      if (slot.worker !== worker || slot.running?.id !== msg.id) return;
      if (msg.page) slot.running.onPage?.(msg.page.done, msg.page.total);
      else if (msg.result) this.finish(slot, msg.result);
    });
    worker.on('error', (e) => {
      if (slot.worker === worker) this.fail(slot, e);
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker && !this.closed && slot.running) this.fail(slot, new Error(`worker exited with code ${code}`));
    });
    slot.worker = worker;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.running || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      slot.worker.postMessage({ id: p.id, job: p.job });
      this.begin(slot, p);
    }
    // A next job for a worker only while more jobs remain than workers (near the end of a batch a job must
    // not wait behind a long one, a big scan, while another worker has nothing to do), and only a conversion:
    // it writes nothing in the worker, so one sent again after a stopped worker cannot be done twice
    // (an update, --into, writes the workbook there).
    for (const slot of this.slots) {
      while (this.queue.length > this.slots.length && !('kind' in this.queue[0]!.job) && slot.running && slot.waiting.length < IN_FLIGHT - 1) {
        const p = this.queue.shift()!;
        slot.worker.postMessage({ id: p.id, job: p.job });
        slot.waiting.push(p);
      }
    }
  }

  /** The worker starts `p` now: its time limit counts from here. */
  private begin(slot: Slot, p: Pending): void {
    slot.running = p;
    slot.timer = setTimeout(() => this.timeout(slot), this.o.timeoutMs);
  }

  private finish(slot: Slot, result: WorkerResult): void {
    const p = slot.running!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.running = null;
    slot.timer = null;
    const next = slot.waiting.shift();
    if (next) this.begin(slot, next);
    p.resolve(result);
    this.pump();
  }

  private timeout(slot: Slot): void {
    const secs = Math.round(this.o.timeoutMs / 1000);
    this.replace(slot, {
      code: 'file.timeout',
      vi: `xử lý quá ${secs} giây nên đã dừng (đổi bằng --timeout)`,
      en: `stopped after running more than ${secs} seconds (change with --timeout)`,
    });
  }

  private fail(slot: Slot, e: Error): void {
    if (!slot.running) return;
    const memory = /memory|heap/i.test(e.message);
    this.replace(slot, {
      code: memory ? 'file.out_of_memory' : 'internal.worker_crashed',
      vi: memory ? `tệp cần quá nhiều bộ nhớ (hơn ${this.o.memoryMb} MB)` : 'không đọc được tệp (tiến trình xử lý bị dừng)',
      en: memory ? `the file needs too much memory (over ${this.o.memoryMb} MB)` : 'could not read the file (the worker stopped)',
      detail: e.message.split('\n')[0],
    });
  }

  private replace(slot: Slot, failure: { code: string; vi: string; en: string; detail?: string }): void {
    const p = slot.running;
    if (slot.timer) clearTimeout(slot.timer);
    slot.running = null;
    slot.timer = null;
    // The jobs waiting in the stopped worker were never started: they go first to the next free worker.
    this.queue.unshift(...slot.waiting);
    slot.waiting = [];
    const old = slot.worker;
    this.start(slot);
    void old.terminate();
    if (p) p.resolve({ ok: false, failure });
    this.pump();
  }
}

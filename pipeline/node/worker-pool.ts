import { Worker } from 'node:worker_threads';
import type { Job, JobResult, OnPage } from './job.js';
import type { IntoJob, IntoJobResult, ReadTrackedJob, ReadTrackedResult } from './tracking-jobs.js';

/** What a worker runs: a conversion, a returned workbook to read (rollup), an update (--into). */
export type WorkerJob = Job | ReadTrackedJob | IntoJob;
type WorkerResult = JobResult | ReadTrackedResult | IntoJobResult;

/** Heap of one worker thread (MB): a file needing more fails alone. */
export const WORKER_MEMORY_MB = 1536;

export interface PoolOptions {
  /** Worker threads; each converts one file at a time. */
  size: number;
  /** A file still converting after this many milliseconds is stopped and reported. */
  timeoutMs: number;
  /** Heap limit of each worker (MB): a file that needs more fails alone instead of taking the batch down. */
  memoryMb: number;
}

interface Pending {
  id: number;
  job: WorkerJob;
  resolve: (r: WorkerResult) => void;
  onPage?: OnPage;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Worker threads for a batch. Jobs are queued in order and handed to idle
 * workers; a job that runs too long or crashes its worker (out of memory, a
 * native fault) gets a failure result and the worker is replaced, so one bad
 * file never stops the batch.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly o: PoolOptions) {
    for (let i = 0; i < o.size; i++) {
      const slot = { busy: null, timer: null } as unknown as Slot;
      this.start(slot);
      this.slots.push(slot);
    }
  }

  run(job: Job, onPage?: OnPage): Promise<JobResult>;
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

  /** Give the slot a fresh worker thread. */
  private start(slot: Slot): void {
    const worker = new Worker(new URL('./convert-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.o.memoryMb },
    });
    worker.on('message', (msg: { id: number; result?: WorkerResult; page?: { done: number; total: number } }) => {
      if (slot.worker !== worker || slot.busy?.id !== msg.id) return;
      if (msg.page) slot.busy.onPage?.(msg.page.done, msg.page.total);
      else if (msg.result) this.finish(slot, msg.result);
    });
    worker.on('error', (e) => {
      if (slot.worker === worker) this.fail(slot, e);
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker && !this.closed && slot.busy) this.fail(slot, new Error(`worker exited with code ${code}`));
    });
    slot.worker = worker;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      slot.busy = p;
      slot.timer = setTimeout(() => this.timeout(slot), this.o.timeoutMs);
      slot.worker.postMessage({ id: p.id, job: p.job });
    }
  }

  private finish(slot: Slot, result: WorkerResult): void {
    const p = slot.busy!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.timer = null;
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
    if (!slot.busy) return;
    const memory = /memory|heap/i.test(e.message);
    this.replace(slot, {
      code: memory ? 'file.out_of_memory' : 'internal.worker_crashed',
      vi: memory ? `tệp cần quá nhiều bộ nhớ (hơn ${this.o.memoryMb} MB)` : 'không đọc được tệp (tiến trình xử lý bị dừng)',
      en: memory ? `the file needs too much memory (over ${this.o.memoryMb} MB)` : 'could not read the file (the worker stopped)',
      detail: e.message.split('\n')[0],
    });
  }

  private replace(slot: Slot, failure: { code: string; vi: string; en: string; detail?: string }): void {
    const p = slot.busy;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.timer = null;
    const old = slot.worker;
    this.start(slot);
    void old.terminate();
    if (p) p.resolve({ ok: false, failure });
    this.pump();
  }
}

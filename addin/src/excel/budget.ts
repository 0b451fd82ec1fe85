/// <reference types="office-js" />
/**
 * The request budget every read and write of the adapter goes through.
 *
 * Excel on the web refuses a request or a response over 5,000,000 bytes
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, and
 * sometimes a bare GeneralException). Work is queued here with its estimated
 * cost; the budget is checked *before* anything is added, so a batch is sent
 * before it would go past the cap. Work that can be cut (rows of a column,
 * a list of areas) is queued as pieces: when Excel still refuses a batch of
 * pieces, the batch is sent again in halves, down to halves of one piece.
 *
 * In: an Excel.RequestContext and the host's limits. Out: syncs that stay
 * under the cap, and the reads' results handed to the pieces' collectors.
 */
import { wrapError } from './host.js';

/** The cap of Excel on the web, per request and per response. */
export const PAYLOAD_CAP = 5_000_000;

export interface Limits {
  request: number;
  response: number;
  /** Excel on the web: the only host with the cap, and the one that may report it as GeneralException. */
  web: boolean;
}

/**
 * Below the cap by a margin for what the estimates miss; a batch that still
 * goes over is cut and sent again. Desktop Excel has no cap, so there the
 * budget only keeps one batch from growing without bound.
 */
export const WEB_LIMITS: Limits = { request: 4_000_000, response: 4_000_000, web: true };
export const DESKTOP_LIMITS: Limits = { request: 64_000_000, response: 64_000_000, web: false };

export function limitsFor(platform: string): Limits {
  return /online|web/i.test(platform) ? WEB_LIMITS : DESKTOP_LIMITS;
}

/**
 * What Office.js adds around one action: the object path of each proxy it
 * touches (getRange with its address, format, fill …) and the action itself,
 * about 500 bytes as measured on the batches the adapter sends.
 */
export const OP_OVERHEAD = 500;

const utf8 = new TextEncoder();
export function jsonBytes(v: unknown): number {
  return utf8.encode(JSON.stringify(v) ?? '').length;
}
export function textBytes(s: string): number {
  return utf8.encode(s).length;
}

/** An error that says the batch was too large: it was refused whole, so sending it again in parts is safe. */
export function isPayloadError(e: unknown, limits: Limits): boolean {
  const code = wrapError(e).code;
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') return true;
  // Excel on the web reports some oversize requests only as GeneralException; our pieces are idempotent.
  return limits.web && code === 'GeneralException';
}

export interface Cost {
  request: number;
  response: number;
}

/** One Excel.run's traffic: work queued with its cost, sent before a cap would be passed. */
export class Batch {
  private request = 0;
  private response = 0;
  private collectors: Array<() => void> = [];

  constructor(
    readonly ctx: Excel.RequestContext,
    readonly limits: Limits,
    private readonly counted: () => void,
  ) {}

  /** Make room for work of this cost: what is queued is sent first when the work would take the batch past a cap. */
  async reserve(cost: Partial<Cost>): Promise<void> {
    const req = cost.request ?? 0;
    const resp = cost.response ?? 0;
    if (this.queued() && (this.request + req > this.limits.request || this.response + resp > this.limits.response)) await this.flush();
    this.request += req;
    this.response += resp;
  }

  /** Run once the batch that carries the queued reads has come back. */
  collect(f: () => void): void {
    this.collectors.push(f);
  }

  queued(): boolean {
    return this.request > 0 || this.response > 0 || this.collectors.length > 0;
  }

  /** Send what is queued (a sync even when nothing was reserved: loads queued directly ride on it). */
  async flush(): Promise<void> {
    const collectors = this.collectors;
    this.collectors = [];
    this.request = 0;
    this.response = 0;
    this.counted();
    await this.ctx.sync();
    for (const f of collectors) f();
  }

  /**
   * Send pieces of work, as many per sync as the budget allows, each sync
   * holding only pieces (what was queued before is sent first). A sync that
   * Excel refuses for its size is sent again in halves; a single piece is
   * cut with `split`. Throws when a piece that cannot be cut is refused.
   */
  async pieces<P>(list: readonly P[], ops: PieceOps<P>): Promise<void> {
    if (this.queued()) await this.flush();
    const fit = (p: P): P[] => {
      const c = ops.cost(p);
      if (c.request <= this.limits.request && c.response <= this.limits.response) return [p];
      const halves = ops.split(p);
      return halves ? [...fit(halves[0]), ...fit(halves[1])] : [p];
    };
    const all = list.flatMap(fit);
    let group: P[] = [];
    let req = 0;
    let resp = 0;
    for (const p of all) {
      const c = ops.cost(p);
      if (group.length && (req + c.request > this.limits.request || resp + c.response > this.limits.response)) {
        await this.sendGroup(group, ops);
        group = [];
        req = 0;
        resp = 0;
      }
      group.push(p);
      req += c.request;
      resp += c.response;
    }
    if (group.length) await this.sendGroup(group, ops);
  }

  private async sendGroup<P>(group: P[], ops: PieceOps<P>): Promise<void> {
    const collectors = group.map((p) => ops.queue(p, this.ctx));
    try {
      this.counted();
      await this.ctx.sync();
    } catch (e) {
      if (!isPayloadError(e, this.limits)) throw wrapError(e);
      if (group.length > 1) {
        const mid = Math.ceil(group.length / 2);
        await this.sendGroup(group.slice(0, mid), ops);
        await this.sendGroup(group.slice(mid), ops);
        return;
      }
      const halves = ops.split(group[0]!);
      if (!halves) throw wrapError(e);
      await this.sendGroup([halves[0]], ops);
      await this.sendGroup([halves[1]], ops);
      return;
    }
    for (const c of collectors) c?.();
  }
}

export interface PieceOps<P> {
  /** Queue the piece's operations on the context; what to do with what it read once the sync is back. */
  queue(p: P, ctx: Excel.RequestContext): (() => void) | void;
  cost(p: P): Cost;
  /** Two halves, or null when the piece cannot be cut. */
  split(p: P): [P, P] | null;
}

/** Rows r0…r1 of something, cut in halves by row. */
export interface RowSpan {
  r0: number;
  r1: number;
}

export function splitRows<T extends RowSpan>(p: T, make: (r0: number, r1: number) => T): [T, T] | null {
  if (p.r1 <= p.r0) return null;
  const mid = Math.floor((p.r0 + p.r1) / 2);
  return [make(p.r0, mid), make(mid + 1, p.r1)];
}

/** Rows per piece so that `perRow` bytes a row stay within `budget`. */
export function rowsPerPiece(perRow: number, budget: number): number {
  return Math.max(1, Math.floor(budget / Math.max(1, perRow)));
}

/** Spans cut into pieces of at most `n` rows each, keeping each span's other fields. */
export function rowPieces<T extends RowSpan>(spans: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (const sp of spans) for (let r0 = sp.r0; r0 <= sp.r1; r0 += n) out.push({ ...sp, r0, r1: Math.min(sp.r1, r0 + n - 1) });
  return out;
}

import { isPlanError } from '../model/errors.js';

/** Why one input failed, ready for one line: Vietnamese, English, and the technical detail if any. */
export interface Failure {
  vi: string;
  en: string;
  detail?: string;
  /** Kept for PHULUC_DEBUG=1 only. */
  stack?: string;
}

/**
 * A PlanError already speaks to the user. Anything else is a fault we did not
 * foresee: the user gets a generic reason plus the error's message (first
 * line only, bounded) and never a stack trace, which means nothing to them.
 */
export function describeFailure(e: unknown, fallback: { vi: string; en: string } = READ_FAILED): Failure {
  const stack = e instanceof Error ? e.stack : undefined;
  if (isPlanError(e)) return { vi: e.vi, en: e.en, ...(stack ? { stack } : {}) };
  const message = e instanceof Error ? e.message : String(e);
  const detail = oneLine(message);
  return { ...fallback, ...(detail ? { detail } : {}), ...(stack ? { stack } : {}) };
}

export const READ_FAILED = { vi: 'không đọc được tệp', en: 'could not read the file' };
/** The core returned a document the writers refuse (a contract break): our fault, not the file's. */
export const RENDER_FAILED = { vi: 'không tạo được kết quả', en: 'could not produce the output' };
export const WRITE_FAILED = { vi: 'không ghi được tệp kết quả', en: 'could not write the output' };

export function formatFailure(file: string, f: Failure): string {
  return `✗ ${file}: ${f.vi} / ${f.en}${f.detail ? ` (${f.detail})` : ''}`;
}

function oneLine(s: string, max = 300): string {
  const first = (s.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Io } from './io.js';

/** A mistake in the command line: told in one line, exit code 2. */
export class UsageError extends Error {
  readonly vi: string;
  readonly en: string;
  constructor(vi: string, en: string) {
    super(`${vi} / ${en}`);
    this.name = 'UsageError';
    this.vi = vi;
    this.en = en;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export function reportUsage(io: Io, e: UsageError): number {
  io.stderr.write(`phuluc: ${e.vi} / ${e.en} — xem --help / see --help\n`);
  return EXIT_USAGE;
}

/** `--help` or `-h` anywhere before a "--" terminator. Checked before strict parsing, so help wins over a typo. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Turn the error `util.parseArgs` throws into a bilingual usage error. Node's
 * messages are English and mention internals; we keep only the option name.
 */
export function fromParseArgsError(e: unknown): UsageError {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  const opt = /'([^']+)'/.exec(msg)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`tùy chọn không rõ: ${opt}`, `unknown option: ${opt}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = opt.split(/[ ,]+/).find((p) => p.startsWith('--')) ?? opt;
      // "argument missing", or "ambiguous" when the next word is itself an option (--out --format).
      return /missing|ambiguous/.test(msg)
        ? new UsageError(`thiếu giá trị cho ${name}`, `${name} needs a value`)
        : new UsageError(`giá trị không hợp lệ cho ${name}`, `invalid value for ${name}`);
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`tham số thừa: ${opt}`, `unexpected argument: ${opt}`);
    default:
      return new UsageError('tham số không hợp lệ', `invalid arguments (${msg.split('\n')[0]})`);
  }
}

/** `util.parseArgs`, strict and with positionals, its errors turned into bilingual usage errors. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (e) {
    throw fromParseArgsError(e);
  }
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The forms a report date may be typed in, for help and error messages. */
export const DATE_FORMS = 'YYYY-MM-DD, DD/MM/YYYY';

/**
 * A day as users type it → YYYY-MM-DD, or null. ISO (2026-12-02) or the
 * Vietnamese order day/month/year (02/12/2026, 2/12/2026; "." or "-" between
 * the parts too: 02.12.2026, 02-12-2026). Never month first: 02/12/2026 is the
 * 2nd of December. A day that does not exist (31/02/2026) is refused.
 */
export function parseUserDate(text: string): string | null {
  const s = text.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[4]}-${m[3]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * `--as-of`, when given: a day in one of DATE_FORMS, returned as YYYY-MM-DD
 * (what the rest of the program works with). Throws UsageError naming both forms.
 */
export function checkAsOf(asOf: string): string;
export function checkAsOf(asOf: string | undefined): string | undefined;
export function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf === undefined) return undefined;
  const iso = parseUserDate(asOf);
  if (iso === null) {
    throw new UsageError(
      `--as-of phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY (ví dụ 2026-12-02 hoặc 02/12/2026), nhận được "${asOf}"`,
      `--as-of must be a date as YYYY-MM-DD or DD/MM/YYYY (e.g. 2026-12-02 or 02/12/2026), got "${asOf}"`,
    );
  }
  return iso;
}

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

import type { Io } from '../../pipeline/cli/io.js';

/** An Io that records what a command prints. */
export function captureIo(opts: { tty?: boolean; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s), isTTY: opts.tty ?? false, columns: 80 },
    env: opts.env ?? {},
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

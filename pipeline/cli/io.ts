/**
 * The streams a command writes to. Commands take this instead of touching
 * `process` so tests can run them in-process and read what they printed.
 */
export interface OutStream {
  write(chunk: string): unknown;
}

export interface ErrStream extends OutStream {
  /** True when a person is watching: progress is redrawn on one line. */
  isTTY?: boolean;
  /** Terminal width, to keep the progress line on one line. */
  columns?: number;
}

export interface Io {
  stdout: OutStream;
  stderr: ErrStream;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** PHULUC_DEBUG=1 shows stack traces; otherwise the user sees one line per problem. */
export function debugEnabled(io: Io): boolean {
  const v = io.env.PHULUC_DEBUG;
  return v !== undefined && v !== '' && v !== '0';
}

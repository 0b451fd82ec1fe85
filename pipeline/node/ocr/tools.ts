import { spawn, spawnSync } from 'node:child_process';
import { PlanError } from '../../model/errors.js';

/**
 * The programs OCR runs: poppler's pdftoppm (page → image) and tesseract
 * with its Vietnamese data (image → words with boxes, as TSV). Each call
 * has its own time limit and is killed past it: a worker thread stopped by
 * the batch's --timeout cannot kill the processes it started, so they must
 * not outlive their budget.
 *
 * In: bytes on stdin, arguments. Out: stdout bytes, or a PlanError.
 */

export interface ToolCheck {
  /** Everything OCR needs is there. */
  ok: boolean;
  /** Pages can be rendered (pdftoppm and coreutils' timeout): enough to tell a blank scan. */
  render: boolean;
  /** Debian packages missing, for the message. */
  missing: string[];
}

let checked: ToolCheck | null = null;

/** Whether tesseract (with Vietnamese) and pdftoppm are on this machine; asked once per process. */
export function ocrTools(): ToolCheck {
  if (checked) return checked;
  const missing: string[] = [];
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8', timeout: 20_000 });
  if (langs.error || langs.status !== 0) missing.push('tesseract-ocr', 'tesseract-ocr-vie');
  else if (!/^vie$/m.test(`${langs.stdout}\n${langs.stderr}`)) missing.push('tesseract-ocr-vie');
  const pop = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8', timeout: 20_000 });
  if (pop.error) missing.push('poppler-utils');
  const limit = spawnSync('timeout', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (limit.error) missing.push('coreutils');
  checked = { ok: missing.length === 0, render: !pop.error && !limit.error, missing };
  return checked;
}

export function ocrUnavailable(file: string, missing: string[]): PlanError {
  const pkgs = missing.join(' ');
  return new PlanError(
    'ocr.unavailable',
    `Tệp ${file} có trang là ảnh quét, cần nhận dạng ký tự (OCR) nhưng máy chưa cài ${pkgs}. ` +
      `Cài bằng: sudo apt-get install ${pkgs} (hoặc chạy scripts/setup.sh), rồi thử lại`,
    `${file} has scanned pages that need OCR, but ${pkgs} is not installed. ` +
      `Install it with: sudo apt-get install ${pkgs} (or run scripts/setup.sh), then try again`,
  );
}

export interface RunOptions {
  input?: Uint8Array;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a program to completion; rejects with its stderr when it fails or runs
 * past its time. The limit is kept by coreutils' `timeout`, outside this
 * thread: when the batch stops a worker thread for --timeout, its own timers
 * die with it, and only a process of its own can still kill the program.
 */
export function runTool(cmd: string, args: string[], o: RunOptions): Promise<Buffer> {
  const secs = Math.max(1, Math.ceil(o.timeoutMs / 1000));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // --foreground: timeout stays in our process group, so Ctrl-C at the terminal reaches the program too.
    const child = spawn('timeout', ['--foreground', '-s', 'KILL', String(secs), cmd, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: o.env ?? process.env,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const killed = code === 137 || signal === 'SIGKILL';
      // Killed at its time, or before it by something else (the kernel, out of memory).
      if (killed && Date.now() - started >= secs * 1000 - 250) reject(new ToolTimeout(cmd, o.timeoutMs));
      else if (killed) reject(new Error(`${cmd} was killed (out of memory?)`));
      else if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? ''}`));
      else resolve(Buffer.concat(out));
    });
    // A program that stops reading early (it failed) closes the pipe: not our error.
    child.stdin.on('error', () => undefined);
    if (o.input) child.stdin.end(o.input);
    else child.stdin.end();
  });
}

export class ToolTimeout extends Error {
  constructor(
    readonly cmd: string,
    readonly ms: number,
  ) {
    super(`${cmd} ran past ${Math.round(ms / 1000)} s`);
  }
}

/** One page of a PDF (its bytes on stdin) as an 8-bit grey PGM at `dpi`. */
export function renderPage(pdf: Uint8Array, page: number, dpi: number, timeoutMs: number): Promise<Buffer> {
  const p = String(page);
  return runTool('pdftoppm', ['-r', String(dpi), '-gray', '-f', p, '-l', p, '-singlefile', '-'], { input: pdf, timeoutMs });
}

/**
 * Tesseract on one image (PGM on stdin), Vietnamese, page segmentation left
 * to it (psm 3) or one block of text (psm 6), optionally limited to some
 * characters (a TT column); TSV out. One thread per process: pages run side by side instead.
 */
export function recognise(pgm: Uint8Array, dpi: number, timeoutMs: number, psm = 3, only?: string): Promise<string> {
  const whitelist = only ? ['-c', `tessedit_char_whitelist=${only}`] : [];
  return runTool('tesseract', ['stdin', 'stdout', '-l', 'vie', '--dpi', String(dpi), '--psm', String(psm), ...whitelist, 'tsv'], {
    input: pgm,
    timeoutMs,
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
  }).then((b) => b.toString('utf8'));
}

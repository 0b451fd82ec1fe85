import type { ErrStream } from './io.js';

/**
 * Progress of a batch on stderr. On a terminal, one line redrawn in place
 * (a bar, the count and the current file), with failures printed above it so
 * they stay visible. Elsewhere (a pipe, a log, CI), one plain line per file,
 * which reads well in a log and does not fill it with redraws.
 */
export interface Progress {
  start(file: string): void;
  /** Pages of a scanned file read by OCR so far. */
  page(file: string, done: number, total: number): void;
  ok(file: string, tasks: number, findings: number): void;
  fail(line: string, extra?: string): void;
  /** A line about a file that was converted (pages left unread), kept visible. */
  note(line: string): void;
  end(): void;
}

export function createProgress(stream: ErrStream, total: number): Progress {
  return stream.isTTY === true ? new BarProgress(stream, total) : new LineProgress(stream);
}

export function okLine(file: string, tasks: number, findings: number): string {
  return `✓ ${file}: ${tasks} nhiệm vụ, ${findings} cảnh báo (${tasks} tasks, ${findings} findings)`;
}

class LineProgress implements Progress {
  constructor(private readonly stream: ErrStream) {}
  start(): void {}
  // A log gets the file's line when it is done; pages would only fill it.
  page(): void {}
  ok(file: string, tasks: number, findings: number): void {
    this.stream.write(`${okLine(file, tasks, findings)}\n`);
  }
  fail(line: string, extra?: string): void {
    this.stream.write(`${line}\n${extra ? `${extra}\n` : ''}`);
  }
  note(line: string): void {
    this.stream.write(`${line}\n`);
  }
  end(): void {}
}

const CLEAR_LINE = '\r\x1b[2K';
const BAR_WIDTH = 20;

class BarProgress implements Progress {
  private done = 0;
  private current = '';
  private pages = new Map<string, string>();

  constructor(
    private readonly stream: ErrStream,
    private readonly total: number,
  ) {}

  start(file: string): void {
    this.current = file;
    this.draw();
  }

  page(file: string, done: number, total: number): void {
    this.pages.set(file, done < total ? ` (OCR trang/page ${done + 1}/${total})` : '');
    if (file === this.current) this.draw();
  }

  ok(): void {
    this.done++;
    this.draw();
  }

  fail(line: string, extra?: string): void {
    this.done++;
    this.stream.write(`${CLEAR_LINE}${line}\n${extra ? `${extra}\n` : ''}`);
    this.draw();
  }

  note(line: string): void {
    this.stream.write(`${CLEAR_LINE}${line}\n`);
    this.draw();
  }

  end(): void {
    this.stream.write(CLEAR_LINE);
  }

  private draw(): void {
    const total = Math.max(this.total, 1);
    const filled = Math.round((BAR_WIDTH * this.done) / total);
    const head = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total} `;
    // Stay on one line, or the terminal wraps and the redraw leaves a trail.
    const pages = this.pages.get(this.current) ?? '';
    const room = Math.max((this.stream.columns ?? 80) - head.length - pages.length - 1, 10);
    const name = this.current.length > room ? `…${this.current.slice(-(room - 1))}` : this.current;
    this.stream.write(`${CLEAR_LINE}${head}${name}${pages}`);
  }
}

import type { ErrStream } from './io.js';

/**
 * Progress of a batch on stderr. On a terminal, one line redrawn in place
 * (a bar, the count and the current file), with failures printed above it so
 * they stay visible. Elsewhere (a pipe, a log, CI), one plain line per file,
 * which reads well in a log and does not fill it with redraws.
 */
export interface Progress {
  start(file: string): void;
  ok(file: string, tasks: number, findings: number): void;
  fail(line: string, extra?: string): void;
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
  ok(file: string, tasks: number, findings: number): void {
    this.stream.write(`${okLine(file, tasks, findings)}\n`);
  }
  fail(line: string, extra?: string): void {
    this.stream.write(`${line}\n${extra ? `${extra}\n` : ''}`);
  }
  end(): void {}
}

const CLEAR_LINE = '\r\x1b[2K';
const BAR_WIDTH = 20;

class BarProgress implements Progress {
  private done = 0;
  private current = '';

  constructor(
    private readonly stream: ErrStream,
    private readonly total: number,
  ) {}

  start(file: string): void {
    this.current = file;
    this.draw();
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

  end(): void {
    this.stream.write(CLEAR_LINE);
  }

  private draw(): void {
    const total = Math.max(this.total, 1);
    const filled = Math.round((BAR_WIDTH * this.done) / total);
    const head = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${this.done}/${this.total} `;
    // Stay on one line, or the terminal wraps and the redraw leaves a trail.
    const room = Math.max((this.stream.columns ?? 80) - head.length - 1, 10);
    const name = this.current.length > room ? `…${this.current.slice(-(room - 1))}` : this.current;
    this.stream.write(`${CLEAR_LINE}${head}${name}`);
  }
}

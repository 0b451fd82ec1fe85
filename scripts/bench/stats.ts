/** Median, min and max of repeated measurements, and the table the benchmark prints. */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function stat(values: number[]): Stat {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]! };
}

/** Run `fn` `runs` times (after one warm-up) and return the measurements. */
export async function repeat(runs: number, fn: () => Promise<number>, warmup = true): Promise<number[]> {
  if (warmup) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn());
  return out;
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '–';
  return n >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

export function cell(s: Stat, digits = 1): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

export class Table {
  private rows: string[][] = [];
  constructor(private readonly header: string[]) {}
  add(row: string[]): void {
    this.rows.push(row);
    // Print as we go: a long run shows its progress.
    console.log(`  ${row.join(' | ')}`);
  }
  markdown(): string {
    const all = [this.header, ...this.rows];
    const widths = this.header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    return [line(this.header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...this.rows.map(line)].join('\n');
  }
}

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { earlyWorkers, earlyWorkerUse } from '../pipeline/cli/early-workers.js';

/** Workers the CLI starts before parsing its arguments (pipeline/cli/main.ts), from the arguments and what they name. */
describe('workers started early', () => {
  let dir: string;
  const at = (...p: string[]) => path.join(dir, ...p);
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'phuluc-early-'));
    for (const f of ['a.docx', 'b.pdf', 'c.txt']) writeFileSync(at(f), 'x');
    mkdirSync(at('one'));
    writeFileSync(at('one', 'plan.docx'), 'x');
    // What the folder walk skips: hidden files, other formats, a folder's notes, answer keys.
    for (const f of ['.DS_Store', 'Thumbs.db', 'desktop.ini', 'README.md']) writeFileSync(at('one', f), 'x');
    mkdirSync(at('one', 'gold'));
    mkdirSync(at('five'));
    for (let i = 0; i < 5; i++) writeFileSync(at('five', `${i}.docx`), 'x');
    mkdirSync(at('nested', 'deeper'), { recursive: true });
    writeFileSync(at('nested', 'plan.docx'), 'x');
    mkdirSync(at('empty'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts none for help, for --jobs 0, or for a command that reads no files in workers', () => {
    expect(earlyWorkers(['convert', '--help', at('five')], 2)).toBe(0);
    expect(earlyWorkers(['convert', at('five'), '--jobs', '0'], 2)).toBe(0);
    expect(earlyWorkers(['convert', '-j=0', at('five')], 2)).toBe(0);
    expect(earlyWorkers(['report', at('five')], 2)).toBe(0);
    expect(earlyWorkers([], 2)).toBe(0);
  });

  it('starts one per file named, up to --jobs or its default', () => {
    expect(earlyWorkers(['convert', at('a.docx')], 4)).toBe(1);
    expect(earlyWorkers(['convert', at('a.docx'), at('b.pdf')], 4)).toBe(2);
    expect(earlyWorkers(['convert', at('a.docx'), at('b.pdf'), at('c.txt')], 2)).toBe(2);
    expect(earlyWorkers(['rollup', at('a.docx'), at('b.pdf'), at('c.txt'), '--jobs', '3'], 2)).toBe(3);
  });

  it('counts what a folder holds as the walk does: one for a folder of one plan (beside what the walk skips), all it may use for a larger one or one with sub-folders', () => {
    expect(earlyWorkers(['convert', at('one')], 2)).toBe(1);
    expect(earlyWorkers(['convert', at('one'), '--jobs', '4'], 2)).toBe(1);
    expect(earlyWorkers(['convert', at('five')], 2)).toBe(2);
    expect(earlyWorkers(['convert', at('five'), '--jobs', '4'], 2)).toBe(4);
    expect(earlyWorkers(['convert', at('nested'), '--jobs', '4'], 2)).toBe(4);
    expect(earlyWorkers(['convert', at('one'), at('a.docx')], 4)).toBe(2);
  });

  it('starts one when nothing named can be counted (an empty folder, a missing path), and skips option values', () => {
    expect(earlyWorkers(['convert', at('empty')], 2)).toBe(1);
    expect(earlyWorkers(['convert', at('missing')], 2)).toBe(1);
    // The folder after --out is where results go, not an input.
    expect(earlyWorkers(['convert', at('a.docx'), '--out', at('five')], 4)).toBe(1);
    expect(earlyWorkers(['convert', '-o', at('five'), at('one')], 4)).toBe(1);
  });
});

describe('what workers started early load', () => {
  it('a rollup’s read returned workbooks; convert’s, --into’s included, the conversion core', () => {
    expect(earlyWorkerUse(['rollup', 'tra-ve/', '--as-of', '2026-06-30', '--out', 'bao-cao.xlsx'])).toBe('read-tracked');
    expect(earlyWorkerUse(['convert', 'ke-hoach.docx', '--out', 'out'])).toBe('convert');
    expect(earlyWorkerUse(['convert', 'ke-hoach.docx', '--into', 'so.xlsx'])).toBe('convert');
  });
});

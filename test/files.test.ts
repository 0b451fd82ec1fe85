import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../pipeline/node/atomic.js';
import { expandInputs, type InputFile } from '../pipeline/node/files.js';
import { outputStems } from '../pipeline/node/naming.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'phuluc-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(rel: string, text = 'x'): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe('expandInputs', () => {
  it('walks folders in code-point order, keeps supported files, skips hidden files, gold folders and a folder\'s notes', async () => {
    for (const f of ['b.TXT', 'a.md', 'Z.pdf', 'c.json', 'sub/d.docx', 'gold/e.txt', '.h.txt', '.git/f.txt', 'sub/gold/g.txt', 'README.md', 'sub/INDEX.md']) put(`root/${f}`);
    const { files, problems } = await expandInputs([path.join(dir, 'root')]);
    expect(problems).toEqual([]);
    expect(files.map((f) => [path.relative(dir, f.path), f.subdir])).toEqual([
      [path.join('root', 'Z.pdf'), ''],
      [path.join('root', 'a.md'), ''],
      [path.join('root', 'b.TXT'), ''],
      [path.join('root', 'sub', 'd.docx'), 'sub'],
    ]);
  });

  it('walks a folder given by name even when it is called gold, keeps a file given by name, lists a file once', async () => {
    const g = put('gold/x.txt');
    const odd = put('notes.rtf');
    const { files } = await expandInputs([path.join(dir, 'gold'), g, odd]);
    expect(files.map((f) => path.basename(f.path))).toEqual(['x.txt', 'notes.rtf']);
  });

  it('reports missing paths and folders with nothing to convert, and skips excluded folders', async () => {
    put('empty/readme.json');
    put('in/a.txt');
    put('in/out/a.csv');
    const { files, problems } = await expandInputs(
      [path.join(dir, 'nope.txt'), path.join(dir, 'empty'), path.join(dir, 'in')],
      { exclude: [path.join(dir, 'in', 'out')] },
    );
    expect(problems.map((p) => p.reason)).toEqual(['missing', 'empty-folder']);
    expect(files.map((f) => path.basename(f.path))).toEqual(['a.txt']);
  });
});

describe('outputStems', () => {
  const f = (p: string, subdir = ''): InputFile => ({ path: p, subdir });

  it('names outputs after the input without extension, in its sub-folder', () => {
    expect(outputStems([f('x/000_a.cells.md', 'forms'), f('b.txt')])).toEqual(['forms/000_a.cells', 'b']);
  });

  it('keeps the extension for names that clash, ignoring case, and numbers what still clashes', () => {
    expect(outputStems([f('plan.md'), f('Plan.html'), f('other.txt'), f('a/x.txt'), f('b/x.txt'), f('x.txt-2.pdf')]))
      // b/x.txt would be "x.txt-2", but x.txt-2.pdf wants that name: numbering never takes a name another input wants.
      .toEqual(['plan.md', 'Plan.html', 'other', 'x.txt', 'x.txt-3', 'x.txt-2']);
  });

  it('does not confuse the same name in different sub-folders', () => {
    expect(outputStems([f('a/plan.md', 'a'), f('b/plan.md', 'b')])).toEqual(['a/plan', 'b/plan']);
  });
});

describe('writeFileAtomic', () => {
  it('creates folders, replaces the old content whole, and leaves no temporary file', async () => {
    const target = path.join(dir, 'out', 'sub', 'a.json');
    await writeFileAtomic(target, 'cũ');
    await writeFileAtomic(target, 'mới');
    expect(readFileSync(target, 'utf8')).toBe('mới');
    expect(readdirSync(path.dirname(target))).toEqual(['a.json']);
  });

  it('writes into a folder made earlier in the batch and removed since, by making it again', async () => {
    const target = path.join(dir, 'out', 'a.csv');
    await writeFileAtomic(target, 'một');
    rmSync(path.join(dir, 'out'), { recursive: true });
    await writeFileAtomic(target, 'hai');
    expect(readFileSync(target, 'utf8')).toBe('hai');
  });

  it('never writes into a file that already has its temporary name (a leftover of an earlier process)', async () => {
    const target = path.join(dir, 'a.csv');
    // This process's next temporary names, whatever its counter stands at: every one of the next 60 taken.
    await writeFileAtomic(path.join(dir, 'probe.csv'), 'x');
    const probe = readdirSync(dir);
    expect(probe).toEqual(['probe.csv']);
    const leftovers: string[] = [];
    const used = (await import('../pipeline/node/atomic.js')).nextTempSerial();
    for (let n = used; n < used + 60; n++) leftovers.push(put(`.a.csv.${process.pid}.${n.toString(36)}.tmp`, 'đừng ghi đè'));
    await writeFileAtomic(target, 'mới');
    expect(readFileSync(target, 'utf8')).toBe('mới');
    for (const f of leftovers) expect(readFileSync(f, 'utf8')).toBe('đừng ghi đè');
    // It stepped over every leftover: the names above are the ones it tried (else this test proves nothing).
    expect((await import('../pipeline/node/atomic.js')).nextTempSerial()).toBe(used + 61);
  });

  it('cleans up and throws when the rename cannot happen', async () => {
    const target = path.join(dir, 'is-a-dir');
    mkdirSync(path.join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['is-a-dir']);
    expect(existsSync(path.join(target, 'inside'))).toBe(true);
  });
});

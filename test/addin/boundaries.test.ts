/**
 * Every Office.js call lives in the adapter, addin/src/excel/ (one module
 * per action around the request budget): the pane, the app layer, the core
 * and the adapter's plain-data modules (addresses, types, text rules, fills,
 * the mark log) never name Excel.* or Office.* (the fake, which plays
 * Office.js in tests, is the other side of that line).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without comments and string literals, so prose may mention Excel. */
function code(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
}

const OFFICE = /\b(Excel|Office|OfficeExtension)\s*\.\s*[A-Za-z]/;

describe('Office.js stays in the adapter', () => {
  const excelDir = path.join(ROOT, 'addin/src/excel');
  /** The adapter's modules that talk to Excel: each says so with the office-js reference. */
  const talks = (f: string) => readFileSync(f, 'utf8').startsWith('/// <reference types="office-js" />');
  const adapter = files(excelDir).filter(talks);
  const plain = ['address.ts', 'types.ts', 'text.ts', 'fills.ts', 'mark-log.ts'].map((n) => path.join(excelDir, n));
  const ours = [...files(path.join(ROOT, 'addin/src/app')), ...files(path.join(ROOT, 'addin/src/pane')), ...files(excelDir).filter((f) => !talks(f))];

  it('the adapter is where the calls are, one module per action', () => {
    const names = adapter.map((f) => path.basename(f)).sort();
    expect(names).toEqual(expect.arrayContaining(['adapter.ts', 'budget.ts', 'clear.ts', 'mark.ts', 'read.ts', 'write-report.ts', 'write-tasks.ts']));
    expect(code(readFileSync(path.join(excelDir, 'adapter.ts'), 'utf8')) + code(readFileSync(path.join(excelDir, 'host.ts'), 'utf8'))).toMatch(OFFICE);
  });

  it('the plain-data modules of the adapter are plain', () => {
    for (const f of plain) expect([path.basename(f), talks(f)]).toEqual([path.basename(f), false]);
  });

  it.each(ours.map((f) => [path.relative(ROOT, f), f]))('%s names no Excel.* / Office.*', (_n, f) => {
    expect(code(readFileSync(f, 'utf8'))).not.toMatch(OFFICE);
  });

  it('the core names no Excel.* / Office.*', () => {
    for (const f of files(path.join(ROOT, 'pipeline'))) expect([path.relative(ROOT, f), OFFICE.test(code(readFileSync(f, 'utf8')))]).toEqual([path.relative(ROOT, f), false]);
  });
});

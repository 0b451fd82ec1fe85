/**
 * Every Office.js call lives in addin/src/excel/adapter.ts: the pane, the
 * app layer and the core never name Excel.* or Office.* (the fake, which
 * plays Office.js in tests, is the other side of that line).
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
  const adapter = path.join(ROOT, 'addin/src/excel/adapter.ts');
  const ours = [...files(path.join(ROOT, 'addin/src/app')), ...files(path.join(ROOT, 'addin/src/pane')), ...files(path.join(ROOT, 'addin/src/excel'))].filter(
    (f) => f !== adapter,
  );

  it('the adapter is where the calls are', () => {
    expect(code(readFileSync(adapter, 'utf8'))).toMatch(OFFICE);
  });

  it.each(ours.map((f) => [path.relative(ROOT, f), f]))('%s names no Excel.* / Office.*', (_n, f) => {
    expect(code(readFileSync(f, 'utf8'))).not.toMatch(OFFICE);
  });

  it('the core names no Excel.* / Office.*', () => {
    for (const f of files(path.join(ROOT, 'pipeline'))) expect([path.relative(ROOT, f), OFFICE.test(code(readFileSync(f, 'utf8')))]).toEqual([path.relative(ROOT, f), false]);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const goldRows = (id: string): number => (JSON.parse(readFileSync(path.join(root, 'samples/gold', `${id}.json`), 'utf8')) as { rows: unknown[] }).rows.length;

interface Probe {
  tasks: number;
  nativeOpened: string[];
  canvasInCache: string[];
  drawingGlobals: string[];
  responseLazy: boolean;
  fetchLoadedBefore: boolean;
  echoed: string;
}

/** The reader in a fresh process: what one PDF read made the thread load, and its globals afterwards. */
function probe(pdf: string): Probe {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/fixtures/pdf-load/probe.ts', pdf], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`probe failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Probe;
}

describe('pdf.js is loaded without its drawing and fetching code (pipeline/read/pdf-load.ts)', () => {
  it('reads a PDF without opening the native canvas library or loading fetch, and leaves the globals as Node had them', () => {
    const p = probe('samples/pdf/000_608305ae69954cdd.pdf');
    // The plan is read as before: every task of its gold.
    expect(p.tasks).toBe(goldRows('000_608305ae69954cdd'));
    // No native drawing library was opened, and no stand-in is left in the module cache.
    expect(p.nativeOpened.filter((f) => /canvas/i.test(f))).toEqual([]);
    expect(p.canvasInCache).toEqual([]);
    // Node 20 has no drawing classes; none is left behind.
    expect(p.drawingGlobals).toEqual([]);
    // Response is Node's lazy global again, fetch was not loaded for pdf.js, and works when asked for.
    expect(p.responseLazy).toBe(true);
    expect(p.fetchLoadedBefore).toBe(false);
    expect(p.echoed).toBe('xin chào');
  }, 150_000);
});

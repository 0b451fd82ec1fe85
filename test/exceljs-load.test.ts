import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProbe } from './helpers/spawn.js';
import { convertDocument } from '../pipeline/convert.js';
import { writeWorkbook } from '../pipeline/write/workbook.js';

const root = path.resolve(import.meta.dirname, '..');

describe('exceljs in Node: the Workbook class without the streaming reader and writer (read/sheet.ts)', () => {
  it('reads a returned workbook and writes a rollup report loading none of exceljs’s stream modules, with the package’s own class', async () => {
    const plan = 'samples/docx/000_608305ae69954cdd.docx';
    const doc = await convertDocument(path.basename(plan), new Uint8Array(readFileSync(path.join(root, plan))));
    const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-exceljs-'));
    try {
      const workbook = path.join(dir, 'so-theo-doi.xlsx');
      writeFileSync(workbook, await writeWorkbook([doc], { asOf: '2026-12-01' }));

      const p = runProbe<{ rows: number; reportBytes: number; exceljsModules: string[]; sameClass: boolean }>('test/fixtures/exceljs-load/probe.ts', [workbook]);

      // The workbook was read whole and the report written.
      expect(p.rows).toBe(doc.tasks.length);
      expect(p.reportBytes).toBeGreaterThan(1000);
      // exceljs's own code was loaded, but not its streaming reader and writer (nor the unzipper and archiver they bring).
      expect(p.exceljsModules).toContain('lib/doc/workbook.js');
      expect(p.exceljsModules.filter((m) => m.startsWith('lib/stream/'))).toEqual([]);
      expect(p.exceljsModules).not.toContain('lib/exceljs.nodejs.js');
      // The class is the package's Workbook, whichever way it was loaded.
      expect(p.sameClass).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

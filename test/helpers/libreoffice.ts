/**
 * Recalculate workbooks with LibreOffice headless and read the values back,
 * so tests can check that the formulas we write compute what the TypeScript
 * computes, in a real spreadsheet engine.
 *
 * Each soffice start costs seconds, so `recalcMany` converts a whole batch in
 * one call. The user profile is our own (per process and thread) so parallel
 * test runs do not fight over ~/.config/libreoffice, and it is seeded to
 * recalculate OOXML files on load: LibreOffice's default is to trust the
 * cached results, which would make every test here pass without computing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { findSoffice as findSofficeOn } from '../../pipeline/cli/rollup-report.js';

/** The soffice executable on PATH (or $SOFFICE), or null: the CLI's own lookup. */
export function findSoffice(): string | null {
  return findSofficeOn(process.env);
}

/**
 * Whether the LibreOffice tests can run here. Missing soffice skips them with
 * a message on a developer's machine, but fails in CI (CI is set), where a
 * skipped check would read as a passed one.
 */
export function libreOfficeOrSkip(): boolean {
  if (findSoffice() !== null) return true;
  const missing = 'LibreOffice (soffice) is not installed; install it with `bash scripts/setup.sh` (as root).';
  if (process.env.CI) throw new Error(`${missing} CI is set: the recalculation tests must run there.`);
  console.warn(`${missing} Skipping the recalculation tests.`);
  return false;
}

const PROFILE = path.join(tmpdir(), `lo-profile-${process.pid}-${threadId}`);
let profileReady = false;

/** Always recalculate on load: /org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0 (1 never, 2 ask). */
function seedProfile(): void {
  if (profileReady) return;
  mkdirSync(path.join(PROFILE, 'user'), { recursive: true });
  writeFileSync(
    path.join(PROFILE, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  // Fallback only: vitest ends worker threads without 'exit', so tests call removeProfile() in afterAll.
  process.once('exit', removeProfile);
  profileReady = true;
}

/** Delete this process's LibreOffice profile (after the last soffice run). */
export async function removeProfile(): Promise<void> {
  await queue;
  rmSync(PROFILE, { recursive: true, force: true });
  profileReady = false;
}

/** One soffice at a time per thread: it refuses a second instance on the same profile. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Open each workbook in LibreOffice, let it recalculate, save it as .xlsx and
 * load the result with exceljs (formula cells then carry LibreOffice's results).
 */
export function recalcMany(files: readonly Uint8Array[], timeoutMs = 240_000): Promise<ExcelJS.Workbook[]> {
  return convert(files, timeoutMs);
}

export async function recalc(file: Uint8Array): Promise<ExcelJS.Workbook> {
  const [wb] = await recalcMany([file]);
  return wb!;
}

/**
 * Run soffice headless with our profile (recalculating on load), one run at a
 * time per thread; `args` are what follows the profile and --headless.
 */
export function runSoffice(args: readonly string[], timeoutMs = 240_000): Promise<void> {
  const soffice = findSoffice();
  if (soffice === null) return Promise.reject(new Error('soffice not found'));
  seedProfile();
  const go = queue.then(() =>
    run(soffice, [`-env:UserInstallation=file://${PROFILE}`, '--headless', '--norestore', '--nologo', ...args], timeoutMs),
  );
  queue = go.catch(() => undefined);
  return go;
}

async function convert(files: readonly Uint8Array[], timeoutMs: number): Promise<ExcelJS.Workbook[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-lo-'));
  try {
    const inDir = path.join(dir, 'in');
    const outDir = path.join(dir, 'out');
    mkdirSync(inDir);
    mkdirSync(outDir);
    const names = files.map((bytes, i) => {
      const p = path.join(inDir, `wb${String(i).padStart(4, '0')}.xlsx`);
      writeFileSync(p, bytes);
      return p;
    });
    await runSoffice(['--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...names], timeoutMs);
    return await Promise.all(
      names.map(async (p) => {
        const out = path.join(outDir, path.basename(p));
        let bytes: Buffer;
        try {
          bytes = readFileSync(out);
        } catch {
          throw new Error(`LibreOffice wrote no ${path.basename(out)}`);
        }
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        return wb;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`soffice timed out after ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`soffice exited with ${code}\n${output}`));
    });
  });
}

/** What a cell shows: a formula's result, a rich text's text, a hyperlink's text; null for blank. */
export function shown(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    // Read the result from the cell, not from `value`: exceljs's value copy drops falsy results (0, "").
    if ('formula' in v || 'sharedFormula' in v) return cell.result ?? null;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('hyperlink' in v) return (v as { text: unknown }).text;
  }
  return v;
}

/** Every error value (#VALUE!, #NAME? …) in a workbook, as "Sheet!A1: #ERR". */
export function errorCells(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const v = shown(cell);
        if (v !== null && typeof v === 'object' && 'error' in (v as object)) {
          out.push(`${ws.name}!${cell.address}: ${(v as { error: string }).error}`);
        }
      });
    });
  });
  return out;
}

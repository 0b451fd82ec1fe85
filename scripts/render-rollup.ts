/**
 * Render a tracking workbook's `Tổng hợp` sheet to PDF and PNG, so a person
 * (or a reviewer without Excel) can look at the rollup as LibreOffice
 * computes it.
 *
 *   npx tsx scripts/render-rollup.ts <workbook.xlsx> [--out <dir>] [--sheet "Tổng hợp"]
 *
 * Writes <dir>/<name>.tong-hop.pdf and <dir>/<name>.tong-hop.png (page 1;
 * -2, -3 … when the sheet runs to more pages). Needs soffice and pdftoppm
 * (bash scripts/setup.sh installs both).
 *
 * How: every other sheet is hidden (LibreOffice prints visible sheets only;
 * the hidden ones stay, so formulas keep their sources), LibreOffice opens the
 * copy, recalculates and exports PDF, pdftoppm makes the PNG.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { removeProfile, runSoffice } from '../test/helpers/libreoffice.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', short: 'o' }, sheet: { type: 'string' }, dpi: { type: 'string' } },
});
const input = positionals[0];
if (!input) {
  process.stderr.write('usage: npx tsx scripts/render-rollup.ts <workbook.xlsx> [--out <dir>] [--sheet "Tổng hợp"]\n');
  process.exit(2);
}
const sheetName = values.sheet ?? 'Tổng hợp';
const outDir = values.out ?? path.dirname(input);
const stem = `${path.basename(input, path.extname(input))}.tong-hop`;

const wb = new ExcelJS.Workbook();
await wb.xlsx.load(readFileSync(input) as unknown as ArrayBuffer);
const target = wb.getWorksheet(sheetName);
if (!target) {
  process.stderr.write(`no sheet "${sheetName}" in ${input}\n`);
  process.exit(1);
}
wb.eachSheet((ws) => {
  ws.state = ws === target ? 'visible' : 'hidden';
});
// The shown sheet must be the active one: a workbook cannot open on a hidden sheet.
wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: wb.worksheets.indexOf(target), visibility: 'visible' }];

const work = mkdtempSync(path.join(tmpdir(), 'phuluc-render-'));
try {
  const copy = path.join(work, `${stem}.xlsx`);
  writeFileSync(copy, new Uint8Array(await wb.xlsx.writeBuffer()));
  await runSoffice(['--calc', '--convert-to', 'pdf:calc_pdf_Export', '--outdir', work, copy]);
  mkdirSync(outDir, { recursive: true });
  const pdf = path.join(outDir, `${stem}.pdf`);
  copyFileSync(path.join(work, `${stem}.pdf`), pdf);
  await promisify(execFile)('pdftoppm', ['-png', '-r', values.dpi ?? '110', pdf, path.join(work, stem)]);
  // pdftoppm numbers pages (stem-1.png, or stem-01.png for 10+ pages): page 1 gets the plain name.
  const pages = readdirSync(work)
    .filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png'))
    .sort();
  const written = pages.map((f, i) => {
    const to = path.join(outDir, i === 0 ? `${stem}.png` : `${stem}-${i + 1}.png`);
    copyFileSync(path.join(work, f), to);
    return to;
  });
  process.stdout.write([pdf, ...written].join('\n') + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
  await removeProfile();
}

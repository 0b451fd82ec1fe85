/**
 * How much restoreDiacritics helps on real OCR: word accuracy of tesseract's
 * words against the text of the page they were read from, before and after
 * the correction.
 *
 *   npx tsx scripts/ocr-lexicon/measure.ts [--max-conf N] [--clean-conf N] <ocr.tsv> <reference.txt> [<ocr.tsv> <reference.txt> …]
 *
 * An OCR sample: `pdftoppm -r 300 -gray -f 1 -l 1 scan.pdf /tmp/p && OMP_THREAD_LIMIT=1 tesseract /tmp/p-1.pgm /tmp/o -l vie --dpi 300 tsv`;
 * its reference: `pdftotext -f 1 -l 1 original.pdf ref.txt`. A reference given as `clean:<ref.txt>` is read
 * as OCR of itself with every word doubtful (confidence 90, or --clean-conf): what the correction does to text that is right.
 *
 * Word accuracy is bag-of-words recall: the share of the reference's words (lower case, outer punctuation
 * off) that the OCR text holds, each as many times as the reference does. Changes are also judged one by one
 * against the reference word aligned with them (alignment on the letters without marks): fixed, broken, other.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baseOf, restoreDiacritics } from '../../pipeline/node/ocr/diacritics.js';
import { parseTsv } from '../../pipeline/node/ocr/words.js';

interface LineWord {
  text: string;
  conf: number;
}

const args = process.argv.slice(2);
let maxConf: number | undefined;
let cleanConf = 90;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-conf') maxConf = Number(args[++i]);
  else if (args[i] === '--clean-conf') cleanConf = Number(args[++i]);
  else files.push(args[i]!);
}

const tokens = (s: string): string[] =>
  s
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);

function recall(ref: string[], ocr: string[]): number {
  const bag = new Map<string, number>();
  for (const w of ocr) bag.set(w, (bag.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of ref) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(w, n - 1);
    }
  }
  return hit / Math.max(1, ref.length);
}

/** Longest common subsequence of the two token lists by base form: index in `b` for each aligned index in `a`. */
function align(a: string[], b: string[]): Map<number, number> {
  const A = a.map(baseOf);
  const B = b.map(baseOf);
  const n = A.length;
  const m = B.length;
  const dp = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i * (m + 1) + j] = A[i] === B[j] ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
  const out = new Map<number, number>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (A[i] === B[j]) out.set(i++, j++);
    else if (dp[(i + 1) * (m + 1) + j]! >= dp[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return out;
}

function lines(tsv: string): LineWord[][] {
  const byLine = new Map<string, LineWord[]>();
  for (const w of parseTsv(tsv)) {
    const list = byLine.get(w.line) ?? [];
    list.push({ text: w.text, conf: w.conf });
    byLine.set(w.line, list);
  }
  return [...byLine.values()];
}

const t0 = performance.now();
restoreDiacritics([
  { text: 'x', conf: 0 },
  { text: 'y', conf: 0 },
]);
console.log(`table loaded in ${(performance.now() - t0).toFixed(0)} ms`);

let sumBefore = 0;
let sumAfter = 0;
let pages = 0;
const totals = { fixed: 0, broken: 0, other: 0, ms: 0 };
for (let f = 0; f + 1 < files.length; f += 2) {
  const [source, refFile] = [files[f]!, files[f + 1]!];
  const ref = tokens(readFileSync(refFile, 'utf8'));
  const ocrLines =
    source.startsWith('clean:')
      ? readFileSync(source.slice(6), 'utf8')
          .split('\n')
          .map((l) => l.split(/\s+/u).filter(Boolean).map((text) => ({ text, conf: cleanConf })))
      : lines(readFileSync(source, 'utf8'));
  const start = performance.now();
  const fixedLines = ocrLines.map((l) => restoreDiacritics(l, { maxConf }));
  const ms = performance.now() - start;
  const before = ocrLines.flatMap((l) => l.flatMap((w) => tokens(w.text)));
  const after = fixedLines.flatMap((l) => l.flatMap((w) => tokens(w)));
  let fixed = 0;
  let broken = 0;
  let other = 0;
  const changes: string[] = [];
  if (before.length === after.length) {
    const al = align(before, ref);
    for (let i = 0; i < before.length; i++) {
      if (before[i] === after[i]) continue;
      const r = al.has(i) ? ref[al.get(i)!] : undefined;
      if (r === after[i]) fixed++;
      else if (r === before[i]) broken++;
      else other++;
      changes.push(`${before[i]}→${after[i]}${r === after[i] ? '' : ` (${r ?? '?'})`}`);
    }
  }
  totals.fixed += fixed;
  totals.broken += broken;
  totals.other += other;
  totals.ms = Math.max(totals.ms, ms);
  const rb = recall(ref, before);
  const ra = recall(ref, after);
  sumBefore += rb;
  sumAfter += ra;
  pages++;
  console.log(
    `${path.basename(source).padEnd(28)} ${(100 * rb).toFixed(1)}% → ${(100 * ra).toFixed(1)}%  fixed ${fixed}, broken ${broken}, other ${other}; ${ms.toFixed(1)} ms`,
  );
  if (process.env.SHOW) console.log('   ', changes.join(', '));
}
if (pages > 1)
  console.log(
    `mean over ${pages} pages: ${((100 * sumBefore) / pages).toFixed(2)}% → ${((100 * sumAfter) / pages).toFixed(2)}%; ` +
      `words fixed ${totals.fixed}, broken ${totals.broken}, other ${totals.other}; slowest page ${totals.ms.toFixed(1)} ms`,
  );

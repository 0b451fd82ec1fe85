/**
 * Builds pipeline/node/ocr/lexicon/vi-bigrams.txt.gz, the table that
 * pipeline/node/ocr/diacritics.ts uses to put back the tone marks tesseract
 * misreads: how often each written form of a Vietnamese syllable occurs, and
 * how often each pair of written syllables stands side by side, both keyed by
 * the letters without marks ("to chuc" → "tổ chức" 37493, "tố chức" 9, "tô chức" 6).
 *
 *   npx tsx scripts/ocr-lexicon/build.ts [--every K] [--with-encyclopaedia] [--max-bytes N] [--out FILE]
 *
 * Source: the markdown pages of a legal portal (laws, decrees, decisions,
 * plans, questions and answers on them) in a local snapshot of
 * github.com/tnt305/tai_lieu_noi_bo, src/etl/dataset/*.md, sorted by name,
 * every K-th taken (K = 1: all), the pages kept aside to measure the project
 * never read, the encyclopaedia pages of the dataset left out unless
 * --with-encyclopaedia. Lines seen before are skipped, so a page's
 * boilerplate (menus, advertisements) counts once, not once per page.
 *
 * Text: NFC, lower case; a syllable is a run of letters that forms a
 * Vietnamese syllable; a pair counts only when the two are separated by
 * spaces alone (punctuation, digits, a foreign word end a run).
 *
 * Pruned to fit --max-bytes (default 3 MB gzipped): rare written forms and
 * rare pairs are dropped, the lowest count that fits is chosen. Output is the
 * same for the same snapshot and options (the date written is the commit's).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { baseOf, isSyllable } from '../../pipeline/node/ocr/diacritics.js';

const REPOSITORY = 'https://github.com/tnt305/tai_lieu_noi_bo';
const COMMIT = '94c5034af72cc7e5020694d06eceb126a103d48b';
const SNAPSHOT = process.env.PHULUC_LEXICON_REPO ?? '/work/.mirror/tnt305+tai_lieu_noi_bo/repo';
const DATASET = 'src/etl/dataset/';
/** Pages kept aside to measure the project: never read here. */
const EXCLUDED = [
  'c5d930a5fc8373cd',
  '31786b0833a4130d',
  'f004d93b21e7fc5f',
  '74e2ddc7b11340da',
  '192068354fd1ffe5',
  '2edf5927c71bc4c1',
  'ad5aff6c13929815',
  '6a406c1f9dfed9c3',
  '09daab284f92e2dd',
];

/**
 * Encyclopaedia pages (Wikipedia copies: history, places, people) make half
 * the dataset's bytes; their language skews the pairs away from the
 * administrative ("phân bố", "bố và" for "phân bổ"), so by default they are
 * left out (measured: more misreads put right, fewer right words spoilt).
 */
const ENCYCLOPAEDIA = /sửa mã nguồn|Bước tới nội dung|Wikipedia/u;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const every = Math.max(1, Number(option('--every', '1')));
const maxBytes = Number(option('--max-bytes', String(3_000_000)));
const withEncyclopaedia = process.argv.includes('--with-encyclopaedia');
const outFile = path.resolve(option('--out', path.join(root, 'pipeline/node/ocr/lexicon/vi-bigrams.txt.gz')));

// ---------------------------------------------------------------------------
// The pages

const git = (...args: string[]) => execFileSync('git', ['-C', SNAPSHOT, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const head = git('rev-parse', 'HEAD').trim();
if (head !== COMMIT) console.warn(`warning: snapshot is at ${head}, not ${COMMIT}`);
const commitDate = git('log', '-1', '--format=%cI', 'HEAD').trim();

const excluded = new Set(EXCLUDED);
const all = git('ls-tree', '-r', '--name-only', 'HEAD', DATASET)
  .split('\n')
  .filter((p) => p.endsWith('.md'))
  .sort();
const allowed = all.filter((p) => !excluded.has(path.basename(p, '.md')));
const chosen = allowed.filter((_, i) => i % every === 0);
console.log(`${all.length} pages, ${all.length - allowed.length} kept aside, ${chosen.length} read (every ${every})`);

/** Each page's text, through one `git cat-file --batch`. */
async function* pages(paths: string[]): AsyncGenerator<string> {
  const child = spawn('git', ['-C', SNAPSHOT, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  // Requests are written as the output is read, so neither pipe fills up.
  let asked = 0;
  const ask = (n: number) => {
    const end = Math.min(paths.length, asked + n);
    let s = '';
    for (; asked < end; asked++) s += `HEAD:${paths[asked]}\n`;
    if (s) child.stdin.write(s);
    if (asked === paths.length) child.stdin.end();
  };
  ask(64);
  let buf: Buffer = Buffer.alloc(0);
  let got = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      const nl = buf.indexOf(10);
      if (nl < 0) break;
      const header = buf.subarray(0, nl).toString('utf8').split(' ');
      if (header[1] === 'missing') throw new Error(`missing: ${header[0]}`);
      const size = Number(header[2]);
      if (buf.length < nl + 1 + size + 1) break;
      yield buf.subarray(nl + 1, nl + 1 + size).toString('utf8');
      buf = buf.subarray(nl + 1 + size + 1);
      if (++got % 32 === 0) ask(32);
    }
  }
  if (got !== paths.length) throw new Error(`read ${got} of ${paths.length} pages`);
}

// ---------------------------------------------------------------------------
// Counting

/** Markdown and web dressing off a line; what is left is prose, table cells and headings. */
function clean(line: string): string {
  return line
    .replace(/\[sửa[^\]]*\]/giu, ' | ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/(?:https?:\/\/|www\.)\S+/giu, ' | ')
    .replace(/[*_`]/gu, '')
    .replace(/^#+\s*/u, '')
    .trim();
}

/** A 52-bit fingerprint of a line (two FNV-1a hashes): enough to tell some millions of lines apart. */
function fingerprint(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

const ID_BITS = 2 ** 20;
const ids = new Map<string, number>();
const words: string[] = [];
const uni: number[] = [];
const bi = new Map<number, number>();
const seen = new Set<number>();
let tokens = 0;
let pairs = 0;
let lines = 0;
let repeated = 0;

function idOf(w: string): number {
  let id = ids.get(w);
  if (id === undefined) {
    id = words.length;
    if (id >= ID_BITS) throw new Error('too many distinct syllables');
    ids.set(w, id);
    words.push(w);
    uni.push(0);
  }
  return id;
}

function countLine(line: string): void {
  // Split into letter runs and what lies between; only spaces between two syllables make a pair.
  const parts = line.normalize('NFC').toLowerCase().split(/([\p{L}\p{M}]+)/u);
  let prev = -1;
  for (let i = 1; i < parts.length; i += 2) {
    const w = parts[i]!;
    if (!/^[ \t\u00a0]+$/u.test(parts[i - 1]!)) prev = -1;
    if (!isSyllable(w)) {
      prev = -1;
      continue;
    }
    const id = idOf(w);
    uni[id]!++;
    tokens++;
    if (prev >= 0) {
      const key = prev * ID_BITS + id;
      bi.set(key, (bi.get(key) ?? 0) + 1);
      pairs++;
    }
    prev = id;
  }
}

const t0 = Date.now();
let n = 0;
let skipped = 0;
for await (const text of pages(chosen)) {
  if (!withEncyclopaedia && ENCYCLOPAEDIA.test(text)) {
    skipped++;
    continue;
  }
  for (const raw of text.split('\n')) {
    const line = clean(raw);
    if (!line) continue;
    const fp = fingerprint(line);
    if (seen.has(fp)) {
      repeated++;
      continue;
    }
    seen.add(fp);
    lines++;
    countLine(line);
  }
  if (++n % 1000 === 0) console.log(`  ${n} pages, ${tokens} syllables, ${bi.size} pairs, ${Math.round((Date.now() - t0) / 1000)} s`);
}
console.log(`${n} pages used (${skipped} encyclopaedia pages left out): ${lines} lines (${repeated} repeats skipped), ${tokens} syllables (${words.length} written forms), ${pairs} pairs (${bi.size} distinct)`);

// ---------------------------------------------------------------------------
// Pruning and writing

/** Written forms by base form, most frequent first (ties by code units, for a stable file). */
function byBase(minCount: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let id = 0; id < words.length; id++) {
    if (uni[id]! < minCount) continue;
    const b = baseOf(words[id]!);
    const list = out.get(b) ?? [];
    list.push(id);
    out.set(b, list);
  }
  for (const list of out.values()) list.sort((x, y) => uni[y]! - uni[x]! || cmp(words[x]!, words[y]!));
  return out;
}

/** Code-unit order, the order the reader's binary search assumes. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A written form is kept when it is not a stray: seen at least MIN_UNI
 * times and at least SHARE of its base form's count (so a typing slip such
 * as "nưóc" is no candidate for "nuoc").
 */
const MIN_UNI = 3;
const SHARE = 0.0005;

const bases = byBase(MIN_UNI);
const keep = new Set<number>();
for (const list of bases.values()) {
  const total = list.reduce((s, id) => s + uni[id]!, 0);
  for (const id of list) if (uni[id]! >= SHARE * total || list.length === 1) keep.add(id);
}

const unigramLines: string[] = [];
for (const [b, list] of bases) {
  const kept = list.filter((id) => keep.has(id));
  if (kept.length) unigramLines.push(`${b}\t${kept.map((id) => `${words[id]} ${uni[id]}`).join('\t')}`);
}
unigramLines.sort((x, y) => cmp(x.slice(0, x.indexOf('\t')), y.slice(0, y.indexOf('\t'))));

/** Pairs of kept forms grouped by the pair of base forms; within a group most frequent first. */
interface Group {
  key: string;
  items: Array<[number, number, number]>;
}
const groupMap = new Map<string, Group>();
for (const [key, c] of bi) {
  if (c < 2) continue;
  const a = Math.floor(key / ID_BITS);
  const b = key % ID_BITS;
  if (!keep.has(a) || !keep.has(b)) continue;
  const k = `${baseOf(words[a]!)} ${baseOf(words[b]!)}`;
  let g = groupMap.get(k);
  if (!g) groupMap.set(k, (g = { key: k, items: [] }));
  g.items.push([a, b, c]);
}
const groups = [...groupMap.values()].sort((x, y) => cmp(x.key, y.key));
for (const g of groups) g.items.sort((x, y) => y[2] - x[2] || cmp(words[x[0]]!, words[y[0]]!) || cmp(words[x[1]]!, words[y[1]]!));

function bigramLines(minCount: number): string[] {
  const out: string[] = [];
  for (const g of groups) {
    const items = g.items.filter((it) => it[2] >= minCount);
    if (items.length) out.push(`${g.key}\t${items.map(([a, b, c]) => `${words[a]} ${words[b]} ${c}`).join('\t')}`);
  }
  return out;
}

function render(minCount: number): { bytes: Buffer; entries: number } {
  const bl = bigramLines(minCount);
  const entries = bl.reduce((s, l) => s + l.split('\t').length - 1, 0);
  const header = [
    '# phuluc OCR lexicon: Vietnamese written syllables and pairs of them, keyed by their letters without marks (đ as d), lower case',
    `# repository: ${REPOSITORY}`,
    `# commit: ${head}`,
    `# date: ${commitDate} (the commit's)`,
    `# files: ${DATASET}*.md sorted by name, ${every === 1 ? 'all' : `every ${every}th`}: ${n} of ${all.length} pages used (${skipped} encyclopaedia pages ${withEncyclopaedia ? 'kept' : 'left out'}), ${lines} distinct lines`,
    `# excluded: ${EXCLUDED.join(' ')}`,
    `# syllables: ${tokens}; pairs: ${pairs}`,
    `# kept: written forms seen >= ${MIN_UNI} times and >= ${SHARE} of their base; pairs seen >= ${minCount} times`,
    '# format: "@unigrams", then "base<TAB>form count<TAB>…"; "@bigrams", then "base1 base2<TAB>form1 form2 count<TAB>…"; keys sorted by code unit',
    `@total ${tokens}`,
  ];
  const text = [...header, '@unigrams', ...unigramLines, '@bigrams', ...bl, ''].join('\n');
  return { bytes: gzipSync(Buffer.from(text, 'utf8'), { level: 9 }), entries };
}

// The lowest pair count that fits the budget.
let min = 2;
let out = render(min);
while (out.bytes.length > maxBytes) out = render(++min);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, out.bytes);
console.log(`${path.relative(root, outFile)}: ${out.bytes.length} bytes; ${unigramLines.length} base forms, ${out.entries} pairs (seen >= ${min} times); ${Math.round((Date.now() - t0) / 1000)} s`);

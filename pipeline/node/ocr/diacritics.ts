import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { stripDiacritics } from '../../normalise/text.js';

/**
 * Diacritic post-correction of tesseract's Vietnamese. On Times New Roman
 * scans tesseract reads the letters well but misreads the tone marks, most of
 * all over â/ê/ô ("nổ" → "nỗ"/"nô", "thẩm" → "thâm", "đề" → "để"), and
 * reads those words less surely (mostly 80–92, some up to 96, against 95–97
 * for words it reads right). A doubtful word is re-chosen among the ways its
 * letters are written in real Vietnamese administrative text, by how often
 * each way follows its left neighbour and precedes its right one (a
 * word-bigram table built by scripts/ocr-lexicon/build.ts), against a prior
 * for what tesseract read that grows with its confidence.
 *
 * In: the words of one text line in reading order, with tesseract's
 * confidence (punctuation may cling to a word: "nô.", "(VLNCN),").
 * Out: the words' texts, same length and order, a doubtful word's marks
 * replaced where the table clearly favours another reading; punctuation,
 * case (first capital, or all capitals), numbers, abbreviations, foreign
 * words and the words read surely are kept as they are.
 */

// ---------------------------------------------------------------------------
// Syllables

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** The syllable's letters without any mark, đ as d, lower case: what a misread keeps. */
export function baseOf(syllable: string): string {
  return stripDiacritics(syllable.toLowerCase());
}

/**
 * Letters of a Vietnamese syllable: onset, one to three vowels, coda. Loose
 * on the vowels (a table entry only ever comes from real text), strict enough
 * to refuse abbreviations ("UBND", "VLNCN") and foreign letters (f, j, w, z).
 */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/u;

/** Whether a lower-case word is one Vietnamese syllable: its letters, at most one tone, marks on letters that take them. */
export function isSyllable(word: string): boolean {
  const nfd = word.normalize('NFD');
  if (!/^[a-zđ\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]+$/u.test(nfd) || !SYLLABLE.test(baseOf(word))) return false;
  if ((nfd.match(TONES) ?? []).length > 1) return false;
  for (let i = 0; i < nfd.length; i++) {
    const c = nfd[i]!;
    if (!/[\u0300-\u036f]/u.test(c)) continue;
    // The letter the mark sits on (NFD may put a dot below before a circumflex: "ậ" = a + ̣ + ̂).
    let j = i - 1;
    while (j >= 0 && /[\u0300-\u036f]/u.test(nfd[j]!)) j--;
    const letter = nfd[j] ?? '';
    const ok = c === '\u0302' ? /[aeo]/u.test(letter) : c === '\u0306' ? letter === 'a' : c === '\u031b' ? /[ou]/u.test(letter) : /[aeiouy]/u.test(letter);
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The table

/**
 * The lexicon as its text and the start of each of its lines, searched by
 * halving (the file's keys are sorted by code unit): loading is one gunzip
 * and one pass for line ends, no map of half a million keys to build.
 */
interface Table {
  text: string;
  /** Syllables counted, for the unigram probability. */
  total: number;
  unigrams: Int32Array;
  bigrams: Int32Array;
}

const LEXICON = new URL('./lexicon/vi-bigrams.txt.gz', import.meta.url);
let table: Table | undefined;

function load(): Table {
  if (table) return table;
  const text = gunzipSync(readFileSync(LEXICON)).toString('utf8');
  const uni: number[] = [];
  const bi: number[] = [];
  let section: number[] | undefined;
  let total = 0;
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end + 1;
    const c = text.charCodeAt(at);
    if (c === 0x40 /* @ */) {
      const line = text.slice(at, next).trim();
      if (line === '@unigrams') section = uni;
      else if (line === '@bigrams') section = bi;
      else if (line.startsWith('@total ')) total = Number(line.slice(7));
    } else if (c !== 0x23 /* # */ && next - at > 1 && section) section.push(at);
    at = next;
  }
  table = { text, total: Math.max(1, total), unigrams: Int32Array.from(uni), bigrams: Int32Array.from(bi) };
  return table;
}

/** The entries of a key ("form count" or "form1 form2 count", tab-separated), or '' when the key is absent. */
function find(t: Table, lines: Int32Array, key: string): string {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = lines[mid]!;
    const tab = t.text.indexOf('\t', at);
    const k = t.text.slice(at, tab);
    if (k === key) {
      const end = t.text.indexOf('\n', tab);
      return t.text.slice(tab + 1, end < 0 ? undefined : end);
    }
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return '';
}

/**
 * A reading: a form's letter shapes and its tone, wherever the tone sits.
 * "ủy" and "uỷ", "hòa" and "hoà" are one reading written in two styles; the
 * correction changes readings, never the style of a word it keeps.
 */
const readings = new Map<string, string>();
function readingOf(form: string): string {
  let r = readings.get(form);
  if (r === undefined) {
    const nfd = form.normalize('NFD');
    const tone = /[\u0300\u0301\u0303\u0309\u0323]/u.exec(nfd)?.[0] ?? '';
    r = nfd.replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC') + tone;
    readings.set(form, r);
  }
  return r;
}

interface Readings {
  /** Count of each reading of a base (all its written styles together). */
  count: Map<string, number>;
  /** The reading's most frequent written form, what a replaced word becomes. */
  form: Map<string, string>;
}

const readingsCache = new Map<string, Readings>();
function readingsOf(t: Table, base: string): Readings {
  let out = readingsCache.get(base);
  if (!out) {
    out = { count: new Map(), form: new Map() };
    const raw = find(t, t.unigrams, base);
    // Forms come most frequent first, so the first of a reading names it.
    for (const item of raw ? raw.split('\t') : []) {
      const sp = item.lastIndexOf(' ');
      const form = item.slice(0, sp);
      const r = readingOf(form);
      out.count.set(r, (out.count.get(r) ?? 0) + Number(item.slice(sp + 1)));
      if (!out.form.has(r)) out.form.set(r, form);
    }
    readingsCache.set(base, out);
  }
  return out;
}

/** Counts of pairs of readings for a pair of bases: "reading1 reading2" → count. */
const pairsCache = new Map<string, Map<string, number>>();
function pairsOf(t: Table, base1: string, base2: string): Map<string, number> {
  const key = `${base1} ${base2}`;
  let out = pairsCache.get(key);
  if (!out) {
    out = new Map();
    const raw = find(t, t.bigrams, key);
    for (const item of raw ? raw.split('\t') : []) {
      const [a, b, c] = item.split(' ');
      const k = `${readingOf(a!)} ${readingOf(b!)}`;
      out.set(k, (out.get(k) ?? 0) + Number(c));
    }
    pairsCache.set(key, out);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Correction

export interface OcrLineWord {
  text: string;
  /** Tesseract's word confidence, 0–100. */
  conf: number;
}

export interface RestoreOptions {
  /** Words read at or above this confidence are taken as read. */
  maxConf?: number;
}

/**
 * Tesseract's misreads of tone marks run up to 96.9 (measured: 300, 200 and
 * 150 dpi scans of plans and letters); no word at 97 or more was misread.
 */
const MAX_CONF = 97;
/**
 * The prior for what tesseract read, in nats: another reading must be this
 * much likelier in context to replace it, from KEEP_LOW for a word read at
 * KEEP_FROM or less to KEEP_HIGH for one read at KEEP_TO or more.
 */
const KEEP_LOW = 2;
const KEEP_HIGH = 6;
const KEEP_FROM = 85;
const KEEP_TO = 96;
// A word read surely (at maxConf or more) is never changed, but as a neighbour it has the same prior, not
// certainty: tesseract is now and then surely wrong ("thâm/97 quyên/78."), and a wrong neighbour must not
// pull its neighbour wrong too.
/** Further doubt about a reading that changes a letter's shape (a/ă/â, e/ê, o/ô/ơ, u/ư) besides its tone: tesseract seldom does that. */
const RESHAPE = 3;
/** Weight of a word's own frequency where a pair was never seen (Dirichlet smoothing of the bigram). */
const ALPHA = 200;

function keepOf(conf: number): number {
  const x = Math.min(1, Math.max(0, (conf - KEEP_FROM) / (KEEP_TO - KEEP_FROM)));
  return KEEP_LOW + x * (KEEP_HIGH - KEEP_LOW);
}

interface Slot {
  /** Punctuation before and after the word's letters ("(", "),"), kept as it is. */
  pre: string;
  core: string;
  post: string;
  /** The core in lower case when it is one Vietnamese syllable. */
  syllable?: string;
  caps: 'lower' | 'first' | 'all' | 'mixed';
  conf: number;
}

function slot(w: OcrLineWord): Slot {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(w.text.normalize('NFC'))!;
  const core = m[2]!;
  const lower = core.toLowerCase();
  const caps =
    core === lower ? 'lower' : core === core[0]! + core.slice(1).toLowerCase() ? 'first' : core === core.toUpperCase() ? 'all' : 'mixed';
  return { pre: m[1]!, core, post: m[3]!, syllable: isSyllable(lower) ? lower : undefined, caps, conf: w.conf };
}

/** A reading's letter shapes without its tone: "thẩm" → "thâm". */
function shapeOf(reading: string): string {
  return reading.replace(/[\u0300\u0301\u0303\u0309\u0323]$/u, '');
}

function recase(form: string, caps: Slot['caps']): string {
  if (caps === 'all') return form.toUpperCase();
  if (caps === 'first') return form[0]!.toUpperCase() + form.slice(1);
  return form;
}

/**
 * The words of one text line with the doubtful ones re-chosen. Each run of
 * syllables joined by spaces alone (punctuation ends a run, as it ends a pair
 * in the table) is decoded as a whole, so two misread neighbours
 * ("tô chưc") are put right together and a misread neighbour read surely does
 * not mislead: each word may take any reading of its letters, scored by the
 * bigram model plus the prior for what was read; the best sequence wins
 * (Viterbi), and only doubtful words take its choice.
 */
export function restoreDiacritics(words: OcrLineWord[], opts: RestoreOptions = {}): string[] {
  const out = words.map((w) => w.text);
  if (words.length < 2) return out;
  const maxConf = opts.maxConf ?? MAX_CONF;
  const t = load();
  const slots = words.map(slot);
  const capitalWord = (s: Slot | undefined) => s?.syllable !== undefined && s.caps === 'all';
  const doubtful = slots.map((s, i) => {
    if (s.syllable === undefined || s.conf >= maxConf || s.caps === 'mixed') return false;
    // A syllable in capitals among words in lower case is an abbreviation ("CA"); in a heading it is a word.
    if (s.caps === 'all' && s.core.length > 1) return capitalWord(slots[i - 1]) || capitalWord(slots[i + 1]);
    return true;
  });
  const joined = (i: number) => slots[i]!.syllable !== undefined && slots[i + 1]!.syllable !== undefined && slots[i]!.post === '' && slots[i + 1]!.pre === '';
  for (let i = 0; i < slots.length; ) {
    let j = i;
    while (j < slots.length - 1 && joined(j)) j++;
    // A word alone has no neighbour to go by.
    if (j > i && doubtful.slice(i, j + 1).some(Boolean)) {
      const texts = decodeRun(t, slots.slice(i, j + 1), doubtful.slice(i, j + 1));
      texts.forEach((text, k) => {
        if (text !== undefined) out[i + k] = text;
      });
    }
    i = j + 1;
  }
  return out;
}

/** Viterbi over a run of joined syllables: the new text of each changed word (undefined where kept). */
function decodeRun(t: Table, run: Slot[], doubtful: boolean[]): Array<string | undefined> {
  const n = run.length;
  const reads = run.map((s) => readingOf(s.syllable!));
  const bases = reads.map(baseOf);
  const tables = bases.map((b) => readingsOf(t, b));
  // Every reading of the word's letters; đ is a letter of its own, not a mark, and tesseract does not confuse it with d.
  const options = reads.map((read, k) => {
    const all = [...tables[k]!.count.keys()].filter((r) => (r[0] === 'đ') === (read[0] === 'đ'));
    return all.includes(read) ? all : [...all, read];
  });
  const counts = options.map((o, k) => o.map((r) => tables[k]!.count.get(r) ?? 0));
  const prior = options.map((o, k) =>
    o.map((r) => (r === reads[k] ? keepOf(run[k]!.conf) : shapeOf(r) === shapeOf(reads[k]!) ? 0 : -RESHAPE)),
  );
  const logP = (c: number) => Math.log((c + 0.5) / t.total);

  let score = options[0]!.map((_, a) => logP(counts[0]![a]!) + prior[0]![a]!);
  const back: Int32Array[] = [];
  for (let k = 1; k < n; k++) {
    const prev = options[k - 1]!;
    const cur = options[k]!;
    // P(y | x) = (c(x y) + ALPHA·P(y)) / (c(x) + ALPHA): a pair never seen falls back on how common y is.
    const seen = new Float64Array(prev.length * cur.length);
    const at = new Map(cur.map((r, b) => [r, b]));
    const from = new Map(prev.map((r, a) => [r, a]));
    for (const [pair, c] of pairsOf(t, bases[k - 1]!, bases[k]!)) {
      const sp = pair.indexOf(' ');
      const a = from.get(pair.slice(0, sp));
      const b = at.get(pair.slice(sp + 1));
      if (a !== undefined && b !== undefined) seen[a * cur.length + b] = c;
    }
    const next = new Array<number>(cur.length);
    const arg = new Int32Array(cur.length);
    for (let b = 0; b < cur.length; b++) {
      const smooth = ALPHA * ((counts[k]![b]! + 0.5) / t.total);
      let best = -Infinity;
      for (let a = 0; a < prev.length; a++) {
        const s = score[a]! + Math.log((seen[a * cur.length + b]! + smooth) / (counts[k - 1]![a]! + ALPHA));
        if (s > best) {
          best = s;
          arg[b] = a;
        }
      }
      next[b] = best + prior[k]![b]!;
    }
    back.push(arg);
    score = next;
  }

  const out = new Array<string | undefined>(n);
  let a = score.indexOf(Math.max(...score));
  for (let k = n - 1; k >= 0; k--) {
    const r = options[k]![a]!;
    if (doubtful[k] && r !== reads[k]) {
      const s = run[k]!;
      out[k] = s.pre + recase(tables[k]!.form.get(r)!, s.caps) + s.post;
    }
    if (k > 0) a = back[k - 1]![a]!;
  }
  return out;
}

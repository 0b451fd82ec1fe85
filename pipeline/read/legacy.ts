/**
 * Vietnamese text typed before Unicode: the TCVN3 (ABC) and VNI encodings of
 * the .VnTime and VNI-Times fonts. Old files arrive as such bytes (decode.ts),
 * or as "Unicode" text that is really those bytes read as Latin-1 or
 * Windows-1252 ("KÕ ho¹ch", "Keá hoaïch"), in any format. This file decides
 * whether a text is such mojibake, by the share of its words that read as
 * Vietnamese syllables once decoded, and repairs it; characters that neither
 * Latin-1 nor Windows-1252 has ("№", "✓") are kept as they are. The byte
 * tables are in legacy-tables.ts.
 */
import type { Block, Doc } from '../model/doc.js';
import { CP1252_HIGH, capitaliseCapsFont, decodeVni, tcvn3Letters } from './legacy-tables.js';

export { decodeTcvn3, decodeVni } from './legacy-tables.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

/** Words so frequent in plans that counting them tells Vietnamese from mojibake. */
const COMMON = new Set(
  (
    'các của và thực hiện kế hoạch nhiệm vụ cơ quan tỉnh ủy ban nhân dân năm thời gian chủ trì phối hợp đơn vị ' +
    'triển khai theo trên địa bàn công tác xã phường sở được trong người quý tổ chức đến liên nội dung phát quản ' +
    'lý báo cáo về cho này những việc thường xuyên tế tài chính giáo dục đào tạo hướng dẫn đảm bảo nâng cao ' +
    'tăng cường chỉ đạo kiểm tra giám sát đề án quyết định nghị số ngày tháng hội đồng trình ban hành'
  ).split(' '),
);

function words(s: string): string[] {
  return s.toLowerCase().match(/\p{L}+/gu) ?? [];
}

function commonHits(s: string): number {
  let hits = 0;
  for (const w of words(s)) if (COMMON.has(w)) hits++;
  return hits;
}

/** How Vietnamese a text reads: common words per word, minus letters no Vietnamese text has. */
export function vietnameseScore(s: string): number {
  const n = words(s).length;
  if (n === 0) return 0;
  const junk = (s.match(/[\u00B0-\u00BF\u00C0-\u00DF\u0080-\u009F¡-§ªµ·¹]/gu) ?? []).length;
  return (commonHits(s) - junk) / n;
}

/** Letters only real Unicode Vietnamese has (ă đ ĩ ũ ơ ư and the toned letters U+1EA0–U+1EF9): never mojibake. */
const UNICODE_ONLY = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/u;
/** A character that could be a legacy byte read as Latin-1 or Windows-1252. */
const LEGACY_BYTE = /[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u03BC\u2013-\u203A\u20AC\u2122]/u;

// ---- syllables ---------------------------------------------------------------------

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/gu;
/** A tone mark on a consonant ("ñ" read from VNI): no Vietnamese syllable has one. */
const TONE_ON_CONSONANT = /(?<![aeiouy][\u0302\u0306\u031B]?)[\u0300\u0301\u0303\u0309\u0323]/u;
/** Onset, vowels, final consonant; "qu" and "gi" take their glide ("quốc", "giữa"; "gì" is g + i). */
const SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]{1,3})(ch|ng|nh|[cmnpt])?$/u;
/** Vowel groups of Vietnamese: those that may take a final consonant, and those that may not. */
const NUCLEUS_CLOSED = new Set('a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ ươ uy yê uyê'.split(' '));
const NUCLEUS_OPEN = new Set(
  'ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu oai oao oay oeo uây uôi ươi ươu uya uyu yêu'.split(' '),
);
/** Word edges: anything not a letter and not a Latin-1 byte (digits, "–", "“", "№"). */
const EDGE = /^[^\p{L}\u0080-\u00FF]+|[^\p{L}\u0080-\u00FF]+$/gu;

/** A Vietnamese syllable: onset, a vowel group Vietnamese has, a final consonant it allows, one tone on a vowel. */
function isSyllable(word: string): boolean {
  const d = word.toLowerCase().normalize('NFD');
  if ((d.match(TONE)?.length ?? 0) > 1 || TONE_ON_CONSONANT.test(d)) return false;
  const m = SYLLABLE.exec(d.replace(TONE, '').normalize('NFC'));
  if (!m) return false;
  const nucleus = m[2]!;
  const coda = m[3];
  return coda ? NUCLEUS_CLOSED.has(nucleus) : NUCLEUS_CLOSED.has(nucleus) || NUCLEUS_OPEN.has(nucleus);
}

/** Words with a non-ASCII character, and how many of them are Vietnamese syllables. */
function syllables(s: string): { valid: number; total: number } {
  let valid = 0;
  let total = 0;
  for (const raw of s.split(/\s+/)) {
    const w = raw.replace(EDGE, '');
    if (!/[^\x00-\x7F]/.test(w)) continue;
    total++;
    if (isSyllable(w)) valid++;
  }
  return { valid, total };
}

// ---- decoding text -------------------------------------------------------------------

/** The byte a character stands for when legacy bytes were read as Latin-1 / Windows-1252. */
function byteOf(cp: number): number | undefined {
  if (cp <= 0xff) return cp;
  if (cp === 0x03bc) return 0xb5; // NFKC (pdf.js) turns the micro sign µ into Greek μ
  return CP1252_HIGH[cp];
}

/**
 * Text that is really `encoding` bytes read as Latin-1 or Windows-1252,
 * decoded; other characters are kept where they are.
 */
export function decodeLegacyText(s: string, encoding: LegacyEncoding): string {
  let out = '';
  let codes: number[] = [];
  const flush = () => {
    if (codes.length) out += encoding === 'tcvn3' ? tcvn3Letters(codes) : decodeVni(codes);
    codes = [];
  };
  for (const ch of s) {
    const b = byteOf(ch.codePointAt(0)!);
    if (b === undefined) {
      flush();
      out += ch;
    } else codes.push(b);
  }
  flush();
  out = out.normalize('NFC');
  return encoding === 'tcvn3' ? capitaliseCapsFont(out) : out;
}

// ---- deciding ------------------------------------------------------------------------

const SAMPLE_CHARS = 200_000;
/** How much larger a decoded share of syllables must be than the text's as it is (20 points). */
const MIN_GAIN = 0.2;

/**
 * The legacy encoding the pieces of one document (lines, cells, text runs)
 * are in, or null: decoded, at least 70% of their non-ASCII words (and 20
 * points more than before) must be Vietnamese syllables, and more of them
 * (two at least) words common in plans. Pieces holding real Unicode
 * Vietnamese are left out.
 */
export function detectLegacyEncoding(pieces: readonly string[]): LegacyEncoding | null {
  let sample = '';
  for (const p of pieces) {
    if (sample.length > SAMPLE_CHARS) break;
    if (LEGACY_BYTE.test(p) && !UNICODE_ONLY.test(p)) sample += p + '\n';
  }
  if (!sample) return null;
  const raw = syllables(sample);
  const rawShare = raw.total ? raw.valid / raw.total : 0;
  // A decoded share is at most 1: when the text as it is already reads that well, no decoding can beat it
  // by 20 points (the test below), so nothing need be decoded (Unicode Vietnamese without its own letters: "các", "và").
  if (rawShare + MIN_GAIN > 1) return null;
  const rawScore = vietnameseScore(sample);
  const rawHits = commonHits(sample);
  let best: { encoding: LegacyEncoding; share: number; score: number } | null = null;
  for (const encoding of ['tcvn3', 'vni'] as const) {
    const text = decodeLegacyText(sample, encoding);
    const d = syllables(text);
    const share = d.total ? d.valid / d.total : 0;
    if (d.valid < 3 || share < 0.7 || share < rawShare + MIN_GAIN) continue;
    const score = vietnameseScore(text);
    if (score < rawScore || commonHits(text) < Math.max(2, rawHits + 1)) continue;
    if (!best || share > best.share || (share === best.share && score > best.score)) best = { encoding, share, score };
  }
  return best?.encoding ?? null;
}

/** One piece of a document found to be in `encoding`: repaired unless it reads better as it is. */
export function repairPiece(s: string, encoding: LegacyEncoding): string {
  return decodedIfBetter(s, encoding) ?? s;
}

/** `s` decoded, or null when it holds real Unicode Vietnamese or loses syllables or common words ("các"). */
function decodedIfBetter(s: string, encoding: LegacyEncoding): string | null {
  if (!LEGACY_BYTE.test(s) || UNICODE_ONLY.test(s)) return null;
  const d = decodeLegacyText(s, encoding);
  if (d === s) return null;
  return syllables(d).valid >= syllables(s).valid && commonHits(d) >= commonHits(s) ? d : null;
}

/**
 * A Unicode text that is really TCVN3 or VNI read as Latin-1 ("KÕ ho¹ch"),
 * repaired line by line; null when the text reads better as it is.
 */
export function repairLegacyText(s: string): { text: string; encoding: LegacyEncoding } | null {
  if (!LEGACY_BYTE.test(s)) return null;
  const lines = s.split('\n');
  const encoding = detectLegacyEncoding(lines);
  if (!encoding) return null;
  const text = lines.map((l) => repairPiece(l, encoding)).join('\n');
  return text === s ? null : { text, encoding };
}

/** A document's paragraphs and cells repaired when most of it is legacy mojibake; the same Doc otherwise. */
export function repairLegacyDoc(doc: Doc): Doc {
  const pieces: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'para') pieces.push(b.text);
    else for (const r of b.rows) for (const c of r.cells) pieces.push(c.text);
  }
  const encoding = detectLegacyEncoding(pieces);
  if (!encoding) return doc;
  return mapText(doc, (s) => repairPiece(s, encoding));
}

/** The same document with every paragraph's and cell's text passed through `fix`. */
export function mapText(doc: Doc, fix: (s: string) => string): Doc {
  const blocks: Block[] = doc.blocks.map((b) =>
    b.kind === 'para'
      ? { ...b, text: fix(b.text) }
      : { ...b, rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, text: fix(c.text) })) })) },
  );
  return { ...doc, blocks };
}

// ---- fonts -----------------------------------------------------------------------------

export interface LegacyFont {
  encoding: LegacyEncoding;
  /** A capital font (.VnTimeH): every letter shows as a capital. */
  caps: boolean;
}

/**
 * The encoding a font name tells: ".VnTime", ".VnArialH" (TCVN3; "H" the
 * capital font), "VNI-Times", "VNI-Helve" (VNI). PDF names may carry a
 * subset prefix ("ABCDEF+.VnTime") and a style (",Bold", "-Italic").
 */
export function legacyFont(name: string | null | undefined): LegacyFont | null {
  if (!name) return null;
  const base = name
    .trim()
    .replace(/^[A-Z]{6}\+/, '')
    .replace(/[,-]?\s*(bold|italic|oblique|regular|bolditalic|boldoblique)+$/i, '')
    .trim();
  if (/^vni[-_ ]?[a-z]/i.test(base)) return { encoding: 'vni', caps: false };
  if (/^\.?vn[a-z]/i.test(base)) return { encoding: 'tcvn3', caps: /H$/.test(base) };
  return null;
}

/** Text set in a legacy font, decoded; Unicode Vietnamese typed in that font ("Sở", "các") is kept. */
export function repairFontText(s: string, font: LegacyFont): string {
  const d = decodedIfBetter(s, font.encoding);
  return d === null ? s : font.caps ? d.toUpperCase() : d;
}

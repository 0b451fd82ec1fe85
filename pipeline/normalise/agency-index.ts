/**
 * Agency names → their matching keys (`agencyKey`), and an agency dictionary → its index (`indexOf`): the
 * entries by key, the word prefixes of its names, and the memos of answers already given with it.
 * Lookups go through the index: a name → its entry (`lookupEntry`), a text → whether it begins with a
 * dictionary name (`dictPrefix`).
 *
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */
import type { AgencyDictionary, AgencyEntry } from './agency-dictionary.js';
import { cleanText, foldKey } from './text.js';
import { Memo, remembered } from './memo.js';

/**
 * The matching key of a name: `foldKey` (case, tone placement, spacing) plus "&" read as " và ", and the
 * spacing around "-" and "," made uniform, so "Sở LĐ-TB&XH" = "sở lđ - tb và xh" = "Sở LĐ - TB và XH".
 * Remembered: cut-finding in column-less text asks for the same short pieces thousands of times.
 */
export const agencyKey: (s: string) => string = remembered(computeAgencyKey, 50_000);

function computeAgencyKey(s: string): string {
  // Each step runs only where its character is there to change: most names have no "&", dash or comma.
  let k = foldKey(s);
  if (k.includes('&')) k = k.replace(/\s*&\s*/g, ' và ');
  if (DASH_RE.test(k)) k = k.replace(/\s*[-–—]\s*/g, ' - ');
  if (k.includes(',')) k = k.replace(/\s*,\s*/g, ', ');
  if (ODD_SPACE_RE.test(k)) k = k.replace(/\s+/g, ' ');
  if (TRAILING_STOP_RE.test(k)) k = k.replace(/[\s.;:,]+$/, '');
  return k.trim();
}

const DASH_RE = /[-–—]/;
/** White space other than one plain space: what folding spaces to single ones changes. */
const ODD_SPACE_RE = /[^\S ]| {2}/;
const TRAILING_STOP_RE = /[\s.;:,]$/;

/** Field names that contain "và" / "-": a "và" inside one never splits ("Sở Kế hoạch và Đầu tư"). */
const FIELD_NAMES = [
  'Kế hoạch và Đầu tư',
  'Khoa học và Công nghệ',
  'Giáo dục và Đào tạo',
  'Nông nghiệp và Môi trường',
  'Nông nghiệp và Phát triển nông thôn',
  'Tài nguyên và Môi trường',
  'Thông tin và Truyền thông',
  'Văn hóa, Thể thao và Du lịch',
  'Thể thao và Du lịch',
  'Văn hóa và Thể thao',
  'Văn hóa và Thông tin',
  'Dân tộc và Tôn giáo',
  'Phát thanh và Truyền hình',
  'Kinh tế, Hạ tầng và Đô thị',
  'Hạ tầng và Đô thị',
  'Kinh tế và Hạ tầng',
  'Tài chính và Kế hoạch',
  'Thương binh và Xã hội',
  'Lao động - Thương binh và Xã hội',
  'Giao thông và Vận tải',
  'Phòng cháy và Chữa cháy',
  'An ninh và Trật tự',
  'Tuyên giáo và Dân vận',
  'HĐND và UBND',
  'Hội đồng nhân dân và Ủy ban nhân dân',
  'ĐBQH và HĐND',
  'Đoàn đại biểu Quốc hội và Hội đồng nhân dân',
];
export const FIELD_KEYS = new Set(FIELD_NAMES.map(agencyKey));

/** Level words that a prefix of a dictionary name may stop before and still be a whole name ("Hội Nông dân"). */
const LEVEL_SUFFIX_RE = / (?:tỉnh|xã|phường|việt nam|cấp tỉnh|cấp xã|cấp huyện|đặc khu)$/u;

/** What `canonicalAgency` answers; declared here because the index memoises it. */
export interface CanonicalAgency {
  canonical: string;
  successor: string | null;
  collective: boolean;
}

export interface Index {
  byKey: Map<string, AgencyEntry>;
  /** Strict word prefixes of dictionary names ("sở kh và đầu", "ubnd cấp"): an unfinished name. */
  prefixes: Set<string>;
  /**
   * Prefixes that stop at a comma of a dictionary name ("Báo và Phát thanh" of "Báo và Phát thanh, Truyền hình
   * tỉnh"): often a name of their own ("UBND các huyện"), but a capitalised part after one continues it.
   */
  commaPrefixes: Set<string>;
  /**
   * Answers already given with this dictionary, by input: the finders ask about the same cells and names
   * again and again (a plan of a dozen tasks splits some 20 distinct cells 50 times). Pure, cleared when full.
   */
  memo: {
    split: Memo<string, string[]>;
    canonical: Memo<string, CanonicalAgency>;
    list: Memo<string, boolean>;
    starts: Memo<string, boolean>;
    dictPrefix: Memo<string, boolean>;
  };
}


const INDEX_CACHE = new WeakMap<AgencyDictionary, Index>();

export function indexOf(dict: AgencyDictionary): Index {
  let idx = INDEX_CACHE.get(dict);
  if (idx) return idx;
  const byKey = new Map<string, AgencyEntry>();
  // Later entries win (a user's extension is appended after the base).
  for (const entry of dict.entries) {
    for (const name of [...entry.aliases, entry.canonical]) {
      const k = agencyKey(name);
      if (k) byKey.set(k, entry);
    }
  }
  const prefixes = new Set<string>();
  const commaPrefixes = new Set<string>();
  for (const k of byKey.keys()) {
    const words = k.split(' ');
    for (let n = 1; n < words.length; n++) {
      const p = agencyKey(words.slice(0, n).join(' '));
      if (!p || byKey.has(p)) continue;
      if (words[n - 1]!.endsWith(',')) {
        commaPrefixes.add(p);
        continue;
      }
      // "Hội Nông dân" before "tỉnh" is a whole name at another level, not an unfinished one.
      if (LEVEL_SUFFIX_RE.test(k) && k.replace(LEVEL_SUFFIX_RE, '') === p) continue;
      prefixes.add(p);
    }
  }
  idx = { byKey, prefixes, commaPrefixes, memo: { split: new Memo(), canonical: new Memo(), list: new Memo(), starts: new Memo(), dictPrefix: new Memo() } };
  INDEX_CACHE.set(dict, idx);
  return idx;
}

/** Bracket groups removed: "Sở Y tế (cơ quan thường trực)" is looked up as "Sở Y tế". */
export function withoutGroups(s: string): string {
  return cleanText(s.replace(/\([^()]*\)/g, ' '));
}

/**
 * Keys to try for a name, most exact first: the name; without the province's own name ("Thuế tỉnh Tuyên
 * Quang" → "Thuế tỉnh"); without a trailing level word ("Sở Y tế tỉnh" → "Sở Y tế", "Phòng Văn hóa - Xã hội
 * phường" → "Phòng Văn hóa - Xã hội"); with "các" in front of a bare generic ("đơn vị liên quan").
 */
function keyCandidates(name: string): string[] {
  const clean = withoutGroups(name);
  const out: string[] = [];
  const add = (k: string) => {
    if (k && !out.includes(k)) out.push(k);
  };
  add(agencyKey(clean));
  const place = /^(.*\s(?:tỉnh|Tỉnh|thành phố|Thành phố))\s+\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*$/u.exec(clean);
  if (place?.[1]) add(agencyKey(place[1]));
  for (const k of [...out]) {
    const m = /^(.+?) (?:cấp )?(?:tỉnh|xã|phường|đặc khu|thị trấn)$/u.exec(k);
    if (m?.[1]) add(agencyKey(m[1]));
  }
  for (const k of [...out]) if (!k.startsWith('các ')) add(`các ${k}`);
  return out;
}

export function lookupEntry(name: string, idx: Index): AgencyEntry | null {
  for (const k of keyCandidates(name)) {
    const hit = idx.byKey.get(k);
    if (hit) return hit;
  }
  return null;
}

/** Does the text begin with a dictionary name (followed by the end or a word break)? */
export function dictPrefix(text: string, idx: Index): boolean {
  const words = cleanText(text).split(' ');
  const m = Math.min(words.length, DICT_PREFIX_WORDS);
  // Only the first ten words count: texts that share them (the longer cuts of one row's text) share the answer.
  const head = m < words.length ? words.slice(0, m).join(' ') : words.join(' ');
  return idx.memo.dictPrefix.get(head, () => {
    for (let n = m; n >= 1; n--) {
      if (idx.byKey.has(agencyKey(words.slice(0, n).join(' ')))) return true;
    }
    return false;
  });
}

const DICT_PREFIX_WORDS = 10;

/**
 * Agency cells ("Cơ quan chủ trì", "Cơ quan phối hợp") → the agencies, split the way a person reads them,
 * and each agency → its canonical name, its 2025 successor and whether it is a collective.
 *
 * Pure code, no Node imports: the Excel add-in bundles it too.
 *
 * How a cell is read (named steps, in this order):
 * 1. `joinWrappedLines`: a cell's lines are one text again. A bullet starts a new agency; any other line
 *    break is a separator only when the text before it ends a complete agency and the next line starts a new
 *    one ("Sở Y tế\nSở Giáo dục"); otherwise it is a wrapped line ("UBND cấp \nhuyện") and joins with a space.
 * 2. `dropQualifiers`: role clauses that are not agencies go ("theo chức năng, nhiệm vụ được giao",
 *    "theo quy định", "(chủ trì)", a leading "Đề nghị").
 * 3. `tokenize`: words, commas, semicolons and bracket groups ("(cơ quan thường trực)" is one token, so
 *    nothing inside brackets ever splits).
 * 4. Split on ";" — always a separator.
 * 5. Split on "," into parts, then `splitRunTogether`: two names with the separator lost
 *    ("Sở Khoa học và Công nghệ Sở Công Thương") are cut where a capitalised head word follows a complete,
 *    known name.
 * 6. `mergeContinuations`: a part that does not start a new agency continues the one before
 *    ("các sở" + "ngành"; "UBND các huyện" + "thành phố"); a dictionary name with commas is taken whole
 *    ("Sở Văn hóa, Thể thao và Du lịch").
 * 7. `splitAtVa`: "và" splits where it joins two agencies ("Sở Nội vụ và các cơ quan …") but not inside a
 *    name ("Sở Khoa học và Công nghệ", "Văn phòng HĐND và UBND").
 * 8. `finish`: a leading "và" and a trailing full stop go; the rest is kept as written.
 *
 * "Starts a new agency" is one decision (`startsNewItem`) used by steps 1, 6 and 7, told which separator it is
 * deciding on. A head word (Sở, Bộ, UBND, Công an, "các …") or a dictionary name starts one; a bare generic noun
 * ("cơ quan, đơn vị có liên quan") does only after a specific agency, not inside a list of generic nouns
 * ("Các sở, ngành, đơn vị liên quan" stays whole); a capitalised name without a head word ("VNPT Quảng Ngãi")
 * does after a comma or "và" but never after a bare line break, because PDF lines wrap inside names.
 *
 * "Complete" (`isComplete`) guards the weak separators (line breaks, run-together names): a name that ends in a
 * dangling word ("UBND cấp", "các cơ quan, đơn") or is the start of a dictionary name ("Sở KH và Đầu") is not.
 */
import { DEFAULT_AGENCIES, type AgencyDictionary, type AgencyEntry } from './agency-dictionary.js';
import { cleanText, dropTrailingStop, foldKey, hasBullet, stripBullet } from './text.js';
import { Memo } from './memo.js';

export type { AgencyDictionary, AgencyEntry } from './agency-dictionary.js';

// ───────────────────────────── keys and the dictionary index ─────────────────────────────

/**
 * The matching key of a name: `foldKey` (case, tone placement, spacing) plus "&" read as " và ", and the
 * spacing around "-" and "," made uniform, so "Sở LĐ-TB&XH" = "sở lđ - tb và xh" = "Sở LĐ - TB và XH".
 */
export function agencyKey(s: string): string {
  // Cut-finding in column-less text asks for the same short pieces thousands of times.
  return KEY_MEMO.get(s, computeAgencyKey);
}

const KEY_MEMO = new Memo<string, string>(50_000);

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
const FIELD_KEYS = new Set(FIELD_NAMES.map(agencyKey));

/** Level words that a prefix of a dictionary name may stop before and still be a whole name ("Hội Nông dân"). */
const LEVEL_SUFFIX_RE = / (?:tỉnh|xã|phường|việt nam|cấp tỉnh|cấp xã|cấp huyện|đặc khu)$/u;

interface Index {
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

function indexOf(dict: AgencyDictionary): Index {
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
function withoutGroups(s: string): string {
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

function lookupEntry(name: string, idx: Index): AgencyEntry | null {
  for (const k of keyCandidates(name)) {
    const hit = idx.byKey.get(k);
    if (hit) return hit;
  }
  return null;
}

/** Does the text begin with a dictionary name (followed by the end or a word break)? */
function dictPrefix(text: string, idx: Index): boolean {
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

// ───────────────────────────── head words ─────────────────────────────

/** Not followed by a letter or digit (JS `\b` does not know Vietnamese letters). */
const END = '(?![\\p{L}\\p{N}])';

/** Heads that begin an agency name whatever follows (folded: lower case, new tone placement). */
const FIXED_HEADS = [
  'ủy ban nhân dân',
  'ubnd',
  'hđnd',
  'hội đồng nhân dân',
  'hội đồng',
  'ubmttq',
  'ub mttq',
  'mttq',
  'mặt trận tổ quốc',
  'ủy ban',
  'công an',
  'bảo hiểm xã hội',
  'bhxh',
  'kho bạc',
  'kbnn',
  'ngân hàng',
  'nhnn',
  'liên đoàn lao động',
  'lđlđ',
  'tỉnh đoàn',
  'thành đoàn',
  'huyện đoàn',
  'đoàn thanh niên',
  'tỉnh ủy',
  'huyện ủy',
  'thành ủy',
  'thị ủy',
  'đảng ủy',
  'thuế tỉnh',
  'thuế thành phố',
  'thuế cơ sở',
  'cục thuế',
  'chi cục',
  'văn phòng',
  'trung tâm',
  'bệnh viện',
  'trạm y tế',
  'bộ chỉ huy',
  'bộ đội biên phòng',
  'bchqs',
  'viện kiểm sát',
  'tòa án',
  'thanh tra tỉnh',
  'thanh tra chính phủ',
  'thanh tra huyện',
  'thanh tra sở',
  'thanh tra bộ',
  'bưu điện',
  'liên minh hợp tác xã',
  'tổng liên đoàn',
  'thông tấn xã',
  'công ty cổ phần',
  'công ty tnhh',
  'báo và phát thanh',
  'viettel',
  'vnpt',
].sort((a, b) => b.length - a.length);

/** Heads that are a name alone ("Tỉnh đoàn", "UBMTTQ"); other heads need a word after them. */
const SELF_COMPLETE_HEADS = new Set([
  'tỉnh đoàn', 'thành đoàn', 'huyện đoàn', 'tỉnh ủy', 'huyện ủy', 'thành ủy', 'thị ủy', 'đảng ủy',
  'ubmttq', 'mttq', 'bhxh', 'kbnn', 'nhnn', 'hđnd', 'lđlđ', 'thuế tỉnh', 'thuế thành phố', 'thuế cơ sở',
]);

/**
 * Party committees are written after other names ("Ban Tuyên giáo Tỉnh ủy", "Văn phòng Tỉnh ủy"): they never
 * mark a lost separator.
 */
const SUFFIX_HEADS = new Set(['tỉnh ủy', 'huyện ủy', 'thành ủy', 'thị ủy', 'đảng ủy']);

/**
 * Heads that are also ordinary words ("Ban hành", "Báo cáo", "Hội nghị", "Phòng, chống", "Bộ tiêu chí"):
 * an agency only when the next word is capitalised ("Ban Quản lý", "Báo Nghệ An", "Hội Nông dân").
 */
const CAPITAL_HEADS = [
  'sở', 'bộ', 'phòng', 'ban', 'cục', 'tổng cục', 'vụ', 'đài', 'báo', 'hội', 'trường', 'học viện', 'viện',
  'trạm', 'đoàn', 'thanh tra', 'thuế', 'công ty', 'tổng công ty', 'tập đoàn', 'quỹ', 'chi nhánh',
  'hiệp hội', 'khu', 'cảng vụ', 'điện lực',
].sort((a, b) => b.length - a.length);

/** Generic nouns: "các <noun>" is a group of agencies ("các sở", "các cơ quan", "các đơn vị"). */
const GENERIC_NOUNS = [
  'cơ quan', 'đơn vị', 'sở', 'bộ', 'ban', 'ngành', 'tổ chức', 'phòng', 'hội', 'đoàn thể', 'địa phương',
  'cơ sở', 'tổ dân phố', 'thôn', 'xã', 'phường', 'huyện', 'tỉnh', 'doanh nghiệp', 'trường', 'bệnh viện',
  'trung tâm', 'trạm', 'chi cục', 'cục', 'vụ', 'viện', 'lực lượng', 'hiệp hội', 'thành viên', 'ủy ban',
  'ubnd', 'đảng ủy', 'chi bộ', 'bộ phận', 'nhà trường', 'huyện ủy', 'đoàn', 'chi hội', 'tổ',
  'ngân hàng', 'tổ chức tín dụng', 'chủ thể', 'trường học', 'hợp tác xã', 'ấp', 'cá nhân',
].sort((a, b) => b.length - a.length);

const GROUP_START_RE = new RegExp(`^(?:các|những|mọi) (?:${GENERIC_NOUNS.join('|')})${END}`, 'u');

/** Generic nouns that, bare, open a collective ("cơ quan, đơn vị có liên quan", "sở, ngành liên quan"). */
const BARE_NOUNS = ['cơ quan', 'đơn vị', 'sở', 'ban', 'ngành', 'địa phương', 'đoàn thể'];
const BARE = `(?:${BARE_NOUNS.join('|')})`;
const BARE_START_RE = new RegExp(`^${BARE}${END}`, 'u');
/** A bare generic noun followed by another, a comma, or "(có) liên quan". */
const BARE_GENERIC_RE = new RegExp(`^${BARE}(?:\\s*,|\\s+(?:có\\s+)?liên quan${END}|\\s+${BARE}${END})`, 'u');
/** The same, or a bare generic noun alone (a part cut at its comma: "cơ quan"). */
const GENERIC_LIST_RE = new RegExp(`^(?:(?:các|những|mọi|toàn thể)\\s|${BARE}(?:$|\\s*,|\\s+(?:có\\s+)?liên quan${END}|\\s+${BARE}${END}))`, 'u');

function startsUpper(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase();
}

function isWordEnd(f: string, i: number): boolean {
  return i >= f.length || /[\s,;.()\-–:/]/.test(f.charAt(i));
}

interface HeadOptions {
  /** The head itself must be capitalised (a name run together with the one before). */
  capital?: boolean;
  /** Leave out heads that are written after other names ("Tỉnh ủy"). */
  noSuffixHeads?: boolean;
}

interface Head {
  /** Length of the head in the cleaned text. */
  length: number;
  /** A name on its own ("Tỉnh đoàn", "các cơ quan"). */
  complete: boolean;
}

/** The head word an agency name begins with, if any. `t` must be cleaned (`cleanText`). */
function headOf(t: string, opts: HeadOptions = {}): Head | null {
  if (!t || (opts.capital && !startsUpper(t))) return null;
  const f = foldKey(t);
  for (const h of FIXED_HEADS) {
    if (opts.noSuffixHeads && SUFFIX_HEADS.has(h)) continue;
    if (f.startsWith(h) && isWordEnd(f, h.length)) return { length: h.length, complete: SELF_COMPLETE_HEADS.has(h) };
  }
  for (const h of CAPITAL_HEADS) {
    if (!f.startsWith(`${h} `)) continue;
    const next = t.slice(h.length + 1);
    if (/^\p{Lu}/u.test(next)) return { length: h.length, complete: false };
  }
  const g = GROUP_START_RE.exec(f);
  if (g) return { length: g[0].length, complete: true };
  return null;
}

function isGenericList(prev: string): boolean {
  const f = foldKey(prev).replace(/^và\s+/u, '');
  if (GENERIC_LIST_RE.test(f)) return true;
  // "Sở Nội vụ và các cơ quan" + ", đơn vị liên quan": the list continues the last agency, after "và".
  const tail = f.split(/\svà\s/u).pop() ?? '';
  return tail !== f && GENERIC_LIST_RE.test(tail);
}

/** What separates `prev` from `next`: a comma, "và", or a line break (the weakest: PDF lines wrap inside names). */
type Sep = 'comma' | 'va' | 'line';

/** Generic nouns in lower case continue a list of them: "Các bệnh viện, trung tâm y tế khu vực". */
const GENERIC_NOUN_START_RE = new RegExp(`^(?:${GENERIC_NOUNS.filter((g) => !/ủy|ubnd/u.test(g)).join('|')})${END}`, 'u');
/** Kinds of place continue the name before them: "UBND các huyện, thành phố, thị xã", "Ban phát triển ấp 3, ấp 5". */
const UNIT_START_RE = new RegExp(`^(?:xã|phường|huyện|thị xã|thành phố|thị trấn|đặc khu|quận|tỉnh|ấp|thôn|bản|khu phố|tổ dân phố)${END}`, 'u');
/** A name ending in its level or place is whole: "Hiệp hội Doanh nghiệp tỉnh". */
const LEVEL_END_RE = new RegExp(`(?:^|\\s)(?:tỉnh|xã|phường|huyện|thành phố|thị xã|đặc khu|quận|trung ương|việt nam)$`, 'u');
/** An abbreviation in capitals: "VCCI", "VNPT", "CDC". */
const ABBREV_RE = /^[A-ZĐ][A-ZĐ0-9&]+$/u;

function firstWord(s: string): string {
  return s.split(' ')[0] ?? '';
}

/** A name cut short: it ends in a dangling word or is the start of a dictionary name ("Sở Khoa học"). */
function isUnfinished(prev: string, idx: Index): boolean {
  const s = withoutGroups(prev);
  if (!s || lookupEntry(s, idx)) return false;
  const k = agencyKey(s);
  return endsDangling(s) || idx.prefixes.has(k) || idx.commaPrefixes.has(k);
}

/**
 * Do the capitalised parts from here on read as the fields of one name, "A, B và C"
 * ("Thể thao và Truyền thanh" after "Trung tâm Văn hóa")?
 */
function fieldListAhead(rest: string): boolean {
  for (const part of rest.split(/\s*,\s*/u)) {
    if (!part || headOf(part) || !startsUpper(part)) return false;
    const m = /(?:^|\s)(?:và|&)\s+(\S+)/u.exec(part);
    if (m) return !ABBREV_RE.test(m[1] ?? '');
  }
  return false;
}

/**
 * Does `next` start a new agency after `prev`? In order:
 * - a bare generic noun ("cơ quan, đơn vị có liên quan") does after a specific agency, not inside a list of
 *   generic nouns ("Các sở, ngành, đơn vị liên quan"); a lower-case generic noun continues such a list;
 * - a head word, a dictionary name, or "các …" does;
 * - a kind of place ("thành phố", "ấp 5") or any lower-case word does not;
 * - after a comma or "và", a capitalised name no head word announces ("VNPT Quảng Ngãi", "Liên minh Hợp tác
 *   xã tỉnh") does, unless the name before is unfinished or the parts read as fields of one name; after
 *   "và" only where it is an abbreviation or the name before is whole ("Hiệp hội Doanh nghiệp tỉnh và VCCI").
 */
function startsNewItem(prev: string, next: string, idx: Index, sep: Sep): boolean {
  const n = cleanText(next).replace(/^và\s+/iu, '');
  if (!n) return false;
  const f = foldKey(n);
  // "… và địa phương", "… và các địa phương" after a collective: two collectives ("Các sở, ban, ngành và địa phương").
  if (sep === 'va' && /^(?:các )?địa phương$/u.test(f)) return isCollective(prev);
  // "… liên quan đến VLNCN, TCTN": abbreviations listed inside a name, not a new agency.
  if (sep === 'comma' && /^[A-ZĐ]{2,}$/u.test(n) && /\s[A-ZĐ]{2,}$/u.test(cleanText(prev)) && !lookupEntry(n, idx)) return false;
  const head = headOf(n);
  const bareGeneric = BARE_GENERIC_RE.test(f);
  // ("Ban phát triển ấp 3" is a name, not the bare noun "ban".)
  if (!head && BARE_START_RE.test(f) && (bareGeneric || !startsUpper(n))) return bareGeneric && !isGenericList(prev);
  if (sep !== 'line' && !startsUpper(n) && GENERIC_NOUN_START_RE.test(f) && isGenericList(prev)) return false;
  if (head || dictPrefix(n, idx)) return true;
  if (sep !== 'line' && /^(?:các|những)\s/u.test(f)) return true;
  if (sep === 'line' || UNIT_START_RE.test(f) || !startsUpper(n)) return false;
  if (!prev || isUnfinished(prev, idx)) return false;
  const known = lookupEntry(prev, idx) !== null;
  if (sep === 'va') {
    if (/(?:^|\s)(?:và|&)\s/u.test(n)) return false;
    return ABBREV_RE.test(firstWord(n)) || known || LEVEL_END_RE.test(foldKey(withoutGroups(prev)));
  }
  return known || !fieldListAhead(n);
}

/** Words that cannot end a name: the name goes on ("UBND cấp", "các cơ quan, đơn", "Ủy ban Mặt trận Tổ"). */
const DANGLING = new Set([
  'và', 'các', 'cấp', 'của', 'thuộc', 'trực', 'với', 'cùng', 'đơn', 'cơ', 'liên', 'có', 'tổ', 'chi',
  'trung', 'ngân', 'kho', 'bảo', 'mặt', 'tổng', 'ngang', '-', '&',
]);

/**
 * Head words that cannot end a name when written capitalised ("Sở Y tế Sở"); in lower case they end
 * ordinary words ("Nội vụ", "Xã hội", "Môi trường", "Biên phòng", "cơ sở").
 */
const DANGLING_HEADS = new Set(['sở', 'bộ', 'phòng', 'ban', 'cục', 'hội', 'đài', 'báo', 'vụ', 'viện', 'trường', 'trạm', 'ubnd']);

/** …unless it names the parent body: "các đơn vị thuộc Bộ", "Văn phòng Sở", "Thanh tra Bộ". */
const PARENT_REF_RE = /(?:^|\s)(?:thuộc|của|văn phòng|thanh tra|lãnh đạo) \S+$/u;

function endsDangling(s: string): boolean {
  const t = cleanText(s);
  if (/[-–&,(]$/.test(t)) return true;
  const last = t.split(' ').pop() ?? '';
  const f = foldKey(last);
  if (DANGLING.has(f)) return true;
  return DANGLING_HEADS.has(f) && startsUpper(last) && !PARENT_REF_RE.test(foldKey(t));
}

/** Is `item` a whole agency name, not one cut short by a line break? */
function isComplete(item: string, idx: Index): boolean {
  const s = withoutGroups(item);
  if (!s) return false;
  if (lookupEntry(s, idx)) return true;
  if (endsDangling(s)) return false;
  const f = foldKey(s);
  if (idx.prefixes.has(agencyKey(s))) return false;
  const head = headOf(s);
  if (head) return head.complete || s.slice(head.length).trim().length > 0;
  // "VCCI Đà Nẵng": an abbreviation then capitalised words.
  if (/^[A-ZĐ][A-ZĐ0-9&]+(?:\s+\p{Lu}\S*)*$/u.test(s)) return true;
  return BARE_GENERIC_RE.test(f) || isCollective(s);
}

// ───────────────────────────── step 1: lines ─────────────────────────────

/** "Cơ quan chủ trì:", "Phối hợp:" … in front of the agencies (labelled prose tasks). */
const LABEL_RE = /^(?:(?:cơ\s+quan|đơn\s+vị)\s+)?(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)\s*:\s*/iu;

function joinWrappedLines(cell: string, idx: Index): string {
  let text = '';
  for (const raw of cell.split(/\r\n|\r|\n/)) {
    const c = cleanText(raw);
    if (!c) continue;
    const bullet = hasBullet(c);
    const line = cleanText(stripBullet(c).replace(LABEL_RE, ''));
    if (!line) continue;
    text = text ? text + breakBetween(text, line, bullet, idx) + line : line;
  }
  return text;
}

/** What joins two lines of a cell: a separator "; ", a space, or nothing (a word cut at its hyphen). */
function breakBetween(left: string, next: string, bullet: boolean, idx: Index): string {
  if (bullet) return '; ';
  if (/[;,]$/.test(left)) return ' ';
  if (/\p{L}-$/u.test(left)) return '';
  const chunk = left.slice(left.lastIndexOf(';') + 1);
  if (unbalanced(chunk)) return ' ';
  const last = splitJoined(chunk, idx).pop();
  if (last && isComplete(last, idx) && startsNewItem(last, next, idx, 'line')) return '; ';
  return ' ';
}

function unbalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
  }
  return depth > 0;
}

// ───────────────────────────── step 2: qualifiers ─────────────────────────────

/** Role clauses: they say how an agency takes part, they are not agencies. */
const QUALIFIERS: RegExp[] = [
  /theo\s+chức\s+năng\s*,?\s*nhiệm\s+vụ(?:\s*\(?\s*(?:được\s+giao|thực\s+hiện|của\s+(?:mình|ngành|đơn\s+vị)|quản\s+lý)\s*\)?)?(?:\s+(?:được\s+giao|thực\s+hiện))?/giu,
  /theo\s+quy\s+định(?:\s+(?:của\s+pháp\s+luật|hiện\s+hành))?/giu,
  /chủ\s+trì\s+hướng\s+dẫn\s*,?\s*tổng\s+hợp/giu,
  /thúc\s+đẩy\s*,?\s*theo\s+dõi\s*,?\s*báo\s+cáo/giu,
  /theo\s+(?:thẩm\s+quyền|phân\s+cấp|lĩnh\s+vực\s+(?:quản\s+lý|phụ\s+trách|được\s+giao))/giu,
  // A role verb closing the list: "…; Sở Nông nghiệp và Môi trường tổng hợp."
  /\s+(?:chủ\s+trì|phối\s+hợp|tổng\s+hợp|thực\s+hiện|theo\s+dõi)(?:\s*,\s*(?:chủ\s+trì|phối\s+hợp|tổng\s+hợp|thực\s+hiện|theo\s+dõi))*\s*(?=[;.]|$)/giu,
];

/** "(chủ trì)", "(phối hợp)": the column already says the role. */
const ROLE_GROUP_RE = /^\(\s*(?:chủ\s+trì|phối\s+hợp|đầu\s+mối|chủ\s+trì\s*,\s*phối\s+hợp)\s*\)$/iu;

/** "Đề nghị Ủy ban Mặt trận …", "Giao Sở Y tế …": the request, not the agency. */
const REQUEST_RE = /^(?:đề\s+nghị|giao|yêu\s+cầu)\s+/iu;

function dropQualifiers(text: string, idx: Index): string {
  let t = text;
  for (const re of QUALIFIERS) t = t.replace(re, ' ');
  const m = REQUEST_RE.exec(t);
  if (m && startsNewItem('', t.slice(m[0].length), idx, 'line')) t = t.slice(m[0].length);
  return t;
}

// ───────────────────────────── step 3: tokens ─────────────────────────────

type TokKind = 'word' | 'comma' | 'semi' | 'group';
interface Tok {
  kind: TokKind;
  text: string;
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push({ kind: 'word', text: word });
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (/\s/.test(c)) flush();
    else if (c === ';') {
      flush();
      out.push({ kind: 'semi', text: ';' });
    } else if (c === ',') {
      // "Sở VH,TT&DL": a comma between capitals with no space is part of an abbreviation.
      if (/\p{Lu}/u.test(s.charAt(i - 1)) && /\p{Lu}/u.test(s.charAt(i + 1))) word += c;
      else {
        flush();
        out.push({ kind: 'comma', text: ',' });
      }
    } else if (c === '(' && closingParen(s, i) > 0) {
      flush();
      const end = closingParen(s, i);
      const group = cleanText(s.slice(i, end + 1));
      if (!ROLE_GROUP_RE.test(group)) out.push({ kind: 'group', text: group });
      i = end;
    } else word += c;
  }
  flush();
  return out;
}

function render(toks: Tok[]): string {
  let s = '';
  for (const t of toks) {
    if (t.kind === 'comma' || t.kind === 'semi') s += t.text;
    else s += (s ? ' ' : '') + t.text;
  }
  return s;
}

function splitOn(toks: Tok[], kind: TokKind): Tok[][] {
  const out: Tok[][] = [[]];
  for (const t of toks) {
    if (t.kind === kind) out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((p) => p.length > 0);
}

// ───────────────────────────── steps 5–8: parts → agencies ─────────────────────────────

interface Part {
  toks: Tok[];
  /** Starts a new agency whatever it says: it was cut from a run-together name. */
  hard: boolean;
}

/** Does a dictionary or field name cover the words on both sides of the gap before token `j`? */
function spansKnownName(toks: Tok[], j: number, idx: Index, gapIsToken = false): boolean {
  const lo = Math.max(0, j - 8);
  const hi = Math.min(toks.length, j + 9);
  for (let s = lo; s < j; s++) {
    for (let e = j + (gapIsToken ? 2 : 1); e <= hi; e++) {
      const k = agencyKey(render(toks.slice(s, e)));
      if (idx.byKey.has(k) || FIELD_KEYS.has(k)) return true;
    }
  }
  return false;
}

/** Text after the last "và", or the whole text. */
function afterLastVa(s: string): string {
  const parts = s.split(/\s+và\s+/iu);
  return parts[parts.length - 1] ?? s;
}

/**
 * Cut a part where a name runs into the next without a separator: the left side must be a known name (or end
 * with one after "và") and the right side must begin with a capitalised head word.
 */
function splitRunTogether(parts: Tok[][], idx: Index): Part[] {
  const out: Part[] = [];
  for (const toks of parts) {
    let start = 0;
    let hard = false;
    for (let j = start + 1; j < toks.length; j++) {
      const w = toks[j]!;
      if (w.kind !== 'word' || !startsUpper(w.text)) continue;
      if (!headOf(render(toks.slice(j)), { capital: true, noSuffixHeads: true })) continue;
      const left = render(toks.slice(start, j));
      if (!lookupEntry(left, idx) && !lookupEntry(afterLastVa(left), idx)) continue;
      if (spansKnownName(toks, j, idx)) continue;
      out.push({ toks: toks.slice(start, j), hard });
      start = j;
      hard = true;
    }
    out.push({ toks: toks.slice(start), hard });
  }
  return out;
}

const COMMA: Tok = { kind: 'comma', text: ',' };

function joinParts(parts: Part[]): Tok[] {
  const out: Tok[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(COMMA);
    out.push(...p.toks);
  });
  return out;
}

/** The end (exclusive) of the longest dictionary name with commas starting at part `i`, else `i + 1`. */
function knownSpan(parts: Part[], i: number, idx: Index): number {
  let maxEnd = i + 1;
  while (maxEnd < parts.length && maxEnd < i + 8 && !parts[maxEnd]!.hard) maxEnd++;
  for (let e = maxEnd; e > i + 1; e--) {
    const text = render(joinParts(parts.slice(i, e))).replace(/^và\s+/iu, '');
    if (lookupEntry(text, idx)) return e;
  }
  return i + 1;
}

function mergeContinuations(parts: Part[], idx: Index): Tok[][] {
  const items: Tok[][] = [];
  let i = 0;
  while (i < parts.length) {
    const end = knownSpan(parts, i, idx);
    let cur = joinParts(parts.slice(i, end));
    i = end;
    while (i < parts.length && !parts[i]!.hard) {
      const rest = render(joinParts(parts.slice(i)));
      if (startsNewItem(render(cur), rest, idx, 'comma')) break;
      cur = [...cur, COMMA, ...parts[i]!.toks];
      i++;
    }
    items.push(cur);
  }
  return items;
}


/** The word "và" however written: only "v" or "V" folds to its first letter, so other words are not folded. */
function isVa(word: string): boolean {
  return (word.includes('v') || word.includes('V')) && foldKey(word) === 'và';
}

/** Split at each "và" that joins two agencies. */
function splitAtVa(item: Tok[], idx: Index): Tok[][] {
  const out: Tok[][] = [];
  let start = 0;
  for (let j = 0; j < item.length; j++) {
    const t = item[j]!;
    if (t.kind !== 'word' || !isVa(t.text)) continue;
    if (j === start) {
      start = j + 1; // a leading "và" (", và các cơ quan …")
      continue;
    }
    const left = render(item.slice(start, j));
    const right = render(item.slice(j + 1));
    if (!right || endsDangling(left)) continue;
    if (spansKnownName(item, j, idx, true)) continue;
    if (!startsNewItem(left, right, idx, 'va')) continue;
    out.push(item.slice(start, j));
    start = j + 1;
  }
  out.push(item.slice(start));
  return out;
}

function finish(toks: Tok[]): string | null {
  let s = render(toks).replace(/^và\s+/iu, '');
  s = dropTrailingStop(stripBullet(s));
  // Separators left at either end ("Sở Y tế , .") are not part of the name.
  s = s.replace(/^[\s,;:.\-–]+/u, '').replace(/[\s,;:.]+$/u, '').trim();
  return /\p{L}/u.test(s) ? s : null;
}

/** Steps 2–8 on one line of text. */
function splitJoined(text: string, idx: Index): string[] {
  const toks = tokenize(splitSlashedNames(dropQualifiers(text, idx)));
  const out: string[] = [];
  for (const chunk of splitOn(toks, 'semi')) {
    const parts = splitRunTogether(splitOn(chunk, 'comma'), idx);
    for (const item of mergeContinuations(parts, idx)) {
      for (const piece of splitAtVa(item, idx)) {
        const s = finish(piece);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

/**
 * "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh": two names joined by a slash become two items;
 * "UBND các tỉnh/thành phố", "Sở KH/CN" stay whole (the right side is no capitalised agency name).
 */
function splitSlashedNames(text: string): string {
  return text.replace(/([^\s/;,]{2,})\s*\/\s*(?=\p{Lu})/gu, (whole, left: string, offset: number, all: string) => {
    const right = all.slice(offset + whole.length);
    const leftStart = Math.max(all.lastIndexOf(';', offset), all.lastIndexOf(',', offset)) + 1;
    const leftName = all.slice(leftStart, offset + left.length);
    return headOf(right) && headOf(leftName.trim()) && leftName.trim().split(/\s+/).length >= 2 ? `${left}; ` : whole;
  });
}

// ───────────────────────────── public API ─────────────────────────────

/** The agencies of a cell, as written, in order. */
export function splitAgencies(cell: string | null | undefined, dict: AgencyDictionary = DEFAULT_AGENCIES): string[] {
  if (!cell) return [];
  const idx = indexOf(dict);
  // A copy: callers may change the list they get.
  return [...idx.memo.split.get(cell, () => splitJoined(joinWrappedLines(cell, idx), idx))];
}

export interface CanonicalAgency {
  canonical: string;
  successor: string | null;
  collective: boolean;
}

/**
 * The canonical name of an agency, its successor after the 2025 reorganisation (null when it still exists or
 * is unknown), and whether it is a collective. An unknown name is its own canonical name.
 */
export function canonicalAgency(name: string, dict: AgencyDictionary = DEFAULT_AGENCIES): CanonicalAgency {
  const idx = indexOf(dict);
  // A copy: callers may change the object they get.
  return { ...idx.memo.canonical.get(name, () => canonicalOnce(name, idx)) };
}

function canonicalOnce(name: string, idx: Index): CanonicalAgency {
  const clean = dropTrailingStop(cleanText(name));
  const entry = lookupEntry(clean, idx);
  if (!entry) return { canonical: clean, successor: null, collective: isCollective(clean) };
  return { canonical: entry.canonical, successor: successorOf(entry, idx), collective: entry.collective ?? isCollective(clean) };
}

/** Follow successors to today's agency ("UBND cấp huyện" → "Ủy ban nhân dân cấp xã"). */
function successorOf(entry: AgencyEntry, idx: Index): string | null {
  let cur = entry;
  let name: string | null = null;
  const seen = new Set<AgencyEntry>([entry]);
  while (cur.successor) {
    const next = idx.byKey.get(agencyKey(cur.successor));
    name = next?.canonical ?? cur.successor;
    if (!next || seen.has(next)) break;
    seen.add(next);
    cur = next;
  }
  return name;
}

const UNIT = '(?:xã|phường|huyện|thị xã|thành phố|thị trấn|đặc khu|quận|tỉnh)';
/** "UBND cấp huyện", "Công an cấp xã", "UBND các xã, phường": one committee per unit, none answers alone. */
const PER_UNIT_RE = new RegExp(`(?:^|\\s)(?:cấp (?:xã|huyện|cơ sở)|các ${UNIT})${END}`, 'u');
/** "UBND xã, phường", "UBND xã phường": a list of unit kinds. */
const UNIT_LIST_RE = new RegExp(`(?:^|\\s)${UNIT},? ${UNIT}${END}`, 'u');

/**
 * A collective: no single agency answers for the task ("Các sở, ngành", "UBND các xã, phường",
 * "các cơ quan, đơn vị liên quan", "UBND cấp huyện").
 */
export function isCollective(name: string): boolean {
  return COLLECTIVE.get(name, () => isCollectiveOnce(name));
}

const COLLECTIVE = new Memo<string, boolean>();

function isCollectiveOnce(name: string): boolean {
  const s = withoutGroups(name);
  if (!s) return false;
  const entry = lookupEntry(s, indexOf(DEFAULT_AGENCIES));
  if (entry?.collective) return true;
  const f = foldKey(s);
  return /^(?:các|những|mọi|toàn thể)\s/u.test(f) || BARE_GENERIC_RE.test(f) || PER_UNIT_RE.test(f) || UNIT_LIST_RE.test(f);
}

/** Does the text begin like an agency name ("Sở …", "UBND …", "các cơ quan …", "Công an tỉnh" …)? */
export function startsWithAgency(text: string, dict: AgencyDictionary = DEFAULT_AGENCIES): boolean {
  const idx = indexOf(dict);
  return idx.memo.starts.get(text, () => {
    const t = cleanText(stripBullet(cleanText(text)));
    if (!t) return false;
    return headOf(t) !== null || dictPrefix(t, idx) || BARE_GENERIC_RE.test(foldKey(t));
  });
}

/** Verbs of a task sentence (lower case: inside a name they are capitalised, "Ban Kiểm tra"). */
const TASK_VERB_RE = new RegExp(
  `(?:^|\\s)(?:chủ trì|phối hợp|triển khai|thực hiện|xây dựng|tuyên truyền|ban hành|hướng dẫn|kiểm tra|giám sát|báo cáo|đôn đốc|tham mưu|đề xuất|nâng cao|đẩy mạnh|tăng cường|rà soát|bảo đảm|đảm bảo|theo dõi|nghiên cứu|tiếp tục|quán triệt|hoàn thiện|củng cố|vận động|sắp xếp|tuyển dụng|bố trí|tổ chức thực hiện)${END}`,
  'u',
);
/** Words of a deadline cell, any case. */
const DEADLINE_WORD_RE = new RegExp(
  `(?:^|\\s)(?:nhiệm vụ|thường xuyên|hằng năm|hàng năm|định kỳ|sau khi|khi có|giai đoạn|trước ngày|đột xuất|hoàn thành|quý|quí|tháng|năm \\d)${END}`,
  'iu',
);
const DATE_RE = /\d+\s*[/-]\s*\d+|\b(?:19|20)\d\d\b/u;
const MAX_NAME_WORDS = 14;

/** Could this one item be an agency (used by `isAgencyList`)? */
function isAgencyName(item: string, idx: Index): boolean {
  const s = withoutGroups(item);
  if (!s) return false;
  if (lookupEntry(s, idx)) return true;
  if (TASK_VERB_RE.test(s) || DEADLINE_WORD_RE.test(s) || DATE_RE.test(s)) return false;
  if (s.split(' ').length > MAX_NAME_WORDS) return false;
  return isComplete(s, idx);
}

/**
 * Is the whole text nothing but agencies (with separators and role qualifiers)? Recognises agency columns in
 * a PDF text dump where the columns run together: true for "Sở Y tế Các cơ quan, đơn vị liên quan", false for
 * a task sentence ("Tổ chức tuyên truyền …"), a deadline ("Quý 3/2024") or a name cut short ("UBND cấp").
 */
export function isAgencyList(text: string, dict: AgencyDictionary = DEFAULT_AGENCIES): boolean {
  const idx = indexOf(dict);
  return idx.memo.list.get(text, () => {
    const items = splitAgencies(text, dict);
    return items.length > 0 && items.every((it) => isAgencyName(it, idx));
  });
}

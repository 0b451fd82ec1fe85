/**
 * The vocabulary of agency names (head words, generic nouns, dangling words) and the tests built on it.
 * In: a name or text (and the dictionary's index). Out: its head word (`headOf`), whether it is a whole
 * name (`isComplete`) or ends mid-name (`endsDangling`), whether a text starts a new agency after another
 * (`startsNewItem`), and whether a name is a collective (`isCollective`).
 *
 * Pure code, no Node imports: the Excel add-in bundles it too.
 *
 * "Starts a new agency" is one decision (`startsNewItem`) used by steps 1, 6 and 7 of `agency-split.ts`,
 * told which separator it is deciding on. A head word (Sở, Bộ, UBND, Công an, "các …") or a dictionary name
 * starts one; a bare generic noun ("cơ quan, đơn vị có liên quan") does only after a specific agency, not
 * inside a list of generic nouns ("Các sở, ngành, đơn vị liên quan" stays whole); a capitalised name without
 * a head word ("VNPT Quảng Ngãi") does after a comma or "và" but never after a bare line break, because PDF
 * lines wrap inside names.
 *
 * "Complete" (`isComplete`) guards the weak separators (line breaks, run-together names): a name that ends in a
 * dangling word ("UBND cấp", "các cơ quan, đơn") or is the start of a dictionary name ("Sở KH và Đầu") is not.
 */
import { DEFAULT_AGENCIES } from './agency-dictionary.js';
import { agencyKey, dictPrefix, indexOf, lookupEntry, withoutGroups, type Index } from './agency-index.js';
import { cleanText, foldKey } from './text.js';
import { remembered } from './memo.js';

// ───────────────────────────── head words ─────────────────────────────

/** Not followed by a letter or digit (JS `\b` does not know Vietnamese letters). */
export const END = '(?![\\p{L}\\p{N}])';

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
export const BARE_GENERIC_RE = new RegExp(`^${BARE}(?:\\s*,|\\s+(?:có\\s+)?liên quan${END}|\\s+${BARE}${END})`, 'u');
/** The same, or a bare generic noun alone (a part cut at its comma: "cơ quan"). */
const GENERIC_LIST_RE = new RegExp(`^(?:(?:các|những|mọi|toàn thể)\\s|${BARE}(?:$|\\s*,|\\s+(?:có\\s+)?liên quan${END}|\\s+${BARE}${END}))`, 'u');

export function startsUpper(s: string): boolean {
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
export function headOf(t: string, opts: HeadOptions = {}): Head | null {
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
export function startsNewItem(prev: string, next: string, idx: Index, sep: Sep): boolean {
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

export function endsDangling(s: string): boolean {
  const t = cleanText(s);
  if (/[-–&,(]$/.test(t)) return true;
  const last = t.split(' ').pop() ?? '';
  const f = foldKey(last);
  if (DANGLING.has(f)) return true;
  return DANGLING_HEADS.has(f) && startsUpper(last) && !PARENT_REF_RE.test(foldKey(t));
}

/** Is `item` a whole agency name, not one cut short by a line break? */
export function isComplete(item: string, idx: Index): boolean {
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

// ───────────────────────────── collectives ─────────────────────────────

const UNIT = '(?:xã|phường|huyện|thị xã|thành phố|thị trấn|đặc khu|quận|tỉnh)';
/** "UBND cấp huyện", "Công an cấp xã", "UBND các xã, phường": one committee per unit, none answers alone. */
const PER_UNIT_RE = new RegExp(`(?:^|\\s)(?:cấp (?:xã|huyện|cơ sở)|các ${UNIT})${END}`, 'u');
/** "UBND xã, phường", "UBND xã phường": a list of unit kinds. */
const UNIT_LIST_RE = new RegExp(`(?:^|\\s)${UNIT},? ${UNIT}${END}`, 'u');

/**
 * A collective: no single agency answers for the task ("Các sở, ngành", "UBND các xã, phường",
 * "các cơ quan, đơn vị liên quan", "UBND cấp huyện").
 */
export const isCollective: (name: string) => boolean = remembered(isCollectiveOnce);

function isCollectiveOnce(name: string): boolean {
  const s = withoutGroups(name);
  if (!s) return false;
  const entry = lookupEntry(s, indexOf(DEFAULT_AGENCIES));
  if (entry?.collective) return true;
  const f = foldKey(s);
  return /^(?:các|những|mọi|toàn thể)\s/u.test(f) || BARE_GENERIC_RE.test(f) || PER_UNIT_RE.test(f) || UNIT_LIST_RE.test(f);
}

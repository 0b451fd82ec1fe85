/**
 * Agency cells ("Cơ quan chủ trì", "Cơ quan phối hợp") → the agencies, split the way a person reads them,
 * and each agency → its canonical name, its 2025 successor and whether it is a collective.
 *
 * Pure code, no Node imports: the Excel add-in bundles it too.
 *
 * The work is shared out:
 * - `agency-index.ts`: the matching key of a name and the dictionary's index (lookups, memos);
 * - `agency-heads.ts`: head words, "starts a new agency", "complete", collectives;
 * - `agency-split.ts`: how a cell is read, step by step.
 * This module holds the public functions and re-exports the names other modules import from it.
 */
import { DEFAULT_AGENCIES, type AgencyDictionary, type AgencyEntry } from './agency-dictionary.js';
import { agencyKey, dictPrefix, indexOf, lookupEntry, withoutGroups, type CanonicalAgency, type Index } from './agency-index.js';
import { BARE_GENERIC_RE, END, headOf, isCollective, isComplete } from './agency-heads.js';
import { joinWrappedLines, splitJoined } from './agency-split.js';
import { cleanText, dropTrailingStop, foldKey, stripBullet } from './text.js';

export type { AgencyDictionary, AgencyEntry } from './agency-dictionary.js';
export { agencyKey } from './agency-index.js';
export type { CanonicalAgency } from './agency-index.js';
export { isCollective } from './agency-heads.js';

// ───────────────────────────── public API ─────────────────────────────

/** The agencies of a cell, as written, in order. */
export function splitAgencies(cell: string | null | undefined, dict: AgencyDictionary = DEFAULT_AGENCIES): string[] {
  if (!cell) return [];
  const idx = indexOf(dict);
  // A copy: callers may change the list they get.
  return [...idx.memo.split.get(cell, () => splitJoined(joinWrappedLines(cell, idx), idx))];
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

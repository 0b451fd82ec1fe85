import { emptyRaw, type RawTask } from '../model/raw.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import type { Item } from './outline.js';
import { endsSection, ttPrefix } from './sections.js';

/**
 * Tasks assigned in sentences rather than in lists under an agency heading:
 * numbered paragraphs that assign ("1. Giao Sở Y tế tiến hành …"), a lead-in
 * that names the addressees over a list ("… yêu cầu các tổ chức … thực hiện
 * một số nội dung sau:"), and, in a letter with nothing else, a request in
 * running prose. Also the two readings they share with the duties finder:
 * the agency a sentence opens with, and the time it states.
 * In: outline items (and those already taken). Out: raw tasks, origin "duties".
 */

/**
 * A letter that names its addressees once and lists what they must do:
 *   Sở Công Thương yêu cầu các tổ chức, doanh nghiệp … thực hiện một số nội dung sau:
 *   1. Tăng cường cập nhật …   2. Rà soát, kiểm tra …
 * Each numbered or bulleted item below the lead-in is a duty of the addressees.
 */
export function leadInDuties(items: Item[], consumed: Set<number>): RawTask[] {
  const out: RawTask[] = [];
  items.forEach((it, i) => {
    if (consumed.has(i)) return;
    // A numbered paragraph may end by handing what follows to an agency: "1. Thống nhất …. Giao Trung tâm X:".
    const numbered = it.kind === 'heading' && (it.numKind === 'arabic' || it.numKind === 'dotted');
    if (it.kind !== 'text' && !numbered) return;
    const given = it.text.match(LEAD_IN_RE) ? null : it.text.match(GIVEN_TO_RE);
    const m = it.text.match(LEAD_IN_RE) ?? (given && !VERB_IN_NAME_RE.test(given[1]!) ? given : null);
    const agency = m ? m[1]!.replace(/[,;]\s*$/, '').trim() : null;
    if (!agency || !(startsWithAgency(agency) || COLLECTIVE_HEAD_RE.test(agency))) return;
    // Bullets under a numbered lead-in are its parts (1.1, 1.2 …); its own numbered sub-items keep their numbers.
    let part = 0;
    for (let j = i + 1; j < items.length; j++) {
      const x = items[j]!;
      // Under a numbered lead-in only bullets are its parts: the next numbers are its siblings.
      const listItem = (!numbered && x.kind === 'heading' && (x.numKind === 'arabic' || x.numKind === 'letter')) || (x.kind === 'bullet' && x.mark !== '+');
      if (!listItem || consumed.has(j)) break;
      // "1. Về công tác tuyên truyền" over bullets: topics, not the flat list a lead-in introduces.
      if (x.kind === 'heading' && items[j + 1]?.kind === 'bullet') break;
      consumed.add(j);
      part++;
      const raw = emptyRaw('duties', x.line, x.page);
      raw.tt = x.kind === 'heading' ? x.num! : numbered ? `${it.num}.${part}` : null;
      raw.content = x.text.trim();
      raw.lead = agency;
      raw.deadline = statedTime(raw.content);
      out.push(raw);
    }
  });
  return out;
}

/**
 * A paragraph that ends by naming who does what follows: "…, giao Trung tâm Xúc tiến Đầu tư …:",
 * "… . Giao Sở Tài chính:", "Đề nghị UBND các xã:". The agency is all that stands between the verb and the colon.
 */
/** What a name never holds: the verbs and words of a lead-in ("yêu cầu các sở thực hiện các nội dung sau:"). */
const VERB_IN_NAME_RE = /(?:^|\s)(?:thực hiện|triển khai|tổ chức thực hiện|như sau|sau|cụ thể|các nội dung)(?=[\s,.;:]|$)/iu;

const GIVEN_TO_RE = /(?:^|[.,;]\s+)(?:giao|đề nghị|yêu cầu)\s+([^.;:]{3,160}?)\s*:\s*$/iu;

/** "… đề nghị/yêu cầu <addressees> (quan tâm) thực hiện (tốt) một số nội dung sau:" */
const LEAD_IN_RE =
  /(?:đề nghị|yêu cầu|giao)\s+(.+?)\s+(?:(?:quan tâm|chủ động|khẩn trương|tập trung|nghiêm túc)\s+)?(?:thực hiện|triển khai(?: thực hiện)?|tổ chức thực hiện|phối hợp thực hiện)\s[^:]*(?:sau|như sau|cụ thể)\s*:\s*$/iu;

/**
 * Letters that assign in sentences, one task per numbered paragraph:
 *   1. Giao Sở Y tế tiến hành rà soát …
 *   4. Đối với các Cụm công nghiệp …, giao UBND phường Văn Phú tìm kiếm …
 *   3. Bộ Tài chính chủ trì cùng Bộ Xây dựng rà soát …
 * A sentence that assigns in words ("Giao", "Đề nghị", "Yêu cầu" + agency) counts
 * wherever it stands; one whose subject is the agency counts when numbered
 * beside another assignment. The lead is the agency, the content the sentence,
 * the deadline a time it states ("… hoàn thành trước ngày 20/02/2025").
 */
export function assignmentSentences(items: Item[], consumed: Set<number>): RawTask[] {
  const found: Array<{ i: number; agency: string; worded: boolean }> = [];
  items.forEach((it, i) => {
    if (consumed.has(i) || endsSection(it)) return;
    const numbered = it.kind === 'heading' && (it.numKind === 'arabic' || it.numKind === 'dotted');
    if (!numbered && it.kind !== 'text') return;
    // A line ending with a colon introduces a list; a closing formula assigns nothing of its own.
    if (/:\s*$/.test(it.text) || GENERIC_CLOSING_RE.test(it.text)) return;
    const worded = it.text.match(numbered ? ASSIGNING_SENTENCE_RE : GIVEN_SENTENCE_RE);
    if (worded) {
      const agency = agencyPrefix(it.text.slice((worded.index ?? 0) + worded[0].length));
      if (agency) found.push({ i, agency, worded: true });
      return;
    }
    if (!numbered) return;
    const agency = agencyPrefix(it.text);
    if (agency) found.push({ i, agency, worded: false });
  });
  const numberedAssignments = found.filter((f) => items[f.i]!.kind === 'heading').length;
  return found
    .filter((f) => f.worded || numberedAssignments >= 2)
    .map(({ i, agency }) => {
      const it = items[i]!;
      const raw = emptyRaw('duties', it.line, it.page);
      raw.tt = it.kind === 'heading' ? ttPrefix(items, i) : null;
      raw.content = it.text.trim();
      raw.lead = agency;
      raw.deadline = statedTime(raw.content);
      return raw;
    });
}

/**
 * A letter whose only task is a request in running prose: "… Sở Nông nghiệp và Môi trường đề nghị các UBND
 * các xã … tổng hợp báo cáo …", "… Chủ tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì …". Read
 * only when nothing else in the document assigns (a letter's closing formula does not count). One task per
 * paragraph: the paragraph, led by the agency asked.
 */
export function requestsInProse(items: Item[]): RawTask[] {
  const out: RawTask[] = [];
  for (const it of items) {
    if (it.kind !== 'text' || endsSection(it) || GENERIC_CLOSING_RE.test(it.text)) continue;
    for (const m of it.text.matchAll(REQUEST_RE)) {
      const agency = agencyPrefix(it.text.slice((m.index ?? 0) + m[0].length));
      if (!agency) continue;
      const raw = emptyRaw('duties', it.line, it.page);
      raw.content = it.text.trim();
      raw.lead = agency;
      raw.deadline = statedTime(raw.content);
      out.push(raw);
      break;
    }
  }
  return out;
}

/** "đề nghị X", "yêu cầu X", "giao X" after a subject or a clause, never "đề nghị của" (at the request of). */
const REQUEST_RE = /(?:^|[\s,;:.])(?:giao|đề nghị|yêu cầu)\s+(?!của\s)/giu;

/** "Giao X …" at the start of a sentence, or after a clause: "Đối với …, giao X …". */
const ASSIGNING_SENTENCE_RE = /(?:^|[,;:]\s+)(?:giao|đề nghị|yêu cầu)\s+/iu;
/** In an unnumbered paragraph only "giao" hands over a task; "Đề nghị/Yêu cầu các cơ quan …" closes a letter. */
const GIVEN_SENTENCE_RE = /(?:^|[,;:.]\s+)giao\s+/iu;
/** "… thực hiện tốt (các) nội dung Kế hoạch này", "nghiêm túc triển khai thực hiện": the letter's closing formula. */
const GENERIC_CLOSING_RE =
  /^(?:yêu cầu|đề nghị)\s[^.;]*(?:thực hiện tốt|nghiêm túc (?:triển khai|thực hiện)|triển khai thực hiện|tổ chức thực hiện)\s[^.;]*(?:này|trên)(?:[./\s]|$)/iu;

/** A time the sentence states for the task: "hoàn thành trước ngày 20/02/2025", "trong tháng 9 năm 2026". */
export function statedTime(text: string): string | null {
  const times = [
    ...text.matchAll(
      /(?:(?:hoàn thành|xong|báo cáo|trình)[^.;]{0,90}?)?(?:trước|chậm nhất(?: là)?(?: vào)?|trong|vào)\s+(?:ngày|tháng|quý|quí|năm)\s[^.;(),]*?\d{4}/giu,
    ),
  ].map((m) => m[0].trim());
  // "… thực hiện trong năm 2024 …, báo cáo trước ngày 15/01/2025": the completion time, else the last one.
  const due = times.find((t) => /^(?:hoàn thành|xong|báo cáo|trình)|(?:trước|chậm nhất)\s/iu.test(t));
  return due ?? times[times.length - 1] ?? deadlineSentence(text);
}

/** "Bộ Nội vụ rà soát, hoàn thiện …" → "Bộ Nội vụ": the longest run of words that names agencies, before a verb. */
export function agencyPrefix(text: string): string | null {
  const words = text.trim().split(/\s+/);
  const max = Math.min(words.length - 1, 30);
  if (max < 2) return null;
  // The words joined once: the text from word k on, and the words before it, are slices of it.
  const joined = words.join(' ');
  const at = [0];
  for (let k = 1; k <= max; k++) at.push(at[k - 1]! + words[k - 1]!.length + 1);
  const prefixAt = (k: number) => joined.slice(0, at[k]! - 1).replace(/[,;:]+$/, '');
  // The shortest name followed by the verb of the task: "Sở Y tế | tiến hành rà soát".
  for (let k = 2; k <= max; k++) {
    if (!LOWER_START_RE.test(words[k]!) || !TASK_VERB_RE.test(joined.slice(at[k]))) continue;
    if (isAgencyList(prefixAt(k))) return prefixAt(k);
  }
  // Else the longest name that ends like one: "UBND các xã, phường, đặc khu | nơi đơn vị …".
  for (let k = max; k >= 2; k--) {
    if (!LOWER_START_RE.test(words[k]!)) continue;
    const prefix = prefixAt(k);
    if (NAME_END_RE.test(prefix) && isAgencyList(prefix)) return prefix;
  }
  return null;
}

const LOWER_START_RE = /^\p{Ll}/u;

/**
 * The last word of a name found without a verb after it: a unit ("tỉnh", "đặc khu") or a capitalised word
 * ("… Việt Nam"). Names ending in a lower-case word ("Sở Y tế") are found by the verb that follows them.
 */
const NAME_END_RE = /(?:tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|trung ương|quốc gia|Chính phủ|liên quan|\p{Lu}[\p{L}&.-]*)$/u;

const TASK_VERB_RE =
  /^(?:chủ trì|phối hợp|rà soát|hoàn thiện|xây dựng|triển khai|tổ chức|tăng cường|đẩy mạnh|nghiên cứu|ban hành|hướng dẫn|kiểm tra|chỉ đạo|tham mưu|thực hiện|lồng ghép|bố trí|bảo đảm|đảm bảo|tiếp tục|khẩn trương|chịu trách nhiệm|theo dõi|tuyên truyền|phổ biến|cung cấp|hỗ trợ|cập nhật|đôn đốc|giám sát|báo cáo|tổng hợp|đề xuất|nâng cao|quán triệt|chủ động|tiến hành|tiếp thu|tìm kiếm|nghiêm túc|có trách nhiệm|tham gia|quản lý|xử lý|thẩm định|bổ sung|sửa đổi|lập|trình|giải quyết|phê duyệt|công bố|gửi|ưu tiên|hoàn thành|làm việc|rà|đề nghị|là|được|cần|phải|tổng kết|sơ kết|đánh giá|tiếp nhận|vận động|kiện toàn|nghiệm thu|thanh tra)(?=[\s,.;:]|$)/u;

/** Headings naming a group of units the dictionary cannot know ("Các tổ dân phố thuộc phường"). */
export const COLLECTIVE_HEAD_RE = /^(các|cơ quan|đơn vị|tổ|hội|ban|phòng|trạm|trường|trung tâm|ủy ban|uỷ ban)\s/iu;

/** "… Thời gian hoàn thành: chậm nhất là ngày 30/01/2026." inside a duty: its deadline. */
function deadlineSentence(text: string): string | null {
  const m = text.match(/(?:^|[.;]\s+)((?:thời gian hoàn thành|thời hạn hoàn thành|thời hạn)\b[^.;]*?\d{4})\s*\.?\s*$/iu);
  return m ? m[1]!.replace(/[.\s]+$/, '') : null;
}

import type { Doc } from '../model/doc.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import { foldKey } from '../normalise/text.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import { headingRank, outline, type Item } from './outline.js';
import { parseLabel } from './labels.js';

/**
 * Duties assigned agency by agency, wherever they stand: under "TỔ CHỨC
 * THỰC HIỆN", under a topic of the plan's tasks, or as the whole body of an
 * official letter (công văn). The agency is a heading at any level, or an
 * assignment line ending with a colon, and its duties follow as lettered
 * items, bullets, one paragraph, or inline after the colon:
 *   1. Sở Y tế                      3. Tăng cường công tác tuyên truyền …
 *   a) Chủ trì, phối hợp …          a) Các sở, ban, ngành, địa phương
 *   2. Đề nghị Công an tỉnh         - Tổ chức các hoạt động …
 *   - Chỉ đạo lực lượng …           Giao Sở Tư pháp (chủ trì, phối hợp với …):
 *   4. Phòng Kinh tế: Tham mưu …    a) Tổ chức rà soát …
 * In: a Doc. Out: one raw task per duty, led by the agency (without "Đề
 * nghị", "Giao", "Trách nhiệm của" …); TT is the numbering down to the duty:
 * "1.a", "1.2", "3.a.2", or the agency's number alone for one duty. Outside
 * an organisation section an agency heading counts only beside another one
 * or with an assigning word, so a lone "1. Sở Y tế …" in prose is no list.
 */
export function findDuties(doc: Doc, opts: { outsideOrganisation?: boolean } = {}): RawTask[] {
  const items = outline(doc);
  // Beside labelled tasks, only lists per agency count: a numbered sentence there is a funding or closing clause.
  const all = findIn(items, !opts.outsideOrganisation);
  if (!opts.outsideOrganisation) return all;
  // Only duties whose line lies outside every "Tổ chức thực hiện" section.
  const inside = organisationLines(items);
  return all.filter((t) => !inside.has(t.origin.line ?? -1));
}

/** The lines of the items under a "Tổ chức thực hiện" heading, up to the end of its section. */
function organisationLines(items: Item[]): Set<number> {
  const lines = new Set<number>();
  let inSection = false;
  for (const it of items) {
    if (isOrganisationHeading(it)) inSection = true;
    else if (endsSection(it)) inSection = false;
    if (inSection) lines.add(it.line);
  }
  return lines;
}

function findIn(items: Item[], withSentences: boolean): RawTask[] {
  const heads = agencyHeads(items);
  const starts = new Set(heads.map((h) => h.index));
  const consumed = new Set<number>(starts);
  const tasks = heads.flatMap((h) => {
    const duties = dutiesOf(items, h, starts, consumed);
    // A heading with nothing under it was a sentence after all: leave it to the sentence finder.
    if (duties.length === 0) consumed.delete(h.index);
    return duties;
  });
  const inline = inlineDuties(items, heads, consumed);
  const listed = withSentences ? leadInDuties(items, consumed) : [];
  const sentences = withSentences ? assignmentSentences(items, consumed) : [];
  if (withSentences && tasks.length + inline.length + listed.length + sentences.length === 0) {
    // A letter with no list at all: its request stands in running prose.
    return requestsInProse(items);
  }
  // Keep document order: duties and inline assignments interleave under the same topic.
  return [...tasks, ...inline, ...listed, ...sentences].sort((a, b) => (a.origin.line ?? 0) - (b.origin.line ?? 0));
}

/**
 * A letter that names its addressees once and lists what they must do:
 *   Sở Công Thương yêu cầu các tổ chức, doanh nghiệp … thực hiện một số nội dung sau:
 *   1. Tăng cường cập nhật …   2. Rà soát, kiểm tra …
 * Each numbered or bulleted item below the lead-in is a duty of the addressees.
 */
function leadInDuties(items: Item[], consumed: Set<number>): RawTask[] {
  const out: RawTask[] = [];
  items.forEach((it, i) => {
    if (it.kind !== 'text' || consumed.has(i)) return;
    const m = it.text.match(LEAD_IN_RE);
    const agency = m ? m[1]!.replace(/[,;]\s*$/, '').trim() : null;
    if (!agency || !(startsWithAgency(agency) || COLLECTIVE_HEAD_RE.test(agency))) return;
    for (let j = i + 1; j < items.length; j++) {
      const x = items[j]!;
      const listItem = (x.kind === 'heading' && (x.numKind === 'arabic' || x.numKind === 'letter')) || (x.kind === 'bullet' && x.mark !== '+');
      if (!listItem || consumed.has(j)) break;
      // "1. Về công tác tuyên truyền" over bullets: topics, not the flat list a lead-in introduces.
      if (x.kind === 'heading' && items[j + 1]?.kind === 'bullet') break;
      consumed.add(j);
      const raw = emptyRaw('duties', x.line, x.page);
      raw.tt = x.kind === 'heading' ? x.num! : null;
      raw.content = x.text.trim();
      raw.lead = agency;
      raw.deadline = statedTime(raw.content);
      out.push(raw);
    }
  });
  return out;
}

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
function assignmentSentences(items: Item[], consumed: Set<number>): RawTask[] {
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
function requestsInProse(items: Item[]): RawTask[] {
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
function statedTime(text: string): string | null {
  const times = [
    ...text.matchAll(
      /(?:(?:hoàn thành|xong|báo cáo|trình)[^.;]{0,90}?)?(?:trước|chậm nhất(?: là)?(?: vào)?|trong|vào)\s+(?:ngày|tháng|quý|quí|năm)\s[^.;(),]*?\d{4}/giu,
    ),
  ].map((m) => m[0].trim());
  // "… thực hiện trong năm 2024 …, báo cáo trước ngày 15/01/2025": the completion time, else the last one.
  const due = times.find((t) => /^(?:hoàn thành|xong|báo cáo|trình)|(?:trước|chậm nhất)\s/iu.test(t));
  return due ?? times[times.length - 1] ?? deadlineSentence(text);
}

/**
 * Beside agency headings, a sibling item may name its agency and the duty in
 * one sentence ("b) Bộ Nội vụ rà soát, hoàn thiện Luật …", "- Ngân hàng Nhà
 * nước Việt Nam rà soát, tháo gỡ …"): one duty led by that agency.
 */
function inlineDuties(items: Item[], heads: AgencyHead[], consumed: Set<number>): RawTask[] {
  const scope = (i: number) => `${parentOf(items, i)}:${levelOf(items[i]!)}`;
  const parents = new Set(heads.map((h) => scope(h.index)));
  const candidates = new Map<number, string>();
  items.forEach((it, i) => {
    if (consumed.has(i)) return;
    if (!(it.kind === 'heading' && it.numKind === 'letter') && !(it.kind === 'bullet' && it.mark !== '+')) return;
    const agency = agencyPrefix(it.text);
    if (agency) candidates.set(i, agency);
  });
  const out: RawTask[] = [];
  items.forEach((it, i) => {
    const agency = candidates.get(i);
    if (!agency || consumed.has(i) || !parents.has(scope(i))) return;
    consumed.add(i);
    const raw = emptyRaw('duties', it.line, it.page);
    const parent = parentOf(items, i);
    raw.group = parent >= 0 ? items[parent]!.written : null;
    raw.content = it.text.trim();
    raw.lead = agency;
    raw.tt = it.kind === 'heading' ? [ttPrefix(items, parent), it.num].filter(Boolean).join('.') || null : null;
    raw.deadline = statedTime(raw.content);
    out.push(raw);
  });
  return out;
}

/** "Bộ Nội vụ rà soát, hoàn thiện …" → "Bộ Nội vụ": the longest run of words that names agencies, before a verb. */
function agencyPrefix(text: string): string | null {
  const words = text.trim().split(/\s+/);
  const max = Math.min(words.length - 1, 30);
  const prefixAt = (k: number) => words.slice(0, k).join(' ').replace(/[,;:]+$/, '');
  // The shortest name followed by the verb of the task: "Sở Y tế | tiến hành rà soát".
  for (let k = 2; k <= max; k++) {
    if (!/^\p{Ll}/u.test(words[k]!) || !TASK_VERB_RE.test(words.slice(k).join(' '))) continue;
    if (isAgencyList(prefixAt(k))) return prefixAt(k);
  }
  // Else the longest name that ends like one: "UBND các xã, phường, đặc khu | nơi đơn vị …".
  for (let k = max; k >= 2; k--) {
    const prefix = prefixAt(k);
    if (/^\p{Ll}/u.test(words[k]!) && NAME_END_RE.test(prefix) && isAgencyList(prefix)) return prefix;
  }
  return null;
}

/**
 * The last word of a name found without a verb after it: a unit ("tỉnh", "đặc khu") or a capitalised word
 * ("… Việt Nam"). Names ending in a lower-case word ("Sở Y tế") are found by the verb that follows them.
 */
const NAME_END_RE = /(?:tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|trung ương|quốc gia|Chính phủ|liên quan|\p{Lu}[\p{L}&.-]*)$/u;

const TASK_VERB_RE =
  /^(?:chủ trì|phối hợp|rà soát|hoàn thiện|xây dựng|triển khai|tổ chức|tăng cường|đẩy mạnh|nghiên cứu|ban hành|hướng dẫn|kiểm tra|chỉ đạo|tham mưu|thực hiện|lồng ghép|bố trí|bảo đảm|đảm bảo|tiếp tục|khẩn trương|chịu trách nhiệm|theo dõi|tuyên truyền|phổ biến|cung cấp|hỗ trợ|cập nhật|đôn đốc|giám sát|báo cáo|tổng hợp|đề xuất|nâng cao|quán triệt|chủ động|tiến hành|tiếp thu|tìm kiếm|khẩn trương|nghiêm túc|có trách nhiệm|tham gia|quản lý|xử lý|thẩm định|bổ sung|sửa đổi|lập|trình|giải quyết|phê duyệt|công bố|gửi|ưu tiên|hoàn thành|làm việc|rà|đề nghị|là|được|cần|phải|có trách nhiệm|tổng kết|sơ kết|đánh giá|tiếp nhận|vận động|kiện toàn|nghiệm thu|thanh tra|theo dõi)(?=[\s,.;:]|$)/u;

/** The index of the nearest heading above item `i` that encloses it (a lower rank), or -1. */
function parentOf(items: Item[], i: number): number {
  const level = levelOf(items[i]!);
  for (let j = i - 1; j >= 0; j--) {
    const x = items[j]!;
    if (x.kind === 'heading' && levelOf(x) < level) return j;
  }
  return -1;
}

/** Nesting level of an item: a heading's rank, then "-" bullets, "+" bullets and plain text below every heading. */
function levelOf(it: Item): number {
  if (it.kind === 'bullet') return it.mark === '+' ? 12 : 11;
  if (it.kind !== 'heading') return 13;
  return headingRank(it.numKind!, it.num!);
}

interface AgencyHead {
  index: number;
  name: string;
  inline: string | null;
  /** The TT the duties' numbers are appended to ("3.a"), or "" for none. */
  prefix: string;
  /** An assignment line with no number of its own ("Giao Sở Tư pháp …:"). */
  line: boolean;
}

function agencyHeads(items: Item[]): AgencyHead[] {
  const found: Array<AgencyHead & { strong: boolean; inSection: boolean }> = [];
  let inSection = false;
  for (const [index, it] of items.entries()) {
    if (isOrganisationHeading(it)) {
      inSection = true;
      continue;
    }
    if (endsSection(it)) inSection = false;
    const numbered = it.kind === 'heading' && (it.numKind === 'arabic' || it.numKind === 'dotted' || it.numKind === 'letter');
    // "Giao Sở Tư pháp (chủ trì, phối hợp …):", "Ủy ban nhân dân các tỉnh, thành phố …:" over the duties.
    const line = !numbered && it.kind === 'text' && /:\s*$/.test(it.text);
    // "- Bộ Công Thương" over "+" duties.
    const bullet = it.kind === 'bullet' && it.mark !== '+' && items[index + 1]?.kind === 'bullet' && items[index + 1]?.mark === '+';
    if (!numbered && !line && !bullet) continue;
    const head = agencyHeading(it, it.numKind === 'letter' || line || bullet);
    if (!head) continue;
    if (line && !head.strong && !isAgencyList(head.name)) continue;
    const prefix = bullet ? [ttPrefix(items, parentOf(items, index)), String(dashPlace(items, index))].filter(Boolean).join('.') : ttPrefix(items, index);
    found.push({ index, ...head, prefix, line: line || bullet, inSection });
  }
  // Outside an organisation section: only agency headings with a sibling, or that assign in words.
  const outside = found.filter((o) => !o.inSection).length;
  return found.filter((h) => h.inSection || h.strong || outside >= 2);
}

/** "3" + "a" → "3.a": the heading's own number under the nearest outer numbered heading. */
function ttPrefix(items: Item[], index: number): string {
  if (index < 0) return '';
  const it = items[index]!;
  const outer = (below: number, kinds: Array<Item['numKind']>): Item | null => {
    for (let j = below - 1; j >= 0; j--) {
      const x = items[j]!;
      if (x.kind !== 'heading') continue;
      if (x.numKind === 'roman' || x.numKind === 'upper') return null;
      if (kinds.includes(x.numKind)) return x;
    }
    return null;
  };
  if (it.kind !== 'heading') {
    // An assignment line: its duties are numbered under the heading above it.
    const up = outer(index, ['arabic', 'dotted', 'letter']);
    return up ? ttPrefix(items, items.indexOf(up)) : '';
  }
  if (it.numKind !== 'letter') return it.num!;
  const up = outer(index, ['arabic', 'dotted']);
  return up ? `${up.num}.${it.num}` : it.num!;
}

/** The place of a "-" bullet among the "-" bullets under its heading (1-based). */
function dashPlace(items: Item[], index: number): number {
  let n = 0;
  for (let j = index; j >= 0; j--) {
    const x = items[j]!;
    if (x.kind === 'heading') break;
    if (x.kind === 'bullet' && x.mark !== '+') n++;
  }
  return n;
}

/** The duties under one agency, up to the next agency, the next heading of its level, or the end of its section. */
function dutiesOf(items: Item[], head: AgencyHead, starts: Set<number>, consumed: Set<number>): RawTask[] {
  const it = items[head.index]!;
  const ownLetter = it.kind === 'heading' && it.numKind === 'letter';
  const ownBullet = it.kind === 'bullet';
  const duties: Array<{ task: RawTask; letter: string | null }> = [];
  if (head.inline) duties.push({ task: duty(it, head.name, head.inline, it), letter: null });
  let sawDash = false;
  for (let i = head.index + 1; i < items.length; i++) {
    const x = items[i]!;
    if (starts.has(i) || endsSection(x) || isOrganisationHeading(x)) break;
    if (x.kind === 'heading' && (x.numKind !== 'letter' || ownLetter || ownBullet)) break;
    // Under "- Bộ Công Thương" only its "+" items are its duties.
    if (ownBullet && !(x.kind === 'bullet' && x.mark === '+')) break;
    consumed.add(i);
    const last = duties[duties.length - 1];
    if (x.kind === 'heading') {
      duties.push({ task: duty(it, head.name, x.text, x), letter: x.num! });
      continue;
    }
    if (x.kind === 'bullet') {
      // Bullets under a lettered duty detail it; "+" items under a "-" duty detail that duty.
      if (last && !ownBullet && (last.letter !== null || (x.mark === '+' && sawDash))) {
        last.task.content = `${last.task.content} ${x.text}`;
        continue;
      }
      if (x.mark !== '+') sawDash = true;
      duties.push({ task: duty(it, head.name, x.text, x), letter: null });
      continue;
    }
    if (duties.length === 0) {
      duties.push({ task: duty(it, head.name, x.text, x), letter: null });
      continue;
    }
    // A paragraph between two lettered duties carries on the one above ("f) Thông báo …" / "Công khai …" / "g) …").
    if (last && last.letter !== null && nextIsLetter(items, i, starts)) {
      last.task.content = `${last.task.content} ${x.text}`;
      continue;
    }
    // A closing paragraph ("Sở … đề nghị các cơ quan … phối hợp") ends the list.
    consumed.delete(i);
    break;
  }
  const many = duties.length > 1;
  const join = (...parts: string[]) => parts.filter((p) => p !== '').join('.');
  return duties.map(({ task, letter }, k) => {
    task.tt =
      letter !== null ? join(head.prefix, letter) : many || head.line ? join(head.prefix, String(k + 1)) : head.prefix || null;
    task.deadline ??= statedTime(task.content);
    return task;
  });
}

/** Whether the first item after the plain paragraphs that follow `i` is a lettered item of the same list. */
function nextIsLetter(items: Item[], i: number, starts: Set<number>): boolean {
  let j = i + 1;
  while (j < items.length && items[j]!.kind === 'text') j++;
  const x = items[j];
  return x !== undefined && !starts.has(j) && x.kind === 'heading' && x.numKind === 'letter';
}

function isOrganisationHeading(it: Item): boolean {
  const t = foldKey(it.text).replace(/[.:]+$/, '');
  // A heading is short; a sentence ending "… theo phân công nhiệm vụ." opens nothing.
  if (t.split(/\s+/).length > 12) return false;
  return (
    t === 'tổ chức thực hiện' ||
    t === 'trách nhiệm thực hiện' ||
    t === 'phân công nhiệm vụ' ||
    t === 'phân công thực hiện' ||
    /(?:^|\s)(?:và |, )?phân công (?:nhiệm vụ|thực hiện|trách nhiệm)$/.test(t) ||
    /^trách nhiệm của các (?:cơ quan|sở|đơn vị)/.test(t)
  );
}

/** The next Roman section, "Nơi nhận", or the signature block ends the duties. */
function endsSection(it: Item): boolean {
  if (it.kind === 'heading' && (it.numKind === 'roman' || it.numKind === 'upper')) return true;
  const t = foldKey(it.written);
  return /^(nơi nhận|tm\.|kt\.|tm |kt |phụ lục)/.test(t);
}

const ASSIGNING_RE = /^(?:đề nghị|giao|yêu cầu|trách nhiệm của|nhiệm vụ của)\s+/iu;

/**
 * "Sở Y tế", "Đề nghị Ủy ban MTTQ …", "Giao Chi cục …", "Trách nhiệm của
 * các tổ chức …", "Phòng Kinh tế xã: Tham mưu …", "Giao Sở Tư pháp (chủ trì,
 * phối hợp với …):". A numbered sentence ("Giao Sở Y tế chủ trì, phối hợp …")
 * is not an agency heading; nor, at a lettered level, is a duty that starts
 * with its agency ("b) Bộ Nội vụ rà soát …"): there only a bare name or a
 * name before a colon counts.
 */
function agencyHeading(it: Item, strict: boolean): { name: string; inline: string | null; strong: boolean } | null {
  const text = it.text.trim();
  // "Cơ quan thực hiện: Sở …", "Nhiệm vụ: …": a label of a labelled task, not an agency.
  if (parseLabel(text)) return null;
  const colon = text.indexOf(':');
  let name = colon >= 0 ? text.slice(0, colon) : text;
  const inline = colon >= 0 ? text.slice(colon + 1).trim() || null : null;
  name = name.replace(/[.;]+$/, '').trim();
  const strong = ASSIGNING_RE.test(name);
  const bare = name
    .replace(ASSIGNING_RE, '')
    // "Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng …": the verb in lower case ("Ban Chỉ đạo 389" is a name).
    .replace(/\s+chỉ đạo(?=[\s,]).*$/u, '')
    // "… căn cứ chức năng, nhiệm vụ, quyền hạn được giao", "… theo chức năng, nhiệm vụ …, tập trung …": qualifiers.
    .replace(/,?\s+(?:căn cứ|theo)\s+(?:chức năng|thẩm quyền|nhiệm vụ)(?=[\s,.;:]|$).*$/iu, '')
    .trim();
  const words = bare.split(/\s+/).length;
  if (words > 30) return null;
  const list = isAgencyList(bare);
  // A long heading must be nothing but agencies ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh").
  if (words > 12 && !list && !/^các tổ chức/iu.test(bare) && !(colon >= 0 && ROLE_RE.test(bare))) return null;
  if (!startsWithAgency(bare) && !COLLECTIVE_HEAD_RE.test(bare)) return null;
  if (colon < 0) {
    // Without a colon a heading is a name, nothing more: "1. Sở Y tế rà soát …" and "1. Giao Sở Y tế bố trí …"
    // are sentences (found as such by assignmentSentences), not headings over a list. The one exception is a
    // name with its roles: "a) Sở Tài chính chủ trì, phối hợp các sở, ban, ngành" over its duties.
    const roles = bare.match(/^(.+?)\s+chủ trì(?:\s*,?\s*phối hợp(?:\s+với)?\s+(.+))?$/u);
    if (roles && isAgencyList(roles[1]!) && (!roles[2] || isAgencyList(roles[2]))) return { name: bare, inline, strong };
    if (/[,;]\s*(chủ trì|phối hợp|tham mưu)/iu.test(bare)) return null;
    if (!list && !(!strict && /^các tổ chức/iu.test(bare))) return null;
  }
  return { name: bare, inline, strong };
}

/** "Sở Tư pháp (chủ trì, phối hợp với các cơ quan …)": an assignment with its roles, before a colon. */
const ROLE_RE = /(?:^|\s)chủ trì(?=[\s,.;:)]|$)/iu;

/** Headings naming a group of units the dictionary cannot know ("Các tổ dân phố thuộc phường"). */
const COLLECTIVE_HEAD_RE = /^(các|cơ quan|đơn vị|tổ|hội|ban|phòng|trạm|trường|trung tâm|ủy ban|uỷ ban)\s/iu;

/** "… Thời gian hoàn thành: chậm nhất là ngày 30/01/2026." inside a duty: its deadline. */
function deadlineSentence(text: string): string | null {
  const m = text.match(/(?:^|[.;]\s+)((?:thời gian hoàn thành|thời hạn hoàn thành|thời hạn)\b[^.;]*?\d{4})\s*\.?\s*$/iu);
  return m ? m[1]!.replace(/[.\s]+$/, '') : null;
}

function duty(head: Item, agency: string, text: string, at: Item): RawTask {
  const raw = emptyRaw('duties', at.line, at.page);
  raw.group = head.written.replace(/:.*$/s, '').trim();
  raw.content = text.trim();
  raw.lead = agency;
  return raw;
}

import type { Doc } from '../model/doc.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import { outline, type Item } from './outline.js';
import { parseLabel } from './labels.js';
import { endsSection, isOrganisationHeading, levelOf, organisationSections, parentOf, ttPrefix } from './sections.js';
import {
  agencyPrefix,
  assignmentSentences,
  COLLECTIVE_HEAD_RE,
  leadInDuties,
  requestsInProse,
  statedTime,
} from './assignments.js';

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
 * Sentences that assign, and a lone request in prose, come from assignments.ts.
 */
export function findDuties(doc: Doc, opts: { besideTaskList?: boolean; items?: Item[] } = {}): RawTask[] {
  const items = opts.items ?? outline(doc);
  const sections = organisationSections(items);
  if (!opts.besideTaskList) return findIn(items, sections, false);
  // Another form (an appendix table, labelled tasks) holds the plan's tasks: the duties of "Tổ chức thực hiện"
  // restate them, and a numbered sentence is a funding or closing clause; lists per agency elsewhere still count.
  const sectionLines = new Set(items.filter((_, i) => sections[i]).map((it) => it.line));
  return findIn(items, sections, true).filter((t) => !sectionLines.has(t.origin.line ?? -1));
}

/**
 * The duties of `items`. With `outsideOnly`, a task read from an item of an organisation section is dropped
 * by the caller, so such items are read only as far as they bear on the others: whether one is an agency
 * heading is asked only where it can end a list or make a sibling an inline duty (most plans never ask).
 */
function findIn(items: Item[], sections: boolean[], outsideOnly: boolean): RawTask[] {
  const heads = agencyHeads(items, sections, outsideOnly);
  const consumed = new Set<number>(heads.list.map((h) => h.index));
  const tasks = heads.list.flatMap((h) => {
    const duties = dutiesOf(items, h, heads.isStart, consumed);
    // A heading with nothing under it was a sentence after all: leave it to the sentence finder.
    if (duties.length === 0) consumed.delete(h.index);
    return duties;
  });
  const inline = inlineDuties(items, heads, consumed, outsideOnly ? sections : null);
  if (outsideOnly) return [...tasks, ...inline].sort(byLine);
  const listed = leadInDuties(items, consumed);
  const sentences = assignmentSentences(items, consumed);
  if (tasks.length + inline.length + listed.length + sentences.length === 0) {
    // A letter with no list at all: its request stands in running prose.
    return requestsInProse(items);
  }
  // Keep document order: duties and inline assignments interleave under the same topic.
  return [...tasks, ...inline, ...listed, ...sentences].sort(byLine);
}

function byLine(a: RawTask, b: RawTask): number {
  return (a.origin.line ?? 0) - (b.origin.line ?? 0);
}

/**
 * Beside agency headings, a sibling item may name its agency and the duty in
 * one sentence ("b) Bộ Nội vụ rà soát, hoàn thiện Luật …", "- Ngân hàng Nhà
 * nước Việt Nam rà soát, tháo gỡ …"): one duty led by that agency. With
 * `skip`, items it marks are passed over (their duties would be dropped).
 */
function inlineDuties(items: Item[], heads: AgencyHeads, consumed: Set<number>, skip: boolean[] | null): RawTask[] {
  const out: RawTask[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (consumed.has(i) || skip?.[i]) continue;
    if (!(it.kind === 'heading' && it.numKind === 'letter') && !(it.kind === 'bullet' && it.mark !== '+')) continue;
    // The sibling test first: reading the agency off the sentence costs far more.
    if (!heads.hasScope(scopeOf(items, i))) continue;
    const agency = agencyPrefix(it.text);
    if (!agency) continue;
    consumed.add(i);
    const raw = emptyRaw('duties', it.line, it.page);
    const parent = parentOf(items, i);
    raw.group = parent >= 0 ? items[parent]!.written : null;
    raw.content = it.text.trim();
    raw.lead = agency;
    raw.tt = it.kind === 'heading' ? [ttPrefix(items, parent), it.num].filter(Boolean).join('.') || null : null;
    raw.deadline = statedTime(raw.content);
    out.push(raw);
  }
  return out;
}

/** Items at the same level under the same heading share a scope. */
function scopeOf(items: Item[], i: number): string {
  return `${parentOf(items, i)}:${levelOf(items[i]!)}`;
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

interface AgencyHeads {
  /** The heads read, in document order. */
  list: AgencyHead[];
  /** Whether item `i` is an agency heading (a duty list ends there). */
  isStart(i: number): boolean;
  /** Whether some agency heading has this scope (`scopeOf`). */
  hasScope(scope: string): boolean;
}

/**
 * The agency headings among `items`. With `lazyInSection`, items of an organisation section are read only
 * when `isStart` or `hasScope` asks about them; `list` then holds the heads outside those sections only.
 */
function agencyHeads(items: Item[], sections: boolean[], lazyInSection: boolean): AgencyHeads {
  const found: Array<AgencyHead & { strong: boolean; inSection: boolean }> = [];
  for (let index = 0; index < items.length; index++) {
    if (lazyInSection && sections[index]) continue;
    const head = headAt(items, index, sections[index]!);
    if (head) found.push(head);
  }
  // Outside an organisation section: only agency headings with a sibling, or that assign in words.
  const outside = found.filter((o) => !o.inSection).length;
  const list: AgencyHead[] = found.filter((h) => h.inSection || h.strong || outside >= 2);
  const starts = new Set(list.map((h) => h.index));
  const scopes = new Set(list.map((h) => scopeOf(items, h.index)));
  if (!lazyInSection) return { list, isStart: (i) => starts.has(i), hasScope: (s) => scopes.has(s) };
  // Heads of an organisation section always count: no sibling needed.
  const lazy = new Map<number, boolean>();
  const inSectionHead = (i: number): boolean => {
    let v = lazy.get(i);
    if (v === undefined) {
      v = headAt(items, i, true) !== null;
      lazy.set(i, v);
    }
    return v;
  };
  let byScope: Map<string, number[]> | null = null;
  const scopeAnswers = new Map<string, boolean>();
  return {
    list,
    isStart: (i) => starts.has(i) || (sections[i] === true && inSectionHead(i)),
    hasScope: (s) => {
      if (scopes.has(s)) return true;
      let v = scopeAnswers.get(s);
      if (v === undefined) {
        if (!byScope) {
          byScope = new Map();
          for (let i = 0; i < items.length; i++) {
            if (!sections[i] || !couldHead(items, i)) continue;
            const k = scopeOf(items, i);
            const at = byScope.get(k);
            if (at) at.push(i);
            else byScope.set(k, [i]);
          }
        }
        v = (byScope.get(s) ?? []).some(inSectionHead);
        scopeAnswers.set(s, v);
      }
      return v;
    },
  };
}

/** The item's form allows an agency heading: a number, a line ending with a colon, a "-" over "+" items. */
function couldHead(items: Item[], index: number): boolean {
  const it = items[index]!;
  if (it.kind === 'heading') return it.numKind === 'arabic' || it.numKind === 'dotted' || it.numKind === 'letter';
  if (it.kind === 'text') return /:\s*$/.test(it.text);
  return it.mark !== '+' && items[index + 1]?.kind === 'bullet' && items[index + 1]?.mark === '+';
}

/** Item `index` read as an agency heading, or null. */
function headAt(items: Item[], index: number, inSection: boolean): (AgencyHead & { strong: boolean; inSection: boolean }) | null {
  const it = items[index]!;
  if (!couldHead(items, index) || isOrganisationHeading(it)) return null;
  const numbered = it.kind === 'heading';
  // "Giao Sở Tư pháp (chủ trì, phối hợp …):", "Ủy ban nhân dân các tỉnh, thành phố …:" over the duties.
  const line = it.kind === 'text';
  // "- Bộ Công Thương" over "+" duties.
  const bullet = it.kind === 'bullet';
  const head = agencyHeading(it, it.numKind === 'letter' || line || bullet);
  if (!head) return null;
  if (line && !head.strong && !isAgencyList(head.name)) return null;
  const prefix = bullet ? [ttPrefix(items, parentOf(items, index)), String(dashPlace(items, index))].filter(Boolean).join('.') : ttPrefix(items, index);
  return { index, ...head, prefix, line: line || bullet, inSection };
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
function dutiesOf(items: Item[], head: AgencyHead, isStart: (i: number) => boolean, consumed: Set<number>): RawTask[] {
  const it = items[head.index]!;
  const ownLetter = it.kind === 'heading' && it.numKind === 'letter';
  const ownBullet = it.kind === 'bullet';
  const duties: Array<{ task: RawTask; letter: string | null }> = [];
  if (head.inline) duties.push({ task: duty(it, head.name, head.inline, it), letter: null });
  let sawDash = false;
  for (let i = head.index + 1; i < items.length; i++) {
    const x = items[i]!;
    if (endsSection(x) || isOrganisationHeading(x) || isStart(i)) break;
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
    if (last && last.letter !== null && nextIsLetter(items, i, isStart)) {
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
function nextIsLetter(items: Item[], i: number, isStart: (i: number) => boolean): boolean {
  let j = i + 1;
  while (j < items.length && items[j]!.kind === 'text') j++;
  const x = items[j];
  return x !== undefined && x.kind === 'heading' && x.numKind === 'letter' && !isStart(j);
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
  // Every test here is pure, so their order is free: the one most lines fail comes first, the costly ones last.
  if (!startsWithAgency(bare) && !COLLECTIVE_HEAD_RE.test(bare)) return null;
  if (NOT_AN_AGENCY_RE.test(bare)) return null;
  const list = isAgencyList(bare);
  // A long heading must be nothing but agencies ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh").
  if (words > 12 && !list && !/^các tổ chức/iu.test(bare) && !(colon >= 0 && ROLE_RE.test(bare))) return null;
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

/**
 * Heads that start like a group of bodies ("Các …", "Tổ …") but name people or kinds of things: a decision's
 * member list ("Tổ trưởng:", "Các thành viên:" over "Ông …, Giám đốc Sở …"), a guidance's "Các loại bản
 * sao", "Trách nhiệm của các cá nhân", a letterhead shown as an example ("TỈNH UỶ … * Ví dụ 2").
 */
const NOT_AN_AGENCY_RE = new RegExp(
  [
    // People, when that is all the head says ("Các thành viên Ban Chỉ đạo tỉnh:" is a group that gets tasks).
    '^(?:(?:các|những)\\s+)?(?:thành viên|cá nhân|tổ trưởng|tổ phó|trưởng ban|phó trưởng ban|thư ký)$',
    // Kinds of things a guidance or a regulation lists.
    '^(?:các|những)\\s+(?:loại|hình thức|thành phần|nội dung|bước|trường hợp|yêu cầu|ví dụ|quy định|điều kiện|tiêu chí|chỉ tiêu|mục tiêu|giải pháp|nhiệm vụ|văn bản)(?=[\\s,.;:]|$)',
    '(?:^|\\s)ví dụ(?=[\\s\\d,.;:]|$)',
  ].join('|'),
  'iu',
);

/** "Sở Tư pháp (chủ trì, phối hợp với các cơ quan …)": an assignment with its roles, before a colon. */
const ROLE_RE = /(?:^|\s)chủ trì(?=[\s,.;:)]|$)/iu;

function duty(head: Item, agency: string, text: string, at: Item): RawTask {
  const raw = emptyRaw('duties', at.line, at.page);
  raw.group = head.written.replace(/:.*$/s, '').trim();
  raw.content = text.trim();
  raw.lead = agency;
  return raw;
}

import type { Doc } from '../model/doc.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import { foldKey } from '../normalise/text.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import { outline, type Item } from './outline.js';

/**
 * Duties assigned agency by agency, wherever they stand: under "TỔ CHỨC
 * THỰC HIỆN", under any section title ("GIẢI PHÁP … VÀ PHÂN CÔNG NHIỆM VỤ"),
 * or as the whole body of an official letter (công văn). Each agency is a
 * numbered heading and its duties follow as lettered items, bullets, a
 * paragraph, or inline after a colon:
 *   1. Sở Y tế                        2. Đề nghị Công an tỉnh
 *   a) Chủ trì, phối hợp …            - Chỉ đạo lực lượng …
 *   3. Phòng Kinh tế xã: Tham mưu UBND xã bố trí kinh phí …
 * In: a Doc. Out: one raw task per duty, led by the heading's agency (without
 * "Đề nghị", "Giao", "Trách nhiệm của" …); TT is the agency's number and the
 * duty's letter ("1.a") or place ("1.2"), or the number alone for one duty.
 * Outside an organisation section a numbered agency heading counts only
 * beside another one or with an assigning word ("Đề nghị", "Giao"), so a
 * lone "1. Sở Y tế …" in a plan's prose is not taken for a duty list.
 */
export function findDuties(doc: Doc): RawTask[] {
  const items = outline(doc);
  const heads = agencyHeads(items);
  const tasks: RawTask[] = [];
  for (const h of heads) tasks.push(...dutiesOf(items, h));
  return tasks;
}

interface AgencyHead {
  index: number;
  name: string;
  inline: string | null;
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
    if (it.kind !== 'heading' || (it.numKind !== 'arabic' && it.numKind !== 'dotted')) continue;
    const head = agencyHeading(it);
    if (!head) continue;
    found.push({ index, ...head, inSection });
  }
  // Outside an organisation section: only agency headings with a sibling, or that assign in words.
  return found.filter((h) => h.inSection || h.strong || found.filter((o) => !o.inSection).length >= 2);
}

/** The duties under one agency heading, up to the next heading of its level or the end of its section. */
function dutiesOf(items: Item[], head: AgencyHead): RawTask[] {
  const it = items[head.index]!;
  const duties: Array<{ task: RawTask; letter: string | null }> = [];
  if (head.inline) duties.push({ task: duty(it, head.name, head.inline, it), letter: null });
  let sawDash = false;
  for (let i = head.index + 1; i < items.length; i++) {
    const x = items[i]!;
    if (endsSection(x) || isOrganisationHeading(x)) break;
    if (x.kind === 'heading' && x.numKind !== 'letter') break;
    const last = duties[duties.length - 1];
    if (x.kind === 'heading') {
      duties.push({ task: duty(it, head.name, x.text, x), letter: x.num! });
      continue;
    }
    if (x.kind === 'bullet') {
      // Bullets under a lettered duty detail it; "+" items under a "-" duty detail that duty.
      if (last && (last.letter !== null || (x.mark === '+' && sawDash))) {
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
    // A closing paragraph ("Sở … đề nghị các cơ quan … phối hợp") ends the list.
    break;
  }
  const num = it.num!;
  const many = duties.length > 1;
  return duties.map(({ task, letter }, k) => {
    task.tt = letter !== null ? `${num}.${letter}` : many ? `${num}.${k + 1}` : num;
    task.deadline ??= deadlineSentence(task.content);
    return task;
  });
}

function isOrganisationHeading(it: Item): boolean {
  const t = foldKey(it.text).replace(/[.:]+$/, '');
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

const ASSIGNING_RE = /^(?:đề nghị|giao|yêu cầu|trách nhiệm của|nhiệm vụ của)\s+/i;

/**
 * "Sở Y tế", "Đề nghị Ủy ban MTTQ …", "Giao Chi cục …", "Trách nhiệm của
 * các tổ chức …", "Phòng Kinh tế xã: Tham mưu …". A numbered sentence
 * ("Giao Sở Y tế chủ trì, phối hợp …") is not an agency heading.
 */
function agencyHeading(it: Item): { name: string; inline: string | null; strong: boolean } | null {
  const text = it.text.trim();
  const colon = text.indexOf(':');
  let name = colon >= 0 ? text.slice(0, colon) : text;
  const inline = colon >= 0 ? text.slice(colon + 1).trim() || null : null;
  name = name.replace(/[.;]+$/, '').trim();
  const strong = ASSIGNING_RE.test(name);
  const bare = name.replace(ASSIGNING_RE, '').replace(/\s+chỉ đạo\b.*$/i, '').trim();
  const words = bare.split(/\s+/).length;
  if (words > 30) return null;
  // A long heading must be nothing but agencies ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh").
  if (words > 12 && !isAgencyList(bare) && !/^các tổ chức/i.test(bare)) return null;
  if (!startsWithAgency(bare) && !COLLECTIVE_HEAD_RE.test(bare)) return null;
  // A heading that is a whole sentence about the agency is not a name.
  if (colon < 0 && /[,;]\s*(chủ trì|phối hợp|tham mưu)/i.test(bare)) return null;
  return { name: bare, inline, strong };
}

/** Headings naming a group of units the dictionary cannot know ("Các tổ dân phố thuộc phường"). */
const COLLECTIVE_HEAD_RE = /^(các|cơ quan|đơn vị|tổ|hội|ban|phòng|trạm|trường|trung tâm|ủy ban|uỷ ban)\s/i;

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

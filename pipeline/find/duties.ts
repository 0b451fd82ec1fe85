import type { Doc } from '../model/doc.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import { foldKey } from '../normalise/text.js';
import { isAgencyList, startsWithAgency } from '../normalise/agencies.js';
import { outline, type Item } from './outline.js';

/**
 * Plans with neither a table nor labelled tasks still assign work: under
 * "TỔ CHỨC THỰC HIỆN" each agency is a numbered heading and its duties
 * follow as bullets, as a paragraph, or inline after a colon:
 *   1. Sở Y tế
 *   - Chủ trì, phối hợp …
 *   2. Phòng Kinh tế xã: Tham mưu UBND xã bố trí kinh phí …
 * Each duty becomes a task led by that agency; TT is the agency's number and
 * the duty's place under it ("1.2"), or the number alone for a single duty.
 */
export function findDuties(doc: Doc): RawTask[] {
  const items = outline(doc);
  const start = items.findIndex(isOrganisationHeading);
  if (start < 0) return [];
  const tasks: RawTask[] = [];
  let agency: { item: Item; name: string; duties: RawTask[]; sawDash: boolean } | null = null;
  const close = () => {
    if (!agency) return;
    const many = agency.duties.length > 1;
    agency.duties.forEach((d, k) => {
      d.tt = many ? `${agency!.item.num}.${k + 1}` : agency!.item.num!;
    });
    tasks.push(...agency.duties);
    agency = null;
  };
  for (let i = start + 1; i < items.length; i++) {
    const it = items[i]!;
    if (endsSection(it)) break;
    if (it.kind === 'heading' && (it.numKind === 'arabic' || it.numKind === 'dotted')) {
      const head = agencyHeading(it);
      close();
      if (head) {
        agency = { item: it, name: head.name, duties: [], sawDash: false };
        if (head.inline) agency.duties.push(duty(it, head.name, head.inline, it));
      }
      continue;
    }
    if (!agency) continue;
    if (it.kind === 'bullet') {
      // "+" items under a "-" duty detail that duty; on their own they are duties.
      const last = agency.duties[agency.duties.length - 1];
      if (it.mark === '+' && agency.sawDash && last) {
        last.content = `${last.content} ${it.text}`;
        continue;
      }
      if (it.mark !== '+') agency.sawDash = true;
      agency.duties.push(duty(agency.item, agency.name, it.text, it));
      continue;
    }
    if (it.kind === 'text' && agency.duties.length === 0) {
      agency.duties.push(duty(agency.item, agency.name, it.text, it));
      continue;
    }
    // A closing paragraph ("Yêu cầu các cơ quan …") ends the list.
    close();
  }
  close();
  return tasks;
}

function isOrganisationHeading(it: Item): boolean {
  const t = foldKey(it.text).replace(/[.:]+$/, '');
  return t === 'tổ chức thực hiện' || t === 'trách nhiệm thực hiện' || t === 'phân công nhiệm vụ' || t === 'phân công thực hiện';
}

/** The next Roman section, "Nơi nhận", or the signature block ends the duties. */
function endsSection(it: Item): boolean {
  if (it.kind === 'heading' && (it.numKind === 'roman' || it.numKind === 'upper')) return true;
  const t = foldKey(it.written);
  return /^(nơi nhận|tm\.|kt\.|tm |kt |phụ lục)/.test(t);
}

/**
 * "Sở Y tế", "Đề nghị Ủy ban MTTQ …", "Phòng Kinh tế xã: Tham mưu …".
 * A numbered sentence ("Giao Sở Y tế chủ trì, phối hợp …") is not an agency heading.
 */
function agencyHeading(it: Item): { name: string; inline: string | null } | null {
  const text = it.text.trim();
  const colon = text.indexOf(':');
  let name = colon >= 0 ? text.slice(0, colon) : text;
  const inline = colon >= 0 ? text.slice(colon + 1).trim() || null : null;
  name = name.replace(/[.;]+$/, '').trim();
  const bare = name.replace(/^(đề nghị|giao|yêu cầu)\s+/i, '');
  const words = bare.split(/\s+/).length;
  if (words > 30) return null;
  // A long heading must be nothing but agencies ("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh").
  if (words > 12 && !isAgencyList(bare)) return null;
  if (!startsWithAgency(bare) && !COLLECTIVE_HEAD_RE.test(bare)) return null;
  // A heading that is a whole sentence about the agency is not a name.
  if (colon < 0 && /[,;]\s*(chủ trì|phối hợp|tham mưu)/i.test(bare)) return null;
  return { name: bare, inline };
}

/** Headings naming a group of units the dictionary cannot know ("Các tổ dân phố thuộc phường"). */
const COLLECTIVE_HEAD_RE = /^(các|cơ quan|đơn vị|tổ|hội|ban|phòng|trạm|trường|trung tâm|ủy ban|uỷ ban)\s/i;

function duty(head: Item, agency: string, text: string, at: Item): RawTask {
  const raw = emptyRaw('duties', at.line, at.page);
  raw.group = head.written.replace(/:.*$/s, '').trim();
  raw.content = text.trim();
  raw.lead = agency;
  return raw;
}

import { canonicalAgency, agencyKey } from '../normalise/agencies.js';
import { DEFAULT_AGENCIES, type AgencyDictionary } from '../normalise/agency-dictionary.js';
import { stripDiacritics } from '../normalise/text.js';
import { workbookStem } from './changes.js';

/**
 * Which agency sent a copy back: the agency a `--per-agency` workbook was
 * written for (its `Văn bản` sheet says so), else one that the file's name
 * spells ("so-noi-vu.xlsx", "Sở Tư pháp - báo cáo.xlsx"), else unknown. Names
 * in, a canonical agency name or null out. Only agencies the dictionary
 * knows, and never a collective ("các sở, ngành" answers for no one), so a
 * file called "bao-cao" or "tong-hop" is never taken for an agency.
 */
export function agencyOfCopy(declared: string | null, file: string, dict: AgencyDictionary = DEFAULT_AGENCIES): string | null {
  if (declared !== null && declared.trim() !== '') return canonicalAgency(declared, dict).canonical;
  const stem = plain(workbookStem(file));
  if (stem === '') return null;
  let best: { name: string; length: number } | null = null;
  for (const e of dict.entries) {
    if (e.collective) continue;
    for (const name of [e.canonical, ...e.aliases]) {
      const k = plain(name);
      if (k.length < 5 || !(stem === k || stem.startsWith(`${k} `))) continue;
      if (!best || k.length > best.length) best = { name: e.canonical, length: k.length };
    }
  }
  return best?.name ?? null;
}

/** A name or file stem as bare words: no accents, no "&"/"-"/"_" differences, digits dropped. */
function plain(s: string): string {
  return stripDiacritics(agencyKey(s.replace(/[_.]+/g, ' ')))
    .replace(/\bva\b/g, ' ')
    .replace(/[^a-z\s]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

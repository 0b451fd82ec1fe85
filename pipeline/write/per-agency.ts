import type { ConvertedDocument } from '../model/document.js';
import { isCollective } from '../normalise/agencies.js';
import { stripDiacritics } from '../normalise/text.js';

/**
 * A plan split for sending out (`convert --per-agency`): one document per
 * lead agency holding the tasks it leads (a task with two leads goes to
 * both) and their findings, so each agency gets a workbook of its own tasks
 * and the workbook names it (rollup then trusts its answers for them). The
 * document's fields are the plan's, so every copy carries the plan's id.
 * Tasks no single agency leads (none, or "các sở, ngành") go to nobody: they
 * are counted for the summary line. Pure: a document in, documents out.
 */
export interface AgencyCopy {
  agency: string;
  /** File name without extension: the agency's name without accents ("so-noi-vu"), unique in the plan. */
  slug: string;
  doc: ConvertedDocument;
}

export function perAgencyDocs(doc: ConvertedDocument): { copies: AgencyCopy[]; unsent: number } {
  const byAgency = new Map<string, Set<string>>();
  let unsent = 0;
  for (const t of doc.tasks) {
    const leads = [...new Set(t.leadCanonical)].filter((a) => a.trim() !== '' && !isCollective(a));
    if (leads.length === 0) unsent++;
    for (const a of leads) byAgency.set(a, (byAgency.get(a) ?? new Set()).add(t.id));
  }
  const agencies = [...byAgency.keys()].sort((a, b) => a.localeCompare(b, 'vi'));
  const taken = new Set<string>();
  const copies = agencies.map((agency): AgencyCopy => {
    const ids = byAgency.get(agency)!;
    const base = slugOf(agency) || 'co-quan';
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return {
      agency,
      slug,
      doc: { ...doc, tasks: doc.tasks.filter((t) => ids.has(t.id)), findings: doc.findings.filter((f) => ids.has(f.task)) },
    };
  });
  return { copies, unsent };
}

/** "Sở Nội vụ" → "so-noi-vu": safe in every file system and mail attachment, and read back by copy-agency.ts. */
export function slugOf(name: string): string {
  return stripDiacritics(name.normalize('NFC').toLowerCase())
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** The folder beside a plan's outputs holding its per-agency workbooks. */
export const PER_AGENCY_SUFFIX = '.theo-co-quan';

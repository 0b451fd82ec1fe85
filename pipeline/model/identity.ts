import type { ConvertedDocument } from './document.js';

/**
 * Which plan a tracking workbook follows, whatever its file is called: the
 * plan's number, issuer and signing date (or, for a draft with no number,
 * its file and title) folded into a short id that the workbook carries on
 * its `Văn bản` sheet, with a version that each re-import raises. Copies,
 * renamed files, the backup kept by an update and copies returned before an
 * amendment are then known as one plan (rollup counts its tasks once), and
 * the newest version is known. Pure: fields in, id out.
 */
export interface PlanIdentity {
  /** "KH-1a2b3c4d": the same for every copy and version of one plan. */
  id: string;
  /** 1 when converted, +1 at each `convert --into`. */
  version: number;
}

export interface PlanFields {
  number: string | null;
  issuer: string | null;
  date: string | null;
  file: string | null;
  title: string | null;
}

export function planFields(doc: ConvertedDocument): PlanFields {
  return { ...doc.document, file: doc.source.file };
}

/** The id of a plan from what identifies it; the same fields give the same id on every machine. */
export function planId(f: PlanFields): string {
  const fold = (s: string | null): string => (s ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const key = f.number ? `so|${fold(f.number)}|${fold(f.issuer)}|${fold(f.date)}` : `tep|${fold(f.file)}|${fold(f.title)}`;
  return `KH-${fnv1a(key)}`;
}

/** 32-bit FNV-1a over UTF-16 code units, as 8 hex digits: short, stable, no crypto needed in the add-in. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

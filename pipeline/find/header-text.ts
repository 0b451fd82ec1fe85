import { HEADER_SYNONYMS, headerKey, type Field } from './headers.js';

/** "Căn cứ bổ sung", "Nguồn kinh phí": columns of task tables that name no task field. */
const EXTRA_COLUMNS = ['căn cứ', 'căn cứ bổ sung', 'căn cứ giao nhiệm vụ', 'nguồn kinh phí', 'kinh phí', 'văn bản giao nhiệm vụ'];

/**
 * A header row that lost its columns (a PDF's text layer dumped without
 * layout): "TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian
 * hoàn thành". Read it as a sequence of header labels, longest first; the
 * whole text must be consumed, so a sentence that merely mentions "nội dung"
 * is not a header.
 */
const LABELS: Array<{ field: Field; key: string }> = [
  ...Object.entries(HEADER_SYNONYMS).flatMap(([field, words]) => words.map((w) => ({ field: field as Field, key: headerKey(w) }))),
  // Columns that are no field but stand in such headers; read as extra data so the header reads whole.
  ...EXTRA_COLUMNS.map((w) => ({ field: 'note' as const, key: headerKey(w) })),
].sort((a, b) => b.key.length - a.key.length);

export interface HeaderParse {
  fields: Field[];
  /** Labels as matched, for display and extra-column names. */
  labels: string[];
  /** How much of the text was consumed (characters of the key). */
  consumed: number;
  complete: boolean;
}

export function parseHeaderText(text: string): HeaderParse {
  const key = headerKey(text).replace(/[/,.;-]/g, ' ').replace(/\s+/g, ' ').trim();
  const fields: Field[] = [];
  const labels: string[] = [];
  let pos = 0;
  while (pos < key.length) {
    while (key[pos] === ' ') pos++;
    if (pos >= key.length) break;
    const rest = key.slice(pos);
    const hit = LABELS.find((l) => {
      const k = l.key.replace(/[/,.;-]/g, ' ').replace(/\s+/g, ' ');
      return rest.startsWith(k) && (rest.length === k.length || rest[k.length] === ' ');
    });
    if (!hit) break;
    const k = hit.key.replace(/[/,.;-]/g, ' ').replace(/\s+/g, ' ');
    // "Cơ quan chủ trì" followed by "thực hiện" still names one column.
    fields.push(hit.field);
    labels.push(k);
    pos += k.length;
  }
  while (key[pos] === ' ') pos++;
  return { fields, labels, consumed: pos, complete: pos >= key.length && fields.length > 0 };
}

/** A complete parse naming content and at least two other fields. */
export function isHeaderText(text: string): boolean {
  const p = parseHeaderText(text);
  if (!p.complete) return false;
  const set = new Set(p.fields);
  return set.has('content') && set.size >= 3 && p.fields.length === set.size + countDupNotes(p.fields);
}

function countDupNotes(fields: Field[]): number {
  return fields.filter((f) => f === 'note').length - (fields.includes('note') ? 1 : 0);
}

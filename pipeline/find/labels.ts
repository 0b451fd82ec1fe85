import { fieldOfHeader, type Field } from './headers.js';

/** "Cơ quan chủ trì: Sở Y tế" → the field the label names and its value. */
export interface Label {
  field: Field;
  value: string;
}

const LABEL_RE = /^([^:]{2,60}?)\s*:\s*(.*)$/s;

/** One label at the start of the text, or null. Labels are short and name a task field. */
export function parseLabel(text: string): Label | null {
  // The label ends at the first colon, two characters in or later; most lines have none.
  if (text.indexOf(':') < 2) return null;
  const m = text.match(LABEL_RE);
  if (!m) return null;
  const name = m[1]!.replace(/[*_]/g, '').replace(/^[a-zđ]\)\s*/, '').trim();
  if (name.split(/\s+/).length > 8) return null;
  const field = fieldOfHeader(name);
  // "Số: 45/KH-UBND" and "Ghi chú: …" are not task labels.
  if (!field || field === 'tt' || field === 'note') return null;
  return { field, value: m[2]!.replace(/^[*_\s]+|[*_\s]+$/g, '').trim() };
}

/**
 * Every label of a line: "Chủ trì: Sở Y tế; phối hợp: BHXH tỉnh, Sở KH&CN;
 * thời gian: Quý III/2026" holds three. A ";" piece that is not a label
 * belongs to the value before it.
 */
export function parseLabels(text: string): Label[] {
  const first = parseLabel(text);
  if (!first) return [];
  const out: Label[] = [];
  const pieces = text.split(/;\s*/);
  let cur: Label | null = null;
  for (const piece of pieces) {
    const l = parseLabel(piece);
    if (l) {
      if (cur) out.push(cur);
      cur = { ...l };
    } else if (cur) {
      cur.value = cur.value ? `${cur.value}; ${piece}` : piece;
    }
  }
  if (cur) out.push(cur);
  // A task's text keeps its full stop, as written; agencies and deadlines lose the separator.
  return out.map((l) => ({ ...l, value: l.field === 'content' ? l.value.replace(/[;\s]+$/, '').trim() : l.value.replace(/[.;\s]+$/, '').trim() }));
}

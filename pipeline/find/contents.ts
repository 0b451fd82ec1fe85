import type { Doc } from '../model/doc.js';
import { mapHeader } from './headers.js';

/**
 * What a document holds, in a few words, for the message of a document in
 * which no task was found: how many paragraphs and tables, and the header of
 * its first tables, so the user sees what was read and why none of it is a
 * task list ("2 bảng: STT | Tên hồ chứa | Dung tích …"). In: a Doc. Out: a
 * Vietnamese and an English phrase.
 */
export function describeContents(doc: Doc): { vi: string; en: string } {
  const paras = doc.blocks.filter((b) => b.kind === 'para').length;
  const tables = doc.blocks.filter((b) => b.kind === 'table');
  const heads = tables
    .slice(0, 2)
    .map((t) => t.rows[0]?.cells.map((c) => c.text.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ') ?? '')
    .filter((h) => h !== '' && mapHeader(h.split(' | ')) === null)
    .map((h) => (h.length > 80 ? `${h.slice(0, 79)}…` : h));
  const shown = heads.length ? `: ${heads.map((h) => `"${h}"`).join('; ')}` : '';
  if (paras === 0 && tables.length === 0) return { vi: 'không có chữ nào đọc được', en: 'no readable text' };
  return {
    vi: `${paras} đoạn văn, ${tables.length} bảng${shown}; không đoạn nào giao việc cho cơ quan`,
    en: `${paras} paragraphs, ${tables.length} tables${shown}; none assigns work to an agency`,
  };
}

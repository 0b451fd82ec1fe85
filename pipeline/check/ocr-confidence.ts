import type { Doc } from '../model/doc.js';
import type { Finding, TaskField } from '../model/finding.js';
import type { Task } from '../model/task.js';
import { foldKey } from '../normalise/text.js';

/**
 * `ocr.low_confidence`: a task field holding words tesseract was unsure of,
 * so a person checks exactly those against the scan.
 *
 * In: the Doc (paragraphs and cells carry `unsure` words, by line) and the
 * tasks found in it. Out: one finding per task field that holds such a word,
 * naming the words and the page.
 */

export const OCR_RULE = 'ocr.low_confidence';

interface Unsure {
  line: number;
  page: number | null;
  words: string[];
}

const FIELDS: Array<[TaskField, (t: Task) => string | null]> = [
  ['tt', (t) => t.tt],
  ['content', (t) => t.content],
  ['lead', (t) => t.lead.join('; ')],
  ['support', (t) => t.support.join('; ')],
  ['deadline', (t) => t.deadline.raw],
  ['product', (t) => t.product],
  ['approval', (t) => t.approval],
];

export function ocrFindings(doc: Doc, tasks: Task[]): Finding[] {
  if (!doc.ocrPages?.length) return [];
  const unsure: Unsure[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'para') {
      if (b.unsure?.length) unsure.push({ line: b.line, page: b.page ?? null, words: b.unsure });
      continue;
    }
    for (const row of b.rows) {
      const words = row.cells.flatMap((c) => c.unsure ?? []);
      if (words.length > 0) unsure.push({ line: row.line, page: row.page ?? null, words });
    }
  }
  if (unsure.length === 0) return [];
  // A task's text comes from its own line up to the next task's.
  const starts = tasks.map((t) => t.origin.line ?? -1);
  const out: Finding[] = [];
  tasks.forEach((t, i) => {
    const from = starts[i]!;
    if (from < 0) return;
    const to = Math.min(...starts.slice(i + 1).filter((s) => s > from), Infinity);
    const near = unsure.filter((u) => u.line >= from && u.line < to);
    if (near.length === 0) return;
    for (const [field, get] of FIELDS) {
      const text = get(t);
      if (!text) continue;
      // Whole words only: an unsure "an" of the content is not in "Ủy ban" of the lead.
      const key = words(text);
      const found = [...new Set(near.flatMap((u) => u.words))].filter((w) => {
        const k = words(w);
        return k.trim() !== '' && key.includes(k);
      });
      if (found.length === 0) continue;
      const page = near[0]!.page;
      out.push(finding(t, field, found.slice(0, 6), page));
    }
  });
  return out;
}

/** " word word ": folded, punctuation as spaces, padded so a match is whole words. */
function words(s: string): string {
  return ` ${foldKey(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

function finding(t: Task, field: TaskField, words: string[], page: number | null): Finding {
  const where = t.tt ? `TT ${t.tt}` : t.id;
  const list = words.map((w) => `«${w}»`).join(', ');
  const onPage = page === null ? '' : ` (trang ${page})`;
  const onPageEn = page === null ? '' : ` (page ${page})`;
  const messageVi = `${where}: chữ đọc từ bản quét có thể sai: ${list}${onPage}; hãy đối chiếu với bản gốc`;
  const messageEn = `${where}: text read from the scan may be wrong: ${list}${onPageEn}; check it against the original`;
  return { task: t.id, field, rule: OCR_RULE, severity: 'warning', message: `${messageVi} / ${messageEn}`, messageVi, messageEn };
}

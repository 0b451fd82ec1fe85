import { mm, p, type Block, type Paragraph, type Table } from './model.js';
import type { ReportSettings } from './settings.js';
import { placeDateLine, upper } from './vi.js';

/**
 * The parts of a report that Decree 30/2020 (Appendix I) fixes: the
 * letterhead (a borderless two-column table: superior and issuing body,
 * a short rule, "Số: …/BC-…" on the left; the national name, the motto with
 * its rule, place and date in italics on the right), the title ("BÁO CÁO"
 * and the subject in bold, centred, a short rule under it), "Kính gửi", and
 * the signature block ("Nơi nhận:" with its list on the left, the signer's
 * capacity and name on the right). In: ReportSettings (blanks become "…")
 * and the text width in twips. Out: blocks for the body. Pure.
 */

const BLANK = '…';

/** A short centred rule, `length` twips long, in a column `width` twips wide. */
function rule(width: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((width - length) / 2));
  return p([{ text: '', size: 2 }], { ruleTop: true, left: side, right: side, lineExact: 2, before: 1 });
}

/** "Số: 15/BC-SYT"; "Số: …/BC-SYT" with the symbol only; "Số: …/BC-…" with neither. */
export function numberLine(s: ReportSettings): string {
  if (s.number) return `Số: ${s.number}`;
  return `Số: ${BLANK}/${s.symbol ?? `BC-${BLANK}`}`;
}

/**
 * The letterhead reaches 10 mm into the left margin and 5 mm into the right
 * one, as offices' templates do, so the national name (12 pt bold) holds on
 * one line and the bodies' names wrap less.
 */
const INTO_LEFT = mm(10);
const INTO_RIGHT = mm(5);

export function letterhead(s: ReportSettings, width: number): Table {
  const full = width + INTO_LEFT + INTO_RIGHT;
  const left = Math.round(full * 0.445);
  const right = full - left;
  const leftBlocks: Paragraph[] = [];
  if (s.superior) leftBlocks.push(p([{ text: upper(s.superior), size: 12 }], { align: 'center' }));
  leftBlocks.push(p([{ text: s.issuer ? upper(s.issuer) : BLANK, size: 13, bold: true }], { align: 'center' }));
  leftBlocks.push(rule(left, Math.round(left / 3)));
  leftBlocks.push(p([{ text: numberLine(s), size: 13 }], { align: 'center', before: 6 }));
  const rightBlocks: Paragraph[] = [
    p([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12, bold: true }], { align: 'center' }),
    p([{ text: 'Độc lập - Tự do - Hạnh phúc', size: 13, bold: true }], { align: 'center' }),
    // As long as the motto: about 61 mm at 13 pt bold.
    rule(right, 3450),
    p([{ text: placeDateLine(s.place ?? null, s.date ?? null), size: 13, italic: true }], { align: 'center', before: 6 }),
  ];
  return {
    kind: 'table',
    widths: [left, right],
    borders: false,
    cellPadding: 0,
    indent: -INTO_LEFT,
    rows: [{ cells: [{ blocks: leftBlocks }, { blocks: rightBlocks }], cantSplit: true }],
  };
}

/** "BÁO CÁO", the subject lines, a short rule; then "Kính gửi: …" when the report goes to named bodies. */
export function titleBlock(subject: readonly string[], s: ReportSettings, width: number): Block[] {
  const out: Block[] = [
    p([{ text: 'BÁO CÁO', bold: true, size: 14 }], { align: 'center', before: 18, keepNext: true }),
    ...subject.map((line) => p([{ text: line, bold: true, size: 14 }], { align: 'center', keepNext: true })),
    rule(width, Math.round(width / 4)),
  ];
  const to = s.to ?? [];
  if (to.length === 1) out.push(p([{ text: `Kính gửi: ${to[0]}.` }], { align: 'center', before: 12 }));
  else if (to.length > 1) {
    out.push(p([{ text: 'Kính gửi:' }], { align: 'center', before: 12 }));
    to.forEach((x, i) => out.push(p([{ text: `- ${x}${i === to.length - 1 ? '.' : ';'}` }], { left: Math.round(width * 0.35) })));
  }
  return out;
}

/** "Nơi nhận:" and its list (11 pt) on the left; capacity (bold, upper case), room to sign, the name on the right. */
export function signatureBlock(s: ReportSettings, width: number): Table {
  const left = Math.round(width * 0.45);
  const right = width - left;
  const recipients = [...(s.to?.length ? ['Như trên'] : []), ...(s.recipients ?? [])];
  if (recipients.length === 0) recipients.push('Như trên');
  const listed = [...recipients.map((r) => `- ${r};`), `- Lưu: ${s.archive ?? `VT, ${BLANK}`}.`];
  const leftBlocks: Paragraph[] = [
    p([{ text: 'Nơi nhận:', bold: true, italic: true, size: 12 }], { before: 12 }),
    ...listed.map((line) => p([{ text: line, size: 11 }])),
  ];
  const title = s.signer?.title ?? [BLANK];
  const rightBlocks: Paragraph[] = [
    ...title.map((line, i) => p([{ text: upper(line), bold: true, size: 14 }], { align: 'center', ...(i === 0 ? { before: 12 } : {}) })),
    // Room for the signature and the seal.
    ...Array.from({ length: 4 }, () => p([{ text: '' }], { before: 12 })),
    p([{ text: s.signer?.name ?? BLANK, bold: true, size: 14 }], { align: 'center', before: 12 }),
  ];
  return {
    kind: 'table',
    widths: [left, right],
    borders: false,
    cellPadding: 0,
    rows: [{ cells: [{ blocks: leftBlocks }, { blocks: rightBlocks }], cantSplit: true }],
  };
}

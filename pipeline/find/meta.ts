import type { Doc, Paragraph } from '../model/doc.js';
import type { DocumentInfo } from '../model/document.js';
import { cleanText, foldKey, stripMarkdown } from '../normalise/text.js';

const HEAD_PARAS = 40;

/**
 * Title, number, issuer and signing date from the top of a plan. Drafts
 * leave the number and date blank ("Số: /KH-UBND", "ngày tháng năm 2026"):
 * those come out null rather than half-filled.
 */
export function findDocumentInfo(doc: Doc): DocumentInfo {
  const paras = headLines(doc)
    .slice(0, HEAD_PARAS)
    .map((p) => ({ ...p, text: cleanText(stripMarkdown(p.text)) }))
    .filter((p) => p.text !== '');
  return {
    title: findTitle(paras),
    number: findNumber(paras),
    issuer: findIssuer(paras),
    date: findDate(paras),
  };
}

/**
 * The lines at the top of a plan. Word and HTML plans put the letterhead
 * (issuer, number, place and date) in a borderless table: its cells are read
 * as lines too, left column first.
 */
function headLines(doc: Doc): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of doc.blocks.slice(0, HEAD_PARAS)) {
    if (b.kind === 'para') {
      out.push(b);
      continue;
    }
    if (b.rows.length > 4) continue; // a real table, not a letterhead
    const width = Math.max(...b.rows.map((r) => r.cells.length));
    for (let c = 0; c < width; c++) {
      for (const r of b.rows) {
        for (const line of (r.cells[c]?.text ?? '').split('\n')) {
          out.push({ kind: 'para', text: line, line: r.line, page: r.page });
        }
      }
    }
  }
  return out;
}

function findTitle(paras: Paragraph[]): string | null {
  const i = paras.findIndex((p) => /^kế hoạch$/.test(foldKey(p.text)));
  if (i < 0) {
    const inline = paras.find((p) => /^kế hoạch\s+\S/.test(foldKey(p.text)) && p.text.length < 400);
    return inline ? inline.text : null;
  }
  const parts: string[] = [];
  let lastLine = paras[i]!.line;
  for (let j = i + 1; j < paras.length && parts.length < 8; j++) {
    const p = paras[j]!;
    if (parts.length && p.line - lastLine > 1) break; // a blank line ends the title
    if (/^(căn cứ|thực hiện|để)(?![\p{L}])/iu.test(p.text) && parts.length) break;
    parts.push(p.text);
    lastLine = p.line;
  }
  const body = parts.join(' ').trim();
  if (!body) return null;
  // "KẾ HOẠCH" over "Kế hoạch triển khai …": the line already names the kind, so it is not said twice.
  if (/^kế hoạch(?![\p{L}\p{M}])/u.test(foldKey(body))) return `Kế hoạch${body.slice('kế hoạch'.length)}`;
  return `Kế hoạch ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
}

function findNumber(paras: Paragraph[]): string | null {
  for (const p of paras) {
    const m = p.text.match(/^Số\s*:\s*(.+?)\s*$/i);
    if (m) {
      // "Số: 58/KH-UBND Quảng Ninh, ngày …" on one line: the number is the first word.
      const n = m[1]!.split(/\s+/)[0]!.trim();
      return /\d/.test(n) ? n : null;
    }
  }
  return null;
}

const ISSUER_RE = /^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|BỘ|SỞ|BAN)\b/u;

function findIssuer(paras: Paragraph[]): string | null {
  for (const p of paras.slice(0, 12)) {
    const t = p.text;
    if (t === t.toUpperCase() && ISSUER_RE.test(t) && t.length < 80 && !/^CỘNG HÒA|^CỘNG HOÀ/.test(t)) {
      // "ỦY BAN NHÂN DÂN" on one line and "TỈNH HÀ TĨNH" on the next are one name.
      const next = paras[paras.indexOf(p) + 1]?.text ?? '';
      const joined = /^(ỦY|UỶ) BAN NHÂN DÂN$|^UBND$/u.test(t) && /^(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|ĐẶC KHU|HUYỆN)\s/u.test(next) ? `${t} ${next}` : t;
      return joined.replace(/^(ỦY|UỶ) BAN NHÂN DÂN/u, 'UBND');
    }
  }
  return null;
}

function findDate(paras: Paragraph[]): string | null {
  for (const p of paras) {
    if (!/,\s*ngày/i.test(p.text)) continue;
    const words = p.text.match(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i);
    const slash = p.text.match(/ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/i);
    const m = words ?? slash;
    if (!m) return null;
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

import { u16 } from './container.js';
import type { Span } from './fib.js';

/**
 * The document's font table (MS-DOC 2.9.272 SttbfFfn): font names by index,
 * which character runs name through sprmCRgFtc0. A run in ".VnTime" or
 * "VNI-Times" holds text in a legacy Vietnamese encoding.
 */
export function readFonts(table: Uint8Array, span: Span): string[] {
  const names: string[] = [];
  if (span.lcb < 4) return names;
  try {
    let at = span.fc;
    const end = span.fc + span.lcb;
    if (u16(table, at) === 0xffff) at += 2;
    const count = u16(table, at);
    const extra = u16(table, at + 2);
    at += 4;
    for (let i = 0; i < count && at < end; i++) {
      const size = table[at]!;
      const ffn = at + 1;
      // FFN: 39 bytes of metrics (family, weight, charset, panose, signature), then the name, NUL-terminated UTF-16.
      let name = '';
      for (let p = ffn + 39; p + 1 < ffn + size && p + 1 < end; p += 2) {
        const c = u16(table, p);
        if (c === 0) break;
        name += String.fromCharCode(c);
      }
      names.push(name);
      at = ffn + size + extra;
    }
  } catch {
    // A damaged font table costs the legacy-font repair, never the text.
  }
  return names;
}

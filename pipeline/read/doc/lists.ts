import { bulletText, formatNumber } from '../list-labels.js';
import { i16, u16, u32 } from './container.js';
import type { Span } from './fib.js';

/**
 * List numbers Word draws before paragraphs (MS-DOC 2.9.147 PlfLst with its
 * LVLs, 2.9.131 PlfLfo): a paragraph names a list instance (ilfo) and a
 * level; the level says the start, the number format and the label text
 * with placeholders for each level's counter. Counters advance as the
 * paragraphs are read, as in the .docx reader, so "1.", "a)", "II." appear
 * in the text where the plan shows them.
 */
interface Level {
  start: number;
  fmt: string;
  /** Label text; characters 0–8 stand for the counter of that level. */
  text: string;
  suff: string;
  legal: boolean;
}

interface List {
  lsid: number;
  levels: Level[];
}

interface Lfo {
  lsid: number;
  /** Levels restarting at a given number in this instance. */
  starts: Map<number, number>;
}

const NFC: Record<number, string> = { 0: 'decimal', 1: 'upperRoman', 2: 'lowerRoman', 3: 'upperLetter', 4: 'lowerLetter', 22: 'decimalZero', 23: 'bullet', 255: 'none' };

export class Numbering {
  private readonly lists = new Map<number, List>();
  private readonly lfos: Lfo[] = [];
  private readonly counters = new Map<number, Array<number | undefined>>();
  private readonly used = new Set<number>();

  constructor(table: Uint8Array, plfLst: Span, plfLfo: Span) {
    try {
      this.readLists(table, plfLst);
      this.readLfos(table, plfLfo);
    } catch {
      // A damaged list table costs the labels, never the text.
    }
  }

  /** The label of a paragraph in list instance `ilfo` (1-based) at `ilvl`, advancing the counters; null when none. */
  label(ilfo: number, ilvl: number): { text: string; bullet: boolean } | null {
    const lfo = this.lfos[ilfo - 1];
    const list = lfo ? this.lists.get(lfo.lsid) : undefined;
    const lvl = list?.levels[Math.min(ilvl, list.levels.length - 1)];
    if (!lfo || !list || !lvl) return null;
    const counters = this.counters.get(list.lsid) ?? [];
    this.counters.set(list.lsid, counters);
    if (!this.used.has(ilfo)) {
      this.used.add(ilfo);
      for (const [k, start] of lfo.starts) counters[k] = start - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? lvl.start - 1) + 1;
    for (let k = ilvl + 1; k < 9; k++) counters[k] = undefined;
    if (lvl.fmt === 'none') return null;
    if (lvl.fmt === 'bullet') return { text: bulletText(lvl.text) + lvl.suff, bullet: true };
    let text = '';
    for (const ch of lvl.text) {
      const k = ch.charCodeAt(0);
      if (k > 8) {
        text += ch;
        continue;
      }
      const l = list.levels[k];
      text += formatNumber(counters[k] ?? l?.start ?? 1, lvl.legal && k !== ilvl ? 'decimal' : (l?.fmt ?? 'decimal'));
    }
    return text.trim() === '' ? null : { text: text + lvl.suff, bullet: false };
  }

  private readLists(t: Uint8Array, span: Span): void {
    if (span.lcb < 2) return;
    const count = i16(t, span.fc);
    const lstfs: Array<{ lsid: number; simple: boolean }> = [];
    for (let i = 0; i < count; i++) {
      const at = span.fc + 2 + i * 28;
      lstfs.push({ lsid: u32(t, at), simple: (t[at + 26]! & 1) !== 0 });
    }
    // The levels follow the PlfLst, list after list: one for a simple list, nine otherwise.
    let at = span.fc + span.lcb;
    for (const l of lstfs) {
      const levels: Level[] = [];
      for (let k = 0; k < (l.simple ? 1 : 9); k++) {
        const [level, next] = readLevel(t, at);
        levels.push(level);
        at = next;
      }
      this.lists.set(l.lsid, { lsid: l.lsid, levels });
    }
  }

  private readLfos(t: Uint8Array, span: Span): void {
    if (span.lcb < 4) return;
    const n = u32(t, span.fc);
    const heads: Array<{ lsid: number; clfolvl: number }> = [];
    for (let i = 0; i < n; i++) {
      const at = span.fc + 4 + i * 16;
      heads.push({ lsid: u32(t, at), clfolvl: t[at + 12]! });
    }
    let at = span.fc + 4 + n * 16;
    for (const h of heads) {
      const starts = new Map<number, number>();
      at += 4; // cp
      for (let j = 0; j < h.clfolvl; j++) {
        const start = u32(t, at) | 0;
        const flags = u32(t, at + 4);
        at += 8;
        if (flags & 0x10) starts.set(flags & 0xf, start);
        if (flags & 0x20) at = readLevel(t, at)[1];
      }
      this.lfos.push({ lsid: h.lsid, starts });
    }
  }
}

/** One LVL: its fixed part, the paragraph and character properties it carries, then its label text. */
function readLevel(t: Uint8Array, at: number): [Level, number] {
  const start = u32(t, at) | 0;
  const nfc = t[at + 4]!;
  const legal = (t[at + 5]! & 0x04) !== 0;
  const follow = t[at + 15]!;
  const cbChpx = t[at + 24]!;
  const cbPapx = t[at + 25]!;
  let p = at + 28 + cbPapx + cbChpx;
  const cch = u16(t, p);
  p += 2;
  let text = '';
  for (let i = 0; i < cch; i++) text += String.fromCharCode(u16(t, p + i * 2));
  p += cch * 2;
  return [{ start, fmt: NFC[nfc] ?? 'decimal', text, suff: follow === 2 ? '' : ' ', legal }, p];
}

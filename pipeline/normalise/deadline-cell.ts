/**
 * Reading a whole deadline cell, remembered.
 * In: the cell as written and the year a bare day or month belongs to (or null). Out: a `CellReading`:
 * the text as shown (null for a blank cell) and how it reads; one line per listed deadline, or the lines joined.
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */
import type { Reading } from './deadline-clauses.js';
import { readText } from './deadline-text.js';
import { Memo } from './memo.js';
import { cleanText, hasBullet, stripBullet } from './text.js';

// ───────────────────────────── cells ─────────────────────────────

/** Drop one trailing full stop (not an ellipsis). */
function dropFullStop(s: string): string {
  if (s.endsWith('...') || s.endsWith('…') || !s.endsWith('.')) return s;
  return s.slice(0, -1).trimEnd();
}

/** A cell with no letter or digit ("", "-", "—", "…") gives no deadline. */
function isBlank(s: string): boolean {
  return !/[\p{L}\p{N}]/u.test(s);
}

/**
 * Read a whole cell. A cell listing several deadlines on their own lines ("- 30/6/2026\n- 31/12/2026") takes the
 * last dated one; other line breaks are just wrapping ("Nhiệm vụ\nthường xuyên").
 */
export function readCell(raw: string, year: number | null = null): CellReading {
  // Deadline cells repeat ("Năm 2026", "Thường xuyên", "Quý IV/2026"), within a plan and across plans.
  return CELL_MEMO.get(year, () => new Memo<string, CellReading>(MEMO_CELLS)).get(raw, (text) => readCellOnce(text, year));
}

/** A cell's text as shown and how it reads. Shared by every caller that asks about the same cell: never changed. */
export interface CellReading {
  readonly display: string | null;
  readonly reading: Readonly<Reading>;
}

/** Readings remembered, by the year a bare day or month falls in, then by the cell as written (cleared when full). */
const MEMO_YEARS = 64;
const MEMO_CELLS = 20_000;
const CELL_MEMO = new Memo<number | null, Memo<string, CellReading>>(MEMO_YEARS);

function readCellOnce(raw: string, year: number | null): CellReading {
  const display = dropFullStop(cleanText(raw));
  if (isBlank(display)) return { display: null, reading: { kind: 'missing', start: null, end: null, whole: false } };

  const lines = raw.split(/\r\n|\r|\n/).map(cleanText).filter((l) => !isBlank(l));
  if (lines.length > 1) {
    const items = lines.map((l) => readText(stripBullet(l), year));
    const bulleted = lines.filter(hasBullet).length >= 2;
    const allDated = items.every((r) => r.whole && r.end !== null);
    const dated = items.filter((r) => r.end !== null);
    const last = dated[dated.length - 1];
    if ((bulleted || allDated) && last) return { display, reading: { ...last, whole: items.every((r) => r.whole) } };
  }
  return { display, reading: readText(stripBullet(lines.join(' ')), year) };
}

/**
 * Excel's cell text limit. A longer text makes Excel report the file as
 * damaged and drop the cell, so every writer cuts text here first and says
 * so in the cell: a reader sees the text was cut, not that it ends oddly.
 *
 * Pure TypeScript, no Node imports (runs in the add-in too).
 */

/** Excel refuses a cell longer than this (UTF-16 code units, as JavaScript counts). */
export const MAX_CELL_TEXT = 32_767;

/** Appended to a cut text: Vietnamese first, for the reader; English for whoever debugs. */
export const CLIP_MARK = '… [cắt bớt / truncated]';

/** A text cut to what a cell holds, ending with CLIP_MARK when cut; unchanged when it fits. */
export function clipCellText(s: string): string {
  if (s.length <= MAX_CELL_TEXT) return s;
  let end = MAX_CELL_TEXT - CLIP_MARK.length;
  // Never split a surrogate pair (an emoji, a rare CJK character): half of one is not text.
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end) + CLIP_MARK;
}

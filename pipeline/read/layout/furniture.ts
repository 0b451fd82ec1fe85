import type { Line } from './page.js';
import type { PageLayout } from './index.js';

export const PAGE_NUMBER = /^(?:(?:trang|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*\/\s*\d{1,4})?$/i;

/**
 * Page numbers and running headers / footers: the first or last line of a
 * page (above or below everything else). A lone number ("3", "- 3 -",
 * "Trang 3") centred or in the outer tenth of the page is a page number. A
 * line in the top (bottom) tenth whose text, digits aside, is the first (last)
 * line of other pages too, and that stands apart from the text below (above)
 * it, is a running header (footer); a heading that repeats at the top of two
 * pages ("PHỤ LỤC") sits close to its caption and stays.
 */
export function dropFurniture(layouts: PageLayout[]): void {
  const key = (s: string) => s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const edges = layouts.map((l) => {
    const tableTop = Math.min(...l.tables.map((t) => t.top));
    const tableBottom = Math.max(...l.tables.map((t) => t.bottom));
    const first = l.lines[0];
    const last = l.lines[l.lines.length - 1];
    return {
      top: first && first.y < tableTop ? first : null,
      bottom: last && last.y - last.size > tableBottom ? last : null,
    };
  });
  const tops = new Map<string, number>();
  const bottoms = new Map<string, number>();
  layouts.forEach((l, i) => {
    const { top, bottom } = edges[i]!;
    const h = l.page.height;
    if (top && top.y < 0.12 * h) tops.set(key(top.text), (tops.get(key(top.text)) ?? 0) + 1);
    if (bottom && bottom.y > 0.88 * h) bottoms.set(key(bottom.text), (bottoms.get(key(bottom.text)) ?? 0) + 1);
  });
  const enough = Math.max(2, Math.ceil(0.4 * layouts.length));
  layouts.forEach((l, i) => {
    const h = l.page.height;
    const isNumber = (line: Line) => {
      if (!PAGE_NUMBER.test(line.text)) return false;
      const cx = (line.x0 + line.x1) / 2;
      return Math.abs(cx - l.page.width / 2) < 0.12 * l.page.width || line.y < 0.1 * h || line.y > 0.9 * h;
    };
    // Space between a line and what follows (precedes) it on the page.
    const below = (line: Line, rest: Line[]) =>
      Math.min(...rest.filter((x) => x.y > line.y).map((x) => x.y - x.size), ...l.tables.map((t) => t.top).filter((t) => t > line.y)) - line.y;
    const above = (line: Line, rest: Line[]) =>
      line.y - line.size - Math.max(...rest.filter((x) => x.y < line.y).map((x) => x.y + 0.25 * x.size), ...l.tables.map((t) => t.bottom).filter((t) => t < line.y));
    const drop = new Set<Line>();
    const tryTop = (line: Line | undefined) => {
      if (!line || line.y >= Math.min(...l.tables.map((t) => t.top))) return false;
      const rest = l.lines.filter((x) => x !== line && !drop.has(x));
      const running = line.y < 0.12 * h && (tops.get(key(line.text)) ?? 0) >= enough && below(line, rest) >= 0.7 * line.size;
      if (!isNumber(line) && !running) return false;
      drop.add(line);
      return true;
    };
    const tryBottom = (line: Line | undefined) => {
      if (!line || line.y - line.size <= Math.max(...l.tables.map((t) => t.bottom))) return false;
      const rest = l.lines.filter((x) => x !== line && !drop.has(x));
      const running = line.y > 0.88 * h && (bottoms.get(key(line.text)) ?? 0) >= enough && above(line, rest) >= 0.5 * line.size;
      if (!isNumber(line) && !running) return false;
      drop.add(line);
      return true;
    };
    // A running header above a page number (or the other way round): two lines at most at each edge.
    const { top, bottom } = edges[i]!;
    if (top && tryTop(top)) tryTop(l.lines.find((x) => !drop.has(x)));
    if (bottom && tryBottom(bottom)) tryBottom([...l.lines].reverse().find((x) => !drop.has(x)));
    if (drop.size > 0) l.lines = l.lines.filter((x) => !drop.has(x));
  });
}

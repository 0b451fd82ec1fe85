/**
 * Numbers, dates and words as a Vietnamese official document writes them.
 * In: numbers, ISO dates. Out: text — "45,5%", "12 (45,5%)", "20/6/2026",
 * "Hà Tĩnh, ngày 05 tháng 01 năm 2026" (Decree 30/2020: a day below 10 and
 * the months 1 and 2 take a leading zero), Roman numerals for headings. Pure.
 */

/** A share as a percentage with one decimal and a decimal comma: 0.4545 → "45,5%". */
export function percent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1).replace('.', ',')}%`;
}

/** A count as Vietnamese text writes it, thousands grouped by dots: 2501 → "2.501". */
export function num(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A count with its share of a total: "12 (45,5%)"; the count alone when the total is 0. */
export function countShare(n: number, total: number): string {
  return total > 0 ? `${n} (${percent(n / total)})` : String(n);
}

/** "2026-06-05" → "05/06/2026", as a table cell shows a day. */
export function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "2026-06-05" → "5/6/2026", as running text writes a day. */
export function dayText(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}

/** The place and date line under the national motto; blanks ("…") where not given. */
export function placeDateLine(place: string | null, iso: string | null): string {
  const where = place ?? '…';
  if (iso === null) return `${where}, ngày … tháng … năm …`;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${where}, ngày ${day} tháng ${month} năm ${y}`;
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v);
  return out;
}

export function upper(s: string): string {
  return s.toLocaleUpperCase('vi-VN');
}

/** A file's name without its folders (browser-safe: no node:path). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** A time as Vietnam's clock shows it (UTC+7, no daylight saving): "14 giờ 05 ngày 20/06/2026". */
export function vietnamTime(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mi = String(t.getUTCMinutes()).padStart(2, '0');
  return `${hh} giờ ${mi} ngày ${dmy(t.toISOString().slice(0, 10))}`;
}

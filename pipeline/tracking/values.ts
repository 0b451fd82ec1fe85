import { type Status } from '../model/tracking.js';
import { foldKey, stripDiacritics } from '../normalise/text.js';
import { statusOf } from '../rollup/status.js';

/**
 * What staff type in the cells they fill in, read leniently: a status
 * written in other words, a date typed as text.
 */

/**
 * Words agencies use for the statuses that are not done, matched whole
 * (diacritics and case folded): "Đang triển khai" is in progress; "Chưa
 * triển khai" is not started. Done, suspended and cancelled are the
 * workbook's own lists (rollup/status.ts DONE_WORDS: "Đã hoàn thành", "Xong",
 * "Hoàn thành đúng hạn"; SUSPENDED_WORDS: "Tạm ngừng"; CANCELLED_WORDS: "Đã
 * huỷ"), matched as its formula matches, so the report counts exactly what
 * the workbook counts.
 * Anything else ("Chưa hoàn thành", "Xong rồi chứ?", "da xong") is kept as
 * typed, so it counts as not done, and reported, never guessed.
 */
const STATUS_WORDS: ReadonlyArray<[RegExp, Status]> = [
  [/^dang (thuc hien|trien khai|tien hanh|lam|xu ly)$/, 'Đang thực hiện'],
  [/^chua (thuc hien|trien khai|bat dau|lam)$/, 'Chưa thực hiện'],
];

export interface ReadStatus {
  /** One of the five statuses, or the text as typed when it is none of them; null when blank. */
  status: string | null;
  /** False when text was typed that is none of the five statuses. */
  known: boolean;
}

export function readStatus(text: string): ReadStatus {
  const typed = text.trim();
  if (typed === '') return { status: null, known: true };
  const exact = statusOf(typed);
  if (exact) return { status: exact, known: true };
  const k = stripDiacritics(foldKey(typed)).replace(/[.!;,]+$/, '').trim();
  for (const [re, status] of STATUS_WORDS) if (re.test(k)) return { status, known: true };
  return { status: typed, known: false };
}

/**
 * Order from least to most advanced: a conflict is counted at the lowest
 * (see tracking/report.ts), so a disputed task never raises a completion
 * rate. Suspended and cancelled rank above the open statuses (an open task
 * may count against a rate; one out of the rates cannot) and below done.
 */
const RANK: readonly Status[] = ['Chưa thực hiện', 'Đang thực hiện', 'Tạm dừng', 'Bị hủy', 'Hoàn thành'];

export function statusRank(status: string | null): number {
  return RANK.indexOf(status as Status);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const WORDS = /^(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})$/iu;
/** Excel serial day numbers from 1955 to 2119: a date cell without a date format reads as one. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

/**
 * A day as ISO, from a real date (the sheet reader gives it as ISO), text
 * typed the Vietnamese way ("15/7/2026", "15-07-2026", "ngày 15 tháng 7 năm
 * 2026"), or an Excel serial number. Null when blank or not a real day.
 */
export function readDay(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  let m = ISO.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DMY.exec(t) ?? WORDS.exec(t.normalize('NFC'));
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d+(\.\d+)?$/.test(t)) {
    const serial = Math.floor(Number(t));
    if (serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
      // Serial 25569 is 1970-01-01 in Excel's 1900 date system.
      return new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
    }
  }
  return null;
}

function isoOf(y: number, m: number, d: number): string | null {
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/**
 * Deadline cells → Deadline: a specification by example.
 * Rules: ../shared/gold/README.md (deadline_kind / deadline_end) and DESIGN.md §2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeDeadline, parseDeadline } from '../pipeline/normalise/deadline.js';
import type { Deadline } from '../pipeline/model/deadline.js';

type Kind = Deadline['kind'];

/** [as written, kind, end, start]; `recurring` must be true exactly for the recurring kind. */
type Case = [raw: string, kind: Kind, end: string | null, start?: string | null];

const SPEC: Record<string, Case[]> = {
  'date: a day, written with slashes, dashes, dots or words; "trước ngày X" allows X itself': [
    ['31/05/2025', 'date', '2025-05-31'],
    ['30/6/2026', 'date', '2026-06-30'],
    ['Trước ngày 15/12/2025', 'date', '2025-12-15'],
    ['Trước ngày 30/11/2025', 'date', '2025-11-30'],
    ['trước ngày 01 tháng 01 năm 2026', 'date', '2026-01-01'],
    ['ngày 5 tháng 3 năm 2026', 'date', '2026-03-05'],
    ['Chậm nhất ngày 30/9/2026', 'date', '2026-09-30'],
    ['ngày 15-12-2025', 'date', '2025-12-15'],
    ['15.12.2025', 'date', '2025-12-15'],
    ['Trước 30/6/2026', 'date', '2026-06-30'],
    ['Hoàn thành trước 31/12/2025', 'date', '2025-12-31'],
    ['29/02/2024', 'date', '2024-02-29'],
  ],
  'date: "trước" a month, quarter or year ends the day before it starts': [
    ['trước năm 2027', 'date', '2026-12-31'],
    ['Trước năm 2027', 'date', '2026-12-31'],
    ['Trước tháng 6/2026', 'date', '2026-05-31'],
    ['Trước Quý III/2026', 'date', '2026-06-30'],
  ],
  'month: "Tháng M/YYYY", "tháng M năm YYYY", bare "M/YYYY" (month/year, not day/month) → last day': [
    ['Tháng 6/2026', 'month', '2026-06-30'],
    ['Tháng 06/2026', 'month', '2026-06-30'],
    ['tháng 6 năm 2026', 'month', '2026-06-30'],
    ['Tháng 06-2026', 'month', '2026-06-30'],
    ['6/2025', 'month', '2025-06-30'],
    ['12/2025', 'month', '2025-12-31'],
    ['Tháng 6, 7/2026', 'month', '2026-07-31'],
  ],
  'month: February follows leap years': [
    ['Tháng 2/2024', 'month', '2024-02-29'],
    ['2/2025', 'month', '2025-02-28'],
    ['Tháng 2/2000', 'month', '2000-02-29'],
    ['Tháng 02/2100', 'month', '2100-02-28'],
  ],
  'quarter: Roman I–IV or Arabic 1–4, any year separator; several quarters → the last': [
    ['Quý I/2026', 'quarter', '2026-03-31'],
    ['Quý II/2026', 'quarter', '2026-06-30'],
    ['Quý 2/2026', 'quarter', '2026-06-30'],
    ['Quý 3/2024', 'quarter', '2024-09-30'],
    ['Quý 3 năm 2024', 'quarter', '2024-09-30'],
    ['Quí IV-2025', 'quarter', '2025-12-31'],
    ['Quý III Năm 2026', 'quarter', '2026-09-30'],
    ['Quý IV/2025', 'quarter', '2025-12-31'],
    ['Quý 4 năm 2025', 'quarter', '2025-12-31'],
    ['Q2/2026', 'quarter', '2026-06-30'],
    ['Trong Quý III/2026', 'quarter', '2026-09-30'],
    ['Quý II và III/2015', 'quarter', '2015-09-30'],
    ['Quý I, II/2015', 'quarter', '2015-06-30'],
    ['Quý 1 và Quý 2 năm 2026', 'quarter', '2026-06-30'],
  ],
  'half_year: first half → 30/6, second half → 31/12': [
    ['6 tháng đầu năm 2026', 'half_year', '2026-06-30'],
    ['6 tháng cuối năm 2026', 'half_year', '2026-12-31'],
  ],
  'year: a year alone or with "năm", "cả năm", "trong năm", "hoàn thành trong năm" → 31/12': [
    ['2025', 'year', '2025-12-31'],
    ['Năm 2025', 'year', '2025-12-31'],
    ['Cả năm 2015', 'year', '2015-12-31'],
    ['Hoàn thành trong năm 2025', 'year', '2025-12-31'],
    ['Trong năm 2026', 'year', '2026-12-31'],
    ['Đến hết năm 2025', 'year', '2025-12-31'],
  ],
  'range: end of the last part, start of the first part': [
    ['2026-2030', 'range', '2030-12-31', '2026-01-01'],
    ['2026 - 2030', 'range', '2030-12-31', '2026-01-01'],
    ['2026 – 2030', 'range', '2030-12-31', '2026-01-01'],
    ['Năm 2025-2030', 'range', '2030-12-31', '2025-01-01'],
    ['Giai đoạn 2026 - 2027', 'range', '2027-12-31', '2026-01-01'],
    ['Giai đoạn 2026-2030', 'range', '2030-12-31', '2026-01-01'],
    ['Quý III-IV/2026', 'range', '2026-12-31', '2026-07-01'],
    ['Quý III - Quý IV/2026', 'range', '2026-12-31', '2026-07-01'],
    ['Quý IV/2025 - Quý II/2026', 'range', '2026-06-30', '2025-10-01'],
    ['Từ tháng 3/2026 đến tháng 9/2026', 'range', '2026-09-30', '2026-03-01'],
    ['Từ năm 2026 đến năm 2030', 'range', '2030-12-31', '2026-01-01'],
    ['Từ 01/7 đến 31/12/2025', 'range', '2025-12-31', '2025-07-01'],
  ],
  'recurring: no end; a start where the text gives one': [
    ['Thường xuyên', 'recurring', null],
    ['Nhiệm vụ thường xuyên', 'recurring', null],
    ['Hằng năm', 'recurring', null],
    ['Hàng năm', 'recurring', null],
    ['Hằng quý', 'recurring', null],
    ['Định kỳ 6 tháng', 'recurring', null],
    ['Định kỳ, hàng năm, đột xuất', 'recurring', null],
    ['Định kỳ, hàng năm, đột xuất theo chỉ đạo của Trung ương', 'recurring', null],
    ['Tháng 12 hằng năm', 'recurring', null],
    ['Trước ngày 15/12 hằng năm', 'recurring', null],
    ['Năm 2026 và các năm tiếp theo', 'recurring', null, '2026-01-01'],
    ['Từ 01/7/2025', 'recurring', null, '2025-07-01'],
    ['Từ Quý I năm 2026 (đã thực hiện) và thường xuyên trong quá trình triển khai', 'recurring', null, '2026-01-01'],
    ['Từ Quý II năm 2026 và thực hiện thường xuyên trong quá trình triển khai', 'recurring', null, '2026-04-01'],
  ],
  'conditional: the end depends on something else': [
    ['Sau khi có hướng dẫn TW', 'conditional', null],
    ['Sau khi UBND tỉnh ban hành', 'conditional', null],
    ['Sau khi có Quyết định sắp xếp đơn vị hành chính', 'conditional', null],
    ['Theo hướng dẫn của Bộ Y tế', 'conditional', null],
    ['Theo hướng dẫn của Trung ương', 'conditional', null],
    ['Theo lộ trình và hướng dẫn của Trung ương', 'conditional', null],
    ['Theo lộ trình …', 'conditional', null],
    ['Theo kế hoạch riêng', 'conditional', null],
    ['Theo tiến độ dự án', 'conditional', null],
    ['Khi có phát sinh', 'conditional', null],
    ['Khi có yêu cầu', 'conditional', null],
  ],
  'completion time + follow-on work: the completion part counts': [
    ['Hoàn thành trong giai đoạn 2026 - 2027 và vận hành thường xuyên', 'range', '2027-12-31', '2026-01-01'],
    ['Hoàn thành trong Quý II/2026, sau đó duy trì thường xuyên', 'quarter', '2026-06-30'],
    ['Quý II/2026 (sau khi có hướng dẫn)', 'quarter', '2026-06-30'],
  ],
  'unparsed: text present but not a deadline, or an impossible one': [
    ['30/2/2026', 'unparsed', null],
    ['29/2/2025', 'unparsed', null],
    ['31/4/2025', 'unparsed', null],
    ['Tháng 13/2026', 'unparsed', null],
    ['Quý V/2026', 'unparsed', null],
    ['6 tháng đầu năm', 'unparsed', null],
    ['Năm 2030-2025', 'unparsed', null],
    ['Nghị định số 12/2025/NĐ-CP', 'unparsed', null],
    ['Kỳ họp thứ 5', 'unparsed', null],
  ],
};

function expectDeadline(raw: string, kind: Kind, end: string | null, start: string | null = null): void {
  const d = parseDeadline(raw);
  expect({ kind: d.kind, end: d.end, start: d.start, recurring: d.recurring }).toEqual({
    kind,
    end,
    start,
    recurring: kind === 'recurring',
  });
}

describe('parseDeadline', () => {
  for (const [rule, cases] of Object.entries(SPEC)) {
    describe(rule, () => {
      it.each(cases)('%s', (raw, kind, end, start) => expectDeadline(raw, kind, end, start ?? null));
    });
  }

  describe('missing: no deadline at all', () => {
    it.each([null, undefined, '', '   ', '-', '—', '\n'])('%j', (raw) => {
      expect(parseDeadline(raw)).toEqual({ raw: null, kind: 'missing', start: null, end: null, recurring: false });
    });
  });

  describe('the way the text is typed does not matter', () => {
    it.each<Case>([
      ['Quý II/2026'.normalize('NFD'), 'quarter', '2026-06-30'],
      ['QUÝ II/2026', 'quarter', '2026-06-30'],
      ['Quy II/2026', 'quarter', '2026-06-30'],
      ['QuýII/2026', 'quarter', '2026-06-30'],
      ['\u00D0ến hết năm 2025', 'year', '2025-12-31'],
      ['Nhiệm vụ\nthường xuyên', 'recurring', null],
      ['Sau khi có Quyết \nđịnh sắp xếp đơn \nvị hành chính', 'conditional', null],
      ['THƯỜNG XUYÊN', 'recurring', null],
      ['Hàng năm'.normalize('NFD'), 'recurring', null],
    ])('%j', (raw, kind, end, start) => expectDeadline(raw, kind, end, start ?? null));
  });

  describe('several deadlines in one cell: the last one counts', () => {
    it.each<Case>([
      ['- 30/6/2026\n- 31/12/2026', 'date', '2026-12-31'],
      ['31/12/2025\n30/6/2026', 'date', '2026-06-30'],
      ['Quý II/2026, Quý IV/2026', 'quarter', '2026-12-31'],
    ])('%j', (raw, kind, end, start) => expectDeadline(raw, kind, end, start ?? null));
  });

  describe('raw: as written, whitespace folded, one trailing full stop dropped', () => {
    it.each([
      ['Quý II/2026.', 'Quý II/2026'],
      ['  Nhiệm vụ\n thường   xuyên ', 'Nhiệm vụ thường xuyên'],
      ['\u00D0ịnh kỳ', 'Định kỳ'],
      ['Theo lộ trình …', 'Theo lộ trình …'],
      ['Quý II/2026'.normalize('NFD'), 'Quý II/2026'],
    ])('%j → %j', (raw, expected) => {
      expect(parseDeadline(raw).raw).toBe(expected);
    });
  });
});

interface GoldRow {
  deadline_raw: string | null;
  deadline_kind: Kind;
  deadline_end: string | null;
}

function goldRows(): Array<[file: string, row: GoldRow]> {
  const dir = new URL('../samples/gold/', import.meta.url);
  const rows: Array<[string, GoldRow]> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const gold = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { rows: GoldRow[] };
    for (const row of gold.rows) rows.push([file, row]);
  }
  return rows;
}

describe('a quarter read by OCR from a scan', () => {
  it('takes ones and ells after "Quý" as the Roman numeral they are (a quarter is I to IV)', () => {
    expect(parseDeadline('Quý 11/2026')).toMatchObject({ kind: 'quarter', end: '2026-06-30' });
    expect(parseDeadline('Quý II1/2026')).toMatchObject({ kind: 'quarter', end: '2026-09-30' });
    expect(parseDeadline('Quý 1V năm 2026')).toMatchObject({ kind: 'quarter', end: '2026-12-31' });
    // Written in figures, as some plans do: unchanged.
    expect(parseDeadline('Quý 1/2026')).toMatchObject({ kind: 'quarter', end: '2026-03-31' });
    expect(parseDeadline('Quý 3 năm 2024')).toMatchObject({ kind: 'quarter', end: '2024-09-30' });
  });
});

describe('parseDeadline agrees with every deadline in the gold files', () => {
  const rows = goldRows();
  it('has gold rows to check', () => expect(rows.length).toBeGreaterThan(0));
  it.each(rows)('%s: %j', (_file, row) => {
    const d = parseDeadline(row.deadline_raw);
    expect({ raw: d.raw, kind: d.kind, end: d.end }).toEqual({
      raw: row.deadline_raw,
      kind: row.deadline_kind,
      end: row.deadline_end,
    });
  });
});

describe('looksLikeDeadline: the whole text is a deadline phrase', () => {
  it.each([
    'Quý 3/2024',
    'Quý 2/2025',
    'Nhiệm vụ thường xuyên',
    'Nhiệm vụ\nthường xuyên',
    'Theo hướng dẫn của Bộ Y tế',
    'Theo hướng dẫn',
    'Sau khi có Quyết định sắp xếp đơn vị hành chính',
    'Năm 2025',
    '2026 - 2030',
    '30/6/2026',
    'Trước ngày 15/12/2025',
    'Định kỳ, hàng năm, đột xuất theo chỉ đạo của Trung ương',
    'Tháng 12 hằng năm',
    'Từ Quý I năm 2026 (đã thực hiện) và thường xuyên trong quá trình triển khai',
    'Hoàn thành trong giai đoạn 2026 - 2027 và vận hành thường xuyên',
  ])('yes: %j', (text) => expect(looksLikeDeadline(text)).toBe(true));

  it.each([
    'Sở Y tế',
    'Các cơ quan, đơn vị liên quan',
    'Sở Nội vụ, UBND cấp huyện, cơ quan, đơn vị có liên quan',
    'UBND các xã, phường',
    'Xây dựng kế hoạch năm 2026 triển khai Chương trình',
    'Xây dựng Đề án Phát triển nguồn nhân lực y tế đến năm 2030',
    'Thường xuyên kiểm tra, giám sát việc thực hiện',
    'Theo dõi, đôn đốc việc thực hiện Kế hoạch',
    'vị liên quan Quý 3/2024',
    'Quý 3/2024 Sở Y tế',
    'Nghị định số 12/2025/NĐ-CP',
    '1',
    '',
    '-',
  ])('no: %j', (text) => expect(looksLikeDeadline(text)).toBe(false));
});

describe('dates as spreadsheets write them', () => {
  it('reads an ISO date cell as that day, and refuses an impossible one', () => {
    expect(parseDeadline('2026-06-30')).toMatchObject({ kind: 'date', end: '2026-06-30' });
    expect(parseDeadline('2026-02-30').kind).not.toBe('date');
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readText } from '../pipeline/read/txt.js';
import { extractTasks, isAppendixLine } from '../pipeline/extract.js';
import { endsSection, isOrganisationHeading } from '../pipeline/find/sections.js';
import type { Item } from '../pipeline/find/outline.js';
import { headerKey, mapHeader } from '../pipeline/find/headers.js';
import { isRepeatedHeader, type TableRegion } from '../pipeline/find/tables.js';
import { HEAD_WORDS } from '../pipeline/find/layoutless.js';
import { parseLabel } from '../pipeline/find/labels.js';
import { agencyKey, startsWithAgency } from '../pipeline/normalise/agencies.js';
import { parseDeadline } from '../pipeline/normalise/deadline.js';
import { tokenSet } from '../pipeline/normalise/similarity.js';
import { foldKey, stripDiacritics, stripMarkdown } from '../pipeline/normalise/text.js';
import type { TableRow } from '../pipeline/model/doc.js';

/**
 * The shortcuts the finders take to skip work (a line let go before it is folded, a cell not keyed, a
 * section not read): each must give the answer the full computation gives. The full computation is
 * written out here as the reference.
 */

/** Characters that folding drops or changes, mixed into generated text. */
const TRICKY = [' ', '\u00A0', '\u200B', '\uFEFF', '\u00AD', '*', '_', '\u0301', '\u0323', '\u212A', '\t', 'Σ'];
const WORDS = ['Nơi', 'nhận', 'NƠI NHẬN', 'KT.', 'TM.', 'kt', 'tm', 'Phụ', 'lục', 'PHỤ LỤC', 'II', '02', '(Kèm', 'theo', 'Kế', 'hoạch', 'Sở', 'Y', 'tế', 'p', 'P', 'ṕ', 'Ṗ', '(', 'số', '12'];
const piece = fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom(...WORDS), fc.string({ maxLength: 3 }));
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

const item = (written: string, over: Partial<Item> = {}): Item => ({ kind: 'text', text: written, written, line: 1, page: null, bold: false, ...over });

describe('agency keys', () => {
  it('agencyKey skips only the steps whose character is absent: the same key as every step run', () => {
    // The full computation, as it was before the shortcut (normalise/agencies.ts computeAgencyKey).
    const reference = (s: string) =>
      foldKey(s)
        .replace(/\s*&\s*/g, ' và ')
        .replace(/\s*[-–—]\s*/g, ' - ')
        .replace(/\s*,\s*/g, ', ')
        .replace(/\s+/g, ' ')
        .replace(/[\s.;:,]+$/, '')
        .trim();
    const marks = fc.constantFrom('&', ' & ', '-', ' – ', '—', ',', ' , ', '  ', '\t', '\u00A0', '\u2003', '\n', '.', ';', ':', 'Sở LĐ-TB&XH', 'UBND ', 'và');
    const name = fc.array(fc.oneof(piece, marks), { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(fc.property(name, (s) => agencyKey(s) === reference(s)), { numRuns: 3000 });
    expect(agencyKey('Sở LĐ-TB&XH')).toBe(agencyKey('sở lđ - tb và xh'));
  });
});

describe('lines let go before they are folded', () => {
  it('endsSection: only a line that starts with n, t, k or p (the Kelvin sign too) once folded can close a section', () => {
    const reference = (s: string) => /^(nơi nhận|tm\.|kt\.|tm |kt |phụ lục)/.test(foldKey(s));
    fc.assert(fc.property(text, (s) => endsSection(item(s)) === reference(s)));
    expect(endsSection(item('\u200B \u212AT. CHỦ TỊCH'))).toBe(true);
    expect(endsSection(item('\uFEFFNơi nhận:'))).toBe(true);
    expect(endsSection(item('Xem phụ lục'))).toBe(false);
  });

  it('isAppendixLine: "PHỤ LỤC" and "(Kèm theo …)" after emphasis, invisible characters or a stray mark', () => {
    for (const prefix of ['', '**', ' \u200B', '\u0301', '_\uFEFF']) {
      expect(isAppendixLine(`${prefix}PHỤ LỤC II`)).toBe(true);
      expect(isAppendixLine(`${prefix}Phụ lục 02: Danh mục nhiệm vụ`)).toBe(true);
      expect(isAppendixLine(`${prefix}(Kèm theo Kế hoạch số 12/KH-UBND)`)).toBe(true);
      expect(isAppendixLine(`${prefix}Ṕhu luc`)).toBe(true);
      expect(isAppendixLine(`${prefix}Các nhiệm vụ tại Phụ lục kèm theo`)).toBe(false);
    }
    expect(isAppendixLine('(… theo Phụ lục đính kèm)')).toBe(false);
  });

  it('isAppendixLine gives what folding every line would (fullwidth and compatibility letters too)', () => {
    // The full computation, as it was before the shortcut (extract.ts APPENDIX_RE, written out).
    const appendix =
      /^(?:phu\s*luc(?:\s+(?:[ivx]+|\d+|so\s*\d+))?\s*[:.]?(?:\s|$)|\(\s*kem theo\s+(?:ke hoach|quyet dinh|nghi quyet|cong van|chi thi|chuong trinh|thong bao|van ban)\b)/;
    const reference = (s: string) => appendix.test(stripDiacritics(foldKey(s.replace(/[*_]/g, ''))).trim());
    const odd = fc.constantFrom(
      '\uFF30', '\uFF08', '\u2460', '\u1D3E', '\u24C5', '\u01A4', 'ｐhụ lục', '（kèm theo kế hoạch',
      'Phụ lục ', 'PHỤ LỤC II ', '(Kèm theo Kế hoạch ', '( kèm theo quyết định ', 'phu luc so 2: ',
    );
    const line = fc.array(fc.oneof(piece, odd), { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(fc.property(line, (s) => isAppendixLine(s) === reference(s)), { numRuns: 3000 });
    for (const s of ['ＰＨỤ LỤC II', '（Kèm theo Kế hoạch số 12）', 'Phụ lục 02', '(Kèm theo Kế hoạch số 12)', '*\u200B(kèm theo công văn 5)']) {
      expect(isAppendixLine(s), s).toBe(reference(s));
    }
  });

  it('isOrganisationHeading counts the words only of a line that names the section', () => {
    expect(isOrganisationHeading(item('IV. TỔ CHỨC THỰC HIỆN', { text: 'TỔ CHỨC THỰC HIỆN' }))).toBe(true);
    expect(isOrganisationHeading(item('Tổ chức lhực hiện'))).toBe(true);
    const long = 'Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao chủ động triển khai theo phân công nhiệm vụ';
    expect(isOrganisationHeading(item(long))).toBe(false);
    expect(isOrganisationHeading(item('Thực hiện theo phân công nhiệm vụ'))).toBe(true);
  });

  it('parseLabel: no label without a colon two characters in or later', () => {
    expect(parseLabel('Cơ quan chủ trì: Sở Y tế')).toEqual({ field: 'lead', value: 'Sở Y tế' });
    expect(parseLabel(': Sở Y tế')).toBeNull();
    expect(parseLabel('Cơ quan chủ trì Sở Y tế')).toBeNull();
  });
});

describe('cells not keyed', () => {
  const region = (headers: string[]): TableRegion => {
    const map = mapHeader(headers)!;
    return { table: { kind: 'table', rows: [], line: 1 } as never, map, body: [], headerKeys: headers.map(headerKey) };
  };
  // The rule as first written: every cell keyed.
  const reference = (row: TableRow, r: TableRegion) => {
    const keys = row.cells.map((c) => headerKey(c.text));
    const filled = keys.filter((k) => k !== '');
    if (filled.length < 2) return false;
    const same = filled.filter((k) => r.headerKeys.includes(k)).length;
    if (same >= Math.ceil(filled.length * 0.6)) return true;
    return row.header === true && mapHeader(row.cells.map((c) => c.text)) !== null;
  };
  const headers = ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian hoàn thành'];
  const long = 'Tổ chức tuyên truyền, phổ biến sâu rộng nội dung Nghị quyết đến cán bộ, công chức, viên chức và Nhân dân trên địa bàn tỉnh';
  const cell = fc.oneof(
    fc.constantFrom(...headers, '**Nội dung nhiệm vụ**', '', ' ', '1', 'Sở Y tế', 'Quý II/2026', long, `**${long}**`, long.toUpperCase()),
    fc.string({ maxLength: 80 }),
  );
  const row = fc.record({ cells: fc.array(cell, { minLength: 1, maxLength: 6 }), header: fc.boolean() }).map(
    (r): TableRow => ({ cells: r.cells.map((t) => ({ text: t })), header: r.header, line: 1 }) as TableRow,
  );

  it('a row is a repeated header exactly when the full rule says so, long task cells only counted', () => {
    const r = region(headers);
    fc.assert(fc.property(row, (x) => isRepeatedHeader(x, r) === reference(x, r)));
    expect(isRepeatedHeader({ cells: headers.map((text) => ({ text })), line: 9 } as TableRow, r)).toBe(true);
    expect(isRepeatedHeader({ cells: ['TT', long, long].map((text) => ({ text })), line: 9 } as TableRow, r)).toBe(false);
  });

  it('a header longer than the shortcut allows is compared cell by cell', () => {
    const longHeader = [...headers.slice(0, 3), `Thời gian hoàn thành dự kiến theo lộ trình đã được phê duyệt tại Quyết định của Ủy ban nhân dân tỉnh`];
    const r = region(longHeader);
    const x = { cells: longHeader.map((text) => ({ text })), line: 9 } as TableRow;
    expect(isRepeatedHeader(x, r)).toBe(reference(x, r));
    expect(isRepeatedHeader(x, r)).toBe(true);
  });
});

describe('text shortcuts', () => {
  it('stripMarkdown leaves text without emphasis marks as it is, and still drops a stray escape placeholder', () => {
    expect(stripMarkdown('Sở Y tế (chủ trì)')).toBe('Sở Y tế (chủ trì)');
    expect(stripMarkdown('**Sở Y tế**')).toBe('Sở Y tế');
    expect(stripMarkdown('a\uE0000\uE001b')).toBe('ab');
  });

  it('tokenSet reads a final sigma before an invisible space as the full fold does', () => {
    expect([...tokenSet('ΑΣ\uFEFFb')]).toEqual(['ας', 'b']);
    expect([...tokenSet('  Sở  Y\ntế ')]).toEqual(['sở', 'y', 'tế']);
  });

  it('a remembered deadline reading is per year and cannot be changed by a caller', () => {
    const a = parseDeadline('Ngày 23 tháng 1', { year: 2026 });
    a.end = 'changed';
    expect(parseDeadline('Ngày 23 tháng 1', { year: 2026 }).end).toBe('2026-01-23');
    expect(parseDeadline('Ngày 23 tháng 1', { year: 2027 }).end).toBe('2027-01-23');
    expect(parseDeadline('Ngày 23 tháng 1').kind).toBe('unparsed');
  });

  it('whether a cell starts like an agency is decided by its first HEAD_WORDS words', () => {
    const vocab = ['Sở', 'Y', 'tế', 'Ủy', 'ban', 'nhân', 'dân', 'các', 'cơ', 'quan', 'đơn', 'vị', 'liên', 'quan', ',', '-', '•', '\u200B', 'Công', 'an', 'tỉnh', 'và', 'Tổ', 'chức', 'Văn', 'phòng', 'UBND', 'Bộ', 'Tài', 'chính'];
    const words = fc.array(fc.constantFrom(...vocab), { minLength: HEAD_WORDS + 1, maxLength: HEAD_WORDS + 12 });
    const visible = (w: string) => /[^\u200B-\u200D\uFEFF\u00AD]/.test(w);
    fc.assert(
      fc.property(words, (ws) => {
        let seen = 0;
        const end = ws.findIndex((w) => visible(w) && ++seen === HEAD_WORDS);
        const head = end < 0 ? ws : ws.slice(0, end + 1);
        return startsWithAgency(ws.join(' ')) === startsWithAgency(head.join(' '));
      }),
    );
  });
});

describe('duties beside an appendix table: the organisation section is read only where it bears on the rest', () => {
  const table = ['', 'PHỤ LỤC', 'TT\tNội dung\tCơ quan chủ trì\tThời gian', '1\tTổ chức hội nghị đối thoại về cải cách hành chính\tSở Nội vụ\t30/01/2026'];
  const tasksOf = (lines: string[]) => extractTasks(readText('plan.txt', [...lines, ...table].join('\n'))).map((t) => [t.origin.kind, t.tt, t.lead, t.content]);

  it('a bullet outside the section is a duty when an agency heading inside it shares its place', () => {
    expect(
      tasksOf(['III. NHIỆM VỤ', '- Sở Y tế chủ trì tổ chức tuyên truyền phòng, chống dịch bệnh.', 'Tổ chức thực hiện', '- Bộ Công Thương', '+ Chỉ đạo các đơn vị trực thuộc triển khai.']),
    ).toEqual([
      ['table', '1', 'Sở Nội vụ', 'Tổ chức hội nghị đối thoại về cải cách hành chính'],
      ['duties', null, 'Sở Y tế', 'Sở Y tế chủ trì tổ chức tuyên truyền phòng, chống dịch bệnh.'],
    ]);
  });

  it('a paragraph after a lettered duty ends the list when the next lettered item, inside the section, is an agency', () => {
    const head = ['II. NHIỆM VỤ', '1. Giao Sở Y tế:', 'a) Tổ chức tập huấn cho cán bộ y tế cơ sở.', 'Hoàn thành trong năm 2026.', 'Tổ chức thực hiện'];
    expect(tasksOf([...head, 'b) Sở Tài chính', '- Bố trí kinh phí.'])[1]).toEqual(['duties', '1.a', 'Sở Y tế', 'Tổ chức tập huấn cho cán bộ y tế cơ sở.']);
    // Not an agency there: the paragraph carries on the duty above.
    expect(tasksOf([...head, 'b) Tổ chức kiểm tra, giám sát.'])[1]).toEqual([
      'duties',
      '1.a',
      'Sở Y tế',
      'Tổ chức tập huấn cho cán bộ y tế cơ sở. Hoàn thành trong năm 2026.',
    ]);
  });
});

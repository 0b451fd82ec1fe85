/**
 * Agency cells → agencies, and the agency dictionary.
 *
 * Read as a specification: the seed tables first (every agency cell of the five seed plans must give the gold
 * lists), then each phrasing rule of the gold README on its own, then the dictionary (canonical names,
 * aliases, 2025 successors, user extensions) and the recognisers used by the PDF column finder.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalAgency,
  isAgencyList,
  isCollective,
  splitAgencies,
  startsWithAgency,
} from '../pipeline/normalise/agencies.js';
import { DEFAULT_AGENCIES } from '../pipeline/normalise/agency-dictionary.js';
import { AgencyDictionarySchema, extendDictionary } from '../pipeline/normalise/agency-dictionary-extend.js';

// ───────────────────────────── the seed plans against the gold files ─────────────────────────────

interface GoldRow {
  tt: string;
  lead: string[];
  support: string[];
}

const GOLD_DIR = new URL('../samples/gold/', import.meta.url);

function goldRows(seed: string): GoldRow[] {
  const file = JSON.parse(readFileSync(new URL(`${seed}.json`, GOLD_DIR), 'utf8')) as { rows: GoldRow[] };
  return file.rows;
}

/** [tt, lead cell, support cell] as the cells come out of the seed (null: the plan has no such cell). */
type SeedCells = Array<[tt: string, lead: string, support: string | null]>;

const SEEDS: Record<string, SeedCells> = {
  // Tab-separated rows copied from Word. Row 5's support cell is cut by a page break ("…các đơn vị có" +
  // "liên quan" on a row of its own); the assembler joins it back with a line break.
  '000_608305ae69954cdd': [
    ['1', 'Sở Y tế', 'UBMTTQ và các tổ chức CT-XH, các sở, ngành, các đơn vị có liên quan và UBND cấp xã'],
    ['2', 'Sở Y tế', 'Sở Tài chính, các sở, ngành, các đơn vị có liên quan'],
    ['3', 'Sở Y tế', 'Sở Tài chính, các sở, ngành, các đơn vị có liên quan'],
    ['4', 'Sở Y tế', 'Sở Tài chính, các đơn vị có liên quan'],
    ['5', 'Sở Y tế', 'Sở Tài chính, các sở, ngành, các đơn vị có\nliên quan'],
    ['6', 'Sở Tài chính', 'Sở Y tế, các đơn vị có liên quan'],
    ['7', 'UBND các xã, phường', 'Sở Y tế, các đơn vị liên quan'],
    ['8', 'Sở Y tế', 'Các sở, ngành, các đơn vị liên quan, UBND cấp xã'],
    ['9', 'Sở Y tế', 'Sở Giáo dục và Đào tạo, các đơn vị có liên quan, UBND cấp xã'],
    ['10', 'Sở Giáo dục và Đào tạo', 'Sở Y tế, các đơn vị có liên quan, UBND cấp xã'],
    ['11', 'Sở Y tế', 'Sở Tài chính, các sở ngành, UBND cấp xã'],
  ],
  // Duties listed under each agency ("1. Trạm Y tế phường" + bullets): the heading is the lead cell.
  '001_506cf5c9823d68a4': [
    ['1.1', 'Trạm Y tế phường', null],
    ['2.1', 'Phòng Văn hóa - Xã hội phường', null],
    ['3.1', 'Phòng Kinh tế, Hạ tầng và Đô thị phường', null],
    ['4.1', 'Các phòng, ban, đoàn thể phường', null],
    ['5.1', 'Các tổ dân phố thuộc phường', null],
  ],
  '002_5e7367c98a0b8369': [
    ['1.1', 'Phòng Văn hoá - Xã hội', null],
    ['2', 'Phòng Kinh tế xã', null],
    ['3.1', 'Trạm y tế xã', null],
    ['4', 'Trung tâm dịch vụ sự nghiệp công xã', null],
    ['5', 'Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội', null],
  ],
  // Labelled bullets: "- Cơ quan chủ trì: …" / "- Cơ quan phối hợp: …", the text after the label.
  '003_9fe0b5bdb1f2cdf3': [
    ['1.a', 'UBND xã, phường, Sở Y tế.', 'Các sở, ngành, đơn vị liên quan.'],
    ['1.b', 'Sở Y tế.', 'Các sở, ngành liên quan và UBND xã, phường.'],
    ['2.1', 'Sở Y tế.', 'Bảo hiểm xã hội tỉnh, các sở, ngành liên quan và UBND xã, phường.'],
    ['2.2', 'Sở Y tế, UBND xã phường.', 'Sở Nội vụ, Sở Tài chính và các cơ quan liên quan.'],
    ['2.3', 'Sở Y tế, Công an tỉnh, các cơ sở y tế theo chức năng, nhiệm vụ thực hiện.', 'UBND xã, phường.'],
    ['2.4', 'UBND xã, phường.', 'Sở Nội vụ, Sở Y tế và các cơ quan liên quan.'],
    [
      '2.5',
      'Sở Tài chính, Sở Nông nghiệp và Môi trường theo chức năng, nhiệm vụ thực hiện.',
      'Thuế tỉnh Tuyên Quang, các sở, ngành liên quan và UBND xã, phường.',
    ],
    [
      '2.6',
      'Sở Y tế, Sở Tài chính theo chức năng, nhiệm vụ thực hiện.',
      'Sở Nội vụ, Sở Nông nghiệp và Môi trường, các sở, ngành liên quan và UBND xã, phường.',
    ],
    [
      '2.7',
      'Sở Y tế, Sở Khoa học và Công nghệ, Sở Ngoại vụ theo chức năng, nhiệm vụ thực hiện.',
      'Các sở, ngành liên quan và UBND xã, phường.',
    ],
    ['3', 'Sở Y tế.', 'Sở Tư pháp; các sở, ngành liên quan và UBND xã, phường.'],
    ['4', 'Sở Y tế.', 'Các sở, ngành liên quan và UBND xã, phường.'],
  ],
  // A PDF text layer: each cell wraps over several lines, blank lines fall inside cells.
  '004_a698d7df3c568d60': [
    ['1', 'Các sở, ngành; \nUBND cấp \nhuyện', 'Các cơ quan, đơn \nvị liên quan'],
    ['2', 'Các sở, ngành, \nUBND cấp \nhuyện', 'Các cơ quan, đơn \nvị liên quan'],
    ['3', 'Các sở, \nngành, \n\nUBND cấp \nhuyện', 'Các cơ quan, đơn \nvị liên quan'],
    ['4', 'Các sở, ngành, \nUBND cấp \nhuyện', 'Các cơ quan, đơn \nvị liên quan'],
    ['5', 'Sở Y tế', 'Sở Nội vụ, các cơ \nquan, đơn vị liên \n\nquan'],
    ['6', 'Sở Y tế', 'Sở Nội vụ, UBND \ncấp huyện, cơ quan, \nđơn vị có liên quan.'],
    ['7', 'Sở Y tế', 'Sở Nội vụ, UBND \ncấp huyện, cơ quan, \nđơn vị có liên quan'],
    ['8', 'Sở Y tế', 'Các cơ quan, đơn \nvị liên quan'],
    ['9', 'Sở Y tế, Sở \nKH và Đầu \ntư;  UBND \ncấp huyện', 'Sở Tài chính,\nvà các cơ quan đơn \n\nvị liên quan'],
    ['10', 'Sở Y tế', 'Các cơ quan, đơn \n\nvị liên quan'],
    ['11', 'Sở Y tế; \nUBND cấp \nhuyện', 'Sở Nội vụ; Sở Tài \nchính, Các cơ \n\nquan, đơn vị liên \nquan'],
    ['12', 'Sở Y tế; \nUBND cấp \nhuyện', 'Sở Nội vụ và các \ncơ quan, đơn\nvị liên quan'],
    ['13', 'Sở Y tế; \nUBND cấp \n\nhuyện', 'Các cơ quan, đơn \nvị liên quan'],
    ['14', 'Sở Y tế,\nUBND cấp \nhuyện', 'Các cơ quan, đơn \nvị liên quan'],
    ['15', 'Sở Y tế', 'Các cơ quan, đơn \nvị liên quan'],
    ['16', 'Sở Y tế', 'Các cơ quan, đơn \n\nvị liên quan'],
    ['17', 'Sở Y tế\nSở Giáo dục', 'Các cơ quan, đơn \nvị liên quan'],
    ['18', 'Sở Y tế; Sở \nThông tin - \n\nTruyền thông', 'Các cơ quan, đơn \nvị liên quan'],
  ],
};

describe('seed plans: every agency cell gives the gold lists', () => {
  for (const [seed, cells] of Object.entries(SEEDS)) {
    describe(seed, () => {
      const rows = goldRows(seed);
      it.each(cells)('row %s', (tt, lead, support) => {
        const row = rows.find((r) => r.tt === tt);
        expect(row, `gold row ${tt}`).toBeDefined();
        expect(splitAgencies(lead)).toEqual(row!.lead);
        expect(splitAgencies(support)).toEqual(row!.support);
      });
    });
  }

  it('covers every gold row of the table seeds', () => {
    for (const seed of ['000_608305ae69954cdd', '003_9fe0b5bdb1f2cdf3', '004_a698d7df3c568d60']) {
      const tts = SEEDS[seed]!.map(([tt]) => tt);
      expect(tts).toEqual(goldRows(seed).map((r) => r.tt));
    }
  });
});

// ───────────────────────────── the splitting rules, one by one ─────────────────────────────

describe('splitAgencies: separators', () => {
  it.each([
    ['Sở Y tế; Sở Tài chính', ['Sở Y tế', 'Sở Tài chính']],
    ['Sở Y tế, Sở Tài chính, Công an tỉnh', ['Sở Y tế', 'Sở Tài chính', 'Công an tỉnh']],
    ['Sở Y tế và Sở Tài chính', ['Sở Y tế', 'Sở Tài chính']],
    ['Sở Nội vụ và các cơ quan, đơn vị liên quan', ['Sở Nội vụ', 'các cơ quan, đơn vị liên quan']],
    ['UBMTTQ và các tổ chức CT-XH', ['UBMTTQ', 'các tổ chức CT-XH']],
    ['Các sở, ngành liên quan và UBND xã, phường', ['Các sở, ngành liên quan', 'UBND xã, phường']],
    ['UBND cấp huyện và cơ quan, đơn vị có liên quan', ['UBND cấp huyện', 'cơ quan, đơn vị có liên quan']],
    ['Sở Tài chính, và các cơ quan đơn vị liên quan', ['Sở Tài chính', 'các cơ quan đơn vị liên quan']],
    ['Sở Y tế, Sở Tài chính và Sở Nội vụ', ['Sở Y tế', 'Sở Tài chính', 'Sở Nội vụ']],
  ])('%j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });

  it.each([
    ['- Bộ A;\n- Bộ B', ['Bộ A', 'Bộ B']],
    ['- Bộ Y tế;\n- Bộ Tài chính;\n- Bộ Nội vụ.', ['Bộ Y tế', 'Bộ Tài chính', 'Bộ Nội vụ']],
    ['+ Sở Y tế\n+ Sở Tài chính', ['Sở Y tế', 'Sở Tài chính']],
    ['• Công an tỉnh\n• Bảo hiểm xã hội tỉnh', ['Công an tỉnh', 'Bảo hiểm xã hội tỉnh']],
  ])('bullets inside a cell: %j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });

  it('empty cells give no agencies', () => {
    expect(splitAgencies(null)).toEqual([]);
    expect(splitAgencies(undefined)).toEqual([]);
    expect(splitAgencies('')).toEqual([]);
    expect(splitAgencies(' \n ')).toEqual([]);
    expect(splitAgencies(';')).toEqual([]);
  });
});

describe('splitAgencies: collective phrases stay whole', () => {
  it.each([
    'các sở, ngành',
    'các sở ngành',
    'các sở, ban, ngành tỉnh',
    'các cơ quan, đơn vị liên quan',
    'các cơ quan đơn vị liên quan',
    'Các sở, ngành, đơn vị liên quan',
    'UBND các xã, phường',
    'UBND xã, phường',
    'UBND xã phường',
    'UBND xã, phường, đặc khu',
    'UBND các huyện, thành phố, thị xã',
    'các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
    'Các phòng, ban, đoàn thể phường',
    'cơ quan, đơn vị có liên quan',
    'Huyện ủy, thành ủy, thị ủy',
  ])('%j', (cell) => {
    expect(splitAgencies(cell)).toEqual([cell]);
  });

  it('a collective between other agencies', () => {
    expect(splitAgencies('Sở Y tế, các sở, ban, ngành tỉnh, UBND xã, phường, đặc khu')).toEqual([
      'Sở Y tế',
      'các sở, ban, ngành tỉnh',
      'UBND xã, phường, đặc khu',
    ]);
    // After a specific agency a bare "cơ quan, đơn vị …" is a new agency; after a generic list it continues it.
    expect(splitAgencies('Sở Nội vụ, UBND cấp huyện, cơ quan, đơn vị có liên quan')).toEqual([
      'Sở Nội vụ',
      'UBND cấp huyện',
      'cơ quan, đơn vị có liên quan',
    ]);
    expect(splitAgencies('Các sở, ngành, cơ quan, đơn vị liên quan')).toEqual(['Các sở, ngành, cơ quan, đơn vị liên quan']);
  });
});

describe('splitAgencies: names with a comma, hyphen or "và" inside stay whole', () => {
  it.each([
    'Sở Văn hóa, Thể thao và Du lịch',
    'Phòng Kinh tế, Hạ tầng và Đô thị phường',
    'Bộ Lao động - Thương binh và Xã hội',
    'Phòng Văn hóa - Xã hội phường',
    'Sở Khoa học và Công nghệ',
    'Sở Giáo dục và Đào tạo',
    'Sở Nông nghiệp và Môi trường',
    'Sở KH và Đầu tư',
    'Ủy ban Mặt trận Tổ quốc',
    'các tổ chức chính trị - xã hội',
    'Sở Thông tin - Truyền thông',
    'Sở Lao động, Thương binh và Xã hội',
    'Đài Phát thanh và Truyền hình tỉnh',
    'Sở VH,TT&DL',
    'Sở LĐ-TB&XH',
    'Văn phòng HĐND và UBND phường',
    'Văn phòng Đoàn ĐBQH và HĐND tỉnh',
    'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
  ])('%j', (cell) => {
    expect(splitAgencies(cell)).toEqual([cell]);
  });

  it('inside a list', () => {
    expect(splitAgencies('Sở Văn hóa, Thể thao và Du lịch, Sở Khoa học và Công nghệ và Sở Tài chính')).toEqual([
      'Sở Văn hóa, Thể thao và Du lịch',
      'Sở Khoa học và Công nghệ',
      'Sở Tài chính',
    ]);
    expect(splitAgencies('Bộ Lao động - Thương binh và Xã hội; Bộ Y tế')).toEqual([
      'Bộ Lao động - Thương binh và Xã hội',
      'Bộ Y tế',
    ]);
  });
});

describe('splitAgencies: qualifiers are dropped', () => {
  it.each([
    ['Sở Tài chính, Sở Nông nghiệp và Môi trường theo chức năng, nhiệm vụ thực hiện.', ['Sở Tài chính', 'Sở Nông nghiệp và Môi trường']],
    ['Các sở, ngành theo chức năng, nhiệm vụ được giao', ['Các sở, ngành']],
    ['Các sở, ngành theo chức năng, nhiệm vụ (được giao)', ['Các sở, ngành']],
    ['Sở Y tế, Công an tỉnh theo chức năng nhiệm vụ', ['Sở Y tế', 'Công an tỉnh']],
    ['Sở Tài chính chủ trì hướng dẫn, tổng hợp', ['Sở Tài chính']],
    ['Sở Y tế thúc đẩy, theo dõi, báo cáo', ['Sở Y tế']],
    ['Các cơ quan, đơn vị liên quan theo quy định', ['Các cơ quan, đơn vị liên quan']],
    ['Sở Y tế (chủ trì); Sở Tài chính (phối hợp)', ['Sở Y tế', 'Sở Tài chính']],
    ['Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội', ['Ủy ban Mặt trận Tổ quốc', 'các tổ chức chính trị - xã hội']],
    ['Cơ quan chủ trì: Sở Y tế.', ['Sở Y tế']],
  ])('%j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });

  it('an explanation in brackets stays with its name, commas inside brackets do not split', () => {
    expect(splitAgencies('Sở Y tế (cơ quan thường trực)')).toEqual(['Sở Y tế (cơ quan thường trực)']);
    expect(splitAgencies('Sở Y tế (cơ quan thường trực, tổng hợp), Sở Tài chính')).toEqual([
      'Sở Y tế (cơ quan thường trực, tổng hợp)',
      'Sở Tài chính',
    ]);
    expect(splitAgencies('Công an tỉnh (Phòng Cảnh sát PCCC và CNCH); Sở Xây dựng')).toEqual([
      'Công an tỉnh (Phòng Cảnh sát PCCC và CNCH)',
      'Sở Xây dựng',
    ]);
  });
});

describe('splitAgencies: text is kept as written', () => {
  it('abbreviations, case and tone placement stay; a trailing full stop goes', () => {
    expect(splitAgencies('Sở KH&CN, UBMTTQ, BHXH tỉnh.')).toEqual(['Sở KH&CN', 'UBMTTQ', 'BHXH tỉnh']);
    expect(splitAgencies('Các sở, ngành')).toEqual(['Các sở, ngành']);
    expect(splitAgencies('Phòng Văn hoá - Xã hội')).toEqual(['Phòng Văn hoá - Xã hội']);
    expect(splitAgencies('  Sở   Y tế ;  Sở Tài chính  ')).toEqual(['Sở Y tế', 'Sở Tài chính']);
  });
});

describe('splitAgencies: line breaks', () => {
  it.each([
    ['UBND cấp \nhuyện', ['UBND cấp huyện']],
    ['Các cơ quan, đơn \nvị liên quan', ['Các cơ quan, đơn vị liên quan']],
    ['Văn phòng\nUBND tỉnh', ['Văn phòng UBND tỉnh']],
    ['Sở Văn hóa, Thể thao và \nDu lịch', ['Sở Văn hóa, Thể thao và Du lịch']],
    ['Sở Y tế (cơ quan\nthường trực)', ['Sở Y tế (cơ quan thường trực)']],
    ['các tổ chức CT-\nXH', ['các tổ chức CT-XH']],
  ])('a wrapped line is re-joined: %j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });

  it.each([
    ['Sở Y tế\nSở Giáo dục', ['Sở Y tế', 'Sở Giáo dục']],
    ['Sở Y tế\nUBND cấp huyện', ['Sở Y tế', 'UBND cấp huyện']],
    ['Các cơ quan, đơn vị liên quan\nSở Tài chính', ['Các cơ quan, đơn vị liên quan', 'Sở Tài chính']],
    ['Công an tỉnh\ncác cơ quan liên quan', ['Công an tỉnh', 'các cơ quan liên quan']],
  ])('a line that starts a new agency after a complete one is a separator: %j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });
});

describe('splitAgencies: names run together (a lost separator)', () => {
  it.each([
    ['Sở Khoa học và Công nghệ Sở Công Thương', ['Sở Khoa học và Công nghệ', 'Sở Công Thương']],
    ['Sở Y tế Sở Giáo dục', ['Sở Y tế', 'Sở Giáo dục']],
    ['Sở Y tế Các cơ quan, đơn vị liên quan', ['Sở Y tế', 'Các cơ quan, đơn vị liên quan']],
    ['UBND cấp huyện Sở Tài chính, và các cơ quan đơn vị liên quan', ['UBND cấp huyện', 'Sở Tài chính', 'các cơ quan đơn vị liên quan']],
    ['Công an tỉnh Bộ Chỉ huy Quân sự tỉnh', ['Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh']],
    ['Sở Tài chính và Sở Y tế Sở Nội vụ', ['Sở Tài chính', 'Sở Y tế', 'Sở Nội vụ']],
  ])('%j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });

  it.each([
    'Văn phòng UBND tỉnh', // "Văn phòng" alone is not a complete agency
    'Bộ Công an',
    'Ủy ban MTTQ Việt Nam tỉnh',
    'Ban Tuyên giáo và Dân vận Tỉnh ủy', // party committees are written after other names
    'Chi nhánh Ngân hàng Nhà nước tỉnh',
    'Thuế tỉnh Tuyên Quang',
  ])('only where the left part is a complete agency: %j stays whole', (cell) => {
    expect(splitAgencies(cell)).toEqual([cell]);
  });
});

describe('splitAgencies: names the dictionary does not know', () => {
  it.each([
    // After a comma a capitalised name is a new agency, head word or not …
    ['VNPT Quảng Ngãi, Viettel Quảng Ngãi, các doanh nghiệp viễn thông', ['VNPT Quảng Ngãi', 'Viettel Quảng Ngãi', 'các doanh nghiệp viễn thông']],
    ['Sở Khoa học và Công nghệ, Hiệp hội Du lịch tỉnh', ['Sở Khoa học và Công nghệ', 'Hiệp hội Du lịch tỉnh']],
    ['Bưu điện tỉnh, Viettel Đồng Tháp', ['Bưu điện tỉnh', 'Viettel Đồng Tháp']],
    ['Công an tỉnh, Công ty cổ phần Nước sạch Thái Nguyên', ['Công an tỉnh', 'Công ty cổ phần Nước sạch Thái Nguyên']],
    ['Sở Nông nghiệp và Môi trường, Cảng vụ Hàng hải Quảng Trị', ['Sở Nông nghiệp và Môi trường', 'Cảng vụ Hàng hải Quảng Trị']],
    ['Phòng Kinh tế, Ban phát triển ấp 3, ấp 5', ['Phòng Kinh tế', 'Ban phát triển ấp 3, ấp 5']],
    [
      'Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam, Báo Pháp luật Việt Nam',
      ['Đài Truyền hình Việt Nam', 'Đài Tiếng nói Việt Nam', 'Thông tấn xã Việt Nam', 'Báo Pháp luật Việt Nam'],
    ],
    ['Sở Tài chính, các ngân hàng thương mại trên địa bàn', ['Sở Tài chính', 'các ngân hàng thương mại trên địa bàn']],
    // … unless the name before it is unfinished or the parts read as the fields of one name.
    ['Công an tỉnh, Tỉnh đoàn, Báo và Phát thanh, Truyền hình Quảng Trị', ['Công an tỉnh', 'Tỉnh đoàn', 'Báo và Phát thanh, Truyền hình Quảng Trị']],
    ['Trung tâm Văn hóa, Thể thao và Truyền thanh xã', ['Trung tâm Văn hóa, Thể thao và Truyền thanh xã']],
    ['Sở Văn hóa, Khoa học và Thông tin', ['Sở Văn hóa, Khoa học và Thông tin']],
    ['UBND các huyện, Thành phố, Thị xã', ['UBND các huyện, Thành phố, Thị xã']],
    // Lower case continues a list of generic nouns.
    ['Các bệnh viện, trung tâm y tế khu vực', ['Các bệnh viện, trung tâm y tế khu vực']],
    ['Vụ Phổ biến, giáo dục pháp luật, các đơn vị thuộc Bộ', ['Vụ Phổ biến, giáo dục pháp luật', 'các đơn vị thuộc Bộ']],
    // "và" before an unknown name splits only where it is an abbreviation or the name before is whole.
    ['Hiệp hội Doanh nghiệp tỉnh và VCCI Đà Nẵng', ['Hiệp hội Doanh nghiệp tỉnh', 'VCCI Đà Nẵng']],
    ['Hội Văn học và Nghệ thuật tỉnh', ['Hội Văn học và Nghệ thuật tỉnh']],
    ['Phòng Thương mại và Công nghiệp Việt Nam', ['Phòng Thương mại và Công nghiệp Việt Nam']],
    // A line break never cuts before an unknown capitalised word: PDF lines wrap inside names.
    ['Trung tâm Phục vụ\nHành chính công tỉnh', ['Trung tâm Phục vụ Hành chính công tỉnh']],
  ])('%j', (cell, expected) => {
    expect(splitAgencies(cell)).toEqual(expected);
  });

  it('a role verb closing the list is dropped', () => {
    expect(
      splitAgencies('Các sở, ngành, Ủy ban nhân dân các xã, phường, đặc khu; Sở Nông nghiệp và Môi trường tổng hợp.'),
    ).toEqual(['Các sở, ngành', 'Ủy ban nhân dân các xã, phường, đặc khu', 'Sở Nông nghiệp và Môi trường']);
    expect(splitAgencies('Sở Y tế chủ trì')).toEqual(['Sở Y tế']);
  });
});

// ───────────────────────────── the dictionary ─────────────────────────────

describe('canonicalAgency: aliases', () => {
  it.each([
    ['UBND tỉnh', 'Ủy ban nhân dân tỉnh'],
    ['Ủy ban nhân dân tỉnh', 'Ủy ban nhân dân tỉnh'],
    ['Uỷ ban nhân dân Tỉnh', 'Ủy ban nhân dân tỉnh'],
    ['Sở KH&ĐT', 'Sở Kế hoạch và Đầu tư'],
    ['Sở KH và Đầu tư', 'Sở Kế hoạch và Đầu tư'],
    ['Sở KH & ĐT', 'Sở Kế hoạch và Đầu tư'],
    ['UBMTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
    ['Ủy ban MTTQ Việt Nam tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
    ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
    ['Sở GD&ĐT', 'Sở Giáo dục và Đào tạo'],
    ['Sở Giáo dục', 'Sở Giáo dục và Đào tạo'],
    ['Sở TT&TT', 'Sở Thông tin và Truyền thông'],
    ['Sở Thông tin - Truyền thông', 'Sở Thông tin và Truyền thông'],
    ['BHXH tỉnh', 'Bảo hiểm xã hội tỉnh'],
    ['Sở LĐ-TB&XH', 'Sở Lao động - Thương binh và Xã hội'],
    ['Sở NN&PTNT', 'Sở Nông nghiệp và Phát triển nông thôn'],
    ['Sở TN&MT', 'Sở Tài nguyên và Môi trường'],
    ['Sở VH,TT&DL', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['Sở Văn hoá, Thể thao và Du lịch', 'Sở Văn hóa, Thể thao và Du lịch'],
    ['Bộ KH&ĐT', 'Bộ Kế hoạch và Đầu tư'],
    ['Bộ LĐ-TB&XH', 'Bộ Lao động - Thương binh và Xã hội'],
    ['Bộ GD&ĐT', 'Bộ Giáo dục và Đào tạo'],
    ['Bộ TT&TT', 'Bộ Thông tin và Truyền thông'],
    ['Sở Y tế.', 'Sở Y tế'],
    ['sở y tế', 'Sở Y tế'],
    ['Sở Y tế (cơ quan thường trực)', 'Sở Y tế'],
    ['Sở Y tế tỉnh Nghệ An', 'Sở Y tế'],
    ['Thuế tỉnh Tuyên Quang', 'Thuế tỉnh'],
    ['Công an tỉnh Nghệ An', 'Công an tỉnh'],
    ['Phòng Văn hoá - Xã hội phường', 'Phòng Văn hóa - Xã hội'],
    ['Trạm y tế xã', 'Trạm Y tế'],
    ['các sở ngành', 'Các sở, ban, ngành'],
    ['các cơ quan đơn vị liên quan', 'Các cơ quan, đơn vị liên quan'],
    ['cơ quan, đơn vị có liên quan', 'Các cơ quan, đơn vị liên quan'],
    ['UBND các xã, phường', 'Ủy ban nhân dân cấp xã'],
    ['UBND xã phường', 'Ủy ban nhân dân cấp xã'],
    ['các tổ chức CT-XH', 'Các tổ chức chính trị - xã hội'],
  ])('%j → %j', (name, canonical) => {
    expect(canonicalAgency(name).canonical).toBe(canonical);
  });

  it('an unknown name is its own canonical name, cleaned', () => {
    expect(canonicalAgency('  Trung tâm Phục vụ hành chính công  tỉnh. ')).toEqual({
      canonical: 'Trung tâm Phục vụ hành chính công tỉnh',
      successor: null,
      collective: false,
    });
  });
});

describe('canonicalAgency: 2025 successors', () => {
  it.each([
    ['UBND cấp huyện', 'Ủy ban nhân dân cấp huyện', 'Ủy ban nhân dân cấp xã'],
    ['UBND các huyện, thành phố, thị xã', 'Ủy ban nhân dân cấp huyện', 'Ủy ban nhân dân cấp xã'],
    ['Sở Kế hoạch và Đầu tư', 'Sở Kế hoạch và Đầu tư', 'Sở Tài chính'],
    ['Sở KH và Đầu tư', 'Sở Kế hoạch và Đầu tư', 'Sở Tài chính'],
    ['Sở Thông tin và Truyền thông', 'Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ'],
    ['Sở Thông tin - Truyền thông', 'Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ'],
    ['Sở LĐTBXH', 'Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ'],
    ['Sở Tài nguyên và Môi trường', 'Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Môi trường'],
    ['Sở NN&PTNT', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Nông nghiệp và Môi trường'],
    ['Sở GTVT', 'Sở Giao thông vận tải', 'Sở Xây dựng'],
    ['Ban Dân tộc', 'Ban Dân tộc tỉnh', 'Sở Dân tộc và Tôn giáo'],
    ['Cục Thuế tỉnh', 'Cục Thuế tỉnh', 'Thuế tỉnh'],
    ['Bộ Kế hoạch và Đầu tư', 'Bộ Kế hoạch và Đầu tư', 'Bộ Tài chính'],
    ['Bộ Thông tin và Truyền thông', 'Bộ Thông tin và Truyền thông', 'Bộ Khoa học và Công nghệ'],
    ['Bộ Lao động - Thương binh và Xã hội', 'Bộ Lao động - Thương binh và Xã hội', 'Bộ Nội vụ'],
    ['Bộ TN&MT', 'Bộ Tài nguyên và Môi trường', 'Bộ Nông nghiệp và Môi trường'],
    ['Bộ NN&PTNT', 'Bộ Nông nghiệp và Phát triển nông thôn', 'Bộ Nông nghiệp và Môi trường'],
    ['Bộ GTVT', 'Bộ Giao thông vận tải', 'Bộ Xây dựng'],
    ['Ủy ban Dân tộc', 'Ủy ban Dân tộc', 'Bộ Dân tộc và Tôn giáo'],
  ])('%j → %j, now %j', (name, canonical, successor) => {
    const r = canonicalAgency(name);
    expect(r.canonical).toBe(canonical);
    expect(r.successor).toBe(successor);
  });

  it.each(['Sở Y tế', 'Sở Tài chính', 'Sở Nông nghiệp và Môi trường', 'Thuế tỉnh', 'Bộ Y tế', 'UBND tỉnh'])(
    '%j has no successor',
    (name) => {
      expect(canonicalAgency(name).successor).toBeNull();
    },
  );

  it('the district level is noted', () => {
    const entry = DEFAULT_AGENCIES.entries.find((x) => x.canonical === 'Ủy ban nhân dân cấp huyện');
    expect(entry?.note).toMatch(/01\/7\/2025/);
  });
});

describe('the dictionary as data', () => {
  it('the default dictionary passes its own schema, and every successor is a canonical name in it', () => {
    expect(AgencyDictionarySchema.safeParse(DEFAULT_AGENCIES).success).toBe(true);
    const canonicals = new Set(DEFAULT_AGENCIES.entries.map((x) => x.canonical));
    for (const x of DEFAULT_AGENCIES.entries) if (x.successor) expect(canonicals, x.canonical).toContain(x.successor);
  });

  it('no alias points at two different agencies', () => {
    const seen = new Map<string, string>();
    for (const x of DEFAULT_AGENCIES.entries) {
      for (const name of [x.canonical, ...x.aliases]) {
        const key = name.normalize('NFC').toLowerCase();
        const before = seen.get(key);
        if (before) expect(before, name).toBe(x.canonical);
        seen.set(key, x.canonical);
      }
    }
  });
});

describe('extendDictionary', () => {
  const user = {
    entries: [
      { canonical: 'Trung tâm Phục vụ hành chính công tỉnh', aliases: ['TTPVHCC', 'Trung tâm PVHCC tỉnh'] },
      { canonical: 'Sở Y tế', aliases: ['SYT', 'Sở YT'], note: 'user note' },
      { canonical: 'Ban Quản lý dự án tỉnh', aliases: ['BQLDA tỉnh'], successor: 'Sở Xây dựng' },
    ],
  };

  it('adds the user entries; an entry with the same canonical name replaces the base one', () => {
    const dict = extendDictionary(DEFAULT_AGENCIES, user);
    expect(canonicalAgency('TTPVHCC', dict).canonical).toBe('Trung tâm Phục vụ hành chính công tỉnh');
    expect(canonicalAgency('Sở YT', dict).canonical).toBe('Sở Y tế');
    expect(canonicalAgency('BQLDA tỉnh', dict)).toEqual({
      canonical: 'Ban Quản lý dự án tỉnh',
      successor: 'Sở Xây dựng',
      collective: false,
    });
    expect(dict.entries.filter((x) => x.canonical === 'Sở Y tế')).toHaveLength(1);
    expect(dict.entries.find((x) => x.canonical === 'Sở Y tế')?.note).toBe('user note');
    // The base is untouched.
    expect(canonicalAgency('Sở YT').canonical).toBe('Sở YT');
  });

  it('user aliases win over base aliases', () => {
    const dict = extendDictionary(DEFAULT_AGENCIES, [{ canonical: 'Bảo hiểm xã hội khu vực', aliases: ['BHXH tỉnh'] }]);
    expect(canonicalAgency('BHXH tỉnh', dict).canonical).toBe('Bảo hiểm xã hội khu vực');
  });

  it('accepts a bare array and fills missing aliases', () => {
    const dict = extendDictionary(DEFAULT_AGENCIES, [{ canonical: 'Hội Đông y tỉnh' }]);
    expect(dict.entries.at(-1)).toEqual({ canonical: 'Hội Đông y tỉnh', aliases: [] });
  });

  it('user names guide the splitting too', () => {
    const cell = 'Trung tâm PVHCC tỉnh Sở Tư pháp';
    expect(splitAgencies(cell)).toEqual([cell]);
    expect(splitAgencies(cell, extendDictionary(DEFAULT_AGENCIES, user))).toEqual(['Trung tâm PVHCC tỉnh', 'Sở Tư pháp']);
  });

  it.each([
    [{ entries: [{ aliases: ['x'] }] }],
    [{ entries: [{ canonical: '', aliases: [] }] }],
    [{ entries: [{ canonical: 'Sở A', aliases: 'Sở B' }] }],
    ['not a dictionary'],
    [null],
  ])('rejects an invalid file: %j', (bad) => {
    expect(() => extendDictionary(DEFAULT_AGENCIES, bad)).toThrow(/invalid agency dictionary/);
  });
});

// ───────────────────────────── recognisers ─────────────────────────────

describe('isCollective', () => {
  it.each([
    'Các sở, ngành',
    'các sở ngành',
    'các sở, ban, ngành tỉnh',
    'Các sở, ngành liên quan',
    'UBND các xã, phường',
    'UBND xã, phường',
    'UBND xã phường',
    'UBND xã, phường, đặc khu',
    'UBND cấp xã',
    'UBND cấp huyện',
    'UBND các huyện, thành phố, thị xã',
    'các cơ quan, đơn vị liên quan',
    'Các cơ quan, đơn vị liên quan',
    'cơ quan, đơn vị có liên quan',
    'các đơn vị có liên quan',
    'các tổ chức CT-XH',
    'các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
    'Các phòng, ban, đoàn thể phường',
    'Các tổ dân phố thuộc phường',
    'các cơ sở y tế',
    'Công an cấp xã',
  ])('%j is a collective', (name) => {
    expect(isCollective(name)).toBe(true);
    expect(canonicalAgency(name).collective).toBe(true);
  });

  it.each([
    'Sở Y tế',
    'UBND tỉnh',
    'UBND xã',
    'UBND phường',
    'UBMTTQ',
    'Ủy ban Mặt trận Tổ quốc',
    'Sở Văn hóa, Thể thao và Du lịch',
    'Phòng Kinh tế, Hạ tầng và Đô thị phường',
    'Phòng Văn hóa - Xã hội phường',
    'Bảo hiểm xã hội tỉnh',
    'Trạm Y tế phường',
    'Thuế tỉnh Tuyên Quang',
  ])('%j is one accountable agency', (name) => {
    expect(isCollective(name)).toBe(false);
    expect(canonicalAgency(name).collective).toBe(false);
  });
});

describe('startsWithAgency', () => {
  it.each([
    'Sở Y tế',
    'Sở KH và Đầu tư',
    'UBND cấp huyện',
    'Ủy ban nhân dân tỉnh',
    'Uỷ ban MTTQ Việt Nam tỉnh',
    'Các cơ quan, đơn vị liên quan',
    'các đơn vị có liên quan',
    'cơ quan, đơn vị có liên quan',
    'Bộ Y tế',
    'Công an tỉnh',
    'Bảo hiểm xã hội tỉnh',
    'BHXH tỉnh',
    'Trung tâm Y tế',
    'Phòng Văn hóa - Xã hội',
    'Ban Quản lý Khu kinh tế',
    'Văn phòng UBND tỉnh',
    'Đài Phát thanh và Truyền hình tỉnh',
    'Thuế tỉnh Tuyên Quang',
    'Hội Liên hiệp Phụ nữ tỉnh',
    'Liên đoàn lao động tỉnh',
    'Tỉnh đoàn',
    'Cục Thống kê',
    'Kho bạc Nhà nước',
    'Ngân hàng Chính sách xã hội',
    'UBMTTQ',
    'Sở Y tế Các cơ quan, đơn vị liên quan',
    '- Sở Tài chính;',
  ])('%j', (text) => {
    expect(startsWithAgency(text)).toBe(true);
  });

  it.each([
    'Tổ chức tuyên truyền, phổ biến Nghị quyết',
    'Xây dựng Đề án Phát triển nguồn nhân lực y tế',
    'Ban hành kế hoạch thực hiện',
    'Báo cáo kết quả thực hiện',
    'Hội nghị sơ kết',
    'Phòng, chống dịch bệnh',
    'Phòng chống tác hại của thuốc lá',
    'Bộ tiêu chí quốc gia về y tế xã',
    'Quý 3/2024',
    'Nhiệm vụ thường xuyên',
    'liên quan',
    'vị liên quan',
    'ngành',
    '',
  ])('not %j', (text) => {
    expect(startsWithAgency(text)).toBe(false);
  });
});

describe('isAgencyList (agency columns in a PDF text dump)', () => {
  it('every agency cell of the seeds is an agency list', () => {
    for (const cells of Object.values(SEEDS)) {
      for (const [, lead, support] of cells) {
        expect(isAgencyList(lead), lead).toBe(true);
        if (support) expect(isAgencyList(support), support).toBe(true);
      }
    }
  });

  it.each([
    'Sở Y tế Các cơ quan, đơn vị liên quan',
    'Sở Y tế Sở Nội vụ, các cơ quan, đơn vị liên quan',
    'Sở Y tế Sở Nội vụ, UBND cấp huyện, cơ quan, đơn vị có liên quan.',
    'Các sở, ngành; UBND cấp huyện Các cơ quan, đơn vị liên quan',
    'Sở Y tế, Sở KH và Đầu tư; UBND cấp huyện Sở Tài chính, và các cơ quan đơn vị liên quan',
    'Sở Y tế theo chức năng, nhiệm vụ',
    'Sở Y tế (cơ quan thường trực)',
    'Sở Y tế/UBND tỉnh',
    'VNPT Quảng Ngãi, Viettel Quảng Ngãi, các doanh nghiệp viễn thông',
    'Hiệp hội Doanh nghiệp tỉnh và VCCI Đà Nẵng',
    'Vụ Phổ biến, giáo dục pháp luật, các đơn vị thuộc Bộ',
  ])('%j is', (text) => {
    expect(isAgencyList(text)).toBe(true);
  });

  it.each([
    'Tổ chức tuyên truyền, phổ biến Nghị quyết số 34/NQ-CP',
    'Xây dựng Đề án Phát triển nguồn nhân lực y tế đến năm 2030, định hướng đến năm 2035',
    'Sở Y tế chủ trì, phối hợp với các sở, ngành tổ chức thực hiện',
    'đến năm 2035 Sở Y tế',
    'Các cơ quan, đơn vị liên quan Quý 3/2024',
    'vị liên quan',
    'Nhiệm vụ thường xuyên',
    'Quý 3/2024',
    'Sau khi có Quyết định sắp xếp đơn vị hành chính',
    'Theo hướng dẫn của Bộ Y tế',
    'UBND cấp', // cut short by a wrapped line
    'Sở KH và Đầu',
    'Các cơ quan, đơn',
    'Sở Y tế, Sở',
    'Sở Y tế; Sở Thông tin -',
    '',
  ])('%j is not', (text) => {
    expect(isAgencyList(text)).toBe(false);
  });
});

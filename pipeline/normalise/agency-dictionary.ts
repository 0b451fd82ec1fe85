/**
 * The agency dictionary, as data: canonical names, the abbreviations and variants plans write for them,
 * whether a name is a collective (no single accountable agency), and the 2025 successor where the agency
 * was merged away.
 *
 * Matching is forgiving (see `agencyKey` in agencies.ts): case, old/new tone placement ("Hoá"/"Hóa"),
 * spacing, "&" vs " và ", and spacing around "-" and "," do not matter, so aliases list only the
 * spellings that differ in words or abbreviations.
 *
 * Users extend it with a JSON file of the same shape (`extendDictionary`, in agency-dictionary-extend.ts,
 * which alone loads zod): their entries win.
 *
 * The 2025 reorganisation (Nghị quyết 18-NQ/TW, the merger of ministries and provincial departments from
 * 1/3/2025, and the two-level local government from 1/7/2025, which ended the district level) is recorded as
 * `successor`: the name to hand an old plan's task to today.
 */
export interface AgencyEntry {
  /** The full official name, as a tracking sheet should show it. */
  canonical: string;
  /** Other ways plans write it: abbreviations, older spellings, shortened forms. */
  aliases: string[];
  /** A group of bodies ("Các sở, ban, ngành", "UBND cấp xã"): no single agency answers for the task. */
  collective?: boolean;
  /** The agency that took over its duties (2025 reorganisation); a canonical name in the dictionary. */
  successor?: string;
  note?: string;
}

export interface AgencyDictionary {
  entries: AgencyEntry[];
}

const NO_DISTRICT =
  'Từ 01/7/2025 chính quyền địa phương 2 cấp, không còn cấp huyện: nhiệm vụ chuyển về UBND cấp xã (hoặc sở, ngành tỉnh). ' +
  'From 1/7/2025 there is no district level: duties pass to the commune level (or to the provincial departments).';

const MERGED_2025 = 'Hợp nhất từ 01/3/2025. Merged on 1/3/2025.';

function e(canonical: string, aliases: string[] = [], extra: Partial<Omit<AgencyEntry, 'canonical' | 'aliases'>> = {}): AgencyEntry {
  return { canonical, aliases, ...extra };
}

// ───────────────────────────── provincial level ─────────────────────────────

const PROVINCE: AgencyEntry[] = [
  e('Ủy ban nhân dân tỉnh', ['UBND tỉnh', 'UBND cấp tỉnh', 'Ủy ban nhân dân cấp tỉnh']),
  e('Chủ tịch UBND tỉnh', ['Chủ tịch Ủy ban nhân dân tỉnh', 'CT UBND tỉnh']),
  e('Hội đồng nhân dân tỉnh', ['HĐND tỉnh']),
  e('Tỉnh ủy', ['Ban Thường vụ Tỉnh ủy', 'BTV Tỉnh ủy']),
  e('Văn phòng UBND tỉnh', ['Văn phòng Ủy ban nhân dân tỉnh', 'VP UBND tỉnh', 'VPUBND tỉnh']),
  e('Văn phòng Đoàn ĐBQH và HĐND tỉnh', [
    'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
    'Văn phòng Đoàn ĐBQH và HĐND',
  ]),
  e('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', [
    'UBMTTQ',
    'UB MTTQ',
    'UBMTTQ tỉnh',
    'UBMTTQVN tỉnh',
    'UB MTTQ tỉnh',
    'UB MTTQ Việt Nam tỉnh',
    'UBMTTQ Việt Nam tỉnh',
    'Ủy ban MTTQ Việt Nam tỉnh',
    'Ủy ban MTTQ tỉnh',
    'Ủy ban Mặt trận Tổ quốc tỉnh',
    'Mặt trận Tổ quốc tỉnh',
  ]),
  // Without "tỉnh" the plan may be a commune's: keep the level open.
  e('Ủy ban Mặt trận Tổ quốc Việt Nam', [
    'Ủy ban Mặt trận Tổ quốc',
    'Ủy ban MTTQ',
    'Ủy ban MTTQ Việt Nam',
    'Mặt trận Tổ quốc',
    'Mặt trận Tổ quốc Việt Nam',
    'MTTQ',
    'MTTQVN',
  ]),
  e(
    'Các tổ chức chính trị - xã hội',
    ['các tổ chức CT-XH', 'các tổ chức chính trị xã hội', 'các đoàn thể chính trị - xã hội', 'các đoàn thể', 'các hội, đoàn thể'],
    { collective: true },
  ),
  e('Sở Y tế', ['SYT']),
  e('Sở Tài chính', ['STC']),
  e('Sở Nội vụ', ['SNV']),
  e('Sở Tư pháp', ['STP']),
  e('Sở Xây dựng', ['Sở XD']),
  e('Sở Công Thương', []),
  e('Sở Ngoại vụ', [], {
    note: 'Năm 2025 nhiều tỉnh chuyển chức năng ngoại vụ về Văn phòng UBND tỉnh. In 2025 many provinces moved it into the provincial People\'s Committee office.',
  }),
  e('Sở Giáo dục và Đào tạo', ['Sở GD&ĐT', 'Sở GDĐT', 'Sở GD-ĐT', 'Sở Giáo dục - Đào tạo', 'Sở Giáo dục']),
  e('Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Sở KHCN', 'Sở KH-CN', 'Sở Khoa học - Công nghệ', 'Sở KH và CN']),
  e('Sở Nông nghiệp và Môi trường', ['Sở NN&MT', 'Sở NNMT', 'Sở NN và MT']),
  e('Sở Văn hóa, Thể thao và Du lịch', [
    'Sở VH,TT&DL',
    'Sở VH, TT&DL',
    'Sở VHTT&DL',
    'Sở VHTTDL',
    'Sở VH-TT&DL',
    'Sở Văn hóa - Thể thao và Du lịch',
    'Sở Văn hóa Thể thao và Du lịch',
  ]),
  e('Sở Văn hóa và Thể thao', ['Sở VH&TT', 'Sở VHTT']),
  e('Sở Du lịch', []),
  e('Sở Dân tộc và Tôn giáo', ['Sở DT&TG', 'Sở DTTG']),
  e('Thanh tra tỉnh', ['TTr tỉnh']),
  e('Công an tỉnh', ['CA tỉnh']),
  e('Bộ Chỉ huy Quân sự tỉnh', ['Bộ CHQS tỉnh', 'BCHQS tỉnh', 'Bộ Chỉ huy QS tỉnh']),
  e('Bộ Chỉ huy Bộ đội Biên phòng tỉnh', ['Bộ Chỉ huy BĐBP tỉnh', 'BĐBP tỉnh', 'Bộ đội Biên phòng tỉnh']),
  e('Thuế tỉnh', ['Thuế tỉnh, thành phố']),
  e('Kho bạc Nhà nước tỉnh', ['KBNN tỉnh', 'Kho bạc Nhà nước', 'KBNN'], {
    note: 'Từ 3/2025 tổ chức theo Kho bạc Nhà nước khu vực. Since 3/2025 organised as regional treasuries.',
  }),
  e('Ngân hàng Nhà nước chi nhánh tỉnh', [
    'NHNN chi nhánh tỉnh',
    'Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh',
    'Ngân hàng Nhà nước chi nhánh',
    'Chi nhánh Ngân hàng Nhà nước tỉnh',
  ], { note: 'Từ 3/2025 là Ngân hàng Nhà nước Khu vực. Since 3/2025 a regional branch of the State Bank.' }),
  e('Ngân hàng Chính sách xã hội chi nhánh tỉnh', ['NHCSXH tỉnh', 'Chi nhánh Ngân hàng Chính sách xã hội tỉnh']),
  e('Bảo hiểm xã hội tỉnh', ['BHXH tỉnh', 'Bảo hiểm xã hội', 'BHXH']),
  e('Đài Phát thanh và Truyền hình tỉnh', ['Đài PT-TH tỉnh', 'Đài PTTH tỉnh', 'Đài Phát thanh - Truyền hình tỉnh'], {
    note: 'Năm 2025 nhiều tỉnh hợp nhất Báo và Đài thành "Báo và Phát thanh, Truyền hình tỉnh". In 2025 many provinces merged newspaper and broadcaster.',
  }),
  e('Báo và Phát thanh, Truyền hình tỉnh', []),
  e('Báo tỉnh', []),
  e('Liên đoàn Lao động tỉnh', ['LĐLĐ tỉnh', 'Liên đoàn Lao động']),
  e('Tỉnh đoàn', ['Tỉnh Đoàn', 'Đoàn TNCS Hồ Chí Minh tỉnh', 'Tỉnh đoàn Thanh niên']),
  e('Hội Liên hiệp Phụ nữ tỉnh', ['Hội LHPN tỉnh', 'Hội Phụ nữ tỉnh']),
  e('Hội Nông dân tỉnh', ['Hội ND tỉnh']),
  e('Hội Cựu chiến binh tỉnh', ['Hội CCB tỉnh']),
  e('Hội Chữ thập đỏ tỉnh', ['Hội CTĐ tỉnh']),
  e('Hội Người cao tuổi tỉnh', ['Hội NCT tỉnh']),
  e('Ban Quản lý Khu kinh tế tỉnh', ['BQL Khu kinh tế tỉnh', 'Ban Quản lý các Khu công nghiệp tỉnh']),
  e('Trung tâm Kiểm soát bệnh tật tỉnh', ['CDC tỉnh', 'Trung tâm Kiểm soát bệnh tật']),
  e('Trung tâm Y tế cấp huyện', ['Trung tâm Y tế huyện', 'TTYT huyện', 'các Trung tâm Y tế huyện'], {
    collective: true,
    note: 'Sau 01/7/2025 tổ chức lại theo khu vực, thuộc Sở Y tế. After 1/7/2025 regional, under the Department of Health.',
  }),
];

// Merged away in 2025.
const PROVINCE_FORMER: AgencyEntry[] = [
  e('Sở Kế hoạch và Đầu tư', ['Sở KH&ĐT', 'Sở KHĐT', 'Sở KH-ĐT', 'Sở KH và Đầu tư', 'Sở Kế hoạch - Đầu tư', 'Sở KH và ĐT'], {
    successor: 'Sở Tài chính',
    note: MERGED_2025,
  }),
  e('Sở Thông tin và Truyền thông', ['Sở TT&TT', 'Sở TTTT', 'Sở TT-TT', 'Sở Thông tin - Truyền thông', 'Sở TT và TT'], {
    successor: 'Sở Khoa học và Công nghệ',
    note: `${MERGED_2025} Báo chí, xuất bản sang Sở Văn hóa, Thể thao và Du lịch. Press and publishing went to Culture.`,
  }),
  e(
    'Sở Lao động - Thương binh và Xã hội',
    ['Sở LĐ-TB&XH', 'Sở LĐTB&XH', 'Sở LĐTBXH', 'Sở LĐ, TB&XH', 'Sở Lao động, Thương binh và Xã hội', 'Sở Lao động Thương binh và Xã hội'],
    {
      successor: 'Sở Nội vụ',
      note: `${MERGED_2025} Bảo trợ xã hội, trẻ em sang Sở Y tế; giáo dục nghề nghiệp sang Sở Giáo dục và Đào tạo. Social protection went to Health, vocational training to Education.`,
    },
  ),
  e('Sở Nông nghiệp và Phát triển nông thôn', ['Sở NN&PTNT', 'Sở NNPTNT', 'Sở NN-PTNT', 'Sở Nông nghiệp - Phát triển nông thôn'], {
    successor: 'Sở Nông nghiệp và Môi trường',
    note: MERGED_2025,
  }),
  e('Sở Tài nguyên và Môi trường', ['Sở TN&MT', 'Sở TNMT', 'Sở TN-MT', 'Sở Tài nguyên - Môi trường'], {
    successor: 'Sở Nông nghiệp và Môi trường',
    note: MERGED_2025,
  }),
  e('Sở Giao thông vận tải', ['Sở GTVT', 'Sở Giao thông - Vận tải', 'Sở Giao thông và Vận tải'], {
    successor: 'Sở Xây dựng',
    note: MERGED_2025,
  }),
  e('Ban Dân tộc tỉnh', ['Ban Dân tộc'], { successor: 'Sở Dân tộc và Tôn giáo', note: MERGED_2025 }),
  e('Cục Thuế tỉnh', ['Cục Thuế'], { successor: 'Thuế tỉnh', note: 'Từ 2025 là Thuế tỉnh. Renamed in 2025.' }),
  e('Ủy ban nhân dân cấp huyện', [
    'UBND cấp huyện',
    'UBND các huyện, thành phố, thị xã',
    'UBND các huyện, thị xã, thành phố',
    'UBND các huyện, thành phố',
    'UBND huyện, thành phố, thị xã',
    'UBND các huyện, thị, thành',
    'Ủy ban nhân dân các huyện, thành phố, thị xã',
  ], { collective: true, successor: 'Ủy ban nhân dân cấp xã', note: NO_DISTRICT }),
  e('Huyện ủy, thành ủy, thị ủy', ['Các huyện ủy, thành ủy, thị ủy', 'Huyện ủy, Thành ủy, Thị ủy'], {
    collective: true,
    note: NO_DISTRICT,
  }),
];

// ───────────────────────────── commune level ─────────────────────────────

const COMMUNE: AgencyEntry[] = [
  e('Ủy ban nhân dân cấp xã', [
    'UBND cấp xã',
    'UBND các xã, phường',
    'UBND xã, phường',
    'UBND xã phường',
    'UBND các xã, phường, thị trấn',
    'UBND xã, phường, thị trấn',
    'UBND các xã, phường, đặc khu',
    'UBND xã, phường, đặc khu',
    'Ủy ban nhân dân các xã, phường',
    'Ủy ban nhân dân các xã, phường, đặc khu',
  ], { collective: true }),
  e('Văn phòng HĐND và UBND', [
    'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân',
    'Văn phòng HĐND - UBND',
    'Văn phòng HĐND và UBND xã',
    'Văn phòng HĐND và UBND phường',
  ]),
  e('Phòng Văn hóa - Xã hội', ['Phòng VH-XH', 'Phòng Văn hóa, Xã hội', 'Phòng Văn hóa và Xã hội']),
  e('Phòng Kinh tế', []),
  e('Phòng Kinh tế, Hạ tầng và Đô thị', ['Phòng KT, HT&ĐT', 'Phòng Kinh tế - Hạ tầng và Đô thị', 'Phòng KT-HT&ĐT']),
  e('Trạm Y tế', ['TYT']),
  e('Trung tâm Dịch vụ sự nghiệp công', ['Trung tâm DVSNC']),
  e('Công an xã', ['Công an phường', 'Công an xã, phường']),
];

// ───────────────────────────── collectives ─────────────────────────────

const COLLECTIVES: AgencyEntry[] = [
  e('Các sở, ban, ngành', [
    'các sở, ngành',
    'các sở ngành',
    'các sở, ban, ngành tỉnh',
    'các sở, ban ngành',
    'các sở, ban, ngành cấp tỉnh',
    'các sở, ngành tỉnh',
    'các sở, ngành cấp tỉnh',
    'các sở, ngành liên quan',
    'các sở, ban, ngành liên quan',
    'các sở ngành liên quan',
    'sở, ngành',
    'sở, ngành liên quan',
  ], { collective: true }),
  e('Các cơ quan, đơn vị liên quan', [
    'các cơ quan, đơn vị',
    'các cơ quan đơn vị liên quan',
    'các cơ quan, đơn vị có liên quan',
    'các cơ quan đơn vị có liên quan',
    'cơ quan, đơn vị có liên quan',
    'cơ quan, đơn vị liên quan',
    'các đơn vị liên quan',
    'các đơn vị có liên quan',
    'các cơ quan liên quan',
    'các cơ quan có liên quan',
    'các sở, ngành, đơn vị liên quan',
    'các sở, ngành, đơn vị có liên quan',
    'các sở, ngành, cơ quan, đơn vị liên quan',
    'các cơ quan, đơn vị, địa phương liên quan',
    'các địa phương, đơn vị liên quan',
  ], { collective: true }),
  e('Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ', [
    'các bộ, ngành',
    'các bộ, ngành trung ương',
    'các bộ, ngành Trung ương',
    'các bộ, cơ quan ngang bộ',
  ], { collective: true }),
  e('Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương', [
    'UBND các tỉnh, thành phố',
    'UBND các tỉnh, thành phố trực thuộc trung ương',
    'Ủy ban nhân dân các tỉnh, thành phố',
  ], { collective: true }),
  e('Các phòng, ban, đoàn thể', ['các phòng, ban, đoàn thể phường', 'các phòng, ban, đoàn thể xã', 'các phòng, ban', 'các phòng, ban chuyên môn'], {
    collective: true,
  }),
  e('Các cơ sở y tế', ['các cơ sở khám bệnh, chữa bệnh'], { collective: true }),
];

// ───────────────────────────── central level ─────────────────────────────

const CENTRAL: AgencyEntry[] = [
  e('Chính phủ', []),
  e('Thủ tướng Chính phủ', ['Thủ tướng']),
  e('Văn phòng Chính phủ', ['VPCP']),
  e('Bộ Y tế', ['BYT']),
  e('Bộ Tài chính', ['BTC']),
  e('Bộ Nội vụ', ['BNV']),
  e('Bộ Tư pháp', ['BTP']),
  e('Bộ Công an', ['BCA']),
  e('Bộ Quốc phòng', ['BQP']),
  e('Bộ Ngoại giao', ['BNG']),
  e('Bộ Xây dựng', ['BXD']),
  e('Bộ Công Thương', ['BCT']),
  e('Bộ Giáo dục và Đào tạo', ['Bộ GD&ĐT', 'Bộ GDĐT', 'Bộ GD-ĐT']),
  e('Bộ Khoa học và Công nghệ', ['Bộ KH&CN', 'Bộ KHCN']),
  e('Bộ Nông nghiệp và Môi trường', ['Bộ NN&MT', 'Bộ NNMT']),
  e('Bộ Văn hóa, Thể thao và Du lịch', ['Bộ VH,TT&DL', 'Bộ VHTTDL', 'Bộ VHTT&DL', 'Bộ Văn hóa - Thể thao và Du lịch']),
  e('Bộ Dân tộc và Tôn giáo', ['Bộ DT&TG']),
  e('Thanh tra Chính phủ', ['TTCP']),
  e('Ngân hàng Nhà nước Việt Nam', ['NHNN', 'Ngân hàng Nhà nước']),
  e('Bảo hiểm xã hội Việt Nam', ['BHXH Việt Nam', 'BHXHVN'], {
    note: 'Từ 3/2025 trực thuộc Bộ Tài chính. Since 3/2025 under the Ministry of Finance.',
  }),
  e('Bộ Kế hoạch và Đầu tư', ['Bộ KH&ĐT', 'Bộ KHĐT', 'Bộ KH và Đầu tư'], { successor: 'Bộ Tài chính', note: MERGED_2025 }),
  e('Bộ Thông tin và Truyền thông', ['Bộ TT&TT', 'Bộ TTTT', 'Bộ Thông tin - Truyền thông'], {
    successor: 'Bộ Khoa học và Công nghệ',
    note: MERGED_2025,
  }),
  e('Bộ Lao động - Thương binh và Xã hội', ['Bộ LĐ-TB&XH', 'Bộ LĐTB&XH', 'Bộ LĐTBXH', 'Bộ Lao động, Thương binh và Xã hội'], {
    successor: 'Bộ Nội vụ',
    note: MERGED_2025,
  }),
  e('Bộ Nông nghiệp và Phát triển nông thôn', ['Bộ NN&PTNT', 'Bộ NNPTNT'], {
    successor: 'Bộ Nông nghiệp và Môi trường',
    note: MERGED_2025,
  }),
  e('Bộ Tài nguyên và Môi trường', ['Bộ TN&MT', 'Bộ TNMT'], { successor: 'Bộ Nông nghiệp và Môi trường', note: MERGED_2025 }),
  e('Bộ Giao thông vận tải', ['Bộ GTVT', 'Bộ Giao thông - Vận tải'], { successor: 'Bộ Xây dựng', note: MERGED_2025 }),
  e('Ủy ban Dân tộc', ['UBDT'], { successor: 'Bộ Dân tộc và Tôn giáo', note: MERGED_2025 }),
];

export const DEFAULT_AGENCIES: AgencyDictionary = {
  entries: [...PROVINCE, ...PROVINCE_FORMER, ...COMMUNE, ...COLLECTIVES, ...CENTRAL],
};

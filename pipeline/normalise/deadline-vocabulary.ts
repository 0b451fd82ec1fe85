/**
 * The words of Vietnamese deadline phrases, folded to ASCII as the tokenizer writes them.
 * In: nothing. Out: phrase tables for the readers (lead words, range and list words, onward, follow-on,
 * recurring and conditional phrases); where one phrase is a prefix of another, the longer is listed first.
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */

// ───────────────────────────── vocabulary ─────────────────────────────

/** Words that open a time clause; order matters where one is a prefix of another. */
export const LEAD_WORDS = [
  'thoi gian', 'thoi han', 'tien do', // labels: "Thời gian thực hiện: Quý II/2026"
  'hoan thanh', 'hoan tat', 'xong', 'thuc hien', 'trien khai',
  'cham nhat la', 'cham nhat',
  'du kien', 'trong', 'vao', 'giai doan', 'den het', 'den', 'cuoi',
] as const;

export const RANGE_SEPARATORS = ['cho den het', 'cho den', 'den het', 'den', 'toi'] as const;

/** Joining two periods of which the last one counts ("Quý II/2026, Quý IV/2026"). */
export const LIST_WORDS = ['va', 'hoac'] as const;

/** After a deadline: "… và các năm tiếp theo" turns it into work that goes on. */
export const ONWARD_PHRASES = [
  'cac nam tiep theo', 'nhung nam tiep theo', 'cac nam sau', 'nhung nam sau', 'cac nam tiep',
  'cac giai doan tiep theo', 'tro di', 'tro ve sau',
] as const;

/** Words after a deadline that start follow-on text rather than more of the deadline. */
export const FOLLOW_ON_WORDS = ['va', 'sau do', 'roi', 'de', 'tiep tuc', 'hoac', 'trong do'] as const;
export const FOLLOW_ON_PUNCT = [',', ';', '(', ':', '.', '-', '/'];

/** The building blocks of a recurring phrase: "Định kỳ, hàng năm, đột xuất". */
export const RECURRING_ATOMS = [
  'nhiem vu thuong xuyen', 'thuc hien thuong xuyen', 'trien khai thuong xuyen', 'thuong xuyen',
  'lien tuc', 'hang nam', 'hang quy', 'hang thang', 'hang tuan', 'hang ngay', 'moi nam', 'hang ky',
  'dinh ky', 'dot xuat',
] as const;

/** "Tháng 12 hằng năm": a period without a year that comes back every year. */
export const EVERY_YEAR = ['hang nam', 'moi nam', 'cac nam'] as const;

/** After "theo": the things a deadline can be made to depend on. */
export const CONDITION_NOUNS = [
  'huong dan', 'lo trinh', 'ke hoach', 'tien do', 'yeu cau', 'chi dao', 'quy dinh', 'thong bao', 'van ban',
  'de nghi', 'thoi gian', 'thoi han', 'phan cong', 'nghi quyet', 'quyet dinh', 'chuong trinh', 'de an',
  'thuc te', 'dieu kien', 'nhu cau', 'kha nang',
  // References to where the time is set: "Theo Điều 17 Nghị định … ngày 28/5/2015", "Theo các mốc thời gian tại …".
  'dieu', 'khoan', 'nghi dinh', 'thong tu', 'cac moc thoi gian', 'moc thoi gian', 'cac moc', 'phu luc', 'luat',
] as const;

export const CONDITION_LEADS = [
  'ngay sau khi', 'sau khi', 'khi', 'tuy theo', 'tuy thuoc', 'can cu', 'cho huong dan', 'cho y kien',
] as const;

/** Words that may follow a recurring phrase and still leave it a deadline phrase. */
export const RECURRING_TAILS = ['theo', 'khi', 'sau khi', 'trong qua trinh', 'trong', 'tai', 'nham'] as const;

/**
 * Every text the pane shows, in Vietnamese and in English.
 * In: Office's display language ("vi-VN", "en-US", …; missing → Vietnamese).
 * Out: the texts of one language — `STATIC` for the elements of
 * taskpane.html that carry data-i18n (the page itself holds the Vietnamese,
 * so it reads right before any script runs), the rest as functions of the
 * results they report. Sheet and column names stay Vietnamese in both: they
 * are the names the workbook uses.
 */

export type Lang = 'vi' | 'en';

/** "vi", "vi-VN" → Vietnamese; any other language → English; unknown → Vietnamese (the plans are Vietnamese). */
export function langOf(displayLanguage: string | null | undefined): Lang {
  if (!displayLanguage) return 'vi';
  return displayLanguage.trim().toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** Keys of data-i18n in taskpane.html. */
export type StaticKey =
  | 'pageTitle'
  | 'appTitle'
  | 'subtitle'
  | 'importTitle'
  | 'importHint'
  | 'importButton'
  | 'checkTitle'
  | 'checkHint'
  | 'checkButton'
  | 'clearButton'
  | 'rollupTitle'
  | 'rollupHint'
  | 'asOfLabel'
  | 'rollupButton'
  | 'wordReportButton'
  | 'settingsTitle'
  | 'dueSoonLabel'
  | 'recurringLabel'
  | 'routineLabel';

/** What Excel lacks, as the about line tells it (from the adapter's capabilities). */
export interface Features {
  validation: boolean;
  freezePanes: boolean;
  columnWidths: boolean;
  rangeAreas: boolean;
}

export interface Strings {
  lang: Lang;
  static: Record<StaticKey, string>;
  severity: Record<'error' | 'warning' | 'info', string>;
  savingSettings: string;
  settingsSaved: string;
  dueSoonInvalid: { vi: string; en: string };
  reading: (file: string) => string;
  imported: (r: { tasks: number; title: string | null; sheetName: string; findings: number; clipped: number }) => string;
  checking: string;
  checked: (r: { sheetName: string; tasks: number; findings: number; marked: number }) => string;
  findingsSummary: (r: { tasks: number; findings: number; groups: number }) => string;
  clearing: string;
  nothingToClear: string;
  cleared: (r: { fills: number; values: number; skipped: number; logMissing: boolean; ruleLeft: boolean }) => string;
  rollingUp: string;
  rolledUp: (r: { sheetName: string; agencies: number; tasks: number; source: string }) => string;
  reporting: string;
  reported: (r: { file: string; tasks: number }) => string;
  selectCell: (address: string) => string;
  selecting: (address: string) => string;
  selected: (address: string, message: string) => string;
  more: (n: number) => string;
  unexpected: (why: string) => string;
  startFailed: (why: string) => string;
  /** The footer: what this Excel can do, in words (no API-set names). */
  about: (f: Features) => { text: string; title: string };
}

const VI_STATIC: Record<StaticKey, string> = {
  pageTitle: 'Phụ lục – Theo dõi nhiệm vụ',
  appTitle: 'Phụ lục nhiệm vụ',
  subtitle: 'Theo dõi nhiệm vụ trong phụ lục kế hoạch',
  importTitle: 'Nhập phụ lục',
  importHint:
    'Chọn tệp kế hoạch: Word (.docx, .doc), PDF, trang web (.html), văn bản (.txt, .md) hoặc bảng (.xlsx, .csv, .tsv). Các nhiệm vụ được ghi vào một trang mới, bố cục như bảng “Nhiệm vụ”.',
  importButton: 'Chọn tệp và nhập…',
  checkTitle: 'Kiểm tra',
  checkHint: 'Kiểm tra bảng nhiệm vụ trên trang đang mở. Ô có vấn đề được tô màu và ghi vào cột “Cảnh báo”; không giá trị nào của bạn bị sửa.',
  checkButton: 'Kiểm tra',
  clearButton: 'Xoá đánh dấu',
  rollupTitle: 'Tổng hợp',
  rollupHint: 'Ghi (hoặc làm mới) trang “Tổng hợp”: số nhiệm vụ theo cơ quan chủ trì và tỷ lệ hoàn thành.',
  asOfLabel: 'Ngày báo cáo',
  rollupButton: 'Tổng hợp',
  wordReportButton: 'Tải báo cáo Word (.docx)',
  settingsTitle: 'Cài đặt',
  dueSoonLabel: 'Số ngày coi là sắp đến hạn',
  recurringLabel: 'Coi thời hạn “thường xuyên”, “hằng năm” là không cụ thể',
  routineLabel: 'Không tính nhiệm vụ thường xuyên vào tỷ lệ hoàn thành (như QĐ 23/2018)',
};

const EN_STATIC: Record<StaticKey, string> = {
  pageTitle: 'Plan tasks – tracking',
  appTitle: 'Plan tasks',
  subtitle: 'Track the tasks in the appendix of a plan',
  importTitle: 'Import an appendix',
  importHint:
    'Choose the plan: Word (.docx, .doc), PDF, web page (.html), text (.txt, .md) or table (.xlsx, .csv, .tsv). Its tasks are written to a new sheet laid out like the “Nhiệm vụ” table.',
  importButton: 'Choose a file and import…',
  checkTitle: 'Check',
  checkHint: 'Checks the task table of the open sheet. Cells with a problem are filled and listed in the “Cảnh báo” column; none of your values is changed.',
  checkButton: 'Check',
  clearButton: 'Clear marks',
  rollupTitle: 'Roll-up',
  rollupHint: 'Writes (or refreshes) the sheet “Tổng hợp”: tasks per lead agency and the completion rate.',
  asOfLabel: 'Report date',
  rollupButton: 'Roll up',
  wordReportButton: 'Download the Word report (.docx)',
  settingsTitle: 'Settings',
  dueSoonLabel: 'Days counted as due soon',
  recurringLabel: 'Count deadlines such as “thường xuyên” (ongoing) or “hằng năm” (yearly) as vague',
  routineLabel: 'Leave routine (“thường xuyên”) tasks out of the completion rates (as QĐ 23/2018 does)',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const VI: Strings = {
  lang: 'vi',
  static: VI_STATIC,
  severity: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' },
  savingSettings: 'Đang lưu cài đặt…',
  settingsSaved: 'Đã lưu cài đặt.',
  dueSoonInvalid: { vi: 'Số ngày sắp đến hạn phải là số không âm.', en: 'Days counted as due soon must be a number, 0 or more.' },
  reading: (file) => `Đang đọc ${file}…`,
  imported: (r) =>
    `Đã nhập ${r.tasks} nhiệm vụ${r.title ? ` từ “${r.title}”` : ''} vào trang “${r.sheetName}” (${r.findings} cảnh báo). Bấm Kiểm tra để đánh dấu trên trang.` +
    (r.clipped ? ` ${r.clipped} ô dài quá 32.767 ký tự (giới hạn của Excel) đã được cắt bớt, có dấu “…” ở cuối; hãy xem bản gốc.` : ''),
  checking: 'Đang kiểm tra…',
  checked: (r) =>
    r.findings
      ? `Trang “${r.sheetName}”: ${r.tasks} nhiệm vụ, ${r.findings} cảnh báo; đã tô ${r.marked} ô.`
      : `Trang “${r.sheetName}”: ${r.tasks} nhiệm vụ, không có cảnh báo.`,
  findingsSummary: (r) => `${r.tasks} nhiệm vụ · ${r.findings} cảnh báo · ${r.groups} loại`,
  clearing: 'Đang xoá đánh dấu…',
  nothingToClear: 'Không có đánh dấu nào để xoá.',
  cleared: (r) =>
    `Đã xoá đánh dấu: trả lại ${r.fills} ô tô màu và ${r.values} ô ghi chú như trước.${r.skipped ? ` ${r.skipped} ô bạn đã sửa sau khi kiểm tra được giữ nguyên.` : ''}` +
    (r.logMissing ? ' Trang ẩn lưu nhật ký đánh dấu đã bị xoá nên không trả lại được các ô của lần kiểm tra trước; hãy sửa tay các ô còn tô màu.' : '') +
    (r.ruleLeft
      ? ' Phiên bản Excel này không xoá được quy tắc tô màu mà lần kiểm tra trước đã thêm: hãy xoá nó trong Trang đầu → Định dạng có Điều kiện → Quản lý Quy tắc, hoặc bấm Xoá đánh dấu trên Excel mới hơn.'
      : ''),
  rollingUp: 'Đang tổng hợp…',
  reporting: 'Đang lập báo cáo…',
  reported: (r) =>
    `Đã lập báo cáo “${r.file}” (${r.tasks} nhiệm vụ) theo thể thức Nghị định 30/2020: mở tệp vừa tải về để điền số, nơi nhận và người ký. Nếu Excel không tải tệp về (Excel cho Mac không cho phần bổ trợ tải tệp), hãy dùng Excel trên web hoặc lệnh phuluc rollup --report.`,
  rolledUp: (r) => `Đã ghi trang “${r.sheetName}”: ${r.agencies} cơ quan chủ trì, ${r.tasks} nhiệm vụ (nguồn: “${r.source}”).`,
  selectCell: (a) => `Chọn ô ${a}`,
  selecting: (a) => `Đang chọn ô ${a}…`,
  selected: (a, m) => `Đã chọn ô ${a}: ${m}`,
  more: (n) => `… và ${n} cảnh báo khác`,
  unexpected: (why) => `Lỗi không mong đợi: ${why}`,
  startFailed: (why) => `Không khởi động được phần bổ trợ: ${why}`,
  about: (f) => {
    const missing = [
      f.validation ? null : 'không có danh sách chọn Trạng thái',
      f.freezePanes ? null : 'không cố định hàng tiêu đề',
      f.columnWidths ? null : 'không đặt độ rộng cột',
      f.rangeAreas ? null : 'đánh dấu chậm hơn',
    ].filter((x): x is string => x !== null);
    if (missing.length === 0) return { text: 'Excel đầy đủ tính năng', title: 'Phiên bản Excel này có mọi tính năng phần bổ trợ dùng.' };
    const text = `Chế độ tương thích: ${missing.join(', ')}`;
    return { text, title: `${text}. Phiên bản Excel này cũ hơn: nhập, kiểm tra, xoá đánh dấu và tổng hợp vẫn chạy đủ.` };
  },
};

export const EN: Strings = {
  lang: 'en',
  static: EN_STATIC,
  severity: { error: 'Error', warning: 'Warning', info: 'Note' },
  savingSettings: 'Saving the settings…',
  settingsSaved: 'Settings saved.',
  dueSoonInvalid: VI.dueSoonInvalid,
  reading: (file) => `Reading ${file}…`,
  imported: (r) =>
    `Imported ${plural(r.tasks, 'task', 'tasks')}${r.title ? ` from “${r.title}”` : ''} into the sheet “${r.sheetName}” (${plural(r.findings, 'warning', 'warnings')}). Select Check to mark them on the sheet.` +
    (r.clipped ? ` ${plural(r.clipped, 'cell was', 'cells were')} longer than Excel's 32,767 characters and cut, ending in “…”; see the original.` : ''),
  checking: 'Checking…',
  checked: (r) =>
    r.findings
      ? `Sheet “${r.sheetName}”: ${plural(r.tasks, 'task', 'tasks')}, ${plural(r.findings, 'warning', 'warnings')}; ${plural(r.marked, 'cell', 'cells')} filled.`
      : `Sheet “${r.sheetName}”: ${plural(r.tasks, 'task', 'tasks')}, no warnings.`,
  findingsSummary: (r) => `${plural(r.tasks, 'task', 'tasks')} · ${plural(r.findings, 'warning', 'warnings')} · ${plural(r.groups, 'kind', 'kinds')}`,
  clearing: 'Clearing the marks…',
  nothingToClear: 'There are no marks to clear.',
  cleared: (r) =>
    `Marks cleared: ${plural(r.fills, 'fill', 'fills')} and ${plural(r.values, 'note cell', 'note cells')} put back as they were.${r.skipped ? ` ${plural(r.skipped, 'cell', 'cells')} you changed after the check kept as you made them.` : ''}` +
    (r.logMissing ? ' The hidden sheet holding the last check’s log was deleted, so its cells could not be put back; fix the cells still coloured by hand.' : '') +
    (r.ruleLeft
      ? ' This Excel cannot remove the colouring rule the last check added: remove it under Home → Conditional Formatting → Manage Rules, or clear the marks in a newer Excel.'
      : ''),
  rollingUp: 'Rolling up…',
  reporting: 'Writing the report…',
  reported: (r) =>
    `The report “${r.file}” (${plural(r.tasks, 'task', 'tasks')}) is ready in the official layout: open the downloaded file to fill in the number, recipients and signer. If Excel does not download it (Excel for Mac does not let add-ins download files), use Excel on the web or the command phuluc rollup --report.`,
  rolledUp: (r) => `Wrote the sheet “${r.sheetName}”: ${plural(r.agencies, 'lead agency', 'lead agencies')}, ${plural(r.tasks, 'task', 'tasks')} (source: “${r.source}”).`,
  selectCell: (a) => `Select cell ${a}`,
  selecting: (a) => `Selecting cell ${a}…`,
  selected: (a, m) => `Selected cell ${a}: ${m}`,
  more: (n) => `… and ${plural(n, 'more warning', 'more warnings')}`,
  unexpected: (why) => `Unexpected error: ${why}`,
  startFailed: (why) => `The add-in could not start: ${why}`,
  about: (f) => {
    const missing = [
      f.validation ? null : 'no Trạng thái dropdown',
      f.freezePanes ? null : 'header row not frozen',
      f.columnWidths ? null : 'column widths not set',
      f.rangeAreas ? null : 'slower marking',
    ].filter((x): x is string => x !== null);
    if (missing.length === 0) return { text: 'Full-featured Excel', title: 'This Excel has every feature the add-in uses.' };
    const text = `Compatibility mode: ${missing.join(', ')}`;
    return { text, title: `${text}. This is an older Excel: import, check, clear marks and roll-up all still work.` };
  },
};

export const STRINGS: Record<Lang, Strings> = { vi: VI, en: EN };

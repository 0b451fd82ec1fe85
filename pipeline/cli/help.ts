/** Help texts: Vietnamese first, then English, for every command and option. */
import { ROLLUP_HELP } from './rollup-help.js';

export const CONVERT_HELP = `phuluc convert — chuyển văn bản kế hoạch thành tệp theo dõi
phuluc convert — convert plan documents into tracking files

Cách dùng / Usage:
  phuluc convert <tệp hoặc thư mục…> --out <thư mục> [--format json,csv,xlsx] [--as-of <ngày>]
                 [--combined <tệp.xlsx>] [--per-agency] [--no-exclude-routine]
  phuluc convert <kế hoạch sửa đổi> --into <sổ theo dõi.xlsx> [--as-of <ngày>] [--force]
  phuluc convert <files or folders…> --out <dir> [--format json,csv,xlsx] [--as-of <date>]
                 [--combined <file.xlsx>] [--per-agency] [--no-exclude-routine]
  phuluc convert <amended plan> --into <tracking.xlsx> [--as-of <date>] [--force]

Đầu vào / Inputs:
  Tệp hoặc thư mục. Thư mục được duyệt cả thư mục con, chỉ lấy các tệp
  .txt .tsv .md .docx .doc .pdf .html .htm .xlsx .csv, bỏ qua tệp ẩn và thư mục "gold".
  Files or folders. Folders are walked recursively, keeping only
  .txt .tsv .md .docx .doc .pdf .html .htm .xlsx .csv; hidden files and "gold" folders are skipped.

Tùy chọn / Options:
  -o, --out <thư mục/dir>      Thư mục ghi kết quả (bắt buộc; tạo nếu chưa có).
                               Output folder (required; created if missing).
  -f, --format <danh sách/list>
                               Định dạng ghi ra, cách nhau bởi dấu phẩy: json, csv, xlsx (mặc định json,csv,xlsx).
                               Formats to write, comma-separated: json, csv, xlsx (default json,csv,xlsx).
      --as-of <ngày/date>      Ngày báo cáo, dạng YYYY-MM-DD hoặc DD/MM/YYYY (2026-12-02 hay 02/12/2026).
                               Report date, as YYYY-MM-DD or DD/MM/YYYY (2026-12-02 or 02/12/2026).
                               Ngày báo cáo: dùng cho cảnh báo quá hạn / sắp đến hạn (mặc định hôm nay)
                               và điền cột "Tình trạng" của CSV (không có thì cột để trống).
                               Report date: used for overdue / due-soon findings (default today)
                               and fills the CSV's "Tình trạng" column (left empty without it).
                               Sổ theo dõi .xlsx: ngày báo cáo ban đầu (mặc định hôm nay), sửa được trong
                               ô B2 của trang "Tổng hợp". / The .xlsx workbook: its starting report date
                               (default today), editable in cell B2 of the "Tổng hợp" sheet.
      --combined <tệp.xlsx/file.xlsx>
                               Ghi thêm một sổ theo dõi chung cho mọi văn bản đã chuyển, có cột "Văn bản".
                               Also write one tracking workbook over every converted input, with a
                               "Văn bản" (document) column.
      --per-agency             Ghi thêm mỗi cơ quan chủ trì một sổ theo dõi riêng (chỉ nhiệm vụ của cơ quan đó,
                               ghi tên cơ quan trong trang "Văn bản") vào <tên>.theo-co-quan/, để gửi đi; khi
                               tổng hợp, trả lời của cơ quan chủ trì được tính cho nhiệm vụ của mình.
                               Also write one workbook per lead agency (its own tasks, the agency named on
                               "Văn bản") into <name>.theo-co-quan/, to send out; rollup then counts the
                               lead agency's answer for its own tasks.
      --into <tệp.xlsx/file.xlsx>
                               Cập nhật sổ theo dõi có sẵn từ bản kế hoạch sửa đổi (một văn bản): khớp nhiệm
                               vụ theo TT, nội dung và cơ quan chủ trì, giữ mọi ô người dùng đã nhập (ô không còn
                               chỗ thì ghi vào nhật ký kèm giá trị cũ), thêm nhiệm vụ mới, đánh
                               dấu nhiệm vụ bị bỏ (không xoá), ghi "Nhật ký thay đổi"; bản cũ giữ lại thành
                               <tên>.truoc-cap-nhat-<ngày>.xlsx (mỗi lần một bản). Không cần --out.
                               Update an existing tracking workbook from an amended plan (one document): tasks
                               matched by TT, content and lead, every user-typed cell kept (one with no place
                               left goes to the log with its value), new tasks added, removed
                               ones marked (never deleted), a change-log sheet; the old file is kept as
                               <name>.truoc-cap-nhat-<date>.xlsx (one per update). No --out needed.
      --exclude-routine, --no-exclude-routine
                               Sổ theo dõi .xlsx: nhiệm vụ thường xuyên (thời hạn "Thường xuyên", "Hằng năm"…)
                               không tính / có tính vào tỷ lệ hoàn thành; đặt giá trị ban đầu của ô B4 trang
                               "Tổng hợp" (Có / Không), sửa được sau. Mặc định: không tính (như QĐ 23/2018);
                               với --into: giữ như sổ đang đặt. / The .xlsx workbook: routine tasks left out of
                               / counted in the completion rates; sets cell B4 of "Tổng hợp" (Có / Không),
                               editable later. Default: left out (as QĐ 23/2018); with --into: as the workbook has it.
      --force                  Với --into: cập nhật cả khi văn bản có vẻ là kế hoạch khác (dưới một nửa số
                               nhiệm vụ khớp). / With --into: update even when the document looks like
                               another plan (fewer than half of the tasks match).
  -j, --jobs <n>               Số tệp chuyển cùng lúc (luồng xử lý riêng; mặc định theo số nhân, tối đa 4);
                               0 = chuyển ngay trong tiến trình, không giới hạn thời gian (để gỡ lỗi).
                               Files converted at once (worker threads; default by cores, at most 4);
                               0 = convert in this process, no time limit (for debugging).
      --timeout <giây/s>       Thời gian tối đa cho một tệp (mặc định 120); quá thì dừng tệp đó, báo lỗi
                               [file.timeout] và chuyển tiếp. / Longest one file may take (default 120);
                               past it the file is stopped, reported [file.timeout], and the batch goes on.
      --max-size <MB>          Tệp lớn hơn bị từ chối mà không đọc (mặc định 50) [file.too_large].
                               Larger files are refused unread (default 50) [file.too_large].
      --ocr <auto|off|force>   Nhận dạng chữ (OCR tiếng Việt) cho PDF quét, cần tesseract-ocr và
                               tesseract-ocr-vie [ocr.unavailable]: auto (mặc định) đọc trang ảnh không có lớp
                               chữ hoặc lớp chữ hỏng; off không OCR [pdf.scanned]; force đọc mọi trang từ ảnh.
                               Chữ OCR không chắc chắn được báo [ocr.low_confidence]; bản quét trắng [ocr.blank],
                               không đọc được [ocr.unreadable, ocr.failed]. Khoảng 2 giây một trang: bản quét
                               dài hơn 50 trang cần --timeout lớn hơn.
                               OCR of scanned PDFs (Vietnamese), needing tesseract-ocr and tesseract-ocr-vie
                               [ocr.unavailable]: auto (default) reads picture pages with no text layer or a
                               broken one; off never [pdf.scanned]; force reads every page from its image. Words
                               OCR was unsure of are flagged [ocr.low_confidence]; a blank scan [ocr.blank], an
                               unreadable one [ocr.unreadable, ocr.failed]. About 2 s a page: a scan longer than
                               50 pages needs a larger --timeout.
  -h, --help                   Hiện trợ giúp này / Show this help

Kết quả / Output:
  Mỗi tệp đầu vào cho <out>/<tên không có phần mở rộng>.json, .csv và .xlsx; thư mục con của thư mục
  được duyệt giữ nguyên trong <out>. Hai tệp trùng tên (ke-hoach.md, ke-hoach.html) giữ phần
  mở rộng: ke-hoach.md.json, ke-hoach.html.json.
  Each input gives <out>/<name without extension>.json, .csv and .xlsx; sub-folders of a walked folder
  are kept under <out>. Two inputs with the same name (plan.md, plan.html) keep their
  extension: plan.md.json, plan.html.json.
  CSV: UTF-8 có BOM, cột như trang "Nhiệm vụ" / UTF-8 with BOM, the columns of the "Nhiệm vụ" sheet.
  XLSX: sổ theo dõi (Nhiệm vụ, Phân công, Tổng hợp, Kiểm tra, Văn bản, Danh mục); chọn Trạng thái
  và Ngày hoàn thành, "Tình trạng" và "Tổng hợp" tự tính lại trong Excel và LibreOffice.
  XLSX: the tracking workbook (Nhiệm vụ, Phân công, Tổng hợp, Kiểm tra, Văn bản, Danh mục); pick a
  Trạng thái and Ngày hoàn thành and "Tình trạng" and "Tổng hợp" recalculate in Excel and LibreOffice.

  Tệp không đọc được được báo một dòng kèm mã lỗi [mã] và tệp <tên>.error.json; các tệp khác vẫn
  được chuyển. Kết quả được ghi ra tệp tạm rồi đổi tên: không bao giờ có tệp ghi dở.
  A file that cannot be read gets one line with its error [code] and a <name>.error.json; the others
  are still converted. Outputs are written to a temporary file and renamed: never half-written.
  Giới hạn / Limits: mỗi luồng xử lý tối đa 1536 MB bộ nhớ; .docx: 200 MB giải nén, 10.000 mục nén,
  XML sâu 500 cấp / each worker at most 1536 MB of memory; .docx: 200 MB unzipped, 10,000 zip
  entries, XML 500 levels deep.
  PHULUC_DEBUG=1 in thêm chi tiết lỗi / prints error details (stack traces).

Mã thoát / Exit codes:
  0  tất cả đã chuyển / all converted
  1  có tệp không chuyển được / some inputs failed
  2  sai cú pháp lệnh / usage error

Ví dụ / Example:
  phuluc convert samples --out out --format json,csv --as-of 30/06/2026
`;

export const EVAL_HELP = `phuluc eval — chấm kết quả trích xuất so với đáp án
phuluc eval — score the extraction against gold files

Cách dùng / Usage:
  phuluc eval [tệp hoặc thư mục…] [--gold <thư mục>] [--strict] [--json] [--verbose]
  phuluc eval [files or folders…] [--gold <dir>] [--strict] [--json] [--verbose]
  (trong kho mã / in the repository: npm run eval = eval samples)

  Mỗi tệp được chấm với gold/<mã>.json, <mã> là tên tệp tới dấu chấm đầu tiên, tìm trong thư mục
  "gold" gần nhất tính từ thư mục của tệp trở lên. Tệp không có đáp án được bỏ qua.
  Each input is scored against gold/<id>.json, <id> being its file name up to the first dot, in the
  nearest "gold" folder from the file's folder upwards. Inputs without gold are skipped.
  Mặc định / default: samples

Tùy chọn / Options:
      --gold <thư mục/dir>  Thư mục đáp án thay cho tìm tự động / Gold folder instead of the search
      --strict              Mã thoát 1 nếu một văn bản có F1 dòng < 1 hoặc một trường < 0,98
                            Exit 1 if a document has row F1 < 1 or a field < 0.98
      --json                In kết quả dạng JSON / Print machine-readable JSON
      --verbose             Liệt kê dòng thiếu, dòng thừa, trường sai / List missing, extra rows and wrong fields
  -h, --help                Hiện trợ giúp này / Show this help

Mã thoát / Exit codes:
  0  đã chấm (và đạt ngưỡng nếu có --strict) / scored (and above the bar with --strict)
  1  không đạt ngưỡng (--strict), đáp án hỏng, hoặc không văn bản nào có đáp án
     below the bar (--strict), a broken gold file, or no input has gold
  2  sai cú pháp lệnh / usage error
`;

const INTRO = `phuluc — chuyển phụ lục nhiệm vụ của kế hoạch thành bảng theo dõi
phuluc — turn the task appendix of a government plan into tracking sheets

Cách dùng / Usage:
  phuluc <lệnh> [tùy chọn]
  phuluc <command> [options]
  (trong kho mã nguồn / in the source repository: npm run phuluc -- <lệnh/command> …)

Lệnh / Commands:
  convert   Chuyển văn bản kế hoạch thành JSON, CSV và sổ theo dõi XLSX
            Convert plan documents to JSON, CSV and XLSX tracking workbooks
  rollup    Tổng hợp tiến độ từ các sổ theo dõi đơn vị gửi về (báo cáo XLSX, CSV)
            Roll up progress from returned tracking workbooks (XLSX, CSV report)
  eval      Chấm kết quả trích xuất so với đáp án (thư mục gold)
            Score the extraction against the gold files
  help <lệnh/command>
            Trợ giúp của một lệnh (cũng: <lệnh> --help) / Help for one command (also: <command> --help)

Tùy chọn chung / Global options:
  -h, --help   Hiện trợ giúp này / Show this help
`;

/** The top-level help documents every command in full, so one --help answers everything. */
export const MAIN_HELP = [INTRO, CONVERT_HELP, ROLLUP_HELP, EVAL_HELP].join(`\n${'─'.repeat(72)}\n\n`);

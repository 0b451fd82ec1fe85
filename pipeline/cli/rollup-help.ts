/** Help of `rollup` (kept beside help.ts so the two commands' texts can change apart). Vietnamese first, then English. */

export const ROLLUP_HELP = `phuluc rollup — tổng hợp tiến độ từ các sổ theo dõi đơn vị gửi về
phuluc rollup — roll up progress from the tracking workbooks agencies send back

Cách dùng / Usage:
  phuluc rollup <sổ theo dõi hoặc thư mục…> --as-of <ngày> --out <báo-cáo.xlsx>
                [--csv <báo-cáo.csv>] [--by-successor] [--no-exclude-routine]
                [--report <báo-cáo.docx> [--pdf] [--period 2026-Q1] [--plan <số hiệu>]
                 [--since <báo-cáo-trước.xlsx>] [--report-settings <thiết-lập.json>] …]
  phuluc rollup <workbooks or folders…> --as-of <date> --out <report.xlsx>
                [--csv <report.csv>] [--by-successor] [--no-exclude-routine]
                [--report <report.docx> [--pdf] [--period 2026-Q1] [--plan <number>]
                 [--since <earlier-report.xlsx>] [--report-settings <settings.json>] …]
  (trong kho mã nguồn / in the source repository: npm run phuluc -- rollup …)

Đầu vào / Inputs:
  Sổ theo dõi .xlsx (hoặc .csv) do lệnh convert tạo, đã được đơn vị điền Trạng thái, Ngày hoàn thành,
  Kết quả/Ghi chú; cột có thể bị đổi thứ tự, đổi tên quen dùng ("Tình hình thực hiện", "Kết quả thực hiện",
  "Ngày hoàn thành thực tế") hoặc thêm cột. Thư mục được duyệt cả thư mục con, chỉ lấy .xlsx và .csv.
  Tracking workbooks (.xlsx, or .csv) made by convert and filled in by agencies; columns may be reordered,
  renamed in the usual ways or added. Folders are walked recursively for .xlsx and .csv only.

Tùy chọn / Options:
      --as-of <ngày/date>    Ngày báo cáo (bắt buộc), dạng YYYY-MM-DD hoặc DD/MM/YYYY (2026-06-30 hay 30/06/2026)
                             Report date (required), as YYYY-MM-DD or DD/MM/YYYY
  -o, --out <tệp.xlsx>       Báo cáo tổng hợp (bắt buộc) / The report workbook (required)
      --csv <tệp.csv>        Ghi thêm số liệu tổng hợp dạng CSV (UTF-8 có BOM)
                             Also write the rollup numbers as CSV (UTF-8 with BOM)
  -j, --jobs <n>             Số sổ đọc cùng lúc, mỗi sổ trong một luồng riêng (mặc định theo số nhân, tối đa 4;
                             0 = đọc ngay trong tiến trình) / Workbooks read at once, each in a worker thread
                             (default by cores, at most 4; 0 = in this process)
      --timeout <giây/s>     Thời gian tối đa để đọc một sổ (mặc định 120) [file.timeout]
                             Longest one workbook may take to read (default 120) [file.timeout]
      --max-size <MB>        Sổ lớn hơn bị từ chối mà không đọc (mặc định 50) [file.too_large]
                             Larger workbooks are refused unread (default 50) [file.too_large]
      --by-successor         Gộp nhiệm vụ của cơ quan đã sắp xếp năm 2025 vào cơ quan kế thừa hiện nay
                             ("Sở Kế hoạch và Đầu tư" → "Sở Tài chính")
                             Count tasks of agencies merged in 2025 under today's successor
      --exclude-routine      Không tính nhiệm vụ thường xuyên ("Thường xuyên", "Hằng năm"…) vào tỷ lệ hoàn thành
                             (mặc định, như QĐ 23/2018) / Leave routine tasks out of the completion rates (default)
      --no-exclude-routine   Tính cả nhiệm vụ thường xuyên vào tỷ lệ / Count routine tasks in the rates too
  -h, --help                 Hiện trợ giúp này / Show this help

Báo cáo Word / Word report (mỗi tùy chọn dưới đây cần --report / each option below needs --report):
      --report <tệp.docx>    Báo cáo theo thể thức Nghị định 30/2020/NĐ-CP (A4, Times New Roman): quốc hiệu,
                             số, ngày, "BÁO CÁO Tình hình thực hiện …", số liệu chung, bảng theo cơ quan chủ trì
                             (và theo văn bản) kèm biểu đồ, nhiệm vụ quá hạn, sắp đến hạn, mâu thuẫn, nơi nhận,
                             chữ ký; sửa được trong Word. Chỗ chưa có thông tin để "…".
                             A report in the layout of Decree 30/2020 (letterhead, number, date, title, the
                             figures, tables by lead agency and by plan with a chart, overdue and due-soon tasks,
                             conflicts, recipients, signature), editable in Word; blanks left as "…"
      --pdf                  In thêm ra PDF (<tệp>.pdf) bằng LibreOffice (soffice) [pdf.no_libreoffice]
                             Also print it to PDF (<file>.pdf) with LibreOffice
      --period <kỳ>          Chỉ các nhiệm vụ có hạn cuối trong kỳ: 2026-Q1 … 2026-Q4 (quý), 2026-H1, 2026-H2
                             (6 tháng đầu/cuối năm), 2026 (năm); tên báo cáo ghi "quý I năm 2026" …
                             Only tasks whose deadline falls in the period (quarter, half-year, year)
      --plan <văn bản>       Chỉ một văn bản: số hiệu ("45/KH-UBND"), tên tệp hoặc vài chữ trong trích yếu
                             Only one plan: its number, file name or words of its title
      --since <tệp.xlsx>     So sánh với báo cáo tổng hợp .xlsx trước đó (do rollup tạo): nhiệm vụ hoàn thành
                             thêm, nhiệm vụ mới quá hạn, số liệu từng cơ quan trước và nay
                             Compare with an earlier report .xlsx from rollup: done since, newly overdue,
                             per-agency counts then and now
      --report-settings <tệp.json>
                             Cơ quan, số, địa danh, kính gửi, người ký, nơi nhận (mẫu: docs/bao-cao.example.json;
                             trường: superior, issuer, number, symbol, place, date, to, signer.title, signer.name,
                             recipients, archive, proposals). Who issues and signs (see the example file)
      --issuer <tên>         Cơ quan ban hành ("Sở Y tế") / Issuing body
      --superior <tên>       Cơ quan chủ quản ("UBND tỉnh Hà Tĩnh") / Superior body
      --number <số hiệu>     Số, ký hiệu ("15/BC-SYT"; mặc định "…/BC-…") / Number and symbol
      --place <địa danh>     Địa danh ("Hà Tĩnh") / Place
      --report-date <ngày/date>
                             Ngày ban hành, dạng như --as-of (mặc định để trống)
                             Date of issue, written as for --as-of (blank by default)
      --signer <họ tên>      Người ký / Signer's name
      --signer-title <chức vụ>
                             Quyền hạn, chức vụ người ký; nhiều dòng cách nhau bởi "|" ("KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC")
                             Signer's capacity and title, lines separated by "|"
  Tùy chọn dòng lệnh được ưu tiên hơn tệp thiết lập. --period và --plan chỉ áp dụng cho báo cáo Word; báo cáo
  .xlsx và .csv vẫn gồm mọi nhiệm vụ. Chân trang ghi thời điểm trích xuất số liệu và các điều kiện lọc.
  Options win over the settings file. --period and --plan apply to the Word report only; the .xlsx and .csv
  still hold every task. The footer gives the time of extraction and the filters.

Báo cáo / Report:
  Trang "Tổng hợp theo cơ quan" và "Tổng hợp theo văn bản": hoàn thành đúng hạn / quá hạn, chưa hoàn thành
  trong hạn / quá hạn, không có hạn cụ thể, tạm dừng, bị hủy, tổng số, sắp đến hạn, và hai tỷ lệ hoàn thành,
  mỗi tỷ lệ kèm mẫu số: trên số nhiệm vụ đến hạn (cách tính của Văn phòng Chính phủ: số đến hạn đã hoàn thành
  ÷ số nhiệm vụ đến hạn, tức có hạn cuối không muộn hơn ngày báo cáo) và trên tổng số (số đã hoàn thành ÷ số
  nhiệm vụ tính tỷ lệ). Nhiệm vụ tạm dừng, bị hủy (và nhiệm vụ thường xuyên, trừ khi --no-exclude-routine)
  không tính vào tỷ lệ, không bị coi là quá hạn. Trang "Quá hạn", "Sắp đến hạn"; "Mâu thuẫn": một nhiệm vụ có trạng thái khác
  nhau trong hai sổ được liệt kê (kèm tệp, dòng) và tạm tính theo trạng thái thấp hơn (hạn cuối khác nhau:
  theo hạn sớm hơn); "Cần kiểm tra": ô không đọc được.
  Một kế hoạch được nhận theo văn bản (mã kế hoạch trong trang "Văn bản"), không theo tên tệp: các bản sao,
  bản lưu trước khi cập nhật và bản gửi về trước khi sửa đổi là một kế hoạch; phiên bản mới nhất quyết định
  danh sách nhiệm vụ. Sổ của một cơ quan (convert --per-agency, hoặc tên tệp là tên cơ quan như
  "so-tu-phap.xlsx") được tin cho nhiệm vụ do cơ quan đó chủ trì.
  Sheets per agency and per plan (done on time / late, not done on time / overdue, no specific deadline,
  suspended, cancelled, total, due soon, and two completion rates each with its denominator: on the tasks
  due (the Government Office's: done among tasks due ÷ tasks due by the report date) and on all tasks
  (done ÷ tasks rated); suspended and cancelled tasks, and routine ones unless --no-exclude-routine, are
  outside the rates and never overdue), the overdue and due-soon tasks, conflicts (a task with different
  statuses in two workbooks is listed with file and row, and counted at the lower status until settled;
  different deadlines at the earlier one), and cells that could not be read.
  A plan is known by its document (the plan id on "Văn bản"), not by a file name: copies, the backup an
  update keeps and copies returned before an amendment are one plan, its newest version deciding the
  tasks. An agency's own copy (convert --per-agency, or a file named after it, "so-tu-phap.xlsx") is
  trusted for the tasks that agency leads.

Mã thoát / Exit codes:
  0  đã đọc mọi sổ và ghi báo cáo / every workbook read, report written
  1  có sổ không đọc được hoặc không ghi được báo cáo (kể cả PDF) / some workbook failed, or a report
     (the PDF too) was not written
  2  sai cú pháp lệnh / usage error

Ví dụ / Example:
  phuluc rollup bao-cao-ve/ --as-of 30/06/2026 --out tong-hop.xlsx --csv tong-hop.csv
  phuluc rollup bao-cao-ve/ --as-of 2026-06-30 --out tong-hop.xlsx --report bao-cao-quy-2.docx --pdf \\
         --period 2026-Q2 --since tong-hop-quy-1.xlsx --report-settings docs/bao-cao.example.json
`;

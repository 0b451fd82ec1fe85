import { describe, it, expect } from 'vitest';
import { readText } from '../pipeline/read/txt.js';
import { extractTasks } from '../pipeline/extract.js';
import { normaliseTask } from '../pipeline/normalise/task.js';
import type { Table } from '../pipeline/model/doc.js';

const tasksOf = (text: string) => extractTasks(readText("plan.txt", text)).map((r, i) => normaliseTask(r, i));
const tables = (text: string) => readText('plan.txt', text).blocks.filter((b): b is Table => b.kind === 'table');
const cells = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));

describe('text reader: the table forms a plan takes as text', () => {
  it('reads tab-separated rows and keeps a page-broken row inside the table', () => {
    const [t] = tables('TT\tNội dung\tChủ trì\n1\tViệc A\tSở Y tế, các\n\n\t\tđơn vị liên quan\n2\tViệc B\tSở Nội vụ\n');
    expect(cells(t!)).toEqual([
      ['TT', 'Nội dung', 'Chủ trì'],
      ['1', 'Việc A', 'Sở Y tế, các'],
      ['', '', 'đơn vị liên quan'],
      ['2', 'Việc B', 'Sở Nội vụ'],
    ]);
  });

  it('reads markdown pipe tables: header above the separator, emphasis and escapes removed', () => {
    const [t] = tables('| **TT** | **Nội dung** |\n|---|---|\n| 1 | Lập *kế hoạch* A\\|B, mã \\_x\\_ |\n');
    expect(t!.rows[0]!.header).toBe(true);
    expect(cells(t!)).toEqual([
      ['TT', 'Nội dung'],
      ['1', 'Lập kế hoạch A|B, mã _x_'],
    ]);
  });

  it('reads web pages converted to text: cells between "|" lines, rows closed and opened by bars', () => {
    const text = ['|', 'TT', '|', 'Nội dung', '|', '|', '1', '|', 'Việc dài', 'xuống dòng', '|', '', '|', '|', '2', '|', 'Việc B', '|', 'Sở X', '|'].join('\n');
    expect(cells(tables(text)[0]!)).toEqual([
      ['TT', 'Nội dung'],
      ['1', 'Việc dài xuống dòng', ''],
      ['2', 'Việc B', 'Sở X'],
    ]);
  });

  it('keeps site furniture around a table as paragraphs, not rows', () => {
    const doc = readText('p.md', 'Trang chủ | Văn bản\n\n| TT | Nội dung |\n|---|---|\n| 1 | A |\n\nBản quyền thuộc Cổng thông tin\n');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['para', 'table', 'para']);
  });
});

describe('table layouts', () => {
  const head = 'TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n';

  it('group rows: a Roman numeral row, a single spanning title, a numeral cell plus a title', () => {
    const ts = tasksOf(`${head}I\tCÔNG TÁC TUYÊN TRUYỀN\t\t\t\n1\tViệc A\tSở Y tế\t\tQuý I/2026\n2\tViệc B\tSở Y tế\t\tQuý II/2026\nII\tCÔNG TÁC KIỂM TRA\t\t\t\n1\tViệc C\tSở Nội vụ\t\t2026\n`);
    expect(ts.map((t) => [t.tt, t.group, t.content])).toEqual([
      ['1', 'I. CÔNG TÁC TUYÊN TRUYỀN', 'Việc A'],
      ['2', 'I. CÔNG TÁC TUYÊN TRUYỀN', 'Việc B'],
      ['1', 'II. CÔNG TÁC KIỂM TRA', 'Việc C'],
    ]);
  });

  it('a group TT followed by its children ("1" then "1.1") is a group', () => {
    const ts = tasksOf(`${head}1\tLĩnh vực y tế\t\t\t\n1.1\tViệc A\tSở Y tế\t\tQuý I/2026\n`);
    expect(ts.map((t) => [t.tt, t.group])).toEqual([['1.1', '1. Lĩnh vực y tế']]);
  });

  it('a row with no TT under a merged row inherits TT, lead and support', () => {
    const ts = tasksOf(`${head}3\tViệc A\tSở Y tế\tSở Tài chính\tQuý I/2026\n\tViệc B\t\t\tQuý III/2026\n`);
    expect(ts.map((t) => [t.tt, t.content, t.lead, t.support, t.deadline.end])).toEqual([
      ['3', 'Việc A', ['Sở Y tế'], ['Sở Tài chính'], '2026-03-31'],
      ['3', 'Việc B', ['Sở Y tế'], ['Sở Tài chính'], '2026-09-30'],
    ]);
  });

  it('a repeated header and a row of column numbers are dropped', () => {
    const ts = tasksOf(`${head}(1)\t(2)\t(3)\t(4)\t(5)\n1\tViệc A\tSở Y tế\t\t2026\n${head}2\tViệc B\tSở Y tế\t\t2026\n`);
    expect(ts.map((t) => t.tt)).toEqual(['1', '2']);
  });

  it('extra columns are kept as extra data under their headers', () => {
    const ts = tasksOf('STT\tNHIỆM VỤ\tCHỦ TRÌ\tNguồn kinh phí\tGhi chú\n1\tViệc A\tSở Y tế\tNgân sách tỉnh\tƯu tiên\n');
    expect(ts[0]!.extra).toEqual({ 'Nguồn kinh phí': 'Ngân sách tỉnh', 'Ghi chú': 'Ưu tiên' });
    expect(ts[0]!.deadline.kind).toBe('missing');
  });
});

describe('a PDF text layer without layout', () => {
  const pdf = [
    'PHỤ LỤC',
    '',
    'TT Nội dung nhiệm vụ Cơ quan chủ ',
    'trì Cơ quan phối hợp Thời gian ',
    '',
    '1',
    '',
    'Xây dựng kế hoạch triển khai thực hiện Nghị quyết trên địa bàn tỉnh, bảo đảm ',
    'đúng tiến độ. Sở Y tế Sở Tài chính, các cơ quan, ',
    'đơn vị liên quan',
    'Quý 3/2025',
    '',
    '2',
    '',
    'TT Nội dung nhiệm vụ Cơ quan chủ ',
    'trì Cơ quan phối hợp Thời gian ',
    '',
    '2 Kiểm tra, giám sát việc thực hiện tại các xã, phường. Sở Nội vụ',
    '',
    'Các sở, ngành',
    'Nhiệm vụ',
    'thường xuyên',
  ].join('\n');

  it('finds rows by TT, drops the repeated header and the page number, and cuts cells by what they hold', () => {
    const ts = tasksOf(pdf);
    expect(ts.map((t) => [t.tt, t.content, t.lead, t.support, t.deadline.raw])).toEqual([
      [
        '1',
        'Xây dựng kế hoạch triển khai thực hiện Nghị quyết trên địa bàn tỉnh, bảo đảm đúng tiến độ.',
        ['Sở Y tế'],
        ['Sở Tài chính', 'các cơ quan, đơn vị liên quan'],
        'Quý 3/2025',
      ],
      ['2', 'Kiểm tra, giám sát việc thực hiện tại các xã, phường.', ['Sở Nội vụ'], ['Các sở, ngành'], 'Nhiệm vụ thường xuyên'],
    ]);
  });
});

describe('prose tasks', () => {
  it('labels in many wordings, with or without bullets, bold or italic', () => {
    const ts = tasksOf(
      [
        '1. Tuyên truyền an toàn giao thông',
        '**Đơn vị chủ trì tham mưu thực hiện:** Công an tỉnh.',
        '- *Cơ quan, đơn vị phối hợp:* Sở Giáo dục và Đào tạo.',
        'Thời hạn hoàn thành: Quý IV/2026.',
        'Sản phẩm: Báo cáo kết quả.',
        '',
        '2. Kiểm tra xe quá tải',
        '- Đơn vị phối hợp: Sở Xây dựng.',
        '- Thời gian thực hiện: Thường xuyên.',
      ].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.content, t.lead, t.support, t.deadline.kind, t.product])).toEqual([
      ['1', 'Tuyên truyền an toàn giao thông', ['Công an tỉnh'], ['Sở Giáo dục và Đào tạo'], 'quarter', 'Báo cáo kết quả'],
      ['2', 'Kiểm tra xe quá tải', [], ['Sở Xây dựng'], 'recurring', null],
    ]);
  });

  it('a) / b) / c) label blocks under numbered headings; several labels on one line', () => {
    const ts = tasksOf(
      [
        '1. Phổ biến Luật',
        'a) Nhiệm vụ: Tổ chức hội nghị phổ biến Luật.',
        'b) Cơ quan thực hiện: Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ.',
        'c) Thời gian thực hiện: Quý III/2025.',
        '2. Rà soát văn bản',
        '- Chủ trì: Sở Tư pháp; phối hợp: Văn phòng UBND tỉnh; thời gian: Tháng 10/2025.',
      ].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.content, t.lead, t.support, t.deadline.end])).toEqual([
      ['1', 'Phổ biến Luật', ['Sở Tư pháp'], ['Sở Nội vụ'], '2025-09-30'],
      ['2', 'Rà soát văn bản', ['Sở Tư pháp'], ['Văn phòng UBND tỉnh'], '2025-10-31'],
    ]);
  });

  it('nested sections join their numbers with dots', () => {
    const ts = tasksOf(
      ['II. NHIỆM VỤ', '3. Hạ tầng số', '3.1. Mạng di động', 'a) Phủ sóng 5G', '+ Rà soát trạm phát sóng;', '- Cơ quan chủ trì: Sở Khoa học và Công nghệ.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.group, t.content])).toEqual([['3.1.a', '3.1. Mạng di động', 'Phủ sóng 5G']]);
  });

  it('duties listed per agency under TỔ CHỨC THỰC HIỆN, bullets, a paragraph or inline', () => {
    const ts = tasksOf(
      [
        'IV. TỔ CHỨC THỰC HIỆN',
        '1. Sở Y tế',
        '- Chủ trì triển khai Kế hoạch;',
        '- Tổng hợp, báo cáo kết quả theo',
        'quy định.',
        '2. Sở Tài chính: Bố trí kinh phí thực hiện.',
        '3. Đề nghị Ủy ban MTTQ Việt Nam tỉnh',
        'Tuyên truyền, vận động Nhân dân.',
        'Yêu cầu các cơ quan nghiêm túc thực hiện./.',
        'Nơi nhận:',
        '- Như trên;',
      ].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead, t.content])).toEqual([
      ['1.1', ['Sở Y tế'], 'Chủ trì triển khai Kế hoạch;'],
      ['1.2', ['Sở Y tế'], 'Tổng hợp, báo cáo kết quả theo quy định.'],
      ['2', ['Sở Tài chính'], 'Bố trí kinh phí thực hiện.'],
      ['3', ['Ủy ban MTTQ Việt Nam tỉnh'], 'Tuyên truyền, vận động Nhân dân.'],
    ]);
    expect(ts.every((t) => t.origin.kind === 'duties')).toBe(true);
  });
});

describe('a cell of two paragraphs paired with two paragraphs of the next cells', () => {
  const md = (row: string) =>
    tasksOf(`| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |\n|---|---|---|---|---|\n${row}\n`);

  it('is two tasks under one TT, sharing the single-paragraph cells', () => {
    const ts = md('| 4 | Lập đề án A<br>Tổ chức hội nghị B | Sở Y tế<br>Sở Nội vụ | Sở Tài chính | Quý I/2026<br>Quý III/2026 |');
    expect(ts.map((t) => [t.tt, t.content, t.lead, t.support, t.deadline.end])).toEqual([
      ['4', 'Lập đề án A', ['Sở Y tế'], ['Sở Tài chính'], '2026-03-31'],
      ['4', 'Tổ chức hội nghị B', ['Sở Nội vụ'], ['Sở Tài chính'], '2026-09-30'],
    ]);
  });

  it('stays one task when only the support cell has one agency per paragraph', () => {
    const ts = md('| 4 | Lập đề án A<br>gồm hai phần | Sở Y tế | Sở Tài chính<br>Sở Nội vụ | Quý I/2026 |');
    expect(ts).toHaveLength(1);
    expect(ts[0]!.content).toBe('Lập đề án A gồm hai phần');
  });
});

describe('a table split into pieces per page', () => {
  it('is assembled as one: the split row joined, the group carried on, the repeated header dropped', () => {
    const head = 'TT\tNội dung\tCơ quan chủ trì\tThời gian\n';
    const ts = tasksOf(
      `${head}I\tNHÓM MỘT\t\t\n1\tViệc A\tSở Y tế, các cơ quan\tQuý I/2026\n\n5\n\n\t\tliên quan\t\n2\tViệc B\tSở Nội vụ\t2026\n\n6\n\n${head}3\tViệc C\tSở Tư pháp\t2026\n`,
    );
    expect(ts.map((t) => [t.tt, t.group, t.lead])).toEqual([
      ['1', 'I. NHÓM MỘT', ['Sở Y tế', 'các cơ quan liên quan']],
      ['2', 'I. NHÓM MỘT', ['Sở Nội vụ']],
      ['3', 'I. NHÓM MỘT', ['Sở Tư pháp']],
    ]);
  });
});

describe('a PDF text layer with dotted TT, numbered groups and a header wrapped over lines', () => {
  it('finds the rows, turns a parent number into the group, and shares a merged lead', () => {
    const dump = [
      'PHỤ LỤC',
      'TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn',
      'thành',
      '1',
      'Trạm Y tế phường',
      '1.1',
      'Tham mưu Ủy ban nhân dân phường triển khai Kế hoạch;',
      'Trạm Y tế phường',
      'Quý I/2026',
      '1.2',
      'Tổng hợp, báo cáo kết quả thực hiện theo quy định.',
      '2',
      'Phòng Văn hóa - Xã hội phường',
      '2.1',
      'Tuyên truyền về chăm sóc sức khỏe Nhân dân.',
      'Phòng Văn hóa - Xã hội phường Các cơ quan, đơn vị liên quan Thường xuyên',
    ].join('\n');
    const ts = tasksOf(dump);
    expect(ts.map((t) => [t.tt, t.group, t.lead, t.support, t.deadline.raw])).toEqual([
      ['1.1', '1. Trạm Y tế phường', ['Trạm Y tế phường'], [], 'Quý I/2026'],
      ['1.2', '1. Trạm Y tế phường', ['Trạm Y tế phường'], [], null],
      ['2.1', '2. Phòng Văn hóa - Xã hội phường', ['Phòng Văn hóa - Xã hội phường'], ['Các cơ quan, đơn vị liên quan'], 'Thường xuyên'],
    ]);
  });
});

import { describe, it, expect } from 'vitest';
import { readText } from '../pipeline/read/txt.js';
import { extractTasks } from '../pipeline/extract.js';
import { normaliseTask } from '../pipeline/normalise/task.js';
import { convertDocument } from '../pipeline/convert.js';
import { alignCells } from '../pipeline/find/align.js';
import { mapHeader } from '../pipeline/find/headers.js';
import { parseDeadline } from '../pipeline/normalise/deadline.js';
import { splitAgencies } from '../pipeline/normalise/agencies.js';
import type { Table } from '../pipeline/model/doc.js';

/**
 * What documents that real offices wrote do, each on a small case of its own
 * (the forms seen in samples/real; the documents themselves are scored by
 * test/real-documents.test.ts and `npm run eval`).
 */
const tasksOf = (text: string) => extractTasks(readText('plan.txt', text)).map((r, i) => normaliseTask(r, i));
const convert = (text: string) => convertDocument('plan.txt', new TextEncoder().encode(text));
const bars = (...rows: string[][]) => ['|', ...rows.map((r) => r.join('\n|\n')).join('\n|\n|\n').split('\n'), '|'].join('\n');

describe('web pages saved as text: cells between "|" lines, read by structure', () => {
  const header = ['**TT**', '**Nhiệm vụ**', '**Cơ quan chủ trì**', '**Cơ quan phối hợp**', '**Thời gian hoàn thành**', '**Sản phẩm**'];

  it('a row without its merged cells takes them from the row above, aligned by what its cells hold', () => {
    const text = bars(
      header,
      ['**I**', '**Hạ tầng số**'],
      ['1', 'Xây dựng hạ tầng công nghệ thông tin của Sở', 'Trung tâm Chuyển đổi số Thành phố', 'Sở Khoa học và Công nghệ', 'Quý IV/2026', 'Cổng thông tin'],
      ['Xây dựng hạ tầng kỹ thuật dự phòng', 'Sở Tài chính'],
    );
    const ts = tasksOf(text);
    expect(ts.map((t) => [t.tt, t.group, t.content, t.lead, t.support, t.deadline.end])).toEqual([
      ['1', 'I. Hạ tầng số', 'Xây dựng hạ tầng công nghệ thông tin của Sở', ['Trung tâm Chuyển đổi số Thành phố'], ['Sở Khoa học và Công nghệ'], '2026-12-31'],
      ['1', 'I. Hạ tầng số', 'Xây dựng hạ tầng kỹ thuật dự phòng', ['Sở Tài chính'], ['Sở Khoa học và Công nghệ'], '2026-12-31'],
    ]);
  });

  it('a group row after merged rows starts afresh: nothing is inherited across it', () => {
    const text = bars(header, ['1', 'Việc A của năm', 'Sở Y tế', 'Sở Tài chính', 'Quý I/2026', 'Báo cáo'], ['**II**', '**Nhóm hai**'], ['1', 'Việc B mới', 'Sở Nội vụ']);
    const b = tasksOf(text)[1]!;
    expect([b.group, b.support, b.deadline.kind, b.product]).toEqual(['II. Nhóm hai', [], 'missing', null]);
  });

  it('ends a table at prose: paragraphs with a title, or text longer than any cell', () => {
    const long = Array.from({ length: 40 }, (_, i) => `dòng văn bản thứ ${i + 1}`);
    for (const prose of [['**KẾ HOẠCH**', '', 'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:'], long]) {
      const doc = readText('p.txt', ['|', 'ỦY BAN NHÂN DÂN', '|', 'CỘNG HÒA XÃ HỘI', '|', '|', 'Số: 12/KH-UBND', '|', 'Hà Nội, ngày 1', '|', ...prose, '|', 'TT', '|', 'Nội dung', '|', '|', '1', '|', 'Việc A', '|'].join('\n'));
      const kinds = doc.blocks.map((b) => b.kind);
      expect(kinds.filter((k) => k === 'table')).toHaveLength(2);
      expect(doc.blocks.some((b) => b.kind === 'para' && b.text.includes(prose[0]!))).toBe(true);
    }
  });

  it('keeps the words of every cell spaced as written', () => {
    const text = bars(header, ['1', 'Xây dựng Bộ tiêu chí đánh giá', 'Sở Khoa học và Công nghệ', 'Các sở, ban, ngành tỉnh; UBND các xã, phường', 'Quí IV-2025', '']);
    const [t] = tasksOf(text);
    expect([t!.tt, t!.content, t!.lead, t!.support]).toEqual([
      '1',
      'Xây dựng Bộ tiêu chí đánh giá',
      ['Sở Khoa học và Công nghệ'],
      ['Các sở, ban, ngành tỉnh', 'UBND các xã, phường'],
    ]);
  });

  it('a cell of two paragraphs stays one cell; prose with a title between two tables does not', () => {
    const text = ['|', 'TT', '|', 'Nội dung', '|', 'Cơ quan chủ trì', '|', '|', '1', '|', 'Việc A dòng một', '', 'đoạn hai của việc A', '|', 'Sở Y tế', '|'].join('\n');
    const [t] = tasksOf(text);
    expect([t!.content, t!.lead]).toEqual(['Việc A dòng một đoạn hai của việc A', ['Sở Y tế']]);
  });

  it('a signature table after a task table is not a row of it', () => {
    const text = [bars(header, ['1', 'Việc A của năm', 'Sở Y tế', 'Sở Tài chính', 'Quý I/2026', 'Báo cáo']), 'Xong./.', '', bars(['Nơi nhận: - Như trên; - Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH'], ['', 'Nguyễn Văn A'])].join('\n');
    expect(tasksOf(text).map((t) => t.content)).toEqual(['Việc A của năm']);
  });

  it('aligns a sub-row of task, indicator and deadline under a row of merged TT, lead and support', () => {
    const map = mapHeader(['STT', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thuộc nhóm nhiệm vụ', 'Nội dung nhiệm vụ', 'Chỉ tiêu đạt được', 'Thời hạn hoàn thành'])!;
    const cols = alignCells(
      ['- Rà soát, cập nhật các hướng dẫn kỹ thuật về kiểm kê khí thải.', '- Bộ công cụ kiểm kê khí thải được ban hành.', 'Giai đoạn 2026 - 2027. Thực hiện rà soát (nếu có)'],
      map.fields,
    );
    expect(cols).toEqual([4, 5, 6]);
  });
});

describe('a bold span wrapped over lines is one line', () => {
  it('"**1." then "Sở Công Thương:**" is one agency heading over its duties', () => {
    const ts = tasksOf(['**IV.', 'PHÂN CÔNG NHIỆM VỤ**', '', '**1.', 'Sở Công Thương:**', '', '- Chủ trì điều phối nguồn hàng.', '', '- Phân bổ hàng hóa.', '', '**2. Sở', 'Y tế:**', '', 'Bố trí các đội y tế lưu động.'].join('\n'));
    expect(ts.map((t) => [t.tt, t.lead, t.content])).toEqual([
      ['1.1', ['Sở Công Thương'], 'Chủ trì điều phối nguồn hàng.'],
      ['1.2', ['Sở Công Thương'], 'Phân bổ hàng hóa.'],
      ['2', ['Sở Y tế'], 'Bố trí các đội y tế lưu động.'],
    ]);
  });
});

describe('duties per agency wherever they stand', () => {
  it('an official letter with no "Tổ chức thực hiện": "Đề nghị …" and "Giao …" headings, the word dropped from the lead', () => {
    const ts = tasksOf(
      [
        'Sở Nông nghiệp và Môi trường đề nghị các cơ quan triển khai một số nội dung sau:',
        '1. Đề nghị UBND các xã, phường',
        '- Chỉ đạo các cơ quan chuyên môn tăng cường quản lý.',
        '- Tăng cường tuyên truyền, hướng dẫn người dân.',
        '2. Đề nghị Công an tỉnh',
        'Chỉ đạo lực lượng chức năng tăng cường điều tra.',
        '3. Giao Chi cục Chăn nuôi và Thú y, Chi cục Thủy sản',
        '- Phối hợp các địa phương tuyên truyền.',
        'Sở Nông nghiệp và Môi trường đề nghị các đơn vị quan tâm phối hợp./.',
      ].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead, t.origin.kind])).toEqual([
      ['1.1', ['UBND các xã, phường'], 'duties'],
      ['1.2', ['UBND các xã, phường'], 'duties'],
      ['2', ['Công an tỉnh'], 'duties'],
      ['3', ['Chi cục Chăn nuôi và Thú y', 'Chi cục Thủy sản'], 'duties'],
    ]);
  });

  it('lettered duties a) … đ) under numbered agencies, wrapped across lines and a page break', () => {
    const ts = tasksOf(
      ['1. Sở Công Thương', 'a) Rà soát các quy định hiện hành về quản lý', 'VLNCN, TCTN và đề xuất sửa đổi.', 'b) Nâng cao chất lượng thẩm định theo QCVN', '01:2019/BCT của Bộ Công Thương.', '\fc) Tăng cường kiểm tra.', '2. Công an tỉnh', 'a) Tuyên truyền pháp luật.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead, t.content])).toEqual([
      ['1.a', ['Sở Công Thương'], 'Rà soát các quy định hiện hành về quản lý VLNCN, TCTN và đề xuất sửa đổi.'],
      ['1.b', ['Sở Công Thương'], 'Nâng cao chất lượng thẩm định theo QCVN 01:2019/BCT của Bộ Công Thương.'],
      ['1.c', ['Sở Công Thương'], 'Tăng cường kiểm tra.'],
      ['2.a', ['Công an tỉnh'], 'Tuyên truyền pháp luật.'],
    ]);
  });

  it('lettered agencies under a topic number their duties topic.letter.place', () => {
    const ts = tasksOf(
      ['3. Tăng cường công tác tuyên truyền, phòng ngừa tội phạm', 'a) Các sở, ban, ngành, địa phương', '- Tổ chức các hoạt động tuyên truyền.', '- Xây dựng, nhân rộng các mô hình.', 'b) Công an tỉnh', '- Triển khai phong trào toàn dân.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead])).toEqual([
      ['3.a.1', ['Các sở, ban, ngành, địa phương']],
      ['3.a.2', ['Các sở, ban, ngành, địa phương']],
      ['3.b', ['Công an tỉnh']],
    ]);
  });

  it('an assignment line "Giao X (chủ trì, phối hợp với Y):" over a) b) gives every duty its lead and support', () => {
    const ts = tasksOf(['1. Về cải cách thể chế', 'Giao Sở Tư pháp (chủ trì, phối hợp với các cơ quan, đơn vị liên quan):', 'a) Tổ chức rà soát hệ thống văn bản.', 'b) Kịp thời tham mưu sửa đổi.'].join('\n'));
    expect(ts.map((t) => [t.tt, t.lead, t.support])).toEqual([
      ['1.a', ['Sở Tư pháp'], ['các cơ quan, đơn vị liên quan']],
      ['1.b', ['Sở Tư pháp'], ['các cơ quan, đơn vị liên quan']],
    ]);
  });

  it('"- Bộ Công Thương" over "+" duties, and a sibling that names its agency in the sentence', () => {
    const ts = tasksOf(
      ['2. Tăng cường quản lý rác thải', 'a) Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương', '- Triển khai ra quân tổng vệ sinh.', 'b) Bộ Nội vụ rà soát, hoàn thiện Luật Thi đua khen thưởng.', 'c) Hoàn thiện thể chế', '- Bộ Công Thương', '+ Ban hành chính sách thúc đẩy tái chế.', '+ Rà soát các quy hoạch năng lượng.', '- Bộ Xây dựng', '+ Ban hành quy định về phương tiện.'].join('\n'),
    );
    expect(ts.map((t) => [t.lead, t.content])).toEqual([
      [['Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương'], 'Triển khai ra quân tổng vệ sinh.'],
      [['Bộ Nội vụ'], 'Bộ Nội vụ rà soát, hoàn thiện Luật Thi đua khen thưởng.'],
      [['Bộ Công Thương'], 'Ban hành chính sách thúc đẩy tái chế.'],
      [['Bộ Công Thương'], 'Rà soát các quy hoạch năng lượng.'],
      [['Bộ Xây dựng'], 'Ban hành quy định về phương tiện.'],
    ]);
  });

  it('a letter that names its addressees once gives them every numbered item below', () => {
    const ts = tasksOf(
      ['Sở Công Thương yêu cầu các tổ chức, doanh nghiệp có hoạt động VLNCN trên địa bàn thực hiện một số nội dung sau:', '1. Tăng cường tuyên truyền tới người lao động.', '2. Rà soát, khắc phục ngay các tồn tại.', 'Sở Công Thương yêu cầu các tổ chức nghiêm túc thực hiện./.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead])).toEqual([
      ['1', ['các tổ chức, doanh nghiệp có hoạt động VLNCN trên địa bàn']],
      ['2', ['các tổ chức, doanh nghiệp có hoạt động VLNCN trên địa bàn']],
    ]);
  });

  it('numbered sentences that assign: "Giao X …", "…, giao X …", the time they state', () => {
    const ts = tasksOf(
      ['Ủy ban nhân dân tỉnh có ý kiến như sau:', '1. Giao Sở Y tế tiến hành rà soát các cơ sở cai nghiện, hoàn thành trước ngày 20/02/2025.', '2. Đối với các cụm công nghiệp, giao UBND phường Văn Phú tìm kiếm nhà đầu tư.', 'Yêu cầu các sở, ngành tổ chức thực hiện tốt nội dung Công văn này./.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead, t.deadline.end])).toEqual([
      ['1', ['Sở Y tế'], '2025-02-20'],
      ['2', ['UBND phường Văn Phú'], null],
    ]);
  });

  it('short numbered sentences that assign are tasks, not headings with nothing under them', () => {
    const ts = tasksOf(['1. Giao Sở Y tế rà soát các cơ sở.', '2. Giao Sở Tài chính bố trí kinh phí.'].join('\n'));
    expect(ts.map((t) => [t.tt, t.lead])).toEqual([
      ['1', ['Sở Y tế']],
      ['2', ['Sở Tài chính']],
    ]);
  });

  it('"Ban Chỉ đạo …" is a name, "… chỉ đạo lực lượng …" a verb', () => {
    const ts = tasksOf(['IV. TỔ CHỨC THỰC HIỆN', '1. Ban Chỉ đạo 389 tỉnh', '- Chỉ đạo kiểm tra liên ngành.', '2. Bộ Chỉ huy Quân sự tỉnh chỉ đạo lực lượng Biên phòng', '- Tuần tra biên giới.'].join('\n'));
    expect(ts.map((t) => t.lead)).toEqual([['Ban Chỉ đạo 389 tỉnh'], ['Bộ Chỉ huy Quân sự tỉnh']]);
  });

  it('an item naming its agency is taken once, not again by a lead-in above it', () => {
    const ts = tasksOf(['UBND tỉnh yêu cầu các sở, ngành triển khai thực hiện các nội dung sau:', 'a) Sở Tài chính bố trí kinh phí thực hiện.', 'b) Sở Y tế', '- Kiểm tra các cơ sở.'].join('\n'));
    const contents = ts.map((t) => t.content);
    expect(contents).toContain('Sở Tài chính bố trí kinh phí thực hiện.');
    expect(new Set(contents).size).toBe(contents.length);
  });

  it('a sentence that names the agency as subject of "là" leads with the agency only', () => {
    const ts = tasksOf(['Thực hiện Kế hoạch số 10/KH-UBND, giao Sở Y tế là đầu mối tổng hợp.'].join('\n'));
    expect(ts.map((t) => t.lead)).toEqual([['Sở Y tế']]);
  });

  it('a letter whose one request stands in running prose: that paragraph, led by the agency asked', () => {
    const ts = tasksOf(
      ['Kính gửi: Sở Thông tin và Truyền thông', 'Theo đề nghị của Bộ Thông tin và Truyền thông tại Công văn số 202/BTTTT-KHTC, Chủ tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì tham gia góp ý dự thảo văn bản nêu trên (trước ngày 10/02/2025)./.'].join('\n'),
    );
    expect(ts.map((t) => [t.lead, t.deadline.end])).toEqual([[['Sở Thông tin và Truyền thông'], '2025-02-10']]);
  });

  it('a lone numbered agency sentence in prose is no duty list', () => {
    expect(tasksOf(['I. MỤC ĐÍCH', '1. Sở Y tế là cơ quan thường trực của Ban Chỉ đạo.', 'Kế hoạch được triển khai đồng bộ.'].join('\n'))).toEqual([]);
  });
});

describe('every form in a document, nothing counted twice', () => {
  const table = ['TT\tNội dung\tCơ quan chủ trì\tThời gian', '1\tTổ chức hội nghị đối thoại về cải cách hành chính\tSở Nội vụ\t30/01/2026'];
  const duties = ['IV. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ', 'a) Tổ chức hội nghị đối thoại về cải cách hành chính', 'b) Theo dõi, đôn đốc, báo cáo kết quả.', '2. Văn phòng UBND tỉnh', 'Cập nhật quy trình thủ tục hành chính.'];

  it('a table in the body and the duties of "Tổ chức thực hiện" both count; a duty restating a table row is dropped', () => {
    const ts = tasksOf(['III. NỘI DUNG', ...table, '', ...duties].join('\n'));
    expect(ts.map((t) => [t.origin.kind, t.tt])).toEqual([
      ['table', '1'],
      ['duties', '1.b'],
      ['duties', '2'],
    ]);
  });

  it('a plan tracked by its appendix table leaves the body duties to it', () => {
    const ts = tasksOf(['III. NỘI DUNG', ...duties, '', 'PHỤ LỤC', 'DANH MỤC NHIỆM VỤ', ...table].join('\n'));
    expect(ts.map((t) => t.origin.kind)).toEqual(['table']);
  });

  it('beside labelled tasks, duties listed per agency outside "Tổ chức thực hiện" (an appendix of duties) still count', () => {
    const ts = tasksOf(
      ['II. NHIỆM VỤ', '1. Phổ biến Luật', '- Cơ quan chủ trì: Sở Tư pháp.', 'PHỤ LỤC NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN', '1. Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa phương:', 'a) Theo dõi, đôn đốc kế hoạch đầu tư công.', 'b) Tăng cường quản lý thuế.', '2. Ngân hàng Nhà nước Việt Nam:', 'a) Điều hành lãi suất phù hợp.'].join('\n'),
    );
    expect(ts.map((t) => [t.origin.kind, t.tt, t.lead])).toEqual([
      ['labelled', '1', ['Sở Tư pháp']],
      ['duties', '1.a', ['Bộ Tài chính']],
      ['duties', '1.b', ['Bộ Tài chính']],
      ['duties', '2.a', ['Ngân hàng Nhà nước Việt Nam']],
    ]);
  });

  it('beside an appendix table, duties per agency in the plan\'s own task section still count', () => {
    const ts = tasksOf(
      ['III. NHIỆM VỤ, GIẢI PHÁP', '1. Phát động phong trào bảo vệ môi trường', 'a) Ủy ban nhân dân các tỉnh', '- Triển khai ra quân tổng vệ sinh.', 'b) Bộ Công Thương', '- Ban hành chính sách tái chế.', ...duties, '', 'PHỤ LỤC', ...table].join('\n'),
    );
    expect(ts.map((t) => [t.origin.kind, t.lead])).toEqual([
      ['table', ['Sở Nội vụ']],
      ['duties', ['Ủy ban nhân dân các tỉnh']],
      ['duties', ['Bộ Công Thương']],
    ]);
  });

  it('a plan with labelled tasks leaves the duties of "Tổ chức thực hiện" to them', () => {
    const ts = tasksOf(['II. NHIỆM VỤ', '1. Phổ biến Luật', '- Cơ quan chủ trì: Sở Tư pháp.', '- Thời gian thực hiện: Quý III/2025.', ...duties].join('\n'));
    expect(ts.map((t) => [t.origin.kind, t.content])).toEqual([['labelled', 'Phổ biến Luật']]);
  });
});

describe('labelled prose tasks as real plans write them', () => {
  it('"a) Nhiệm vụ:" with the task below, "b) Cơ quan thực hiện:" as a caption, under a topic heading', () => {
    const ts = tasksOf(
      ['2. Về các nền tảng số', 'a) Nhiệm vụ:', '- Tổ chức triển khai các nền tảng số dùng chung.', '- Nâng cấp các hệ thống thông tin.', 'b) Cơ quan thực hiện:', '- Đơn vị chủ trì: Các Sở, ban,', 'ngành Thành phố.', '- Đơn vị phối hợp: Sở Khoa học', 'và Công nghệ, UBND xã, phường.', 'c) Thời gian thực hiện: Hoàn', 'thành trong năm 2025.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.content, t.lead, t.support, t.deadline.end])).toEqual([
      ['2', 'Tổ chức triển khai các nền tảng số dùng chung. Nâng cấp các hệ thống thông tin.', ['Các Sở, ban, ngành Thành phố'], ['Sở Khoa học và Công nghệ', 'UBND xã, phường'], '2025-12-31'],
    ]);
  });

  it('a plain label line after a list assigns every item of the list', () => {
    const ts = tasksOf(
      ['III. NHIỆM VỤ TRỌNG TÂM', '1. Tái cơ cấu ngành công nghiệp', '- Tham mưu xây dựng chính sách thu hút dự án.', '- Đôn đốc doanh nghiệp chuyển đổi mô hình sản xuất.', 'Lãnh đạo phụ trách: Phó giám đốc Hoàng Văn Thuân.', 'Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.'].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead, t.support])).toEqual([
      ['1.1', ['Phòng Quản lý Công nghiệp'], ['Phòng Quản lý Năng lượng', 'Văn phòng Sở']],
      ['1.2', ['Phòng Quản lý Công nghiệp'], ['Phòng Quản lý Năng lượng', 'Văn phòng Sở']],
    ]);
  });

  it('a heading that reads as a task stays the task, its "Nhiệm vụ:" the detail', () => {
    const ts = tasksOf(['1. Rà soát văn bản quy phạm pháp luật của tỉnh về khoáng sản', 'a) Nhiệm vụ: Rà soát các văn bản do HĐND, UBND tỉnh ban hành.', 'b) Cơ quan thực hiện: Sở Nông nghiệp và Môi trường.'].join('\n'));
    expect(ts.map((t) => t.content)).toEqual(['Rà soát văn bản quy phạm pháp luật của tỉnh về khoáng sản']);
  });
});

describe('what real cells say', () => {
  it('"Theo phân công tại Quyết định …" names no agency: the lead stays empty and the finding says where to look', async () => {
    const text = ['TT\tNội dung\tCơ quan chủ trì\tThời gian', '1\tSắp xếp các đơn vị sự nghiệp\tTheo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh\tTheo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025'].join('\n');
    const doc = await convert(text);
    const t = doc.tasks[0]!;
    expect([t.lead, t.deadline.kind, t.extra?.['Phân công theo']]).toEqual([[], 'conditional', 'Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh']);
    const f = doc.findings.find((x) => x.rule === 'lead.missing')!;
    expect(f.messageVi).toContain('Theo phân công tại Quyết định số 1441/QĐ-UBND');
  });

  it('a reference to a legal provision is conditional, never the date of that provision', () => {
    const d = parseDeadline('Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ');
    expect([d.kind, d.end]).toEqual(['conditional', null]);
  });

  it('a sentence duty takes its completion time, not the first year it mentions', () => {
    const ts = tasksOf(['1. Giao Sở Y tế tổng hợp kết quả thực hiện trong năm 2024 của ngành, báo cáo UBND tỉnh trước ngày 15/01/2025.', '2. Giao Sở Tài chính bố trí kinh phí.'].join('\n'));
    expect(ts[0]!.deadline.end).toBe('2025-01-15');
  });

  it('"trong 01 tháng sau khi …" depends on an event; only "ngày N của tháng liền kề" recurs', () => {
    expect(parseDeadline('Trong 01 tháng sau khi Nghị định có hiệu lực').kind).toBe('conditional');
  });

  it('relative deadlines: every next month recurs; "31/01 năm liền kề" is the year after the plan', () => {
    expect(parseDeadline('Trước ngày 05 của tháng liền kề').kind).toBe('recurring');
    expect(parseDeadline('Trước ngày 31/01 năm liền kề', { year: 2026 })).toMatchObject({ kind: 'date', end: '2027-01-31' });
    expect(parseDeadline('Tháng 12 hằng năm', { year: 2026 }).kind).toBe('recurring');
  });

  it('a day and month without a year take it from the column header, else from the plan', async () => {
    const withHeader = ['TT\tNội dung\tTrách nhiệm thực hiện\tThời gian (Năm 2026)', '1\tĐối thoại trên truyền hình\tLãnh đạo Sở Công Thương\tTừ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1'].join('\n');
    expect((await convert(withHeader)).tasks[0]!.deadline).toMatchObject({ kind: 'date', end: '2026-01-23' });
    const fromPlan = ['Số: 01/KH-UBND', 'Lâm Đồng, ngày 05 tháng 01 năm 2026', 'TT\tNội dung\tChủ trì\tThời gian', '1\tBáo cáo sơ kết\tSở Nội vụ\tTrước 10/5'].join('\n');
    expect((await convert(fromPlan)).tasks[0]!.deadline).toMatchObject({ kind: 'date', end: '2026-05-10' });
  });

  it('splits agencies the way a person reads them', () => {
    expect(splitAgencies('Các sở, ban, ngành và địa phương')).toEqual(['Các sở, ban, ngành', 'địa phương']);
    expect(splitAgencies('Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh')).toEqual(['Bộ Chỉ huy Quân sự tỉnh', 'Ban Chỉ huy Bộ đội Biên phòng tỉnh']);
    expect(splitAgencies('UBND các tỉnh/thành phố')).toEqual(['UBND các tỉnh/thành phố']);
    expect(splitAgencies('các tổ chức, doanh nghiệp hoạt động trong lĩnh vực có liên quan đến VLNCN, TCTN')).toEqual([
      'các tổ chức, doanh nghiệp hoạt động trong lĩnh vực có liên quan đến VLNCN, TCTN',
    ]);
  });

  it('reads the header names real registers use', () => {
    const map = mapHeader(['STT', 'Tên gọi văn bản', 'Cơ quan soạn thảo', 'Ngày dự kiến trình']);
    expect(map?.fields).toEqual(['tt', 'content', 'lead', 'deadline']);
    expect(mapHeader(['TT', 'Nhiệm vụ', 'Sở, ngành chủ trì tham mưu', 'Thời gian'])?.fields).toEqual(['tt', 'content', 'lead', 'deadline']);
  });
});

describe('registers kept in a spreadsheet', () => {
  it('a register of documents to draft is read as tasks: name, drafting body, date to submit; its progress kept beside', async () => {
    const csv = ['STT,Tên gọi văn bản,Cơ quan soạn thảo,Ngày dự kiến trình ban hành,Tiến độ', '1,Nghị quyết quy định mức chi hỗ trợ,Sở Tài chính,Tháng 6/2026,Đang soạn thảo'].join('\n');
    const doc = await convertDocument('so-theo-doi.csv', new TextEncoder().encode(csv));
    const t = doc.tasks[0]!;
    expect([t.content, t.lead, t.deadline.end, t.extra?.['Tiến độ'], t.origin.kind]).toEqual([
      'Nghị quyết quy định mức chi hỗ trợ',
      ['Sở Tài chính'],
      '2026-06-30',
      'Đang soạn thảo',
      'sheet',
    ]);
  });
});

describe('column-less text of the official gazette', () => {
  const head = ['TT', 'Nội dung', 'Cơ quan chủ trì', 'Thời gian hoàn thành'];
  it('a footnote at a page\'s foot is no row; a table of laws keeps its rows', () => {
    const laws = tasksOf([...head, '1 Luật Đất đai năm 2024 sửa đổi', 'Sở Nông nghiệp và Môi trường', 'Quý I/2026', '2 Luật Giao thông đường bộ năm 2024', 'Công an tỉnh', 'Quý II/2026'].join('\n'));
    expect(laws.map((t) => t.tt)).toEqual(['1', '2']);
    const noted = tasksOf([...head, '1', 'Tổng kết việc thi hành Luật', 'Sở Tư pháp', 'Quý I/2026', '2', 'Rà soát văn bản quy phạm', 'Sở Tư pháp', 'Quý II/2026', '1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị', 'về đổi mới công tác xây dựng pháp luật.', '', '3', 'Sơ kết năm đầu', 'Sở Tư pháp', 'Quý III/2026'].join('\n'));
    expect(noted.map((t) => [t.tt, t.lead])).toEqual([
      ['1', ['Sở Tư pháp']],
      ['2', ['Sở Tư pháp']],
      ['3', ['Sở Tư pháp']],
    ]);
  });
});

describe('the reader marks what the finder must still do', () => {
  it('a cell table is marked loose, for its rows to be aligned by content', () => {
    const t = readText('p.txt', bars(['TT', 'Nội dung'], ['1', 'Việc A'])).blocks.find((b): b is Table => b.kind === 'table');
    expect(t?.loose).toBe(true);
  });
});

describe('a meeting conclusion and a decision with its member list (office-d, Word .doc files)', () => {
  it('a numbered paragraph that ends "…, giao <agency>:" hands it the bullets below, numbered as its parts (od10)', () => {
    const ts = tasksOf(
      [
        'Sau khi nghe báo cáo, đồng chí chủ trì kết luận và chỉ đạo như sau:',
        '',
        '1. Thống nhất tổ chức Hội nghị gặp mặt doanh nghiệp theo đề xuất của Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch. Giao Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh:',
        '',
        '- Nghiên cứu về nội dung, tên gọi Hội nghị, thành phần, thời gian địa điểm cụ thể để tổ chức thực hiện trong tháng 5/2026.',
        '',
        '- Chuẩn bị và cung cấp thông tin về các cơ chế, chính sách mới của Nhà nước liên quan đến doanh nghiệp.',
        '',
        '2. Về dự thảo Kế hoạch nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh năm 2026, giao Sở Tài chính:',
        '',
        '- Rà soát dự toán kinh phí thực hiện các nội dung hợp tác.',
      ].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead, t.content.slice(0, 30)])).toEqual([
      ['1.1', ['Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh'], 'Nghiên cứu về nội dung, tên gọ'],
      ['1.2', ['Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh'], 'Chuẩn bị và cung cấp thông tin'],
      ['2.1', ['Sở Tài chính'], 'Rà soát dự toán kinh phí thực '],
    ]);
    expect(ts[0]!.deadline.end).toBe('2026-05-31');
  });

  it('a member list ("Tổ trưởng:", "Các thành viên:" over "Ông …, Giám đốc Sở …") and "Các loại bản sao" assign nothing (od08, od01)', () => {
    const text = [
      'Điều 1. Thành lập Tổ giúp việc, gồm các ông, bà có tên sau:',
      '',
      '1. Tổ trưởng: Ông Đỗ Văn Chung - Giám đốc Sở Nội vụ.',
      '',
      '2. Tổ phó:',
      '',
      'a) Ông Trần Hữu Tuấn - Phó Giám đốc Sở Nội vụ;',
      '',
      'b) Ông/bà… - Giám đốc/Phó Giám đốc Sở Tư pháp;',
      '',
      '3. Các thành viên:',
      '',
      'a) Ông Nguyễn Văn Dũng - Trưởng phòng Cải cách hành chính, Sở Nội vụ;',
      '',
      '4. Các loại bản sao',
      '',
      '- Bản sao y bản chính: Là bản sao nguyên văn từ bản chính.',
    ].join('\n');
    expect(() => tasksOf(text)).not.toThrow();
    expect(tasksOf(text)).toEqual([]);
  });

  it('a numbered lead-in takes only the bullets below it: the next numbered items keep their own agencies', () => {
    const ts = tasksOf(
      [
        '1. Thống nhất tổ chức hội nghị. Giao Trung tâm Xúc tiến Đầu tư tỉnh:',
        '',
        '- Nghiên cứu nội dung hội nghị.',
        '',
        '- Chuẩn bị tài liệu hội nghị.',
        '',
        '2. Giao Sở Tài chính chủ trì rà soát kinh phí.',
        '',
        '3. Sở Nội vụ theo dõi, đôn đốc việc thực hiện.',
      ].join('\n'),
    );
    expect(ts.map((t) => [t.tt, t.lead])).toEqual([
      ['1.1', ['Trung tâm Xúc tiến Đầu tư tỉnh']],
      ['1.2', ['Trung tâm Xúc tiến Đầu tư tỉnh']],
      ['2', ['Sở Tài chính']],
      ['3', ['Sở Nội vụ']],
    ]);
  });

  it('a numbered "yêu cầu <agencies> thực hiện các nội dung sau:" names the agencies, and "Các thành viên Ban Chỉ đạo tỉnh:" is a group that gets tasks', () => {
    const ts = tasksOf(
      [
        '1. Để triển khai hiệu quả, yêu cầu các sở, ngành thực hiện các nội dung sau:',
        '',
        '- Rà soát các thủ tục hành chính thuộc phạm vi quản lý.',
        '',
        '2. Các thành viên Ban Chỉ đạo tỉnh:',
        '',
        '- Theo dõi, đôn đốc địa bàn được phân công.',
        '',
        '3. Sở Nội vụ:',
        '',
        '- Tổng hợp, báo cáo kết quả thực hiện.',
      ].join('\n'),
    );
    expect(ts.map((t) => t.lead)).toEqual([['các sở, ngành'], ['Các thành viên Ban Chỉ đạo tỉnh'], ['Sở Nội vụ']]);
  });
});


import { describe, it, expect } from 'vitest';
import { fieldOfHeader, mapHeader } from '../pipeline/find/headers.js';
import { parseHeaderText } from '../pipeline/find/header-text.js';

describe('header cells map to task fields by synonyms', () => {
  it.each([
    ['TT', 'tt'],
    ['STT', 'tt'],
    ['Số TT', 'tt'],
    ['Nội dung thực hiện', 'content'],
    ['Nội dung nhiệm vụ', 'content'],
    ['NHIỆM VỤ', 'content'],
    ['Tên nhiệm vụ', 'content'],
    ['Nội dung công việc', 'content'],
    ['Chỉ tiêu', 'content'],
    ['Cơ quan thực hiện', 'lead'],
    ['Cơ quan chủ trì', 'lead'],
    ['CHỦ TRÌ', 'lead'],
    ['Đơn vị thực hiện', 'lead'],
    ['Đơn vị chủ trì', 'lead'],
    ['Cơ quan chủ trì thực hiện', 'lead'],
    ['Cơ quan phối hợp', 'support'],
    ['PHỐI HỢP', 'support'],
    ['Cơ quan, đơn vị phối hợp', 'support'],
    ['Thời gian trình', 'deadline'],
    ['Thời gian hoàn thành', 'deadline'],
    ['THỜI GIAN', 'deadline'],
    ['Thời hạn', 'deadline'],
    ['Tiến độ thực hiện', 'deadline'],
    ['Thời gian thực hiện', 'deadline'],
    ['Sản phẩm', 'product'],
    ['Kết quả dự kiến', 'product'],
    ['Sản phẩm đầu ra', 'product'],
    ['Cấp phê duyệt/ban hành', 'approval'],
    ['Cấp trình', 'approval'],
    ['Cấp ban hành', 'approval'],
    ['**Cơ quan chủ trì**', 'lead'],
    ['Cơ  quan\nchủ trì', 'lead'],
    ['Co quan chu tri', 'lead'],
  ])('"%s" → %s', (cell, field) => {
    expect(fieldOfHeader(cell)).toBe(field);
  });

  it.each(['Nguồn kinh phí', 'Văn bản giao nhiệm vụ', 'Thuộc nhóm', 'Kinh phí (triệu đồng)', 'Số tiền'])(
    '"%s" is an extra column, not a field',
    (cell) => {
      expect(fieldOfHeader(cell)).toBeNull();
    },
  );
});

describe('a header row is a task header only when it names the content and a lead, deadline or TT', () => {
  it('maps the seed 000 header', () => {
    const m = mapHeader(['TT', 'Nội dung thực hiện', 'Cơ quan thực hiện', 'Cơ quan phối hợp', 'Thời gian trình', 'Cấp phê duyệt/ban hành']);
    expect(m?.fields).toEqual(['tt', 'content', 'lead', 'support', 'deadline', 'approval']);
  });

  it('maps an agency-first layout with the output before the deadline', () => {
    const m = mapHeader(['TT', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Nội dung công việc', 'Sản phẩm', 'Thời hạn hoàn thành']);
    expect(m?.fields).toEqual(['tt', 'lead', 'support', 'content', 'product', 'deadline']);
  });

  it('keeps extra columns as unmapped, with their headers', () => {
    const m = mapHeader(['STT', 'NHIỆM VỤ', 'CHỦ TRÌ', 'Nguồn kinh phí', 'Ghi chú']);
    expect(m?.fields).toEqual(['tt', 'content', 'lead', null, null]);
    expect(m?.headers[3]).toBe('Nguồn kinh phí');
  });

  it('maps a table with only TT, task and lead', () => {
    expect(mapHeader(['STT', 'Tên nhiệm vụ', 'Đơn vị thực hiện'])?.fields).toEqual(['tt', 'content', 'lead']);
  });

  it('refuses the letterhead and signature tables', () => {
    expect(mapHeader(['ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'])).toBeNull();
    expect(mapHeader(['Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN'])).toBeNull();
  });
});

describe('a header that lost its columns is read as a sequence of labels', () => {
  it('reads the header of a PDF text dump', () => {
    const p = parseHeaderText('TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành');
    expect(p.complete).toBe(true);
    expect(p.fields).toEqual(['tt', 'content', 'lead', 'support', 'deadline']);
  });

  it('does not read a sentence as a header', () => {
    expect(parseHeaderText('Nội dung thực hiện các nhiệm vụ trọng tâm').complete).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readDocx } from '../pipeline/read/docx.js';
import { formatOf, readDocument } from '../pipeline/read/index.js';
import { convertDocument } from '../pipeline/convert.js';
import type { Doc, Paragraph, Table } from '../pipeline/model/doc.js';
import { PlanError } from '../pipeline/model/errors.js';
import { makeDocx, p, r, tbl, tc, tr } from './helpers/docx.js';

const read = (body: string): Doc => readDocx('plan.docx', makeDocx(body));
const tables = (doc: Doc) => doc.blocks.filter((b): b is Table => b.kind === 'table');
const paras = (doc: Doc) => doc.blocks.filter((b): b is Paragraph => b.kind === 'para');
const texts = (t: Table) => t.rows.map((row) => row.cells.map((c) => c.text));
const only = (body: string): Table => {
  const [t] = tables(read(body));
  expect(t).toBeDefined();
  return t!;
};

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('docx reader: the body', () => {
  it('keeps paragraphs and tables in order, with paragraph indexes as lines and whole-bold paragraphs', () => {
    const doc = read(
      p('KẾ HOẠCH', { bold: true }) +
        p('') +
        p(r('Nửa ', true) + r('đậm'), { raw: true }) +
        tbl(2, [tr([tc('a'), tc('b')])]) +
        p('Sau bảng'),
    );
    expect(doc.format).toBe('docx');
    expect(doc.blocks.map((b) => (b.kind === 'para' ? `p${b.line}:${b.text}` : `t${b.line}`))).toEqual([
      'p1:KẾ HOẠCH',
      'p3:Nửa đậm',
      't4', // the table's first paragraph is the 4th of the document
      'p6:Sau bảng',
    ]);
    const [title, mixed] = paras(doc);
    expect(title!.bold).toBe(true);
    expect(mixed!.bold).toBeUndefined();
  });

  it('reads tabs as spaces, non-breaking hyphens, drops symbols and field codes, and NFC-normalises', () => {
    const body = p(
      '<w:r><w:t>Số:</w:t><w:tab/><w:t>12/KH</w:t><w:noBreakHyphen/><w:t>UBND</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>' +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> 7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
      { raw: true },
    ) + p('Ho\u0300a Bi\u0300nh'); // decomposed marks
    expect(paras(read(body)).map((x) => x.text)).toEqual(['Số: 12/KH-UBND 7', 'Hòa Bình']);
  });

  it('splits a body paragraph at line breaks into lines that share its paragraph index', () => {
    const doc = read(
      p('<w:r><w:t>- Cơ quan chủ trì: Sở Y tế</w:t><w:br/><w:t>- Thời gian: Quý II/2026</w:t><w:br w:type="page"/><w:t>Trang sau</w:t></w:r>', { raw: true }),
    );
    expect(paras(doc).map((x) => [x.line, x.page, x.text])).toEqual([
      [1, 1, '- Cơ quan chủ trì: Sở Y tế'],
      [1, 1, '- Thời gian: Quý II/2026'],
      [1, 2, 'Trang sau'],
    ]);
  });

  it('counts pages from page breaks and section breaks when Word left no rendered breaks', () => {
    const doc = read(
      p('Trang một') +
        p('<w:r><w:br w:type="page"/></w:r>', { raw: true }) +
        p('Trang hai') +
        '<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr><w:r><w:t>Vẫn trang hai</w:t></w:r></w:p>' +
        '<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Hết mục</w:t></w:r></w:p>' +
        p('Trang ba') +
        '<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Trang bốn</w:t></w:r></w:p>',
    );
    expect(paras(doc).map((x) => [x.text, x.page])).toEqual([
      ['Trang một', 1],
      ['Trang hai', 2],
      ['Vẫn trang hai', 2],
      ['Hết mục', 2],
      ['Trang ba', 3],
      ['Trang bốn', 4],
    ]);
  });

  it("prefers Word's rendered page breaks, counting a row split over a page once", () => {
    const lrpb = (t: string) => `<w:p><w:r><w:lastRenderedPageBreak/><w:t>${t}</w:t></w:r></w:p>`;
    const doc = read(
      p('Một') +
        p('<w:r><w:br w:type="page"/></w:r>', { raw: true }) + // explicit break, then Word's mark: one page
        lrpb('Hai') +
        tbl(2, [tr([tc('a'), tc('b')]), tr([tc(lrpb('c')), tc(lrpb('d'))]), tr([tc('e'), tc('f')])]) +
        p('Cuối'),
    );
    expect(paras(doc).map((x) => [x.text, x.page])).toEqual([
      ['Một', 1],
      ['Hai', 2],
      ['Cuối', 3],
    ]);
    expect(tables(doc)[0]!.rows.map((row) => row.page)).toEqual([2, 3, 3]);
  });
});

describe('docx reader: tables by grid position', () => {
  it('gives gridBefore and gridAfter empty cells, so every row is as wide as the grid', () => {
    const t = only(tbl(4, [tr([tc('a'), tc('b'), tc('c'), tc('d')]), tr([tc('x'), tc('y')], { gridBefore: 1, gridAfter: 1 })]));
    expect(texts(t)).toEqual([
      ['a', 'b', 'c', 'd'],
      ['', 'x', 'y', ''],
    ]);
  });

  it('puts a gridSpan cell in its first column with span, the covered columns empty', () => {
    const t = only(tbl(3, [tr([tc('TT'), tc('Nội dung'), tc('Chủ trì')]), tr([tc('I. Nhóm A', { span: 3 })]), tr([tc('1'), tc('Việc', { span: 2 })])]));
    expect(texts(t)).toEqual([
      ['TT', 'Nội dung', 'Chủ trì'],
      ['I. Nhóm A', '', ''],
      ['1', 'Việc', ''],
    ]);
    expect(t.rows[1]!.cells[0]!.span).toBe(3);
    expect(t.rows[2]!.cells[1]!.span).toBe(2);
    expect(t.rows[0]!.cells[0]!.span).toBeUndefined();
  });

  it('fills vMerge continue cells down from the restart cell and marks them merged', () => {
    const t = only(
      tbl(3, [
        tr([tc('1'), tc('Việc A'), tc('Sở Y tế', { vMerge: 'restart' })]),
        tr([tc('2'), tc('Việc B'), tc('', { vMerge: 'continue' })]),
        tr([tc('3'), tc('Việc C'), tc('', { vMerge: 'continue' })]),
        tr([tc('4'), tc('Việc D'), tc('Sở Nội vụ')]),
      ]),
    );
    expect(texts(t).map((row) => row[2])).toEqual(['Sở Y tế', 'Sở Y tế', 'Sở Y tế', 'Sở Nội vụ']);
    expect(t.rows.map((row) => row.cells[2]!.merged ?? false)).toEqual([false, true, true, false]);
  });

  it('finds the cell above a vMerge by grid column, not by cell count', () => {
    const t = only(
      tbl(3, [
        tr([tc('Nhóm', { span: 2 }), tc('Sở X', { vMerge: 'restart' })]),
        tr([tc('a'), tc('b'), tc('', { vMerge: 'continue' })]),
        tr([tc('c'), tc('', { vMerge: 'continue' })], { gridBefore: 1 }),
      ]),
    );
    expect(texts(t)).toEqual([
      ['Nhóm', '', 'Sở X'],
      ['a', 'b', 'Sở X'],
      ['', 'c', 'Sở X'],
    ]);
  });

  it('marks tblHeader rows as header rows', () => {
    const t = only(tbl(2, [tr([tc('TT'), tc('Nội dung')], { header: true }), tr([tc('1'), tc('Việc')])]));
    expect(t.rows.map((row) => row.header ?? false)).toEqual([true, false]);
  });

  it('reads old-style hMerge like gridSpan', () => {
    const t = only(tbl(3, [tr([tc('Nhóm I', { hMerge: 'restart' }), tc('', { hMerge: 'continue' }), tc('', { hMerge: 'continue' })]), tr([tc('1'), tc('2'), tc('3')])]));
    expect(texts(t)).toEqual([
      ['Nhóm I', '', ''],
      ['1', '2', '3'],
    ]);
    expect(t.rows[0]!.cells[0]!.span).toBe(3);
  });

  it('joins the paragraphs of a cell and its line breaks with "\\n"', () => {
    const cell = p('Xây dựng kế hoạch') + p('') + p('<w:r><w:t>Trình UBND tỉnh</w:t><w:br/><w:t>phê duyệt</w:t><w:cr/><w:t>  </w:t></w:r>', { raw: true });
    const t = only(tbl(1, [tr([tc(cell)])]));
    expect(t.rows[0]!.cells[0]!.text).toBe('Xây dựng kế hoạch\nTrình UBND tỉnh\nphê duyệt');
  });

  it('reads tracked changes as accepted: deletions and moved-away text dropped, insertions and moved-to text kept', () => {
    const t = only(
      tbl(2, [
        tr([
          tc(p('<w:r><w:t>Quý </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>I</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>II</w:t></w:r></w:ins><w:r><w:t>/2026</w:t></w:r>', { raw: true })),
          tc(p('<w:moveFrom w:id="3" w:author="A"><w:r><w:t>Sở cũ</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="A"><w:r><w:t>Sở mới</w:t></w:r></w:moveTo>', { raw: true })),
        ]),
        '<w:tr><w:trPr><w:del w:id="5" w:author="A"/></w:trPr>' + tc('hàng đã xóa') + tc('x') + '</w:tr>',
        tr([tc('còn'), tc('lại')]),
      ]),
    );
    expect(texts(t)).toEqual([
      ['Quý II/2026', 'Sở mới'],
      ['còn', 'lại'],
    ]);
  });

  it('unwraps content controls around blocks, rows, cells and runs, and drops placeholder text', () => {
    const sdt = (inner: string) => `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${inner}</w:sdtContent></w:sdt>`;
    const placeholder = `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Bấm để nhập văn bản.</w:t></w:r></w:sdtContent></w:sdt>`;
    const doc = read(
      sdt(p('Mở đầu')) +
        tbl(2, [sdt(tr([tc('1'), tc('Việc A')])), tr([sdt(tc('2')), tc(p(sdt(r('Việc ') + r('B')) + placeholder, { raw: true }))])]),
    );
    expect(paras(doc).map((x) => x.text)).toEqual(['Mở đầu']);
    expect(texts(tables(doc)[0]!)).toEqual([
      ['1', 'Việc A'],
      ['2', 'Việc B'],
    ]);
  });

  it('takes one branch of mc:AlternateContent: the Choice, or the Fallback when only it has text', () => {
    const box = (t: string) => `<w:txbxContent><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:txbxContent>`;
    const both =
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>' + box('Hộp chữ') +
      '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' + box('Hộp chữ') +
      '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    const emptyChoice =
      '<w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:drawing/></mc:Choice><mc:Fallback><w:t>dự phòng</w:t></mc:Fallback></mc:AlternateContent></w:r>';
    const doc = read(p(r('Neo ') + both, { raw: true }) + p(r('Chữ ') + emptyChoice, { raw: true }));
    expect(paras(doc).map((x) => x.text)).toEqual(['Neo', 'Hộp chữ', 'Chữ dự phòng']);
  });

  it('puts a nested table into the outer cell and emits it as its own table right after the outer one', () => {
    const inner = tbl(2, [tr([tc('TT'), tc('Nội dung')]), tr([tc('1'), tc('Việc A')])]);
    const doc = read(tbl(2, [tr([tc('Bố cục'), tc(p('Phụ lục') + inner + p(''))])]) + p('Sau'));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table', 'table', 'para']);
    const [outer, nested] = tables(doc);
    expect(outer!.rows[0]!.cells[1]!.text).toBe('Phụ lục\nTT\nNội dung\n1\nViệc A');
    expect(texts(nested!)).toEqual([
      ['TT', 'Nội dung'],
      ['1', 'Việc A'],
    ]);
    // Paragraph indexes run through the nested table: Bố cục 1, Phụ lục 2, TT 3 … Việc A 6, empty 7, Sau 8.
    expect(nested!.rows.map((row) => row.line)).toEqual([3, 5]);
    expect(paras(doc)[0]!.line).toBe(8);
  });
});

describe('docx reader: packages', () => {
  it('finds the main part through _rels/.rels and reads Strict OOXML', () => {
    const strict = 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"';
    const zip = zipSync({
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>',
      ),
      'word/document2.xml': strToU8(`<w:document ${strict}><w:body><w:p><w:r><w:b w:val="on"/><w:t>Chuẩn ISO</w:t></w:r></w:p></w:body></w:document>`),
    });
    expect(paras(readDocx('a.docx', zip)).map((x) => x.text)).toEqual(['Chuẩn ISO']);
  });
});

describe('docx reader: list numbering and styles', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const lvl = (ilvl: number, fmt: string, text: string, start = 1) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const numbering =
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>` +
    `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'decimal', '%2.')}${lvl(2, 'lowerLetter', '%3)')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="2">${lvl(0, 'decimal', '%1')}</w:abstractNum>` +
    `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
    `<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
    `<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>` +
    `<w:num w:numId="4"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
    `</w:numbering>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
    `<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>` +
    `</w:styles>`;
  const extra = { 'word/numbering.xml': numbering, 'word/styles.xml': styles };
  const np = (text: string, numId: number, ilvl = 0) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${text ? r(text) : ''}</w:p>`;
  const readWith = (body: string) => readDocx('plan.docx', makeDocx(body, extra));

  it('writes the numbers and bullets Word draws, restarting lower levels under a higher one', () => {
    const doc = readWith(
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + r('MỤC ĐÍCH') + '</w:p>' +
        np('Mục tiêu chung', 1, 1) +
        np('Mục tiêu cụ thể', 1, 1) +
        np('Về thể chế', 1, 2) +
        np('Về hạ tầng', 1, 2) +
        np('Phổ biến kế hoạch', 2) +
        np('', 2) +
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + r('TỔ CHỨC THỰC HIỆN') + '</w:p>' +
        np('Sở Y tế', 1, 1),
    );
    expect(paras(doc).map((x) => x.text)).toEqual([
      'I. MỤC ĐÍCH',
      '1. Mục tiêu chung',
      '2. Mục tiêu cụ thể',
      'a) Về thể chế',
      'b) Về hạ tầng',
      '• Phổ biến kế hoạch',
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Y tế',
    ]);
  });

  it('numbers an auto-numbered TT column, and a list with a start override begins again', () => {
    const row = (numId: number, task: string) => tr([tc(np('', numId)), tc(task)]);
    const doc = readWith(tbl(2, [row(3, 'Việc A'), row(3, 'Việc B')]) + tbl(2, [row(4, 'Việc C'), row(4, 'Việc D')]));
    expect(tables(doc).map(texts)).toEqual([
      [['1', 'Việc A'], ['2', 'Việc B']],
      [['1', 'Việc C'], ['2', 'Việc D']],
    ]);
  });

  it('takes bold from paragraph and character styles, and drops hidden text', () => {
    const doc = readWith(
      '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' + r('Tiêu đề') + '</w:p>' +
        p('<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Đậm theo kiểu</w:t></w:r>', { raw: true }) +
        p('<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b w:val="0"/></w:rPr><w:t>Bỏ đậm</w:t></w:r>', { raw: true }) +
        p(r('Hiện') + '<w:r><w:rPr><w:vanish/></w:rPr><w:t> ẩn</w:t></w:r>', { raw: true }),
    );
    expect(paras(doc).map((x) => [x.text, x.bold ?? false])).toEqual([
      ['I. Tiêu đề', true],
      ['Đậm theo kiểu', true],
      ['Bỏ đậm', false],
      ['Hiện', false],
    ]);
  });
});

describe('docx reader: a plan through convertDocument', () => {
  const header = (repeat: boolean) =>
    tr(
      ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'].map((h) =>
        tc(repeat ? `<w:p><w:r><w:lastRenderedPageBreak/><w:t>${h}</w:t></w:r></w:p>` : p(h, { bold: true })),
      ),
      { header: !repeat },
    );
  const body =
    tbl(2, [
      tr([
        tc('ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 15/KH-UBND'),
        tc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Giang, ngày 10 tháng 3 năm 2026'),
      ]),
    ]) +
    p('KẾ HOẠCH', { bold: true }) +
    p('Triển khai chuyển đổi số năm 2026', { bold: true }) +
    p('Căn cứ Luật Tổ chức chính quyền địa phương;') +
    p('PHỤ LỤC', { bold: true }) +
    p('DANH MỤC NHIỆM VỤ', { bold: true }) +
    tbl(5, [
      header(false),
      tr([tc('I. HOÀN THIỆN THỂ CHẾ', { span: 5 })]),
      tr([
        tc('1'),
        tc('Xây dựng Kế hoạch chuyển đổi số\nTrình UBND tỉnh phê duyệt'),
        tc('Sở Khoa học và Công nghệ', { vMerge: 'restart' }),
        tc('Các sở, ngành'),
        tc('Quý II/2026'),
      ]),
      tr([tc('2'), tc('Ban hành quy chế quản lý dữ liệu'), tc('', { vMerge: 'continue' }), tc('Sở Tư pháp'), tc('Tháng 9/2026')]),
      header(true), // the header typed again at the top of page 2
      tr([tc('II. PHÁT TRIỂN HẠ TẦNG SỐ', { span: 5 })]),
      tr([tc('3'), tc('Nâng cấp mạng diện rộng của tỉnh'), tc('Sở Khoa học và Công nghệ', { vMerge: 'restart' }), tc('UBND các huyện, thành phố'), tc('Năm 2026')]),
      tr([tc('4'), tc('Triển khai nền tảng tích hợp dữ liệu'), tc('', { vMerge: 'continue' }), tc(''), tc('Thường xuyên')]),
    ]) +
    p('Nơi nhận:');

  it('finds the appendix table behind the letterhead table: tasks, leads, groups, pages', async () => {
    const out = await convertDocument('ke-hoach.docx', makeDocx(body), { asOf: '2026-04-01' });
    expect(out.source).toEqual({ file: 'ke-hoach.docx', format: 'docx' });
    expect(out.tasks.map((t) => t.tt)).toEqual(['1', '2', '3', '4']);
    expect(out.tasks.map((t) => t.lead)).toEqual([
      ['Sở Khoa học và Công nghệ'],
      ['Sở Khoa học và Công nghệ'],
      ['Sở Khoa học và Công nghệ'],
      ['Sở Khoa học và Công nghệ'],
    ]);
    expect(out.tasks.map((t) => t.group)).toEqual([
      'I. HOÀN THIỆN THỂ CHẾ',
      'I. HOÀN THIỆN THỂ CHẾ',
      'II. PHÁT TRIỂN HẠ TẦNG SỐ',
      'II. PHÁT TRIỂN HẠ TẦNG SỐ',
    ]);
    expect(out.tasks[0]!.content).toMatch(/^Xây dựng Kế hoạch chuyển đổi số\s+Trình UBND tỉnh phê duyệt$/);
    expect(out.tasks[1]!.support).toEqual(['Sở Tư pháp']);
    expect(out.tasks.map((t) => t.deadline.kind)).toEqual(['quarter', 'month', 'year', 'recurring']);
    expect(out.tasks.map((t) => t.origin.page)).toEqual([1, 1, 2, 2]);
    expect(out.document).toEqual({
      title: 'Kế hoạch triển khai chuyển đổi số năm 2026',
      number: '15/KH-UBND',
      issuer: 'UBND TỈNH HÀ GIANG',
      date: '2026-03-10',
    });
  });

  it('reads a two-level header whose upper cells are merged down (vMerge) and across (gridSpan)', async () => {
    const two = tbl(4, [
      tr([tc('TT', { vMerge: 'restart' }), tc('Nội dung', { vMerge: 'restart' }), tc('Cơ quan thực hiện', { span: 2 })], { header: true }),
      tr([tc('', { vMerge: 'continue' }), tc('', { vMerge: 'continue' }), tc('Chủ trì'), tc('Phối hợp')], { header: true }),
      tr([tc('1'), tc('Việc A'), tc('Sở Y tế'), tc('Sở Tài chính')]),
      tr([tc('2'), tc('Việc B'), tc('Sở Xây dựng'), tc('')]),
    ]);
    const out = await convertDocument('b.docx', makeDocx(p('PHỤ LỤC') + two));
    expect(out.tasks.map((t) => [t.tt, t.content, t.lead, t.support])).toEqual([
      ['1', 'Việc A', ['Sở Y tế'], ['Sở Tài chính']],
      ['2', 'Việc B', ['Sở Xây dựng'], []],
    ]);
  });

  it('is what readDocument dispatches to for .docx', async () => {
    expect(formatOf('KE-HOACH.DOCX')).toBe('docx');
    const doc = await readDocument('a.docx', makeDocx(p('Xin chào')));
    expect(paras(doc).map((x) => x.text)).toEqual(['Xin chào']);
  });
});

describe('docx reader: bad files', () => {
  const good = makeDocx(p('Nội dung'));

  it('refuses a truncated or corrupt zip', () => {
    expect(codeOf(() => readDocx('a.docx', good.subarray(0, Math.floor(good.length / 2))))).toBe('docx.corrupt');
    expect(codeOf(() => readDocx('a.docx', strToU8('không phải tệp zip')))).toBe('docx.corrupt');
    const broken = makeDocx('<w:p><w:r><w:t>thiếu thẻ đóng</w:r></w:p>');
    expect(codeOf(() => readDocx('a.docx', broken))).toBe('docx.corrupt');
  });

  it('refuses a zip without word/document.xml, or whose main part is not a Word document', () => {
    const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), '[Content_Types].xml': strToU8('<Types/>') });
    expect(codeOf(() => readDocx('a.docx', zip))).toBe('docx.not_docx');
    const other = zipSync({ 'word/document.xml': strToU8('<?xml version="1.0"?><workbook xmlns="urn:x"/>') });
    expect(codeOf(() => readDocx('a.docx', other))).toBe('docx.not_docx');
  });

  const ole = (stream: string) => {
    const bytes = new Uint8Array(2048);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = new Uint8Array(stream.length * 2);
    for (let i = 0; i < stream.length; i++) name[i * 2] = stream.charCodeAt(i);
    bytes.set(name, 1024);
    return bytes;
  };

  it('tells a password-protected Office file (OLE with EncryptedPackage) by its own code', () => {
    let err: unknown;
    try {
      readDocx('mat-khau.docx', ole('EncryptedPackage'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlanError);
    expect((err as PlanError).code).toBe('docx.encrypted');
    expect((err as PlanError).vi).toMatch(/mật khẩu/);
    expect((err as PlanError).en).toMatch(/password-protected/);
  });

  it('reads an OLE file without EncryptedPackage as a Word 97–2003 .doc: one that is only the name is damaged', async () => {
    await expect(readDocument('cu.doc', ole('WordDocument'))).rejects.toMatchObject({ code: 'doc.corrupt' });
    await expect(readDocument('cu.docx', ole('WordDocument'))).rejects.toMatchObject({ code: 'doc.corrupt' });
    await expect(readDocument('mat-khau.docx', ole('EncryptedPackage'))).rejects.toMatchObject({ code: 'docx.encrypted' });
  });

  it('refuses a package with more than 10,000 entries before inflating anything', () => {
    const files: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    const empty = new Uint8Array(0);
    for (let i = 0; i <= 10_000; i++) files[`x/${i}`] = empty;
    expect(codeOf(() => readDocx('a.docx', zipSync(files, { level: 0 })))).toBe('file.too_large');
  });

  it('refuses a document part declared larger than 200 MB in the central directory', () => {
    const zip = makeDocx(p('x'));
    // Patch the uncompressed size of word/document.xml in its central directory header.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const name = strToU8('word/document.xml');
    for (let i = 0; i + 46 < zip.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const len = view.getUint16(i + 28, true);
      if (len === name.length && zip.subarray(i + 46, i + 46 + len).every((b, k) => b === name[k])) {
        view.setUint32(i + 24, 201 * 1024 * 1024, true);
      }
    }
    expect(codeOf(() => readDocx('a.docx', zip))).toBe('file.too_large');
  });

  it('does not believe huge grid counts, and bounds the cells a small file can make', () => {
    const wide = tbl(1, [tr([tc('a', { span: 1_000_000 })], { gridBefore: 1_000_000_000 })]);
    expect(only(wide).rows[0]!.cells).toHaveLength(63 + 63);
    const many = tbl(1, Array.from({ length: 50 }, () => tr([tc('x', { span: 63 })])));
    expect(codeOf(() => readDocx('a.docx', makeDocx(many), { maxCells: 1000 }))).toBe('file.too_large');
  });

  it('refuses XML nested deeper than 500 levels', () => {
    const deep = '<x:a xmlns:x="urn:x">'.repeat(600) + '</x:a>'.repeat(600);
    expect(codeOf(() => readDocx('a.docx', makeDocx(deep)))).toBe('docx.too_deep');
  });

  it('refuses a DTD that declares entities (XXE, billion laughs) without expanding them', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "bùm">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>';
    const zip = zipSync({ 'word/document.xml': strToU8(xml) });
    expect(codeOf(() => readDocx('a.docx', zip))).toBe('docx.unsafe');
  });

  it('refuses an empty file', () => {
    expect(codeOf(() => readDocx('a.docx', new Uint8Array(0)))).toBe('file.empty');
  });
});

describe('docx: one task cell merged over rows that assign their own lead and deadline', () => {
  it('gives a task per row, sharing TT and task text', async () => {
    const head = tr([tc('TT'), tc('Nội dung'), tc('Cơ quan chủ trì'), tc('Thời hạn')], { header: true });
    const body = tbl(4, [
      head,
      tr([tc('1', { vMerge: 'restart' }), tc('Kiểm tra việc thực hiện', { vMerge: 'restart' }), tc('Sở Y tế'), tc('Quý II/2026')]),
      tr([tc('', { vMerge: 'continue' }), tc('', { vMerge: 'continue' }), tc('Sở Nội vụ'), tc('Quý IV/2026')]),
    ]);
    const out = await convertDocument('k.docx', makeDocx(body));
    expect(out.tasks.map((t) => [t.tt, t.content, t.lead, t.deadline.end])).toEqual([
      ['1', 'Kiểm tra việc thực hiện', ['Sở Y tế'], '2026-06-30'],
      ['1', 'Kiểm tra việc thực hiện', ['Sở Nội vụ'], '2026-12-31'],
    ]);
  });
});

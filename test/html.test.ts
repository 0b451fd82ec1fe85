import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Paragraph, Table } from '../pipeline/model/doc.js';
import { decodeHtml, declaredCharset, readHtml } from '../pipeline/read/html.js';
import { formatOf, readDocument } from '../pipeline/read/index.js';
import { convertDocument } from '../pipeline/convert.js';
import { GoldFile } from '../pipeline/eval/gold.js';
import { FIELDS, scoreDocument } from '../pipeline/eval/score.js';

const enc = new TextEncoder();

function tables(html: string): Table[] {
  return readHtml('t.html', html).blocks.filter((b): b is Table => b.kind === 'table');
}

function paras(html: string): Paragraph[] {
  return readHtml('t.html', html).blocks.filter((b): b is Paragraph => b.kind === 'para');
}

function grid(t: Table): string[][] {
  return t.rows.map((r) => r.cells.map((c) => c.text));
}

/** Windows-1258 bytes of a string: precomposed letters where the code page has them, tone marks combining. */
function cp1258(s: string): Uint8Array {
  const dec = new TextDecoder('windows-1258');
  const byChar = new Map<string, number>();
  for (let b = 0x00; b <= 0xff; b++) {
    const ch = dec.decode(Uint8Array.of(b));
    if (ch !== '\ufffd' && !byChar.has(ch)) byChar.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) {
    const direct = byChar.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const tones = parts.filter((p) => /[\u0300\u0301\u0303\u0309\u0323]/.test(p));
    const base = parts.filter((p) => !tones.includes(p)).join('').normalize('NFC');
    const b = byChar.get(base);
    if (b === undefined) throw new Error(`not in windows-1258: ${ch}`);
    out.push(b, ...tones.map((t) => byChar.get(t)!));
  }
  return Uint8Array.from(out);
}

describe('readHtml: tables', () => {
  it('expands rowspan and colspan into a grid of equal rows', () => {
    const [t] = tables(`<table>
      <tr><td rowspan="3">A</td><td colspan="2">B</td><td>C</td></tr>
      <tr><td>D</td><td rowspan="2" colspan="2">E</td></tr>
      <tr><td>F</td></tr>
      <tr><td>G</td><td>H</td></tr>
    </table>`);
    expect(grid(t!)).toEqual([
      ['A', 'B', '', 'C'],
      ['A', 'D', 'E', ''],
      ['A', 'F', 'E', ''],
      ['G', 'H', '', ''],
    ]);
    const [r0, r1, r2] = t!.rows;
    expect(r0!.cells[1]).toEqual({ text: 'B', span: 2 });
    expect(r0!.cells[0]!.merged).toBeUndefined();
    expect(r1!.cells[0]).toEqual({ text: 'A', merged: true });
    expect(r1!.cells[2]).toEqual({ text: 'E', span: 2 });
    expect(r2!.cells[2]).toEqual({ text: 'E', span: 2, merged: true });
    expect(r2!.cells[3]).toEqual({ text: '', merged: true });
    expect(t!.rows.every((r) => r.cells.length === 4)).toBe(true);
  });

  it('stops a rowspan at the end of its row group and reads rowspan="0" to it', () => {
    const [t] = tables(`<table><thead><tr><th rowspan="5">H</th><th>x</th></tr></thead>
      <tbody><tr><td rowspan="0">a</td><td>1</td></tr><tr><td>2</td></tr></tbody></table>`);
    expect(grid(t!)).toEqual([['H', 'x'], ['a', '1'], ['a', '2']]);
  });

  it('marks th rows and thead rows as headers, not body rows with a th row label', () => {
    const [t] = tables(`<table>
      <thead><tr><td>TT</td><td>Nội dung</td></tr></thead>
      <tr><th>TT</th><th>Nội dung</th></tr>
      <tr><th>1</th><td>Xây dựng kế hoạch</td></tr>
    </table>`);
    expect(t!.rows.map((r) => r.header ?? false)).toEqual([true, true, false]);
  });

  it('joins paragraphs, br and list items inside a cell with "\\n"', () => {
    const [t] = tables(`<table><tr>
      <td><p>Sở Y tế;</p>
          <p>  Sở Tài chính  </p><p></p></td>
      <td>Quý II/2026<br>(trình UBND tỉnh)<br/><br/>và thường xuyên</td>
      <td><ul><li>Một</li><li>Hai</li></ul></td>
    </tr></table>`);
    expect(grid(t!)).toEqual([['Sở Y tế;\nSở Tài chính', 'Quý II/2026\n(trình UBND tỉnh)\nvà thường xuyên', '- Một\n- Hai']]);
  });

  it('gives a nested table its text in the outer cell and also emits it after the outer table', () => {
    const doc = readHtml('t.html', `<table>
      <tr><td>TT</td><td>Cơ quan</td></tr>
      <tr><td>1</td><td>Phối hợp:<table><tr><td>Sở Y tế</td><td>Sở Nội vụ</td></tr><tr><td>UBND xã</td><td></td></tr></table></td></tr>
    </table><p>Sau bảng</p>`);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table', 'table', 'para']);
    const [outer, inner] = doc.blocks as [Table, Table];
    expect(grid(outer)).toEqual([['TT', 'Cơ quan'], ['1', 'Phối hợp:\nSở Y tế\nSở Nội vụ\nUBND xã']]);
    expect(grid(inner)).toEqual([['Sở Y tế', 'Sở Nội vụ'], ['UBND xã', '']]);
    expect(inner.line).toBeGreaterThan(outer.rows[1]!.line);
  });

  it('reads a one-cell layout table as the page it holds', () => {
    const doc = readHtml('t.html', `<table><tr><td>
      <p><b>PHỤ LỤC</b></p>
      <table><tr><td>TT</td><td>Nội dung</td></tr><tr><td>1</td><td>Việc</td></tr></table>
    </td></tr></table>`);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['para', 'table']);
    expect(grid(doc.blocks[1] as Table)).toEqual([['TT', 'Nội dung'], ['1', 'Việc']]);
  });
});

describe('readHtml: paragraphs', () => {
  it('gives one paragraph per block, keeps bullets, marks whole-bold paragraphs, drops scripts', () => {
    const ps = paras(`<html><head><title>Tiêu đề</title><style>p{}</style></head><body>
      <script>var x = "<p>không</p>";</script><noscript>bật JavaScript</noscript>
      <p align="center"><b>KẾ HOẠCH</b></p>
      <p><strong>Triển khai</strong> Nghị quyết &amp; Chương trình&nbsp;số 1</p>
      <h2>II. NHIỆM VỤ</h2>
      <div>Chữ trong div<div>lồng nhau</div></div>
      <ul><li>Cơ quan chủ trì: Sở Y tế</li><li><p>Thời gian: Quý II/2026</p></li></ul>
      <ol start="2"><li>hai</li><li>ba</li></ol>
      <p style="display:none">ẩn</p>
    </body></html>`);
    expect(ps.map((p) => [p.text, p.bold ?? false])).toEqual([
      ['KẾ HOẠCH', true],
      ['Triển khai Nghị quyết & Chương trình số 1', false],
      ['II. NHIỆM VỤ', true],
      ['Chữ trong div', false],
      ['lồng nhau', false],
      ['- Cơ quan chủ trì: Sở Y tế', false],
      ['- Thời gian: Quý II/2026', false],
      ['2. hai', false],
      ['3. ba', false],
    ]);
  });

  it('splits a paragraph at br into lines that follow each other, with a gap between paragraphs', () => {
    const ps = paras('<p>ỦY BAN NHÂN DÂN<br>TỈNH HÀ TĨNH</p><p>Số: 12/KH-UBND</p>');
    expect(ps.map((p) => p.text)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH HÀ TĨNH', 'Số: 12/KH-UBND']);
    expect(ps[1]!.line - ps[0]!.line).toBe(1);
    expect(ps[2]!.line - ps[1]!.line).toBe(2);
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const [p] = paras(`<p>${'Sở Y tế'.normalize('NFD')}</p>`);
    expect(p!.text).toBe('Sở Y tế');
  });
});

describe('decodeHtml', () => {
  const page = (meta: string) =>
    `<html><head>${meta}</head><body><p>KẾ HOẠCH</p>
     <table><tr><td>TT</td><td>Nội dung nhiệm vụ</td><td>Cơ quan chủ trì</td><td>Thời gian hoàn thành</td></tr>
     <tr><td>1</td><td>Tổ chức tuyên truyền, phổ biến Nghị quyết</td><td>Sở Y tế</td><td>Quý II/2026</td></tr></table></body></html>`;

  it('reads the charset from <meta http-equiv> and <meta charset>', () => {
    expect(declaredCharset(enc.encode('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'))).toBe('windows-1258');
    expect(declaredCharset(enc.encode("<meta charset='UTF-8'/>"))).toBe('utf-8');
    expect(declaredCharset(enc.encode('<p>no meta</p>'))).toBeNull();
  });

  it('decodes a Windows-1258 page declared in a meta tag', async () => {
    const bytes = cp1258(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'));
    expect(decodeHtml('p.htm', bytes)).toContain('Tổ chức tuyên truyền');
    const result = await convertDocument('p.htm', bytes);
    expect(result.source.format).toBe('html');
    expect(result.tasks).toHaveLength(1);
    expect(result.tasks[0]).toMatchObject({ tt: '1', lead: ['Sở Y tế'], content: 'Tổ chức tuyên truyền, phổ biến Nghị quyết' });
  });

  it('takes UTF-8 by default, strips a BOM, and falls back to Windows-1258 for bytes that are not UTF-8', () => {
    expect(decodeHtml('p.html', enc.encode(page('')))).toContain('Sở Y tế');
    expect(decodeHtml('p.html', Uint8Array.of(0xef, 0xbb, 0xbf, ...enc.encode('<p>Sở</p>')))).toBe('<p>Sở</p>');
    expect(decodeHtml('p.html', cp1258(page('')))).toContain('Sở Y tế');
  });

  it('refuses an empty file', () => {
    expect(() => decodeHtml('p.html', new Uint8Array())).toThrow(expect.objectContaining({ code: 'file.empty' }));
  });
});

describe('HTML through the pipeline', () => {
  it('routes .html and .htm to the HTML reader', async () => {
    expect(formatOf('a.HTML')).toBe('html');
    expect(formatOf('a.htm')).toBe('html');
    const doc = await readDocument('a.html', enc.encode('<p>x</p>'));
    expect(doc.format).toBe('html');
  });

  it.each([
    // 003: rows "3" and "4" after group "2." keep that group (gold: none), as in the text forms; groups are not scored.
    ['samples/forms/000_608305ae69954cdd.html', 'samples/gold/000_608305ae69954cdd.json', true],
    ['samples/forms/003_9fe0b5bdb1f2cdf3.html', 'samples/gold/003_9fe0b5bdb1f2cdf3.json', false],
    ['samples/forms/h01_rowspan_groups.html', 'samples/gold/h01_rowspan_groups.json', true],
  ])('%s gives the gold rows', async (input, goldPath, groups) => {
    const gold = GoldFile.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
    const result = await convertDocument(input.split('/').pop()!, new Uint8Array(readFileSync(input)));
    const score = scoreDocument(gold.rows, result.tasks);
    expect(score.f1).toBe(1);
    for (const f of FIELDS) expect(score.fields[f], f).toBeGreaterThanOrEqual(0.98);
    expect(result.tasks.map((t) => t.tt)).toEqual(gold.rows.map((r) => r.tt));
    if (groups) expect(result.tasks.map((t) => t.group)).toEqual(gold.rows.map((r) => r.group));
    expect(result.tasks.every((t) => t.origin.kind === 'table')).toBe(true);
  });
});

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeCsv, toCsv } from '../pipeline/write/csv.js';
import { toJson } from '../pipeline/write/json.js';
import { TASK_COLUMNS } from '../pipeline/write/columns.js';
import { makeDoc, makeFinding, makeTask } from './helpers/docs.js';

/** Parse our CSV back the way a careful reader would: BOM off, header row kept as data. */
function parse(csv: string): string[][] {
  const res = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true });
  expect(res.errors).toEqual([]);
  return res.data;
}

describe('toCsv', () => {
  it('starts with a BOM, uses CRLF, and has the Nhiệm vụ columns as header', () => {
    const csv = toCsv([makeDoc()]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.charCodeAt(1)).not.toBe(0xfeff);
    const firstLine = csv.slice(1, csv.indexOf('\r\n'));
    expect(firstLine.split(',')).toEqual(TASK_COLUMNS.map((c) => c.header));
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(parse(csv)[0]).toContain('Cơ quan chủ trì');
  });

  it('writes one row per task across documents, with STT per document and the source file', () => {
    const a = makeDoc([makeTask({ id: 'a1' }), makeTask({ id: 'a2', tt: '2' })], [], 'a.txt');
    const b = makeDoc([makeTask({ id: 'b1' })], [], 'b.md');
    const rows = parse(toCsv([a, b]));
    const col = (h: string) => TASK_COLUMNS.findIndex((c) => c.header === h);
    expect(rows).toHaveLength(1 + 3);
    expect(rows.slice(1).map((r) => r[col('STT')])).toEqual(['1', '2', '1']);
    expect(rows.slice(1).map((r) => r[col('Nguồn')])).toEqual(['a.txt', 'a.txt', 'b.md']);
  });

  it('round-trips Vietnamese text, joins agencies with "; ", keeps dates as ISO text', () => {
    const content = 'Tham mưu UBND tỉnh ban hành "Kế hoạch", đề án; giai đoạn 2026–2035\nvà hằng năm';
    const task = makeTask({ content, lead: ['Sở Văn hóa, Thể thao và Du lịch', 'UBND các xã, phường'] });
    const [, row] = parse(toCsv([makeDoc([task])]));
    const cell = (h: string) => row![TASK_COLUMNS.findIndex((c) => c.header === h)];
    expect(cell('Nội dung')).toBe(content);
    expect(cell('Cơ quan chủ trì')).toBe('Sở Văn hóa, Thể thao và Du lịch; UBND các xã, phường');
    expect(cell('Hạn cuối')).toBe('2026-06-30');
    expect(cell('Loại thời hạn')).toBe('Quý');
    expect(cell('Trạng thái')).toBe('');
  });

  it('keeps formula-looking cells as text with a leading apostrophe, the rest unchanged', () => {
    const risky = ['=SUM(A1)', '+84 912 345 678', '-Sở Y tế', '@x', '\tTab', '=1+1\nhai dòng'];
    const tasks = risky.map((content, i) => makeTask({ id: `t${i}`, content }));
    const csv = toCsv([makeDoc(tasks)]);
    const col = TASK_COLUMNS.findIndex((c) => c.header === 'Nội dung');
    const cells = parse(csv).slice(1).map((r) => r[col]);
    expect(cells).toEqual(risky.map((s) => `'${s}`));
    // And no raw cell in the file starts a formula: every field begins after a delimiter, a line start or a quote.
    for (const line of csv.slice(1).split('\r\n')) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('does not touch ordinary cells, inner dashes or a hyphenated agency', () => {
    const task = makeTask({ content: 'Rà soát – cập nhật = đúng', lead: ['Bộ Lao động - Thương binh và Xã hội'] });
    const [, row] = parse(toCsv([makeDoc([task])]));
    expect(row).toContain('Rà soát – cập nhật = đúng');
    expect(row).toContain('Bộ Lao động - Thương binh và Xã hội');
  });

  it('fills Cảnh báo with the Vietnamese messages of the task, joined by "; "', () => {
    const t1 = makeTask({ id: 't1' });
    const t2 = makeTask({ id: 't2', tt: '2' });
    const findings = [
      makeFinding({ task: 't1', messageVi: 'Thời hạn không cụ thể' }),
      makeFinding({ task: 't2', rule: 'lead.missing', messageVi: 'Thiếu cơ quan chủ trì' }),
      makeFinding({ task: 't1', rule: 'lead.collective', messageVi: 'Chủ trì là tập thể' }),
    ];
    const rows = parse(toCsv([makeDoc([t1, t2], findings)]));
    const col = TASK_COLUMNS.findIndex((c) => c.header === 'Cảnh báo');
    expect(rows[1]![col]).toBe('Thời hạn không cụ thể; Chủ trì là tập thể');
    expect(rows[2]![col]).toBe('Thiếu cơ quan chủ trì');
  });

  it('fills Tình trạng only when a report date is given', () => {
    const tasks = [
      makeTask({ id: 'late' }),
      makeTask({ id: 'open', deadline: { raw: 'Năm 2027', kind: 'year', start: null, end: '2027-12-31', recurring: false } }),
      makeTask({ id: 'none', deadline: { raw: 'Thường xuyên', kind: 'recurring', start: null, end: null, recurring: true } }),
    ];
    const col = TASK_COLUMNS.findIndex((c) => c.header === 'Tình trạng');
    const without = parse(toCsv([makeDoc(tasks)])).slice(1).map((r) => r[col]);
    expect(without).toEqual(['', '', '']);
    const asOf = parse(toCsv([makeDoc(tasks)], { asOf: '2026-07-01' })).slice(1).map((r) => r[col]);
    expect(asOf).toEqual(['Chưa hoàn thành, quá hạn', 'Chưa hoàn thành, trong hạn', 'Không có hạn cụ thể']);
    // The last allowed day is still on time.
    const onDay = parse(toCsv([makeDoc(tasks.slice(0, 1))], { asOf: '2026-06-30' }))[1]![col];
    expect(onDay).toBe('Chưa hoàn thành, trong hạn');
  });

  it('writes the header alone for no tasks', () => {
    const csv = toCsv([makeDoc([])]);
    expect(parse(csv)).toEqual([TASK_COLUMNS.map((c) => c.header)]);
  });
});

describe('safeCsv', () => {
  // The cells a plan's table gives, and every character that changes how a cell is written.
  const cell = fc.stringMatching(/^[ a-zăâđêôơưạảấầẩẫậ;:.,"'=+\-@\t\r\n\uFEFF0-9]{0,12}$/);
  const papaparse = (fields: string[], data: string[][]) =>
    '\uFEFF' + Papa.unparse({ fields, data }, { newline: '\r\n', delimiter: ',', quotes: false, escapeFormulae: /^[=+\-@\t\r\n]/ });

  it('writes any table exactly as papaparse would with the same settings (formulae escaped, quotes where needed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.tuple(fc.array(cell, { minLength: width, maxLength: width }), fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 4 })),
        ),
        ([fields, data]) => {
          expect(safeCsv(fields, data)).toBe(papaparse(fields, data));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('quotes a cell with a space at either end, a comma, a quote, a line break or a byte order mark, and only those', () => {
    const rows = [[' x'], ['x '], ['x,y'], ['say "hi"'], ['a\nb'], ['\uFEFFx'], ['x y'], ['=1+1']];
    expect(safeCsv(['a'], rows)).toBe('\uFEFFa\r\n" x"\r\n"x "\r\n"x,y"\r\n"say ""hi"""\r\n"a\nb"\r\n"\uFEFFx"\r\nx y\r\n"\'=1+1"');
    expect(safeCsv(['a', 'b'], [[]])).toBe(papaparse(['a', 'b'], [[]]));
  });
});

describe('toJson', () => {
  it('writes the §6 contract with two-space indent, in schema order, dropping unknown keys', () => {
    const doc = { ...makeDoc([makeTask()], [makeFinding()]), extra: 'not in the contract' };
    const text = toJson(doc);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "source": {\n    "file": "ke-hoach.txt"');
    const back = JSON.parse(text);
    expect(Object.keys(back)).toEqual(['source', 'document', 'tasks', 'findings']);
    expect(back.tasks[0].deadline).toEqual(makeTask().deadline);
  });

  it('refuses a document that breaks the contract, in one line', () => {
    const bad = makeDoc([makeTask({ deadline: { raw: 'x', kind: 'soon' as never, start: null, end: null, recurring: false } })]);
    expect(() => toJson(bad)).toThrow(/^JSON output does not match the contract: tasks\.0\.deadline\.kind/);
    try {
      toJson(bad);
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });
});

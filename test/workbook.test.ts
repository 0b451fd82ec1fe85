import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertDocument } from '../pipeline/convert.js';
import type { ConvertedDocument } from '../pipeline/model/document.js';
import type { Task } from '../pipeline/model/task.js';
import { CATEGORIES, STATUSES, type Tracking } from '../pipeline/model/tracking.js';
import { rollup, type RollupOptions } from '../pipeline/rollup/rollup.js';
import { taskStatus } from '../pipeline/rollup/status.js';
import { ROLLUP_LAYOUT } from '../pipeline/write/workbook/rollup-sheet.js';
import { readTracked } from '../pipeline/tracking/read-tracked.js';
import { buildReport } from '../pipeline/tracking/report.js';
import { TASK_COLUMNS } from '../pipeline/write/columns.js';
import { writeWorkbook } from '../pipeline/write/workbook.js';
import { buildWorkbook, workbookBytes } from '../pipeline/write/workbook-exceljs.js';
import { makeDoc, makeFinding, makeTask } from './helpers/docs.js';
import { errorCells, libreOfficeOrSkip, recalcMany, removeProfile, shown } from './helpers/libreoffice.js';
import { columnOf, columnValues, comparable, readRollup, sheet } from './helpers/workbook-read.js';

const AS_OF = '2026-06-30';
const SHEETS = ['Nhiệm vụ', 'Phân công', 'Tổng hợp', 'Kiểm tra', 'Văn bản', 'Danh mục'];

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** A plan with the cases the sheet must tell apart: dated, overdue, recurring, no lead, two leads. */
function sampleDoc(): ConvertedDocument {
  const tasks = [
    makeTask({ id: 'a', tt: '1', content: '=SUM(A1) không phải công thức' }),
    makeTask({
      id: 'b',
      tt: '2',
      deadline: { raw: 'Thường xuyên', kind: 'recurring', start: null, end: null, recurring: true },
    }),
    makeTask({ id: 'c', tt: '3', lead: [], leadCanonical: [], deadline: { raw: 'Tháng 3/2026', kind: 'month', start: null, end: '2026-03-31', recurring: false } }),
    makeTask({
      id: 'd',
      tt: '4',
      lead: ['Sở Y tế', 'Sở KH&ĐT'],
      leadCanonical: ['Sở Y tế', 'Sở Kế hoạch và Đầu tư'],
      deadline: { raw: '10/7/2026', kind: 'date', start: null, end: '2026-07-10', recurring: false },
    }),
  ];
  const findings = [
    makeFinding({ task: 'b', field: 'deadline', rule: 'deadline.vague', messageVi: 'TT 2: thời hạn không cụ thể' }),
    makeFinding({ task: 'c', field: 'lead', rule: 'lead.missing', severity: 'error', messageVi: 'TT 3: chưa có cơ quan chủ trì' }),
  ];
  return makeDoc(tasks, findings, 'ke-hoach.txt');
}

describe('writeWorkbook: layout', () => {
  let wb: ExcelJS.Workbook;
  const doc = sampleDoc();
  beforeAll(async () => {
    wb = await load(await writeWorkbook([doc], { asOf: AS_OF }));
  });

  it('has the six sheets in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
  });

  it('Nhiệm vụ is an Excel table with the TASK_COLUMNS headers, frozen header, Times New Roman, A4 landscape', () => {
    const ws = sheet(wb, 'Nhiệm vụ');
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(TASK_COLUMNS.map((c) => c.header));
    const table = ws.getTable('NhiemVu') as unknown as { table?: { ref: string }; ref?: string };
    expect(table).toBeTruthy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('D2').font?.name).toBe('Times New Roman');
    expect(ws.getCell('D2').alignment?.wrapText).toBe(true);
    // Two page widths of STT … Kết quả/Ghi chú, STT and Mã repeated on each (test/print.test.ts prints it).
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 2, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    expect(ws.pageSetup.printTitlesColumn).toBe('A:B');
    expect(ws.pageSetup.printArea).toBe(`A1:${String.fromCharCode(64 + headers.indexOf('Kết quả/Ghi chú') + 1)}1048576`);
    for (let c = 1; c <= headers.length; c++) expect(ws.getColumn(c).width).toBeGreaterThan(4);
  });

  it('writes deadlines as real dates and keeps text that looks like a formula as text', () => {
    const ws = sheet(wb, 'Nhiệm vụ');
    const end = ws.getRow(2).getCell(columnOf(ws, 'Hạn cuối'));
    expect(end.value).toEqual(day('2026-06-30'));
    expect(end.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getRow(3).getCell(columnOf(ws, 'Hạn cuối')).value).toBeNull();
    expect(ws.getRow(2).getCell(columnOf(ws, 'Ngày hoàn thành')).numFmt).toBe('dd/mm/yyyy');
    const content = ws.getRow(2).getCell(columnOf(ws, 'Nội dung'));
    expect(content.type).toBe(ExcelJS.ValueType.String);
    expect(content.value).toBe('=SUM(A1) không phải công thức');
    expect(ws.getRow(2).getCell(columnOf(ws, 'STT')).value).toBe(1);
  });

  it('offers dropdowns for Trạng thái and the agency columns', () => {
    const ws = sheet(wb, 'Nhiệm vụ');
    const status = ws.getRow(2).getCell(columnOf(ws, 'Trạng thái')).dataValidation;
    expect(status).toMatchObject({ type: 'list', formulae: [`"${STATUSES.join(',')}"`] });
    const lead = ws.getRow(5).getCell(columnOf(ws, 'Cơ quan chủ trì')).dataValidation;
    expect(lead).toMatchObject({ type: 'list', formulae: ['DanhMucCoQuan'] });
    expect(ws.getRow(5).getCell(columnOf(ws, 'Cơ quan phối hợp')).dataValidation?.formulae).toEqual(['DanhMucCoQuan']);
    expect(wb.definedNames.getRanges('DanhMucCoQuan').ranges).toEqual(["'Danh mục'!$A$2:$A$4"]);
    const lists = sheet(wb, 'Danh mục');
    expect([2, 3, 4].map((r) => lists.getCell(r, 1).value)).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Tài chính', 'Sở Y tế']);
  });

  it('Tình trạng is a formula over the report date, with the category TypeScript computes as cached result', () => {
    const ws = sheet(wb, 'Nhiệm vụ');
    const col = columnOf(ws, 'Tình trạng');
    const o = { asOf: AS_OF, dueSoonDays: 14 };
    doc.tasks.forEach((t, i) => {
      const cell = ws.getRow(i + 2).getCell(col);
      expect(cell.formula).toContain('NgayBaoCao');
      expect(cell.result).toBe(CATEGORIES[taskStatus(t, undefined, o).category]);
    });
    expect(wb.definedNames.getRanges('NgayBaoCao').ranges).toEqual(["'Tổng hợp'!$B$2"]);
    expect(sheet(wb, 'Tổng hợp').getCell('B2').value).toEqual(day(AS_OF));
  });

  it('marks overdue, due soon, done, missing lead and vague deadlines with conditional formats', () => {
    // Read back by exceljs, though missing from its typings.
    const cf = (sheet(wb, 'Nhiệm vụ') as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const formulas = cf.flatMap((c) => c.rules.flatMap((r) => ('formulae' in r ? (r.formulae as string[]) : [])));
    expect(formulas.some((f) => f.includes('Chưa hoàn thành, quá hạn'))).toBe(true);
    expect(formulas.some((f) => f.includes('SoNgaySapDenHan'))).toBe(true);
    expect(formulas.some((f) => f.includes('Hoàn thành đúng hạn'))).toBe(true);
    expect(formulas.some((f) => f.startsWith('LEN(TRIM('))).toBe(true);
  });

  it('Phân công has a row per task and agency; the task without lead is counted under the no-lead label', () => {
    const ws = sheet(wb, 'Phân công');
    const n = ws.actualRowCount - 1;
    const roles = columnValues(ws, 'Vai trò', n);
    const agencies = columnValues(ws, 'Cơ quan', n);
    const stts = columnValues(ws, 'STT', n);
    // a: lead + support, b: lead + support, c: no lead + support, d: two leads + support
    expect(stts).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 4]);
    expect(roles.filter((r) => r === 'chủ trì')).toHaveLength(5);
    expect(agencies[4]).toBe('(Chưa xác định cơ quan chủ trì)');
    expect(ws.getRow(2).getCell(columnOf(ws, 'Tình trạng')).formula).toMatch(/^IFERROR\(IF\(INDEX\(/);
  });

  it('Tổng hợp has live COUNTIFS formulas whose cached results are the TypeScript rollup', () => {
    const ws = sheet(wb, 'Tổng hợp');
    expect(ws.getCell(`B${ROLLUP_LAYOUT.firstRow}`).formula).toMatch(/^COUNTIFS\('Phân công'!/);
    const shownRollup = readRollup(ws);
    const expected = rollup(doc.tasks, [], { asOf: AS_OF, dueSoonDays: 14 });
    expect(shownRollup.rows.map(comparable)).toEqual(expected.rows.map(comparable));
    expect(comparable(shownRollup.total)).toEqual(comparable(expected.total));
  });

  it('Kiểm tra links each finding to its cell on Nhiệm vụ', () => {
    const ws = sheet(wb, 'Kiểm tra');
    const link = ws.getRow(3).getCell(columnOf(ws, 'Đi tới ô'));
    const leadCol = String.fromCharCode(64 + TASK_COLUMNS.findIndex((c) => c.header === 'Cơ quan chủ trì') + 1);
    expect(link.formula).toBe(`HYPERLINK("#'Nhiệm vụ'!${leadCol}4","${leadCol}4")`);
    expect(ws.getRow(3).getCell(columnOf(ws, 'Nội dung cảnh báo')).value).toBe('TT 3: chưa có cơ quan chủ trì');
  });

  it('Văn bản lists the source document with its counts', () => {
    const ws = sheet(wb, 'Văn bản');
    expect(shown(ws.getRow(2).getCell(columnOf(ws, 'Tệp')))).toBe('ke-hoach.txt');
    expect(shown(ws.getRow(2).getCell(columnOf(ws, 'Số nhiệm vụ')))).toBe(4);
    expect(shown(ws.getRow(2).getCell(columnOf(ws, 'Lỗi')))).toBe(1);
  });

  it('uses only functions Excel 2010 and LibreOffice both have', () => {
    const allowed = new Set(['IF', 'ISNUMBER', 'AND', 'TRIM', 'N', 'INDEX', 'MATCH', 'IFERROR', 'COUNTIF', 'COUNTIFS', 'SUM', 'HYPERLINK', 'LEN']);
    const used = new Set<string>();
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          for (const m of (cell.formula ?? '').matchAll(/([A-Z][A-Z0-9.]*)\(/g)) used.add(m[1]!);
        }),
      ),
    );
    expect([...used].filter((f) => !allowed.has(f))).toEqual([]);
    expect(used.has('COUNTIFS')).toBe(true);
  });
});

describe('writeWorkbook: combined', () => {
  it('adds a Văn bản column and numbers STT across documents', async () => {
    const a = makeDoc([makeTask({ id: 'a1' }), makeTask({ id: 'a2', tt: '2' })], [], 'a.txt');
    const b = { ...makeDoc([makeTask({ id: 'b1' })], [], 'b.txt'), document: { title: 'B', number: '7/KH-UBND', issuer: null, date: '2026-01-05' } };
    const wb = await load(await writeWorkbook([a, b], { asOf: AS_OF, combined: true }));
    const ws = sheet(wb, 'Nhiệm vụ');
    expect((ws.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['STT', 'Văn bản']);
    // a's number is shared with nothing but is the same as the default in makeDoc: b has its own.
    expect(columnValues(ws, 'Văn bản', 3)).toEqual(['12/KH-UBND', '12/KH-UBND', '7/KH-UBND']);
    expect(columnValues(ws, 'STT', 3)).toEqual([1, 2, 3]);
    const docs = sheet(wb, 'Văn bản');
    expect(shown(docs.getRow(3).getCell(columnOf(docs, 'Ngày ban hành')))).toEqual(day('2026-01-05'));
  });

  it('writes a usable workbook with no tasks at all', async () => {
    const wb = await load(await writeWorkbook([], { asOf: AS_OF }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
    expect(readRollup(sheet(wb, 'Tổng hợp')).total.total).toBe(0);
  });

  it('refuses a report date that is not ISO', async () => {
    await expect(writeWorkbook([], { asOf: '30/06/2026' })).rejects.toThrow(/ISO/);
  });
});

// ---------------------------------------------------------------------------
// LibreOffice recalculation: the formulas against the TypeScript truth.

const hasLibreOffice = libreOfficeOrSkip();
const SAMPLES = path.join(import.meta.dirname, '..', 'samples');

/** A workbook to recalculate, and what TypeScript says it must show afterwards. */
interface Case {
  label: string;
  docs: ConvertedDocument[];
  tracking: Array<Tracking | undefined>;
  /** The report date, the due-soon window and the switch on Tổng hợp, as a person sets them. */
  o: Required<RollupOptions>;
  combined: boolean;
}

/**
 * Build the workbook as written on another day and with no status, then edit
 * it as a person would (statuses, completion dates, the report date and the
 * due-soon window): cached results are then stale, and only a recalculation
 * can give the right values.
 */
async function editedWorkbook(c: Case): Promise<Uint8Array> {
  const wb = buildWorkbook(c.docs, { asOf: '2000-01-01', dueSoonDays: 3, combined: c.combined });
  const ws = sheet(wb, 'Nhiệm vụ');
  const statusCol = columnOf(ws, 'Trạng thái');
  const doneCol = columnOf(ws, 'Ngày hoàn thành');
  c.tracking.forEach((t, i) => {
    if (!t) return;
    const row = ws.getRow(i + 2);
    if (t.status !== null) row.getCell(statusCol).value = t.status;
    if (t.doneDate !== null) row.getCell(doneCol).value = day(t.doneDate);
  });
  const summary = sheet(wb, 'Tổng hợp');
  summary.getCell(ROLLUP_LAYOUT.asOfCell).value = day(c.o.asOf);
  summary.getCell(ROLLUP_LAYOUT.dueSoonCell).value = c.o.dueSoonDays;
  // Written with the switch on: switched off by hand when the case says so.
  if (!c.o.excludeRoutine) summary.getCell(ROLLUP_LAYOUT.excludeRoutineCell).value = 'Không';
  return workbookBytes(wb);
}

/** Compare a recalculated workbook with taskStatus and rollup; returns the differences, empty when equal. */
function differences(c: Case, wb: ExcelJS.Workbook): string[] {
  const tasks: Task[] = c.docs.flatMap((d) => d.tasks);
  const out: string[] = [];
  const errors = errorCells(wb);
  if (errors.length > 0) out.push(`error cells: ${errors.slice(0, 5).join(', ')}`);
  const shownCategories = columnValues(sheet(wb, 'Nhiệm vụ'), 'Tình trạng', tasks.length);
  tasks.forEach((t, i) => {
    const want = CATEGORIES[taskStatus(t, c.tracking[i], c.o).category];
    if (shownCategories[i] !== want) {
      out.push(`Nhiệm vụ row ${i + 2}: "${String(shownCategories[i])}" ≠ "${want}" (end ${t.deadline.end}, ${JSON.stringify(c.tracking[i])})`);
    }
  });
  const expected = rollup(tasks, c.tracking, c.o);
  let got;
  try {
    got = readRollup(sheet(wb, 'Tổng hợp'));
  } catch (e) {
    return [...out, String(e)];
  }
  const want = { rows: expected.rows.map(comparable), total: comparable(expected.total) };
  const have = { rows: got.rows.map(comparable), total: comparable(got.total) };
  if (JSON.stringify(have) !== JSON.stringify(want)) {
    out.push(`Tổng hợp:\n  got  ${JSON.stringify(have)}\n  want ${JSON.stringify(want)}`);
  }
  return out;
}

/** Recalculate every case in one soffice run and fail with every case that differs. */
async function checkCases(cases: readonly Case[]): Promise<void> {
  const files = await Promise.all(cases.map(editedWorkbook));
  const recalculated = await recalcMany(files);
  const failures = cases.flatMap((c, i) => differences(c, recalculated[i]!).map((d) => `${c.label}: ${d}`));
  expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
}

async function seedDocs(): Promise<ConvertedDocument[]> {
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
  return Promise.all(files.map((f) => convertDocument(f, new Uint8Array(readFileSync(path.join(SAMPLES, f))), { asOf: AS_OF })));
}

// --- random cases ---

const AGENCIES = [
  'Sở Y tế',
  'Sở Tài chính',
  'Sở Kế hoạch và Đầu tư',
  'UBND các xã, phường',
  'Công an tỉnh (PC06)',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Các sở, ban, ngành',
];
/**
 * Ways a status arrives: from the dropdown, typed with other case and
 * spacing, in other words for done ("đã xong"), suspended ("tạm ngừng") and
 * cancelled ("Đã huỷ", the tone mark on the y), and typed so that neither the
 * tool nor the workbook may count it as any of them ("Da xong" without
 * accents, "Hoàn thành." with a stop, "Bi huy"): the formula and statusKind
 * must agree on each.
 */
const STATUS_TEXT = [
  ...STATUSES,
  'tạm ngừng',
  'TẠM DỪNG',
  'Dừng thực hiện',
  'Bị huỷ',
  'Đã hủy',
  'huỷ bỏ',
  'Bi huy',
  'hoàn thành',
  'HOÀN THÀNH',
  ' Hoàn thành ',
  'Hoàn  thành',
  'đang thực hiện',
  'Đã hoàn thành',
  'đã xong',
  'Xong',
  'Hoàn thành đúng hạn',
  'ĐÃ HOÀN THÀNH TRƯỚC HẠN',
  'Da xong',
  'Hoàn thành.',
];
const BASE = Date.parse('2026-06-15T00:00:00Z');
const isoDay = fc.integer({ min: -60, max: 60 }).map((d) => new Date(BASE + d * 86_400_000).toISOString().slice(0, 10));

const taskArb = fc
  .record({
    end: fc.option(isoDay, { freq: 4 }),
    vagueKind: fc.constantFrom('recurring', 'conditional', 'missing', 'unparsed') as fc.Arbitrary<Task['deadline']['kind']>,
    leads: fc.array(fc.constantFrom(...AGENCIES), { maxLength: 3 }),
    support: fc.array(fc.constantFrom(...AGENCIES), { maxLength: 2 }),
  })
  .map(({ end, vagueKind, leads, support }) =>
    makeTask({
      lead: leads,
      leadCanonical: leads,
      support,
      supportCanonical: support,
      deadline: { raw: end ?? null, kind: end ? 'date' : vagueKind, start: null, end, recurring: vagueKind === 'recurring' },
    }),
  );

const trackingArb: fc.Arbitrary<Tracking | undefined> = fc.option(
  fc.record({
    status: fc.option(fc.constantFrom(...STATUS_TEXT), { freq: 5 }),
    doneDate: fc.option(isoDay, { freq: 2 }),
    notes: fc.constant(null),
  }),
  { freq: 6 },
);

const docArb = (i: number): fc.Arbitrary<ConvertedDocument> =>
  fc.array(taskArb, { minLength: 0, maxLength: 10 }).map((tasks) =>
    makeDoc(
      tasks.map((t, j) => ({ ...t, id: `t${j}`, tt: String(j + 1) })),
      [],
      `kh-${i}.txt`,
    ),
  );

/** One case: a plan (generated, or a seed plan) and the statuses typed against its tasks. */
interface PlanCase {
  doc: ConvertedDocument;
  tracking: Array<Tracking | undefined>;
}

function planCaseArb(seeds: readonly ConvertedDocument[]): fc.Arbitrary<PlanCase> {
  return fc
    .oneof(docArb(0), fc.constantFrom(...seeds))
    .chain((doc) =>
      fc.array(trackingArb, { minLength: doc.tasks.length, maxLength: doc.tasks.length }).map((tracking) => ({ doc, tracking })),
    );
}

/**
 * Each soffice load costs about half a second, so cases share workbooks: a
 * workbook holds CASES_PER_WORKBOOK cases under one random report date and
 * due-soon window. Each case's agencies get its number as a prefix ("[7] Sở
 * Y tế"), so its rows on Tổng hợp count its own tasks only and are checked
 * as its own rollup; Tình trạng is checked row by row; the total row checks
 * the whole workbook.
 */
const CASES_PER_WORKBOOK = 10;

function packedCaseArb(seeds: readonly ConvertedDocument[], workbook: number): fc.Arbitrary<Omit<Case, 'label'>> {
  return fc
    .record({
      plans: fc.array(planCaseArb(seeds), { minLength: CASES_PER_WORKBOOK, maxLength: CASES_PER_WORKBOOK }),
      asOf: isoDay,
      dueSoonDays: fc.integer({ min: 0, max: 30 }),
      excludeRoutine: fc.boolean(),
    })
    .map(({ plans, asOf, dueSoonDays, excludeRoutine }) => {
      const docs = plans.map(({ doc }, i) => {
        const n = workbook * CASES_PER_WORKBOOK + i;
        const tag = (names: string[]): string[] => names.map((a) => `[${n}] ${a}`);
        return {
          ...doc,
          source: { ...doc.source, file: `case-${n}-${doc.source.file}` },
          // Distinct numbers so each document keeps its own label in the Văn bản column.
          document: { ...doc.document, number: `${n}/KH` },
          tasks: doc.tasks.map((t) => ({ ...t, leadCanonical: tag(t.leadCanonical), supportCanonical: tag(t.supportCanonical) })),
        };
      });
      return { docs, tracking: plans.flatMap((p) => p.tracking), o: { asOf, dueSoonDays, excludeRoutine }, combined: true };
    });
}

describe.skipIf(!hasLibreOffice)('LibreOffice recalculation', () => {
  let seeds: ConvertedDocument[];
  beforeAll(async () => {
    seeds = await seedDocs();
  });
  afterAll(removeProfile);

  it('the five seed plans, as written and edited: Tình trạng and Tổng hợp equal taskStatus and rollup, no error cell', async () => {
    expect(seeds).toHaveLength(5);
    const o = { asOf: AS_OF, dueSoonDays: 14, excludeRoutine: true };
    const cases: Case[] = seeds.map((d) => ({
      label: d.source.file,
      docs: [d],
      tracking: d.tasks.map(() => undefined),
      o,
      combined: false,
    }));
    // All five in one combined workbook, every other task done late or on time.
    const all = seeds.flatMap((d) => d.tasks);
    cases.push({
      label: 'combined',
      docs: seeds,
      tracking: all.map((_t, i) =>
        i % 2 === 0 ? { status: 'Hoàn thành', doneDate: i % 4 === 0 ? '2026-12-31' : '2026-01-02', notes: null } : undefined,
      ),
      o,
      combined: true,
    });
    await checkCases(cases);
  }, 120_000);

  it('one truth for statuses: rollup of the returned workbook counts done exactly as its recalculated Tổng hợp does', async () => {
    // Every way a status arrives, typed on the tasks of the seed plans in turn (not every task: blanks too).
    const tasks = seeds.flatMap((d) => d.tasks);
    const o = { asOf: AS_OF, dueSoonDays: 14, excludeRoutine: true };
    const tracking = tasks.map((_t, i) =>
      i % (STATUS_TEXT.length + 1) === STATUS_TEXT.length ? undefined : { status: STATUS_TEXT[i % (STATUS_TEXT.length + 1)]!, doneDate: null, notes: null },
    );
    expect(tasks.length).toBeGreaterThan(STATUS_TEXT.length);
    const c: Case = { label: 'typed statuses', docs: seeds, tracking, o, combined: true };
    const bytes = await editedWorkbook(c);
    const [recalculated] = await recalcMany([bytes]);
    const own = readRollup(sheet(recalculated!, 'Tổng hợp')).total;
    const report = buildReport([await readTracked('tra-lai.xlsx', bytes)], { asOf: AS_OF });
    expect(comparable(report.byAgency.total)).toEqual(comparable(own));
    expect(report.byAgency.total.counts.done_on_time + report.byAgency.total.counts.done_late).toBeGreaterThan(0);
    // What neither counts as done is listed for someone to look at.
    expect(report.issues.map((i) => i.message).join('\n')).toMatch(/"Da xong" không thuộc danh sách/);
  }, 120_000);

  it('random status edits, report dates and plans (property: 12 × 10 cases, one LibreOffice run)', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
    const workbooks = Array.from({ length: 12 }, (_, w) => {
      const [c] = fc.sample(packedCaseArb(seeds, w), { numRuns: 1, seed: seed + w });
      return { ...c!, label: `FC_SEED=${seed} workbook ${w}` };
    });
    const cases = workbooks.flatMap((w) => w.docs);
    expect(cases.length).toBeGreaterThanOrEqual(100);
    // The edits must matter: some statuses are typed, so cached results are stale before LibreOffice recalculates.
    expect(workbooks.some((w) => w.tracking.some((t) => t?.status))).toBe(true);
    await checkCases(workbooks);
  }, 240_000);
});

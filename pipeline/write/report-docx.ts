import { CATEGORIES, type Category } from '../model/tracking.js';
import type { RollupRow } from '../rollup/rollup.js';
import type { Report, ReportTask } from '../tracking/report.js';
import { centreCell, gridTable, headerCell, mergedBelow, textCell, totalRow } from './docx/cells.js';
import { compareReports, type Comparison } from './docx/compare.js';
import type { EarlierReport } from './docx/earlier.js';
import { letterhead, signatureBlock, titleBlock } from './docx/letterhead.js';
import { A4, mm, p, type Block, type Chart, type DocxDocument, type Paragraph, type Row } from './docx/model.js';
import { writeDocx } from './docx/package.js';
import type { Period } from './docx/period.js';
import { narrowReport } from './docx/scope.js';
import type { ReportSettings } from './docx/settings.js';
import { baseName, dayText, dmy, num, percent, roman, upper, vietnamTime } from './docx/vi.js';
import { writeXlsx } from './xlsx/index.js';

/**
 * The progress report as a Word document in the layout of Decree 30/2020
 * (Báo cáo tình hình thực hiện …), for leadership: letterhead, number, place
 * and date, title; the overall figures as sentences; a table by lead agency
 * (and by plan when there are several) with a chart; the overdue tasks with
 * their lead and deadline; the tasks due soon; the conflicts to settle; the
 * comparison with an earlier report; room for proposals; recipients and
 * signature. The two completion rates (rollup/rollup.ts) are stated with
 * their denominators, in the overall sentence and in a table per agency (and
 * per plan). In: a Report (tracking/report.ts) and options (who issues and
 * signs, the period, one plan, an earlier report, the time of extraction).
 * Out: .docx bytes, editable in Word. Every text is Vietnamese. Pure and
 * browser-safe (the add-in builds the same report).
 */

export interface ReportDocxOptions {
  settings?: ReportSettings;
  /** Only the tasks whose deadline falls in this period (`--period`). */
  period?: Period | null;
  /** Only this plan (its DocumentRow.key; `--plan`). */
  plan?: string | null;
  /** An earlier report to compare with (`--since`). */
  earlier?: EarlierReport | null;
  /** When the figures were extracted (footer). Default: now. */
  generatedAt?: Date;
  /** Draw the chart by lead agency (default true). */
  chart?: boolean;
}

export const PAGE_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(20), header: mm(10), footer: mm(8) };
/** Text width on A4 with those margins (160 mm). */
export const TEXT_WIDTH = A4.width - PAGE_MARGINS.left - PAGE_MARGINS.right;
/** Body type: Times New Roman 14, justified, first line indented 1 cm, 6 pt between paragraphs. */
const BODY_PT = 14;
const INDENT = mm(10);
/** Agencies drawn in the chart at most (those with the most tasks). */
const CHART_AGENCIES = 15;

export async function writeReportDocx(full: Report, options: ReportDocxOptions = {}): Promise<Uint8Array> {
  return writeDocx(await reportDocument(full, options));
}

export async function reportDocument(full: Report, o: ReportDocxOptions = {}): Promise<DocxDocument> {
  const period = o.period ?? null;
  const report = narrowReport(full, { period, plan: o.plan ?? null });
  const comparison = o.earlier ? compareReports(report, o.earlier) : null;
  const s = o.settings ?? {};
  const generatedAt = o.generatedAt ?? new Date();
  const W = TEXT_WIDTH;
  const scope = scopeWords(report, period);

  const body: Block[] = [letterhead(s, W), ...titleBlock([`Tình hình thực hiện ${scope.subject}`], s, W), ...intro(report, full, period, scope)];
  const tables = tableNumbers();
  const sections: Array<[string, Block[]]> = [
    ['KẾT QUẢ THỰC HIỆN CHUNG', overall(report, period)],
    ['TÌNH HÌNH THỰC HIỆN THEO CƠ QUAN CHỦ TRÌ', await byAgency(report, o.chart ?? true, tables)],
  ];
  if (report.byDocument.rows.length > 1) sections.push(['TÌNH HÌNH THỰC HIỆN THEO VĂN BẢN', byDocument(report, tables)]);
  sections.push(['NHIỆM VỤ CHƯA HOÀN THÀNH ĐÃ QUÁ HẠN', overdue(report)]);
  sections.push([`NHIỆM VỤ SẮP ĐẾN HẠN (TRONG ${report.dueSoonDays} NGÀY TỚI)`, dueSoon(report)]);
  if (report.conflicts.length > 0) sections.push(['NỘI DUNG CẦN THỐNG NHẤT GIỮA CÁC SỔ THEO DÕI', conflicts(report)]);
  if (comparison) {
    const title = `SO SÁNH VỚI BÁO CÁO NGÀY ${comparison.earlier.asOf ? dmy(comparison.earlier.asOf) : '…'}`;
    sections.push([title, compared(report, comparison, period !== null || (o.plan ?? null) !== null, tables)]);
  }
  sections.push(['ĐỀ XUẤT, KIẾN NGHỊ', proposals(s)]);
  sections.forEach(([title, blocks], i) => body.push(heading(`${roman(i + 1)}. ${title}`), ...blocks));
  body.push(para(`Trên đây là báo cáo tình hình thực hiện ${scope.subject}./.`));
  body.push(signatureBlock(s, W));

  return {
    title: `Báo cáo tình hình thực hiện ${scope.subject}`,
    creator: 'phuluc',
    created: generatedAt,
    font: 'Times New Roman',
    size: BODY_PT,
    page: { ...A4, margins: PAGE_MARGINS },
    body,
    header: [p([{ text: '2', field: 'PAGE', size: 13 }], { align: 'center' })],
    footer: [p([{ text: footerText(report, full, period, o.plan ?? null, comparison, generatedAt), italic: true, size: 9 }], { align: 'both' })],
  };
}

// ── words ───────────────────────────────────────────────────────────────────

const para = (text: string, o: Omit<Paragraph, 'kind' | 'runs'> = {}): Paragraph =>
  p([{ text }], { align: 'both', firstLine: INDENT, before: 6, ...o });

const note = (text: string): Paragraph => p([{ text, italic: true, size: 12 }], { align: 'both', firstLine: INDENT, before: 3 });

const heading = (text: string): Paragraph => p([{ text, bold: true }], { align: 'both', firstLine: INDENT, before: 12, keepNext: true });

/** A plan's number ("45/KH-UBND"), as a label, rather than a file name. */
function isNumber(label: string): boolean {
  return /\d.*\//.test(label) && !/\.(txt|docx?|pdf|xlsx?|html?|md|csv|tsv)$/i.test(label);
}

const KINDS: Record<string, string> = {
  KH: 'Kế hoạch', CTR: 'Chương trình', QĐ: 'Quyết định', NQ: 'Nghị quyết', CT: 'Chỉ thị', TB: 'Thông báo', ĐA: 'Đề án', CV: 'Văn bản',
};

/** "Kế hoạch số 45/KH-UBND"; a plan known only by its file is called by its title. */
function planName(row: { agency: string; title: string | null }): string {
  if (isNumber(row.agency)) {
    const kind = KINDS[upper(row.agency.split('/')[1]?.split('-')[0] ?? '')] ?? 'Văn bản';
    return `${kind} số ${row.agency}`;
  }
  return row.title ?? row.agency;
}

/** A plan's name short enough for a note under a task: its number, or the first words of its title. */
function shortName(row: { agency: string; title: string | null }): string {
  const name = planName(row);
  if (name.length <= 80) return name;
  const cut = name.slice(0, 80);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

interface ScopeWords {
  /** Which plans: "Kế hoạch số 45/KH-UBND", "nhiệm vụ được giao tại 4 văn bản". */
  what: string;
  /** What the report is about, after "Tình hình thực hiện": "Kế hoạch số 45/KH-UBND quý I năm 2026". */
  subject: string;
}

function scopeWords(report: Report, period: Period | null): ScopeWords {
  const rows = report.byDocument.rows;
  const when = period ? period.words : `đến ngày ${dayText(report.asOf)}`;
  let what: string;
  if (rows.length === 1) what = planName(rows[0]!);
  else if (rows.length > 1 && rows.length <= 3 && rows.every((r) => isNumber(r.agency))) {
    const names = rows.map(planName);
    what = `nhiệm vụ tại ${names.slice(0, -1).join(', ')} và ${names.at(-1)}`;
  } else if (rows.length > 1) what = `nhiệm vụ được giao tại ${rows.length} văn bản`;
  else what = 'nhiệm vụ';
  return { what, subject: `${what} ${when}` };
}

function intro(report: Report, full: Report, period: Period | null, scope: ScopeWords): Paragraph[] {
  const n = full.files.length;
  const range = period ? `, gồm các nhiệm vụ có thời hạn hoàn thành trong ${period.words} (từ ngày ${dmy(period.start)} đến ngày ${dmy(period.end)})` : '';
  const out = [
    para(
      `Trên cơ sở ${n} sổ theo dõi do các cơ quan, đơn vị gửi về, số liệu tính đến ngày ${dmy(report.asOf)}${range}, ` +
        `tình hình thực hiện ${scope.what} như sau:`,
      { before: 12 },
    ),
  ];
  const rows = report.byDocument.rows;
  // Which plans, by number and title: a reader should not have to know the file names.
  if (rows.length > 1 || (rows.length === 1 && isNumber(rows[0]!.agency) && rows[0]!.title)) {
    rows.forEach((r, i) => {
      const name = planName(r);
      const title = r.title && name !== r.title ? `: ${r.title}` : '';
      out.push(para(`- ${name}${title}${i === rows.length - 1 ? '.' : ';'}`, { before: 3 }));
    });
  }
  return out;
}

function overall(report: Report, period: Period | null): Block[] {
  const t = report.byAgency.total;
  const c = t.counts;
  const N = t.total;
  if (N === 0) return [para(`Không có nhiệm vụ nào${period ? ` có thời hạn hoàn thành trong ${period.words}` : ''}.`)];
  const done = c.done_on_time + c.done_late;
  const open = c.open_on_time + c.open_overdue + c.no_deadline;
  const share = (n: number): string => `${num(n)} nhiệm vụ (${percent(n / N)})`;
  const openParts = [
    c.open_on_time > 0 ? `${num(c.open_on_time)} còn trong hạn` : null,
    c.open_overdue > 0 ? `${num(c.open_overdue)} đã quá hạn` : null,
    c.no_deadline > 0 ? `${num(c.no_deadline)} không có hạn cụ thể` : null,
  ].filter((x) => x !== null);
  const outside = [
    c.suspended > 0 ? `tạm dừng ${share(c.suspended)}` : null,
    c.cancelled > 0 ? `bị hủy ${share(c.cancelled)}` : null,
  ].filter((x) => x !== null);
  const sentence =
    `Tổng số ${num(N)} nhiệm vụ; đã hoàn thành ${share(done)}` +
    (done > 0 ? `, gồm ${num(c.done_on_time)} đúng hạn, ${num(c.done_late)} quá hạn` : '') +
    `; chưa hoàn thành ${share(open)}` +
    (openParts.length ? `, gồm ${openParts.join(', ')}` : '') +
    (outside.length ? `; ${outside.join('; ')}` : '') +
    '.';
  const out: Block[] = [para(sentence), para(rateSentence(t))];
  out.push(note(rateNote(report)));
  if (report.dueSoon.length > 0) out.push(para(`Có ${num(report.dueSoon.length)} nhiệm vụ sắp đến hạn trong ${report.dueSoonDays} ngày tới.`));
  if (report.conflicts.length > 0) {
    out.push(para(`Có ${num(report.conflicts.length)} nhiệm vụ được các sổ theo dõi ghi khác nhau, cần thống nhất; báo cáo tạm tính theo trạng thái thấp hơn.`));
  }
  if (report.issues.length > 0) {
    out.push(para(`Có ${num(report.issues.length)} ô trạng thái hoặc ngày hoàn thành cần xem lại (trang "Cần kiểm tra" của báo cáo tổng hợp .xlsx).`));
  }
  return out;
}

/** "Tỷ lệ hoàn thành đạt 91,8% số nhiệm vụ đến hạn (2.501/2.723); 75,0% tổng số nhiệm vụ (3.000/4.000)." */
function rateSentence(t: RollupRow): string {
  const onDue = t.rateDue === null ? 'chưa có nhiệm vụ nào đến hạn' : `${percent(t.rateDue)} số nhiệm vụ đến hạn (${num(t.dueDone)}/${num(t.due)})`;
  const onAll = t.rateAll === null ? 'không có nhiệm vụ nào tính tỷ lệ' : `${percent(t.rateAll)} tổng số nhiệm vụ (${num(t.ratedDone)}/${num(t.rated)})`;
  return t.rateDue === null && t.rateAll === null ? `Chưa tính được tỷ lệ hoàn thành: ${onDue}, ${onAll}.` : `Tỷ lệ hoàn thành đạt ${onDue}; ${onAll}.`;
}

/** How the rates are counted, and what they leave out (rollup/rollup.ts). */
function rateNote(report: Report): string {
  const c = report.byAgency.total.counts;
  const routine = report.byAgency.total.routine;
  const out = [
    c.suspended > 0 ? `${num(c.suspended)} nhiệm vụ tạm dừng` : 'nhiệm vụ tạm dừng',
    c.cancelled > 0 ? `${num(c.cancelled)} nhiệm vụ bị hủy` : 'nhiệm vụ bị hủy',
    ...(report.excludeRoutine ? [routine > 0 ? `${num(routine)} nhiệm vụ thường xuyên` : 'nhiệm vụ thường xuyên'] : []),
  ];
  const left = `${out.slice(0, -1).join(', ')} và ${out.at(-1)}`;
  return (
    'Tỷ lệ trên số nhiệm vụ đến hạn (cách tính của Văn phòng Chính phủ) = số nhiệm vụ đến hạn đã hoàn thành ÷ số nhiệm vụ đến hạn ' +
    '(hạn cuối không muộn hơn ngày báo cáo); tỷ lệ trên tổng số = số nhiệm vụ đã hoàn thành ÷ tổng số nhiệm vụ tính tỷ lệ. ' +
    `Không tính vào tỷ lệ: ${left}${report.excludeRoutine ? ' (như QĐ 23/2018)' : '; nhiệm vụ thường xuyên có tính'}.`
  );
}

// ── tables ──────────────────────────────────────────────────────────────────

/** Numbers the tables in the order they appear ("Bảng 1.", "Bảng 2." …). */
function tableNumbers(): () => number {
  let n = 0;
  return () => ++n;
}

type TableLine = { lead: string; note?: string | null; row: RollupRow };

/** The 2×2 split as the government's reports draw it, then the tasks outside the rates, under two header rows. */
function countTable(leadHeader: string, rows: readonly TableLine[], total: RollupRow) {
  const OPEN: ReadonlyArray<Category> = ['open_on_time', 'open_overdue', 'no_deadline'];
  const widths = [600, 0, 750, 800, 800, 850, 800, 900, 800, 700];
  widths[1] = TEXT_WIDTH - widths.reduce((a, b, i) => (i === 1 ? a : a + b), 0);
  const header: Row[] = [
    {
      cells: [
        headerCell('STT', { vMerge: 'restart' }),
        headerCell(leadHeader, { vMerge: 'restart' }),
        headerCell('Tổng số', { vMerge: 'restart' }),
        headerCell('Đã hoàn thành', { span: 2 }),
        headerCell('Chưa hoàn thành', { span: 3 }),
        headerCell(CATEGORIES.suspended, { vMerge: 'restart' }),
        headerCell(CATEGORIES.cancelled, { vMerge: 'restart' }),
      ],
    },
    {
      cells: [
        mergedBelow, mergedBelow, mergedBelow,
        headerCell('Đúng hạn'), headerCell('Quá hạn'), headerCell('Trong hạn'), headerCell('Quá hạn'), headerCell(CATEGORIES.no_deadline),
        mergedBelow, mergedBelow,
      ],
    },
  ];
  const line = (r: RollupRow): ReturnType<typeof centreCell>[] => [
    centreCell(num(r.total)),
    centreCell(num(r.counts.done_on_time)),
    centreCell(num(r.counts.done_late)),
    ...OPEN.map((k) => centreCell(num(r.counts[k]))),
    centreCell(num(r.counts.suspended)),
    centreCell(num(r.counts.cancelled)),
  ];
  return gridTable(widths, header, bodyRows(rows, total, line));
}

/** The two completion rates, each after its denominator and the done tasks counted (rollup/rollup.ts). */
function rateTable(leadHeader: string, rows: readonly TableLine[], total: RollupRow) {
  const widths = [600, 0, 1000, 1000, 1000, 1000, 1000, 1000];
  widths[1] = TEXT_WIDTH - widths.reduce((a, b, i) => (i === 1 ? a : a + b), 0);
  const header: Row[] = [
    {
      cells: [
        headerCell('STT', { vMerge: 'restart' }),
        headerCell(leadHeader, { vMerge: 'restart' }),
        headerCell('Trên số nhiệm vụ đến hạn', { span: 3 }),
        headerCell('Trên tổng số nhiệm vụ', { span: 3 }),
      ],
    },
    {
      cells: [
        mergedBelow, mergedBelow,
        headerCell('Số nhiệm vụ đến hạn'), headerCell('Đã hoàn thành'), headerCell('Tỷ lệ'),
        headerCell('Số nhiệm vụ tính tỷ lệ'), headerCell('Đã hoàn thành'), headerCell('Tỷ lệ'),
      ],
    },
  ];
  const rate = (r: number | null): string => (r === null ? '—' : percent(r));
  const line = (r: RollupRow): ReturnType<typeof centreCell>[] => [
    centreCell(num(r.due)),
    centreCell(num(r.dueDone)),
    centreCell(rate(r.rateDue)),
    centreCell(num(r.rated)),
    centreCell(num(r.ratedDone)),
    centreCell(rate(r.rateAll)),
  ];
  return gridTable(widths, header, bodyRows(rows, total, line));
}

function bodyRows(rows: readonly TableLine[], total: RollupRow, line: (r: RollupRow) => ReturnType<typeof centreCell>[]): Row[] {
  const body: Row[] = rows.map((x, i) => ({ cells: [centreCell(i + 1), textCell(x.lead, { note: x.note ?? null }), ...line(x.row)] }));
  body.push(totalRow([{ ...textCell('Tổng cộng'), span: 2 }, ...line(total)]));
  return body;
}

/** A count table and its rate table, each with its caption. */
function tablePair(subject: string, leadHeader: string, rows: readonly TableLine[], total: RollupRow, next: () => number): Block[] {
  return [
    caption(`Bảng ${next()}. Tình hình thực hiện nhiệm vụ theo ${subject}`),
    countTable(leadHeader, rows, total),
    caption(`Bảng ${next()}. Tỷ lệ hoàn thành nhiệm vụ theo ${subject}`),
    rateTable(leadHeader, rows, total),
  ];
}

async function byAgency(report: Report, withChart: boolean, next: () => number): Promise<Block[]> {
  const rows = report.byAgency.rows;
  const by = report.grouping === 'today' ? ' (theo tên cơ quan hiện nay, sau sắp xếp năm 2025)' : '';
  const out: Block[] = [para(`Mỗi nhiệm vụ được tính cho từng cơ quan chủ trì${by}; dòng "Tổng cộng" tính mỗi nhiệm vụ một lần.`)];
  const late = rows.filter((r) => r.counts.open_overdue > 0).sort((a, b) => b.counts.open_overdue - a.counts.open_overdue);
  out.push(
    para(
      late.length
        ? `Cơ quan còn nhiệm vụ quá hạn chưa hoàn thành: ${late.map((r) => `${r.agency} (${num(r.counts.open_overdue)})`).join(', ')}.`
        : 'Không cơ quan nào còn nhiệm vụ quá hạn chưa hoàn thành.',
    ),
  );
  const lines = rows.map((row) => ({ lead: row.agency, row }));
  const [countCaption, counts, rateCaption, rates] = tablePair('cơ quan chủ trì', 'Cơ quan chủ trì', lines, report.byAgency.total, next);
  out.push(countCaption!, counts!);
  if (withChart && rows.length > 0) {
    out.push(await agencyChart(rows));
    out.push(caption(rows.length > CHART_AGENCIES ? `Biểu đồ: ${CHART_AGENCIES} cơ quan chủ trì có nhiều nhiệm vụ nhất` : 'Biểu đồ: tình hình thực hiện theo cơ quan chủ trì', true));
  }
  out.push(rateCaption!, rates!);
  return out;
}

function caption(text: string, after = false): Paragraph {
  return p([{ text, italic: true, bold: !after, size: 12 }], { align: 'center', before: after ? 2 : 6, after: 3, keepNext: !after });
}

function byDocument(report: Report, next: () => number): Block[] {
  const lines = report.byDocument.rows.map((row) => ({ lead: planName(row), note: isNumber(row.agency) ? row.title : null, row }));
  return tablePair('văn bản', 'Văn bản', lines, report.byDocument.total, next);
}

/** The task, as a reader finds it in the plan: "2. Tham mưu …", and which plan when there are several. */
function taskCell(report: Report, t: ReportTask): ReturnType<typeof textCell> {
  const content = t.task.content.length > 1200 ? `${t.task.content.slice(0, 1200)}…` : t.task.content;
  const row = report.byDocument.rows.find((r) => r.key === t.docKey);
  const plan = report.byDocument.rows.length > 1 && row ? shortName(row) : null;
  return textCell(`${t.task.tt ? `${t.task.tt}. ` : ''}${content}`, { note: plan });
}

function taskTable(report: Report, tasks: ReadonlyArray<ReportTask & { days?: number }>, last: { header: string; value: (t: ReportTask & { days?: number }) => string }): Block {
  const widths = [600, 0, 1900, 1250, 1300];
  widths[1] = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const header: Row[] = [{ cells: [headerCell('STT'), headerCell('Nhiệm vụ'), headerCell('Cơ quan chủ trì'), headerCell('Hạn cuối'), headerCell(last.header)] }];
  const body: Row[] = tasks.map((t, i) => ({
    cells: [
      centreCell(i + 1),
      taskCell(report, t),
      textCell(t.agencies.join('; ') || '(chưa xác định)'),
      centreCell(t.task.deadline.end ? dmy(t.task.deadline.end) : '—'),
      centreCell(last.value(t)),
    ],
    cantSplit: false,
  }));
  return gridTable(widths, header, body);
}

function overdue(report: Report): Block[] {
  const list = report.overdue;
  if (list.length === 0) return [para('Không có nhiệm vụ nào chưa hoàn thành đã quá hạn.')];
  const agencies = new Set(list.flatMap((t) => t.agencies));
  return [
    para(`Có ${list.length} nhiệm vụ chưa hoàn thành đã quá hạn, thuộc ${agencies.size} cơ quan chủ trì (xếp theo số ngày quá hạn, nhiều nhất trước):`),
    taskTable(report, list, { header: 'Số ngày quá hạn', value: (t) => String(t.days ?? '') }),
  ];
}

function dueSoon(report: Report): Block[] {
  const list = report.dueSoon;
  if (list.length === 0) return [para(`Không có nhiệm vụ nào đến hạn trong ${report.dueSoonDays} ngày tới.`)];
  return [
    para(`Có ${list.length} nhiệm vụ chưa hoàn thành sẽ đến hạn trong ${report.dueSoonDays} ngày tới, cần đôn đốc:`),
    taskTable(report, list, { header: 'Số ngày còn lại', value: (t) => String(t.days ?? '') }),
  ];
}

/** What a conflicting task was counted as: its status, its completion date when done, the deadline when that is disputed. */
function countedAs(t: ReportTask): string {
  const s = t.tracking.status ?? '(trống)';
  const done = t.status.done && t.tracking.doneDate ? `${s}, ngày ${dmy(t.tracking.doneDate)}` : s;
  return t.conflicts.includes('deadline') && t.task.deadline.end ? `${done}; hạn cuối ${dmy(t.task.deadline.end)}` : done;
}

function conflicts(report: Report): Block[] {
  const widths = [600, 0, 3000, 1900];
  widths[1] = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const header: Row[] = [{ cells: [headerCell('STT'), headerCell('Nhiệm vụ'), headerCell('Các sổ theo dõi ghi'), headerCell('Tạm tính là')] }];
  const body: Row[] = report.conflicts.map((t, i) => ({
    cells: [
      centreCell(i + 1),
      taskCell(report, t),
      textCell(
        t.sources
          .map((x) => {
            const parts = [x.typed.status ?? '(trống)', x.typed.doneDate ? `ngày hoàn thành ${/^\d{4}-\d{2}-\d{2}$/.test(x.typed.doneDate) ? dmy(x.typed.doneDate) : x.typed.doneDate}` : null];
            if (t.conflicts.includes('deadline') && x.end) parts.push(`hạn cuối ${dmy(x.end)}`);
            return `${baseName(x.file)} (dòng ${x.row}): ${parts.filter((v) => v !== null).join(', ')}`;
          })
          .join('\n'),
      ),
      textCell(countedAs(t)),
    ],
    cantSplit: false,
  }));
  return [
    para(`Có ${report.conflicts.length} nhiệm vụ được các sổ theo dõi ghi khác nhau; đề nghị các cơ quan thống nhất. Trong khi chờ, báo cáo tính theo trạng thái thấp hơn (hạn cuối sớm hơn):`),
    gridTable(widths, header, body),
  ];
}

function change(before: number | null, now: number): string {
  if (before === null) return `là ${now}`;
  if (now > before) return `tăng từ ${before} lên ${now} (+${now - before})`;
  if (now < before) return `giảm từ ${before} xuống ${now} (−${before - now})`;
  return `không đổi (${now})`;
}

function compared(report: Report, c: Comparison, narrowed: boolean, next: () => number): Block[] {
  const when = c.earlier.asOf ? `ngày ${dmy(c.earlier.asOf)}` : `trước (${baseName(c.earlier.file)})`;
  const out: Block[] = [
    para(
      `So với báo cáo ${when}: số nhiệm vụ đã hoàn thành ${change(c.total.doneBefore, c.total.doneNow)}; ` +
        `số nhiệm vụ chưa hoàn thành đã quá hạn ${change(c.total.overdueBefore, c.total.overdueNow)}.`,
    ),
  ];
  // The earlier workbook holds its own totals only: a period or a plan chosen now does not narrow them.
  if (narrowed) out.push(note(`Số liệu của báo cáo ${when} là số liệu chung của báo cáo đó, không lọc theo kỳ báo cáo hoặc văn bản đã chọn.`));
  if (c.doneSince.length === 0) out.push(para(`Không có nhiệm vụ nào hoàn thành thêm kể từ báo cáo ${when}.`));
  else {
    out.push(para(`Đã hoàn thành thêm ${c.doneSince.length} nhiệm vụ kể từ báo cáo ${when}:`));
    out.push(
      taskTable(report, c.doneSince, {
        header: 'Ngày hoàn thành',
        value: (t) => (t.tracking.doneDate ? dmy(t.tracking.doneDate) : '—') + (t.status.category === 'done_late' ? ' (quá hạn)' : ''),
      }),
    );
  }
  if (c.newlyOverdue.length === 0) out.push(para(`Không có nhiệm vụ nào mới quá hạn kể từ báo cáo ${when}.`));
  else {
    out.push(para(`Có ${c.newlyOverdue.length} nhiệm vụ mới quá hạn (chưa quá hạn ở báo cáo ${when}):`));
    out.push(taskTable(report, c.newlyOverdue, { header: 'Số ngày quá hạn', value: (t) => String(t.days ?? '') }));
  }
  if (c.stillOverdue > 0) out.push(para(`${c.stillOverdue} nhiệm vụ đã quá hạn từ báo cáo ${when} đến nay vẫn chưa hoàn thành.`));

  const widths = [600, 0, 1100, 1100, 1100, 1100];
  widths[1] = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const header: Row[] = [
    {
      cells: [
        headerCell('STT', { vMerge: 'restart' }),
        headerCell('Cơ quan chủ trì', { vMerge: 'restart' }),
        headerCell('Đã hoàn thành', { span: 2 }),
        headerCell('Chưa hoàn thành, quá hạn', { span: 2 }),
      ],
    },
    { cells: [mergedBelow, mergedBelow, headerCell('Báo cáo trước'), headerCell('Nay'), headerCell('Báo cáo trước'), headerCell('Nay')] },
  ];
  const nums = (x: Comparison['total']) => [centreCell(x.doneBefore ?? '—'), centreCell(x.doneNow), centreCell(x.overdueBefore ?? '—'), centreCell(x.overdueNow)];
  // Narrowed to a period or a plan, an agency with no task in it now is left out (the earlier figures are not narrowed).
  const shown = narrowed ? c.byAgency.filter((x) => report.byAgency.rows.some((r) => r.agency === x.agency)) : c.byAgency;
  const body: Row[] = shown.map((x, i) => ({ cells: [centreCell(i + 1), textCell(x.agency), ...nums(x)] }));
  body.push(totalRow([{ ...textCell('Tổng cộng'), span: 2 }, ...nums(c.total)]));
  out.push(caption(`Bảng ${next()}. So sánh với báo cáo ${when} theo cơ quan chủ trì`));
  out.push(gridTable(widths, header, body));
  return out;
}

function proposals(s: ReportSettings): Block[] {
  const given = s.proposals ?? [];
  if (given.length) return given.map((x) => para(x));
  // Dotted lines for the office to write in, as offices leave them.
  const dots = '…'.repeat(60);
  return [para(dots), para(dots)];
}

// ── chart ───────────────────────────────────────────────────────────────────

const SERIES: ReadonlyArray<{ key: Category; name: string; color: string }> = [
  { key: 'done_on_time', name: 'Hoàn thành đúng hạn', color: '2E7D32' },
  { key: 'done_late', name: 'Hoàn thành quá hạn', color: '9CCC65' },
  { key: 'open_on_time', name: 'Chưa hoàn thành, trong hạn', color: '4F81BD' },
  { key: 'open_overdue', name: 'Chưa hoàn thành, quá hạn', color: 'C0504D' },
  { key: 'no_deadline', name: 'Không có hạn cụ thể', color: 'A6A6A6' },
  { key: 'suspended', name: 'Tạm dừng', color: 'FFC000' },
  { key: 'cancelled', name: 'Bị hủy', color: '595959' },
];

/** Stacked bars, one per agency (the first at the top), with its data as an embedded workbook for Word's "Edit Data". */
async function agencyChart(rows: readonly RollupRow[]): Promise<Chart> {
  // Bars are drawn bottom up: the list reversed puts the agency with most tasks on top.
  const shown = rows.slice(0, CHART_AGENCIES).reverse();
  const series = SERIES.map((s) => ({ name: s.name, color: s.color, values: shown.map((r) => r.counts[s.key]) }));
  const workbook = await writeXlsx({
    creator: 'phuluc',
    fullCalcOnLoad: false,
    definedNames: [],
    sheets: [
      {
        name: 'Sheet1',
        columns: [40, ...SERIES.map(() => 14)],
        rows: function* () {
          yield { r: 1, cells: [{ value: 'Cơ quan chủ trì' }, ...SERIES.map((s) => ({ value: s.name }))] };
          for (const [i, r] of shown.entries()) yield { r: i + 2, cells: [{ value: r.agency }, ...SERIES.map((s) => ({ value: r.counts[s.key] }))] };
        },
      },
    ],
  });
  return {
    kind: 'chart',
    title: 'Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì',
    categories: shown.map((r) => r.agency),
    series,
    direction: 'bar',
    stacked: true,
    width: TEXT_WIDTH,
    height: mm(Math.min(200, 45 + 10 * shown.length)),
    description: `Biểu đồ thanh xếp chồng: số nhiệm vụ của ${shown.length} cơ quan chủ trì theo tình trạng thực hiện`,
    workbook,
  };
}

// ── footer ──────────────────────────────────────────────────────────────────

function footerText(report: Report, full: Report, period: Period | null, plan: string | null, c: Comparison | null, at: Date): string {
  const parts = [
    `Số liệu trích xuất lúc ${vietnamTime(at)} từ ${full.files.length} sổ theo dõi, tính đến ngày ${dmy(report.asOf)}`,
    period ? `kỳ báo cáo: ${period.words} (hạn cuối từ ${dmy(period.start)} đến ${dmy(period.end)})` : 'kỳ báo cáo: mọi thời hạn',
    plan !== null
      ? `văn bản: ${report.byDocument.rows.map((r) => r.agency).join(', ')}`
      : `văn bản: tất cả (${full.byDocument.rows.length})`,
  ];
  if (report.grouping === 'today') parts.push('cơ quan theo tên hiện nay (sau sắp xếp năm 2025)');
  if (c) parts.push(`so sánh với báo cáo ${c.earlier.asOf ? `ngày ${dmy(c.earlier.asOf)}` : ''} (${baseName(c.earlier.file)})`.replace('  ', ' '));
  return `${parts.join('; ')}.`;
}

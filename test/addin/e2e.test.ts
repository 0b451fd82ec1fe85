/**
 * The task pane, built and loaded in headless Debian Chromium (playwright-core,
 * never a downloaded browser), with Office.js answered by a stub over the
 * fake workbook. Clicks through Nhập phụ lục (a seed .docx, or .txt when no
 * .docx seed is there) → Kiểm tra → a finding → Xoá đánh dấu → Tổng hợp and
 * checks the sheets after each step. Saves a screenshot of the pane to
 * test/addin/artifacts/taskpane.png.
 *
 * Skipped (with a message) only when /usr/bin/chromium is missing and CI is
 * not set; in CI it runs, and fails without Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPane } from '../../addin/build.js';
import { staticHandler } from '../../addin/static.js';
import { isoToSerial } from '../../addin/src/excel/address.js';
import { COLUMN_OF, warningsByTask } from '../../addin/src/app/layout.js';
import { REPORT_HEADER_ROW, REPORT_SHEET, reportLine } from '../../addin/src/app/report.js';
import { SEVERITY_FILL } from '../../addin/src/app/marks.js';
import { convertDocument } from '../../pipeline/convert.js';
import { readDocx } from '../../pipeline/read/docx.js';
import type { ConvertedDocument } from '../../pipeline/model/document.js';
import { CATEGORY_KEYS, type Tracking } from '../../pipeline/model/tracking.js';
import { rollup } from '../../pipeline/rollup/rollup.js';
import { TASK_COLUMNS } from '../../pipeline/write/columns.js';
import { bytesOf, ROOT } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
if (skip) {
  console.warn(
    `[phuluc] e2e test of the task pane SKIPPED: ${CHROMIUM} is missing. Install Debian's chromium (bash scripts/setup.sh, or apt-get install -y chromium). With CI set, the test runs and fails instead.`,
  );
}

export const SCREENSHOT = path.join(ROOT, 'test/addin/artifacts/taskpane.png');
const AS_OF = '2026-03-15';
const DOCX = path.join(ROOT, 'samples/docx/000_608305ae69954cdd.docx');
const TXT = path.join(ROOT, 'samples/000_608305ae69954cdd.txt');
const SEED = existsSync(DOCX) ? DOCX : TXT;
const SHEET = 'Nhiệm vụ';

type Grid = Array<Array<string | number | boolean>>;

describe.skipIf(skip)('the task pane in headless Chromium', () => {
  let out: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  let expected: ConvertedDocument;
  const problems: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'phuluc-pane-'));
    const [, doc] = await Promise.all([buildPane({ outDir: out, stub: true }), convertDocument(path.basename(SEED), bytesOf(SEED), { asOf: AS_OF })]);
    expected = doc;
    server = createServer(staticHandler(out));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 360, height: 860 }, locale: 'vi-VN', deviceScaleFactor: 1 });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${base}/taskpane.html`);
    await page.waitForFunction(() => (document.getElementById('about')?.textContent ?? '') !== '');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const grid = (name: string) => page.evaluate((n) => (window as any).__phuluc.grid(n), name) as Promise<Grid>;
  const dump = (name: string) => page.evaluate((n) => (window as any).__phuluc.dump(n), name) as Promise<Record<string, { v?: unknown; fmt: { fill?: { color: string } } }>>;
  const status = async (re: RegExp) => {
    await page.waitForFunction(
      (src) => {
        const s = document.getElementById('status')!;
        return (s.classList.contains('ok') || s.classList.contains('error')) && new RegExp(src).test(s.textContent ?? '');
      },
      re.source,
      { timeout: 15_000 },
    );
    const s = page.locator('#status');
    expect(await s.getAttribute('class')).toContain('ok');
    return (await s.textContent()) ?? '';
  };
  const col = (key: string) => COLUMN_OF[key]!;
  const addr = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;

  let beforeCheck: Awaited<ReturnType<typeof dump>>;

  it('Nhập phụ lục: the seed becomes a Nhiệm vụ table laid out like the CLI’s', async () => {
    // The report date decides which deadlines are already past (Cảnh báo): the same as the CLI's.
    await page.fill('#as-of', AS_OF);
    await page.setInputFiles('#import-file', SEED);
    const text = await status(/Đã nhập/);
    expect(text).toContain(`${expected.tasks.length} nhiệm vụ`);
    const sheets = await page.evaluate(() => (window as any).__phuluc.sheets());
    expect(sheets).toContain(SHEET);
    expect(await page.evaluate(() => (window as any).__phuluc.active())).toBe(SHEET);

    const g = await grid(SHEET);
    expect(g[0]).toEqual(TASK_COLUMNS.map((c) => c.header));
    expect(g.length - 1).toBe(expected.tasks.length);
    const warnings = warningsByTask(expected.findings);
    expected.tasks.forEach((t, i) => {
      const row = g[i + 1]!;
      expect(row[col('index')]).toBe(i + 1);
      expect(row[col('tt')]).toBe(t.tt ?? '');
      expect(row[col('content')]).toBe(t.content);
      expect(row[col('lead')]).toBe(t.lead.join('; '));
      expect(row[col('support')]).toBe(t.support.join('; '));
      expect(row[col('deadlineRaw')]).toBe(t.deadline.raw ?? '');
      expect(row[col('deadlineEnd')]).toBe(t.deadline.end ? isoToSerial(t.deadline.end) : '');
      expect(String(row[col('category')])).toMatch(/^=IF\(/);
      expect(row[col('warnings')]).toBe(warnings.get(t.id) ?? '');
      expect(row[col('source')]).toBe(path.basename(SEED));
    });
    const tables = await page.evaluate(() => (window as any).__phuluc.tables());
    expect(tables).toEqual([{ name: 'NhiemVu', sheet: SHEET, address: `A1:Q${expected.tasks.length + 1}`, style: 'TableStyleLight9' }]);
    expect(await page.evaluate((n) => (window as any).__phuluc.frozen(n), SHEET)).toBe(1);
  });

  it('Kiểm tra: findings grouped by rule with counts, the cells marked', async () => {
    // The user's own highlight on a cell the check will mark, and a note.
    await page.evaluate(
      ([n, r, c]) => (window as any).__phuluc.fill(n, r, c, '#FFFF00'),
      [SHEET, 1, col('deadlineRaw')] as const,
    );
    await page.evaluate(([n, r, c]) => (window as any).__phuluc.type(n, r, c, 'Đã giao phòng Kế hoạch'), [SHEET, 3, col('notes')] as const);
    beforeCheck = await dump(SHEET);

    await page.click('#check');
    const text = await status(/cảnh báo/);
    expect(text).toContain(`${expected.findings.length} cảnh báo`);

    const groups = await page.$$eval('#findings details.group', (ds) =>
      ds.map((d) => ({ rule: (d as HTMLElement).dataset.rule, count: Number(d.querySelector('.badge')!.textContent), items: d.querySelectorAll('.finding').length })),
    );
    const want: Record<string, number> = {};
    for (const f of expected.findings) want[f.rule] = (want[f.rule] ?? 0) + 1;
    expect(Object.fromEntries(groups.map((g) => [g.rule, g.count]))).toEqual(want);
    for (const g of groups) expect(g.items).toBe(g.count);

    // Every finding's cell carries the colour of its severity.
    const cells = await dump(SHEET);
    const items = await page.$$eval('#findings .finding', (bs) => bs.map((b) => (b as HTMLElement).dataset.address!));
    expect(items.length).toBe(expected.findings.length);
    for (const a of items) expect(Object.values(SEVERITY_FILL)).toContain(cells[a]!.fmt.fill!.color);
    expect(cells[addr(1, col('deadlineRaw'))]!.fmt.fill!.color).toBe(SEVERITY_FILL.warning);
    // No value changed.
    for (const [a, c] of Object.entries(beforeCheck)) expect([a, cells[a]?.v]).toEqual([a, c.v]);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('clicking a finding selects its cell', async () => {
    const first = page.locator('#findings .finding').first();
    const address = await first.getAttribute('data-address');
    await first.click();
    await status(/Đã chọn ô/);
    expect(await page.evaluate(() => (window as any).__phuluc.selection())).toEqual({ sheet: SHEET, address });
  });

  it('Xoá đánh dấu: every value and format as before Kiểm tra', async () => {
    await page.click('#clear');
    await status(/Đã xoá đánh dấu/);
    expect(await dump(SHEET)).toEqual(beforeCheck);
    expect(await page.locator('#findings').isHidden()).toBe(true);
  });

  it('Tổng hợp: the rollup per lead agency for the chosen date', async () => {
    // Statuses typed by staff.
    const tracking: Array<Tracking | undefined> = expected.tasks.map(() => undefined);
    const dated = expected.tasks.flatMap((t, i) => (t.deadline.end ? [i] : []));
    expect(dated.length).toBeGreaterThanOrEqual(2);
    tracking[dated[0]!] = { status: 'Hoàn thành', doneDate: '2026-02-01', notes: null };
    tracking[dated[1]!] = { status: 'Đang thực hiện', doneDate: null, notes: null };
    for (const [i, t] of tracking.entries()) {
      if (!t) continue;
      await page.evaluate(([n, r, c, v]) => (window as any).__phuluc.type(n, r, c, v), [SHEET, i + 1, col('status'), t.status!] as const);
      if (t.doneDate) await page.evaluate(([n, r, c, v]) => (window as any).__phuluc.type(n, r, c, v), [SHEET, i + 1, col('doneDate'), isoToSerial(t.doneDate)] as const);
    }
    await page.fill('#as-of', AS_OF);
    await page.click('#rollup');
    await status(/Đã ghi trang/);
    expect(await page.evaluate(() => (window as any).__phuluc.active())).toBe(REPORT_SHEET);

    const roll = rollup(expected.tasks, tracking, { asOf: AS_OF, dueSoonDays: 14 });
    const g = await grid(REPORT_SHEET);
    expect(g[1]!.slice(0, 2)).toEqual(['Ngày báo cáo', isoToSerial(AS_OF)]);
    const line = (stt: number | '', r: typeof roll.total) => reportLine(stt, r);
    expect(g.slice(REPORT_HEADER_ROW + 1, REPORT_HEADER_ROW + 2 + roll.rows.length)).toEqual([...roll.rows.map((r, i) => line(i + 1, r)), line('', roll.total)]);
    expect(roll.total.counts.done_on_time + roll.total.counts.done_late).toBe(1);
  });

  it('Tải báo cáo Word: the pane builds the .docx and the browser downloads it, with the rollup’s figures', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('#word-report')]);
    await status(/Đã lập báo cáo/);
    expect(dl.suggestedFilename()).toBe(`bao-cao-${AS_OF}.docx`);
    const file = await dl.path();
    const bytes = new Uint8Array(readFileSync(file!));
    const doc = readDocx(dl.suggestedFilename(), bytes);
    const text = doc.blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.map((c) => c.text).join(' | ')).join('\n') : b.text)).join('\n');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(`Tổng số ${expected.tasks.length} nhiệm vụ; đã hoàn thành 1 nhiệm vụ`);
  });

  const PDF = path.join(ROOT, 'samples/pdf/000_608305ae69954cdd.pdf');
  it.skipIf(!existsSync(PDF))('Nhập phụ lục from a .pdf: pdf.js runs in the pane with its worker, same tasks as in Node', async () => {
    const want = await convertDocument(path.basename(PDF), bytesOf(PDF), { asOf: AS_OF });
    await page.setInputFiles('#import-file', PDF);
    await status(/Đã nhập/);
    const name = await page.evaluate(() => (window as any).__phuluc.active());
    expect(name).toBe(`${SHEET} (2)`);
    const g = await grid(name);
    expect(g.length - 1).toBe(want.tasks.length);
    expect(g.slice(1).map((r) => [r[col('tt')], r[col('content')], r[col('lead')], r[col('deadlineRaw')]])).toEqual(
      want.tasks.map((t) => [t.tt ?? '', t.content, t.lead.join('; '), t.deadline.raw ?? '']),
    );
  });

  const DOC = path.join(ROOT, 'samples/doc/003_9fe0b5bdb1f2cdf3.doc');
  it('Nhập phụ lục from a Word 97–2003 .doc: read in the pane, same tasks as in Node', async () => {
    const want = await convertDocument(path.basename(DOC), bytesOf(DOC), { asOf: AS_OF });
    await page.setInputFiles('#import-file', DOC);
    await status(/Đã nhập/);
    const name = await page.evaluate(() => (window as any).__phuluc.active());
    const g = await grid(name);
    expect(g.length - 1).toBe(want.tasks.length);
    expect(g.slice(1).map((r) => [r[col('tt')], r[col('content')], r[col('lead')], r[col('deadlineRaw')]])).toEqual(
      want.tasks.map((t) => [t.tt ?? '', t.content, t.lead.join('; '), t.deadline.raw ?? '']),
    );
  });

  it('the same pane on an ExcelApi 1.1 host (Office 2016): import, Kiểm tra, Xoá đánh dấu', async () => {
    const old = await browser.newPage({ viewport: { width: 360, height: 860 } });
    old.on('pageerror', (e) => problems.push(`pageerror (1.1): ${e.message}`));
    try {
      await old.goto(`${base}/taskpane.html?api=1.1&platform=PC`);
      // The about line says it in words (compatibility mode); the API version is data for tests.
      await old.waitForFunction(() => document.getElementById('about')?.dataset.api === '1.1');
      expect(await old.locator('#about').textContent()).toMatch(/^Chế độ tương thích: không có danh sách chọn/);
      const ok = (re: RegExp) =>
        old.waitForFunction((src) => {
          const st = document.getElementById('status')!;
          return st.classList.contains('ok') && new RegExp(src).test(st.textContent ?? '');
        }, re.source);
      await old.setInputFiles('#import-file', TXT);
      await ok(/Đã nhập/);
      const before = await old.evaluate((n) => (window as any).__phuluc.dump(n), SHEET);
      await old.click('#check');
      await ok(/cảnh báo/);
      expect(await old.locator('#findings .finding').count()).toBeGreaterThan(0);
      await old.click('#clear');
      await ok(/Đã xoá đánh dấu/);
      expect(await old.evaluate((n) => (window as any).__phuluc.dump(n), SHEET)).toEqual(before);
      // No 1.7/1.8 extras on this host.
      expect(await old.evaluate((n) => (window as any).__phuluc.frozen(n), SHEET)).toBe(0);
      expect(await old.evaluate((n) => (window as any).__phuluc.validations(n), SHEET)).toEqual([]);
    } finally {
      await old.close();
    }
  });

  it('legacy.js, a classic script on the page, leaves the pane alone in Chromium; no rule code or API name shown', async () => {
    expect(await page.evaluate(() => Array.from(document.scripts).filter((s) => !s.type && s.src.endsWith('/legacy.js')).length)).toBe(1);
    expect(await page.locator('#legacy').count()).toBe(0);
    expect(await page.locator('#controls').isVisible()).toBe(true);
    expect(await page.locator('#about').textContent()).toBe('Excel đầy đủ tính năng');
    await page.click('#check');
    await status(/^Trang “/);
    const rules = await page.$$eval('#findings details.group', (ds) => ds.map((d) => (d as HTMLElement).dataset.rule!));
    expect(rules.length).toBeGreaterThan(0);
    const shown = (await page.locator('#findings').innerText()) + (await page.locator('#about').innerText());
    for (const r of rules) expect(shown).not.toContain(r);
    expect(shown).not.toMatch(/ExcelApi/);
  });

  it('no script error on the page', () => {
    expect(problems).toEqual([]);
  });
});

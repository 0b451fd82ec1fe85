/**
 * The task pane: plain DOM, Vietnamese text. It calls the app's actions and
 * shows their results; Excel is reached only through the adapter.
 */
import { PhulucApp, UserError, type CheckResult, type FindingGroup } from '../app/app.js';
import { ExcelAdapter, officeHost, officeReady } from '../excel/adapter.js';
import { preparePdf } from './pdf.js';

const SEVERITY_VI = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' } as const;
/** Findings listed per rule; the rest are counted (a long list would freeze the pane). */
const MAX_ITEMS = 200;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el;
}

function todayLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) e.append(c);
  return e;
}

class Pane {
  private busy = false;
  private readonly buttons: HTMLButtonElement[];

  constructor(private readonly app: PhulucApp) {
    this.buttons = ['import', 'check', 'clear', 'rollup'].map((id) => $(id) as HTMLButtonElement);
  }

  start(): void {
    const s = this.app.settings();
    const asOf = $('as-of') as HTMLInputElement;
    asOf.value = todayLocal();
    const dueSoon = $('due-soon') as HTMLInputElement;
    const vague = $('recurring-vague') as HTMLInputElement;
    dueSoon.value = String(s.dueSoonDays);
    vague.checked = s.recurringIsVague;
    const saveSettings = () =>
      this.act('Đang lưu cài đặt…', async () => {
        const days = Number(dueSoon.value);
        if (!Number.isFinite(days) || days < 0) throw new UserError('Số ngày sắp đến hạn phải là số không âm.', 'Days counted as due soon must be a number, 0 or more.');
        await this.app.saveSettings({ dueSoonDays: days, recurringIsVague: vague.checked });
        return 'Đã lưu cài đặt.';
      });
    dueSoon.addEventListener('change', saveSettings);
    vague.addEventListener('change', saveSettings);

    const file = $('import-file') as HTMLInputElement;
    $('import').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (!f) return;
      void this.act(`Đang đọc ${f.name}…`, async () => {
        const bytes = new Uint8Array(await f.arrayBuffer());
        if (/\.pdf$/i.test(f.name)) await preparePdf();
        const r = await this.app.importPlan(f.name, bytes, asOf.value || todayLocal());
        const title = r.document.title ? ` từ “${r.document.title}”` : '';
        return `Đã nhập ${r.tasks} nhiệm vụ${title} vào trang “${r.sheetName}” (${r.findings} cảnh báo). Bấm Kiểm tra để đánh dấu trên trang.`;
      });
    });

    $('check').addEventListener('click', () =>
      this.act('Đang kiểm tra…', async () => {
        const r = await this.app.check(asOf.value || todayLocal());
        this.showFindings(r);
        return r.findings.length
          ? `Trang “${r.sheetName}”: ${r.tasks} nhiệm vụ, ${r.findings.length} cảnh báo; đã tô ${r.marked} ô.`
          : `Trang “${r.sheetName}”: ${r.tasks} nhiệm vụ, không có cảnh báo.`;
      }),
    );
    $('clear').addEventListener('click', () =>
      this.act('Đang xoá đánh dấu…', async () => {
        const r = await this.app.clearMarks();
        this.hideFindings();
        if (r.fills + r.values === 0 && r.skipped === 0) return 'Không có đánh dấu nào để xoá.';
        const kept = r.skipped ? ` ${r.skipped} ô bạn đã sửa sau khi kiểm tra được giữ nguyên.` : '';
        return `Đã xoá đánh dấu: trả lại ${r.fills} ô tô màu và ${r.values} ô ghi chú như trước.${kept}`;
      }),
    );
    $('rollup').addEventListener('click', () =>
      this.act('Đang tổng hợp…', async () => {
        const r = await this.app.rollup(asOf.value);
        return `Đã ghi trang “${r.sheetName}”: ${r.agencies} cơ quan chủ trì, ${r.tasks} nhiệm vụ (nguồn: “${r.source}”).`;
      }),
    );

    const caps = this.app.excel.caps;
    $('about').textContent = `ExcelApi ${caps.api}${caps.validation ? '' : ' · không có danh sách chọn'}${caps.rangeAreas ? '' : ' · chế độ tương thích'}`;
  }

  private async act(busyText: string, f: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (const b of this.buttons) b.disabled = true;
    this.status(busyText, 'busy');
    try {
      this.status(await f(), 'ok');
    } catch (e) {
      this.status(e instanceof UserError ? e.message : `Lỗi không mong đợi: ${e instanceof Error ? e.message : String(e)}`, 'error');
      if (!(e instanceof UserError)) console.error(e);
    } finally {
      this.busy = false;
      for (const b of this.buttons) b.disabled = false;
    }
  }

  private status(text: string, kind: 'busy' | 'ok' | 'error'): void {
    const s = $('status');
    s.textContent = text;
    s.className = `status ${kind}`;
  }

  private hideFindings(): void {
    const box = $('findings');
    box.replaceChildren();
    box.hidden = true;
  }

  private showFindings(r: CheckResult): void {
    const box = $('findings');
    box.replaceChildren(el('p', { className: 'summary', textContent: `${r.tasks} nhiệm vụ · ${r.findings.length} cảnh báo · ${r.groups.length} loại` }));
    r.groups.forEach((g, i) => {
      const d = this.group(g);
      if (i === 0) d.open = true;
      box.append(d);
    });
    box.hidden = false;
  }

  private group(g: FindingGroup): HTMLDetailsElement {
    const d = el('details', { className: `group sev-${g.severity}` });
    d.dataset.rule = g.rule;
    const summary = el(
      'summary',
      {},
      el('span', { className: 'badge', textContent: String(g.count), title: SEVERITY_VI[g.severity] }),
      el('span', { className: 'title', textContent: g.title }),
      el('span', { className: 'rule', textContent: g.rule }),
    );
    d.append(summary);
    const list = el('ul');
    for (const it of g.items.slice(0, MAX_ITEMS)) {
      const b = el('button', { className: 'finding', type: 'button', title: `Chọn ô ${it.address}` }, el('span', { className: 'addr', textContent: it.address }), el('span', { textContent: it.message }));
      b.dataset.testid = 'finding';
      b.dataset.address = it.address;
      b.addEventListener('click', () =>
        this.act(`Đang chọn ô ${it.address}…`, async () => {
          await this.app.select(it);
          return `Đã chọn ô ${it.address}: ${it.message}`;
        }),
      );
      list.append(el('li', {}, b));
    }
    if (g.items.length > MAX_ITEMS) list.append(el('li', { className: 'more', textContent: `… và ${g.items.length - MAX_ITEMS} cảnh báo khác` }));
    d.append(list);
    return d;
  }
}

async function main(): Promise<void> {
  await officeReady();
  const app = new PhulucApp(new ExcelAdapter(officeHost()));
  new Pane(app).start();
}

void main().catch((e) => {
  const s = document.getElementById('status');
  if (s) {
    s.textContent = `Không khởi động được phần bổ trợ: ${e instanceof Error ? e.message : String(e)}`;
    s.className = 'status error';
  }
});

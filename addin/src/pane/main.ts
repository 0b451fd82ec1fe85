/**
 * The task pane: plain DOM. It calls the app's actions and shows their
 * results in Office's display language (Vietnamese, else English; texts in
 * strings.ts); Excel is reached only through the adapter.
 * In: the page taskpane.html (its controls by id). Out: the pane at work.
 */
import { PhulucApp, UserError, type CheckResult, type FindingGroup } from '../app/app.js';
import { ExcelAdapter, officeHost, officeReady } from '../excel/adapter.js';
import { preparePdf } from './pdf.js';
import { langOf, STRINGS, type StaticKey, type Strings } from './strings.js';

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

/** The page's fixed texts in the chosen language (the HTML holds the Vietnamese). */
function applyStatic(s: Strings): void {
  document.documentElement.lang = s.lang;
  document.title = s.static.pageTitle;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((node) => {
    const text = s.static[node.dataset.i18n as StaticKey];
    if (text !== undefined) node.textContent = text;
  });
}

class Pane {
  private busy = false;
  private readonly buttons: HTMLButtonElement[];

  constructor(
    private readonly app: PhulucApp,
    private readonly s: Strings,
  ) {
    this.buttons = ['import', 'check', 'clear', 'rollup', 'word-report'].map((id) => $(id) as HTMLButtonElement);
  }

  start(): void {
    const s = this.s;
    const settings = this.app.settings();
    const asOf = $('as-of') as HTMLInputElement;
    asOf.value = todayLocal();
    const dueSoon = $('due-soon') as HTMLInputElement;
    const vague = $('recurring-vague') as HTMLInputElement;
    const routine = $('exclude-routine') as HTMLInputElement;
    dueSoon.value = String(settings.dueSoonDays);
    vague.checked = settings.recurringIsVague;
    routine.checked = settings.excludeRoutine;
    const saveSettings = () =>
      this.act(s.savingSettings, async () => {
        const days = Number(dueSoon.value);
        if (!Number.isFinite(days) || days < 0) throw new UserError(s.dueSoonInvalid.vi, s.dueSoonInvalid.en);
        await this.app.saveSettings({ dueSoonDays: days, recurringIsVague: vague.checked, excludeRoutine: routine.checked });
        return s.settingsSaved;
      });
    dueSoon.addEventListener('change', saveSettings);
    vague.addEventListener('change', saveSettings);
    routine.addEventListener('change', saveSettings);

    const file = $('import-file') as HTMLInputElement;
    $('import').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = '';
      if (!f) return;
      void this.act(s.reading(f.name), async () => {
        const bytes = new Uint8Array(await f.arrayBuffer());
        if (/\.pdf$/i.test(f.name)) await preparePdf();
        const r = await this.app.importPlan(f.name, bytes, asOf.value || todayLocal());
        return s.imported({ tasks: r.tasks, title: r.document.title, sheetName: r.sheetName, findings: r.findings, clipped: r.clipped });
      });
    });

    $('check').addEventListener('click', () =>
      this.act(s.checking, async () => {
        const r = await this.app.check(asOf.value || todayLocal());
        this.showFindings(r);
        return s.checked({ sheetName: r.sheetName, tasks: r.tasks, findings: r.findings.length, marked: r.marked });
      }),
    );
    $('clear').addEventListener('click', () =>
      this.act(s.clearing, async () => {
        const r = await this.app.clearMarks();
        this.hideFindings();
        return r.fills + r.values === 0 && r.skipped === 0 && !r.logMissing && !r.ruleLeft ? s.nothingToClear : s.cleared(r);
      }),
    );
    $('rollup').addEventListener('click', () =>
      this.act(s.rollingUp, async () => s.rolledUp(await this.app.rollup(asOf.value))),
    );
    $('word-report').addEventListener('click', () =>
      this.act(s.reporting, async () => {
        const r = await this.app.wordReport(asOf.value || todayLocal());
        download(r.file, r.bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        return s.reported(r);
      }),
    );

    // In words, not API-set names; the version stays as data for tests and support.
    const caps = this.app.excel.caps;
    const about = $('about');
    const line = s.about(caps);
    about.textContent = line.text;
    about.title = line.title;
    about.dataset.api = caps.api;
  }

  private async act(busyText: string, f: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    for (const b of this.buttons) b.disabled = true;
    this.status(busyText, 'busy');
    try {
      this.status(await f(), 'ok');
    } catch (e) {
      if (e instanceof UserError) this.status(this.s.lang === 'vi' ? e.vi : e.en, 'error');
      else {
        this.status(this.s.unexpected(e instanceof Error ? e.message : String(e)), 'error');
        console.error(e);
      }
    } finally {
      this.busy = false;
      for (const b of this.buttons) b.disabled = false;
    }
  }

  private status(text: string, kind: 'busy' | 'ok' | 'error'): void {
    const st = $('status');
    st.textContent = text;
    st.className = `status ${kind}`;
  }

  private hideFindings(): void {
    const box = $('findings');
    box.replaceChildren();
    box.hidden = true;
  }

  private showFindings(r: CheckResult): void {
    const box = $('findings');
    box.replaceChildren(el('p', { className: 'summary', textContent: this.s.findingsSummary({ tasks: r.tasks, findings: r.findings.length, groups: r.groups.length }) }));
    r.groups.forEach((g, i) => {
      const d = this.group(g);
      if (i === 0) d.open = true;
      box.append(d);
    });
    box.hidden = false;
  }

  private group(g: FindingGroup): HTMLDetailsElement {
    const s = this.s;
    const vi = s.lang === 'vi';
    const d = el('details', { className: `group sev-${g.severity}` });
    // The rule's code is for tests and support only: never shown.
    d.dataset.rule = g.rule;
    d.append(
      el(
        'summary',
        {},
        el('span', { className: 'badge', textContent: String(g.count), title: s.severity[g.severity] }),
        el('span', { className: 'title', textContent: vi ? g.title : g.titleEn }),
      ),
    );
    const list = el('ul');
    for (const it of g.items.slice(0, MAX_ITEMS)) {
      const message = vi ? it.message : it.messageEn;
      const b = el('button', { className: 'finding', type: 'button', title: s.selectCell(it.address) }, el('span', { className: 'addr', textContent: it.address }), el('span', { textContent: message }));
      b.dataset.testid = 'finding';
      b.dataset.address = it.address;
      b.addEventListener('click', () =>
        this.act(s.selecting(it.address), async () => {
          await this.app.select(it);
          return s.selected(it.address, message);
        }),
      );
      list.append(el('li', {}, b));
    }
    if (g.items.length > MAX_ITEMS) list.append(el('li', { className: 'more', textContent: s.more(g.items.length - MAX_ITEMS) }));
    d.append(list);
    return d;
  }
}

/** Offer bytes as a file download (a link clicked in the pane: Excel on the web and WebView2 save it). */
function download(file: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = el('a', { href: url, download: file });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function main(): Promise<void> {
  // legacy.js found an engine too old for this bundle and put its message up: leave the page to it.
  if (document.getElementById('legacy')) return;
  // Office's display language comes through the adapter (the pane names no Office.*).
  const { language } = await officeReady();
  const s = STRINGS[langOf(language)];
  applyStatic(s);
  const app = new PhulucApp(new ExcelAdapter(officeHost()));
  new Pane(app, s).start();
}

void main().catch((e) => {
  const st = document.getElementById('status');
  if (st) {
    // Before Office answered, the browser's language is the best guess.
    st.textContent = STRINGS[langOf(navigator.language)].startFailed(e instanceof Error ? e.message : String(e));
    st.className = 'status error';
  }
});

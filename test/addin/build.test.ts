/**
 * The pane's build: a release for a real host (`--base-url`) and a
 * development build, side by side.
 *   - release: no source maps (the dev build has them); manifests/ holds both
 *     manifests with every URL on the release address (none on localhost),
 *     each pointing at a file of the build, the JSON still valid, and the
 *     zip to upload; a bad address is refused before anything is deleted;
 *   - every page: the CSP of csp.ts (no eval, object-src 'none' …) as a meta
 *     tag, no inline script, scripts only from where the CSP allows; the
 *     server sends the same policy as a header;
 *   - taskpane.html: legacy.js a classic script, the module the bundle; the
 *     file picker's extensions exactly those the core reads, the hint naming
 *     only those; its data-i18n texts are the Vietnamese of strings.ts, and
 *     every key has both languages.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPane, MANIFEST_ZIP, PAGES, parseArgs, rebaseManifest, releaseBase, type PaneBuild } from '../../addin/build.js';
import { staticHandler } from '../../addin/static.js';
import { CSP, CSP_DIRECTIVES } from '../../addin/src/pane/csp.js';
import { EN, langOf, VI } from '../../addin/src/pane/strings.js';
import { formatOf } from '../../pipeline/read/index.js';

type Element = DefaultTreeAdapterMap['element'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

function elements(n: { childNodes?: ChildNode[] }): Element[] {
  const out: Element[] = [];
  for (const c of n.childNodes ?? []) {
    if ('tagName' in c) {
      out.push(c, ...elements(c));
      if (c.tagName === 'template') continue;
    }
  }
  return out;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const text = (e: Element): string =>
  (e.childNodes ?? []).map((c) => ('value' in c && c.nodeName === '#text' ? c.value : 'tagName' in c ? text(c) : '')).join('');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const BASE = 'https://example.gov.vn/phuluc/';

describe('the pane build', () => {
  let root: string;
  let release: PaneBuild;
  let dev: PaneBuild;
  const rel = (f: string) => path.join(release.outDir, f);

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'phuluc-build-'));
    [release, dev] = await Promise.all([buildPane({ outDir: path.join(root, 'release'), baseUrl: BASE }), buildPane({ outDir: path.join(root, 'dev') })]);
  }, 60_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  describe('a release (--base-url)', () => {
    it('ships no source maps; a development build keeps them', () => {
      expect(release.files.filter((f) => f.endsWith('.map'))).toEqual([]);
      for (const f of release.files.filter((x) => /\.m?js$/.test(x))) expect([f, readFileSync(rel(f), 'utf8').includes('sourceMappingURL')]).toEqual([f, false]);
      expect(dev.files).toContain('taskpane.js.map');
      expect(readFileSync(path.join(dev.outDir, 'taskpane.js'), 'utf8')).toContain('sourceMappingURL=taskpane.js.map');
    });

    it('writes both manifests, their companions and the zip into manifests/', () => {
      for (const f of ['manifest.xml', 'manifest.json', 'en-us.json', 'color.png', 'outline.png', MANIFEST_ZIP]) expect(release.files, f).toContain(`manifests/${f}`);
      expect(dev.files.filter((f) => f.startsWith('manifests/'))).toEqual([]);
    });

    it('points every manifest URL at the release address and at a file of the build', () => {
      const base = new URL(BASE);
      const xml = readFileSync(rel('manifests/manifest.xml'), 'utf8');
      const json = readFileSync(rel('manifests/manifest.json'), 'utf8');
      for (const t of [xml, json, readFileSync(rel('manifests/en-us.json'), 'utf8')]) expect(t).not.toMatch(/localhost/i);
      // Every URL but XML namespaces and the JSON schema's own address.
      const bare = xml.replace(/\sxmlns(?::\w+)?="[^"]*"/g, '');
      const urls = [...`${bare}\n${json}`.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('https://developer.microsoft.com/json-schemas/'));
      expect(urls.length).toBeGreaterThan(20);
      for (const u of urls) {
        if (u === base.origin) continue; // AppDomain
        expect(u.startsWith(BASE), u).toBe(true);
        expect(existsSync(rel(u.slice(BASE.length))), u).toBe(true);
      }
      expect(xml).toContain(`<AppDomain>${base.origin}</AppDomain>`);
      const m = JSON.parse(json);
      expect(m.validDomains).toEqual([base.host]);
      expect(m.developer).toEqual({ name: 'phuluc', websiteUrl: `${BASE}support.html`, privacyUrl: `${BASE}privacy.html`, termsOfUseUrl: `${BASE}terms.html` });
      expect(m.extensions[0].runtimes[0].code.page).toBe(`${BASE}taskpane.html`);
    });

    it('the release manifest.json still validates (office-addin-manifest, offline)', async () => {
      const require = createRequire(import.meta.url);
      const { validateManifest } = require('office-addin-manifest/lib/validate.js') as {
        validateManifest: (p: string) => Promise<{ isValid: boolean; report?: { errors?: Array<{ content: string }> } }>;
      };
      const v = await validateManifest(rel('manifests/manifest.json'));
      expect(v.report?.errors ?? []).toEqual([]);
      expect(v.isValid).toBe(true);
    });

    it('zips manifest.json with its icons and language file, as written', () => {
      const zip = unzipSync(readFileSync(rel(`manifests/${MANIFEST_ZIP}`)));
      expect(Object.keys(zip).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
      for (const [name, bytes] of Object.entries(zip)) expect(Buffer.from(bytes).equals(readFileSync(rel(`manifests/${name}`))), name).toBe(true);
    });

    it('refuses an address Office cannot use, before deleting the previous build', async () => {
      for (const bad of ['http://example.gov.vn/phuluc/', 'https://localhost:3000/', 'https://example.gov.vn/?v=1', 'not a url']) expect(() => releaseBase(bad), bad).toThrow();
      expect(releaseBase('https://example.gov.vn/phuluc').href).toBe(BASE);
      await expect(buildPane({ outDir: release.outDir, baseUrl: 'http://example.gov.vn/' })).rejects.toThrow(/https/);
      expect(existsSync(rel('taskpane.html'))).toBe(true);
    });

    it('will not ship a localhost URL it does not know how to rebase', () => {
      expect(() => rebaseManifest('{"u": "http://localhost:3000/x"}', releaseBase(BASE))).toThrow(/localhost/);
      expect(rebaseManifest('"https://localhost:3000/a.html" "https://localhost:3000" "localhost:3000"', releaseBase(BASE))).toBe(
        `"${BASE}a.html" "https://example.gov.vn" "example.gov.vn"`,
      );
    });

    it('reads its command line: --base-url, --out, a bare folder', () => {
      expect(parseArgs(['--base-url', BASE, '--out', 'x'])).toEqual({ outDir: 'x', baseUrl: BASE });
      expect(parseArgs([`--base-url=${BASE}`])).toEqual({ outDir: null, baseUrl: BASE });
      expect(parseArgs(['some/dir'])).toEqual({ outDir: 'some/dir', baseUrl: null });
      expect(() => parseArgs(['--base-url'])).toThrow();
      expect(() => parseArgs(['--baseurl', BASE])).toThrow();
    });
  });

  describe('the pages', () => {
    it('policy: no eval, no plugins, no foreign base, scripts from us and Office.js only', () => {
      const d = Object.fromEntries(CSP_DIRECTIVES);
      expect(CSP).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
      expect(d['script-src']).toBe("'self' https://appsforoffice.microsoft.com");
      expect(d['worker-src']).toBe("'self'");
      expect(d['object-src']).toBe("'none'");
      expect(d['base-uri']).toBe("'self'");
    });

    it.each(PAGES)('%s carries the CSP as a meta tag, has no inline script and loads scripts only from allowed places', (page) => {
      for (const b of [release, dev]) {
        const doc = parse(readFileSync(path.join(b.outDir, page), 'utf8'));
        const all = elements(doc);
        const metas = all.filter((e) => e.tagName === 'meta' && attr(e, 'http-equiv')?.toLowerCase() === 'content-security-policy');
        expect(metas.map((e) => attr(e, 'content'))).toEqual([CSP]);
        for (const s of all.filter((e) => e.tagName === 'script')) {
          const src = attr(s, 'src');
          expect(src, `inline script in ${page}`).toBeDefined();
          expect(text(s).trim()).toBe('');
          const u = new URL(src!, 'https://host.example/phuluc/');
          expect(u.origin === 'https://host.example' || u.origin === 'https://appsforoffice.microsoft.com', src).toBe(true);
          if (u.origin === 'https://host.example') expect(existsSync(path.join(b.outDir, u.pathname.replace('/phuluc/', ''))), src).toBe(true);
        }
      }
    });

    it('support, privacy and terms pages are in Vietnamese and English', () => {
      for (const page of ['support.html', 'privacy.html', 'terms.html']) {
        const all = elements(parse(readFileSync(rel(page), 'utf8')));
        expect(attr(all.find((e) => e.tagName === 'html')!, 'lang'), page).toBe('vi');
        expect(all.filter((e) => e.tagName === 'section').map((e) => attr(e, 'lang')), page).toEqual(['vi', 'en']);
      }
      expect(readFileSync(rel('privacy.html'), 'utf8')).toMatch(/không gửi dữ liệu đi đâu[\s\S]*Nothing is sent anywhere/i);
    });

    it('the server sends the same policy as a header, the pdf.js worker included', async () => {
      const server: Server = createServer(staticHandler(release.outDir));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const port = (server.address() as AddressInfo).port;
        for (const f of ['taskpane.html', 'pdf.worker.min.mjs', 'legacy.js']) {
          const header = await new Promise<string | undefined>((resolve, reject) =>
            get(`http://127.0.0.1:${port}/${f}`, (res) => {
              res.resume();
              resolve(res.headers['content-security-policy'] as string | undefined);
            }).on('error', reject),
          );
          expect([f, header]).toEqual([f, CSP]);
        }
      } finally {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  });

  describe('taskpane.html', () => {
    const all = () => elements(parse(readFileSync(rel('taskpane.html'), 'utf8')));

    it('loads legacy.js as a classic script after the controls, and the bundle as a module', () => {
      const els = all();
      const scripts = els.filter((e) => e.tagName === 'script');
      const legacy = scripts.find((s) => attr(s, 'src') === 'legacy.js')!;
      expect(legacy).toBeDefined();
      expect(attr(legacy, 'type')).toBeUndefined();
      expect(attr(legacy, 'nomodule')).toBeUndefined();
      expect(els.indexOf(legacy)).toBeGreaterThan(els.findIndex((e) => attr(e, 'id') === 'about'));
      expect(attr(scripts.find((s) => attr(s, 'src') === 'taskpane.js')!, 'type')).toBe('module');
      expect(attr(els.find((e) => attr(e, 'http-equiv') === 'X-UA-Compatible')!, 'content')).toBe('IE=Edge');
    });

    it('the file picker takes exactly the extensions the core reads', () => {
      const input = all().find((e) => attr(e, 'id') === 'import-file')!;
      const accept = attr(input, 'accept')!.split(',');
      for (const ext of accept) expect([ext, formatOf(`plan${ext}`)]).not.toEqual([ext, null]);
      const candidates = ['txt', 'text', 'tsv', 'md', 'markdown', 'docx', 'docm', 'doc', 'dotx', 'rtf', 'odt', 'html', 'htm', 'xhtml', 'pdf', 'xlsx', 'xls', 'xlsm', 'ods', 'csv', 'json', 'xml', 'pptx', 'png', 'jpg'];
      for (const ext of candidates) expect([ext, accept.includes(`.${ext}`)]).toEqual([ext, formatOf(`plan.${ext}`) !== null]);
    });

    it('the hint names only extensions the picker takes, in both languages', () => {
      const accept = attr(all().find((e) => attr(e, 'id') === 'import-file')!, 'accept')!.split(',');
      for (const hint of [VI.static.importHint, EN.static.importHint]) {
        const named = [...hint.matchAll(/\.[a-z]{2,5}\b/g)].map((m) => m[0]);
        expect(named.length).toBeGreaterThan(5);
        for (const ext of named) expect(accept).toContain(ext);
      }
    });

    it('every data-i18n text is the Vietnamese of strings.ts, and every key has both languages', () => {
      const els = all();
      const keyed = els.filter((e) => attr(e, 'data-i18n'));
      const keys = keyed.map((e) => attr(e, 'data-i18n')!);
      expect(new Set(keys).size).toBe(keys.length);
      for (const e of keyed) expect(squash(text(e))).toBe(VI.static[attr(e, 'data-i18n') as keyof typeof VI.static]);
      expect(squash(text(els.find((e) => e.tagName === 'title')!))).toBe(VI.static.pageTitle);
      expect([...keys, 'pageTitle'].sort()).toEqual(Object.keys(VI.static).sort());
      for (const k of Object.keys(VI.static) as Array<keyof typeof VI.static>) {
        expect(EN.static[k], k).toBeTruthy();
        expect(EN.static[k], k).not.toBe(VI.static[k]);
      }
    });

    it('Office’s display language picks the texts: vi* → Vietnamese, anything else → English, none → Vietnamese', () => {
      expect(['vi-VN', 'vi', 'VI-vn', 'en-US', 'fr-FR', '', undefined, null].map(langOf)).toEqual(['vi', 'vi', 'vi', 'en', 'en', 'vi', 'vi', 'vi']);
    });

    it('the about line is in words, never an API-set name', () => {
      const full = { validation: true, freezePanes: true, columnWidths: true, rangeAreas: true };
      const old = { validation: false, freezePanes: false, columnWidths: false, rangeAreas: false };
      expect(VI.about(full).text).toBe('Excel đầy đủ tính năng');
      expect(EN.about(full).text).toBe('Full-featured Excel');
      expect(VI.about(old).text).toMatch(/^Chế độ tương thích: không có danh sách chọn/);
      expect(EN.about({ ...full, validation: false }).text).toBe('Compatibility mode: no Trạng thái dropdown');
      for (const s of [VI, EN]) for (const f of [full, old]) expect(JSON.stringify(s.about(f))).not.toMatch(/ExcelApi|1\.\d/);
    });
  });
});

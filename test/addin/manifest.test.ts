/**
 * The manifests, offline. XML: well-formed, an add-in only manifest for
 * Excel with a task pane and a ribbon button, id a GUID, version n.n.n.n,
 * every resource reference resolves, every URL https and pointing at a file
 * the build serves; support and learn-more URLs on the support page, not the
 * pane. JSON (unified manifest): valid against its schema with
 * office-addin-manifest (which ships the schemas, so no network), its en-US
 * language file valid against the localization schema shipped beside it and
 * naming only fields the manifest has, `alternates` giving the XML's icons,
 * and the twin of the XML. Online validation of the XML is a release step
 * (README).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  parser.on('opentag', (t) => {
    const n: Node = { name: t.name, attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, String(v)])), children: [], text: '' };
    stack[stack.length - 1]!.children.push(n);
    stack.push(n);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root.children[0]!;
}

function* walk(n: Node): Generator<Node> {
  yield n;
  for (const c of n.children) yield* walk(c);
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEV = 'https://localhost:3000/';

/** A dev URL → the file of the pane build that serves it. */
function servedFile(url: string): string | null {
  if (!url.startsWith(DEV)) return null;
  const rel = url.slice(DEV.length);
  if (rel.startsWith('assets/')) return path.join(ROOT, 'addin', rel);
  return path.join(ROOT, 'addin/src/pane', rel);
}

describe('manifests/manifest.xml', () => {
  const xml = readFileSync(path.join(ROOT, 'manifests/manifest.xml'), 'utf8');
  const doc = parseXml(xml);
  const all = [...walk(doc)];

  it('is an add-in only manifest for an Excel task pane', () => {
    expect(doc.name).toBe('OfficeApp');
    expect(doc.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(child(doc, 'Hosts')!, 'Host')!.attrs.Name).toBe('Workbook');
    expect(child(doc, 'DefaultSettings')).toBeDefined();
    expect(child(doc, 'Permissions')!.text).toBe('ReadWriteDocument');
    const set = all.find((n) => n.name === 'Set')!;
    expect(set.attrs).toMatchObject({ Name: 'ExcelApi', MinVersion: '1.1' });
  });

  it('has a GUID id and an n.n.n.n version', () => {
    expect(child(doc, 'Id')!.text.trim()).toMatch(GUID);
    expect(child(doc, 'Version')!.text.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('has a ribbon button that opens the task pane', () => {
    const button = all.find((n) => n.name === 'Control' && n.attrs['xsi:type'] === 'Button')!;
    expect(button).toBeDefined();
    const action = child(button, 'Action')!;
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(all.find((n) => n.name === 'OfficeTab')!.attrs.id).toBe('TabHome');
  });

  it('resolves every resource reference, and uses every resource', () => {
    const defined = new Map<string, string>();
    for (const n of all) {
      if (['bt:Image', 'bt:Url', 'bt:String'].includes(n.name) && n.attrs.id) {
        expect(defined.has(n.attrs.id), `duplicate resource ${n.attrs.id}`).toBe(false);
        defined.set(n.attrs.id, n.name);
      }
    }
    const refs = all.filter((n) => n.attrs.resid).map((n) => n.attrs.resid!);
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect(defined.has(r), `resid ${r} is not defined`).toBe(true);
    for (const id of defined.keys()) expect(refs, `resource ${id} is never used`).toContain(id);
    // Images are referenced from images, URLs from URL slots, strings from labels.
    for (const n of all.filter((x) => x.attrs.resid)) {
      const kind = defined.get(n.attrs.resid!);
      if (n.name === 'bt:Image') expect(kind).toBe('bt:Image');
      if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(n.name)) expect(kind).toBe('bt:Url');
      if (['Label', 'Title', 'Description'].includes(n.name)) expect(kind).toBe('bt:String');
    }
  });

  it('sends Support and Learn more to the support page, not to the pane', () => {
    expect(child(doc, 'SupportUrl')!.attrs.DefaultValue).toBe(`${DEV}support.html`);
    expect(all.find((n) => n.name === 'bt:Url' && n.attrs.id === 'LearnMore.Url')!.attrs.DefaultValue).toBe(`${DEV}support.html`);
  });

  it('uses https for every URL, and each one is a file the build serves', () => {
    const urls: string[] = [];
    for (const n of all) {
      for (const [k, v] of Object.entries(n.attrs)) if ((k === 'DefaultValue' || k === 'Value') && /^[a-z]+:\/\//i.test(v)) urls.push(v);
      if (n.name === 'AppDomain') urls.push(n.text.trim());
    }
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(new URL(u).protocol, u).toBe('https:');
      // Development: one origin, the dev server's (a release replaces it everywhere).
      expect(new URL(u).origin, u).toBe(new URL(DEV).origin);
      const file = servedFile(u);
      if (file && /\.[a-z0-9]+$/i.test(file)) expect(existsSync(file), `${u} → ${file}`).toBe(true);
    }
  });
});

describe('manifests/manifest.json (unified manifest)', () => {
  const jsonPath = path.join(ROOT, 'manifests/manifest.json');
  const manifest = JSON.parse(readFileSync(jsonPath, 'utf8'));
  const require = createRequire(import.meta.url);
  const { validateManifest } = require('office-addin-manifest/lib/validate.js') as {
    validateManifest: (p: string) => Promise<{ isValid: boolean; report?: { errors?: Array<{ content: string }> } }>;
  };

  it('validates with office-addin-manifest (offline: the schemas ship with it)', async () => {
    const v = await validateManifest(jsonPath);
    expect(v.report?.errors ?? []).toEqual([]);
    expect(v.isValid).toBe(true);
  });

  it('is really checked: a broken copy fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phuluc-manifest-'));
    try {
      const broken = { ...manifest, version: 'one', accentColor: 'blue', id: 'not-a-guid' };
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(broken));
      copyFileSync(path.join(ROOT, 'manifests/color.png'), path.join(dir, 'color.png'));
      copyFileSync(path.join(ROOT, 'manifests/outline.png'), path.join(dir, 'outline.png'));
      const v = await validateManifest(path.join(dir, 'manifest.json'));
      expect(v.isValid).toBe(false);
      expect((v.report?.errors ?? []).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has an en-US language file, valid against the localization schema, naming only fields the manifest has', () => {
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'vi-vn', additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }] });
    const en = JSON.parse(readFileSync(path.join(ROOT, 'manifests/en-us.json'), 'utf8')) as Record<string, string>;
    // The validator office-addin-manifest uses, and the schema of the manifest's own version, both shipped with it.
    const fromManifestTool = createRequire(require.resolve('office-addin-manifest/package.json'));
    const appManifest = path.dirname(fromManifestTool.resolve('@microsoft/app-manifest/package.json'));
    const Ajv = createRequire(path.join(appManifest, 'package.json'))('ajv-draft-04') as { default: new (o: object) => { compile: (s: object) => ((d: unknown) => boolean) & { errors?: unknown[] } } };
    const schemaFile = path.join(appManifest, `build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`);
    expect(en.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`);
    // The schema's patterns are not valid unicode regexps (OfficeDev/microsoft-teams-app-schema#190).
    const validate = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false, logger: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    expect(validate(en), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...en, 'name.short': 'x'.repeat(31) })).toBe(false);
    // Each key addresses a string of the manifest ("extensions[0].ribbons[0]…label"), which it translates.
    const at = (key: string): unknown =>
      key
        .split(/\.(?![^[]*\])|(?=\[)/)
        .flatMap((part) => part.split(/\[(\d+)\]/).filter(Boolean))
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], manifest);
    const keys = Object.keys(en).filter((k) => k !== '$schema');
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) {
      const original = k.startsWith('name.') || k.startsWith('description.') ? manifest[k.split('.')[0]!][k.split('.')[1]!] : at(k);
      expect([k, typeof original]).toEqual([k, 'string']);
      expect([k, en[k] === original]).toEqual([k, false]);
    }
  });

  it('has an alternates entry: the icons older Office shows, the XML manifest’s', () => {
    const xml = parseXml(readFileSync(path.join(ROOT, 'manifests/manifest.xml'), 'utf8'));
    const alt = manifest.extensions[0].alternates;
    expect(alt).toEqual([
      {
        alternateIcons: {
          icon: { size: 32, url: child(xml, 'IconUrl')!.attrs.DefaultValue },
          highResolutionIcon: { size: 64, url: child(xml, 'HighResolutionIconUrl')!.attrs.DefaultValue },
        },
      },
    ]);
  });

  it('sends website, privacy and terms to their own pages', () => {
    expect(manifest.developer).toMatchObject({ websiteUrl: `${DEV}support.html`, privacyUrl: `${DEV}privacy.html`, termsOfUseUrl: `${DEV}terms.html` });
  });

  it('is the twin of the XML manifest: same id, task pane page, ribbon icons, requirement', () => {
    const xml = readFileSync(path.join(ROOT, 'manifests/manifest.xml'), 'utf8');
    const doc = parseXml(xml);
    expect(manifest.id).toBe(child(doc, 'Id')!.text.trim());
    const page = child(child(doc, 'DefaultSettings')!, 'SourceLocation')!.attrs.DefaultValue;
    expect(manifest.extensions[0].runtimes[0].code.page).toBe(page);
    expect(manifest.extensions[0].requirements.capabilities).toEqual([{ name: 'ExcelApi', minVersion: '1.1' }]);
    for (const icon of [manifest.icons.color, manifest.icons.outline]) expect(existsSync(path.join(ROOT, 'manifests', icon))).toBe(true);
    const urls = JSON.stringify(manifest).match(/https?:\/\/[^"]+/g) ?? [];
    for (const u of urls.filter((x) => !x.includes('json-schemas'))) {
      expect(u.startsWith('https://'), u).toBe(true);
      const file = servedFile(u);
      if (file) expect(existsSync(file), u).toBe(true);
    }
  });
});

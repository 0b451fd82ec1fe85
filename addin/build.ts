/**
 * Build the task pane into static files.
 *
 *   npm run build:addin                          → addin/dist/, for development
 *   npm run build:addin -- --base-url https://example.gov.vn/phuluc/ [--out DIR]
 *                                                → a release for that address
 *
 * Out: taskpane.html, taskpane.js + lazily loaded chunks, taskpane.css,
 * legacy.js (the guard for old webviews), commands.html/.js, the support,
 * privacy and terms pages, assets/, the pdf.js worker. Every page carries
 * the Content-Security-Policy of src/pane/csp.ts. A release (--base-url) has
 * no source maps and adds manifests/: manifest.xml, manifest.json and its
 * language files with every development URL replaced by the base URL, the
 * icons, and phuluc-manifest.zip (the unified manifest package to upload).
 *
 * The core is bundled as it is (platform browser): it imports no Node
 * built-in (test/core-purity.test.ts). exceljs and pdf.js, which the core
 * loads only for .xlsx and .pdf files, become chunks of their own that the
 * pane fetches on first use.
 *
 * With `stub: true` (the e2e test) the page loads stub.js, a fake Office.js
 * over an in-memory workbook, instead of Microsoft's office.js.
 */
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP_META } from './src/pane/csp.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const pane = path.join(here, 'src/pane');

export interface PaneBuildOptions {
  outDir: string;
  /** Replace office.js by the fake (tests). */
  stub?: boolean;
  minify?: boolean;
  /** A release for this https address: manifests rebased to it, no source maps. */
  baseUrl?: string;
}

export interface PaneBuild {
  outDir: string;
  files: string[];
  bytes: number;
}

/** Pages served as they are, after the CSP goes in. */
export const PAGES = ['taskpane.html', 'commands.html', 'support.html', 'privacy.html', 'terms.html'];
/** Files copied as they are (legacy.js and commands.js are ES5 by hand: old webviews run them). */
const COPIED = ['taskpane.css', 'pages.css', 'legacy.js', 'commands.js'];

const OFFICE_JS = /<!-- OFFICE_JS -->[\s\S]*?<!-- \/OFFICE_JS -->/;
const CSP_SLOT = '<!-- CSP -->';

export async function buildPane(o: PaneBuildOptions): Promise<PaneBuild> {
  const out = path.resolve(o.outDir);
  // Checked first: a bad address must not cost the previous build.
  const base = o.baseUrl === undefined ? null : releaseBase(o.baseUrl);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'assets'), { recursive: true });

  await build({
    entryPoints: { taskpane: path.join(pane, 'main.ts') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    // Edge WebView2 (Windows), Safari 15+ WKWebView (Mac; 14 has a destructuring bug esbuild will not work around), current browsers (web).
    // Older engines (IE11, EdgeHTML) cannot run this: legacy.js tells their users what Office to use.
    target: ['es2020', 'chrome90', 'edge90', 'firefox90', 'safari15'],
    // Every engine above reads regex literals with \p{…}: esbuild would rebuild each at every call instead.
    supported: { 'regexp-unicode-property-escapes': true },
    chunkNames: 'chunks/[name]-[hash]',
    minify: o.minify ?? base !== null,
    // A release ships no maps: they would publish the sources and double the upload.
    sourcemap: base ? false : 'linked',
    legalComments: 'linked',
    logLevel: 'error',
    absWorkingDir: root,
  });
  if (o.stub) {
    await build({
      entryPoints: [path.join(here, 'src/fake/stub.ts')],
      outfile: path.join(out, 'stub.js'),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      logLevel: 'error',
      absWorkingDir: root,
    });
  }

  for (const page of PAGES) {
    let html = readFileSync(path.join(pane, page), 'utf8');
    if (!html.includes(CSP_SLOT)) throw new Error(`${page} has no ${CSP_SLOT} slot: every page carries the CSP`);
    html = html.replace(CSP_SLOT, CSP_META);
    if (o.stub) html = html.replace(OFFICE_JS, '<script src="stub.js"></script>');
    writeFileSync(path.join(out, page), html);
  }
  for (const f of COPIED) copyFileSync(path.join(pane, f), path.join(out, f));
  for (const f of readdirSync(path.join(here, 'assets'))) copyFileSync(path.join(here, 'assets', f), path.join(out, 'assets', f));
  const worker = path.join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs');
  if (existsSync(worker)) copyFileSync(worker, path.join(out, 'pdf.worker.min.mjs'));
  if (base) writeReleaseManifests(path.join(root, 'manifests'), path.join(out, 'manifests'), base);

  const files = listFiles(out);
  const bytes = files.reduce((n, f) => n + readFileSync(path.join(out, f)).length, 0);
  return { outDir: out, files, bytes };
}

// ---- release manifests -------------------------------------------------------------

/** Where the manifests in manifests/ point: the dev server of `npm run serve:addin`. */
export const DEV_ORIGIN = 'https://localhost:3000';
export const MANIFEST_ZIP = 'phuluc-manifest.zip';

/** The release address, checked: https (Office loads nothing else), no query or fragment, ending in "/". */
export function releaseBase(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`--base-url ${raw}: không phải địa chỉ hợp lệ / not a valid URL`);
  }
  if (u.protocol !== 'https:') throw new Error(`--base-url ${raw}: Office chỉ tải phần bổ trợ qua https / Office loads add-ins over https only`);
  if (u.search || u.hash || u.username || u.password) throw new Error(`--base-url ${raw}: bỏ phần ?…, #… và tài khoản / drop the query, fragment and credentials`);
  if (/^localhost$|^127\./.test(u.hostname)) throw new Error(`--base-url ${raw}: địa chỉ của máy chủ thật, không phải localhost / the real host, not localhost`);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u;
}

/**
 * A manifest's text with the dev server replaced by the release address:
 * full URLs take the base (path included), a bare origin (AppDomain) its
 * origin, validDomains' "localhost:3000" its host. Throws if any localhost is
 * left, so a URL this does not know cannot ship pointing at a developer's PC.
 */
export function rebaseManifest(text: string, base: URL): string {
  const out = text
    .split(`${DEV_ORIGIN}/`)
    .join(base.href)
    .split(DEV_ORIGIN)
    .join(base.origin)
    .split('"localhost:3000"')
    .join(JSON.stringify(base.host));
  const left = out.match(/.{0,40}localhost.{0,40}/i);
  if (left) throw new Error(`manifest still names localhost after rebasing: …${left[0]}…`);
  return out;
}

/** The XML manifest for a release: rebased, its development comments replaced by one line saying what it is. */
export function releaseXml(xml: string, base: URL): string {
  const bare = xml.replace(/<!--[\s\S]*?-->\s*/g, '');
  return rebaseManifest(bare, base).replace(/(<\?xml[^>]*\?>\s*)/, `$1<!-- Phụ lục nhiệm vụ, built by npm run build:addin for ${base.href} -->\n`);
}

/** The files the unified manifest names next to itself: icons and language files. */
export function manifestCompanions(manifest: {
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: Array<{ file: string }> };
}): string[] {
  const l = manifest.localizationInfo;
  return [manifest.icons.color, manifest.icons.outline, ...(l?.defaultLanguageFile ? [l.defaultLanguageFile] : []), ...(l?.additionalLanguages ?? []).map((a) => a.file)];
}

function writeReleaseManifests(src: string, dest: string, base: URL): void {
  mkdirSync(dest, { recursive: true });
  writeFileSync(path.join(dest, 'manifest.xml'), releaseXml(readFileSync(path.join(src, 'manifest.xml'), 'utf8'), base));
  const json = rebaseManifest(readFileSync(path.join(src, 'manifest.json'), 'utf8'), base);
  writeFileSync(path.join(dest, 'manifest.json'), json);
  const zip: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(json) };
  for (const f of manifestCompanions(JSON.parse(json))) {
    const bytes = f.endsWith('.json') ? new TextEncoder().encode(rebaseManifest(readFileSync(path.join(src, f), 'utf8'), base)) : readFileSync(path.join(src, f));
    writeFileSync(path.join(dest, f), bytes);
    zip[f] = bytes;
  }
  writeFileSync(path.join(dest, MANIFEST_ZIP), zipSync(zip, { level: 9 }));
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name).split(path.sep).join('/')],
  );
}

// ---- command line ----------------------------------------------------------------

/** `[outDir] [--out DIR] [--base-url URL]` (also --base-url=URL). */
export function parseArgs(argv: string[]): { outDir: string | null; baseUrl: string | null } {
  let outDir: string | null = null;
  let baseUrl: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} cần một giá trị / needs a value`);
      return v;
    };
    if (flag === '--base-url') baseUrl = value();
    else if (flag === '--out') outDir = value();
    else if (!a.startsWith('--') && outDir === null) outDir = a;
    else throw new Error(`Không hiểu tham số ${a} / unknown argument. Dùng / use: [--out DIR] [--base-url https://…/]`);
  }
  return { outDir, baseUrl };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const outDir = args.outDir ?? path.join(here, 'dist');
    const r = await buildPane({ outDir, minify: true, ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}) });
    const js = r.files.filter((f) => f.endsWith('.js'));
    const where = path.relative(process.cwd(), r.outDir) || '.';
    console.log(`addin: ${r.files.length} files, ${(r.bytes / 1024).toFixed(0)} KiB in ${where} (${js.length} scripts)`);
    if (args.baseUrl) {
      const base = releaseBase(args.baseUrl);
      console.log(`Bản phát hành cho ${base.href}: chép ${where}/ lên máy chủ đó; manifest ở ${where}/manifests/ (${MANIFEST_ZIP} để tải lên Microsoft 365).`);
      console.log(`Release for ${base.href}: copy ${where}/ to that host; manifests in ${where}/manifests/ (${MANIFEST_ZIP} to upload to Microsoft 365).`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

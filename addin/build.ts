/**
 * Build the task pane into static files: `npm run build:addin` → addin/dist/
 * (taskpane.html, taskpane.js + lazily loaded chunks, taskpane.css,
 * commands.html, assets/, the pdf.js worker). Any static web server over
 * https can host the folder; the manifests point at it.
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
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export interface PaneBuildOptions {
  outDir: string;
  /** Replace office.js by the fake (tests). */
  stub?: boolean;
  minify?: boolean;
}

export interface PaneBuild {
  outDir: string;
  files: string[];
  bytes: number;
}

const OFFICE_JS = /<!-- OFFICE_JS -->[\s\S]*?<!-- \/OFFICE_JS -->/;

export async function buildPane(o: PaneBuildOptions): Promise<PaneBuild> {
  const out = path.resolve(o.outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'assets'), { recursive: true });

  await build({
    entryPoints: { taskpane: path.join(here, 'src/pane/main.ts') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    // Edge WebView2 (Windows), Safari 15+ WKWebView (Mac; 14 has a destructuring bug esbuild will not work around), current browsers (web).
    target: ['es2020', 'chrome90', 'edge90', 'firefox90', 'safari15'],
    chunkNames: 'chunks/[name]-[hash]',
    minify: o.minify ?? false,
    sourcemap: 'linked',
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

  let html = readFileSync(path.join(here, 'src/pane/taskpane.html'), 'utf8');
  if (o.stub) html = html.replace(OFFICE_JS, '<script src="stub.js"></script>');
  writeFileSync(path.join(out, 'taskpane.html'), html);
  copyFileSync(path.join(here, 'src/pane/taskpane.css'), path.join(out, 'taskpane.css'));
  copyFileSync(path.join(here, 'src/pane/commands.html'), path.join(out, 'commands.html'));
  for (const f of readdirSync(path.join(here, 'assets'))) copyFileSync(path.join(here, 'assets', f), path.join(out, 'assets', f));
  const worker = path.join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs');
  if (existsSync(worker)) copyFileSync(worker, path.join(out, 'pdf.worker.min.mjs'));

  const files = listFiles(out);
  const bytes = files.reduce((n, f) => n + readFileSync(path.join(out, f)).length, 0);
  return { outDir: out, files, bytes };
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name).split(path.sep).join('/')],
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? path.join(here, 'dist');
  const r = await buildPane({ outDir, minify: true });
  const js = r.files.filter((f) => f.endsWith('.js'));
  console.log(`addin: ${r.files.length} files, ${(r.bytes / 1024).toFixed(0)} KiB in ${path.relative(process.cwd(), r.outDir) || '.'} (${js.length} scripts)`);
}

/**
 * `npm run build`: the CLI and the core compiled to JavaScript in dist/, the
 * form the package ships (`npm pack` runs it first, through `prepack`).
 *
 * 1. Type-checked: `tsc -p tsconfig.build.json` (pipeline/ as strictly as the
 *    rest; nothing is built on an error).
 * 2. Compiled and bundled by esbuild into a flat dist/:
 *      dist/phuluc.js          the `phuluc` bin (`#!/usr/bin/env node`, executable)
 *      dist/convert-worker.js  the batch worker, plain JavaScript: no tsx at run time
 *                              (pipeline/node/worker-pool.ts starts it from beside itself)
 *      dist/chunk-*.js         code shared by the two, and each command's and
 *                              reader's own code, still loaded only when needed
 *      dist/lexicon/           the OCR lexicon, read beside its module
 *    The runtime dependencies of package.json (exceljs, pdf.js: large, loaded
 *    on first use, pdf.js with a worker file of its own) stay packages; the
 *    small libraries are bundled in. One bundle loads in half the time of the
 *    ~200 modules it replaces (Node 20 has no compile cache for modules), and
 *    start-up is what a user of a command-line tool waits for.
 * 3. Checked: every bare import left in dist/ is a Node built-in or a runtime
 *    dependency, so the installed package never reaches for a development one.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
/** Data files read at run time beside the module that reads them (in the bundle: beside every chunk). */
const DATA = [['pipeline/node/ocr/lexicon/vi-bigrams.txt.gz', 'lexicon/vi-bigrams.txt.gz']] as const;

export async function buildPackage(): Promise<{ files: string[] }> {
  const started = performance.now();
  rmSync(dist, { recursive: true, force: true });

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const checked = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (checked.status !== 0) throw new Error(`tsc: lỗi kiểu, không dựng / type errors, nothing built (exit ${checked.status ?? checked.signal})`);

  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const runtime = Object.keys(pkg.dependencies ?? {});
  const result = await build({
    absWorkingDir: root,
    entryPoints: { phuluc: 'pipeline/cli/main.ts', 'convert-worker': 'pipeline/node/convert-worker.ts' },
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // esbuild's tables would rewrite every regex literal with \p{…} into `new RegExp(…)`, built again at each
    // call (per character in some loops); Node 20's V8 reads them as they are.
    supported: { 'regexp-unicode-property-escapes': true },
    chunkNames: 'chunk-[hash]',
    // Runtime dependencies stay packages (and any file inside them: pdfjs-dist/legacy/build/pdf.min.mjs).
    external: runtime.flatMap((d) => [d, `${d}/*`]),
    // Bundled CommonJS libraries call require() for Node built-ins.
    banner: { js: "import { createRequire as __phulucRequire } from 'node:module'; const require = __phulucRequire(import.meta.url);" },
    legalComments: 'inline',
    plugins: [zodEnglishOnly],
    metafile: true,
    logLevel: 'warning',
  });
  for (const [from, to] of DATA) {
    mkdirSync(path.dirname(path.join(dist, to)), { recursive: true });
    copyFileSync(path.join(root, from), path.join(dist, to));
  }

  const bin = path.join(dist, 'phuluc.js');
  if (!readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')) throw new Error(`${bin}: thiếu dòng #! / no #! line`);
  chmodSync(bin, 0o755);
  checkImports(result.metafile, runtime);

  const files = [...walk(dist)];
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`dist/: ${files.length} tệp / files, ${secs} s`);
  return { files };
}

/**
 * zod's `z` namespace carries every language of its error messages
 * (`z.locales`: 49 % of zod's code in the bundle); it speaks English unless
 * told otherwise, and we never tell it otherwise. Bundled with only English,
 * the JSON writer's thread loads zod in about half the time. (So in the
 * package `z.locales` holds `en` alone, though the types list them all.)
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Every import the bundle leaves to Node: a built-in, or a runtime dependency (or a file inside one). */
function checkImports(meta: Metafile, runtime: readonly string[]): void {
  const builtins = new Set(builtinModules);
  const bad = new Set<string>();
  for (const out of Object.values(meta.outputs)) {
    for (const imp of out.imports) {
      if (!imp.external) continue;
      const p = imp.path;
      if (p.startsWith('node:') || builtins.has(p)) continue;
      const name = p.startsWith('@') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0]!;
      if (!runtime.includes(name)) bad.add(p);
    }
  }
  if (bad.size > 0) throw new Error(`dist/ cần gói không có trong dependencies / needs packages outside dependencies: ${[...bad].join(', ')}`);
}

function* walk(dir: string, base = dir): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(full, base);
    else if (e.isFile()) yield path.relative(base, full).split(path.sep).join('/');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildPackage().catch((e: unknown) => {
    console.error(`build: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}

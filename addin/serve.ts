/**
 * `npm run serve:addin`: build the pane and serve addin/dist over https on
 * https://localhost:3000, the address the manifests use for development.
 *
 * The certificate comes from office-addin-dev-certs, which creates a local
 * CA on first use and asks the system to trust it (a prompt on Windows and
 * Mac; on Linux it needs sudo). To use your own, set PHULUC_TLS_CERT and
 * PHULUC_TLS_KEY to PEM files. PORT changes the port (the manifests must
 * follow). --no-build serves what is already in addin/dist. Every file goes
 * out with the pages' Content-Security-Policy header (static.ts), so a
 * violation shows in development, not first on the real host.
 */
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPane } from './build.js';
import { staticHandler } from './static.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const port = Number(process.env.PORT ?? 3000);

async function tlsOptions(): Promise<{ cert: string | Buffer; key: string | Buffer; ca?: string | Buffer }> {
  const cert = process.env.PHULUC_TLS_CERT;
  const key = process.env.PHULUC_TLS_KEY;
  if (cert && key) return { cert: readFileSync(cert), key: readFileSync(key) };
  const devCerts = (await import('office-addin-dev-certs')) as unknown as {
    getHttpsServerOptions: () => Promise<{ cert: string | Buffer; key: string | Buffer; ca?: string | Buffer }>;
    default?: { getHttpsServerOptions: () => Promise<{ cert: string | Buffer; key: string | Buffer; ca?: string | Buffer }> };
  };
  const get = devCerts.getHttpsServerOptions ?? devCerts.default?.getHttpsServerOptions;
  if (!get) throw new Error('office-addin-dev-certs has no getHttpsServerOptions');
  return get();
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    const r = await buildPane({ outDir: dist, minify: false });
    console.log(`Đã dựng ${r.files.length} tệp vào ${path.relative(process.cwd(), dist)}`);
  }
  const tls = await tlsOptions();
  createServer(tls, staticHandler(dist)).listen(port, () => {
    console.log(`Phần bổ trợ: https://localhost:${port}/taskpane.html (Ctrl+C để dừng)`);
  });
}

main().catch((e) => {
  console.error(`Không chạy được máy chủ: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

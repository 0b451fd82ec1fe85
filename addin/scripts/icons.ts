/**
 * Render the add-in's icons (PNG) from one SVG with the system Chromium:
 * `npx tsx addin/scripts/icons.ts`. The PNGs are committed under
 * addin/assets/ (the XML manifest's icons and the ribbon button) and
 * manifests/ (color.png and outline.png, which the unified manifest packs).
 */
import { chromium } from 'playwright-core';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const assets = path.resolve(here, '../assets');
const manifests = path.resolve(here, '../../manifests');

/** A sheet of tasks with a tick: blue tile, white page, three rows, a green check. */
const COLOR = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="12" fill="#0f6cbd"/>
  <rect x="14" y="10" width="30" height="40" rx="3" fill="#fff"/>
  <rect x="19" y="18" width="20" height="4" rx="1" fill="#0f6cbd"/>
  <rect x="19" y="27" width="20" height="4" rx="1" fill="#7fb2e0"/>
  <rect x="19" y="36" width="13" height="4" rx="1" fill="#7fb2e0"/>
  <circle cx="44" cy="44" r="13" fill="#107c10" stroke="#fff" stroke-width="3"/>
  <path d="M37.5 44.5l4.5 4.5 8.5-9" fill="none" stroke="#fff" stroke-width="3.6" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/** Outline icon (Teams/unified manifest): white on transparent, 32×32. */
const OUTLINE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect x="6" y="4" width="15" height="21" rx="1.5" fill="none" stroke="#fff" stroke-width="2"/>
  <path d="M9.5 10h8M9.5 14.5h8M9.5 19h5" stroke="#fff" stroke-width="1.6"/>
  <path d="M19 23l3 3 6-6.5" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const render = async (svg: string, size: number, file: string) => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    };
    for (const size of [16, 32, 64, 80, 128, 192]) await render(COLOR, size, path.join(assets, `icon-${size}.png`));
    await render(OUTLINE, 32, path.join(assets, 'outline-32.png'));
    copyFileSync(path.join(assets, 'icon-192.png'), path.join(manifests, 'color.png'));
    copyFileSync(path.join(assets, 'outline-32.png'), path.join(manifests, 'outline.png'));
  } finally {
    await browser.close();
  }
}

await main();

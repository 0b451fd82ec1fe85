import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The core runs in the add-in's browser pane too: nothing under pipeline/
 * except the Node shells (cli, node, eval) may import Node built-ins.
 */
const root = new URL('../pipeline/', import.meta.url).pathname;
const NODE_SHELLS = ['cli', 'node', 'eval'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the core is browser-safe', () => {
  const core = files(root).filter((f) => !NODE_SHELLS.includes(relative(root, f).split('/')[0]!));

  it('has core modules to check', () => {
    expect(core.length).toBeGreaterThan(10);
  });

  it.each(core.map((f) => [relative(root, f), f]))('%s imports no Node built-in', (_name, file) => {
    const src = readFileSync(file, 'utf8');
    const imports = [...src.matchAll(/from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
    const nodeOnly = imports.filter((m) => m && (m.startsWith('node:') || /^(fs|path|os|child_process|worker_threads|stream|zlib|crypto)$/.test(m)));
    expect(nodeOnly).toEqual([]);
  });
});

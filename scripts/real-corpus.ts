/**
 * The real corpus (samples/real/): documents that offices wrote, with gold made by hand.
 *
 * The documents themselves are not committed (they belong to their publishers); what is committed is each
 * set's gold and its INDEX.md, which names every document's repository, commit, path and blob. This script
 * puts the documents back:
 *
 *   npx tsx scripts/real-corpus.ts restore   # dev set from ../shared/real; the rest from local snapshots
 *   npx tsx scripts/real-corpus.ts check     # which documents are present, missing or altered
 *
 * The development set comes from the steering repository's shared/real (beside the clone, also in CI).
 * The other sets come from snapshots of their repositories under /work/.mirror (or $PHULUC_MIRRORS),
 * checked against the blob id in INDEX.md; a set whose snapshot is absent is reported and skipped, and
 * `npm run eval` then scores only the documents that are present.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const real = path.join(root, 'samples', 'real');
const shared = path.resolve(root, '..', 'shared', 'real');
const mirrors = process.env.PHULUC_MIRRORS ?? '/work/.mirror';

export interface IndexRow {
  set: string;
  id: string;
  repository: string;
  commit: string;
  path: string;
  blob: string;
}

/** The rows of every `samples/real/<set>/INDEX.md` table (columns found by their header). */
export function readIndexes(dir = real): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const set of readdirSync(dir).sort()) {
    const file = path.join(dir, set, 'INDEX.md');
    if (!existsSync(file)) continue;
    let head: string[] | null = null;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim().startsWith('|')) {
        head = null;
        continue;
      }
      const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim().replace(/^`|`$/g, ''));
      if (!head) {
        head = cells.map((c) => c.toLowerCase());
        continue;
      }
      if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
      const at = (name: string) => cells[head!.indexOf(name)] ?? '';
      if (!at('id') || !/^[0-9a-f]{40}$/.test(at('commit'))) continue;
      rows.push({ set, id: at('id'), repository: at('repository'), commit: at('commit'), path: at('path'), blob: at('blob') });
    }
  }
  return rows;
}

/** Git's blob id of some bytes. */
function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The document of an index row: `<set>/<id>.<ext of its path>`. */
function target(row: IndexRow): string {
  return path.join(real, row.set, `${row.id}${path.extname(row.path).toLowerCase()}`);
}

function gitDir(repository: string): string | null {
  const base = path.join(mirrors, repository.replace('/', '+'));
  for (const candidate of [path.join(base, 'repo'), base]) {
    if (existsSync(path.join(candidate, 'HEAD'))) return candidate;
  }
  return null;
}

function restoreShared(): number {
  if (!existsSync(shared)) {
    console.log(`– ${shared}: không có (bộ phát triển) / not present (the development set is skipped)`);
    return 0;
  }
  let n = 0;
  for (const part of ['text', 'files']) {
    const from = path.join(shared, part);
    if (!existsSync(from)) continue;
    cpSync(from, path.join(real, part), { recursive: true });
    n += readdirSync(from).filter((f) => statSync(path.join(from, f)).isFile()).length;
  }
  console.log(`✓ bộ phát triển / development set: ${n} văn bản / documents from ${path.relative(root, shared)}`);
  return n;
}

type RowState = 'present' | 'restored' | 'missing' | 'no-snapshot' | 'mismatch';

function restoreRow(row: IndexRow): RowState {
  const out = target(row);
  if (existsSync(out)) return blobId(readFileSync(out)).startsWith(row.blob.toLowerCase()) ? 'present' : 'mismatch';
  const git = gitDir(row.repository);
  if (!git) return 'no-snapshot';
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['--git-dir', git, 'show', `${row.commit}:${row.path}`], { maxBuffer: 64 << 20 });
  } catch {
    return 'no-snapshot';
  }
  if (!blobId(bytes).startsWith(row.blob.toLowerCase())) return 'mismatch';
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return 'restored';
}

function main(): number {
  const cmd = process.argv[2] ?? 'check';
  if (cmd !== 'restore' && cmd !== 'check') {
    console.error('usage: npx tsx scripts/real-corpus.ts restore|check');
    return 2;
  }
  if (cmd === 'restore') restoreShared();
  const counts: Record<string, number> = {};
  let bad = 0;
  for (const row of readIndexes()) {
    // `check` never writes: a document that is not there is only reported.
    const state: RowState = cmd === 'restore' || existsSync(target(row)) ? restoreRow(row) : 'missing';
    counts[state] = (counts[state] ?? 0) + 1;
    if (state === 'mismatch') {
      bad++;
      console.error(`✗ ${path.relative(root, target(row))}: khác bản gốc / differs from ${row.repository}@${row.commit.slice(0, 8)}:${row.path}`);
    }
  }
  const say = (k: string, vi: string, en: string) => (counts[k] ? `${counts[k]} ${vi} / ${en}` : null);
  console.log(
    [
      say('present', 'có sẵn', 'present'),
      say('restored', 'đã khôi phục', 'restored'),
      say('missing', 'chưa có (chạy restore)', 'missing (run restore)'),
      say('no-snapshot', 'thiếu bản sao kho (bỏ qua)', 'without a local snapshot (skipped)'),
      say('mismatch', 'sai lệch', 'altered'),
    ]
      .filter(Boolean)
      .join('; ') || 'không có chỉ mục / no index',
  );
  return bad ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main();
}

import { constants, copyFile, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConvertedDocument } from '../model/document.js';
import { PlanError } from '../model/errors.js';
import { todayIso } from '../rollup/status.js';
import type { Change } from '../tracking/changes.js';
import { BACKUP_MARK, CHANGE_LABEL } from '../tracking/changes.js';
import { writeFileAtomic } from '../node/atomic.js';

/**
 * `convert <amended plan> --into <tracking.xlsx>`: the file side of
 * tracking/reimport.ts, for convert-command.ts to call once it has converted
 * the amended plan. Reads the workbook, re-imports, and replaces it
 * atomically (a reader sees the old workbook or the new one, never half),
 * after copying the old one aside: the change log keeps every old value, the
 * copy is there in case the update itself is not wanted. Each update keeps
 * its own dated copy, never written over. A workbook reached through a
 * symbolic link (a shared folder) is updated where it really is, so the link
 * and everyone using it see the update.
 */
export interface IntoArgs {
  /** Date of the update (default today): the log's date and the report date on `Tổng hợp`. */
  asOf?: string;
  /** Update even when the plan looks like another one (--force). */
  force?: boolean;
  /** The switch on `Tổng hợp` (routine tasks out of the rates); absent: as the workbook had it. */
  excludeRoutine?: boolean;
  /** Keep the workbook as it was beside it, as `<name>.truoc-cap-nhat-<date>.xlsx` (default true). */
  backup?: boolean;
}

export interface IntoResult {
  target: string;
  backup: string | null;
  changes: Change[];
}

export async function runInto(existingPath: string, doc: ConvertedDocument, args: IntoArgs = {}): Promise<IntoResult> {
  if (!/\.xlsx$/i.test(existingPath)) {
    throw new PlanError(
      'tracking.not_workbook',
      `--into phải là sổ theo dõi .xlsx: ${existingPath}`,
      `--into must be an .xlsx tracking workbook: ${existingPath}`,
    );
  }
  const info = await stat(existingPath).catch(() => null);
  if (!info?.isFile()) {
    throw new PlanError('file.unreadable', `không tìm thấy sổ theo dõi ${existingPath}`, `no tracking workbook at ${existingPath}`);
  }
  const real = await realpath(existingPath);
  const bytes = new Uint8Array(await readFile(real));
  // Loaded on use: exceljs is large, and convert without --into never needs it.
  const { reimport } = await import('../tracking/reimport.js');
  const result = await reimport(bytes, doc, {
    asOf: args.asOf ?? todayIso(),
    file: path.basename(existingPath),
    force: args.force === true,
    ...(args.excludeRoutine === undefined ? {} : { excludeRoutine: args.excludeRoutine }),
  });

  let backup: string | null = null;
  if (args.backup !== false) backup = await keepBackup(real, existingPath, args.asOf ?? todayIso());
  await writeFileAtomic(real, result.bytes);
  return { target: existingPath, backup, changes: result.changes };
}

/** "theo-doi.xlsx" → "theo-doi.truoc-cap-nhat-2026-12-03.xlsx", then "-2", "-3" … for more updates that day. */
export function backupPath(p: string, date: string, n = 1): string {
  return p.replace(/\.xlsx$/i, `${BACKUP_MARK}-${date}${n > 1 ? `-${n}` : ''}.xlsx`);
}

/** Copy the workbook aside under the first free dated name; an existing backup is never written over. */
async function keepBackup(real: string, given: string, date: string): Promise<string> {
  for (let n = 1; ; n++) {
    const target = backupPath(given, date, n);
    try {
      await copyFile(real, target, constants.COPYFILE_EXCL);
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** One line for the CLI: how many tasks were added, removed, changed. */
export function formatInto(r: IntoResult): string {
  const count = (kinds: readonly Change['kind'][]): number => new Set(r.changes.filter((c) => kinds.includes(c.kind)).map((c) => c.row)).size;
  const added = count(['added', 'restored']);
  const removed = count(['removed']);
  const changed = count(['tt', 'content', 'deadline', 'lead', 'support', 'group', 'approval', 'product']);
  const kinds = [...new Set(r.changes.map((c) => CHANGE_LABEL[c.kind]))].join(', ');
  return (
    `✓ ${r.target}: cập nhật ${added} nhiệm vụ thêm, ${removed} bỏ, ${changed} sửa` +
    `${kinds ? ` (${kinds})` : ''}; xem trang "Nhật ký thay đổi"` +
    ` / updated: ${added} added, ${removed} removed, ${changed} changed; see the "Nhật ký thay đổi" sheet` +
    (r.backup ? `\n  bản trước khi cập nhật / copy before the update: ${r.backup}` : '') +
    '\n'
  );
}

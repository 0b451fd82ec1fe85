import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Report } from '../tracking/report.js';
import { EarlierReportError, readEarlierReport, type EarlierReport } from '../write/docx/earlier.js';
import { parsePeriod, type Period } from '../write/docx/period.js';
import { findPlan } from '../write/docx/scope.js';
import { mergeSettings, parseReportSettings, type ReportSettings } from '../write/docx/settings.js';
import { parseUserDate, UsageError } from './usage.js';

/**
 * The Word report of `rollup` (Node side). In: the command's options
 * (`--report`, `--pdf`, `--period`, `--plan`, `--since`, `--report-settings`
 * and the letterhead options). Out: the options checked (a bad one is a
 * UsageError in Vietnamese and English), the settings file and the earlier
 * report read before any workbook is, and the .docx printed to PDF with
 * LibreOffice. The report itself is write/report-docx.ts (pure).
 */

export interface ReportArgs {
  file: string;
  /** `<report>.pdf` when `--pdf`. */
  pdf: string | null;
  period: Period | null;
  plan: string | null;
  since: string | null;
  settingsFile: string | null;
  /** Options typed for the letterhead and signature (over the settings file). */
  settings: ReportSettings;
}

/** Options that shape the Word report; each needs --report. */
export const REPORT_OPTIONS = {
  report: { type: 'string' },
  pdf: { type: 'boolean' },
  period: { type: 'string' },
  plan: { type: 'string' },
  since: { type: 'string' },
  'report-settings': { type: 'string' },
  issuer: { type: 'string' },
  superior: { type: 'string' },
  number: { type: 'string' },
  place: { type: 'string' },
  'report-date': { type: 'string' },
  signer: { type: 'string' },
  'signer-title': { type: 'string' },
} as const;

type Values = { [K in keyof typeof REPORT_OPTIONS]?: (typeof REPORT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const OPTION_OF_FIELD: Record<string, string> = {
  issuer: '--issuer',
  superior: '--superior',
  number: '--number',
  place: '--place',
  date: '--report-date',
  'signer.title': '--signer-title',
  'signer.name': '--signer',
};

export function parseReportArgs(values: Values): ReportArgs | null {
  const file = values.report;
  if (file === undefined) {
    const given = (Object.keys(REPORT_OPTIONS) as Array<keyof Values>).filter((k) => k !== 'report' && values[k] !== undefined);
    if (given.length > 0) {
      const names = given.map((k) => `--${k}`).join(', ');
      throw new UsageError(`${names} chỉ dùng cùng --report <báo-cáo.docx>`, `${names} only go with --report <report.docx>`);
    }
    return null;
  }
  if (!/\.docx$/i.test(file.trim())) {
    throw new UsageError(`--report phải là tên tệp .docx, nhận được "${file}"`, `--report must name a .docx file, got "${file}"`);
  }
  let period: Period | null = null;
  if (values.period !== undefined) {
    period = parsePeriod(values.period);
    if (period === null) {
      throw new UsageError(
        `--period phải là quý, 6 tháng hoặc năm: 2026-Q1 … 2026-Q4, 2026-H1, 2026-H2 hoặc 2026; nhận được "${values.period}"`,
        `--period must be a quarter, half-year or year: 2026-Q1 … 2026-Q4, 2026-H1, 2026-H2 or 2026; got "${values.period}"`,
      );
    }
  }
  const since = values.since ?? null;
  if (since !== null && !/\.xlsx$/i.test(since.trim())) {
    throw new UsageError(`--since phải là báo cáo tổng hợp .xlsx trước đó, nhận được "${since}"`, `--since must name an earlier report .xlsx, got "${since}"`);
  }
  const settingsFile = values['report-settings'] ?? null;
  if (settingsFile !== null && !/\.json$/i.test(settingsFile.trim())) {
    throw new UsageError(`--report-settings phải là tệp .json, nhận được "${settingsFile}"`, `--report-settings must name a .json file, got "${settingsFile}"`);
  }
  // Typed as users write dates (02/12/2026) or as ISO, like --as-of; kept as ISO.
  const typedDate = values['report-date'];
  const date = typedDate === undefined ? undefined : parseUserDate(typedDate);
  if (date === null) {
    throw new UsageError(
      `--report-date phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY (ví dụ 2026-06-30 hoặc 30/06/2026), nhận được "${typedDate}"`,
      `--report-date must be a date as YYYY-MM-DD or DD/MM/YYYY (e.g. 2026-06-30 or 30/06/2026), got "${typedDate}"`,
    );
  }
  const typed: Record<string, unknown> = {
    issuer: values.issuer,
    superior: values.superior,
    number: values.number,
    place: values.place,
    date,
  };
  const signer = {
    ...(values['signer-title'] !== undefined ? { title: values['signer-title'].split('|').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(values.signer !== undefined ? { name: values.signer } : {}),
  };
  const raw = Object.fromEntries(Object.entries({ ...typed, ...(Object.keys(signer).length ? { signer } : {}) }).filter(([, v]) => v !== undefined));
  const checked = parseReportSettings(raw, 'options');
  if (!checked.ok) {
    const option = OPTION_OF_FIELD[checked.field] ?? checked.field;
    throw new UsageError(`${option} ${checked.why.vi}`, `${option} ${checked.why.en}`);
  }
  return {
    file,
    pdf: values.pdf === true ? file.replace(/\.docx$/i, '.pdf') : null,
    period,
    plan: values.plan ?? null,
    since,
    settingsFile,
    settings: checked.settings,
  };
}

export interface PreparedReport {
  settings: ReportSettings;
  earlier: EarlierReport | null;
}

/** The settings file and the earlier report, read and checked before any workbook is. */
export async function prepareReport(args: ReportArgs): Promise<PreparedReport> {
  let fromFile: ReportSettings = {};
  if (args.settingsFile !== null) {
    const file = args.settingsFile;
    const text = await readFile(file, 'utf8').catch(() => {
      throw new UsageError(`không đọc được tệp thiết lập báo cáo ${file}`, `cannot read the report settings file ${file}`);
    });
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new UsageError(`${file} không phải JSON hợp lệ (${why})`, `${file} is not valid JSON (${why})`);
    }
    const checked = parseReportSettings(json, file);
    if (!checked.ok) throw new UsageError(checked.vi, checked.en);
    fromFile = checked.settings;
  }
  let earlier: EarlierReport | null = null;
  if (args.since !== null) {
    const file = args.since;
    const bytes = await readFile(file).catch(() => {
      throw new UsageError(`không đọc được báo cáo trước ${file} (--since)`, `cannot read the earlier report ${file} (--since)`);
    });
    try {
      earlier = await readEarlierReport(file, new Uint8Array(bytes));
    } catch (e) {
      if (e instanceof EarlierReportError) throw new UsageError(`--since: ${e.vi}`, `--since: ${e.en}`);
      throw e;
    }
  }
  return { settings: mergeSettings(fromFile, args.settings), earlier };
}

/** The plan `--plan` names, by key; a UsageError listing the plans when none or several match. */
export function resolvePlan(report: Report, text: string | null): string | null {
  if (text === null) return null;
  const row = findPlan(report, text);
  if (row) return row.key;
  const known = report.byDocument.rows.map((r) => `"${r.agency}"`).join(', ');
  throw new UsageError(`--plan "${text}" không khớp đúng một văn bản; các văn bản: ${known}`, `--plan "${text}" matches no single plan; the plans: ${known}`);
}

// ── PDF through LibreOffice ─────────────────────────────────────────────────

/** soffice on PATH (or $SOFFICE), or null. */
export function findSoffice(env: Readonly<Record<string, string | undefined>>): string | null {
  const candidates = env.SOFFICE
    ? [env.SOFFICE]
    : (env.PATH ?? '').split(path.delimiter).flatMap((d) => (d ? [path.join(d, 'soffice'), path.join(d, 'libreoffice')] : []));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not this one
    }
  }
  return null;
}

export const NO_LIBREOFFICE = {
  code: 'pdf.no_libreoffice',
  vi: 'không có LibreOffice (soffice) để in báo cáo ra PDF; báo cáo .docx vẫn được ghi',
  en: 'LibreOffice (soffice) is not installed to print the report to PDF; the .docx is still written',
};

/**
 * The .docx printed to PDF by LibreOffice headless, in a folder of its own
 * with a profile of its own (a LibreOffice the user has open is not
 * disturbed). Rejects after `timeoutMs`, the process killed.
 */
export async function printPdf(soffice: string, docx: Uint8Array, timeoutMs = 180_000): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'phuluc-report-'));
  try {
    const input = path.join(dir, 'bao-cao.docx');
    await writeFile(input, docx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'pdf', '--outdir', dir, input], timeoutMs);
    return new Uint8Array(await readFile(path.join(dir, 'bao-cao.pdf')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`soffice timed out after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`soffice exited with ${code}: ${output.split('\n')[0]}`));
    });
  });
}

import { availableParallelism } from 'node:os';
import { checkAsOf, parseCommandArgs, UsageError } from './usage.js';
import { EXCLUDE_ROUTINE_OPTIONS, parseExcludeRoutine } from './routine-option.js';
import type { OcrMode } from '../node/job.js';

export { isIsoDate } from './usage.js';

export const OUTPUT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export const DEFAULT_FORMATS = 'json,csv,xlsx';
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface ConvertArgs {
  inputs: string[];
  out: string;
  formats: OutputFormat[];
  asOf?: string;
  /** One tracking workbook over every converted input (--combined <file.xlsx>). */
  combined?: string;
  /** `--into <tracking.xlsx>`: update that workbook from the (amended) plan instead of writing new outputs. */
  into?: string;
  /** --into: update even a workbook that seems to follow another plan. */
  force: boolean;
  /** Also one workbook per lead agency, to send out (--per-agency). */
  perAgency: boolean;
  /** Worker threads converting at once; 0 converts in this thread (no time limit). */
  jobs: number;
  /** Seconds one file may take before it is stopped and reported. */
  timeoutSec: number;
  /** Files larger than this (MB) are refused unread. */
  maxSizeMb: number;
  /** OCR of scanned PDF pages (--ocr auto|off|force). */
  ocr: OcrMode;
  /**
   * The workbook's switch on `Tổng hợp`: routine tasks out of the rates
   * (--exclude-routine / --no-exclude-routine). Absent: on for a new
   * workbook; as the workbook had it for --into.
   */
  excludeRoutine?: boolean;
}

export const DEFAULT_TIMEOUT_SEC = 120;
export const DEFAULT_MAX_SIZE_MB = 50;

/** Arguments of `convert` (after the command word). Throws UsageError. */
export function parseConvertArgs(argv: readonly string[]): ConvertArgs {
  const parsed = parseCommandArgs(argv, {
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    'as-of': { type: 'string' },
    combined: { type: 'string' },
    into: { type: 'string' },
    force: { type: 'boolean' },
    'per-agency': { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    timeout: { type: 'string' },
    'max-size': { type: 'string' },
    ocr: { type: 'string' },
    ...EXCLUDE_ROUTINE_OPTIONS,
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    throw new UsageError('chưa chọn tệp hoặc thư mục nào', 'no input file or folder given');
  }
  const into = values.into;
  if (into !== undefined) {
    if (!/\.xlsx$/i.test(into.trim())) {
      throw new UsageError(`--into phải là sổ theo dõi .xlsx, nhận được "${into}"`, `--into must name an .xlsx tracking workbook, got "${into}"`);
    }
    if (positionals.length !== 1) {
      throw new UsageError('--into nhận đúng một văn bản kế hoạch', '--into takes exactly one plan document');
    }
  } else if (values.out === undefined || values.out.trim() === '') {
    throw new UsageError('thiếu --out <thư mục kết quả>', 'missing --out <output folder>');
  }
  // YYYY-MM-DD or DD/MM/YYYY as typed; ISO from here on.
  const asOf = checkAsOf(values['as-of']);
  const combined = values.combined;
  if (combined !== undefined && !/\.xlsx$/i.test(combined.trim())) {
    throw new UsageError(
      `--combined phải là tên tệp .xlsx, nhận được "${combined}"`,
      `--combined must name an .xlsx file, got "${combined}"`,
    );
  }
  return {
    inputs: positionals,
    out: values.out ?? '',
    ...(into === undefined ? {} : { into }),
    formats: parseFormats(values.format ?? DEFAULT_FORMATS),
    force: values.force === true,
    perAgency: values['per-agency'] === true,
    ocr: parseOcr(values.ocr),
    ...parseLimits(values),
    ...(asOf === undefined ? {} : { asOf }),
    ...(combined === undefined ? {} : { combined }),
    ...excludeRoutineArg(parseExcludeRoutine(values)),
  };
}

function excludeRoutineArg(v: boolean | undefined): { excludeRoutine?: boolean } {
  return v === undefined ? {} : { excludeRoutine: v };
}

function parseOcr(v: string | undefined): OcrMode {
  const mode = (v ?? 'auto').trim().toLowerCase();
  if (mode === 'auto' || mode === 'off' || mode === 'force') return mode;
  throw new UsageError(`--ocr nhận auto, off hoặc force, không nhận "${v}"`, `--ocr takes auto, off or force, not "${v}"`);
}

/** All cores but one is left for the writer, at least one; at most four (reading is I/O-bound past that). */
/** --jobs, --timeout and --max-size: the limits every command that reads files runs under. */
export function parseLimits(values: { jobs?: string; timeout?: string; 'max-size'?: string }): { jobs: number; timeoutSec: number; maxSizeMb: number } {
  return {
    jobs: parseNumber('--jobs', values.jobs, defaultJobs(), { min: 0, integer: true }),
    timeoutSec: parseNumber('--timeout', values.timeout, DEFAULT_TIMEOUT_SEC, { min: 1 }),
    maxSizeMb: parseNumber('--max-size', values['max-size'], DEFAULT_MAX_SIZE_MB, { min: 0.001 }),
  };
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function parseNumber(name: string, text: string | undefined, fallback: number, o: { min: number; integer?: boolean }): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < o.min || (o.integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} phải là số ≥ ${o.min}, nhận được "${text}"`, `${name} must be a number ≥ ${o.min}, got "${text}"`);
  }
  return n;
}

/** "json,csv" → ['json', 'csv'], in the order given, repeats dropped. */
export function parseFormats(text: string): OutputFormat[] {
  const out: OutputFormat[] = [];
  for (const part of text.split(',').map((p) => p.trim().toLowerCase())) {
    if (part === '') continue;
    if (!(OUTPUT_FORMATS as readonly string[]).includes(part)) {
      throw new UsageError(
        `định dạng không hỗ trợ: ${part} (chọn ${OUTPUT_FORMATS.join(', ')})`,
        `unsupported format: ${part} (choose ${OUTPUT_FORMATS.join(', ')})`,
      );
    }
    if (!out.includes(part as OutputFormat)) out.push(part as OutputFormat);
  }
  if (out.length === 0) throw new UsageError('--format trống', '--format is empty');
  return out;
}


/**
 * `--exclude-routine` / `--no-exclude-routine`, shared by `convert` and
 * `rollup`: whether routine tasks ("thường xuyên", "hằng năm") are left out
 * of the completion rates (rollup/rollup.ts). Both are declared as plain
 * boolean options, since util.parseArgs has no negation on Node 20.
 * Undefined when neither is given (the command's default); both at once is a
 * usage error.
 */
import { UsageError } from './usage.js';

export const EXCLUDE_ROUTINE_OPTIONS = {
  'exclude-routine': { type: 'boolean' },
  'no-exclude-routine': { type: 'boolean' },
} as const;

export function parseExcludeRoutine(values: { 'exclude-routine'?: boolean; 'no-exclude-routine'?: boolean }): boolean | undefined {
  const on = values['exclude-routine'] === true;
  const off = values['no-exclude-routine'] === true;
  if (on && off) {
    throw new UsageError('--exclude-routine và --no-exclude-routine không dùng cùng nhau', '--exclude-routine and --no-exclude-routine cannot be used together');
  }
  return on ? true : off ? false : undefined;
}

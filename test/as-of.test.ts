/**
 * `--as-of` as users type it: ISO or day/month/year (Vietnamese order), in
 * convert and rollup alike, always handed on as YYYY-MM-DD; a day that does
 * not exist is a usage error that names both forms.
 */
import { describe, expect, it } from 'vitest';
import { parseConvertArgs } from '../pipeline/cli/args.js';
import { parseRollupArgs } from '../pipeline/cli/rollup-command.js';
import { checkAsOf, parseUserDate, UsageError } from '../pipeline/cli/usage.js';

describe('parseUserDate', () => {
  it.each([
    ['2026-12-02', '2026-12-02'],
    ['02/12/2026', '2026-12-02'],
    ['2/12/2026', '2026-12-02'],
    ['1/7/2026', '2026-07-01'],
    ['02.12.2026', '2026-12-02'],
    ['02-12-2026', '2026-12-02'],
    [' 29/02/2028 ', '2028-02-29'],
  ])('%s → %s', (typed, iso) => {
    expect(parseUserDate(typed)).toBe(iso);
  });

  it.each(['31/02/2026', '29/02/2026', '2026-02-30', '12/31/2026', '02/12/26', '2026/12/02', '02/12-2026', 'hôm nay', ''])('refuses %j', (typed) => {
    expect(parseUserDate(typed)).toBeNull();
  });
});

describe('--as-of', () => {
  it('is ISO from the parser on, whichever form was typed', () => {
    expect(parseConvertArgs(['a.txt', '--out', 'o', '--as-of', '02/12/2026']).asOf).toBe('2026-12-02');
    expect(parseConvertArgs(['a.txt', '--out', 'o', '--as-of', '2026-12-02']).asOf).toBe('2026-12-02');
    expect(parseConvertArgs(['a.txt', '--out', 'o']).asOf).toBeUndefined();
    expect(parseRollupArgs(['tra-ve/', '--as-of', '30/06/2026', '--out', 'bc.xlsx']).asOf).toBe('2026-06-30');
    expect(checkAsOf(undefined)).toBeUndefined();
  });

  it('refuses a day that does not exist, naming both forms (Vietnamese and English)', () => {
    for (const run of [
      () => parseConvertArgs(['a.txt', '--out', 'o', '--as-of', '31/02/2026']),
      () => parseRollupArgs(['tra-ve/', '--as-of', '31/02/2026', '--out', 'bc.xlsx']),
    ]) {
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      const e = err as UsageError;
      expect(e.vi).toContain('YYYY-MM-DD hoặc DD/MM/YYYY');
      expect(e.en).toContain('YYYY-MM-DD or DD/MM/YYYY');
      expect(e.message).toContain('"31/02/2026"');
    }
  });

  it('is still required by rollup, and the message says which forms', () => {
    expect(() => parseRollupArgs(['tra-ve/', '--out', 'bc.xlsx'])).toThrow(/DD\/MM\/YYYY/);
  });
});

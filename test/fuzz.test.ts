import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readText } from '../pipeline/read/txt.js';
import { extractTasks } from '../pipeline/extract.js';
import { normaliseTask } from '../pipeline/normalise/task.js';
import { parseDeadline, looksLikeDeadline } from '../pipeline/normalise/deadline.js';
import { splitAgencies, isAgencyList } from '../pipeline/normalise/agencies.js';
import { decodeText } from '../pipeline/read/decode.js';
import { isPlanError } from '../pipeline/model/errors.js';
import { Task } from '../pipeline/model/task.js';

/**
 * Property tests: thousands of generated inputs through the text reader,
 * the deadline parser and the agency splitter. No input may throw anything
 * but a PlanError, and outputs keep their invariants. fast-check prints the
 * seed and path of a failure; replay with FUZZ_SEED=<seed> (and FUZZ_PATH).
 */
const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const path = process.env.FUZZ_PATH;
const params = { numRuns: runs, ...(seed === undefined ? {} : { seed }), ...(path ? { path } : {}) };

/** Pieces plans are made of, so generated text hits the interesting paths. */
const piece = fc.constantFrom(
  'TT', 'STT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian', 'Sở Y tế', 'UBND cấp huyện',
  'các sở, ngành', 'và', ',', ';', ':', '.', '-', '+', '|', '\t', '\n', '\n\n', ' ', '1', '2.', '3.1', 'a)', 'II.',
  'Quý II/2026', 'Năm 2025', 'Thường xuyên', 'Sau khi', '30/6/2026', '2026 - 2030', 'Tháng 13/2026', 'Quí IV-',
  'PHỤ LỤC', 'TỔ CHỨC THỰC HIỆN', '**', '*', '\\|', '<br>', 'Ð', 'Hoà', 'ư', '\u0301', '\f', '(', ')', '"',
  'Cơ quan chủ trì:', '- Thời gian thực hiện:', 'Nhiệm vụ:', '|---|---|', 'Nơi nhận:',
);
const planText = fc.oneof(
  fc.array(piece, { maxLength: 80 }).map((p) => p.join('')),
  fc.string({ maxLength: 300 }),
  fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 120 }).map((p) => p.join(' ')),
);

describe('fuzzing the text reader and the finders', () => {
  it('never throws and yields valid tasks', () => {
    fc.assert(
      fc.property(planText, (text) => {
        const raw = extractTasks(readText('fuzz.txt', text));
        raw.forEach((r, i) => {
          const t = normaliseTask(r, i);
          expect(Task.safeParse(t).success).toBe(true);
        });
      }),
      params,
    );
  });

  it('decoding arbitrary bytes either gives text or a PlanError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          expect(typeof decodeText('fuzz.txt', bytes)).toBe('string');
        } catch (e) {
          expect(isPlanError(e)).toBe(true);
        }
      }),
      params,
    );
  });
});

describe('fuzzing the deadline parser', () => {
  const phrase = fc.array(piece, { maxLength: 12 }).map((p) => p.join(' '));
  it('always returns a well-formed deadline', () => {
    fc.assert(
      fc.property(fc.oneof(phrase, fc.string({ maxLength: 80 })), (s) => {
        const d = parseDeadline(s);
        if (d.end !== null) expect(d.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (d.end !== null) expect(Number.isNaN(Date.parse(d.end))).toBe(false);
        if (d.start !== null && d.end !== null) expect(d.start <= d.end).toBe(true);
        expect(d.recurring).toBe(d.kind === 'recurring');
        if (['recurring', 'conditional', 'missing', 'unparsed'].includes(d.kind)) expect(d.end).toBeNull();
        expect(typeof looksLikeDeadline(s)).toBe('boolean');
      }),
      params,
    );
  });

  it('reads any valid day/month/year as that date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
        const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const parsed = parseDeadline(`Trước ngày ${d}/${m}/${y}`);
        expect(parsed).toMatchObject({ kind: 'date', end: date.toISOString().slice(0, 10) });
      }),
      params,
    );
  });
});

describe('fuzzing the agency splitter', () => {
  const cell = fc.array(piece, { maxLength: 16 }).map((p) => p.join(' '));
  it('splits any cell into trimmed, non-empty names without separators at the ends', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.string({ maxLength: 120 })), (s) => {
        const names = splitAgencies(s);
        for (const n of names) {
          expect(n).toBe(n.trim());
          expect(n.length).toBeGreaterThan(0);
          expect(n).not.toMatch(/^[,;]|[,;]$/);
        }
        expect(typeof isAgencyList(s)).toBe('boolean');
      }),
      params,
    );
  });

  it('a list of known agencies joined by ";" splits back into them', () => {
    const known = fc.constantFrom('Sở Y tế', 'Sở Tài chính', 'Công an tỉnh', 'Sở Văn hóa, Thể thao và Du lịch', 'UBND các xã, phường', 'Bảo hiểm xã hội tỉnh');
    fc.assert(
      fc.property(fc.uniqueArray(known, { minLength: 1, maxLength: 5 }), (list) => {
        expect(splitAgencies(list.join('; '))).toEqual(list);
      }),
      params,
    );
  });
});

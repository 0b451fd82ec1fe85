import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { convertDocument } from '../pipeline/convert.js';
import { isPlanError } from '../pipeline/model/errors.js';
import { unzipSync, zipSync } from 'fflate';

/**
 * Byte mutations of a real .docx fixture: flipped bytes in the zip, and
 * flipped bytes inside word/document.xml re-zipped (so the XML parser, not
 * the zip reader, meets the damage). Every case ends in tasks or a
 * PlanError, never another exception. Replay a failure with FUZZ_SEED / FUZZ_PATH.
 */
const runs = Number(process.env.FUZZ_DOCX_RUNS ?? 300);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const path = process.env.FUZZ_PATH;
const params = { numRuns: runs, ...(seed === undefined ? {} : { seed }), ...(path ? { path } : {}) };

const fixture = new Uint8Array(readFileSync(new URL('../samples/docx/000_608305ae69954cdd.docx', import.meta.url)));
const parts = unzipSync(fixture);
const documentXml = parts['word/document.xml']!;

async function outcome(bytes: Uint8Array): Promise<'tasks' | 'error'> {
  try {
    await convertDocument('fuzz.docx', bytes);
    return 'tasks';
  } catch (e) {
    if (!isPlanError(e)) throw e;
    return 'error';
  }
}

const mutations = (size: number) =>
  fc.array(fc.record({ at: fc.nat({ max: size - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 20 });

function mutate(src: Uint8Array, edits: Array<{ at: number; byte: number }>): Uint8Array {
  const out = src.slice();
  for (const e of edits) out[e.at] = e.byte;
  return out;
}

describe('fuzzing the docx reader with mutated bytes', () => {
  it('a damaged zip gives tasks or a PlanError', async () => {
    await fc.assert(
      fc.asyncProperty(mutations(fixture.length), async (edits) => {
        expect(['tasks', 'error']).toContain(await outcome(mutate(fixture, edits)));
      }),
      params,
    );
  });

  it('damaged XML inside a sound zip gives tasks or a PlanError', async () => {
    await fc.assert(
      fc.asyncProperty(mutations(documentXml.length), async (edits) => {
        const bytes = zipSync({ ...parts, 'word/document.xml': mutate(documentXml, edits) });
        expect(['tasks', 'error']).toContain(await outcome(bytes));
      }),
      params,
    );
  });

  it('a zip cut short at any point gives a PlanError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: fixture.length - 1 }), async (n) => {
        expect(await outcome(fixture.slice(0, n))).toBe('error');
      }),
      { ...params, numRuns: Math.min(runs, 100) },
    );
  });
});

import { z } from 'zod';

export const DEADLINE_KINDS = [
  'date',
  'month',
  'quarter',
  'half_year',
  'year',
  'range',
  'recurring',
  'conditional',
  'missing',
  /** Text is present but no rule recognises it: kept raw, flagged by `deadline.unparsed`. */
  'unparsed',
] as const;

export const DeadlineKind = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const Deadline = z.object({
  /** As written, trailing full stop dropped; null when the plan gives none. */
  raw: z.string().nullable(),
  kind: DeadlineKind,
  /** First day the work is meant to start, where the text says so (ISO). */
  start: IsoDate.nullable(),
  /** Last day the deadline allows (ISO); null for recurring, conditional, missing, unparsed. */
  end: IsoDate.nullable(),
  /** The work repeats or continues ("Thường xuyên", "Hằng năm", "… và các năm tiếp theo"). */
  recurring: z.boolean(),
});
export type Deadline = z.infer<typeof Deadline>;

import { z } from 'zod';
import { DeadlineKind } from '../model/deadline.js';

/** One row of a gold file (samples/gold/RULES.md): a task as a careful person typed it. */
export const GoldRow = z.object({
  tt: z.string().nullable(),
  group: z.string().nullable(),
  content: z.string(),
  lead: z.array(z.string()),
  support: z.array(z.string()),
  deadline_raw: z.string().nullable(),
  deadline_kind: DeadlineKind,
  deadline_end: z.string().nullable(),
  product: z.string().nullable(),
  approval: z.string().nullable(),
});
export type GoldRow = z.infer<typeof GoldRow>;

/** Only `rows` is scored; the other keys (title, notes, columns …) document the seed and may vary. */
export const GoldFile = z.object({ rows: z.array(GoldRow), partial: z.boolean().optional() }).passthrough();
export type GoldFile = z.infer<typeof GoldFile>;

/** The gold id of an input: its file name up to the first dot ("000_x.cells.md" → "000_x"). */
export function goldId(fileName: string): string {
  const dot = fileName.indexOf('.');
  return dot <= 0 ? fileName : fileName.slice(0, dot);
}

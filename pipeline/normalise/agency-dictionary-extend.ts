/**
 * A user's own agency dictionary (a JSON file) over the built-in one.
 * In: the built-in dictionary and the parsed JSON. Out: the merged dictionary, or an
 * error naming what is wrong. Kept apart from agency-dictionary.ts so that converting a
 * plan, which needs only the built-in data, does not load zod.
 */
import { z } from 'zod';
import type { AgencyDictionary, AgencyEntry } from './agency-dictionary.js';

export const AgencyEntrySchema = z.object({
  canonical: z.string().trim().min(1),
  aliases: z.array(z.string().trim().min(1)).default([]),
  collective: z.boolean().optional(),
  successor: z.string().trim().min(1).optional(),
  note: z.string().optional(),
});

export const AgencyDictionarySchema = z.object({
  entries: z.array(AgencyEntrySchema),
});

/** A user file may be `{ "entries": [...] }` or just the array of entries. */
const ExtraSchema = z.union([AgencyDictionarySchema, z.array(AgencyEntrySchema).transform((entries) => ({ entries }))]);

/**
 * `base` plus the entries of a user file (validated). An extra entry with the same canonical name
 * (compared loosely) replaces the base one; its aliases are looked up before the base's, so they win too.
 */
export function extendDictionary(base: AgencyDictionary, extra: unknown): AgencyDictionary {
  const parsed = ExtraSchema.safeParse(extra);
  if (!parsed.success) {
    throw new Error(`Từ điển cơ quan không hợp lệ / invalid agency dictionary:\n${z.prettifyError(parsed.error)}`);
  }
  const added: AgencyEntry[] = parsed.data.entries.map((x) => ({ ...x, aliases: [...x.aliases] }));
  const replaced = new Set(added.map((x) => looseName(x.canonical)));
  return { entries: [...base.entries.filter((x) => !replaced.has(looseName(x.canonical))), ...added] };
}

/** Loose comparison of canonical names (case, spacing, NFC); the full key lives in agencies.ts. */
function looseName(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

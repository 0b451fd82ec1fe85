import { z } from 'zod';
import { Deadline } from './deadline.js';

export const OriginKind = z.enum(['table', 'labelled', 'duties', 'sheet']);
export type OriginKind = z.infer<typeof OriginKind>;

export const Origin = z.object({
  /** How the task was found: an appendix table, labelled prose, or duties listed per agency. */
  kind: OriginKind,
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
  /** The task's page was read by OCR from a scan: its text may hold recognition errors. */
  ocr: z.boolean().optional(),
});
export type Origin = z.infer<typeof Origin>;

export const Task = z.object({
  /** Stable within a document: derived from TT, position and content. */
  id: z.string(),
  tt: z.string().nullable(),
  group: z.string().nullable(),
  content: z.string(),
  /** Agencies as written in the document, split. */
  lead: z.array(z.string()),
  support: z.array(z.string()),
  /** Canonical names beside the written ones (same order as `lead` / `support`). */
  leadCanonical: z.array(z.string()),
  supportCanonical: z.array(z.string()),
  deadline: Deadline,
  approval: z.string().nullable(),
  product: z.string().nullable(),
  /** Columns the plan has that are not fields (Ghi chú, Nguồn kinh phí …), by header. */
  extra: z.record(z.string(), z.string()).optional(),
  origin: Origin,
});
export type Task = z.infer<typeof Task>;

import { z } from 'zod';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const TaskField = z.enum([
  'tt',
  'content',
  'lead',
  'support',
  'deadline',
  'approval',
  'product',
  'status',
  'doneDate',
]);
export type TaskField = z.infer<typeof TaskField>;

export const Finding = z.object({
  /** Task id the finding is about. */
  task: z.string(),
  field: TaskField,
  rule: z.string(),
  severity: Severity,
  /** Vietnamese first, then English: "… / …". */
  message: z.string(),
  messageVi: z.string(),
  messageEn: z.string(),
});
export type Finding = z.infer<typeof Finding>;

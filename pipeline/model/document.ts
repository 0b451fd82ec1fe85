import { z } from 'zod';
import { Task } from './task.js';
import { Finding } from './finding.js';

export const DocumentInfo = z.object({
  title: z.string().nullable(),
  /** "Số: 123/KH-UBND" → "123/KH-UBND"; null when blank in the draft. */
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  /** Signing date (ISO) where the plan gives a full one. */
  date: z.string().nullable(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

/** The JSON written per input: a contract other tools read (DESIGN §6). */
export const ConvertedDocument = z.object({
  source: z.object({
    file: z.string(),
    format: z.string(),
    /** Pages read by OCR from their image (a scanned PDF). */
    ocrPages: z.array(z.number().int()).optional(),
    /** Picture pages OCR could not read (tesseract missing, a page that failed); the other pages were read. */
    unread: z.object({ pages: z.array(z.number().int()), code: z.string(), vi: z.string(), en: z.string() }).optional(),
  }),
  document: DocumentInfo,
  tasks: z.array(Task),
  findings: z.array(Finding),
});
export type ConvertedDocument = z.infer<typeof ConvertedDocument>;

import type { ConvertedDocument } from './model/document.js';

export interface ConvertOptions {
  /** Report date (ISO) for status rules; defaults to today. */
  asOf?: string;
  /** Days before a deadline that count as "due soon". */
  dueSoonDays?: number;
}

/**
 * The whole core for one input: bytes → ConvertedDocument.
 * Throws PlanError (with a Vietnamese and an English message) for a bad file.
 * Pure: no file system, so the add-in runs the same code in the browser.
 */
export async function convertDocument(
  _file: string,
  _bytes: Uint8Array,
  _options: ConvertOptions = {},
): Promise<ConvertedDocument> {
  throw new Error('convertDocument: being written (core session in progress)');
}

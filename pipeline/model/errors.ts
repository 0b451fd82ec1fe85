/**
 * A fault in an input file, told to the user in Vietnamese and English.
 * Codes are stable: they appear in the JSON of a failed conversion and in tests.
 */
export type PlanErrorCode =
  | 'file.empty'
  | 'file.unsupported'
  | 'file.too_large'
  | 'file.unreadable'
  | 'text.binary'
  | 'text.encoding'
  | 'sheet.corrupt'
  | 'sheet.legacy'
  /** A workbook past the reading limits (unzipped size, parts): read/xlsx-package.ts. */
  | 'sheet.too_large'
  | 'docx.corrupt'
  /** Word 97–2003 `.doc`: damaged, not a Word file inside the OLE container, or RTF saved under .doc. */
  | 'doc.corrupt'
  | 'doc.not_word'
  | 'doc.rtf'
  | 'doc.old_word'
  | 'docx.not_docx'
  | 'docx.encrypted'
  | 'docx.too_deep'
  | 'docx.unsafe'
  | 'pdf.corrupt'
  | 'pdf.encrypted'
  | 'pdf.scanned'
  /** Scanned pages (node/ocr): tesseract missing, every page blank, nothing recognised, a page that failed. */
  | 'ocr.unavailable'
  | 'ocr.blank'
  | 'ocr.unreadable'
  | 'ocr.failed'
  | 'file.timeout'
  | 'plan.no_tasks'
  /** Re-import (`convert --into`): the file is no tracking workbook, or one over several plans. */
  | 'tracking.not_workbook'
  | 'tracking.combined'
  | 'tracking.other_plan';

export class PlanError extends Error {
  readonly code: PlanErrorCode;
  readonly vi: string;
  readonly en: string;

  constructor(code: PlanErrorCode, vi: string, en: string) {
    super(`${vi} / ${en}`);
    this.name = 'PlanError';
    this.code = code;
    this.vi = vi;
    this.en = en;
  }
}

export function isPlanError(e: unknown): e is PlanError {
  return e instanceof PlanError;
}

/** A file past a reading limit (pages, text items, parts, unpacked bytes): `vi` and `en` say which. */
export function fileTooLarge(file: string, vi: string, en: string): PlanError {
  return new PlanError('file.too_large', `Tệp ${file} quá lớn: ${vi}`, `${file} is too large: ${en}`);
}

import type { Doc, SourceFormat } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { decodeText } from './decode.js';
import { readText } from './txt.js';
import { readDocx } from './docx.js';
import { decodeHtml, readHtml } from './html.js';
import { readCsv, readXlsx } from './sheet.js';
import { readPdf } from './pdf.js';

/** File extension → format; the reader for each lives beside this file. */
export function formatOf(file: string): SourceFormat | null {
  const ext = file.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  switch (ext) {
    case 'txt':
    case 'text':
      return 'txt';
    case 'tsv':
      return 'tsv';
    case 'md':
    case 'markdown':
      return 'md';
    case 'docx':
    case 'docm':
    case 'doc': // often a .docx renamed; a real old .doc gets its own message from the docx reader
      return 'docx';
    case 'html':
    case 'htm':
      return 'html';
    case 'pdf':
      return 'pdf';
    case 'xlsx':
      return 'xlsx';
    case 'csv':
      return 'csv';
    default:
      return null;
  }
}

export async function readDocument(file: string, bytes: Uint8Array): Promise<Doc> {
  const format = formatOf(file);
  if (!format) {
    throw new PlanError(
      'file.unsupported',
      `Chưa hỗ trợ định dạng của tệp ${file}`,
      `The format of ${file} is not supported`,
    );
  }
  if (format === 'docx') return readDocx(file, bytes);
  if (format === 'html') return readHtml(file, decodeHtml(file, bytes));
  if (format === 'pdf') return readPdf(file, bytes);
  if (format === 'xlsx') return readXlsx(file, bytes);
  if (format === 'csv') return readCsv(file, decodeText(file, bytes));
  return readText(file, decodeText(file, bytes), format);
}

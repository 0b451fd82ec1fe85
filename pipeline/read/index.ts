import type { Doc, SourceFormat } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { decodeText } from './decode.js';
import { readText } from './txt.js';

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
  return readText(file, decodeText(file, bytes), format);
}

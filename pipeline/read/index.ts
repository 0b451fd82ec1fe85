import type { Doc, SourceFormat } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { decodeText } from './decode.js';
import { readText } from './txt.js';
import { isWordBinary, readDocx } from './docx.js';
import type { PageOcr } from './ocr-port.js';

// Readers with large libraries of their own (parse5 for web pages, cfb for Word 97–2003, the workbook
// reader, pdf.js behind the PDF reader) load with the first file that needs them: a batch worker converting .docx files starts
// without them.
const html = (): Promise<typeof import('./html.js')> => import('./html.js');
const sheet = (): Promise<typeof import('./sheet.js')> => import('./sheet.js');
const pdf = (): Promise<typeof import('./pdf.js')> => import('./pdf.js');
const wordBinary = (): Promise<typeof import('./doc/index.js')> => import('./doc/index.js');

async function readWebPage(file: string, bytes: Uint8Array): Promise<Doc> {
  const { decodeHtml, readHtml } = await html();
  return readHtml(file, decodeHtml(file, bytes));
}

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
    case 'doc': // a Word 97–2003 binary, or often a .docx (or a web page, or RTF) renamed: the content decides
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

export interface ReadOptions {
  /** OCR for scanned PDF pages, where the host has it (the command line). */
  ocr?: PageOcr;
}

export async function readDocument(file: string, bytes: Uint8Array, o: ReadOptions = {}): Promise<Doc> {
  const format = formatOf(file);
  if (!format) {
    throw new PlanError(
      'file.unsupported',
      `Chưa hỗ trợ định dạng của tệp ${file}`,
      `The format of ${file} is not supported`,
    );
  }
  if (format === 'docx') {
    // "Word" files that are something else: Word saves RTF and web pages under .doc too.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
    if (head.startsWith('{\\rtf')) {
      throw new PlanError(
        'doc.rtf',
        `Tệp ${file} là văn bản RTF (dù mang đuôi .doc); hãy mở bằng Word và lưu lại dưới dạng .docx rồi thử lại`,
        `${file} is an RTF document (though named .doc); open it in Word, save it as .docx and try again`,
      );
    }
    if (/^<(!doctype html|html|head|meta)\b/i.test(head)) return readWebPage(file, bytes);
    if (isWordBinary(bytes)) return (await wordBinary()).readDoc(file, bytes);
    return readDocx(file, bytes);
  }
  if (format === 'html') return readWebPage(file, bytes);
  if (format === 'pdf') return (await pdf()).readPdf(file, bytes, {}, o.ocr);
  if (format === 'xlsx') return (await sheet()).readXlsx(file, bytes);
  if (format === 'csv') return (await sheet()).readCsv(file, decodeText(file, bytes));
  return readText(file, decodeText(file, bytes), format);
}

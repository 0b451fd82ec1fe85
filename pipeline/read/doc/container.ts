import CFB from 'cfb';
import { PlanError } from '../../model/errors.js';

/**
 * The OLE compound file of a Word 97–2003 document → its streams: the
 * `WordDocument` stream (text and formatting pages) and the table stream
 * (`0Table` or `1Table`, chosen by the FIB) that indexes them. Bytes in,
 * streams out; a file that is no Word binary, or is encrypted, gets its own
 * error here.
 */
export interface DocStreams {
  word: Uint8Array;
  table: Uint8Array;
  /** The `Data` stream: paragraph properties too large for their page (sprmPHugePapx) live there. */
  data: Uint8Array;
}

export function openDoc(file: string, bytes: Uint8Array): DocStreams {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'array' });
  } catch {
    throw corrupt(file);
  }
  // Streams of the document itself, at the root: an embedded object has streams of the same names deeper down.
  const root = container.FullPaths[0] ?? 'Root Entry/';
  const stream = (name: string): Uint8Array | null => {
    const at = container.FullPaths.indexOf(`${root}${name}`);
    const entry = at >= 0 ? container.FileIndex[at] : undefined;
    const content = entry?.content as Uint8Array | number[] | undefined;
    return content && content.length > 0 ? Uint8Array.from(content) : null;
  };
  if (stream('EncryptedPackage') || stream('EncryptionInfo')) throw encrypted(file);
  const word = stream('WordDocument');
  if (!word) {
    throw new PlanError(
      'doc.not_word',
      `Tệp ${file} là tệp Office cũ nhưng không phải văn bản Word (có thể là Excel .xls hoặc PowerPoint .ppt)`,
      `${file} is an old Office file but not a Word document (it may be an Excel .xls or a PowerPoint .ppt)`,
    );
  }
  if (word.length < 0x200 || u16(word, 0) !== 0xa5ec) throw corrupt(file);
  // Word 6 and Word 95 (nFib below 0xC1) lay the file out otherwise.
  if (u16(word, 2) < 0xc1) {
    throw new PlanError(
      'doc.old_word',
      `Tệp ${file} là văn bản Word 6/95, cũ hơn Word 97; hãy mở bằng Word và lưu lại dưới dạng .docx rồi thử lại`,
      `${file} is a Word 6/95 document, older than Word 97; open it in Word, save it as .docx and try again`,
    );
  }
  const flags = u16(word, 0x0a);
  // fEncrypted (and fObfuscated, XOR "protection"): the text is scrambled without the password.
  if (flags & 0x0100) throw encrypted(file);
  const table = stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw corrupt(file);
  return { word, table, data: stream('Data') ?? new Uint8Array(0) };
}

export function corrupt(file: string): PlanError {
  return new PlanError('doc.corrupt', `Tệp ${file} (Word .doc) bị hỏng, không đọc được`, `${file} (Word .doc) is damaged and cannot be read`);
}

function encrypted(file: string): PlanError {
  return new PlanError(
    'docx.encrypted',
    `Tệp ${file} được đặt mật khẩu; hãy bỏ mật khẩu rồi thử lại`,
    `${file} is password-protected; remove the password and try again`,
  );
}

export function u16(b: Uint8Array, at: number): number {
  if (at < 0 || at + 2 > b.length) throw new RangeError('read past the end');
  return b[at]! | (b[at + 1]! << 8);
}

export function u32(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) throw new RangeError('read past the end');
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function i16(b: Uint8Array, at: number): number {
  const v = u16(b, at);
  return v & 0x8000 ? v - 0x10000 : v;
}

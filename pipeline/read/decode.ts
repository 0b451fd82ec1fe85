import { PlanError } from '../model/errors.js';
import { decodeTcvn3, decodeVni, repairLegacyText, vietnameseScore } from './legacy.js';

/**
 * Bytes → string for text inputs. UTF-8 (with or without BOM) and UTF-16
 * with a BOM; anything that is not valid UTF-8 is refused with a clear
 * message rather than shown as mojibake.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes.length === 0) {
    throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (looksBinary(bytes)) {
    throw new PlanError(
      'text.binary',
      `Tệp ${file} không phải văn bản (dữ liệu nhị phân)`,
      `File ${file} is not text (binary data)`,
    );
  }
  let text: string;
  try {
    // fatal: reject invalid UTF-8 instead of inventing U+FFFD characters.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeLegacyBytes(file, bytes);
  }
  // Valid UTF-8 may still be TCVN3 / VNI text read as Latin-1 ("KÕ ho¹ch").
  return repairLegacyText(text)?.text ?? text;
}

/**
 * Bytes that are not UTF-8: an old file in Windows-1258, TCVN3 (ABC) or VNI.
 * Decode each way and keep the reading that is most like Vietnamese.
 */
function decodeLegacyBytes(file: string, bytes: Uint8Array): string {
  const readings = [
    new TextDecoder('windows-1258').decode(bytes).normalize('NFC'),
    decodeTcvn3(bytes),
    decodeVni(bytes),
  ];
  let best = readings[0]!;
  let bestScore = vietnameseScore(best);
  for (const r of readings.slice(1)) {
    const score = vietnameseScore(r);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  if (bestScore <= 0) {
    throw new PlanError(
      'text.encoding',
      `Không nhận ra bảng mã của tệp ${file}; hãy lưu lại với mã hóa UTF-8 (Unicode)`,
      `Could not tell the encoding of ${file}; save it again as UTF-8 (Unicode)`,
    );
  }
  return best;
}

/** NUL bytes or many control characters in the first 4 KB mean binary data. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > n * 0.1;
}

import { inflateRawSync } from 'node:zlib';
import type { RawInflate } from '../read/zip-read.js';

/**
 * zlib's raw inflate as zip-read takes it (Node refuses a zero output limit: an empty part is left to fflate).
 * Its output buffer is one byte more than the part's declared size (up to 32 MB; Node's least is 64 bytes),
 * not Node's 16 kB chunks joined at the end: a third less time on a batch's parts. (Exactly the size would
 * fill it, and Node then takes a second buffer as large to look for more.)
 */
export const zlibInflate: RawInflate = (raw, maxLength) =>
  inflateRawSync(raw, { maxOutputLength: Math.max(1, maxLength), chunkSize: Math.min(Math.max(64, maxLength + 1), 32 * 1024 * 1024 + 1) });

let nativeInflate: Promise<void> | null = null;

/**
 * Zip parts (.docx, .xlsx) inflate with zlib in the thread that reads them: the core's own inflate is
 * JavaScript (it runs in the add-in too), several times slower on a fresh worker's first files. Set with the
 * first job that reads a package (a conversion, a returned workbook), from the core the job loads anyway (the
 * CLI's main thread, which only hands jobs out, never loads it).
 */
export function useZlib(): Promise<void> {
  return (nativeInflate ??= import('../read/zip-read.js').then((zip) => zip.useNativeInflate(zlibInflate)));
}

/**
 * Whether an error is Node saying a module cannot be found or resolved: a
 * file of the install missing or damaged, whatever the code was doing when it
 * needed it (our code loads much of itself on demand: the core, pdf.js,
 * exceljs, the OCR code).
 *
 * In: anything thrown. Out: true when it, or an error it was caused by,
 * carries one of Node's codes for that (ES modules, require, package exports).
 */
const MODULE_MISSING = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_UNSUPPORTED_DIR_IMPORT']);

export function moduleMissing(e: unknown): boolean {
  for (let c = e, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
    if (MODULE_MISSING.has(String((c as { code?: unknown }).code))) return true;
  }
  return false;
}

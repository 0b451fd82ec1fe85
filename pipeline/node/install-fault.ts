/**
 * Faults of the install rather than of an input: our own code, or a package
 * it loads on demand (the core, pdf.js, exceljs, the OCR code), that cannot
 * be loaded because a file is missing, unreadable or damaged.
 *
 * In: a loader of our own code (`loadOwn`), or anything thrown (`installFault`).
 * Out: the loader's result, or an `OwnCodeLoadError` naming what could not be
 * loaded; and whether an error is such a fault: an `OwnCodeLoadError`, or Node
 * saying a module cannot be found or resolved, anywhere in its cause chain.
 */

/** What to do about it, in both languages (a line of the batch, or the command's last line). */
export const REINSTALL = { vi: 'bản cài đặt có thể đã hỏng: hãy cài lại', en: 'the install may be damaged: reinstall it' };

/** Our own code could not be loaded: whatever the loader threw (a missing file, a syntax error in a damaged one) is its cause. */
export class OwnCodeLoadError extends Error {
  constructor(vi: string, en: string, cause: unknown) {
    super(`không nạp được ${vi} / could not load ${en}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'OwnCodeLoadError';
  }
}

/** `load()`, or an OwnCodeLoadError for `vi` / `en` (what it loads) when it fails. */
export async function loadOwn<T>(vi: string, en: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new OwnCodeLoadError(vi, en, e);
  }
}

/** Node's codes for a module that cannot be found or resolved (ES modules, require, package exports). */
const MODULE_MISSING = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_UNSUPPORTED_DIR_IMPORT']);

export function installFault(e: unknown): boolean {
  for (let c = e, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
    if (c instanceof OwnCodeLoadError || MODULE_MISSING.has(String((c as { code?: unknown }).code))) return true;
  }
  return false;
}

import type { Doc } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { openPackage } from './docx-package.js';
import { parseXml, type El } from './docx-tree.js';
import { FormatDefs, Formatting } from './docx-format.js';
import { readBody } from './docx-body.js';

/**
 * Word (.docx) → Doc. Pure TypeScript (fflate to unzip, ./xml-scan to parse), so
 * the add-in runs it in the browser too. The work is split by concern:
 * docx-package (zip and relationships → part texts), docx-tree (XML → a
 * pruned tree), docx-format (styles and numbering), docx-body (the body →
 * blocks).
 *
 * - The body keeps its order: each `w:p` is a paragraph (split at line
 *   breaks into one Paragraph block per line, all with the same `line`, so
 *   the line-based finders see what a text export would show), each `w:tbl`
 *   a table. `line` is the 1-based index of the paragraph in the document,
 *   counting every `w:p` (empty ones and those inside table cells too), so a
 *   table row's `line` points at its first paragraph.
 * - Tables are read by grid position, never by counting `w:tc`: gridBefore /
 *   gridAfter give empty cells, gridSpan and the old hMerge put the text in
 *   the first grid column with `span` and leave the covered columns empty,
 *   vMerge continue cells get the text of the cell above (`merged: true`).
 *   Every row of a table has as many cells as the grid is wide.
 * - Tracked changes are read as accepted (w:del, w:moveFrom dropped; w:ins,
 *   w:moveTo kept), content controls are unwrapped (placeholder text
 *   dropped), mc:AlternateContent takes one branch, field instructions are
 *   dropped and their results kept, text boxes are read after their anchor.
 * - A table nested in a cell puts its text into the cell and is emitted again
 *   as a table of its own right after the outer table, so a task table inside
 *   a layout table is still found.
 * - List numbers and bullets Word draws (numbering.xml, also through
 *   paragraph styles) are written into the text, as a copy from Word would
 *   show them: "I.", "1.", "a)", "•"; an auto-numbered TT cell reads "1.".
 *   Bold comes from the run, its character style or its paragraph style;
 *   hidden (vanish) text is dropped.
 * - Pages: Word's own `w:lastRenderedPageBreak` marks when the file has any;
 *   otherwise page breaks, "page break before" and section breaks.
 *
 * Safety: the package is checked from the zip's central directory before
 * anything is inflated (entry count, size of the document part), XML nesting
 * and the number of table cells are bounded, and no DTD or external entity is
 * ever resolved (the scanner knows only the five predefined entities).
 */

export interface DocxLimits {
  /** Largest uncompressed document part, in bytes. */
  maxDocumentBytes: number;
  /** Most entries a package may have. */
  maxEntries: number;
  /** Deepest XML element nesting. */
  maxDepth: number;
  /** Most table cells in the document, grid padding included (about what the largest document part can hold). */
  maxCells: number;
}

export const DOCX_LIMITS: DocxLimits = {
  maxDocumentBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxDepth: 500,
  maxCells: 10_000_000,
};

export function readDocx(file: string, bytes: Uint8Array, limits: Partial<DocxLimits> = {}): Doc {
  const lim: DocxLimits = { ...DOCX_LIMITS, ...limits };
  if (bytes.length === 0) throw new PlanError('file.empty', `Tệp ${file} rỗng`, `File ${file} is empty`);
  // An OLE compound file is an encrypted .docx, or a Word 97–2003 .doc (named .doc or not), which
  // readDocument gives to its own reader (loaded on demand: it brings the compound-file library).
  if (isOle(bytes)) {
    if (isEncryptedPackage(bytes)) throwEncrypted(file);
    throw new Error(`${file}: a Word 97–2003 binary, read by read/doc (readDocument chooses it)`);
  }
  const pkg = openPackage(file, bytes, lim);
  const doc = parseXml(file, pkg.main, lim, 'document');
  const fmt = new Formatting(formatDefs(file, pkg.styles, pkg.numbering, lim));
  return { file, format: 'docx', blocks: readBody(doc.root, doc.rendered, fmt, file, lim) };
}

const DEFS_KEPT_CHARS = 2 * 1024 * 1024;

/** The definitions read from the last styles and numbering parts, with those parts' text. */
let lastDefs: { styles: string | null; numbering: string | null; maxDepth: number; defs: FormatDefs } | null = null;

/**
 * Styles and numbering definitions. Documents made from one template carry
 * the same styles and numbering parts, so the last definitions are kept and
 * reused when both texts are the same (they are never changed once built).
 */
function formatDefs(file: string, styles: string | null, numbering: string | null, lim: DocxLimits): FormatDefs {
  const last = lastDefs;
  if (last && last.styles === styles && last.numbering === numbering && last.maxDepth === lim.maxDepth) return last.defs;
  const defs = new FormatDefs(auxPart(file, styles, 'styles', lim), auxPart(file, numbering, 'numbering', lim));
  // Only ordinary sizes are kept (a part may be up to 20 MB).
  lastDefs = (styles?.length ?? 0) + (numbering?.length ?? 0) <= DEFS_KEPT_CHARS ? { styles, numbering, maxDepth: lim.maxDepth, defs } : null;
  return defs;
}

/** Styles and numbering only refine the text: when they cannot be read, the document is read without them. */
function auxPart(file: string, xml: string | null, rootName: string, lim: DocxLimits): El | null {
  if (xml === null) return null;
  try {
    return parseXml(file, xml, lim, rootName).root;
  } catch {
    return null;
  }
}

// ---- OLE compound files: encrypted packages and old .doc ---------------------

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A Word 97–2003 binary (an OLE compound file that is not an encrypted package). */
export function isWordBinary(bytes: Uint8Array): boolean {
  return isOle(bytes) && !isEncryptedPackage(bytes);
}

function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Office wraps a password-protected .docx in an OLE compound file holding an
 * "EncryptedPackage" stream (directory names are UTF-16LE).
 */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  return contains(bytes, utf16le('EncryptedPackage')) || contains(bytes, utf16le('EncryptionInfo'));
}

function throwEncrypted(file: string): never {
  throw new PlanError(
    'docx.encrypted',
    `Tệp ${file} được đặt mật khẩu; hãy bỏ mật khẩu rồi thử lại`,
    `${file} is password-protected; remove the password and try again`,
  );
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i) & 0xff;
  return out;
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

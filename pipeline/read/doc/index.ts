import type { Doc } from '../../model/doc.js';
import { PlanError } from '../../model/errors.js';
import { docBlocks } from './blocks.js';
import { corrupt, openDoc } from './container.js';
import { readFib } from './fib.js';
import { readPieces, readText } from './pieces.js';
import { Properties } from './properties.js';
import { Numbering } from './lists.js';
import { readFonts } from './fonts.js';
import { mapText, repairLegacyDoc } from '../legacy.js';

/**
 * Word 97–2003 `.doc` → Doc, in the core (no Node imports), so the CLI and
 * the add-in read it alike: container (container.ts) → FIB (fib.ts) →
 * piece table and text (pieces.ts) → paragraph and character properties
 * (properties.ts), list labels (lists.ts) and font names (fonts.ts) →
 * blocks (blocks.ts), legacy Vietnamese encodings repaired (legacy.ts). The same shape as the .docx reader,
 * so a plan's tasks are the same whichever of the two it was saved as.
 */
export function readDoc(file: string, bytes: Uint8Array): Doc {
  const { word, table, data } = openDoc(file, bytes);
  try {
    const fib = readFib(word);
    const pieces = readPieces(word, table, fib.clx);
    const text = readText(word, pieces, fib.ccpText);
    const props = new Properties(word, table, data, fib.papx, fib.chpx);
    const numbering = new Numbering(table, fib.plfLst, fib.plfLfo);
    const fonts = readFonts(table, fib.fonts);
    // Runs in a legacy font are decoded by their font; text typed in one whose name was lost is found by how it reads.
    return withoutSoftHyphens(repairLegacyDoc({ file, format: 'doc', blocks: docBlocks(text, props, numbering, fonts) }));
  } catch (e) {
    if (e instanceof PlanError) throw e;
    // Offsets that point outside the streams: a truncated or damaged file.
    throw corrupt(file);
  }
}

/** Word's optional hyphens that were not TCVN3 letters: invisible, dropped (as the .docx reader never reads them). */
function withoutSoftHyphens(doc: Doc): Doc {
  return mapText(doc, (s) => s.replace(/\u00ad/g, ''));
}

import { fileTooLarge as tooLarge, PlanError } from '../model/errors.js';
import { XmlScanner, END, OPEN, type XmlSource } from './xml-scan.js';
import { decodeXmlPieces } from './xml-pieces.js';
import { decodeUtf8, zipEntries, zipEntryData, zipEntryRaw, type ZipEntry } from './zip-read.js';
import type { DocxLimits } from './docx.js';

/**
 * The package side of a .docx: bytes in, the text of the parts the reader
 * needs out (the main document part, and its styles and numbering parts when
 * there are any), found through the package relationships as Word does.
 *
 * The zip's central directory is read once, and checked before anything is
 * inflated (entry count, declared size of the document part); then only the
 * wanted parts are inflated, each into a buffer of its declared size.
 */

export interface Package {
  /** The document part, in pieces when large (xml-pieces.ts). */
  main: XmlSource;
  styles: string | null;
  numbering: string | null;
}

// ---- errors the reader shares ------------------------------------------------

export function corrupt(file: string): PlanError {
  return new PlanError('docx.corrupt', `Tệp ${file} bị hỏng, không mở được`, `${file} is corrupt and cannot be opened`);
}

export function notDocx(file: string): PlanError {
  return new PlanError(
    'docx.not_docx',
    `Tệp ${file} không phải văn bản Word (.docx): thiếu phần nội dung word/document.xml`,
    `${file} is not a Word document (.docx): it has no word/document.xml`,
  );
}


// ---- the package ---------------------------------------------------------------

/** Relationship parts and the styles / numbering parts are small; larger ones are ignored. */
const RELS_MAX = 1024 * 1024;
const AUX_MAX = 20 * 1024 * 1024;

function partName(name: string): string {
  // Most names need no change: skip the regular expressions then.
  if (name.indexOf('\\') < 0 && name.charCodeAt(0) !== 0x2f && name === name.toLowerCase()) return name;
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * The parts the reader needs, as text. The directory is listed first
 * (refusing too many entries before anything is inflated; the package
 * relationships are read in the same pass); then come the
 * document's relationships, then the document part (whose declared size was
 * checked first) with its styles and numbering. When names repeat, the last
 * entry of a name is the part, as an unzip into a map would have it.
 */
export function openPackage(file: string, bytes: Uint8Array, lim: DocxLimits): Package {
  let entries: ZipEntry[];
  let names: string[];
  const sizes = new Map<string, number>();
  let packageRels: string | undefined;
  try {
    entries = zipEntries(bytes, lim.maxEntries);
    if (entries.length > lim.maxEntries) {
      throw tooLarge(
        file,
        `gói có hơn ${lim.maxEntries.toLocaleString('vi-VN')} thành phần`,
        `the package has more than ${lim.maxEntries.toLocaleString('en-US')} entries`,
      );
    }
    names = entries.map((e) => partName(e.name));
    for (let i = 0; i < entries.length; i++) {
      const name = names[i]!;
      const size = entries[i]!.size;
      sizes.set(name, size);
      if (name === '_rels/.rels' && size <= RELS_MAX) packageRels = templateText(bytes, entries[i]!);
    }
  } catch (e) {
    if (e instanceof PlanError) throw e;
    throw corrupt(file);
  }
  /** What `read` makes of the named part (the last entry of that name), or undefined. */
  const lastPart = <T>(wanted: string, read: (entry: ZipEntry) => T): T | undefined => {
    let out: T | undefined;
    try {
      for (let i = 0; i < entries.length; i++) if (names[i] === wanted) out = read(entries[i]!);
    } catch {
      throw corrupt(file);
    }
    return out;
  };
  /** A part a template repeats (relationships, styles, numbering): text, remembered across files. */
  const templatePart = (wanted: string) => lastPart(wanted, (e) => templateText(bytes, e));

  const officeDoc = relationships(packageRels, '').find((r) => r.type === 'officeDocument')?.target;
  const main = officeDoc && sizes.has(officeDoc) ? officeDoc : sizes.has('word/document.xml') ? 'word/document.xml' : null;
  if (!main) throw notDocx(file);
  if ((sizes.get(main) ?? 0) > lim.maxDocumentBytes) {
    const mb = Math.round(lim.maxDocumentBytes / (1024 * 1024));
    throw tooLarge(file, `phần nội dung vượt ${mb} MB khi giải nén`, `the document part exceeds ${mb} MB uncompressed`);
  }

  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const small = (name: string, max: number) => sizes.has(name) && (sizes.get(name) ?? 0) <= max;
  const rels = small(relsName, RELS_MAX) ? relationships(templatePart(relsName), main) : [];
  const aux = (type: string, fallback: string): string | null => {
    const name = rels.find((r) => r.type === type)?.target ?? `${dir}${fallback}`;
    return small(name, AUX_MAX) ? name : null;
  };
  const styles = aux('styles', 'styles.xml');
  const numbering = aux('numbering', 'numbering.xml');

  const data = lastPart(main, (e) => decodeXml(inflated(bytes, e), true));
  if (data === undefined) throw notDocx(file);
  // A styles or numbering relationship pointing at the document part itself (a damaged package) gives nothing:
  // that part would be refused under either root anyway, and must not be decoded again nor crowd the template cache.
  const text = (name: string | null) => (name === null || name === main ? null : (templatePart(name) ?? null));
  return { main: data, styles: text(styles), numbering: text(numbering) };
}

/** Parts up to this size are inflated into one buffer kept for the next file (each is decoded before the next is inflated). */
const SCRATCH_MAX = 8 * 1024 * 1024;
let scratch = new Uint8Array(0);

function inflated(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.size > SCRATCH_MAX) return zipEntryData(bytes, entry);
  if (scratch.length < entry.size) scratch = new Uint8Array(Math.min(SCRATCH_MAX, Math.max(entry.size, scratch.length * 2, 256 * 1024)));
  return zipEntryData(bytes, entry, scratch);
}

/**
 * Texts of the small parts last read, with their stored bytes: documents made
 * from one template carry the same relationships, styles and numbering, which
 * then need no inflating and decoding (and the same text object lets the
 * definitions cache compare by identity).
 */
const recent: Array<{ compression: number; size: number; raw: Uint8Array; text: string }> = [];
const RECENT_MAX = 6;
/** Only parts this small (inflated) are kept, so the cache stays small whatever a package holds. */
const RECENT_BYTES = 1024 * 1024;

function templateText(bytes: Uint8Array, entry: ZipEntry): string {
  const raw = zipEntryRaw(bytes, entry);
  for (let k = 0; k < recent.length; k++) {
    const r = recent[k]!;
    if (r.compression === entry.compression && r.size === entry.size && sameBytes(r.raw, raw)) return r.text;
  }
  const text = decodeXml(inflated(bytes, entry));
  if (entry.size <= RECENT_BYTES && raw.length <= RECENT_BYTES) {
    recent.unshift({ compression: entry.compression, size: entry.size, raw: raw.slice(), text });
    if (recent.length > RECENT_MAX) recent.pop();
  }
  return text;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The relationships last read, by source part: a batch of documents from one template repeats them. */
const relsSeen = new Map<string, { text: string; rels: ReadonlyArray<{ type: string; target: string }> }>();

/** Relationships of a part: the last segment of the type, and the target resolved against the source part. */
function relationships(text: string | undefined, source: string): ReadonlyArray<{ type: string; target: string }> {
  if (!text) return [];
  const seen = relsSeen.get(source);
  if (seen && seen.text === text) return seen.rels;
  const out: Array<{ type: string; target: string }> = [];
  if (relsSeen.size > 8) relsSeen.clear();
  relsSeen.set(source, { text, rels: out });
  try {
    const sc = new XmlScanner(text);
    for (let t = sc.next(); t !== END; t = sc.next()) {
      if (t !== OPEN || sc.name.local !== 'Relationship') continue;
      let type = '';
      let target = '';
      let mode = '';
      // The first attribute of a name counts (as a search of the attribute list would find it).
      let seen = 0;
      for (let k = 0; k < sc.attrCount; k++) {
        const q = sc.attrName(k).qname;
        const bit = q === 'Type' ? 1 : q === 'Target' ? 2 : q === 'TargetMode' ? 4 : 0;
        if (bit === 0 || seen & bit) continue;
        seen |= bit;
        if (bit === 1) type = sc.attrValue(k);
        else if (bit === 2) target = sc.attrValue(k);
        else mode = sc.attrValue(k);
      }
      if (mode === 'External') continue;
      const last = type.split('/').pop() ?? '';
      if (last && target) out.push({ type: last, target: resolvePart(source, target) });
    }
  } catch {
    // A broken relationship part does not stop us from trying the usual places.
  }
  return out;
}

function resolvePart(source: string, target: string): string {
  const base = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return partName(base.join('/'));
}

function decodeXml(data: Uint8Array, pieces: true): XmlSource;
function decodeXml(data: Uint8Array): string;
/** A part's text: UTF-16 when it starts with that BOM, else UTF-8 (as pieces, when asked for and large). */
function decodeXml(data: Uint8Array, pieces = false): XmlSource {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return pieces ? decodeXmlPieces(data) : decodeUtf8(data);
}

import { bulletText, formatNumber } from './list-labels.js';
import { readDoc } from './doc/index.js';
import { unzipSync } from 'fflate';
import { scanXml, type XmlAttribute } from './xml-scan.js';
import type { Block, Doc, Paragraph, Table, TableCell, TableRow } from '../model/doc.js';
import { PlanError } from '../model/errors.js';
import { legacyFont, repairFontText, type LegacyFont } from './legacy.js';

/**
 * Word (.docx) → Doc. Pure TypeScript (fflate to unzip, ./xml-scan to parse), so
 * the add-in runs it in the browser too.
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
  // An OLE compound file is an encrypted .docx, or a Word 97–2003 .doc (named .doc or not): read by its own reader.
  if (isOle(bytes)) return isEncryptedPackage(bytes) ? throwEncrypted(file) : readDoc(file, bytes);
  const pkg = openPackage(file, bytes, lim);
  const root = parseDocument(file, pkg.main, lim);
  const fmt = new Formatting(auxPart(file, pkg.styles, 'styles', lim), auxPart(file, pkg.numbering, 'numbering', lim));
  return { file, format: 'docx', blocks: readBody(root, fmt, file, lim) };
}

// ---- errors ------------------------------------------------------------------

function corrupt(file: string): PlanError {
  return new PlanError('docx.corrupt', `Tệp ${file} bị hỏng, không mở được`, `${file} is corrupt and cannot be opened`);
}

function notDocx(file: string): PlanError {
  return new PlanError(
    'docx.not_docx',
    `Tệp ${file} không phải văn bản Word (.docx): thiếu phần nội dung word/document.xml`,
    `${file} is not a Word document (.docx): it has no word/document.xml`,
  );
}

function tooLarge(file: string, vi: string, en: string): PlanError {
  return new PlanError('file.too_large', `Tệp ${file} quá lớn: ${vi}`, `${file} is too large: ${en}`);
}

// ---- OLE compound files: encrypted packages and old .doc ---------------------

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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

// ---- the package ---------------------------------------------------------------

/** Relationship parts and the styles / numbering parts are small; larger ones are ignored. */
const RELS_MAX = 1024 * 1024;
const AUX_MAX = 20 * 1024 * 1024;

interface Package {
  main: string;
  styles: string | null;
  numbering: string | null;
}

function partName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * The parts the reader needs, as text. Every pass goes through the zip's
 * central directory and inflates only the parts asked for: the first lists
 * the entries (refusing too many, before anything is inflated) and reads the
 * package relationships; then the document's relationships; then the
 * document part (whose declared size was checked first) with its styles and
 * numbering. fflate inflates into a buffer of the declared size, so a part
 * that lies about its size cannot grow past it.
 */
function openPackage(file: string, bytes: Uint8Array, lim: DocxLimits): Package {
  const sizes = new Map<string, number>();
  let entries = 0;
  const listing = inflate(file, bytes, new Set(['_rels/.rels']), (name, size) => {
    if (++entries > lim.maxEntries) {
      throw tooLarge(
        file,
        `gói có hơn ${lim.maxEntries.toLocaleString('vi-VN')} thành phần`,
        `the package has more than ${lim.maxEntries.toLocaleString('en-US')} entries`,
      );
    }
    sizes.set(name, size);
    return name !== '_rels/.rels' || size <= RELS_MAX;
  });

  const officeDoc = relationships(listing.get('_rels/.rels'), '').find((r) => r.type === 'officeDocument')?.target;
  const main = officeDoc && sizes.has(officeDoc) ? officeDoc : sizes.has('word/document.xml') ? 'word/document.xml' : null;
  if (!main) throw notDocx(file);
  if ((sizes.get(main) ?? 0) > lim.maxDocumentBytes) {
    const mb = Math.round(lim.maxDocumentBytes / (1024 * 1024));
    throw tooLarge(file, `phần nội dung vượt ${mb} MB khi giải nén`, `the document part exceeds ${mb} MB uncompressed`);
  }

  const dir = main.slice(0, main.lastIndexOf('/') + 1);
  const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const small = (name: string, max: number) => sizes.has(name) && (sizes.get(name) ?? 0) <= max;
  const rels = small(relsName, RELS_MAX)
    ? relationships(inflate(file, bytes, new Set([relsName])).get(relsName), main)
    : [];
  const aux = (type: string, fallback: string): string | null => {
    const name = rels.find((r) => r.type === type)?.target ?? `${dir}${fallback}`;
    return small(name, AUX_MAX) ? name : null;
  };
  const styles = aux('styles', 'styles.xml');
  const numbering = aux('numbering', 'numbering.xml');

  const want = new Set([main, ...(styles ? [styles] : []), ...(numbering ? [numbering] : [])]);
  const parts = inflate(file, bytes, want);
  const data = parts.get(main);
  if (!data) throw notDocx(file);
  const text = (name: string | null) => {
    const d = name ? parts.get(name) : undefined;
    return d ? decodeXml(d) : null;
  };
  return { main: decodeXml(data), styles: text(styles), numbering: text(numbering) };
}

/** The named parts of the zip; `look` sees every entry first and may veto it. */
function inflate(
  file: string,
  bytes: Uint8Array,
  names: Set<string>,
  look?: (name: string, size: number) => boolean,
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  try {
    const got = unzipSync(bytes, {
      filter: (f) => {
        const name = partName(f.name);
        const ok = look ? look(name, f.originalSize) : true;
        return ok && names.has(name);
      },
    });
    for (const [n, d] of Object.entries(got)) out.set(partName(n), d);
  } catch (e) {
    if (e instanceof PlanError) throw e;
    throw corrupt(file);
  }
  return out;
}

/** Relationships of a part: the last segment of the type, and the target resolved against the source part. */
function relationships(data: Uint8Array | undefined, source: string): Array<{ type: string; target: string }> {
  if (!data) return [];
  const out: Array<{ type: string; target: string }> = [];
  try {
    scanXml(decodeXml(data), {
      open(_uri, local, attributes) {
        if (local !== 'Relationship') return;
        const attr = (name: string): string => attributes().find((a) => a.name === name)?.value ?? '';
        if (attr('TargetMode') === 'External') return;
        const type = attr('Type').split('/').pop() ?? '';
        const target = attr('Target');
        if (type && target) out.push({ type, target: resolvePart(source, target) });
      },
    });
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

function decodeXml(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return new TextDecoder('utf-8').decode(data);
}

// ---- XML → a pruned tree -----------------------------------------------------

/**
 * Only what the reader uses is kept: WordprocessingML structure, run text,
 * the few properties that matter (bold, grid, merges, header rows, breaks),
 * and, as transparent wrappers, elements of other vocabularies that may hold
 * text boxes. Deleted and moved-away text, field instructions and property
 * blocks are dropped while parsing, so the tree stays small.
 */
interface El {
  /** WordprocessingML local name, "mc:" + local name, or "*" for any other vocabulary. */
  tag: string;
  attrs: Record<string, string>;
  kids: Node[];
}
type Node = El | string;

const W_NS = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Dropped with everything inside. */
const SKIP = new Set([
  'del',
  'moveFrom',
  'delText',
  'delInstrText',
  'instrText',
  'sym',
  'rt',
  'tblPr',
  'tblPrEx',
  'sdtEndPr',
  'footnotePr',
  'endnotePr',
  'background',
  'commentRangeStart',
  'commentRangeEnd',
  'bookmarkStart',
  'bookmarkEnd',
  'proofErr',
]);

/** Property blocks: only the listed children are kept (the rest, change records included, are dropped). */
const PROPS: Record<string, Set<string>> = {
  rPr: new Set(['b', 'rStyle', 'vanish', 'rFonts']),
  pPr: new Set(['sectPr', 'pageBreakBefore', 'numPr', 'pStyle']),
  sectPr: new Set(['type']),
  tcPr: new Set(['gridSpan', 'vMerge', 'hMerge', 'cellDel']),
  trPr: new Set(['gridBefore', 'gridAfter', 'tblHeader', 'del']),
  tblGrid: new Set(['gridCol']),
  sdtPr: new Set(['showingPlcHdr']),
};

function parseDocument(file: string, xml: string, lim: DocxLimits): El {
  return parseXml(file, xml, lim, 'document');
}

/** Styles and numbering only refine the text: when they cannot be read, the document is read without them. */
function auxPart(file: string, xml: string | null, rootName: string, lim: DocxLimits): El | null {
  if (xml === null) return null;
  try {
    return parseXml(file, xml, lim, rootName);
  } catch {
    return null;
  }
}

function parseXml(file: string, xml: string, lim: DocxLimits, rootName: string): El {
  const stack: El[] = [];
  let root: El | null = null;
  let depth = 0;
  let skip = 0; // depth inside a dropped subtree
  const handler = {
    // Word never writes a DTD; one that declares entities is an XXE or "billion laughs" attempt.
    doctype(dt: string): void {
      if (/<!ENTITY/i.test(dt)) {
        throw new PlanError(
          'docx.unsafe',
          `Tệp ${file} khai báo thực thể XML (có thể là tệp độc hại), không xử lý`,
          `${file} declares XML entities (possibly malicious) and was refused`,
        );
      }
    },

    open(uri: string, local: string, attributes: () => XmlAttribute[]): void {
      depth++;
      if (depth > lim.maxDepth) {
        throw new PlanError(
          'docx.too_deep',
          `Tệp ${file} có cấu trúc lồng quá sâu (hơn ${lim.maxDepth} cấp), không đọc được`,
          `${file} is nested too deeply (more than ${lim.maxDepth} levels) to be read`,
        );
      }
      if (skip > 0) {
        skip++;
        return;
      }
      const inW = W_NS.has(uri);
      if (!root) {
        if (!inW || local !== rootName) throw NOT_WORD;
        root = { tag: rootName, attrs: {}, kids: [] };
        stack.push(root);
        return;
      }
      const parent = stack[stack.length - 1]!;
      const tag = inW ? local : uri === MC_NS ? `mc:${local}` : '*';
      const allowed = PROPS[parent.tag];
      const drop = allowed ? !allowed.has(tag) : (inW && SKIP.has(tag)) || (tag.startsWith('mc:') && !MC_KEEP.has(tag));
      if (drop) {
        skip = 1;
        return;
      }
      const el: El = { tag, attrs: inW ? wAttrs(attributes()) : {}, kids: [] };
      parent.kids.push(el);
      stack.push(el);
    },

    close(): void {
      depth--;
      if (skip > 0) {
        skip--;
        return;
      }
      const el = stack.pop();
      // Other vocabularies are kept only for the text boxes they may hold.
      if (el && el.tag === '*' && el.kids.length === 0) {
        const parent = stack[stack.length - 1];
        if (parent && parent.kids[parent.kids.length - 1] === el) parent.kids.pop();
      }
    },

    text(text: string): void {
      if (skip > 0) return;
      const top = stack[stack.length - 1];
      if (top && top.tag === 't') {
        const last = top.kids.length - 1;
        if (last >= 0 && typeof top.kids[last] === 'string') top.kids[last] += text;
        else top.kids.push(text);
      }
    },
    cdata(text: string): void {
      if (skip > 0) return;
      const top = stack[stack.length - 1];
      if (top && top.tag === 't') top.kids.push(text);
    },
  };

  try {
    scanXml(xml, handler);
  } catch (e) {
    if (e instanceof PlanError) throw e;
    if (e === NOT_WORD) throw notDocx(file);
    throw corrupt(file);
  }
  if (!root) throw corrupt(file);
  return root;
}

const NOT_WORD = new Error('not a WordprocessingML document');
const MC_KEEP = new Set(['mc:AlternateContent', 'mc:Choice', 'mc:Fallback']);

const ATTRS = new Set(['val', 'type', 'styleId', 'default', 'abstractNumId', 'numId', 'ilvl', 'ascii', 'hAnsi']);

/** The WordprocessingML attributes the reader uses, by local name. */
function wAttrs(attributes: readonly XmlAttribute[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of attributes) {
    if (ATTRS.has(a.local) && (W_NS.has(a.uri) || a.uri === '')) out[a.local] = a.value;
  }
  return out;
}

// ---- tree helpers ----------------------------------------------------------

function isEl(n: Node | undefined): n is El {
  return typeof n === 'object';
}

function child(el: El, tag: string): El | undefined {
  for (const k of el.kids) if (isEl(k) && k.tag === tag) return k;
  return undefined;
}

/** An on/off property: present and not switched off. */
function isOn(el: El | undefined): boolean {
  if (!el) return false;
  const v = el.attrs['val'];
  return v === undefined || !/^(false|0|off|none)$/i.test(v);
}

function intVal(el: El | undefined, fallback: number): number {
  const n = Number.parseInt(el?.attrs['val'] ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}

function hasText(el: El): boolean {
  for (const k of el.kids) {
    if (typeof k === 'string') {
      if (el.tag === 't' && k.trim() !== '') return true;
    } else if (hasText(k)) return true;
  }
  return false;
}

/** mc:AlternateContent: the first Choice, or the Fallback when only it has text. */
function chosenBranch(ac: El): El | undefined {
  const choice = child(ac, 'mc:Choice');
  const fallback = child(ac, 'mc:Fallback');
  if (choice && fallback && !hasText(choice) && hasText(fallback)) return fallback;
  return choice ?? fallback;
}

/** Elements that only wrap content: their children count as the parent's. */
const WRAPPERS = new Set([
  'sdtContent',
  'customXml',
  'ins',
  'moveTo',
  'smartTag',
  'hyperlink',
  'fldSimple',
  'dir',
  'bdo',
  'rubyBase',
  '*',
  'mc:Choice',
  'mc:Fallback',
]);

/**
 * The children of `el` seen through wrappers: content controls (unless they
 * only show placeholder text), custom XML, insertions, AlternateContent.
 */
function* unwrapped(el: El): Generator<El> {
  for (const k of el.kids) {
    if (!isEl(k)) continue;
    if (k.tag === 'sdt') {
      const pr = child(k, 'sdtPr');
      if (pr && isOn(child(pr, 'showingPlcHdr'))) continue;
      const content = child(k, 'sdtContent');
      if (content) yield* unwrapped(content);
    } else if (k.tag === 'mc:AlternateContent') {
      const b = chosenBranch(k);
      if (b) yield* unwrapped(b);
    } else if (WRAPPERS.has(k.tag)) {
      yield* unwrapped(k);
    } else {
      yield k;
    }
  }
}

// ---- styles and list numbering ----------------------------------------------

interface StyleDef {
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
  bold: boolean | null;
  /** The font of Latin text (rFonts hAnsi, else ascii): a legacy Vietnamese font tells the text's encoding. */
  font: string | null;
  numStyleTarget: string | null;
}

interface Level {
  start: number;
  fmt: string;
  text: string;
  /** Separator after the number: tab and space read as a space, "nothing" as nothing. */
  suff: string;
  isLgl: boolean;
  pStyle: string | null;
}

interface NumDef {
  abstractId: string;
  overrides: Map<number, { start: number | null; lvl: Level | null }>;
}

/**
 * What styles.xml and numbering.xml add to the text: the numbers and bullets
 * Word draws for list paragraphs ("1.", "a)", "II.", "-"), which a plan uses
 * for its headings and, often, for the TT column of its appendix; and bold
 * that comes from a paragraph or character style. Counters follow Word:
 * lists sharing an abstract definition continue each other unless a
 * startOverride restarts them, and a level restarts after a higher level.
 */
class Formatting {
  private readonly styles = new Map<string, StyleDef>();
  private defaultPara: string | null = null;
  private defaultFont: string | null = null;
  private readonly abstracts = new Map<string, { levels: Map<number, Level>; styleLink: string | null }>();
  private readonly nums = new Map<string, NumDef>();
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly usedNums = new Set<string>();

  constructor(styles: El | null, numbering: El | null) {
    for (const st of styles?.kids ?? []) {
      if (!isEl(st) || st.tag !== 'style') continue;
      const id = st.attrs['styleId'];
      if (!id) continue;
      const pPr = child(st, 'pPr');
      const numPr = pPr && child(pPr, 'numPr');
      const rPr = child(st, 'rPr');
      const b = rPr && child(rPr, 'b');
      this.styles.set(id, {
        basedOn: child(st, 'basedOn')?.attrs['val'] ?? null,
        numId: (numPr && child(numPr, 'numId')?.attrs['val']) ?? null,
        ilvl: numPr && child(numPr, 'ilvl') ? intVal(child(numPr, 'ilvl'), 0) : null,
        bold: b ? isOn(b) : null,
        font: fontOf(rPr),
        numStyleTarget: null,
      });
      if (st.attrs['type'] === 'paragraph' && /^(1|true|on)$/i.test(st.attrs['default'] ?? '')) this.defaultPara = id;
    }
    const defaults = styles ? child(styles, 'docDefaults') : undefined;
    const rPrDefault = defaults && child(defaults, 'rPrDefault');
    this.defaultFont = fontOf(rPrDefault && child(rPrDefault, 'rPr'));
    for (const el of numbering?.kids ?? []) {
      if (!isEl(el)) continue;
      if (el.tag === 'abstractNum' && el.attrs['abstractNumId'] !== undefined) {
        const levels = new Map<number, Level>();
        for (const l of el.kids) if (isEl(l) && l.tag === 'lvl') levels.set(ilvlOf(l), level(l));
        this.abstracts.set(el.attrs['abstractNumId']!, { levels, styleLink: child(el, 'numStyleLink')?.attrs['val'] ?? null });
      } else if (el.tag === 'num' && el.attrs['numId'] !== undefined) {
        const overrides = new Map<number, { start: number | null; lvl: Level | null }>();
        for (const o of el.kids) {
          if (!isEl(o) || o.tag !== 'lvlOverride') continue;
          const so = child(o, 'startOverride');
          const lvl = child(o, 'lvl');
          overrides.set(ilvlOf(o), { start: so ? intVal(so, 1) : null, lvl: lvl ? level(lvl) : null });
        }
        this.nums.set(el.attrs['numId']!, { abstractId: child(el, 'abstractNumId')?.attrs['val'] ?? '', overrides });
      }
    }
  }

  /** A style property, looked up through basedOn. */
  private styleProp<K extends 'numId' | 'ilvl' | 'bold' | 'font'>(id: string | null, key: K): StyleDef[K] | null {
    for (let i = 0; id && i < 20; i++) {
      const st = this.styles.get(id);
      if (!st) return null;
      if (st[key] !== null) return st[key];
      id = st.basedOn;
    }
    return null;
  }

  paragraphStyle(pPr: El | undefined): string | null {
    return (pPr && child(pPr, 'pStyle')?.attrs['val']) ?? this.defaultPara;
  }

  /** Bold of a run: its own w:b, else its character style, else its paragraph style. */
  runBold(rPr: El | undefined, pStyle: string | null): boolean {
    const own = rPr && child(rPr, 'b');
    if (own) return isOn(own);
    const rStyle = rPr && child(rPr, 'rStyle')?.attrs['val'];
    return this.styleProp(rStyle ?? null, 'bold') ?? this.styleProp(pStyle, 'bold') ?? false;
  }

  /** The legacy Vietnamese font (.VnTime, VNI-Times) of a run: its own rFonts, its styles', the document default. */
  runLegacy(rPr: El | undefined, pStyle: string | null): LegacyFont | null {
    const rStyle = rPr && child(rPr, 'rStyle')?.attrs['val'];
    const font =
      fontOf(rPr) ?? this.styleProp(rStyle ?? null, 'font') ?? this.styleProp(pStyle, 'font') ?? this.defaultFont;
    return legacyFont(font);
  }

  /** The number or bullet Word draws before this paragraph, advancing the list's counters; null when none. */
  label(pPr: El | undefined): { text: string; bullet: boolean } | null {
    const pStyle = this.paragraphStyle(pPr);
    const numPr = pPr && child(pPr, 'numPr');
    const numId = (numPr && child(numPr, 'numId')?.attrs['val']) ?? this.styleProp(pStyle, 'numId');
    if (!numId || numId === '0') return null;
    const num = this.nums.get(numId);
    if (!num) return null;
    const abs = this.abstractOf(num);
    if (!abs) return null;
    let ilvl: number | null = numPr && child(numPr, 'ilvl') ? intVal(child(numPr, 'ilvl'), 0) : this.styleProp(pStyle, 'ilvl');
    if (ilvl === null) {
      ilvl = 0;
      for (const [k, l] of abs.levels) if (pStyle && l.pStyle === pStyle) ilvl = k;
    }
    const levelOf = (k: number) => num.overrides.get(k)?.lvl ?? abs.levels.get(k);
    const lvl = levelOf(ilvl);
    if (!lvl) return null;

    const counters = this.counters.get(num.abstractId) ?? [];
    this.counters.set(num.abstractId, counters);
    if (!this.usedNums.has(numId)) {
      // A list that restarts numbering: its overridden levels begin again.
      this.usedNums.add(numId);
      for (const [k, o] of num.overrides) if (o.start !== null) counters[k] = o.start - 1;
    }
    counters[ilvl] = (counters[ilvl] ?? lvl.start - 1) + 1;
    for (let k = ilvl + 1; k < 10; k++) counters[k] = undefined;

    if (lvl.fmt === 'none') return null;
    if (lvl.fmt === 'bullet') return { text: bulletText(lvl.text) + lvl.suff, bullet: true };
    const text = lvl.text.replace(/%([1-9])/g, (_m, d: string) => {
      const k = Number(d) - 1;
      const l = levelOf(k);
      const n = counters[k] ?? l?.start ?? 1;
      return formatNumber(n, lvl.isLgl && k !== ilvl ? 'decimal' : (l?.fmt ?? 'decimal'));
    });
    return text.trim() === '' ? null : { text: text + lvl.suff, bullet: false };
  }

  private abstractOf(num: NumDef): { levels: Map<number, Level> } | null {
    let abs = this.abstracts.get(num.abstractId);
    // A list defined by a numbering style points through the style to the real definition.
    for (let i = 0; abs && abs.levels.size === 0 && abs.styleLink && i < 5; i++) {
      const numId = this.styleProp(abs.styleLink, 'numId');
      const target = numId ? this.nums.get(numId) : undefined;
      abs = target ? this.abstracts.get(target.abstractId) : undefined;
    }
    return abs ?? null;
  }
}

/** The Latin font an rPr names (rFonts hAnsi, else ascii). */
function fontOf(rPr: El | undefined): string | null {
  const f = rPr && child(rPr, 'rFonts');
  return f?.attrs['hAnsi'] ?? f?.attrs['ascii'] ?? null;
}

function ilvlOf(el: El): number {
  const n = Number.parseInt(el.attrs['ilvl'] ?? '0', 10);
  return Number.isFinite(n) && n >= 0 && n < 10 ? n : 0;
}

function level(l: El): Level {
  const suff = child(l, 'suff')?.attrs['val'] ?? 'tab';
  return {
    start: intVal(child(l, 'start'), 0),
    fmt: child(l, 'numFmt')?.attrs['val'] ?? 'decimal',
    text: child(l, 'lvlText')?.attrs['val'] ?? '',
    suff: suff === 'nothing' ? '' : ' ',
    isLgl: isOn(child(l, 'isLgl')),
    pStyle: child(l, 'pStyle')?.attrs['val'] ?? null,
  };
}

// ---- walking the body --------------------------------------------------------

interface Ctx {
  /** Paragraphs seen so far (the last paragraph's index). */
  line: number;
  page: number;
  /** Count pages by w:lastRenderedPageBreak (else by explicit breaks). */
  rendered: boolean;
  /** Whether anything has been read yet (a "page break before" on the first paragraph adds no page). */
  started: boolean;
  fmt: Formatting;
  /** Table cells made so far, against the limit. */
  cells: number;
  file: string;
  lim: DocxLimits;
}

/** A paragraph or table read from a container (the body, a cell, a text box). */
type Item =
  | { kind: 'para'; text: string; bold: boolean; line: number; page: number; lines: Array<{ text: string; page: number }> }
  | { kind: 'table'; table: Table; nested: Table[]; text: string };

function readBody(root: El, fmt: Formatting, file: string, lim: DocxLimits): Block[] {
  const body = child(root, 'body');
  if (!body) return [];
  const rendered = hasTag(body, 'lastRenderedPageBreak');
  const ctx: Ctx = { line: 0, page: 1, rendered, started: false, fmt, cells: 0, file, lim };
  const blocks: Block[] = [];
  for (const item of readItems(body, ctx)) {
    if (item.kind === 'para') {
      for (const { text, page } of item.lines) {
        const p: Paragraph = { kind: 'para', text, line: item.line, page };
        if (item.bold) p.bold = true;
        blocks.push(p);
      }
    } else {
      blocks.push(item.table, ...item.nested);
    }
  }
  return blocks;
}

function hasTag(el: El, tag: string): boolean {
  for (const k of el.kids) if (isEl(k) && (k.tag === tag || hasTag(k, tag))) return true;
  return false;
}

function readItems(container: El, ctx: Ctx): Item[] {
  const items: Item[] = [];
  for (const el of unwrapped(container)) {
    if (el.tag === 'p') items.push(...readParagraph(el, ctx));
    else if (el.tag === 'tbl') {
      const t = readTable(el, ctx);
      if (t) items.push(t);
    }
  }
  return items;
}

interface ParaAcc {
  text: string;
  /** Runs with visible text, and whether all of them are bold. */
  any: boolean;
  allBold: boolean;
  /** Page where the first visible text of each line (between line breaks) sits. */
  linePages: Array<number | null>;
  /** Text boxes anchored in the paragraph, read after it. */
  floating: Item[];
  pStyle: string | null;
}

function readParagraph(p: El, ctx: Ctx): Item[] {
  const line = ++ctx.line;
  const pPr = child(p, 'pPr');
  if (!ctx.rendered && ctx.started && isOn(pPr && child(pPr, 'pageBreakBefore'))) ctx.page++;
  ctx.started = true;
  const startPage = ctx.page;
  const label = ctx.fmt.label(pPr);
  const pStyle = ctx.fmt.paragraphStyle(pPr);
  const acc: ParaAcc = { text: '', any: false, allBold: true, linePages: [null], floating: [], pStyle };
  readInline(p, acc, ctx, false);
  // A section break that starts a new page ends this paragraph's page.
  const sect = pPr && child(pPr, 'sectPr');
  if (sect && !ctx.rendered) {
    const type = child(sect, 'type')?.attrs['val'] ?? 'nextPage';
    if (type !== 'continuous' && type !== 'nextColumn') ctx.page++;
  }
  let page = startPage;
  const lines = acc.text.split('\n').flatMap((raw, i) => {
    page = acc.linePages[i] ?? page;
    const text = raw.normalize('NFC').trim();
    return text ? [{ text, page }] : [];
  });
  // A list number shows even on an empty paragraph (an auto-numbered TT cell); a lone bullet is nothing.
  if (label && (lines.length > 0 || !label.bullet)) {
    const first = lines[0];
    if (first) first.text = `${label.text}${first.text}`.normalize('NFC').trim();
    else lines.push({ text: label.text.normalize('NFC').trim(), page: startPage });
  }
  const text = lines.map((l) => l.text).join('\n');
  const para: Item = { kind: 'para', text, bold: acc.any && acc.allBold, line, page: lines[0]?.page ?? startPage, lines };
  return [para, ...acc.floating];
}

/** Paragraph content: runs and what wraps them. */
function readInline(el: El, acc: ParaAcc, ctx: Ctx, bold: boolean, legacy: LegacyFont | null = null): void {
  for (const k of unwrapped(el)) {
    switch (k.tag) {
      case 'r': {
        const rPr = child(k, 'rPr');
        if (isOn(rPr && child(rPr, 'vanish'))) {
          // Hidden text: not shown, not read; its page marks still count.
          readInline(k, { ...acc, text: '', linePages: [null], floating: [] }, ctx, false);
        } else {
          readInline(k, acc, ctx, ctx.fmt.runBold(rPr, acc.pStyle), ctx.fmt.runLegacy(rPr, acc.pStyle));
        }
        break;
      }
      case 't': {
        const raw = k.kids.filter((x): x is string => typeof x === 'string').join('');
        const s = legacy ? repairFontText(raw, legacy) : raw;
        if (s.trim() !== '') {
          acc.any = true;
          if (!bold) acc.allBold = false;
          const last = acc.linePages.length - 1;
          acc.linePages[last] ??= ctx.page;
        }
        acc.text += s;
        break;
      }
      case 'tab':
      case 'ptab':
        acc.text += ' ';
        break;
      case 'noBreakHyphen':
        acc.text += '-';
        break;
      case 'br':
        if (k.attrs['type'] === 'page' && !ctx.rendered) ctx.page++;
        acc.text += '\n';
        acc.linePages.push(null);
        break;
      case 'cr':
        acc.text += '\n';
        acc.linePages.push(null);
        break;
      case 'lastRenderedPageBreak':
        if (ctx.rendered) ctx.page++;
        break;
      case 'txbxContent':
        acc.floating.push(...readItems(k, ctx));
        break;
      case 'p':
      case 'tbl':
        // Not valid inside a paragraph, but read rather than lose it.
        acc.floating.push(...readItems({ tag: 'txbxContent', attrs: {}, kids: [k] }, ctx));
        break;
      case 'pPr':
      case 'rPr':
        break;
      default:
        // Drawings, pictures, objects, ruby: look inside for text boxes and text.
        readInline(k, acc, ctx, bold, legacy);
    }
  }
}

// ---- tables ------------------------------------------------------------------

interface GridCell {
  cell: TableCell;
  /** Text of the cell covering this grid column (for vMerge fill-down). */
  owner: string;
}

function readTable(tbl: El, ctx: Ctx): Item | null {
  const grid = child(tbl, 'tblGrid');
  const gridWidth = grid ? grid.kids.filter((k) => isEl(k) && k.tag === 'gridCol').length : 0;
  const rows: TableRow[] = [];
  const nested: Table[] = [];
  const texts: string[] = [];
  let above: GridCell[] = [];

  for (const tr of unwrapped(tbl)) {
    if (tr.tag !== 'tr') continue;
    const trPr = child(tr, 'trPr');
    if (trPr && child(trPr, 'del')) continue; // a deleted row (tracked change)
    const line = ctx.line + 1;
    const p0 = ctx.page;
    let endPage = p0;
    let rowPage: number | null = null;
    const cells: GridCell[] = [];
    const empty = () => {
      spend(ctx, 1);
      cells.push({ cell: { text: '' }, owner: '' });
    };
    for (let i = 0; i < gridCount(trPr && child(trPr, 'gridBefore'), 0); i++) empty();
    let lastOwner: GridCell | null = null;

    for (const tc of unwrapped(tr)) {
      if (tc.tag !== 'tc') continue;
      const tcPr = child(tc, 'tcPr');
      if (tcPr && child(tcPr, 'cellDel')) continue;
      const span = Math.max(1, gridCount(tcPr && child(tcPr, 'gridSpan'), 1));
      const vMerge = tcPr && child(tcPr, 'vMerge');
      const hMerge = tcPr && child(tcPr, 'hMerge');

      // Every cell of a row starts on the row's page; a row split over pages ends on the furthest one.
      ctx.page = p0;
      const items = readItems(tc, ctx);
      endPage = Math.max(endPage, ctx.page);
      const own = cellText(items);
      if (rowPage === null) {
        const first = items.find((it) => it.kind === 'para' && it.text !== '');
        if (first && first.kind === 'para') rowPage = first.page;
      }
      for (const it of items) if (it.kind === 'table') nested.push(it.table, ...it.nested);

      const col = cells.length;
      if (hMerge && (hMerge.attrs['val'] ?? 'continue') !== 'restart' && lastOwner) {
        // Old-style horizontal merge: this cell widens the one before it.
        lastOwner.cell.span = (lastOwner.cell.span ?? 1) + span;
        if (own) lastOwner.cell.text = lastOwner.cell.text ? `${lastOwner.cell.text}\n${own}` : own;
        spend(ctx, span);
        for (let i = 0; i < span; i++) cells.push({ cell: { text: '' }, owner: lastOwner.cell.text });
        continue;
      }
      const cell: TableCell = { text: own };
      if (vMerge && (vMerge.attrs['val'] ?? 'continue') !== 'restart') {
        const up = above[col];
        if (up) {
          cell.text = own && own !== up.owner ? (up.owner ? `${up.owner}\n${own}` : own) : up.owner;
          cell.merged = true;
        }
      }
      if (span > 1) cell.span = span;
      const gc: GridCell = { cell, owner: cell.text };
      spend(ctx, span);
      cells.push(gc);
      for (let i = 1; i < span; i++) cells.push({ cell: { text: '' }, owner: cell.text });
      lastOwner = gc;
    }
    for (let i = 0; i < gridCount(trPr && child(trPr, 'gridAfter'), 0); i++) empty();
    // A cell widened by hMerge may have taken more text after its covered columns were pushed.
    fixOwners(cells);

    ctx.page = endPage;
    const row: TableRow = { cells: cells.map((c) => c.cell), line, page: rowPage ?? p0 };
    if (trPr && isOn(child(trPr, 'tblHeader'))) row.header = true;
    rows.push(row);
    for (const c of cells) if (c.cell.text && !c.cell.merged) texts.push(c.cell.text);
    above = cells;
  }
  if (rows.length === 0) return null;

  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), gridWidth);
  for (const r of rows) {
    spend(ctx, Math.max(0, width - r.cells.length));
    while (r.cells.length < width) r.cells.push({ text: '' });
  }
  const first = rows[0]!;
  const table: Table = { kind: 'table', rows, line: first.line, page: first.page };
  return { kind: 'table', table, nested, text: texts.join('\n') };
}

/** Count cells against the limit: a small file must not make a huge grid. */
function spend(ctx: Ctx, n: number): void {
  ctx.cells += n;
  if (ctx.cells > ctx.lim.maxCells) {
    throw tooLarge(
      ctx.file,
      `bảng có hơn ${ctx.lim.maxCells.toLocaleString('vi-VN')} ô`,
      `its tables have more than ${ctx.lim.maxCells.toLocaleString('en-US')} cells`,
    );
  }
}

/** Word tables have at most 63 columns; a larger count in a file is not believed. */
const MAX_GRID = 63;

function gridCount(el: El | undefined, fallback: number): number {
  return Math.min(MAX_GRID, Math.max(0, intVal(el, fallback)));
}

/** Each grid column carries the final text of the cell covering it. */
function fixOwners(cells: GridCell[]): void {
  let owner = '';
  let left = 0;
  for (const gc of cells) {
    if (left > 0) {
      gc.owner = owner;
      left--;
      continue;
    }
    owner = gc.owner = gc.cell.text;
    left = (gc.cell.span ?? 1) - 1;
  }
}

/** Paragraphs of a cell, and the text of tables nested in it, one per line. */
function cellText(items: Item[]): string {
  return items
    .map((it) => it.text)
    .filter((t) => t !== '')
    .join('\n');
}

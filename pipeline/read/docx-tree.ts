import { PlanError } from '../model/errors.js';
import { XmlScanner, END, OPEN, CLOSE, TEXT, CDATA, DOCTYPE, type XmlName, type XmlSource } from './xml-scan.js';
import { corrupt, notDocx } from './docx-package.js';
import type { DocxLimits } from './docx.js';

/**
 * WordprocessingML text (a document, styles or numbering part) → a pruned
 * tree, and the helpers that read it.
 *
 * Only what the reader uses is kept: WordprocessingML structure, run text,
 * the few properties that matter (bold, grid, merges, header rows, breaks),
 * and, as transparent wrappers, elements of other vocabularies that may hold
 * text boxes. Deleted and moved-away text, field instructions and property
 * blocks are dropped while parsing, so the tree stays small.
 */
export interface El {
  /** WordprocessingML local name, "mc:" + local name, or "*" for any other vocabulary. */
  tag: string;
  attrs: Readonly<Record<string, string>>;
  kids: Node[];
}
export type Node = El | string;

export interface Part {
  root: El;
  /** Whether Word's w:lastRenderedPageBreak marks appear in the (first) w:body. */
  rendered: boolean;
}

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
const PROPS = new Map<string, Set<string>>([
  ['rPr', new Set(['b', 'rStyle', 'vanish', 'rFonts'])],
  ['pPr', new Set(['sectPr', 'pageBreakBefore', 'numPr', 'pStyle'])],
  ['sectPr', new Set(['type'])],
  ['tcPr', new Set(['gridSpan', 'vMerge', 'hMerge', 'cellDel'])],
  ['trPr', new Set(['gridBefore', 'gridAfter', 'tblHeader', 'del'])],
  ['tblGrid', new Set(['gridCol'])],
  ['sdtPr', new Set(['showingPlcHdr'])],
]);

const MC_KEEP = new Set(['mc:AlternateContent', 'mc:Choice', 'mc:Fallback']);

/** The WordprocessingML attributes the reader uses, by local name. */
const ATTRS = new Set(['val', 'type', 'styleId', 'default', 'abstractNumId', 'numId', 'ilvl', 'ascii', 'hAnsi']);

/** What the parser makes of an element name; worked out once per name and kept on it. */
interface TagInfo {
  tag: string;
  inW: boolean;
  /** Dropped (outside property blocks, which list what they keep). */
  drop: boolean;
  /** When this is a property block: the children it keeps. */
  keeps: Set<string> | null;
}

function tagInfo(name: XmlName): TagInfo {
  const inW = W_NS.has(name.uri);
  const tag = inW ? name.local : name.uri === MC_NS ? `mc:${name.local}` : '*';
  const drop = (inW && SKIP.has(tag)) || (tag.startsWith('mc:') && !MC_KEEP.has(tag));
  return { tag, inW, drop, keeps: PROPS.get(tag) ?? null };
}

const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});
/** The children of an element that has none (shared: trees are never changed once built). */
const NO_KIDS: Node[] = [];

/** The WordprocessingML attributes of the element just opened that the reader uses, by local name. */
function wAttrs(sc: XmlScanner): Readonly<Record<string, string>> {
  let out: Record<string, string> | null = null;
  for (let k = 0; k < sc.attrCount; k++) {
    const name = sc.attrName(k);
    let wanted = name.memo as boolean | undefined;
    if (wanted === undefined) wanted = name.memo = ATTRS.has(name.local) && (W_NS.has(name.uri) || name.uri === '');
    if (wanted) (out ??= {})[name.local] = sc.attrValue(k);
  }
  return out ?? NO_ATTRS;
}

const NOT_WORD = new Error('not a WordprocessingML document');

/** Parse a part whose root must be w:`rootName`; a malformed part is "corrupt", another vocabulary "not a .docx". */
export function parseXml(file: string, xml: XmlSource, lim: DocxLimits, rootName: string): Part {
  const stack: El[] = [];
  // Per open kept element: where its children start in `kids`, and the children it keeps when it is a property block.
  const starts: number[] = [];
  const keeps: Array<Set<string> | null> = [];
  // The children of the open elements, one after another: each element gets an array of exactly its own when it closes.
  const kids: Node[] = [];
  let top = 0;
  let root: El | null = null;
  let skip = 0; // depth inside a dropped subtree
  let rendered = false;
  // Depth of the first w:body while it is open; -2 once closed.
  let bodyAt = -1;
  try {
    const sc = new XmlScanner(xml);
    for (let t = sc.next(); t !== END; t = sc.next()) {
      if (t === OPEN) {
        if (sc.depth > lim.maxDepth) {
          throw new PlanError(
            'docx.too_deep',
            `Tệp ${file} có cấu trúc lồng quá sâu (hơn ${lim.maxDepth} cấp), không đọc được`,
            `${file} is nested too deeply (more than ${lim.maxDepth} levels) to be read`,
          );
        }
        if (skip > 0) {
          skip++;
          continue;
        }
        const info = (sc.name.memo ??= tagInfo(sc.name)) as TagInfo;
        if (!root) {
          if (!info.inW || sc.name.local !== rootName) throw NOT_WORD;
          root = { tag: rootName, attrs: {}, kids: NO_KIDS };
          stack.push(root);
          starts.push(top);
          keeps.push(PROPS.get(rootName) ?? null);
          continue;
        }
        const parentKeeps = keeps[keeps.length - 1];
        if (parentKeeps ? !parentKeeps.has(info.tag) : info.drop) {
          skip = 1;
          continue;
        }
        const el: El = { tag: info.tag, attrs: info.inW && sc.attrCount > 0 ? wAttrs(sc) : NO_ATTRS, kids: NO_KIDS };
        if (bodyAt >= 0) {
          if (info.tag === 'lastRenderedPageBreak') rendered = true;
        } else if (bodyAt === -1 && stack.length === 1 && info.tag === 'body') {
          bodyAt = stack.length;
        }
        stack.push(el);
        starts.push(top);
        keeps.push(info.keeps);
      } else if (t === CLOSE) {
        if (skip > 0) {
          skip--;
          continue;
        }
        const el = stack.pop()!;
        const start = starts.pop()!;
        keeps.pop();
        if (stack.length === bodyAt) bodyAt = -2;
        if (top > start) el.kids = kids.slice(start, top);
        top = start;
        // Other vocabularies are kept only for the text boxes they may hold.
        if (stack.length > 0 && !(el.tag === '*' && el.kids.length === 0)) kids[top++] = el;
      } else if (t === TEXT) {
        if (skip > 0 || stack[stack.length - 1]!.tag !== 't') continue;
        if (top > starts[starts.length - 1]! && typeof kids[top - 1] === 'string') kids[top - 1] += sc.text();
        else kids[top++] = sc.text();
      } else if (t === CDATA) {
        if (skip > 0 || stack[stack.length - 1]!.tag !== 't') continue;
        kids[top++] = sc.text();
      } else if (t === DOCTYPE) {
        // Word never writes a DTD; one that declares entities is an XXE or "billion laughs" attempt.
        if (/<!ENTITY/i.test(sc.text())) {
          throw new PlanError(
            'docx.unsafe',
            `Tệp ${file} khai báo thực thể XML (có thể là tệp độc hại), không xử lý`,
            `${file} declares XML entities (possibly malicious) and was refused`,
          );
        }
      }
    }
  } catch (e) {
    if (e instanceof PlanError) throw e;
    if (e === NOT_WORD) throw notDocx(file);
    throw corrupt(file);
  }
  if (!root) throw corrupt(file);
  return { root, rendered };
}

// ---- tree helpers ----------------------------------------------------------

export function isEl(n: Node | undefined): n is El {
  return typeof n === 'object';
}

export function child(el: El, tag: string): El | undefined {
  const kids = el.kids;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (typeof k === 'object' && k.tag === tag) return k;
  }
  return undefined;
}

/** An on/off property: present and not switched off. */
export function isOn(el: El | undefined): boolean {
  if (!el) return false;
  const v = el.attrs['val'];
  if (v === undefined || v.length > 5) return true;
  const s = v.toLowerCase();
  return !(s === 'false' || s === '0' || s === 'off' || s === 'none');
}

export function intVal(el: El | undefined, fallback: number): number {
  const n = Number.parseInt(el?.attrs['val'] ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}

/** Whether any t element under `el` holds visible text. */
function hasText(el: El): boolean {
  for (let i = 0; i < el.kids.length; i++) {
    const k = el.kids[i]!;
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

function unwraps(tag: string): boolean {
  return tag === 'sdt' || tag === 'mc:AlternateContent' || WRAPPERS.has(tag);
}

/**
 * The child elements of `el` seen through wrappers: content controls (unless
 * they only show placeholder text), custom XML, insertions, AlternateContent.
 * Most elements wrap nothing: their own children come back then (not to be changed).
 */
export function unwrapped(el: El): readonly El[] {
  const kids = el.kids;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (typeof k !== 'object' || unwraps(k.tag)) {
      const out: El[] = [];
      collect(el, out);
      return out;
    }
  }
  return kids as El[];
}

function collect(el: El, out: El[]): void {
  for (let i = 0; i < el.kids.length; i++) {
    const k = el.kids[i]!;
    if (!isEl(k)) continue;
    if (k.tag === 'sdt') {
      const pr = child(k, 'sdtPr');
      if (pr && isOn(child(pr, 'showingPlcHdr'))) continue;
      const content = child(k, 'sdtContent');
      if (content) collect(content, out);
    } else if (k.tag === 'mc:AlternateContent') {
      const b = chosenBranch(k);
      if (b) collect(b, out);
    } else if (WRAPPERS.has(k.tag)) {
      collect(k, out);
    } else {
      out.push(k);
    }
  }
}

/**
 * A small namespace-aware XML scanner for the Office parts we read (Word's
 * document, styles, numbering and relationships). Pure TypeScript, no Node
 * import (the add-in runs it too).
 *
 * In: a decoded string, or the same text cut into pieces at tag starts
 * (xml-pieces.ts). Out: a pull tokenizer (`XmlScanner.next()` gives OPEN,
 * CLOSE, TEXT, CDATA, DOCTYPE, then END), or the callback form
 * `scanXml(xml, handler)`.
 *
 * It is built to be cheap before V8 has optimised anything (a batch worker
 * reads ~100 small files): tags are read with charCodeAt and a class table,
 * element and attribute names are interned per namespace scope (so a caller
 * can cache what it derives from a name on the name itself), attribute
 * values and text are cut out only when asked for, and the characters that
 * need work ("&", CR, LF, tab, "]]>") are found by remembering the next
 * occurrence of each rather than searching every run.
 *
 * What it checks, as a parser must for untrusted files: names and quoting of
 * attributes, end tags matching start tags, one root element, nothing but
 * white space outside it, every element closed, comments, CDATA sections and
 * processing instructions terminated, characters XML forbids, entity and
 * character references (only the five predefined entities exist: a DOCTYPE
 * is handed to the caller, which refuses one that declares entities), and
 * namespace prefixes bound. A fault throws XmlError; callers turn it into
 * their own "corrupt file" error.
 */

/**
 * A part's text: one string, or consecutive pieces of it where every piece
 * after the first starts with a start or end tag ("<" then a name or "/"),
 * so that no token spans two pieces. Pieces keep each string small enough
 * for V8's regular heap (a string past 128 kB goes to its large-object
 * space: a mapping of its own, several times slower to make).
 */
export type XmlSource = string | readonly string[];

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlAttribute {
  /** Qualified name as written (w:val). */
  name: string;
  /** Namespace URI ('' for an unprefixed attribute). */
  uri: string;
  /** Local name (val). */
  local: string;
  /** Value, references decoded. */
  value: string;
}

export interface XmlHandler {
  /** A start tag (an empty element gives open then close). `attributes` may be called during this call only. */
  open?(uri: string, local: string, attributes: () => XmlAttribute[]): void;
  close?(): void;
  /** Character data between tags, references decoded (CDATA sections come through `cdata`). */
  text?(text: string): void;
  cdata?(text: string): void;
  /** The DOCTYPE declaration's text, internal subset included. */
  doctype?(text: string): void;
}

/** An element or attribute name as resolved in one scope; the same object comes back for the same name while the scope holds. */
export interface XmlName {
  readonly qname: string;
  /** Namespace URI ('' when none). */
  readonly uri: string;
  readonly local: string;
  /** Free for the caller: whatever it derives from the name, computed once per name and scan. */
  memo: unknown;
}

/** Tokens of XmlScanner.next(). */
export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const CDATA = 4;
export const DOCTYPE = 5;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

// Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF); lone surrogates are left to the decoder.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const WHITE = /^[ \t\r\n]*$/;
/** Line ends as XML reads them (CR LF and a lone CR are LF), and in attribute values each of them or a tab is a space. */
const EOL = /\r\n?/g;
const ATTR_SPACE = /\r\n|[\t\n\r]/g;
// A reference, or (the empty branch) an "&" that starts none.
const REFERENCE = /&(?:#x([0-9A-Fa-f]+);|#([0-9]+);|([A-Za-z_][-.0-9A-Za-z_]*);|)/g;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode character and entity references; an unknown entity or a stray "&" is a fault. */
function decodeReferences(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(REFERENCE, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const e = ENTITIES[name];
      if (e === undefined) throw new XmlError(`undefined entity &${name};`);
      return e;
    }
    if (hex === undefined && dec === undefined) throw new XmlError('"&" that starts no reference');
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    const bad =
      !Number.isInteger(code) || code > 0x10ffff || (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff;
    if (bad) throw new XmlError(`invalid character reference ${hex ?? dec}`);
    return String.fromCodePoint(code);
  });
}

/**
 * Classes of ASCII characters. NAME_END: white space, "/", ">", "=", quotes,
 * "<" (anything else XML forbids in names is let through; past the end of
 * the string counts as a name end too). NOT_START: may not start a name.
 */
const NAME_END = 1;
const SPACE = 2;
const NOT_START = 4;
const CLS = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) CLS[c] = NAME_END | SPACE | NOT_START;
for (const c of [0x2f, 0x3e, 0x3d, 0x22, 0x27, 0x3c]) CLS[c] = NAME_END | NOT_START;
for (const c of [0x2d, 0x2e, 0x21, 0x3f]) CLS[c] = NOT_START;
for (let c = 0x30; c <= 0x39; c++) CLS[c] = NOT_START;

/** Whether `c` (a char code, NaN past the end) may start a name. */
function isNameStart(c: number): boolean {
  return c < 128 ? (CLS[c]! & NOT_START) === 0 : c === c;
}

/**
 * Namespace bindings in force, with the names already resolved under them:
 * by name, and in a small table indexed by a hash of a few characters, so a
 * name seen before is found without cutting it out of the text.
 */
interface Scope {
  readonly ns: ReadonlyMap<string, string>;
  readonly elements: Map<string, XmlName>;
  readonly attrs: Map<string, XmlName>;
  readonly elementSlots: Array<XmlName | undefined>;
  readonly attrSlots: Array<XmlName | undefined>;
}

const SLOTS = 256;

function newScope(ns: ReadonlyMap<string, string>): Scope {
  return { ns, elements: new Map(), attrs: new Map(), elementSlots: new Array(SLOTS).fill(undefined), attrSlots: new Array(SLOTS).fill(undefined) };
}

/** The slot of the name written at [start, end): its length, middle and last two characters (few Word names share one). */
function slotOf(xml: string, start: number, end: number): number {
  const len = end - start;
  return ((len << 5) ^ (xml.charCodeAt(start + (len >> 1)) << 3) ^ xml.charCodeAt(end - 1) ^ (xml.charCodeAt(end - 2) << 1)) & (SLOTS - 1);
}

/** Index of the next `s` at or after `from`, or a position past any string when there is none. */
function nextOf(xml: string, s: string, from: number): number {
  const i = xml.indexOf(s, from);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/** Per attribute of the current start tag: name start, name end, first colon (-1), value start, value end, decoded value index (-1). */
const A_FIELDS = 6;

export class XmlScanner {
  /** The element just opened (OPEN), valid until the next call. */
  name!: XmlName;
  /** Attributes of the element just opened. */
  attrCount = 0;
  /** Open elements. */
  depth = 0;

  /** The piece being read (pieces[piece]). */
  private xml: string;
  private readonly pieces: readonly string[];
  private piece = 0;
  private pos = 0;
  private readonly names: XmlName[] = [];
  private readonly scopes: Scope[] = [];
  private readonly root: Scope;
  private scope: Scope;
  private seenRoot = false;
  private pendingClose = false;
  private done = false;
  /** Next "<" at or after pos when known (a start tag finds it), else -1. */
  private lt = -1;
  // Next occurrences (recomputed once passed).
  private amp = -1;
  private cr = -1;
  private lf = -1;
  private tab = -1;
  private cdEnd = -1;
  /** The least of the occurrences text (amp, cr, cdEnd) and attribute values (amp, tab, lf, cr) care about, as last worked out. */
  private textSpecial = -1;
  private attrSpecial = -1;
  // The current text token: a range of the input, or its decoded value.
  private textStart = 0;
  private textEnd = 0;
  private textValue: string | null = null;
  private ab = new Int32Array(16 * A_FIELDS);
  private readonly decoded: string[] = [];
  private decodedCount = 0;
  /** Names of the current attributes, as far as resolved (the prefixed ones always are). */
  private readonly resolved: Array<XmlName | undefined> = [];

  constructor(source: XmlSource) {
    const pieces = typeof source === 'string' ? [source] : source;
    for (const p of pieces) if (FORBIDDEN.test(p)) throw new XmlError('a character XML forbids');
    const xml = pieces[0] ?? '';
    this.xml = xml;
    this.pieces = pieces;
    // The caller's promise (see XmlSource), not the file's fault.
    for (let k = 1; k < pieces.length; k++) if (pieces[k]!.charCodeAt(0) !== 0x3c) throw new Error('XmlScanner: a piece must start at a tag');
    // A BOM decoded into the string is not content.
    if (xml.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.root = newScope(
      new Map([
        ['', ''],
        ['xml', XML_NS],
        ['xmlns', XMLNS_NS],
      ]),
    );
    this.scope = this.root;
  }

  /** The next token; throws XmlError on anything malformed. */
  next(): number {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.pop();
      return CLOSE;
    }
    const xml = this.xml;
    const n = xml.length;
    let pos = this.pos;
    for (;;) {
      if (pos >= n) {
        if (this.piece + 1 >= this.pieces.length) return this.finish();
        this.nextPiece();
        return this.next();
      }
      let lt = this.lt;
      if (lt < pos) {
        // Word writes no white space between tags: the next token is most often right here.
        lt = xml.charCodeAt(pos) === 0x3c ? pos : xml.indexOf('<', pos);
        if (lt < 0) lt = n;
      }
      if (lt > pos) {
        this.pos = lt;
        this.lt = lt;
        if (this.depth === 0) {
          if (!WHITE.test(xml.slice(pos, lt))) throw new XmlError('text outside the root element');
          pos = lt;
          continue;
        }
        this.takeText(pos, lt);
        return TEXT;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === 0x2f /* / */) {
        this.endTag(lt);
        return CLOSE;
      }
      if (c === 0x3f /* ? */) {
        const close = xml.indexOf('?>', lt + 2);
        if (close < 0) throw new XmlError('unterminated processing instruction');
        pos = close + 2;
        continue;
      }
      if (c === 0x21 /* ! */) {
        if (xml.startsWith('<!--', lt)) {
          const close = xml.indexOf('-->', lt + 4);
          if (close < 0) throw new XmlError('unterminated comment');
          pos = close + 3;
          continue;
        }
        if (xml.startsWith('<![CDATA[', lt)) {
          if (this.depth === 0) throw new XmlError('CDATA outside the root element');
          const close = xml.indexOf(']]>', lt + 9);
          if (close < 0) throw new XmlError('unterminated CDATA section');
          const data = xml.slice(lt + 9, close);
          this.textValue = data.indexOf('\r') >= 0 ? data.replace(EOL, '\n') : data;
          this.pos = close + 3;
          return CDATA;
        }
        if (xml.startsWith('<!DOCTYPE', lt)) {
          if (this.seenRoot) throw new XmlError('DOCTYPE after the root element');
          const bracket = xml.indexOf('[', lt);
          let close = xml.indexOf('>', lt);
          if (bracket >= 0 && (close < 0 || bracket < close)) {
            const subsetEnd = xml.indexOf(']', bracket);
            close = subsetEnd < 0 ? -1 : xml.indexOf('>', subsetEnd);
          }
          if (close < 0) throw new XmlError('unterminated DOCTYPE');
          this.textValue = xml.slice(lt + 9, close);
          this.pos = close + 1;
          return DOCTYPE;
        }
        throw new XmlError('malformed markup declaration');
      }
      this.startTag(lt);
      return OPEN;
    }
  }

  /** The text of the current TEXT, CDATA or DOCTYPE token. */
  text(): string {
    return this.textValue ?? this.xml.slice(this.textStart, this.textEnd);
  }

  /** A text run between tags: check it, and decode it now only when it needs work (else it is cut out when asked for). */
  private takeText(start: number, end: number): void {
    const xml = this.xml;
    if (this.textSpecial < end) {
      // Something may need work before `end`: bring the occurrences up to date.
      if (this.cdEnd < start) this.cdEnd = nextOf(xml, ']]>', start);
      if (this.amp < start) this.amp = nextOf(xml, '&', start);
      if (this.cr < start) this.cr = nextOf(xml, '\r', start);
      this.textSpecial = Math.min(this.cdEnd, this.amp, this.cr);
    }
    if (this.cdEnd < end) throw new XmlError('"]]>" in text');
    if (this.textSpecial < end) {
      const raw = xml.slice(start, end);
      this.textValue = decodeReferences(this.cr < end ? raw.replace(EOL, '\n') : raw);
    } else {
      this.textValue = null;
      this.textStart = start;
      this.textEnd = end;
    }
  }

  /** The name of attribute k of the element just opened, resolved in its scope. */
  attrName(k: number): XmlName {
    return this.resolved[k] ?? this.resolveAttr(k);
  }

  private resolveAttr(k: number): XmlName {
    const ab = this.ab;
    const b = k * A_FIELDS;
    const xml = this.xml;
    const start = ab[b]!;
    const end = ab[b + 1]!;
    const scope = this.scope;
    const slot = slotOf(xml, start, end);
    const seen = scope.attrSlots[slot];
    if (seen !== undefined && seen.qname.length === end - start && xml.startsWith(seen.qname, start)) return seen;
    const qname = xml.slice(start, end);
    let name = scope.attrs.get(qname);
    if (name === undefined) {
      const colon = ab[b + 2]! - start;
      const uri = colon < 0 ? (qname === 'xmlns' ? XMLNS_NS : '') : scope.ns.get(qname.slice(0, colon));
      if (uri === undefined) throw new XmlError(`unbound namespace prefix in ${qname}`);
      name = { qname, uri, local: colon < 0 ? qname : qname.slice(colon + 1), memo: undefined };
      scope.attrs.set(qname, name);
    }
    scope.attrSlots[slot] = name;
    return name;
  }

  /** The value of attribute k of the element just opened, references decoded. */
  attrValue(k: number): string {
    const ab = this.ab;
    const b = k * A_FIELDS;
    const d = ab[b + 5]!;
    return d >= 0 ? this.decoded[d]! : this.xml.slice(ab[b + 3]!, ab[b + 4]!);
  }

  /** All attributes of the element just opened. */
  attributes(): XmlAttribute[] {
    const out: XmlAttribute[] = [];
    for (let k = 0; k < this.attrCount; k++) {
      const { qname, uri, local } = this.attrName(k);
      out.push({ name: qname, uri, local, value: this.attrValue(k) });
    }
    return out;
  }

  /** Move to the next piece: positions start again, and so do the occurrences remembered in the last one. */
  private nextPiece(): void {
    this.xml = this.pieces[++this.piece]!;
    this.pos = 0;
    this.lt = -1;
    this.amp = this.cr = this.lf = this.tab = this.cdEnd = -1;
    this.textSpecial = this.attrSpecial = -1;
  }

  private finish(): number {
    if (!this.done) {
      if (this.depth > 0) throw new XmlError(`unclosed element <${this.names[this.depth - 1]!.qname}>`);
      if (!this.seenRoot) throw new XmlError('no root element');
      this.done = true;
    }
    return END;
  }

  private pop(): void {
    const d = --this.depth;
    this.scope = d > 0 ? this.scopes[d - 1]! : this.root;
  }

  private endTag(lt: number): void {
    const xml = this.xml;
    let i = lt + 2;
    if (!isNameStart(xml.charCodeAt(i))) throw new XmlError('malformed end tag');
    const top = this.depth > 0 ? this.names[this.depth - 1]!.qname : null;
    let c: number;
    if (top !== null && xml.startsWith(top, i) && ((c = xml.charCodeAt(i + top.length)) < 128 ? (CLS[c]! & NAME_END) !== 0 : c !== c)) {
      i += top.length;
    } else {
      while ((c = xml.charCodeAt(i)) < 128 ? (CLS[c]! & NAME_END) === 0 : c === c) i++;
      throw new XmlError(`end tag </${xml.slice(lt + 2, i)}> does not match <${top ?? ''}>`);
    }
    while ((c = xml.charCodeAt(i)) < 128 && (CLS[c]! & SPACE) !== 0) i++;
    if (c !== 0x3e) throw new XmlError(`malformed end tag </${top}`);
    this.pop();
    this.pos = i + 1;
  }

  private startTag(lt: number): void {
    const xml = this.xml;
    if (this.depth === 0 && this.seenRoot) throw new XmlError('a second root element');
    let i = lt + 1;
    let c = xml.charCodeAt(i);
    if (!isNameStart(c)) throw new XmlError('malformed start tag');
    while (c < 128 ? (CLS[c]! & NAME_END) === 0 : c === c) c = xml.charCodeAt(++i);
    const nameEnd = i;
    // The first "<" after this one (found at the first attribute): an attribute value reaching it holds a "<"; otherwise it is where the next token starts.
    let nextLt = -1;
    let ab = this.ab;
    let count = 0;
    let declared: Map<string, string> | null = null;
    let empty = false;
    this.decodedCount = 0;
    for (;;) {
      const before = i;
      while (c < 128 && (CLS[c]! & SPACE) !== 0) c = xml.charCodeAt(++i);
      if (c === 0x3e /* > */) {
        i++;
        break;
      }
      if (c === 0x2f /* / */ && xml.charCodeAt(i + 1) === 0x3e) {
        empty = true;
        i += 2;
        break;
      }
      // An attribute: white space before it, name, "=", a quoted value without "<".
      if (i === before || !isNameStart(c)) throw new XmlError(`malformed start tag <${xml.slice(lt + 1, nameEnd)}`);
      const nameStart = i;
      const first = c;
      let colon = -1;
      while (c < 128 ? (CLS[c]! & NAME_END) === 0 : c === c) {
        if (c === 0x3a && colon < 0) colon = i;
        c = xml.charCodeAt(++i);
      }
      const attrEnd = i;
      while (c < 128 && (CLS[c]! & SPACE) !== 0) c = xml.charCodeAt(++i);
      if (c !== 0x3d /* = */) throw new XmlError(`malformed attribute ${xml.slice(nameStart, attrEnd)}`);
      c = xml.charCodeAt(++i);
      while (c < 128 && (CLS[c]! & SPACE) !== 0) c = xml.charCodeAt(++i);
      if (c !== 0x22 && c !== 0x27) throw new XmlError(`unquoted attribute ${xml.slice(nameStart, attrEnd)}`);
      const close = xml.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close < 0) throw new XmlError(`unterminated attribute ${xml.slice(nameStart, attrEnd)}`);
      if (nextLt < 0) {
        nextLt = xml.indexOf('<', lt + 1);
        if (nextLt < 0) nextLt = xml.length;
      }
      if (close > nextLt) throw new XmlError(`"<" in attribute ${xml.slice(nameStart, attrEnd)}`);
      const vs = i + 1;
      i = close + 1;
      c = xml.charCodeAt(i);
      // Attribute-value normalisation (each line end or tab is a space; a reference to one is kept) and references: only when present.
      if (this.attrSpecial < close) {
        if (this.amp < vs) this.amp = nextOf(xml, '&', vs);
        if (this.tab < vs) this.tab = nextOf(xml, '\t', vs);
        if (this.lf < vs) this.lf = nextOf(xml, '\n', vs);
        if (this.cr < vs) this.cr = nextOf(xml, '\r', vs);
        this.attrSpecial = Math.min(this.amp, this.tab, this.lf, this.cr);
      }
      let d = -1;
      if (this.attrSpecial < close) {
        const raw = xml.slice(vs, close);
        d = this.decodedCount++;
        this.decoded[d] = decodeReferences(this.tab < close || this.lf < close || this.cr < close ? raw.replace(ATTR_SPACE, ' ') : raw);
      }
      const b = count * A_FIELDS;
      if (b + A_FIELDS > ab.length) {
        const grown = new Int32Array(ab.length * 2);
        grown.set(ab);
        this.ab = ab = grown;
      }
      ab[b] = nameStart;
      ab[b + 1] = attrEnd;
      ab[b + 2] = colon;
      ab[b + 3] = vs;
      ab[b + 4] = close;
      ab[b + 5] = d;
      count++;
      if (first === 0x78 /* x */ && xml.startsWith('xmlns', nameStart) && (attrEnd - nameStart === 5 || colon === nameStart + 5)) {
        declared ??= new Map(this.scope.ns);
        declared.set(attrEnd - nameStart === 5 ? '' : xml.slice(nameStart + 6, attrEnd), d >= 0 ? this.decoded[d]! : xml.slice(vs, close));
      }
    }
    this.pos = i;
    this.lt = nextLt;
    this.attrCount = count;
    if (declared) this.scope = newScope(declared);
    const scope = this.scope;
    this.seenRoot = true;
    const slot = slotOf(xml, lt + 1, nameEnd);
    let name = scope.elementSlots[slot];
    if (name === undefined || name.qname.length !== nameEnd - lt - 1 || !xml.startsWith(name.qname, lt + 1)) {
      const qname = xml.slice(lt + 1, nameEnd);
      name = scope.elements.get(qname);
      if (name === undefined) {
        const colon = qname.indexOf(':');
        const uri = scope.ns.get(colon < 0 ? '' : qname.slice(0, colon));
        if (uri === undefined) throw new XmlError(`unbound namespace prefix in <${qname}>`);
        name = { qname, uri, local: colon < 0 ? qname : qname.slice(colon + 1), memo: undefined };
        scope.elements.set(qname, name);
      }
      scope.elementSlots[slot] = name;
    }
    // Attribute prefixes must be bound too, whether or not the caller looks at them: resolving the name checks it.
    const resolved = this.resolved;
    for (let k = 0; k < count; k++) {
      const b = k * A_FIELDS;
      resolved[k] = ab[b + 2]! > ab[b]! ? this.resolveAttr(k) : undefined;
    }
    this.name = name;
    this.names[this.depth] = name;
    this.scopes[this.depth] = scope;
    this.depth++;
    this.pendingClose = empty;
  }
}

/** Scan `xml` (decoded text), calling `h` for what it holds. Throws XmlError on anything malformed. */
export function scanXml(xml: XmlSource, h: XmlHandler): void {
  const sc = new XmlScanner(xml);
  const attributes = () => sc.attributes();
  for (let t = sc.next(); t !== END; t = sc.next()) {
    if (t === OPEN) h.open?.(sc.name.uri, sc.name.local, attributes);
    else if (t === CLOSE) h.close?.();
    else if (t === TEXT) h.text?.(sc.text());
    else if (t === CDATA) h.cdata?.(sc.text());
    else if (t === DOCTYPE) h.doctype?.(sc.text());
  }
}

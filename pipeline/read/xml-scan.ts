/**
 * A small namespace-aware XML scanner for the Office parts we read (Word's
 * document, styles, numbering and relationships). Pure TypeScript, no Node
 * import (the add-in runs it too).
 *
 * It replaces a general SAX parser (saxes) that was the largest cost of
 * reading a .docx: here text runs are cut out with indexOf, tags are read with
 * charCodeAt and no regular expression, and the namespace bindings in force
 * are one shared map per element that declares none.
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
  /** A start tag (an empty element gives open then close). Attributes are built only when asked for. */
  open?(uri: string, local: string, attributes: () => XmlAttribute[]): void;
  close?(): void;
  /** Character data between tags, references decoded (CDATA sections come through `cdata`). */
  text?(text: string): void;
  cdata?(text: string): void;
  /** The DOCTYPE declaration's text, internal subset included. */
  doctype?(text: string): void;
}

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
export function decodeReferences(s: string): string {
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

/** Characters that end a name: white space, "/", ">", "=", quotes, "<" (anything else XML forbids in names is let through). */
function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x3c || Number.isNaN(c);
}

/** A name may not start with a digit, "-", "." or any name-ending character. */
function isNameStart(c: number): boolean {
  return !isNameEnd(c) && !(c >= 0x30 && c <= 0x39) && c !== 0x2d && c !== 0x2e && c !== 0x21 && c !== 0x3f;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([
  ['', ''],
  ['xml', XML_NS],
  ['xmlns', XMLNS_NS],
]);

/** Scan `xml` (a decoded string), calling `h` for what it holds. Throws XmlError on anything malformed. */
export function scanXml(xml: string, h: XmlHandler): void {
  if (FORBIDDEN.test(xml)) throw new XmlError('a character XML forbids');
  // Open elements: their names, and the prefix bindings in force inside each (shared with the parent unless it declares some).
  const qnames: string[] = [];
  const scopes: Array<ReadonlyMap<string, string>> = [];
  let scope: ReadonlyMap<string, string> = ROOT_SCOPE;
  let seenRoot = false;
  let pos = 0;
  const n = xml.length;
  // A BOM decoded into the string is not content.
  if (xml.charCodeAt(0) === 0xfeff) pos = 1;

  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    const end = lt < 0 ? n : lt;
    if (end > pos) {
      const raw = xml.slice(pos, end);
      if (qnames.length === 0) {
        if (!WHITE.test(raw)) throw new XmlError('text outside the root element');
      } else {
        if (raw.indexOf(']]>') >= 0) throw new XmlError('"]]>" in text');
        h.text?.(decodeReferences(raw.indexOf('\r') >= 0 ? raw.replace(EOL, '\n') : raw));
      }
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      let i = lt + 2;
      if (!isNameStart(xml.charCodeAt(i))) throw new XmlError('malformed end tag');
      while (!isNameEnd(xml.charCodeAt(i))) i++;
      const name = xml.slice(lt + 2, i);
      while (isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== 0x3e) throw new XmlError(`malformed end tag </${name}`);
      const top = qnames.pop();
      if (top !== name) throw new XmlError(`end tag </${name}> does not match <${top ?? ''}>`);
      scopes.pop();
      scope = scopes.length > 0 ? scopes[scopes.length - 1]! : ROOT_SCOPE;
      h.close?.();
      pos = i + 1;
    } else if (c === 0x3f /* ? */) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlError('unterminated processing instruction');
      pos = close + 2;
    } else if (c === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4);
        if (close < 0) throw new XmlError('unterminated comment');
        pos = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (qnames.length === 0) throw new XmlError('CDATA outside the root element');
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0) throw new XmlError('unterminated CDATA section');
        const data = xml.slice(lt + 9, close);
        h.cdata?.(data.indexOf('\r') >= 0 ? data.replace(EOL, '\n') : data);
        pos = close + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt)) {
        if (seenRoot) throw new XmlError('DOCTYPE after the root element');
        const bracket = xml.indexOf('[', lt);
        let close = xml.indexOf('>', lt);
        if (bracket >= 0 && (close < 0 || bracket < close)) {
          const subsetEnd = xml.indexOf(']', bracket);
          close = subsetEnd < 0 ? -1 : xml.indexOf('>', subsetEnd);
        }
        if (close < 0) throw new XmlError('unterminated DOCTYPE');
        h.doctype?.(xml.slice(lt + 9, close));
        pos = close + 1;
      } else {
        throw new XmlError('malformed markup declaration');
      }
    } else {
      // A start tag.
      if (qnames.length === 0 && seenRoot) throw new XmlError('a second root element');
      let i = lt + 1;
      if (!isNameStart(xml.charCodeAt(i))) throw new XmlError('malformed start tag');
      while (!isNameEnd(xml.charCodeAt(i))) i++;
      const qname = xml.slice(lt + 1, i);
      let names: string[] | null = null;
      let values: string[] | null = null;
      let declared: Map<string, string> | null = null;
      let empty = false;
      for (;;) {
        const before = i;
        while (isSpace(xml.charCodeAt(i))) i++;
        const ch = xml.charCodeAt(i);
        if (ch === 0x3e /* > */) {
          i++;
          break;
        }
        if (ch === 0x2f /* / */ && xml.charCodeAt(i + 1) === 0x3e) {
          empty = true;
          i += 2;
          break;
        }
        // An attribute: white space before it, name, "=", a quoted value without "<".
        if (i === before || !isNameStart(ch)) throw new XmlError(`malformed start tag <${qname}`);
        const nameStart = i;
        while (!isNameEnd(xml.charCodeAt(i))) i++;
        const name = xml.slice(nameStart, i);
        while (isSpace(xml.charCodeAt(i))) i++;
        if (xml.charCodeAt(i) !== 0x3d /* = */) throw new XmlError(`malformed attribute ${name} in <${qname}`);
        i++;
        while (isSpace(xml.charCodeAt(i))) i++;
        const quote = xml.charCodeAt(i);
        if (quote !== 0x22 && quote !== 0x27) throw new XmlError(`unquoted attribute ${name} in <${qname}`);
        const close = xml.indexOf(quote === 0x22 ? '"' : "'", i + 1);
        if (close < 0) throw new XmlError(`unterminated attribute ${name} in <${qname}`);
        const rawValue = xml.slice(i + 1, close);
        if (rawValue.indexOf('<') >= 0) throw new XmlError(`"<" in attribute ${name} of <${qname}`);
        i = close + 1;
        // Attribute-value normalisation: each line end or tab is a space (a reference to one is kept).
        const value = decodeReferences(/[\t\n\r]/.test(rawValue) ? rawValue.replace(ATTR_SPACE, ' ') : rawValue);
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          declared ??= new Map(scope);
          declared.set(name === 'xmlns' ? '' : name.slice(6), value);
        }
        (names ??= []).push(name);
        (values ??= []).push(value);
      }
      pos = i;
      if (declared) scope = declared;
      seenRoot = true;
      const colon = qname.indexOf(':');
      const local = colon < 0 ? qname : qname.slice(colon + 1);
      const uri = scope.get(colon < 0 ? '' : qname.slice(0, colon));
      if (uri === undefined) throw new XmlError(`unbound namespace prefix in <${qname}>`);
      // Attribute prefixes must be bound too, whether or not the caller looks at them.
      if (names) {
        for (const name of names) {
          const k = name.indexOf(':');
          if (k > 0 && !scope.has(name.slice(0, k))) throw new XmlError(`unbound namespace prefix in ${name}`);
        }
      }
      qnames.push(qname);
      scopes.push(scope);
      if (h.open) {
        const inScope = scope;
        const attrNames = names;
        const attrValues = values;
        h.open(uri, local, () => {
          const out: XmlAttribute[] = [];
          if (!attrNames) return out;
          for (let k = 0; k < attrNames.length; k++) {
            const name = attrNames[k]!;
            const colonAt = name.indexOf(':');
            out.push({
              name,
              uri: colonAt < 0 ? (name === 'xmlns' ? XMLNS_NS : '') : (inScope.get(name.slice(0, colonAt)) ?? ''),
              local: colonAt < 0 ? name : name.slice(colonAt + 1),
              value: attrValues![k]!,
            });
          }
          return out;
        });
      }
      if (empty) {
        qnames.pop();
        scopes.pop();
        scope = scopes.length > 0 ? scopes[scopes.length - 1]! : ROOT_SCOPE;
        h.close?.();
      }
    }
  }
  if (qnames.length > 0) throw new XmlError(`unclosed element <${qnames[qnames.length - 1]!}>`);
  if (!seenRoot) throw new XmlError('no root element');
}

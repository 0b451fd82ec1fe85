import { scanXml, XmlError, type XmlSource } from '../../pipeline/read/xml-scan.js';

/** Every event of a scan, as short strings (a document whole, or in pieces). */
export function events(xml: XmlSource): string[] {
  const out: string[] = [];
  scanXml(xml, {
    open(uri, local, attributes) {
      const attrs = attributes().map((a) => ` ${a.name}{${a.uri}}${a.local}=${JSON.stringify(a.value)}`);
      out.push(`<{${uri}}${local}${attrs.join('')}>`);
    },
    close: () => out.push('</>'),
    text: (t) => out.push(`text ${JSON.stringify(t)}`),
    cdata: (t) => out.push(`cdata ${JSON.stringify(t)}`),
    doctype: (t) => out.push(`doctype ${JSON.stringify(t)}`),
  });
  return out;
}

/** 'XmlError' when the scan refuses the document, 'accepted' when it reads it through. */
export function fault(xml: XmlSource): string {
  try {
    scanXml(xml, { text: () => {} });
  } catch (e) {
    if (e instanceof XmlError) return 'XmlError';
    throw e;
  }
  return 'accepted';
}

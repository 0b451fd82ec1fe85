import { describe, it, expect } from 'vitest';
import { events, fault } from './helpers/xml-events.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

describe('XML scanner: what it reports', () => {
  it('resolves element and attribute namespaces, with declarations later in the same tag and nested re-bindings', () => {
    const xml = `<?xml version="1.0"?>\r\n<w:doc w:a="1" xmlns:w="${W}" b='2'><w:p xmlns:w="urn:x"><w:r/></w:p><p xmlns="urn:d"/></w:doc>`;
    expect(events(xml)).toEqual([
      `<{${W}}doc w:a{${W}}a="1" xmlns:w{http://www.w3.org/2000/xmlns/}w="${W}" b{}b="2">`,
      '<{urn:x}p xmlns:w{http://www.w3.org/2000/xmlns/}w="urn:x">',
      '<{urn:x}r>',
      '</>',
      '</>',
      '<{urn:d}p xmlns{http://www.w3.org/2000/xmlns/}xmlns="urn:d">',
      '</>',
      '</>',
    ]);
  });

  it('decodes references in text and attributes, normalises line ends and attribute white space, keeps CDATA raw', () => {
    const xml = '<a v="x&#9;y\tz\r\nw&amp;&lt;&#x41;">a &amp; b&gt;\r\nc\rd<![CDATA[<&amp;>\r\n]]>e&#233;&quot;&apos;</a>';
    expect(events(xml)).toEqual([
      '<{}a v{}v="x\\ty z w&<A">',
      'text "a & b>\\nc\\nd"',
      'cdata "<&amp;>\\n"',
      'text "eé\\"\'"',
      '</>',
    ]);
  });

  it('skips comments, processing instructions and a BOM, and hands over a DOCTYPE with its internal subset', () => {
    const xml = '\ufeff<?xml version="1.0"?><!DOCTYPE d [<!ELEMENT d ANY>]><!-- c < > --><d><?pi x?><!-- in --></d>  \n';
    expect(events(xml)).toEqual(['doctype " d [<!ELEMENT d ANY>]"', '<{}d>', '</>']);
  });

  it('reads white space around "=" and before ">" and "/>", and end tags with trailing space', () => {
    expect(events('<a  x = "1"\n y=\'2\' ><b\t/></a >')).toEqual(['<{}a x{}x="1" y{}y="2">', '<{}b>', '</>', '</>']);
  });
});

describe('XML scanner: what it refuses', () => {
  const bad: Array<[string, string]> = [
    ['an end tag that does not match', '<a><b></a></b>'],
    ['an end tag with nothing open', '<a/></a>'],
    ['an unclosed element', '<a><b></b>'],
    ['no root element', '<?xml version="1.0"?>'],
    ['an empty document', ''],
    ['a second root element', '<a/><b/>'],
    ['text outside the root', 'x<a/>'],
    ['text after the root', '<a/>x'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>'],
    ['"]]>" in text', '<a>x]]>y</a>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['an attribute without a value', '<a x/>'],
    ['attributes without space between them', '<a x="1"y="2"/>'],
    ['an unterminated attribute value', '<a x="1/>'],
    ['"<" in an attribute value', '<a x="<"/>'],
    ['"<" in an attribute value of a later attribute', '<a x="1" y="a<b"/>'],
    ['an unbound element prefix', '<w:a/>'],
    ['an unbound attribute prefix', '<a w:x="1"/>'],
    ['an attribute prefix bound only in a sibling', '<r><a xmlns:w="urn:w"/><b w:x="1"/></r>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['an undefined entity in an attribute', '<a x="&foo;"/>'],
    ['a stray "&"', '<a>a & b</a>'],
    ['a stray "&" in an attribute', '<a x="a&b"/>'],
    ['a reference to a forbidden character', '<a>&#1;</a>'],
    ['a reference to a surrogate', '<a>&#xD800;</a>'],
    ['a reference out of range', '<a>&#x110000;</a>'],
    ['a forbidden character', '<a>\u0001</a>'],
    ['U+FFFE', '<a x="\ufffe"/>'],
    ['an unterminated comment', '<a><!-- x</a>'],
    ['an unterminated CDATA section', '<a><![CDATA[x</a>'],
    ['an unterminated processing instruction', '<a><?pi </a>'],
    ['an unterminated DOCTYPE', '<!DOCTYPE a [ <a/>'],
    ['a DOCTYPE after the root', '<a/><!DOCTYPE a>'],
    ['a malformed markup declaration', '<a><!ELEMENT x></a>'],
    ['a start tag without a name', '<>x</>'],
    ['a name that starts with a digit', '<1a/>'],
    ['a malformed end tag', '<a></ a>'],
    ['junk in an end tag', '<a></a x>'],
    ['an unterminated start tag', '<a x="1"'],
    ['a start tag cut short', '<a'],
  ];
  for (const [what, xml] of bad) {
    it(`refuses ${what}`, () => expect(fault(xml)).toBe('XmlError'));
  }

  it('accepts what is well-formed in the same neighbourhood', () => {
    for (const xml of ['<a x="]]>"/>', '<a x=">"/>', '<a>></a>', '<a>&#x10FFFF;&#9;</a>', '<a/>\r\n', '<a:b xmlns:a="u"/>']) {
      expect(fault(xml)).toBe('accepted');
    }
  });
});

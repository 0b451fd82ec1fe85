import { strToU8, zipSync, type Zippable } from 'fflate';
import { bodyXml, paragraphXml } from './body.js';
import { chartParagraphXml, chartPartXml } from './chart.js';
import type { Chart, DocxDocument, Paragraph } from './model.js';
import { escapeText, XML_HEAD } from './xml.js';

/**
 * A DocxDocument (model.ts) → .docx bytes: [Content_Types].xml, _rels,
 * word/document.xml with the section (page size, margins, a first page
 * without header), styles.xml with the document's font and size as defaults,
 * settings.xml, the header (page number) and footer, one part per chart
 * (and its embedded workbook), docProps/core.xml and app.xml. In: the
 * model. Out: the zip's bytes (fflate). Pure, browser-safe.
 */

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

interface Rel {
  id: string;
  type: string;
  target: string;
}

function relsXml(rels: readonly Rel[]): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

function stylesXml(d: DocxDocument): string {
  const font = escapeText(d.font);
  const sz = Math.round(d.size * 2);
  return (
    XML_HEAD +
    `<w:styles xmlns:w="${NS_W}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    `<w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>` +
    `<w:sz w:val="${sz}"/><w:szCs w:val="${sz}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '</w:styles>'
  );
}

const SETTINGS =
  XML_HEAD +
  `<w:settings xmlns:w="${NS_W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
  '<w:characterSpacingControl w:val="doNotCompress"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '<w:themeFontLang w:val="vi-VN"/></w:settings>';

function hdrFtr(tag: 'hdr' | 'ftr', paras: readonly Paragraph[]): string {
  const body = paras.length ? paras.map(paragraphXml).join('') : '<w:p/>';
  return XML_HEAD + `<w:${tag} xmlns:w="${NS_W}" xmlns:r="${NS_R}">${body}</w:${tag}>`;
}

function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function coreXml(d: DocxDocument): string {
  const at = isoSeconds(d.created);
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeText(d.title)}</dc:title><dc:creator>${escapeText(d.creator)}</dc:creator><dc:language>vi-VN</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const APP =
  XML_HEAD +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<Application>phuluc</Application></Properties>';

export function writeDocx(d: DocxDocument): Uint8Array {
  const charts = d.body.filter((b): b is Chart => b.kind === 'chart');
  const docRels: Rel[] = [
    { id: 'rId1', type: `${NS_R}/styles`, target: 'styles.xml' },
    { id: 'rId2', type: `${NS_R}/settings`, target: 'settings.xml' },
    { id: 'rId3', type: `${NS_R}/header`, target: 'header1.xml' },
    { id: 'rId4', type: `${NS_R}/header`, target: 'header2.xml' },
    { id: 'rId5', type: `${NS_R}/footer`, target: 'footer1.xml' },
    { id: 'rId6', type: `${NS_R}/footer`, target: 'footer2.xml' },
    ...charts.map((_c, i) => ({ id: `rIdC${i + 1}`, type: `${NS_R}/chart`, target: `charts/chart${i + 1}.xml` })),
  ];
  const m = d.page.margins;
  const sect =
    '<w:sectPr>' +
    '<w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="first" r:id="rId4"/>' +
    '<w:footerReference w:type="default" r:id="rId5"/><w:footerReference w:type="first" r:id="rId6"/>' +
    `<w:pgSz w:w="${d.page.width}" w:h="${d.page.height}"${d.page.width > d.page.height ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="${m.header}" w:footer="${m.footer}" w:gutter="0"/>` +
    '<w:cols w:space="720"/><w:titlePg/></w:sectPr>';
  const body = bodyXml(
    d.body,
    (i) => `rIdC${i + 1}`,
    (rel, i, chart) => chartParagraphXml(chart, rel, i + 1),
  );
  const document = XML_HEAD + `<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}" xmlns:wp="${NS_WP}"><w:body>${body}${sect}</w:body></w:document>`;

  const files: Zippable = {};
  const add = (name: string, text: string): void => {
    files[name] = strToU8(text);
  };
  const overrides: Array<[string, string]> = [
    ['/word/document.xml', `${CT}.wordprocessingml.document.main+xml`],
    ['/word/styles.xml', `${CT}.wordprocessingml.styles+xml`],
    ['/word/settings.xml', `${CT}.wordprocessingml.settings+xml`],
    ['/word/header1.xml', `${CT}.wordprocessingml.header+xml`],
    ['/word/header2.xml', `${CT}.wordprocessingml.header+xml`],
    ['/word/footer1.xml', `${CT}.wordprocessingml.footer+xml`],
    ['/word/footer2.xml', `${CT}.wordprocessingml.footer+xml`],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', `${CT}.extended-properties+xml`],
    ...charts.map((_c, i): [string, string] => [`/word/charts/chart${i + 1}.xml`, `${CT}.drawingml.chart+xml`]),
  ];
  const embeds = charts.some((c) => c.workbook);
  // The package's map first, as Word writes it.
  add(
    '[Content_Types].xml',
    XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      (embeds ? `<Default Extension="xlsx" ContentType="${CT}.spreadsheetml.sheet"/>` : '') +
      overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
      '</Types>',
  );
  add(
    '_rels/.rels',
    relsXml([
      { id: 'rId1', type: `${NS_R}/officeDocument`, target: 'word/document.xml' },
      { id: 'rId2', type: `${NS_PKG_REL}/metadata/core-properties`, target: 'docProps/core.xml' },
      { id: 'rId3', type: `${NS_R}/extended-properties`, target: 'docProps/app.xml' },
    ]),
  );
  add('word/document.xml', document);
  add('word/_rels/document.xml.rels', relsXml(docRels));
  add('word/styles.xml', stylesXml(d));
  add('word/settings.xml', SETTINGS);
  add('word/header1.xml', hdrFtr('hdr', d.header ?? []));
  add('word/header2.xml', hdrFtr('hdr', []));
  add('word/footer1.xml', hdrFtr('ftr', d.footer ?? []));
  add('word/footer2.xml', hdrFtr('ftr', d.footer ?? []));
  charts.forEach((c, i) => {
    add(`word/charts/chart${i + 1}.xml`, chartPartXml(c, c.workbook ? 'rId1' : null));
    if (c.workbook) {
      const name = `Microsoft_Excel_Worksheet${i + 1}.xlsx`;
      add(`word/charts/_rels/chart${i + 1}.xml.rels`, relsXml([{ id: 'rId1', type: `${NS_R}/package`, target: `../embeddings/${name}` }]));
      files[`word/embeddings/${name}`] = [c.workbook, { level: 0 }];
    }
  });
  add('docProps/core.xml', coreXml(d));
  add('docProps/app.xml', APP);
  return zipSync(files, { level: 6, mtime: d.created });
}

import { strToU8, zipSync, type Zippable } from 'fflate';

/** Namespaces Word declares on w:document, so test bodies can use the usual prefixes. */
const NAMESPACES = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  'mc:Ignorable="w14 wps"',
].join(' ');

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

export function documentXml(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NAMESPACES}><w:body>${bodyXml}</w:body></w:document>`;
}

/** A minimal .docx: [Content_Types].xml, _rels/.rels and word/document.xml holding `bodyXml`. */
export function makeDocx(bodyXml: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(documentXml(bodyXml)),
  };
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files, { level: 1 });
}

// ---- WordprocessingML builders -------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A run; `bold` adds <w:b/>. */
export function r(text: string, bold = false): string {
  return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

/** A paragraph of one run (or of the given inner XML when `raw`). */
export function p(text: string, opts: { bold?: boolean; raw?: boolean } = {}): string {
  return `<w:p>${opts.raw ? text : text === '' ? '' : r(text, opts.bold)}</w:p>`;
}

export interface CellOpts {
  span?: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
}

/** A cell; `content` is plain text (one paragraph per "\n") or raw XML starting with "<". */
export function tc(content: string, opts: CellOpts = {}): string {
  const pr: string[] = [];
  if (opts.span) pr.push(`<w:gridSpan w:val="${opts.span}"/>`);
  if (opts.vMerge) pr.push(opts.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>');
  if (opts.hMerge) pr.push(opts.hMerge === 'restart' ? '<w:hMerge w:val="restart"/>' : '<w:hMerge/>');
  const body = content.startsWith('<') ? content : content.split('\n').map((t) => p(t)).join('');
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${pr.join('')}</w:tcPr>${body || '<w:p/>'}</w:tc>`;
}

export interface RowOpts {
  header?: boolean;
  gridBefore?: number;
  gridAfter?: number;
}

export function tr(cells: string[], opts: RowOpts = {}): string {
  const pr: string[] = [];
  if (opts.gridBefore) pr.push(`<w:gridBefore w:val="${opts.gridBefore}"/>`);
  if (opts.gridAfter) pr.push(`<w:gridAfter w:val="${opts.gridAfter}"/>`);
  if (opts.header) pr.push('<w:tblHeader/>');
  return `<w:tr>${pr.length ? `<w:trPr>${pr.join('')}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
}

/** A table with a grid of `cols` columns. */
export function tbl(cols: number, rows: string[]): string {
  const grid = Array.from({ length: cols }, () => '<w:gridCol w:w="1000"/>').join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows.join('')}</w:tbl>`;
}

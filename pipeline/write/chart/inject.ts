import { escapeAttr } from '../xlsx/xml.js';
import { drawingXml, type Anchor } from './drawing-xml.js';
import { openZip, type ZipPatch } from './zip-patch.js';

/**
 * Charts put into a finished .xlsx package, whoever wrote it (our
 * SpreadsheetML writer or exceljs). In: the package's bytes, a sheet name and
 * the charts (each a chart part's XML and where it goes). Out: the package
 * with xl/charts/chartN.xml, a new xl/drawings/drawingN.xml and its rels, the
 * sheet's relationship to it, the sheet's <drawing r:id> in its schema place,
 * and the content types. Every other part is copied untouched.
 *
 * The package comes back unchanged when the sheet is not there, already has
 * a drawing (its anchors are someone else's), or the zip is not one this can
 * patch: a chart is never worth a failed write.
 */
export interface SheetChart {
  xml: string;
  /** Shown in Excel's selection pane. */
  name: string;
  /** Alternative text. */
  description: string;
  anchor: Anchor;
}

const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

/**
 * What may follow <drawing> in a worksheet (CT_Worksheet's sequence): the
 * drawing goes before the first of these, or last.
 */
const AFTER_DRAWING = new Set([
  'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
]);

export function addSheetCharts(bytes: Uint8Array, sheetName: string, charts: readonly SheetChart[]): Uint8Array {
  if (charts.length === 0) return bytes;
  const zip = openZip(bytes);
  if (!zip) return bytes;
  const sheetPart = findSheetPart(zip, sheetName);
  if (!sheetPart) return bytes;
  const sheetXml = zip.text(sheetPart)!;
  const top = topLevelElements(sheetXml);
  if (!top || top.children.some((e) => e.local === 'drawing')) return bytes;

  const drawingN = nextNumber(zip, 'xl/drawings/drawing');
  const drawingPart = `xl/drawings/drawing${drawingN}.xml`;
  const firstChart = nextNumber(zip, 'xl/charts/chart');
  const chartParts = charts.map((_c, i) => `xl/charts/chart${firstChart + i}.xml`);

  const changes = new Map<string, string>();
  chartParts.forEach((p, i) => changes.set(p, charts[i]!.xml));
  changes.set(
    drawingPart,
    drawingXml(charts.map((c, i) => ({ relId: `rId${i + 1}`, name: c.name, description: c.description, anchor: c.anchor }))),
  );
  changes.set(
    relsPath(drawingPart),
    relationships(chartParts.map((p, i) => ({ id: `rId${i + 1}`, type: `${NS_REL}/chart`, target: `../charts/${basename(p)}` }))),
  );

  // The sheet's relationships: its own (a table, hyperlinks…) kept, the drawing's added under a free id.
  const sheetRels = relsPath(sheetPart);
  const existing = zip.text(sheetRels);
  const ids = new Set([...(existing ?? '').matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]!));
  let k = 1;
  while (ids.has(`rId${k}`)) k++;
  const drawingRel = `rId${k}`;
  const rel = { id: drawingRel, type: `${NS_REL}/drawing`, target: relativeTarget(sheetPart, drawingPart) };
  changes.set(sheetRels, existing === null ? relationships([rel]) : addRelationship(existing, rel));

  // <drawing r:id>, in the main namespace's prefix of this sheet, before what must follow it.
  const p = top.prefix;
  const rDeclared = new RegExp(`xmlns:r="${NS_REL.replace(/[.]/g, '\\.')}"`).test(top.rootTag);
  const drawing = `<${p}drawing${rDeclared ? '' : ` xmlns:r="${NS_REL}"`} r:id="${drawingRel}"/>`;
  const at = top.children.find((e) => AFTER_DRAWING.has(e.local))?.start ?? top.end;
  changes.set(sheetPart, sheetXml.slice(0, at) + drawing + sheetXml.slice(at));

  const types = zip.text('[Content_Types].xml');
  if (types === null || !types.includes('</Types>')) return bytes;
  const overrides =
    `<Override PartName="/${drawingPart}" ContentType="${CT_DRAWING}"/>` +
    chartParts.map((c) => `<Override PartName="/${c}" ContentType="${CT_CHART}"/>`).join('');
  changes.set('[Content_Types].xml', types.replace('</Types>', `${overrides}</Types>`));
  return zip.rebuild(changes);
}

/** The worksheet part a sheet name points at, through the workbook and its relationships. */
function findSheetPart(zip: ZipPatch, name: string): string | null {
  const root = zip.text('_rels/.rels');
  const officeDoc = root ? relationshipsOf(root).find((r) => r.type.endsWith('/officeDocument'))?.target : undefined;
  const workbookPart = officeDoc ? resolve('', officeDoc) : 'xl/workbook.xml';
  const workbook = zip.text(workbookPart);
  const rels = zip.text(relsPath(workbookPart));
  if (!workbook || !rels) return null;
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\s([^>]*?)\/?>/g)) {
    const attrs = attributes(m[1]!);
    if (attrs.get('name') !== name) continue;
    const id = [...attrs].find(([k]) => /^\w+:id$/.test(k))?.[1];
    const target = relationshipsOf(rels).find((r) => r.id === id)?.target;
    if (!target) return null;
    const part = resolve(workbookPart, target);
    return zip.has(part) ? part : null;
  }
  return null;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationshipsOf(xml: string): Relationship[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\s([^>]*?)\/?>/g)].map((m) => {
    const a = attributes(m[1]!);
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '' };
  });
}

function relationships(rels: readonly Relationship[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.map(relationshipXml).join('') +
    '</Relationships>'
  );
}

function relationshipXml(r: Relationship): string {
  return `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`;
}

function addRelationship(xml: string, r: Relationship): string {
  const close = xml.lastIndexOf('</');
  const prefix = /<\/(\w+:)?Relationships\s*>\s*$/.exec(xml)?.[1] ?? '';
  const element = prefix
    ? `<${prefix}Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`
    : relationshipXml(r);
  // A rels part written as one empty element (<Relationships …/>) is opened up.
  if (/<(\w+:)?Relationships\b[^>]*\/>\s*$/.test(xml)) {
    return xml.replace(/<((?:\w+:)?Relationships)\b([^>]*?)\/>\s*$/, (_m, tag: string, a: string) => `<${tag}${a}>${element}</${tag}>`);
  }
  return xml.slice(0, close) + element + xml.slice(close);
}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}

/** "xl/worksheets/sheet3.xml" → "xl/worksheets/_rels/sheet3.xml.rels" */
function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function basename(part: string): string {
  return part.slice(part.lastIndexOf('/') + 1);
}

/** A relationship target, relative to its source part (or absolute, "/xl/…"), as a part name. */
function resolve(source: string, target: string): string {
  const parts = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** `to` as a target relative to `from`'s folder: xl/worksheets/sheet3.xml → ../drawings/drawing1.xml */
function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array<string>(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

/** The first free N of `<stem>N.xml` (case-insensitive, as part names compare). */
function nextNumber(zip: ZipPatch, stem: string): number {
  const taken = new Set<number>();
  const s = stem.toLowerCase();
  for (const n of zip.names) {
    const l = n.toLowerCase();
    if (!l.startsWith(s) || !l.endsWith('.xml')) continue;
    const x = Number(l.slice(s.length, -4));
    if (Number.isInteger(x)) taken.add(x);
  }
  let n = 1;
  while (taken.has(n)) n++;
  return n;
}

interface TopLevel {
  /** The root's namespace prefix with its colon ("x:"), or "". */
  prefix: string;
  rootTag: string;
  /** Child elements of the root: local name and where their start tag begins. */
  children: Array<{ local: string; start: number }>;
  /** Where the root's end tag begins. */
  end: number;
}

/**
 * The root element's children, by a scan of tags (quoted attribute values
 * skipped, comments, processing instructions and CDATA passed over): what it
 * takes to put an element in its place without parsing a whole sheet.
 */
function topLevelElements(xml: string): TopLevel | null {
  let depth = 0;
  let i = 0;
  let root: { prefix: string; tag: string } | null = null;
  const children: TopLevel['children'] = [];
  while ((i = xml.indexOf('<', i)) >= 0) {
    const skip = xml.startsWith('<!--', i) ? '-->' : xml.startsWith('<![CDATA[', i) ? ']]>' : xml[i + 1] === '?' || xml[i + 1] === '!' ? '>' : null;
    if (skip !== null) {
      const to = xml.indexOf(skip, i);
      if (to < 0) return null;
      i = to + skip.length;
    } else {
      const start = i;
      const closing = xml[i + 1] === '/';
      // The end of the tag, past quoted attribute values (which may hold ">").
      let j = i + 1;
      let quote: string | null = null;
      for (; j < xml.length; j++) {
        const ch = xml[j]!;
        if (quote) {
          if (ch === quote) quote = null;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (j >= xml.length) return null;
      const selfClosing = xml[j - 1] === '/';
      const name = /^<\/?([\w:.-]+)/.exec(xml.slice(start, Math.min(j + 1, start + 200)))?.[1] ?? '';
      if (closing) {
        depth--;
        if (depth === 0 && root) return { prefix: root.prefix, rootTag: root.tag, children, end: start };
      } else {
        if (depth === 0) {
          const colon = name.indexOf(':');
          root = { prefix: colon >= 0 ? name.slice(0, colon + 1) : '', tag: xml.slice(start, j + 1) };
        } else if (depth === 1) {
          children.push({ local: name.slice(name.indexOf(':') + 1), start });
        }
        if (!selfClosing) depth++;
      }
      i = j + 1;
    }
  }
  return null;
}

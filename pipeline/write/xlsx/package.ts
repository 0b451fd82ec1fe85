import type { Sheet, Workbook } from './model.js';
import { SharedStrings, tableXml, worksheetXml } from './sheet.js';
import { Styles } from './styles.js';
import { THEME } from './theme.js';
import { escapeAttr, escapeText } from './xml.js';
import { ZipWriter, type ZipOptions } from './zip.js';

/**
 * A Workbook model as .xlsx bytes, written directly as SpreadsheetML (no
 * per-cell object model): sheets are generated row by row in chunks, each
 * chunk encoded and deflated before the next is built, so memory holds the
 * compressed file, the shared strings and one chunk.
 */
export interface XlsxOptions extends ZipOptions {
  /** Bytes of XML per chunk handed to the compressor (default 128 KiB). */
  chunk?: number;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

export async function writeXlsx(wb: Workbook, options: XlsxOptions = {}): Promise<Uint8Array> {
  if (wb.sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const names = new Set<string>();
  for (const s of wb.sheets) {
    // Excel's rules: 1–31 characters, none of \ / ? * [ ] :, no apostrophe first or last.
    if (s.name.length === 0 || s.name.length > 31 || /[\\/?*[\]:]|^'|'$/.test(s.name)) throw new Error(`invalid sheet name "${s.name}"`);
    const key = s.name.toLowerCase();
    if (names.has(key)) throw new Error(`duplicate sheet name "${s.name}"`);
    names.add(key);
  }
  const created = wb.created ?? new Date();
  const zip = new ZipWriter({ ...options, date: created });
  const chunk = options.chunk ?? 128 * 1024;
  const styles = new Styles();
  const strings = new SharedStrings();

  // Tables are numbered across the workbook.
  let tableCount = 0;
  const tableIds = wb.sheets.map((s) => (s.table ? ++tableCount : 0));

  // The package's map first, as Excel writes it (some tools sniff the first entry), then the sheets.
  await zip.add('[Content_Types].xml', contentTypes(wb.sheets.length, tableCount));
  await zip.add(
    '_rels/.rels',
    relationships([
      { id: 'rId1', type: `${NS_REL}/officeDocument`, target: 'xl/workbook.xml' },
      { id: 'rId2', type: `${NS_PKG_REL}/metadata/core-properties`, target: 'docProps/core.xml' },
      { id: 'rId3', type: `${NS_REL}/extended-properties`, target: 'docProps/app.xml' },
    ]),
  );
  await zip.add('xl/workbook.xml', workbookXml(wb));

  // All sheets at once, chunk by chunk in turn, so the big ones are compressed side by side.
  await zip.addAll(
    wb.sheets.map((sheet, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      content: worksheetXml(sheet, { styles, strings, chunk, tableRelId: tableIds[i] ? 'rId1' : undefined }),
    })),
  );
  for (let i = 0; i < wb.sheets.length; i++) {
    const table = wb.sheets[i]!.table;
    const tableId = tableIds[i]!;
    if (!table) continue;
    await zip.add(`xl/tables/table${tableId}.xml`, tableXml(table, tableId));
    await zip.add(
      `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
      relationships([{ id: 'rId1', type: `${NS_REL}/table`, target: `../tables/table${tableId}.xml` }]),
    );
  }
  // Known only once every sheet is written.
  await zip.add('xl/sharedStrings.xml', strings.xml(chunk));
  await zip.add('xl/styles.xml', styles.xml());
  await zip.add('xl/theme/theme1.xml', THEME);
  const n = wb.sheets.length;
  await zip.add(
    'xl/_rels/workbook.xml.rels',
    relationships([
      ...wb.sheets.map((_s, i) => ({ id: `rId${i + 1}`, type: `${NS_REL}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
      { id: `rId${n + 1}`, type: `${NS_REL}/styles`, target: 'styles.xml' },
      { id: `rId${n + 2}`, type: `${NS_REL}/sharedStrings`, target: 'sharedStrings.xml' },
      { id: `rId${n + 3}`, type: `${NS_REL}/theme`, target: 'theme/theme1.xml' },
    ]),
  );
  await zip.add('docProps/core.xml', coreXml(wb.creator, created));
  await zip.add('docProps/app.xml', appXml(wb));
  return zip.finish();
}

function relationships(rels: Array<{ id: string; type: string; target: string }>): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeAttr(r.target)}"/>`).join('') +
    '</Relationships>'
  );
}

function workbookXml(wb: Workbook): string {
  const sheets = wb.sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names = [
    ...wb.definedNames.map((d) => `<definedName name="${escapeAttr(d.name)}">${escapeText(d.ref)}</definedName>`),
    ...wb.sheets.flatMap((s, i) => printNames(s, i)),
  ];
  return (
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<workbookPr defaultThemeVersion="164011"/>' +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
    `<sheets>${sheets}</sheets>` +
    (names.length > 0 ? `<definedNames>${names.join('')}</definedNames>` : '') +
    `<calcPr calcId="171027"${wb.fullCalcOnLoad ? ' fullCalcOnLoad="1"' : ''}/>` +
    '</workbook>'
  );
}

/**
 * A sheet's print area and print titles, as the sheet-local defined names
 * Excel and LibreOffice read them (titles: columns first, then rows, comma-separated).
 */
function printNames(s: Sheet, i: number): string[] {
  const p = s.page;
  if (!p) return [];
  const name = (n: string, ref: string): string => `<definedName name="${n}" localSheetId="${i}">${escapeText(ref)}</definedName>`;
  const out: string[] = [];
  if (p.printArea) out.push(name('_xlnm.Print_Area', absoluteRange(s.name, p.printArea)));
  const titles = [p.printTitleColumns, p.printTitleRows].filter((t): t is string => !!t).map((t) => absoluteRange(s.name, t));
  if (titles.length > 0) out.push(name('_xlnm.Print_Titles', titles.join(',')));
  return out;
}

/** "A:B" → 'Sheet'!$A:$B; "1:1" → 'Sheet'!$1:$1; "A1:O20" → 'Sheet'!$A$1:$O$20. */
function absoluteRange(sheet: string, range: string): string {
  const [from, to] = range.split(':');
  const abs = (ref: string): string => ref.replace(/^([A-Z]*)(\d*)$/, (_m, c: string, r: string) => (c ? `$${c}` : '') + (r ? `$${r}` : ''));
  return `${sheetRef(sheet)}!${abs(from!)}:${abs(to ?? from!)}`;
}

function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function contentTypes(sheets: number, tables: number): string {
  const o = (part: string, type: string): string => `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o('/xl/workbook.xml', `${CT}.spreadsheetml.sheet.main+xml`) +
    Array.from({ length: sheets }, (_x, i) => o(`/xl/worksheets/sheet${i + 1}.xml`, `${CT}.spreadsheetml.worksheet+xml`)).join('') +
    Array.from({ length: tables }, (_x, i) => o(`/xl/tables/table${i + 1}.xml`, `${CT}.spreadsheetml.table+xml`)).join('') +
    o('/xl/theme/theme1.xml', `${CT}.theme+xml`) +
    o('/xl/styles.xml', `${CT}.spreadsheetml.styles+xml`) +
    o('/xl/sharedStrings.xml', `${CT}.spreadsheetml.sharedStrings+xml`) +
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    o('/docProps/app.xml', `${CT}.extended-properties+xml`) +
    '</Types>'
  );
}

function coreXml(creator: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeText(creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${escapeText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function appXml(wb: Workbook): string {
  const n = wb.sheets.length;
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    // As exceljs wrote it, so readers that look at the producer treat the file as before.
    '<Application>Microsoft Excel</Application>' +
    '<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${wb.sheets.map((s) => `<vt:lpstr>${escapeText(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>' +
    '</Properties>'
  );
}

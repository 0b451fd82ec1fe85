import { strFromU8, strToU8, zipSync, type Unzipped } from 'fflate';
import { PlanError } from '../model/errors.js';
import { zipEntries, zipEntryData, type ZipEntry } from './zip-read.js';

/**
 * An .xlsx package as any tool saved it → the same package as exceljs can
 * read it, within limits. In: the file's bytes. Out: the parts, zipped again
 * without compression (so exceljs reads exactly the bytes counted here), or
 * a PlanError. Pure: no Node imports.
 *
 * exceljs reads parts by fixed names and relationships by exact target
 * strings, and expands some ranges cell by cell. What other tools save, and
 * what this does about it:
 * - absolute targets (openpyxl: Target="/xl/tables/table1.xml", exceljs
 *   #1468) and parts under other names (openpyxl's xl/comments/comment1.xml):
 *   parts are renamed to the names exceljs looks for and every target is
 *   rewritten relative to its source part; a relationship to a part that is
 *   not there is dropped (with the sheet element that points at it);
 * - no styles part (hand-made and some export tools): a minimal one is added,
 *   as exceljs dereferences it for table formats;
 * - date1904="true" (xsd:boolean, exceljs only knows "1") → "1";
 * - date cells written as ISO text (t="d": SheetJS, openpyxl's iso_dates),
 *   which exceljs reads as a number → the serial number Excel stores;
 * - comments stored as plain text (<text><t>…</t></text>, which exceljs
 *   drops) → one rich-text run;
 * - a table (ListObject) without <tableStyleInfo>: one without a style name
 *   is added, as exceljs cannot write the table back without it;
 * - limits: the unzipped size and the number of parts are checked from the
 *   zip's directory before anything is inflated (and inflating stops at the
 *   declared size, so a directory that lies gains nothing); merged ranges
 *   and data validations that exceljs would expand cell by cell are clamped
 *   to the sheet's data or dropped.
 */

export interface XlsxLimits {
  /** Most bytes all parts may take once unzipped. */
  maxUnzippedBytes: number;
  /** Most parts a package may have. */
  maxEntries: number;
  /** A merged range over more cells than this is clamped to the sheet's data, or dropped. */
  maxMergeCells: number;
  /** Most merged cells on one sheet, all ranges together. */
  maxMergedPerSheet: number;
  /** Data validation over more cells than this is dropped (exceljs #1842, #2929). */
  maxValidationCells: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxMergeCells: 100_000,
  maxMergedPerSheet: 1_000_000,
  maxValidationCells: 100_000,
};

const EXCEL_ROWS = 1_048_576;
const EXCEL_COLS = 16_384;

export function corruptWorkbook(file: string, cause?: unknown): PlanError {
  const err = new PlanError(
    'sheet.corrupt',
    `Tệp ${file} bị hỏng hoặc không phải bảng tính Excel (.xlsx)`,
    `File ${file} is damaged or not an Excel workbook (.xlsx)`,
  );
  if (cause !== undefined) (err as Error & { cause?: unknown }).cause = cause;
  return err;
}

function tooLarge(file: string, vi: string, en: string): PlanError {
  return new PlanError(
    'sheet.too_large',
    `Tệp ${file} quá lớn: ${vi}; hãy mở bằng Excel, xoá các dòng, cột trống thừa rồi lưu lại`,
    `File ${file} is too large: ${en}; open it in Excel, delete the unused blank rows and columns and save it again`,
  );
}

/** The package exceljs can read (see the module comment). Throws 'sheet.corrupt' or 'sheet.too_large'. */
export function preparePackage(file: string, bytes: Uint8Array, limits: Partial<XlsxLimits> = {}): Uint8Array {
  const lim: XlsxLimits = { ...XLSX_LIMITS, ...limits };
  const parts = unzipWithin(file, bytes, lim);
  const pkg = new Package(parts);
  // The main part must be a workbook: a Word document renamed .xlsx is a zip with a main part too.
  if (!/<(?:[\w.-]+:)?workbook\b/.test(pkg.text(pkg.workbook) ?? '')) throw corruptWorkbook(file);
  pkg.canonicalNames();
  pkg.relativeTargets();
  pkg.ensureStyles();
  pkg.editXml(pkg.workbook, fixDate1904);
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*?\bdate1904\s*=\s*["']1["']/.test(pkg.text(pkg.workbook) ?? '');
  for (const name of pkg.names()) {
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) pkg.editXml(name, (xml) => isoDateCells(boundSheet(xml, lim), date1904));
    else if (/^xl\/comments\d+\.xml$/.test(name)) pkg.editXml(name, commentsAsRuns);
    else if (/^xl\/tables\/table\d+\.xml$/.test(name)) pkg.editXml(name, withTableStyle);
  }
  return zipSync(pkg.parts, { level: 0 });
}

/** Every part, after the zip's directory says they fit the limits. */
function unzipWithin(file: string, bytes: Uint8Array, lim: XlsxLimits): Unzipped {
  let entries: ZipEntry[];
  try {
    // The directory first: each part's declared size, nothing inflated yet.
    entries = zipEntries(bytes);
  } catch (e) {
    throw corruptWorkbook(file, e);
  }
  const count = entries.length;
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (count > lim.maxEntries) {
    throw tooLarge(file, `có ${count} phần (tối đa ${lim.maxEntries})`, `it has ${count} parts (at most ${lim.maxEntries})`);
  }
  if (total > lim.maxUnzippedBytes) {
    const mb = (n: number) => Math.ceil(n / (1024 * 1024));
    throw tooLarge(
      file,
      `giải nén ra ${mb(total)} MB (tối đa ${mb(lim.maxUnzippedBytes)} MB)`,
      `it unzips to ${mb(total)} MB (at most ${mb(lim.maxUnzippedBytes)} MB)`,
    );
  }
  // exceljs strips a leading "/" from part names too; folders are not parts. Each part is inflated into a
  // buffer of its declared size (a part that holds more is cut there); a repeated name keeps its last entry.
  const parts: Unzipped = {};
  try {
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      parts[entry.name.replace(/^\/+/, '')] = zipEntryData(bytes, entry) as Uint8Array<ArrayBuffer>;
    }
  } catch (e) {
    throw corruptWorkbook(file, e);
  }
  return parts;
}

// ---- part names and relationships ---------------------------------------------

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Where exceljs looks for each kind of part (xlsx/xlsx.js, `load`) and the
 * name given to one found elsewhere. A part of another kind keeps its name.
 */
const CANONICAL: Record<string, { fits: RegExp; name: (n: number) => string }> = {
  officeDocument: { fits: /^xl\/workbook\.xml$/, name: () => 'xl/workbook.xml' },
  worksheet: { fits: /^xl\/worksheets\/sheet\d+\.xml$/, name: (n) => `xl/worksheets/sheet${n}.xml` },
  sharedStrings: { fits: /^xl\/sharedStrings\.xml$/, name: () => 'xl/sharedStrings.xml' },
  styles: { fits: /^xl\/styles\.xml$/, name: () => 'xl/styles.xml' },
  theme: { fits: /^xl\/theme\/[a-zA-Z0-9]+\.xml$/, name: (n) => `xl/theme/theme${n}.xml` },
  comments: { fits: /^xl\/comments\d+\.xml$/, name: (n) => `xl/comments${n}.xml` },
  table: { fits: /^xl\/tables\/table\d+\.xml$/, name: (n) => `xl/tables/table${n}.xml` },
  vmlDrawing: { fits: /^xl\/drawings\/vmlDrawing\d+\.vml$/, name: (n) => `xl/drawings/vmlDrawing${n}.vml` },
  drawing: { fits: /^xl\/drawings\/[a-zA-Z0-9]+\.xml$/, name: (n) => `xl/drawings/drawing${n}.xml` },
};

/** Kinds whose target exceljs looks up without checking it is there. */
const DEREFERENCED = new Set(['comments', 'vmlDrawing', 'table', 'drawing']);

interface Rel {
  id: string;
  /** Last segment of the type URI ("worksheet", "comments" …). */
  kind: string;
  target: string;
  external: boolean;
}

class Package {
  /** The main part's name (xl/workbook.xml once canonicalNames has run). */
  workbook: string;
  /** Each part canonicalNames moved: new name → old name, and old → new. */
  private oldNames = new Map<string, string>();
  private renamed = new Map<string, string>();

  constructor(readonly parts: Unzipped) {
    const main = this.rels('').find((r) => r.kind === 'officeDocument' && !r.external);
    this.workbook = main ? resolvePart('', main.target) : 'xl/workbook.xml';
    if (!this.has(this.workbook) && this.has('xl/workbook.xml')) this.workbook = 'xl/workbook.xml';
  }

  names(): string[] {
    return Object.keys(this.parts);
  }

  has(name: string): boolean {
    return this.parts[name] !== undefined;
  }

  text(name: string): string | null {
    const data = this.parts[name];
    return data ? strFromU8(data) : null;
  }

  editXml(name: string, edit: (xml: string) => string): void {
    const xml = this.text(name);
    if (xml === null) return;
    const out = edit(xml);
    if (out !== xml) this.parts[name] = strToU8(out);
  }

  /** Relationships of a part ('' for the package's own). */
  rels(source: string): Rel[] {
    const xml = this.text(relsName(source));
    return xml === null ? [] : parseRels(xml);
  }

  /**
   * Parts exceljs would not find under their name move to one it looks for,
   * with their own relationships part. Walks from the package's relationships
   * down (workbook → sheets → their tables, comments, drawings).
   */
  canonicalNames(): void {
    const renames = new Map<string, string>();
    const taken = new Set(this.names());
    const seen = new Set<string>();
    const visit = (source: string, depth: number): void => {
      if (seen.has(source) || depth > 4) return;
      seen.add(source);
      for (const rel of this.rels(source)) {
        if (rel.external) continue;
        const target = resolvePart(source, rel.target);
        if (!this.has(target)) continue;
        const canon = CANONICAL[rel.kind];
        if (canon && !canon.fits.test(target) && !renames.has(target)) {
          let n = 1;
          while (taken.has(canon.name(n)) && canon.name(n) !== canon.name(n + 1)) n++;
          const name = canon.name(n);
          // A kind with one name only (the workbook, styles): a part already there under it keeps it.
          if (!taken.has(name)) {
            renames.set(target, name);
            taken.add(name);
          }
        }
        visit(target, depth + 1);
      }
    };
    visit('', 0);
    if (renames.size === 0) return;
    // Targets are rewritten against the new names in relativeTargets: keep the old ones to resolve them.
    this.oldNames = new Map([...renames].map(([from, to]) => [to, from]));
    this.renamed = renames;
    const moved: Unzipped = {};
    for (const [name, data] of Object.entries(this.parts)) {
      const rels = name.match(/^(.*?)_rels\/([^/]+)\.rels$/);
      const source = rels ? `${rels[1]}${rels[2]}` : null;
      if (source !== null && renames.has(source)) moved[relsName(renames.get(source)!)] = data;
      else moved[renames.get(name) ?? name] = data;
    }
    for (const k of Object.keys(this.parts)) delete this.parts[k];
    Object.assign(this.parts, moved);
    this.workbook = renames.get(this.workbook) ?? this.workbook;
  }

  /**
   * Every internal target written relative to its source part, as exceljs
   * matches them by string ("../tables/table1.xml"); a relationship to a
   * part that is not there is dropped when exceljs would look it up.
   */
  relativeTargets(): void {
    for (const name of this.names()) {
      const m = name.match(/^(.*?)_rels\/([^/]*)\.rels$/);
      if (!m) continue;
      const source = `${m[1]}${m[2]}`;
      const oldSource = this.oldNames.get(source) ?? source;
      const dropped: string[] = [];
      this.editXml(name, (xml) =>
        xml.replace(REL_RE, (whole) => {
          const rel = parseRel(whole);
          if (!rel || rel.external) return whole;
          const oldTarget = resolvePart(oldSource, rel.target);
          const target = this.renamed.get(oldTarget) ?? oldTarget;
          if (!this.has(target) && DEREFERENCED.has(rel.kind)) {
            dropped.push(rel.id);
            return '';
          }
          const relative = relativePath(source, target);
          return relative === rel.target ? whole : setAttr(whole, 'Target', relative);
        }),
      );
      if (dropped.length) this.editXml(source, (xml) => withoutRefs(xml, dropped));
    }
  }

  /** exceljs reads table formats through the styles part: a package without one gets the smallest. */
  ensureStyles(): void {
    if (this.has('xl/styles.xml')) return;
    this.parts['xl/styles.xml'] = strToU8(MINIMAL_STYLES);
    const wbRels = relsName(this.workbook);
    const rel = `<Relationship Id="rIdPhulucStyles" Type="${REL_NS}/styles" Target="${relativePath(this.workbook, 'xl/styles.xml')}"/>`;
    const xml = this.text(wbRels);
    if (xml !== null) this.parts[wbRels] = strToU8(xml.replace(/<\/(?:[\w.-]+:)?Relationships>\s*$/, (end) => rel + end));
    this.editXml('[Content_Types].xml', (ct) =>
      ct.includes('/xl/styles.xml')
        ? ct
        : ct.replace(
            /<\/Types>\s*$/,
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
          ),
    );
  }
}

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const REL_RE = /<(?:[\w.-]+:)?Relationship\b[^>]*?\/?>(?:\s*<\/(?:[\w.-]+:)?Relationship>)?/g;
const ATTR_RE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR_RE)) out[m[1]!] = xmlUnescape(m[2] ?? m[3] ?? '');
  return out;
}

function parseRel(xml: string): Rel | null {
  const open = xml.match(/^<[^>]*>/)?.[0] ?? xml;
  const a = attrsOf(open);
  if (a.Id === undefined || a.Target === undefined) return null;
  return {
    id: a.Id,
    kind: (a.Type ?? '').split('/').pop() ?? '',
    target: a.Target,
    external: (a.TargetMode ?? '').toLowerCase() === 'external',
  };
}

function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(REL_RE)].flatMap((m) => parseRel(m[0]) ?? []);
}

function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\b${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  return tag.replace(re, (_w, lead: string) => `${lead}"${xmlEscape(value)}"`);
}

/** A sheet's elements that point at dropped relationships (a table part, a drawing) go too. */
function withoutRefs(xml: string, ids: readonly string[]): string {
  let out = xml;
  for (const id of ids) {
    const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`<(?:[\\w.-]+:)?(?:tablePart|drawing|legacyDrawing|picture)\\b[^>]*?\\bid\\s*=\\s*["']${esc}["'][^>]*?\\/>`, 'g'), '');
  }
  // A <tableParts> left empty must say so.
  return out.replace(/<((?:[\w.-]+:)?)tableParts\b([^>]*)>([\s\S]*?)<\/\1tableParts>/g, (whole, p: string, attrs: string, inner: string) => {
    const n = inner.split(`<${p}tablePart`).length - 1;
    if (n === 0) return '';
    return /\bcount\s*=/.test(attrs) ? `<${p}tableParts${attrs.replace(/\bcount\s*=\s*"\d*"/, `count="${n}"`)}>${inner}</${p}tableParts>` : whole;
  });
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; '' → "_rels/.rels". */
function relsName(source: string): string {
  const slash = source.lastIndexOf('/');
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}

/** A target as a part name: relative to the source part's folder, or absolute from the package root. */
export function resolvePart(source: string, target: string): string {
  let t = target.trim();
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all: taken as written.
  }
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split(/[/\\]/)) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The target a source part gives for another part: "xl/worksheets/sheet1.xml" → "xl/tables/table1.xml" is "../tables/table1.xml". */
export function relativePath(source: string, target: string): string {
  const from = source.split('/').slice(0, -1);
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_w, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

// ---- part contents -------------------------------------------------------------

/** exceljs takes the 1904 date system only from date1904="1"; "true" means the same. */
export function fixDate1904(xml: string): string {
  return xml.replace(/(<(?:[\w.-]+:)?workbookPr\b[^>]*?\bdate1904\s*=\s*)(["'])true\2/, '$1"1"');
}

/**
 * Cells of type "d" hold an ISO 8601 date (SheetJS with cellDates, openpyxl
 * with iso_dates); exceljs reads their value as a number ("2026-03-20" →
 * 2026). They become the serial number Excel itself stores, in the
 * workbook's date system, so the cell's date format makes them a date again.
 */
export function isoDateCells(xml: string, date1904: boolean): string {
  if (!/\bt\s*=\s*["']d["']/.test(xml)) return xml;
  return xml.replace(
    /<((?:[\w.-]+:)?)c\b([^>]*?)\bt\s*=\s*["']d["']([^>]*?)(?<!\/)>([\s\S]*?)<\/\1c>/g,
    (whole, p: string, before: string, after: string, inner: string) => {
      const v = inner.match(new RegExp(`<${p}v>([^<]*)</${p}v>`));
      if (!v || inner.includes(`<${p}f`)) return whole;
      const serial = isoSerial(v[1]!.trim(), date1904);
      if (serial === null) return whole;
      return `<${p}c${before}${after.replace(/\s+$/, '')}>${inner.replace(v[0], `<${p}v>${serial}</${p}v>`)}</${p}c>`;
    },
  );
}

function isoSerial(iso: string, date1904: boolean): number | null {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z)?$/);
  if (m) {
    const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (Number.isNaN(ms)) return null;
    return Number((ms / 86_400_000 + 25_569 - (date1904 ? 1_462 : 0)).toFixed(10));
  }
  // A time alone ("12:30:00") is a fraction of a day.
  const t = iso.match(/^T?(\d{2}):(\d{2})(?::(\d{2}))?$/);
  return t ? Number(((+t[1]! * 3600 + +t[2]! * 60 + +(t[3] ?? 0)) / 86_400).toFixed(10)) : null;
}

/** Comments whose text is a bare <t> (no runs) as one run: exceljs keeps only runs. */
export function commentsAsRuns(xml: string): string {
  return xml.replace(
    /(<((?:[\w.-]+:)?)text\b[^>]*>)\s*(<\2t\b[^>]*>[\s\S]*?<\/\2t>|<\2t\b[^>]*\/>)\s*(<\/\2text>)/g,
    (_w, open: string, p: string, t: string, close: string) => `${open}<${p}r>${t}</${p}r>${close}`,
  );
}

/** A table without <tableStyleInfo> gets one with no style name (no look added), before any extLst. */
export function withTableStyle(xml: string): string {
  if (/<(?:[\w.-]+:)?tableStyleInfo\b/.test(xml)) return xml;
  const p = xml.match(/<([\w.-]+:)?table\b/)?.[1] ?? '';
  const info = `<${p}tableStyleInfo showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/>`;
  const ext = xml.search(new RegExp(`<${p}extLst\\b`));
  const end = xml.lastIndexOf(`</${p}table>`);
  const at = ext >= 0 && ext < end ? ext : end;
  return at < 0 ? xml : xml.slice(0, at) + info + xml.slice(at);
}

/** A sheet without the ranges exceljs would expand cell by cell past the limits. */
export function boundSheet(xml: string, lim: Pick<XlsxLimits, 'maxMergeCells' | 'maxMergedPerSheet' | 'maxValidationCells'>): string {
  let out = xml;
  if (out.includes('dataValidation')) out = stripHugeValidations(out, lim.maxValidationCells);
  if (out.includes('mergeCell')) out = boundMerges(out, lim);
  return out;
}

const MERGE_RE = /<((?:[\w.-]+:)?)mergeCell\b([^>]*?)(?:\/>|>\s*<\/\1mergeCell>)/g;
const MERGES_RE = /<((?:[\w.-]+:)?)mergeCells\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1mergeCells>)/g;

/**
 * exceljs makes a cell object for every cell of a merged range, so one
 * merge over a whole sheet is a billion cells. A range past the limit is cut
 * to the rows and columns that hold cells (what a reader sees of it);
 * still too large, or all past them, it is dropped, and so is every range
 * past the sheet's total.
 */
export function boundMerges(xml: string, lim: Pick<XlsxLimits, 'maxMergeCells' | 'maxMergedPerSheet'>): string {
  let extent: { rows: number; cols: number } | null = null;
  let total = 0;
  let changed = false;
  const kept = xml.replace(MERGE_RE, (whole, _p: string, attrs: string) => {
    const ref = attrs.match(/\bref\s*=\s*["']([^"']*)["']/)?.[1] ?? '';
    const box = boxOf(ref);
    if (!box) {
      changed = true;
      return '';
    }
    let cells = (box.r2 - box.r1 + 1) * (box.c2 - box.c1 + 1);
    let out = whole;
    if (cells > lim.maxMergeCells) {
      extent ??= dataExtent(xml);
      const r2 = Math.min(box.r2, extent.rows);
      const c2 = Math.min(box.c2, extent.cols);
      cells = Math.max(0, r2 - box.r1 + 1) * Math.max(0, c2 - box.c1 + 1);
      changed = true;
      if (cells <= 1 || cells > lim.maxMergeCells) return '';
      out = whole.replace(ref, `${colName(box.c1)}${box.r1}:${colName(c2)}${r2}`);
    }
    if (total + cells > lim.maxMergedPerSheet) {
      changed = true;
      return '';
    }
    total += cells;
    return out;
  });
  return changed ? recount(kept, MERGES_RE, 'mergeCell') : xml;
}

/**
 * After children were dropped: each container (<mergeCells>, <dataValidations>) gets the count of the children
 * it still holds, or goes when none is left.
 */
function recount(xml: string, containers: RegExp, child: string): string {
  return xml.replace(containers, (_whole, prefix: string, attrs: string, inner: string | undefined) => {
    const n = (inner ?? '').split(`<${prefix}${child}`).length - 1;
    if (n === 0) return '';
    const counted = /\bcount\s*=\s*"\d*"/.test(attrs) ? attrs.replace(/\bcount\s*=\s*"\d*"/, `count="${n}"`) : attrs;
    return `<${prefix}${child}s${counted}>${inner ?? ''}</${prefix}${child}s>`;
  });
}

/** Last row and column that hold a cell element (from their references; rows without one count by position). */
function dataExtent(xml: string): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  let position = 0;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?row\b([^>]*?)(\/?)>/g)) {
    position++;
    const r = m[1]!.match(/\br\s*=\s*["'](\d+)["']/)?.[1];
    position = r ? Number(r) : position;
    if (m[2] !== '/') rows = Math.max(rows, position);
  }
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?c\b[^>]*?\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d+["']/g)) {
    cols = Math.max(cols, colNumber(m[1]!));
  }
  return { rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
}

function boxOf(ref: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const [a, b = a] = ref.replace(/\$/g, '').trim().split(':') as [string, string?];
  const p = parseRef(a);
  const q = parseRef(b);
  if (!p || !q || p.col === null || q.col === null || p.row === null || q.row === null) return null;
  return {
    r1: Math.min(p.row, q.row),
    r2: Math.max(p.row, q.row),
    c1: Math.min(p.col, q.col),
    c2: Math.max(p.col, q.col),
  };
}

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function colNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

// ---- data validations (exceljs #1842, #2929) ------------------------------------

const VALIDATION_RE = /<((?:[\w.-]+:)?)dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1dataValidation>)/g;
const VALIDATIONS_RE = /<((?:[\w.-]+:)?)dataValidations\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1dataValidations>)/g;

/**
 * Sheet XML without the data validations that cover more than `max` cells:
 * exceljs expands each validation range cell by cell, so one over a whole
 * column (A:A, A1:A1048576) or the whole sheet makes it hang or run out of
 * memory. Validation does not matter for reading values.
 */
export function stripHugeValidations(xml: string, max = XLSX_LIMITS.maxValidationCells): string {
  let dropped = false;
  const kept = xml.replace(VALIDATION_RE, (whole, _prefix: string, attrs: string, inner: string | undefined) => {
    const sqref = attrs.match(/\bsqref\s*=\s*"([^"]*)"/)?.[1] ?? inner?.match(/<(?:[\w.-]+:)?sqref>([^<]*)</)?.[1] ?? '';
    if (cellsIn(sqref) <= max) return whole;
    dropped = true;
    return '';
  });
  return dropped ? recount(kept, VALIDATIONS_RE, 'dataValidation') : xml;
}

/** Number of cells a space-separated list of references covers ("A1", "A1:B2", "A:A", "3:5", "$A$1"). */
export function cellsIn(sqref: string): number {
  let total = 0;
  for (const ref of sqref.trim().split(/\s+/)) {
    if (!ref) continue;
    const [a, b = a] = ref.replace(/\$/g, '').split(':') as [string, string?];
    const p = parseRef(a);
    const q = parseRef(b);
    // Something we cannot read counts as huge: dropping a validation never loses a value.
    if (!p || !q) return Infinity;
    const cols = p.col === null || q.col === null ? EXCEL_COLS : Math.abs(q.col - p.col) + 1;
    const rows = p.row === null || q.row === null ? EXCEL_ROWS : Math.abs(q.row - p.row) + 1;
    total += cols * rows;
  }
  return total;
}

function parseRef(ref: string): { col: number | null; row: number | null } | null {
  const m = ref.match(/^([A-Za-z]{0,3})(\d{0,7})$/);
  if (!m || (!m[1] && !m[2])) return null;
  return { col: m[1] ? colNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

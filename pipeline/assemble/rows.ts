import type { TableRow } from '../model/doc.js';
import type { OriginKind } from '../model/task.js';
import { emptyRaw, type RawTask } from '../model/raw.js';
import type { Field } from '../find/headers.js';
import { isColumnNumberRow } from '../find/headers.js';
import { isRepeatedHeader, type TableRegion } from '../find/tables.js';
import { cleanTt, ttKind, splitNumbering, ttParts } from '../find/tt.js';

type FieldText = Partial<Record<Field, string>>;

interface RowView {
  row: TableRow;
  /** Mapped field → cell text. */
  fields: FieldText;
  /** Extra columns: header → text. */
  extra: Record<string, string>;
  /** Which fields come from a vertically merged cell. */
  merged: Set<Field>;
  /** Non-empty cells, in order. */
  filled: string[];
}

const AGENCY_OR_TIME = ['lead', 'support', 'deadline', 'product', 'approval'] as const;

/**
 * One logical table → raw tasks. Handles what breaks tables in real files:
 * the header repeated on later pages, a row split by a page break (its tail
 * comes as a row with no TT and no new task text), group rows ("I. …",
 * "1. Lĩnh vực …", a bold title across all columns, or a numeral cell plus a
 * title cell), and rows of a vertically merged TT/lead that inherit them.
 */
export function assembleTable(region: TableRegion, kind: OriginKind = 'table'): RawTask[] {
  const tasks: RawTask[] = [];
  const year = headerYear(region);
  let group: string | null = null;
  const views = region.body.map((row) => view(row, region));
  for (let i = 0; i < views.length; i++) {
    const v = views[i]!;
    if (v.filled.length === 0) continue;
    if (isRepeatedHeader(v.row, region) || isColumnNumberRow(v.row.cells.map((c) => c.text))) continue;
    const prev = tasks[tasks.length - 1];

    const g = groupTitle(v, views[i + 1], region);
    if (g !== null) {
      group = g;
      continue;
    }
    if (prev && v.merged.has('content') && AGENCY_OR_TIME.some((f) => v.fields[f] && !v.merged.has(f))) {
      // One task cell merged over rows that each assign their own lead or deadline: a task per row.
      tasks.push(subRow(prev, v));
      continue;
    }
    if (prev && isContinuation(v)) {
      appendContinuation(prev, v);
      continue;
    }
    tasks.push(...splitParallel(toRaw(v, group, prev, region, kind)));
  }
  if (year !== null) for (const t of tasks) t.year = year;
  return tasks;
}

/** "Thời gian (Năm 2026)", "Thời hạn năm 2026": the year of the deadline column's days and months. */
function headerYear(region: TableRegion): number | null {
  const col = region.map.fields.indexOf('deadline');
  const m = col >= 0 ? region.map.headers[col]?.match(/năm\s*((?:19|20)\d{2})\b/iu) : null;
  return m ? Number(m[1]) : null;
}

const PARALLEL_FIELDS = ['lead', 'support', 'deadline', 'product', 'approval'] as const;

/**
 * A row whose task cell holds k paragraphs that pair with k paragraphs in at
 * least two of the next cells (lead and deadline, say) is k tasks under one
 * TT: "Việc A / Việc B" | "Sở X / Sở Y" | "Quý I / Quý III". Cells with one
 * paragraph are shared. Anything less regular stays one task, since a long
 * task text often has several paragraphs and a support cell one agency per line.
 */
function splitParallel(raw: RawTask): RawTask[] {
  const paras = (s: string | null) => (s ? s.split('\n').filter((p) => p.trim() !== '') : []);
  const content = paras(raw.content);
  const k = content.length;
  if (k < 2) return [raw];
  const counts = PARALLEL_FIELDS.map((f) => paras(raw[f]).length);
  const paired = PARALLEL_FIELDS.filter((_f, i) => counts[i] === k);
  const irregular = counts.some((c) => c > 1 && c !== k);
  if (paired.length < 2 || irregular || !(paired.includes('lead') || paired.includes('deadline'))) return [raw];
  return content.map((text, j) => {
    const part: RawTask = { ...raw, content: text, extra: { ...raw.extra } };
    for (const f of paired) part[f] = paras(raw[f])[j] ?? null;
    return part;
  });
}

function view(row: TableRow, region: TableRegion): RowView {
  const fields: FieldText = {};
  const extra: Record<string, string> = {};
  const merged = new Set<Field>();
  const filled: string[] = [];
  row.cells.forEach((cell, i) => {
    const text = cell.text.trim();
    if (text) filled.push(text);
    const f = region.map.fields[i];
    if (f === undefined) return;
    if (f === null) {
      const h = region.map.headers[i] || `Cột ${i + 1}`;
      if (text) extra[h] = text;
      return;
    }
    if (text) fields[f] = fields[f] ? `${fields[f]}\n${text}` : text;
    if (cell.merged) merged.add(f);
  });
  return { row, fields, extra, merged, filled };
}

/**
 * A group row names a section of tasks and assigns nothing: no lead, no
 * deadline. It is a single cell across the table, or a numeral plus a
 * title, or a Roman / capital-letter TT, or a TT whose next row is its
 * child ("1" then "1.1").
 */
function groupTitle(v: RowView, next: RowView | undefined, region: TableRegion): string | null {
  const tt = v.fields.tt?.trim() ?? '';
  const content = v.fields.content?.trim() ?? '';
  const assigns = AGENCY_OR_TIME.filter((f) => v.fields[f] && !v.merged.has(f));
  // Only a numeral-plus-title row may have its title under another column.
  if (assigns.length > (content ? 0 : 1)) return null;
  if (assigns.length === 1 && (!tt || v.filled.length !== 2)) return null;
  // One cell spanning the row (html colspan, docx gridSpan, markdown bold first cell).
  if (v.filled.length === 1) {
    const only = v.filled[0]!;
    if (startsLower(only)) return null; // tail of a split row
    const firstCell = v.row.cells[0]?.text.trim() ?? '';
    const spans = (v.row.cells[0]?.span ?? 1) > 1 || v.row.cells.length === 1;
    if (spans || firstCell === only) {
      // A lone TT number is not a group; a numbered title is.
      if (ttKind(only) && !splitNumbering(only)) return null;
      if (!tt || firstCell === only || spans) return only;
    }
    if (tt === '' && content === only && isTitleLike(only)) return only;
    return null;
  }
  if (!tt) return null;
  if (!content) {
    // A numeral cell plus a title in some other column (agency-first tables put it under "Chủ trì").
    const others = v.filled.filter((x) => x !== tt);
    if (others.length === 1 && !v.fields.deadline && ttKind(tt)) return joinNumbered(tt, others[0]!);
    return null;
  }
  const kind = ttKind(tt);
  const title = joinNumbered(tt, content);
  if (kind === 'roman' || kind === 'upper') return title;
  const nextTt = next?.fields.tt?.trim();
  if (nextTt && isChildTt(tt, nextTt)) return title;
  if (isTitleLike(content) && content === content.toUpperCase()) return title;
  return null;
}

function joinNumbered(tt: string, title: string): string {
  return /[.):]$/.test(tt) ? `${tt} ${title}` : `${tt}. ${title}`;
}

function isChildTt(parent: string, child: string): boolean {
  const p = ttParts(parent);
  const c = ttParts(child);
  if (p && c) return c.length === p.length + 1 && p.every((x, i) => x === c[i]);
  // "1" then "a": lettered tasks under a numbered group.
  return ttKind(parent) === 'arabic' && ttKind(child) === 'letter';
}

function isTitleLike(s: string): boolean {
  return s.length < 200 && !s.includes('\n');
}

function startsLower(s: string): boolean {
  const ch = s.replace(/^[\s"“(]+/, '')[0] ?? '';
  return ch !== '' && ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

/**
 * The tail of a row split by a page break: no TT and either no task text
 * or task text that carries on mid-sentence. Merged cells repeated by the
 * reader do not count as new text.
 */
function isContinuation(v: RowView): boolean {
  const tt = v.merged.has('tt') ? '' : (v.fields.tt?.trim() ?? '');
  if (tt) return false;
  const content = v.merged.has('content') ? '' : (v.fields.content?.trim() ?? '');
  if (content === '') return true;
  return startsLower(content);
}

function subRow(prev: RawTask, v: RowView): RawTask {
  const own = (f: (typeof AGENCY_OR_TIME)[number]) => (v.fields[f] && !v.merged.has(f) ? v.fields[f]! : prev[f]);
  return {
    ...prev,
    lead: own('lead'),
    support: own('support'),
    deadline: own('deadline'),
    product: own('product'),
    approval: own('approval'),
    extra: { ...prev.extra, ...v.extra },
    origin: { ...prev.origin, line: v.row.line, page: v.row.page ?? null },
  };
}

function appendContinuation(prev: RawTask, v: RowView): void {
  const join = (a: string | null, b: string | undefined, merged: boolean): string | null => {
    if (!b || merged) return a;
    return a ? `${a} ${b}` : b;
  };
  prev.content = join(prev.content, v.fields.content, v.merged.has('content')) ?? '';
  prev.lead = join(prev.lead, v.fields.lead, v.merged.has('lead'));
  prev.support = join(prev.support, v.fields.support, v.merged.has('support'));
  prev.deadline = join(prev.deadline, v.fields.deadline, v.merged.has('deadline'));
  prev.product = join(prev.product, v.fields.product, v.merged.has('product'));
  prev.approval = join(prev.approval, v.fields.approval, v.merged.has('approval'));
  for (const [k, t] of Object.entries(v.extra)) prev.extra[k] = prev.extra[k] ? `${prev.extra[k]} ${t}` : t;
}

function toRaw(v: RowView, group: string | null, prev: RawTask | undefined, region: TableRegion, kind: OriginKind): RawTask {
  const raw = emptyRaw(kind, v.row.line, v.row.page ?? null);
  raw.group = v.fields.group?.trim() || group;
  const tt = v.fields.tt?.trim();
  raw.tt = tt ? cleanTt(tt) : null;
  raw.content = v.fields.content ?? '';
  raw.lead = v.fields.lead ?? null;
  raw.support = v.fields.support ?? null;
  raw.deadline = v.fields.deadline ?? null;
  raw.product = v.fields.product ?? null;
  raw.approval = v.fields.approval ?? null;
  raw.extra = v.extra;
  // A row under a vertically merged TT / agency cell inherits them.
  if (!raw.tt && prev && prev.group === group && region.map.fields.includes('tt')) {
    raw.tt = prev.tt;
    raw.lead ??= prev.lead;
    raw.support ??= prev.support;
  }
  return raw;
}

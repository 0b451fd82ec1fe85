import type { Task } from '../model/task.js';
import type { GoldRow } from './gold.js';
import { FIELDS, passesStrict, STRICT_FIELD_MIN, totalScore, type Counts, type DocScore, type FieldName } from './score.js';

export interface EvalDocument {
  file: string;
  gold: string;
  /** Why the conversion failed, if it did (scored as no tasks). */
  error?: string;
  score: DocScore;
  goldRows: GoldRow[];
  tasks: Task[];
}

export interface EvalResult {
  documents: EvalDocument[];
  total: Counts;
  strict: boolean;
  /** Every document meets the --strict bar. */
  passed: boolean;
}

const FIELD_HEAD: Record<FieldName, [string, string]> = {
  content: ['nội dung', 'content'],
  lead: ['chủ trì', 'lead'],
  support: ['phối hợp', 'support'],
  deadlineKind: ['loại hạn', 'dl kind'],
  deadlineEnd: ['hạn cuối', 'dl end'],
  approval: ['phê duyệt', 'approval'],
};

/** A plain-text table: one row per document, then the totals; fractions 0.00–1.00. */
export function formatReport(r: EvalResult, opts: { verbose?: boolean } = {}): string {
  const head: Array<[string, string]> = [
    ['văn bản', 'document'], ['gold', 'gold'], ['dự đoán', 'pred'], ['khớp', 'match'],
    ['P', 'P'], ['R', 'R'], ['F1', 'F1'],
    ...FIELDS.map((f) => FIELD_HEAD[f]),
  ];
  const row = (name: string, c: Counts, mark: string): string[] => [
    `${mark}${name}`, String(c.gold), String(c.predicted), String(c.matched),
    frac(c.precision), frac(c.recall), frac(c.f1),
    ...FIELDS.map((f) => frac(c.fields[f])),
  ];
  const body = r.documents.map((d) =>
    row(d.score.partial ? `${d.file} (một phần/partial)` : d.file, d.score, r.strict ? (passesStrict(d.score) ? '  ' : '✗ ') : ''),
  );
  const sets = setTotals(r.documents);
  const subtotals = sets.length > 1 ? sets.map((s) => row(`${SET_NAME[s.set]} (${s.documents})`, s.total, r.strict ? '  ' : '')) : [];
  const total = row('TỔNG / TOTAL', r.total, r.strict ? '  ' : '');
  const table = [head.map((h) => h[0]), head.map((h) => h[1]), ...body, ...subtotals, total];
  const widths = head.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');

  const out = [line(table[0]!), line(table[1]!), rule, ...body.map(line), rule, ...subtotals.map(line), line(total)];
  if (r.strict) {
    out.push(
      r.passed
        ? `--strict: đạt / passed (F1 = 1, mọi trường / every field ≥ ${STRICT_FIELD_MIN})`
        : `--strict: không đạt / failed (✗: F1 < 1 hoặc/or một trường/a field < ${STRICT_FIELD_MIN})`,
    );
  }
  if (opts.verbose) for (const d of r.documents) out.push(...details(d));
  return `${out.join('\n')}\n`;
}

/**
 * Documents that real offices wrote (anything under a `real` folder) are the
 * measure; our own samples are reported apart so they never hide it.
 */
export type EvalSet = 'real' | 'own';

const SET_NAME: Record<EvalSet, string> = {
  real: 'văn bản thực / real documents',
  own: 'mẫu tự soạn / our own samples',
};

export function evalSetOf(file: string): EvalSet {
  return file.split(/[\\/]/).includes('real') ? 'real' : 'own';
}

export interface SetTotal {
  set: EvalSet;
  documents: number;
  total: Counts;
}

export function setTotals(documents: readonly EvalDocument[]): SetTotal[] {
  const out: SetTotal[] = [];
  for (const set of ['real', 'own'] as const) {
    const docs = documents.filter((d) => evalSetOf(d.file) === set);
    if (docs.length) out.push({ set, documents: docs.length, total: totalScore(docs.map((d) => d.score)) });
  }
  return out;
}

/** --verbose: what to look at in one document. */
function details(d: EvalDocument): string[] {
  const s = d.score;
  if (s.unmatchedGold.length + s.unmatchedPredicted.length + s.mismatches.length === 0 && !d.error) return [];
  const out = ['', `${d.file} (${d.gold})`];
  if (d.error) out.push(`  lỗi / error: ${d.error}`);
  for (const i of s.unmatchedGold) {
    const g = d.goldRows[i]!;
    out.push(`  thiếu / missing  [${g.tt ?? '–'}] ${cut(g.content)}`);
  }
  for (const i of s.unmatchedPredicted) {
    const t = d.tasks[i]!;
    out.push(`  thừa / extra     [${t.tt ?? '–'}] ${cut(t.content)}`);
  }
  for (const m of s.mismatches) {
    const tt = d.goldRows[m.gold]!.tt ?? '–';
    out.push(`  sai / wrong      [${tt}] ${m.field}: gold ${cut(m.expected)} ≠ ${cut(m.actual)}`);
  }
  return out;
}

function frac(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

function cut(s: string, max = 90): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

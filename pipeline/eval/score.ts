import type { Task } from '../model/task.js';
import type { GoldRow } from './gold.js';
import { dice, tokenSet } from '../normalise/similarity.js';

/**
 * Scoring of extracted tasks against gold rows. Pure: no files, no Node.
 *
 * Rows are matched one to one, greedily, best similarity first:
 *   pass 1: same TT (trimmed, trailing "." dropped; rows without TT never
 *           match here) and content similarity ≥ 0.5;
 *   pass 2: among rows still unmatched, content similarity ≥ 0.6 alone.
 * Then rows precision / recall / F1 count matched rows, and each field is
 * the mean, over matched rows, of a 0–1 score per row.
 *
 * Content similarity is token-set Dice: 2·|A∩B| / (|A|+|B|) over the sets of
 * words (letters, marks and digits) of the NFC, lower-cased text. It ignores
 * punctuation, spacing and line wrapping, which differ between a gold row and
 * an extraction without the row being a different task; it still falls in
 * proportion when a row loses half its words (a row cut at a page break) or
 * when two different tasks share only stock words. It is linear in length,
 * unlike an edit ratio, and the order of words hardly ever differs here.
 */

/** What the scorer reads of a predicted task: a subset of Task, so tests can write small literals. */
export type PredictedTask = Pick<Task, 'tt' | 'content' | 'lead' | 'support' | 'approval'> & {
  deadline: Pick<Task['deadline'], 'kind' | 'end'>;
};

export const FIELDS = ['content', 'lead', 'support', 'deadlineKind', 'deadlineEnd', 'approval'] as const;
export type FieldName = (typeof FIELDS)[number];
export type FieldScores = Record<FieldName, number>;

export const TT_PASS_MIN = 0.5;
export const CONTENT_PASS_MIN = 0.6;
/** --strict: every field of every document at least this. */
export const STRICT_FIELD_MIN = 0.98;

export interface MatchedPair {
  gold: number;
  predicted: number;
  similarity: number;
  pass: 1 | 2;
  fields: FieldScores;
}

export interface FieldMismatch {
  gold: number;
  predicted: number;
  field: FieldName;
  expected: string;
  actual: string;
}

export interface Counts {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean per field over matched rows; null when no row matched. */
  fields: Record<FieldName, number | null>;
}

export interface DocScore extends Counts {
  /** The gold annotates part of the document: tasks found outside it are not counted as extra. */
  partial: boolean;
  pairs: MatchedPair[];
  unmatchedGold: number[];
  unmatchedPredicted: number[];
  mismatches: FieldMismatch[];
}

export function scoreDocument(
  gold: readonly GoldRow[],
  predicted: readonly PredictedTask[],
  opts: { partial?: boolean } = {},
): DocScore {
  const partial = opts.partial === true;
  const pairs = matchRows(gold, predicted);
  const usedGold = new Set(pairs.map((p) => p.gold));
  const usedPred = new Set(pairs.map((p) => p.predicted));
  const mismatches: FieldMismatch[] = [];
  for (const p of pairs) {
    for (const field of FIELDS) {
      if (p.fields[field] < 1) {
        mismatches.push({
          gold: p.gold,
          predicted: p.predicted,
          field,
          expected: show(goldValue(gold[p.gold]!, field)),
          actual: show(predictedValue(predicted[p.predicted]!, field)),
        });
      }
    }
  }
  // A partial gold cannot tell an extra task from one of the parts left unannotated: only matches count as found.
  const counted = partial ? pairs.length : predicted.length;
  return {
    ...counts(gold.length, counted, pairs.map((p) => p.fields)),
    partial,
    pairs,
    unmatchedGold: gold.map((_, i) => i).filter((i) => !usedGold.has(i)),
    unmatchedPredicted: partial ? [] : predicted.map((_, i) => i).filter((i) => !usedPred.has(i)),
    mismatches,
  };
}

/** Micro-averaged totals: rows summed over documents, fields weighted by matched rows. */
export function totalScore(docs: readonly DocScore[]): Counts {
  return counts(
    docs.reduce((n, d) => n + d.gold, 0),
    docs.reduce((n, d) => n + d.predicted, 0),
    docs.flatMap((d) => d.pairs.map((p) => p.fields)),
  );
}

/** The --strict bar: every gold row found, nothing extra, every field ≥ 0.98. */
export function passesStrict(score: Counts): boolean {
  return score.f1 === 1 && FIELDS.every((f) => (score.fields[f] ?? 1) >= STRICT_FIELD_MIN);
}

function counts(gold: number, predicted: number, rows: readonly FieldScores[]): Counts {
  const matched = rows.length;
  // Nothing expected and nothing found is a perfect score, not 0/0.
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : matched / predicted;
  const recall = gold === 0 ? (predicted === 0 ? 1 : 0) : matched / gold;
  const f1 = gold + predicted === 0 ? 1 : (2 * matched) / (gold + predicted);
  const fields = {} as Record<FieldName, number | null>;
  for (const f of FIELDS) fields[f] = matched === 0 ? null : rows.reduce((s, r) => s + r[f], 0) / matched;
  return { gold, predicted, matched, precision, recall, f1, fields };
}

// ── matching ────────────────────────────────────────────────────────────────

export function matchRows(gold: readonly GoldRow[], predicted: readonly PredictedTask[]): MatchedPair[] {
  const goldTokens = gold.map((g) => tokenSet(g.content));
  const predTokens = predicted.map((p) => tokenSet(p.content));
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  const pairs: MatchedPair[] = [];

  const pass = (n: 1 | 2, min: number, sameTtOnly: boolean): void => {
    const candidates: Array<{ g: number; p: number; sim: number }> = [];
    gold.forEach((g, gi) => {
      if (usedGold.has(gi)) return;
      const gtt = normTt(g.tt);
      predicted.forEach((p, pi) => {
        if (usedPred.has(pi)) return;
        if (sameTtOnly && (gtt === null || gtt !== normTt(p.tt))) return;
        const sim = dice(goldTokens[gi]!, predTokens[pi]!);
        if (sim >= min) candidates.push({ g: gi, p: pi, sim });
      });
    });
    // Best first; ties by position so the result never depends on sort stability.
    candidates.sort((a, b) => b.sim - a.sim || a.g - b.g || a.p - b.p);
    for (const c of candidates) {
      if (usedGold.has(c.g) || usedPred.has(c.p)) continue;
      usedGold.add(c.g);
      usedPred.add(c.p);
      pairs.push({ gold: c.g, predicted: c.p, similarity: c.sim, pass: n, fields: scoreFields(gold[c.g]!, predicted[c.p]!) });
    }
  };
  pass(1, TT_PASS_MIN, true);
  pass(2, CONTENT_PASS_MIN, false);
  return pairs.sort((a, b) => a.gold - b.gold);
}

export function scoreFields(g: GoldRow, p: PredictedTask): FieldScores {
  return {
    content: normText(g.content) === normText(p.content) ? 1 : 0,
    lead: setF1(cleanSet(g.lead), cleanSet(p.lead)) === 1 ? 1 : 0,
    support: setF1(cleanSet(g.support), cleanSet(p.support)),
    deadlineKind: g.deadline_kind === p.deadline.kind ? 1 : 0,
    deadlineEnd: (g.deadline_end ?? null) === (p.deadline.end ?? null) ? 1 : 0,
    approval: normNullable(g.approval) === normNullable(p.approval) ? 1 : 0,
  };
}

// ── text ────────────────────────────────────────────────────────────────────
// Self-contained on purpose: scoring with the pipeline's own normaliser would
// hide that normaliser's mistakes.

/** NFC, every run of white space (incl. no-break spaces) to one space, trimmed. */
export function normText(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** TT as compared: "1." = "1" = " 1 "; empty = none. */
export function normTt(tt: string | null): string | null {
  if (tt === null) return null;
  const t = normText(tt).replace(/\.+$/, '').trim();
  return t === '' ? null : t;
}

function normNullable(s: string | null): string | null {
  if (s === null) return null;
  const t = normText(s);
  return t === '' ? null : t;
}

/** An agency as compared: normalised, trailing ".", ";" or "," dropped; empties dropped. */
function cleanSet(items: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const item of items) {
    const t = normText(item).replace(/[.;,]+$/, '').trim();
    if (t !== '') out.add(t);
  }
  return out;
}

// tokenSet and dice live in normalise/similarity.ts (shared with tracking/match.ts); re-exported for callers of this module.
export { dice, tokenSet };

/** F1 of two sets; both empty is a perfect 1. */
function setF1(expected: ReadonlySet<string>, actual: ReadonlySet<string>): number {
  return dice(expected, actual);
}

// ── values shown in --verbose ───────────────────────────────────────────────

function goldValue(g: GoldRow, f: FieldName): unknown {
  switch (f) {
    case 'content': return g.content;
    case 'lead': return g.lead;
    case 'support': return g.support;
    case 'deadlineKind': return g.deadline_kind;
    case 'deadlineEnd': return g.deadline_end;
    case 'approval': return g.approval;
  }
}

function predictedValue(p: PredictedTask, f: FieldName): unknown {
  switch (f) {
    case 'content': return p.content;
    case 'lead': return p.lead;
    case 'support': return p.support;
    case 'deadlineKind': return p.deadline.kind;
    case 'deadlineEnd': return p.deadline.end;
    case 'approval': return p.approval;
  }
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

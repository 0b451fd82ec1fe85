import { describe, expect, it } from 'vitest';
import type { GoldRow } from '../pipeline/eval/gold.js';
import { goldId } from '../pipeline/eval/gold.js';
import {
  dice, FIELDS, matchRows, passesStrict, scoreDocument, tokenSet, totalScore, type PredictedTask,
} from '../pipeline/eval/score.js';

function gold(tt: string | null, content: string, over: Partial<GoldRow> = {}): GoldRow {
  return {
    tt, group: null, content,
    lead: ['Sở Y tế'], support: ['Sở Tài chính', 'các sở, ngành'],
    deadline_raw: 'Quý II/2026', deadline_kind: 'quarter', deadline_end: '2026-06-30',
    product: null, approval: 'UBND tỉnh',
    ...over,
  };
}

/** The prediction a perfect extractor would make for a gold row. */
function predictFrom(g: GoldRow, over: Partial<PredictedTask> = {}): PredictedTask {
  return {
    tt: g.tt, content: g.content, lead: [...g.lead], support: [...g.support], approval: g.approval,
    deadline: { kind: g.deadline_kind, end: g.deadline_end },
    ...over,
  };
}

const GOLD: GoldRow[] = [
  gold('1', 'Tổ chức tuyên truyền, phổ biến Nghị quyết số 34/NQ-CP đến cán bộ, công chức'),
  gold('2', 'Tham mưu UBND tỉnh ban hành các văn bản, kế hoạch, đề án cụ thể'),
  gold('3', 'Bố trí kinh phí; hướng dẫn quản lý, sử dụng, thanh quyết toán kinh phí', {
    lead: ['Sở Tài chính'], support: ['Sở Y tế'], deadline_raw: 'Hàng năm', deadline_kind: 'recurring', deadline_end: null,
  }),
  gold('4', 'Xây dựng hệ thống theo dõi, giám sát, đánh giá kết quả thực hiện Chương trình', { approval: null }),
];

describe('scoreDocument', () => {
  it('scores a perfect prediction 1.0 everywhere', () => {
    const s = scoreDocument(GOLD, GOLD.map((g) => predictFrom(g)));
    expect([s.precision, s.recall, s.f1]).toEqual([1, 1, 1]);
    for (const f of FIELDS) expect(s.fields[f]).toBe(1);
    expect(s.mismatches).toEqual([]);
    expect(passesStrict(s)).toBe(true);
  });

  it('forgives spacing, NFD text, "1." for "1", agency order and trailing stops', () => {
    const g = GOLD[0]!;
    const p = predictFrom(g, {
      tt: ' 1. ',
      content: `  ${g.content.normalize('NFD').replace(/ /g, '\n ')} `,
      support: ['các sở, ngành.', ' Sở Tài chính '],
    });
    const s = scoreDocument([g], [p]);
    expect(s.matched).toBe(1);
    for (const f of FIELDS) expect(s.fields[f]).toBe(1);
  });

  it('lowers recall, not precision, when a row is missing', () => {
    const s = scoreDocument(GOLD, GOLD.slice(0, 3).map((g) => predictFrom(g)));
    expect(s.recall).toBe(0.75);
    expect(s.precision).toBe(1);
    expect(s.f1).toBeCloseTo(6 / 7, 10);
    expect(s.unmatchedGold).toEqual([3]);
    for (const f of FIELDS) expect(s.fields[f]).toBe(1);
    expect(passesStrict(s)).toBe(false);
  });

  it('lowers precision, not recall, when a row is extra', () => {
    const extra: PredictedTask = predictFrom(gold('5', 'Kiểm tra, đôn đốc, tổng hợp báo cáo định kỳ hằng năm'));
    const s = scoreDocument(GOLD, [...GOLD.map((g) => predictFrom(g)), extra]);
    expect(s.precision).toBe(0.8);
    expect(s.recall).toBe(1);
    expect(s.unmatchedPredicted).toEqual([4]);
  });

  it('lowers only the deadline-kind field when the kind is wrong', () => {
    const preds = GOLD.map((g) => predictFrom(g));
    preds[1] = { ...preds[1]!, deadline: { kind: 'date', end: '2026-06-30' } };
    const s = scoreDocument(GOLD, preds);
    expect(s.f1).toBe(1);
    expect(s.fields.deadlineKind).toBe(0.75);
    for (const f of FIELDS.filter((f) => f !== 'deadlineKind')) expect(s.fields[f]).toBe(1);
    expect(s.mismatches).toEqual([
      { gold: 1, predicted: 1, field: 'deadlineKind', expected: 'quarter', actual: 'date' },
    ]);
    expect(passesStrict(s)).toBe(false);
  });

  it('scores support as set F1 and lead as set equality', () => {
    const g = GOLD[0]!; // support: Sở Tài chính, các sở, ngành
    const s = scoreDocument([g], [predictFrom(g, { lead: ['Sở Y tế', 'Sở Tài chính'], support: ['Sở Tài chính'] })]);
    expect(s.fields.lead).toBe(0);
    expect(s.fields.support).toBeCloseTo(2 / 3, 10);
  });

  it('treats null approval and end as values: null = null, null ≠ text', () => {
    const g = GOLD[3]!; // approval null
    expect(scoreDocument([g], [predictFrom(g, { approval: null })]).fields.approval).toBe(1);
    expect(scoreDocument([g], [predictFrom(g, { approval: '' })]).fields.approval).toBe(1);
    expect(scoreDocument([g], [predictFrom(g, { approval: 'UBND tỉnh' })]).fields.approval).toBe(0);
  });

  it('matches one to one: two predictions of the same row count once', () => {
    const g = GOLD[1]!;
    const s = scoreDocument([g], [predictFrom(g), predictFrom(g)]);
    expect(s.matched).toBe(1);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(1);
  });

  it('matches one to one: two gold rows cannot share one prediction', () => {
    const twins = [gold('1', 'Rà soát văn bản quy phạm pháp luật'), gold('2', 'Rà soát văn bản quy phạm pháp luật')];
    const s = scoreDocument(twins, [predictFrom(twins[1]!)]);
    expect(s.matched).toBe(1);
    expect(s.pairs[0]).toMatchObject({ gold: 1, predicted: 0, pass: 1 });
    expect(s.recall).toBe(0.5);
  });

  it('uses TT first, then content alone for rows whose TT is wrong or missing', () => {
    const g = GOLD[2]!;
    const renumbered = scoreDocument([g], [predictFrom(g, { tt: '7' })]);
    expect(renumbered.pairs[0]?.pass).toBe(2);
    // Same TT but a different task: below 0.5 in pass 1 and below 0.6 in pass 2 → no match.
    const other = scoreDocument([g], [predictFrom(gold('3', 'Tổ chức hội nghị sơ kết giữa kỳ'))]);
    expect(other.matched).toBe(0);
    expect(other.f1).toBe(0);
    expect(other.fields.content).toBeNull();
  });

  it('prefers the same-TT pair over a more similar one with another TT', () => {
    const a = gold('1', 'Xây dựng kế hoạch thực hiện Chương trình tại cấp xã');
    const b = gold('2', 'Xây dựng kế hoạch thực hiện Chương trình tại cấp tỉnh');
    // Contents swapped between the two predictions: by content alone a↔1 and b↔0 would win.
    const preds = [predictFrom(a, { content: b.content }), predictFrom(b, { content: a.content })];
    const pairs = matchRows([a, b], preds);
    expect(pairs.map((p) => [p.gold, p.predicted, p.pass])).toEqual([[0, 0, 1], [1, 1, 1]]);
    expect(scoreDocument([a, b], preds).fields.content).toBe(0);
  });

  it('counts nothing expected and nothing found as perfect', () => {
    const s = scoreDocument([], []);
    expect([s.precision, s.recall, s.f1]).toEqual([1, 1, 1]);
    expect(passesStrict(s)).toBe(true);
  });
});

describe('totalScore', () => {
  it('sums rows over documents and weights fields by matched rows', () => {
    const perfect = scoreDocument(GOLD, GOLD.map((g) => predictFrom(g)));
    const wrongKind = scoreDocument([GOLD[0]!], [predictFrom(GOLD[0]!, { deadline: { kind: 'year', end: '2026-06-30' } })]);
    const empty = scoreDocument([GOLD[1]!], []);
    const t = totalScore([perfect, wrongKind, empty]);
    expect([t.gold, t.predicted, t.matched]).toEqual([6, 5, 5]);
    expect(t.recall).toBeCloseTo(5 / 6, 10);
    expect(t.precision).toBe(1);
    expect(t.fields.deadlineKind).toBeCloseTo(4 / 5, 10);
  });
});

describe('helpers', () => {
  it('token-set Dice ignores punctuation, case and order', () => {
    expect(dice(tokenSet('Sở Y tế, Sở Tài chính'), tokenSet('sở tài chính; SỞ Y TẾ'))).toBe(1);
    expect(dice(tokenSet('a b c d'), tokenSet('a b'))).toBeCloseTo(2 / 3, 10);
  });

  it('gold id is the file name up to its first dot', () => {
    expect(goldId('000_608305ae69954cdd.cells.md')).toBe('000_608305ae69954cdd');
    expect(goldId('004_a698d7df3c568d60.txt')).toBe('004_a698d7df3c568d60');
  });
});

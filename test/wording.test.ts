/** Messages and titles read as a person would write them: no word said twice. */
import { describe, expect, it } from 'vitest';
import { check } from '../pipeline/check/rules.js';
import { findDocumentInfo } from '../pipeline/find/meta.js';
import type { Doc } from '../pipeline/model/doc.js';
import { makeTask } from './helpers/docs.js';

const recurring = (raw: string) =>
  check([makeTask({ deadline: { raw, kind: 'recurring', start: null, end: null, recurring: true } })], { asOf: '2026-05-01' }).find(
    (f) => f.rule === 'deadline.vague',
  )!.messageVi;

describe('the message of a recurring deadline', () => {
  it('does not say "thường xuyên" twice when the deadline text says it', () => {
    expect(recurring('Thường xuyên')).toContain('thời hạn "Thường xuyên" không có ngày kết thúc');
    expect(recurring('Nhiệm vụ THƯỜNG XUYÊN')).not.toMatch(/là thường xuyên/);
  });

  it('names the kind when the text does not', () => {
    expect(recurring('Hằng năm')).toContain('thời hạn "Hằng năm" là thường xuyên, không có ngày kết thúc');
  });
});

describe('the title of a plan', () => {
  const title = (...lines: string[]): string | null =>
    findDocumentInfo({ blocks: lines.map((text, i) => ({ kind: 'para', text, line: i + 1, page: 1 })) } as unknown as Doc).title;

  it('is "Kế hoạch …" once when the line under KẾ HOẠCH starts with the word again, in any case or Unicode form', () => {
    expect(title('KẾ HOẠCH', 'Kế hoạch triển khai Nghị quyết số 34/NQ-CP')).toBe('Kế hoạch triển khai Nghị quyết số 34/NQ-CP');
    expect(title('KẾ HOẠCH', 'KẾ HOẠCH hành động năm 2026')).toBe('Kế hoạch hành động năm 2026');
    expect(title('KẾ HOẠCH', 'Ke\u0302\u0301 hoạch hành động'.normalize('NFD'))).toBe('Kế hoạch hành động');
  });

  it('adds the word when the line under KẾ HOẠCH does not start with it', () => {
    expect(title('KẾ HOẠCH', 'Triển khai thực hiện Nghị quyết')).toBe('Kế hoạch triển khai thực hiện Nghị quyết');
    expect(title('KẾ HOẠCH', 'Kế hoạchx')).toBe('Kế hoạch kế hoạchx');
  });
});

import { describe, expect, it } from 'vitest';
import { Memo, remembered } from '../pipeline/normalise/memo.js';

describe('remembered answers', () => {
  it('works an answer out once per key, and again after the memo was cleared for being full', () => {
    const asked: string[] = [];
    const upper = remembered((s: string) => {
      asked.push(s);
      return s.toUpperCase();
    }, 2);
    expect([upper('sở'), upper('sở'), upper('ban')]).toEqual(['SỞ', 'SỞ', 'BAN']);
    expect(asked).toEqual(['sở', 'ban']);
    // Full at two answers: a third clears it, so "sở" is worked out again; memory never holds more than two.
    expect([upper('ủy ban'), upper('sở')]).toEqual(['ỦY BAN', 'SỞ']);
    expect(asked).toEqual(['sở', 'ban', 'ủy ban', 'sở']);
  });

  it('remembers answers that are false or empty too', () => {
    let calls = 0;
    const memo = new Memo<string, boolean>();
    const no = () => {
      calls++;
      return false;
    };
    expect([memo.get('x', no), memo.get('x', no)]).toEqual([false, false]);
    expect(calls).toBe(1);
  });
});

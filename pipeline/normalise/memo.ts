/**
 * Answers remembered: a pure function's results kept by their argument, the
 * map cleared when it reaches its bound, so a long batch never holds more
 * than `max` of them. The finders and normalisers ask the same questions of
 * the same strings again and again (a plan of a dozen tasks cleans about 350
 * distinct strings some 1,300 times), within a document and across a batch.
 * In: a key and how to work its answer out. Out: the answer, computed once.
 * Answers are shared between callers: they must not be changed.
 */
export class Memo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly max = 20_000) {}

  get(key: K, compute: (key: K) => V): V {
    let v = this.answers.get(key);
    if (v === undefined) {
      v = compute(key);
      if (this.answers.size >= this.max) this.answers.clear();
      this.answers.set(key, v);
    }
    return v;
  }
}

/** `fn` remembered (see Memo). */
export function remembered<K, V>(fn: (key: K) => V, max?: number): (key: K) => V {
  const memo = new Memo<K, V>(max);
  return (key) => memo.get(key, fn);
}

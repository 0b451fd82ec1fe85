/**
 * Deadline text → tokens, and the cursor the readers walk them with.
 * In: a cell's text. Out: its ASCII fold, its tokens (numbers, words, punctuation) and a `Cursor`
 * that accepts words, phrases, punctuation, numbers, years and months, with backtracking.
 * Pure code, no Node imports: the Excel add-in bundles it too.
 */
import { MAX_YEAR, MIN_YEAR } from './deadline-calendar.js';
import { foldKey, stripDiacritics } from './text.js';

// ───────────────────────────── tokens ─────────────────────────────

export interface Token {
  type: 'num' | 'word' | 'punct';
  text: string;
}

/** Lower-case ASCII: case, tone placement, accents, "đ" and look-alike characters all folded away. */
export function asciiFold(s: string): string {
  return stripDiacritics(foldKey(s)).replace(/[–—‐‑−]/g, '-');
}

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  // A quarter is I to IV: "Quý 11/2026", "Quý 1V" are its Roman numeral read by OCR as ones and ells.
  const folded = asciiFold(s).replace(/(qu[yi])\s*([1il|]{2,3}|[1il|]v)(?![\da-z])/g, (_m, q: string, n: string) => `${q} ${n.replace(/[1l|]/g, 'i')}`);
  for (const m of folded.matchAll(/\d+|[a-z]+|[^\s\da-z]/g)) {
    const text = m[0];
    if (/^\d/.test(text)) tokens.push({ type: 'num', text });
    else if (/^[a-z]/.test(text)) {
      // "QuýII/2026" typed without the space.
      const glued = /^(quy|qui)(i{1,3}|iv)$/.exec(text);
      if (glued) tokens.push({ type: 'word', text: glued[1]! }, { type: 'word', text: glued[2]! });
      else tokens.push({ type: 'word', text });
    } else tokens.push({ type: 'punct', text });
  }
  return tokens;
}

/** A reading position over the tokens, with backtracking. */
export class Cursor {
  constructor(
    readonly tokens: Token[],
    public pos = 0,
    /** The year a day or month written without one belongs to (from the column header or the plan), if known. */
    readonly defaultYear: number | null = null,
  ) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }

  /** Run `read`; on null put the cursor back where it was. */
  attempt<T>(read: () => T | null | undefined | false): T | null {
    const at = this.pos;
    const result = read();
    if (result === null || result === undefined || result === false) {
      this.pos = at;
      return null;
    }
    return result;
  }

  /** Accept the word sequence `phrase` ("hoan thanh"). */
  words(phrase: string): boolean {
    const parts = phrase.split(' ');
    for (let i = 0; i < parts.length; i++) {
      const t = this.peek(i);
      if (t?.type !== 'word' || t.text !== parts[i]) return false;
    }
    this.pos += parts.length;
    return true;
  }

  /** Accept the first of `phrases` that matches, longest listed first. */
  oneOf(phrases: readonly string[]): string | null {
    for (const p of phrases) if (this.words(p)) return p;
    return null;
  }

  punct(...chars: string[]): string | null {
    const t = this.peek();
    if (t?.type === 'punct' && chars.includes(t.text)) {
      this.pos++;
      return t.text;
    }
    return null;
  }

  /** A number of 1..maxDigits digits (leading zeros allowed: "06"). */
  num(maxDigits: number, minDigits = 1): number | null {
    const t = this.peek();
    if (t?.type !== 'num' || t.text.length > maxDigits || t.text.length < minDigits) return null;
    this.pos++;
    return Number(t.text);
  }

  /** A plausible calendar year, four digits. */
  year(): number | null {
    return this.attempt(() => {
      const y = this.num(4, 4);
      return y !== null && y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
    });
  }

  /** A month number 1..12. */
  month(): number | null {
    return this.attempt(() => {
      const m = this.num(2);
      return m !== null && m >= 1 && m <= 12 ? m : null;
    });
  }
}

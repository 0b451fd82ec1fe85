import type { OriginKind } from './task.js';

/**
 * A task as found, before normalisation: cell text as written (paragraphs
 * inside a cell separated by "\n"), no splitting or parsing yet.
 */
export interface RawTask {
  tt: string | null;
  group: string | null;
  content: string;
  lead: string | null;
  support: string | null;
  deadline: string | null;
  product: string | null;
  approval: string | null;
  /** The year of a deadline written without one, from its column's header ("Thời gian (Năm 2026)"). */
  year?: number;
  /** Extra columns by header ("Ghi chú", "Nguồn kinh phí" …). */
  extra: Record<string, string>;
  origin: { kind: OriginKind; line: number | null; page: number | null };
}

export function emptyRaw(kind: OriginKind, line: number | null, page: number | null): RawTask {
  return {
    tt: null,
    group: null,
    content: '',
    lead: null,
    support: null,
    deadline: null,
    product: null,
    approval: null,
    extra: {},
    origin: { kind, line, page },
  };
}

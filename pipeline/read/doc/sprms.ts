import { u16 } from './container.js';

/**
 * Single property modifiers (MS-DOC 2.6): a 16-bit code and an operand
 * whose size the code's top three bits tell (spra). In: a run of them;
 * out: each code with the offset and size of its operand.
 */
export interface Sprm {
  code: number;
  at: number;
  size: number;
}

const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_T_DEF_TABLE10 = 0xd606;
const SPRM_P_CHG_TABS = 0xc615;

export function* sprms(b: Uint8Array, start: number, end: number): Generator<Sprm> {
  let at = start;
  while (at + 2 <= end) {
    const code = u16(b, at);
    at += 2;
    let size: number;
    switch (code >> 13) {
      case 0:
      case 1:
        size = 1;
        break;
      case 2:
      case 4:
      case 5:
        size = 2;
        break;
      case 3:
        size = 4;
        break;
      case 7:
        size = 3;
        break;
      default:
        if (code === SPRM_T_DEF_TABLE || code === SPRM_T_DEF_TABLE10) {
          // The table definition's size is a 16-bit count that includes one of its own bytes.
          if (at + 2 > end) return;
          size = u16(b, at) + 1;
        } else if (code === SPRM_P_CHG_TABS && b[at] === 255) {
          // Tab changes too long for a size byte: deleted tabs (count, positions, close ranges), then added
          // tabs (count, positions, kinds) tell their own size.
          if (at + 2 > end) return;
          const deleted = b[at + 1]!;
          const addAt = at + 2 + deleted * 4;
          if (addAt >= end) return;
          size = 1 + (1 + deleted * 4) + (1 + b[addAt]! * 3);
        } else {
          if (at >= end) return;
          size = b[at]! + 1;
        }
    }
    if (at + size > end) return;
    yield { code, at, size };
    at += size;
  }
}

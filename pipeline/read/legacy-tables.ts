/**
 * The byte tables of the pre-Unicode Vietnamese encodings: TCVN3 (ABC, the
 * .VnTime fonts) and VNI (the VNI-Times fonts), and the Windows-1252 bytes
 * both leave as punctuation. Deciding which reading a text needs is
 * legacy.ts's job; this file only turns bytes into letters.
 */

// TCVN3 (TCVN 5712:1993, VN3): one byte per letter. Capitals with tone marks
// share the lower-case codes (they come from the capital font .VnTimeH).
const TCVN3: Record<number, string> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};

// VNI: a base letter followed by a mark byte. Marks on capitals are the
// lower-case mark minus 0x20.
const VNI_TONE: Record<number, string> = { 0xf9: '\u0301', 0xf8: '\u0300', 0xfb: '\u0309', 0xf5: '\u0303', 0xef: '\u0323' };
/** Circumflex (on a, e, o) with a tone. */
const VNI_HAT: Record<number, string> = {
  0xe2: '', 0xe1: '\u0301', 0xe0: '\u0300', 0xe5: '\u0309', 0xe3: '\u0303', 0xe4: '\u0323',
};
/** Breve (on a) with a tone. */
const VNI_BREVE: Record<number, string> = {
  0xea: '', 0xe9: '\u0301', 0xe8: '\u0300', 0xfa: '\u0309', 0xfc: '\u0303', 0xeb: '\u0323',
};
/** Single bytes that are whole letters in VNI. */
const VNI_LETTER: Record<number, string> = {
  0xf4: 'ơ', 0xd4: 'Ơ', 0xf6: 'ư', 0xd6: 'Ư', 0xf1: 'đ', 0xd1: 'Đ',
  0xed: 'í', 0xcd: 'Í', 0xec: 'ì', 0xcc: 'Ì', 0xe6: 'ỉ', 0xc6: 'Ỉ', 0xf3: 'ĩ', 0xd3: 'Ĩ', 0xf2: 'ị', 0xd2: 'Ị',
  0xee: 'ỵ', 0xce: 'Ỵ',
};

/** Windows-1252 characters above U+00FF and their bytes (0x80–0x9F). */
export const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

const CP1252_CHAR: Record<number, string> = Object.fromEntries(
  Object.entries(CP1252_HIGH).map(([cp, b]) => [b, String.fromCharCode(Number(cp))]),
);

/** A byte the legacy fonts leave as Windows-1252 ("–", "“", "…"). */
function plainByte(b: number): string {
  return CP1252_CHAR[b] ?? String.fromCharCode(b);
}

function lowerMark(b: number): number {
  return b >= 0xc0 && b <= 0xdf ? b + 0x20 : b;
}

/** TCVN3 bytes → letters, without the capital-font fix (see capitaliseCapsFont). */
export function tcvn3Letters(codes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out += TCVN3[c] ?? plainByte(c);
  }
  return out.normalize('NFC');
}

export function decodeTcvn3(codes: ArrayLike<number>): string {
  return capitaliseCapsFont(tcvn3Letters(codes));
}

/**
 * Text set in the capital font comes out as "KẾ HOạCH" with lower-case toned
 * letters among capitals: a toned letter between capitals is a capital.
 */
export function capitaliseCapsFont(s: string): string {
  return s.replace(/[A-ZĐĂÂÊÔƠƯ][^\s]*/gu, (word) => {
    const letters = word.replace(/[^\p{L}]/gu, '');
    const caps = letters.replace(/[^A-ZĐĂÂÊÔƠƯ]/gu, '').length;
    return caps >= 2 && caps >= letters.length / 2 ? word.toUpperCase() : word;
  });
}

export function decodeVni(codes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    const next = i + 1 < codes.length ? codes[i + 1]! : -1;
    const base = String.fromCharCode(c);
    const lower = base.toLowerCase();
    const m = lowerMark(next);
    if (next >= 0xc0) {
      if ((lower === 'a' || lower === 'e' || lower === 'o') && m in VNI_HAT) {
        out += (base + '\u0302' + VNI_HAT[m]).normalize('NFC');
        i++;
        continue;
      }
      if (lower === 'a' && m in VNI_BREVE) {
        out += (base + '\u0306' + VNI_BREVE[m]).normalize('NFC');
        i++;
        continue;
      }
      if (/[aeiouy]/.test(lower) && m in VNI_TONE) {
        out += (base + VNI_TONE[m]).normalize('NFC');
        i++;
        continue;
      }
      // ơ / ư followed by a tone: "ôù" = ớ.
      const letter = VNI_LETTER[c];
      if (letter && (letter.toLowerCase() === 'ơ' || letter.toLowerCase() === 'ư') && m in VNI_TONE) {
        out += (letter + VNI_TONE[m]).normalize('NFC');
        i++;
        continue;
      }
    }
    out += VNI_LETTER[c] ?? plainByte(c);
  }
  return out.normalize('NFC');
}

/**
 * Encoders for the legacy Vietnamese encodings, the inverse of what
 * pipeline/read/legacy.ts decodes: used to make old-style versions of the
 * seed plans for tests and the bad-input corpus.
 */
/** Punctuation the legacy fonts take from Windows-1252 ("–", "“", "…"). */
function cp1252Byte(ch: string): number {
  const b = new Map([['–', 0x96], ['—', 0x97], ['‘', 0x91], ['’', 0x92], ['“', 0x93], ['”', 0x94], ['…', 0x85], ['•', 0x95], ['€', 0x80]]).get(ch);
  return b ?? 0x3f;
}

const TONES: Record<string, number> = { '\u0301': 0xf9, '\u0300': 0xf8, '\u0309': 0xfb, '\u0303': 0xf5, '\u0323': 0xef };
const HAT: Record<string, number> = { '': 0xe2, '\u0301': 0xe1, '\u0300': 0xe0, '\u0309': 0xe5, '\u0303': 0xe3, '\u0323': 0xe4 };
const BREVE: Record<string, number> = { '': 0xea, '\u0301': 0xe9, '\u0300': 0xe8, '\u0309': 0xfa, '\u0303': 0xfc, '\u0323': 0xeb };
const VNI_LETTER: Record<string, number> = {
  ơ: 0xf4, Ơ: 0xd4, ư: 0xf6, Ư: 0xd6, đ: 0xf1, Đ: 0xd1,
  í: 0xed, Í: 0xcd, ì: 0xec, Ì: 0xcc, ỉ: 0xe6, Ỉ: 0xc6, ĩ: 0xf3, Ĩ: 0xd3, ị: 0xf2, Ị: 0xd2, ỵ: 0xee, Ỵ: 0xce,
};

export function encodeVni(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    if (ch in VNI_LETTER) {
      out.push(VNI_LETTER[ch]!);
      continue;
    }
    const nfd = ch.normalize('NFD');
    const base = nfd[0]!;
    const marks = nfd.slice(1);
    const upper = base !== base.toLowerCase();
    const shift = (b: number) => (upper ? b - 0x20 : b);
    const tone = [...marks].find((m) => m in TONES) ?? '';
    if (marks.includes('\u031b')) {
      // horn: ơ / ư plus a tone
      const letter = (base + '\u031b').normalize('NFC');
      out.push(VNI_LETTER[letter]!, ...(tone ? [shift(TONES[tone]!)] : []));
    } else if (marks.includes('\u0302')) out.push(base.charCodeAt(0), shift(HAT[tone]!));
    else if (marks.includes('\u0306')) out.push(base.charCodeAt(0), shift(BREVE[tone]!));
    else if (tone && /[iIyY]/.test(base) && tone !== '\u0301' && tone !== '\u0300' && (base + tone).normalize('NFC') in VNI_LETTER)
      out.push(VNI_LETTER[(base + tone).normalize('NFC')]!);
    else if (tone && (base + tone).normalize('NFC') in VNI_LETTER) out.push(VNI_LETTER[(base + tone).normalize('NFC')]!);
    else if (tone) out.push(base.charCodeAt(0), shift(TONES[tone]!));
    else out.push(cp1252Byte(ch));
  }
  return new Uint8Array(out);
}

const TCVN3_LOWER: Record<string, number> = {
  ă: 0xa8, â: 0xa9, ê: 0xaa, ô: 0xab, ơ: 0xac, ư: 0xad, đ: 0xae,
  Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7,
  à: 0xb5, ả: 0xb6, ã: 0xb7, á: 0xb8, ạ: 0xb9, ằ: 0xbb, ẳ: 0xbc, ẵ: 0xbd, ắ: 0xbe, ặ: 0xc6,
  ầ: 0xc7, ẩ: 0xc8, ẫ: 0xc9, ấ: 0xca, ậ: 0xcb, è: 0xcc, ẻ: 0xce, ẽ: 0xcf, é: 0xd0, ẹ: 0xd1,
  ề: 0xd2, ể: 0xd3, ễ: 0xd4, ế: 0xd5, ệ: 0xd6, ì: 0xd7, ỉ: 0xd8, ĩ: 0xdc, í: 0xdd, ị: 0xde,
  ò: 0xdf, ỏ: 0xe1, õ: 0xe2, ó: 0xe3, ọ: 0xe4, ồ: 0xe5, ổ: 0xe6, ỗ: 0xe7, ố: 0xe8, ộ: 0xe9,
  ờ: 0xea, ở: 0xeb, ỡ: 0xec, ớ: 0xed, ợ: 0xee, ù: 0xef, ủ: 0xf1, ũ: 0xf2, ú: 0xf3, ụ: 0xf4,
  ừ: 0xf5, ử: 0xf6, ữ: 0xf7, ứ: 0xf8, ự: 0xf9, ỳ: 0xfa, ỷ: 0xfb, ỹ: 0xfc, ý: 0xfd, ỵ: 0xfe,
};

/** TCVN3: capitals with tone marks come from the capital font, i.e. the lower-case codes. */
export function encodeTcvn3(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) out.push(c);
    else out.push(TCVN3_LOWER[ch] ?? TCVN3_LOWER[ch.toLowerCase()] ?? cp1252Byte(ch));
  }
  return new Uint8Array(out);
}

let cp1258: Map<string, number> | null = null;

/** Windows-1258: precomposed base letters plus combining tone marks. */
export function encodeCp1258(text: string): Uint8Array {
  if (!cp1258) {
    cp1258 = new Map();
    const d = new TextDecoder('windows-1258');
    for (let b = 0; b < 256; b++) cp1258.set(d.decode(new Uint8Array([b])), b);
  }
  const map = cp1258;
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = map.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const nfd = ch.normalize('NFD');
    const tone = [...nfd].find((m) => m in TONES);
    const base = (tone ? nfd.replace(tone, '') : nfd).normalize('NFC');
    const b = map.get(base);
    const t = tone ? map.get(tone) : undefined;
    if (b !== undefined && t !== undefined) out.push(b, t);
    else out.push(0x3f);
  }
  return new Uint8Array(out);
}

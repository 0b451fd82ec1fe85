/**
 * Whether a text layer reads as Vietnamese. A PDF may carry text that is no
 * use: the hidden layer of a scanner's OCR run without Vietnamese ("Kê hoach
 * thưc hiên" is fine, "Kª ho¹ch thùc hiÖn" or "KÉ hoạch thục hiện" are not)
 * or glyphs that map to nothing readable (private-use codes, symbols). Such a
 * page is read again from its image.
 *
 * In: a page's text (legacy fonts already repaired). Out: the share of its
 * words that are possible Vietnamese syllables (or numbers, abbreviations),
 * and whether that is enough to use the text.
 */
import { remembered } from '../normalise/memo.js';

const VI_LETTERS = /^[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/u;
/** The vowel groups of a syllable (glides included), longest first: "ie" or "ye" without their hat are not among them. */
const NUCLEI = [
  'uyêu', 'oai', 'oao', 'oay', 'oeo', 'iêu', 'yêu', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
].join('|');
/** Onset, vowels, ending of a syllable, tone marks set aside. */
const SYLLABLE = new RegExp(`^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(?:${NUCLEI})(?:ng|nh|ch|[cmnpt]|)$`, 'u');
/** Vowel letters may carry one tone mark; a second one on a syllable is not Vietnamese. */
const TONED = /[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/gu;

export interface TextQuality {
  words: number;
  /** Share of words that can be Vietnamese (0–1). */
  share: number;
  /** Share of lower-case words with no Vietnamese mark at all ("thuc", "hien"): a fifth in Vietnamese prose. */
  plain: number;
  usable: boolean;
}

export function textQuality(text: string): TextQuality {
  const tokens = text.normalize('NFC').split(/[\s\-–—/.,;:()"'“”‘’!?…[\]]+/u).filter((t) => /\p{L}/u.test(t));
  let good = 0;
  let junk = 0;
  let lower = 0;
  let plainWords = 0;
  for (const t of tokens) {
    if (/[\uE000-\uF8FF\uFFFD]/u.test(t)) {
      junk++;
      continue;
    }
    if (isWord(t)) good++;
    if (t !== t.toUpperCase()) {
      lower++;
      if (/^[a-z]+$/iu.test(t)) plainWords++;
    }
  }
  const words = tokens.length;
  const share = words === 0 ? 0 : good / words;
  const plain = lower === 0 ? 0 : plainWords / lower;
  // A few words are too few to judge (a page of figures, a stamp): keep them. An OCR layer made without
  // Vietnamese drops most marks ("Thuc hién Nghi quyét"): many plain words and hats missing ("ie" for "iê").
  // Text with hardly a marked letter is not Vietnamese read wrong but another language (an English annex,
  // system names): OCR with Vietnamese would not read it better. Mojibake and broken OCR layers carry marks.
  const marked = tokens.filter((t) => /[^\x00-\x7F]/u.test(t)).length;
  const foreign = marked < 0.1 * words && junk < words / 2;
  const usable = words < 12 ? junk < words / 2 || words === 0 : foreign || (share >= 0.6 && (plain <= 0.5 || lower < 12));
  return { words, share, plain, usable };
}

/**
 * Answers already worked out: Vietnamese is written with a few thousand syllables, so a batch of PDFs asks
 * about the same words over and over (judging one takes two normalisations and a long pattern). Bounded.
 */
const isWord = remembered(judgeWord, 50_000);

function judgeWord(t: string): boolean {
  if (/\d/u.test(t)) return true;
  // Abbreviations: UBND, HĐND, KH-UBND, TT.
  if (t.length <= 8 && t === t.toUpperCase() && /^[A-ZĐ]+$/u.test(t)) return true;
  const w = t.toLowerCase();
  if (!VI_LETTERS.test(w)) return false;
  if ((w.match(TONED) ?? []).length > 1) return false;
  const bare = w.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, '').normalize('NFC');
  return SYLLABLE.test(bare);
}

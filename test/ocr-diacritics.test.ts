import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { baseOf, isSyllable, restoreDiacritics } from '../pipeline/node/ocr/diacritics.js';

/**
 * OCR of scanned plans, part 4: tesseract reads the letters of Vietnamese in
 * Times New Roman well but misreads the tone marks ("nổ" → "nỗ"/"nô",
 * "thẩm" → "thâm", "bổ" → "bố"), and reads those words less surely. Such a
 * doubtful word is put right from the words beside it, by how real
 * administrative text writes them; a word read surely, an abbreviation, a
 * number or a word that is not Vietnamese is left as it is.
 */

/** A line as tesseract gives it: words at 97 (sure) unless a confidence follows "/" ("nô./88"). */
function line(text: string): Array<{ text: string; conf: number }> {
  return text.split(' ').map((w) => {
    const m = /^(.*)\/(\d+)$/u.exec(w);
    return m ? { text: m[1]!, conf: Number(m[2]) } : { text: w, conf: 97 };
  });
}

const restore = (text: string, maxConf?: number) => restoreDiacritics(line(text), { maxConf }).join(' ');

describe('the lexicon', () => {
  it('loads on first use and corrects from the first line', () => {
    // Its speed is the benchmark's to measure; here only that the first call already has the table.
    expect(restoreDiacritics(line('vật liệu nô/90 công nghiệp'))).toEqual(['vật', 'liệu', 'nổ', 'công', 'nghiệp']);
  });

  it('says where it came from, and never drew on the pages kept aside to measure the project', () => {
    const text = gunzipSync(readFileSync(new URL('../pipeline/node/ocr/lexicon/vi-bigrams.txt.gz', import.meta.url))).toString('utf8');
    const header = text.slice(0, text.indexOf('@unigrams'));
    expect(header).toContain('# repository: https://github.com/tnt305/tai_lieu_noi_bo');
    expect(header).toContain('# commit: 94c5034af72cc7e5020694d06eceb126a103d48b');
    const aside = ['c5d930a5fc8373cd', '31786b0833a4130d', 'f004d93b21e7fc5f', '74e2ddc7b11340da', '192068354fd1ffe5'];
    aside.push('2edf5927c71bc4c1', 'ad5aff6c13929815', '6a406c1f9dfed9c3', '09daab284f92e2dd');
    expect(header.split('\n').find((l) => l.startsWith('# excluded:'))!.split(' ').slice(2).sort()).toEqual(aside.sort());
  });

  it('knows a syllable from an abbreviation or a foreign word', () => {
    expect(['nổ', 'thẩm', 'nghiêng', 'khuỷu', 'đường', 'quyền', 'ủy', 'uỷ'].every(isSyllable)).toBe(true);
    expect(['ubnd', 'vlncn', 'tctn', 'hđnd', 'file', 'zalo', 'ñam', 'nổổ', '2026'].some(isSyllable)).toBe(false);
    expect(baseOf('Đề Xuất')).toBe('de xuat');
  });
});

describe('tone marks put right from the neighbours', () => {
  it('"nỗ" and "nô." read at 91 in "vật liệu nổ" and "thuốc nổ" become "nổ", the full stop kept', () => {
    expect(restore('tổ chức hoạt động trong lĩnh vực vật liệu nỗ/91 công nghiệp, tiền chất thuốc nô./91')).toBe(
      'tổ chức hoạt động trong lĩnh vực vật liệu nổ công nghiệp, tiền chất thuốc nổ.',
    );
  });

  it('"thâm quyền" and "bố sung" become "thẩm quyền" and "bổ sung" (lines of a letter scanned at 300 dpi)', () => {
    expect(restore('kiến nghị cơ quan có thâm/93 quyền/83 sửa/97 đổi,/80 bô/95 sung/96 hoặc')).toBe(
      'kiến nghị cơ quan có thẩm quyền sửa đổi, bổ sung hoặc',
    );
    expect(restore('có thâm/88 quyền sửa đổi, bố/90 sung')).toBe('có thẩm quyền sửa đổi, bổ sung');
  });

  it('puts right "câp", "tô chức", "để xuất" and "quyên"', () => {
    expect(restore('Ủy ban nhân dân câp/86 tỉnh')).toBe('Ủy ban nhân dân cấp tỉnh');
    expect(restore('các tô/89 chức, cá nhân')).toBe('các tổ chức, cá nhân');
    expect(restore('Rà soát và để/90 xuất, kiến nghị')).toBe('Rà soát và đề xuất, kiến nghị');
    expect(restore('cơ quan nhà nước có thẩm quyên/88 quyết định')).toBe('cơ quan nhà nước có thẩm quyền quyết định');
  });

  it('two misread neighbours are put right together', () => {
    expect(restore('Yêu cầu các tô/90 chưc/88 thực hiện')).toBe('Yêu cầu các tổ chức thực hiện');
  });

  it('keeps a capital first letter, and writes a heading in capitals in capitals', () => {
    expect(restore('Tô/88 chức thực hiện')).toBe('Tổ chức thực hiện');
    expect(restore('IV. TÔ/88 CHỨC THỰC HIỆN')).toBe('IV. TỔ CHỨC THỰC HIỆN');
  });

  it('keeps the punctuation around a word', () => {
    expect(restore('vật liệu nô/85 (VLNCN),')).toBe('vật liệu nổ (VLNCN),');
    expect(restore('tiền chất thuốc nô”),/85')).toBe('tiền chất thuốc nổ”),');
  });
});

describe('what is left as read', () => {
  it('a right word read with little confidence stays right', () => {
    expect(restore('Công tác quản lý nhà nước về/92 vật liệu nổ công nghiệp')).toBe('Công tác quản lý nhà nước về vật liệu nổ công nghiệp');
    expect(restore('Sở Nông nghiệp và/85 Môi trường chủ trì,/88 phối/86 hợp với các sở,/90 ngành')).toBe(
      'Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành',
    );
  });

  it('a word read surely is never changed, however unlikely', () => {
    expect(restore('cơ quan có thâm quyền sửa đổi, bố sung')).toBe('cơ quan có thâm quyền sửa đổi, bố sung');
    expect(restore('vật liệu nô/93 công nghiệp', 93)).toBe('vật liệu nô công nghiệp');
  });

  it('abbreviations, numbers and foreign words are left alone, doubtful or not', () => {
    expect(restore('liên quan VLNCN,/70 TCTN/66 trên địa bàn')).toBe('liên quan VLNCN, TCTN trên địa bàn');
    expect(restore('UBND/60 tỉnh CA/70 tỉnh Số:/80 193/79 /UBND-KT/79')).toBe('UBND tỉnh CA tỉnh Số: 193 /UBND-KT');
    expect(restore('gửi file/80 qua Zalo/80 trước ngày 10/01/2026/80')).toBe('gửi file qua Zalo trước ngày 10/01/2026');
  });

  it('a word with no neighbour in its line has nothing to go by', () => {
    expect(restore('nô/80')).toBe('nô');
    expect(restore('a) thâm;/85 b)')).toBe('a) thâm; b)');
  });

  it('keeps the way a word places its tone ("Uỷ" as "Uỷ", not "Ủy")', () => {
    expect(restore('Chủ tịch Uỷ/85 ban nhân dân tỉnh')).toBe('Chủ tịch Uỷ ban nhân dân tỉnh');
    expect(restore('CỘNG HOÀ/85 XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('gives back one text per word, in order, and nothing for no words', () => {
    const words = line('chỉ huy nô/93 mìn, thợ mìn/93 và những');
    const out = restoreDiacritics(words);
    expect(out).toHaveLength(words.length);
    expect(out).toEqual(['chỉ', 'huy', 'nổ', 'mìn,', 'thợ', 'mìn', 'và', 'những']);
    expect(restoreDiacritics([])).toEqual([]);
  });

  it('whatever the line, changes only the marks of doubtful words', () => {
    const pieces = ['tô', 'chức', 'nô', 'nổ', 'thâm', 'quyền', 'Để', 'XUẤT', 'UBND', '2026', 'file', '(', '),', '.', ',', '“', 'ủy', 'hoà', 'đ', 'A', ''];
    const word = fc.record({
      text: fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
      conf: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const out = restoreDiacritics(words);
        expect(out).toHaveLength(words.length);
        out.forEach((text, i) => {
          if (text === words[i]!.text) return;
          expect(words[i]!.conf).toBeLessThan(97);
          expect(baseOf(text)).toBe(baseOf(words[i]!.text));
        });
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { convertDocument } from '../pipeline/convert.js';
import { decodeTcvn3, decodeVni, repairLegacyText } from '../pipeline/read/legacy.js';
import { encodeCp1258, encodeTcvn3, encodeVni } from './helpers/legacy.js';

const seedPath = new URL('../samples/000_608305ae69954cdd.txt', import.meta.url);
const seed = readFileSync(seedPath, 'utf8');

const tasks = async (name: string, bytes: Uint8Array) =>
  (await convertDocument(name, bytes)).tasks.map((t) => ({ ...t, id: undefined }));

describe('plans typed in the legacy Vietnamese encodings read like the Unicode plan', () => {
  it('decodes TCVN3 (ABC) and VNI words', () => {
    expect(decodeTcvn3(Buffer.from('K\u00d5 ho\u00b9ch', 'latin1'))).toBe('Kế hoạch');
    expect(decodeVni(Buffer.from('Ke\u00e1 hoa\u00efch', 'latin1'))).toBe('Kế hoạch');
    expect(decodeVni(Buffer.from('KE\u00c1 HOA\u00cfCH', 'latin1'))).toBe('KẾ HOẠCH');
    expect(decodeTcvn3(Buffer.from('C\u00e9ng ho\u00b5 x\u00b7 h\u00e9i', 'latin1'))).toBe('Cộng hoà xã hội');
  });

  it('repairs Unicode text that is really TCVN3 read as Latin-1, and leaves real Unicode alone', () => {
    expect(repairLegacyText('KÕ ho¹ch thùc hiÖn nhiÖm vô cña c¸c së')?.encoding).toBe('tcvn3');
    expect(repairLegacyText('Kế hoạch thực hiện nhiệm vụ')).toBeNull();
    expect(repairLegacyText('Plain English text, nothing to repair.')).toBeNull();
  });

  const unicode = tasks('plan.txt', new TextEncoder().encode(seed));

  it.each([
    ['Windows-1258', encodeCp1258],
    ['TCVN3 (ABC)', encodeTcvn3],
    ['VNI', encodeVni],
  ])('seed 000 in %s gives the same tasks', async (_name, encode) => {
    const bytes = encode(seed);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await tasks('plan.txt', bytes)).toEqual(await unicode);
  });

  it('seed 000 in TCVN3 saved again as UTF-8 (mojibake) is repaired too', async () => {
    const mojibake = Buffer.from(encodeTcvn3(seed)).toString('latin1');
    expect(await tasks('plan.txt', new TextEncoder().encode(mojibake))).toEqual(await unicode);
  });

  it('NFD text, old tone placement and "Ð" give the same tasks', async () => {
    const variant = seed.normalize('NFD');
    expect(await tasks('plan.txt', new TextEncoder().encode(variant))).toEqual(await unicode);
    const eth = seed.replace(/Đ/g, '\u00D0');
    expect(await tasks('plan.txt', new TextEncoder().encode(eth))).toEqual(await unicode);
  });
});

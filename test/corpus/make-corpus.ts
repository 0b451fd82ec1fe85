/**
 * Writes the corpus of hostile and broken inputs under test/corpus/files/.
 * Run: npx tsx test/corpus/make-corpus.ts
 * The outputs are committed so tests need no generator; the 200 MB text file
 * is the exception: the corpus test makes it in a temporary folder.
 * Each file's expected outcome is in test/corpus/expected.json.
 */
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, zipSync, strToU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { encodeCp1258, encodeTcvn3, encodeVni } from '../helpers/legacy.js';
import { makeDocx, p, tbl, tr, tc } from '../helpers/docx.js';

const root = new URL('./', import.meta.url).pathname;
const out = join(root, 'files');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const seed = readFileSync(new URL('../../samples/000_608305ae69954cdd.txt', import.meta.url), 'utf8');
const put = (name: string, data: Uint8Array | string) => writeFileSync(join(out, name), data);

/** Deterministic junk: a linear congruential generator, so the corpus is the same on every run. */
function junk(n: number, seedValue = 42): Uint8Array {
  const b = new Uint8Array(n);
  let x = seedValue;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  b[0] = 0x01; // never a valid text or zip start
  return b;
}

// ---- empty and junk -------------------------------------------------------
put('empty.txt', '');
put('junk.txt', junk(4096, 1));
put('junk.docx', junk(4096, 2));
put('junk.pdf', junk(4096, 3));

// ---- broken Word files --------------------------------------------------------
const appendix = tbl(3, [
  tr([tc('TT'), tc('Nội dung nhiệm vụ'), tc('Cơ quan chủ trì')], { header: true }),
  tr([tc('1'), tc('Xây dựng kế hoạch'), tc('Sở Y tế')]),
]);
const goodDocx = makeDocx(p('KẾ HOẠCH') + appendix);
put('truncated.docx', goodDocx.slice(0, Math.floor(goodDocx.length / 2)));
put('not-a-docx.docx', zipSync({ 'hello.txt': strToU8('Xin chào'), 'data/readme.md': strToU8('# not Word') }));
put('no-tasks.docx', makeDocx(p('KẾ HOẠCH') + p('Chỉ có văn xuôi, không có bảng và không có nhiệm vụ nào.')));

// An OLE compound file holding "EncryptedPackage": how Office stores a password-protected .docx.
function oleWith(streamName: string): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = new Uint8Array(Buffer.from(streamName, 'utf16le'));
  b.set(name, 1024);
  return b;
}
put('encrypted.docx', oleWith('EncryptedPackage'));

// A zip bomb: 300 MB of zeros compressed to a few hundred KB, declared honestly.
{
  const zeros = new Uint8Array(300 * 1024 * 1024);
  const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': zeros }, { level: 9 });
  put('zip-bomb.docx', bomb);
}

// XML with an external entity (XXE) and XML nested 100,000 deep.
{
  const xxe =
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    '<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>';
  put('xxe.docx', makeDocx('', { 'word/document.xml': xxe }));
  const deep =
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    '<w:sdt>'.repeat(100_000) + '</w:sdt>'.repeat(100_000) + '</w:body></w:document>';
  put('deep.docx', makeDocx('', { 'word/document.xml': deep }));
}

// ---- broken PDFs ------------------------------------------------------------------
/** A small PDF with correct cross-reference offsets. */
function pdf(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
{
  // Scanned: a page that paints one grey image and has no text (a blank scan: ocr.blank where tesseract is installed).
  const pixels = Buffer.from(deflateSync(new Uint8Array(64 * 64).fill(200))).toString('latin1');
  const draw = 'q 500 0 0 700 50 50 cm /Im1 Do Q';
  put(
    'scanned.pdf',
    pdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
      `<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n${pixels}\nendstream`,
      `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`,
    ]),
  );
  // Password-protected: a standard security handler whose user password is not empty.
  const enc = pdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'6f'.repeat(32)}> /U <${'75'.repeat(32)}> >>`,
    ],
    `/Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] `,
  );
  put('password.pdf', enc);
  // Corrupt: a PDF header and then nothing usable.
  put('corrupt.pdf', new Uint8Array([...Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'), ...junk(2048, 9)]));
}

// ---- text in old encodings and Unicode variants (all good: converted like the seed) -----
put('seed-windows-1258.txt', encodeCp1258(seed));
put('seed-tcvn3.txt', encodeTcvn3(seed));
put('seed-vni.txt', encodeVni(seed));
put('seed-nfd.txt', seed.normalize('NFD'));
put('seed-old-tones.txt', seed.replace(/Đ/g, '\u00D0').replace(/hòa/g, 'hoà').replace(/Hòa/g, 'Hoà').replace(/thủy/g, 'thuỷ'));

// ---- spreadsheets and CSV ----------------------------------------------------------
async function workbooks(): Promise<void> {
  const header = ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Thời hạn', 'Trạng thái'];
  const rows = [
    [1, 'Xây dựng kế hoạch', 'Sở Y tế', 'Quý II/2026', 'Đang thực hiện'],
    [2, 'Tổ chức hội nghị', 'Sở Nội vụ', 'Tháng 9/2026', 'Hoàn thành'],
  ];
  {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    ws.addRow(header);
    rows.forEach((r) => ws.addRow(r));
    // Validation over whole columns: exceljs would expand it cell by cell when reading.
    (ws as unknown as { dataValidations: { add(ref: string, v: object): void } }).dataValidations.add('E2:E1048576', {
      type: 'list',
      allowBlank: true,
      formulae: ['"Chưa thực hiện,Đang thực hiện,Hoàn thành"'],
    });
    put('whole-column-validation.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    ws.addRow(header);
    ws.addRow(rows[0]);
    // A formula where staff should have typed a status; its cached value is what a reader sees.
    ws.addRow([2, 'Tổ chức hội nghị', 'Sở Nội vụ', 'Tháng 9/2026', { formula: 'IF(1=1,"Hoàn thành","")', result: 'Hoàn thành' }]);
    put('formula-status.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  const csv = [header, ...rows].map((r) => r.join(',')).join('\r\n');
  put('bom.csv', '\uFEFF' + csv);
  put('no-bom.csv', csv);
  put('formula-injection.csv', [header.join(','), '1,=HYPERLINK("http://x"),Sở Y tế,Quý II/2026,', '2,+84 912,@Sở Nội vụ,2026,'].join('\r\n'));
}
await workbooks();
console.log(`corpus written to ${out}`);
